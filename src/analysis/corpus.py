"""Batch runs over a corpus: partitions, worker processes or a Dask cluster, resumable output.

A corpus is never loaded whole. ``make_plan`` lists the inputs (file names and, for `.jsonl`,
line offsets: no article text) and cuts them into partitions of at most ``articles`` articles
or ``max_bytes`` bytes. Each partition is a ``Task`` that names its inputs by path, so the same
task runs in this process, in a local worker process or on a Dask worker that sees the same
filesystem; ``run_partition`` reads the partition, runs ``extract`` on each article and either
returns the JSON lines or writes the partition's Parquet tables itself (one file per table,
each written to a temporary name and renamed: a file is whole or absent).

The coordinator (``run``) keeps only a bounded window of tasks in flight (twice the workers),
consumes results in input order (so the output is the same for any number of workers), and for
Parquet records each finished partition in ``_manifest.json`` (rewritten atomically). The
manifest is the truth about a run: a partition counts as done only once it is listed there, so
``--resume`` after a ``kill -9`` or a lost worker redoes exactly the partitions not listed.

What this cannot do: Parquet output on Dask needs the output directory on a filesystem every
worker can write (a shared mount); object stores (``s3://``) would need fsspec paths here.
Local worker processes are replaced every ``RECYCLE_AFTER`` articles, Dask workers are not:
a stage's per-process cache that grows with the corpus grows there until the worker restarts.
"""

from __future__ import annotations

import collections
import gc
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .articles import MAX_BYTES, Article, _jsonl_record, input_files, read_article
from .atomic import atomic_write
from .errors import AnalysisError, Failure, InputError
from .extract import extract

MANIFEST = "_manifest.json"
MANIFEST_FORMAT = "analysis-corpus-run/1"
PARTITION_ARTICLES = 500
"""Default partition size: articles per partition (one Parquet file per table and partition)."""
PARTITION_BYTES = 64 * 1024 * 1024
"""A partition is also closed once its inputs reach this many bytes."""
JSONL_CHUNK = 16
"""Articles per task for JSON lines (small: a task's lines wait in memory until they can be
written in order)."""
JSONL_CHUNK_BYTES = 8_000
"""A local JSON lines task also ends at this many bytes of input (one or two news articles):
small tasks keep every worker busy to the end of a run instead of one waiting for another's last
long task. Not on Dask, where each task costs the scheduler about a millisecond."""
AHEAD = 8
"""JSON lines tasks submitted per local worker ahead of the one being written (small tasks need
several queued so that one long article does not leave the other workers idle). Parquet keeps
two per worker: a partition done but not yet recorded in the manifest is redone on resume."""
RECYCLE_AFTER = 10_000
"""Local worker processes are replaced after about this many articles each, so that caches
the stages keep per process (word types, lexicon look-ups) cannot grow with the corpus."""


class RunError(AnalysisError):
    """A corpus run that cannot start or go on: a bad output directory, a refused resume, an
    unreachable scheduler."""


# ---------------------------------------------------------------------------------------------
# planning: inputs -> partitions, without reading any article


@dataclass(frozen=True)
class Unit:
    """A run of consecutive inputs of one file: a `.txt` article, or lines of a `.jsonl`."""

    path: str
    """As the user gave it (relative paths resolve against ``Task.root``)."""
    kind: str = "txt"
    start: int = 0
    """Byte range of the `.jsonl` lines."""
    end: int = 0
    line: int = 1
    """Line number of the first line in the range (for ``path:line`` in messages)."""


@dataclass(frozen=True)
class Partition:
    index: int
    units: tuple[Unit, ...]
    articles: int
    """How many articles (and bad inputs) the partition holds."""

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass(frozen=True)
class Plan:
    partitions: list[Partition]
    articles: int
    fingerprint: str
    """sha256 over each input file's absolute path, size and modification time."""


def make_plan(inputs: Sequence[str], *, articles: int = PARTITION_ARTICLES,
              max_bytes: int = PARTITION_BYTES) -> Plan:
    """Cut the inputs into partitions, in input order. Reads `.jsonl` files line by line (to
    find line offsets) but keeps no text; a missing input becomes a unit that fails when read."""
    digest = hashlib.sha256()
    partitions: list[Partition] = []
    units: list[Unit] = []
    count = size = total = 0

    def close() -> None:
        nonlocal units, count, size
        if count:
            partitions.append(Partition(len(partitions), tuple(units), count))
        units, count, size = [], 0, 0

    for path, kind, start, end, line in _items(inputs, digest):
        if count >= articles or (count and size + (end - start) > max_bytes):
            close()
        last = units[-1] if units else None
        if kind == "jsonl" and last and last.kind == "jsonl" and last.path == path and last.end <= start:
            units[-1] = replace(last, end=end)
        else:
            units.append(Unit(path, kind, start, end, line))
        count += 1
        total += 1
        size += end - start
    close()
    return Plan(partitions, total, digest.hexdigest())


def _items(inputs: Sequence[str], digest) -> Iterator[tuple[str, str, int, int, int]]:
    """``(path, kind, start, end, line)`` for each article-to-be, updating ``digest``."""
    for path in input_files(inputs):
        name = str(path)
        try:
            stat = path.stat()
        except OSError:
            digest.update(f"{os.path.abspath(name)}\0missing\n".encode())
            yield name, "txt", 0, 0, 1
            continue
        digest.update(f"{os.path.abspath(name)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        if path.suffix != ".jsonl" or not path.is_file():
            yield name, "txt", 0, stat.st_size, 1
            continue
        offset = 0
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield name, "jsonl", offset, offset + len(raw), number
                offset += len(raw)


# ---------------------------------------------------------------------------------------------
# one partition (runs in a worker)


@dataclass(frozen=True)
class Task:
    partition: Partition
    root: str
    """The coordinator's working directory, against which relative input paths resolve."""
    published: date | None = None
    max_bytes: int = MAX_BYTES
    out: str | None = None
    """Parquet output directory (the worker writes the tables), or ``None`` for JSON lines."""


@dataclass
class PartitionResult:
    index: int
    articles: int = 0
    words: int = 0
    failures: list[Failure] = field(default_factory=list)
    lines: list[str] | None = None
    seconds: float = 0.0


def read_partition(task: Task) -> Iterator[Article | Failure]:
    """The partition's articles in order; a bad input yields its ``Failure`` instead."""
    for unit in task.partition.units:
        where = os.path.join(task.root, unit.path)
        if unit.kind == "jsonl":
            yield from _read_jsonl_range(unit, where, task.max_bytes)
            continue
        try:
            article = read_article(where, max_bytes=task.max_bytes)
        except InputError as err:
            yield _failure(err, unit.path, Path(unit.path).stem)
            continue
        yield article if article.source == unit.path else replace(article, source=unit.path)


def _read_jsonl_range(unit: Unit, where: str, max_bytes: int) -> Iterator[Article | Failure]:
    try:
        handle = open(where, "rb")
    except OSError as err:
        yield Failure(None, unit.path, type(err).__name__, err.strerror or str(err))
        return
    with handle:
        handle.seek(unit.start)
        number, offset = unit.line, unit.start
        while offset < unit.end:
            raw = handle.readline()
            if not raw:
                break
            offset += len(raw)
            source = f"{unit.path}:{number}"
            number += 1
            if not raw.strip():
                continue
            try:
                yield _jsonl_record(raw, source, max_bytes)
            except InputError as err:
                yield _failure(err, source, None)


def _failure(err: Exception, source: str, doc_id: str | None) -> Failure:
    if isinstance(err, InputError):
        reason = err.reason + (f" ({err.detail})" if err.detail else "")
    else:
        reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return Failure(doc_id, source, type(err).__name__, reason)


def run_partition(task: Task) -> PartitionResult:
    """Read, extract and (for Parquet) write one partition. An article whose extraction raises
    is recorded as a failure with the exception's type; the others go on."""
    started = time.perf_counter()
    result = PartitionResult(task.partition.index)
    tables = None
    if task.out is None:
        result.lines = []
    else:
        from .tables import PartitionTables

        tables = PartitionTables()
    for item in read_partition(task):
        if isinstance(item, Failure):
            result.failures.append(item)
            continue
        try:
            extraction = extract(item, published=task.published)
            if tables is None:
                result.lines.append(extraction.to_json())
            else:
                tables.add(extraction)
        except Exception as err:  # a bug on one article must not lose the rest of the corpus
            result.failures.append(_failure(err, item.source, item.doc_id))
            continue
        result.articles += 1
        result.words += item.words
    if tables is not None:
        for failure in result.failures:
            tables.add_failure(failure)
        write_partition(Path(task.out), task.partition.name, tables.tables())
    result.seconds = time.perf_counter() - started
    return result


def write_partition(out: Path, name: str, tables: dict) -> None:
    """``OUT/TABLE/NAME.parquet`` for each table, each written atomically."""
    import pyarrow.parquet as pq

    for table_name, table in tables.items():
        with atomic_write(out / table_name / f"{name}.parquet", "wb") as handle:
            pq.write_table(table, handle)


def partition_files(out: Path, name: str) -> list[Path]:
    from .tables import TABLES

    return [out / table / f"{name}.parquet" for table in TABLES]


# ---------------------------------------------------------------------------------------------
# executors: in this process, local worker processes, or Dask; results in input order


def _in_order(submit: Callable, tasks: Iterable[Task], window: int) -> Iterator[PartitionResult]:
    """Submit at most ``window`` tasks ahead of the one being waited for (flat memory)."""
    pending: collections.deque = collections.deque()
    try:
        for task in tasks:
            pending.append(submit(task))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _local(tasks: list[Task], jobs: int, ahead: int = 2) -> Iterator[PartitionResult]:
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield run_partition(task)
        return
    workers = min(jobs, len(tasks))
    group: list[Task] = []
    articles = 0
    for task in tasks:
        group.append(task)
        articles += task.partition.articles
        if articles >= RECYCLE_AFTER * workers:
            yield from _pool(group, workers, ahead)
            group, articles = [], 0
    if group:
        yield from _pool(group, workers, ahead)


def _pool(tasks: list[Task], workers: int, ahead: int) -> Iterator[PartitionResult]:
    """Run ``tasks`` on a fresh pool of ``workers`` processes (forked: no re-import)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    fork = sys.platform == "linux" and "fork" in methods
    if fork:
        _warm_up()
    context = multiprocessing.get_context("fork" if fork else None)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_sigint)
    finished = False
    try:
        yield from _in_order(lambda t: pool.submit(run_partition, t), tasks, ahead * workers)
        finished = True
    except BrokenProcessPool:
        raise RunError("a worker process died (killed, or out of memory); with --format parquet, "
                       "--resume finishes the run") from None
    finally:
        if not finished:  # interrupted or failed: stop the workers now, not after their partition
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


_WARM = False


def _warm_up() -> None:
    """Load the stages' resources (tagger weights, lexicons) once here, before forking, so the
    workers share them instead of each loading its own copy. Then ``gc.freeze()``, as the
    ``gc`` docs advise before a fork: the workers' collections skip those objects (their pages
    stay shared), and so does the final collection when the command exits (40 ms less). The
    price: cyclic garbage that exists at that moment is never collected in this process."""
    global _WARM
    if not _WARM:
        _WARM = True
        try:
            extract(Article("warm-up", "The minister said on Friday that talks had failed."))
        except Exception:  # a broken stage shows up, with its article, in the real run
            pass
        gc.freeze()


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the coordinator, which stops them (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _dask(tasks: list[Task], address: str) -> Iterator[PartitionResult]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise RunError("--scheduler needs dask.distributed (pip install 'dask[distributed]')") from None
    try:
        client = Client(address, set_as_default=False)  # waits `distributed.comm.timeouts.connect`
    except (OSError, TimeoutError) as err:
        raise RunError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    run = uuid.uuid4().hex[:8]
    try:
        threads = sum(client.nthreads().values()) or 1
        yield from _in_order(
            lambda t: client.submit(run_partition, t, pure=False, key=f"analysis-{run}-{t.partition.name}"),
            tasks, 2 * threads)
    except (AnalysisError, KeyboardInterrupt):
        raise
    except Exception as err:  # the cluster's own failures: one line, like any other run error
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        hint = " (is the same version of `analysis` installed on the scheduler and every worker?)" \
            if "deserializ" in str(err) else ""
        raise RunError(f"the Dask cluster at {address} failed: {first}{hint}") from None
    finally:
        client.close()


# ---------------------------------------------------------------------------------------------
# progress


class Progress:
    """articles/s, words/s and ETA on stderr: a tqdm bar on a terminal, else a plain line
    every ``every`` seconds (cron, CI, pipes). ``write`` prints a message without breaking it."""

    def __init__(self, total: int, initial: int = 0, every: float = 10.0, stream=None):
        self.stream = stream or sys.stderr
        self.total, self.initial, self.every = total, initial, every
        self.items = self.words = 0
        self.started = self.last = time.perf_counter()
        self.bar = None
        if self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=initial, unit=" articles", file=self.stream,
                            dynamic_ncols=True, smoothing=0.1)

    def advance(self, items: int, words: int) -> None:
        self.items += items
        self.words += words
        now = time.perf_counter()
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.words / max(now - self.started, 1e-9):,.0f} words/s",
                                     refresh=False)
            self.bar.update(items)
        elif now - self.last >= self.every:
            self.last = now
            print(f"analysis: {self.line(now)}", file=self.stream, flush=True)

    def line(self, now: float) -> str:
        seconds = max(now - self.started, 1e-9)
        done = self.initial + self.items
        rate = self.items / seconds
        eta = (self.total - done) / rate if rate else float("inf")
        percent = 100 * done / self.total if self.total else 100
        return (f"{done:,}/{self.total:,} articles ({percent:.0f}%), {rate:,.1f} articles/s, "
                f"{self.words / seconds:,.0f} words/s, ETA {_duration(eta)}")

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _duration(seconds: float) -> str:
    if seconds == float("inf"):
        return "?"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"


# ---------------------------------------------------------------------------------------------
# the run


@dataclass
class Summary:
    articles: int = 0
    """Articles extracted (in the whole output, resumed partitions included)."""
    words: int = 0
    failed: int = 0
    seconds: float = 0.0
    """Wall time of this invocation."""
    words_this_run: int = 0
    resumed_partitions: int = 0

    @property
    def words_per_second(self) -> float:
        return self.words_this_run / self.seconds if self.seconds else 0.0


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run(inputs: Sequence[str], *, output: str | None = None, format: str = "jsonl",
        jobs: int | None = None, scheduler: str | None = None, resume: bool = False,
        published: date | None = None, max_bytes: int = MAX_BYTES,
        partition_size: int | None = None, progress_every: float = 10.0) -> Summary:
    """Run ``extract`` over a corpus. JSON lines go to ``output`` (atomically) or stdout;
    Parquet goes to the directory ``output``. Failed articles are reported on stderr (and in
    the ``failures`` table) and counted in the summary."""
    started = time.perf_counter()
    jobs = jobs or default_jobs()
    if format == "parquet":
        if not output:
            raise RunError("--format parquet needs -o DIRECTORY")
        return _run_parquet(inputs, Path(output), jobs=jobs, scheduler=scheduler, resume=resume,
                            published=published, max_bytes=max_bytes,
                            partition_size=partition_size or PARTITION_ARTICLES,
                            progress_every=progress_every, started=started)
    if resume:
        raise RunError("--resume needs --format parquet (a JSON lines file is written in one go)")
    if output and (Path(output).is_dir() or output.endswith(("/", os.sep))):
        raise RunError(f"{output}: is a directory; add --format parquet to write tables there, "
                       "or give a file name for JSON lines")
    small = not (partition_size or scheduler)
    plan = make_plan(inputs, articles=partition_size or JSONL_CHUNK,
                     max_bytes=JSONL_CHUNK_BYTES if small else PARTITION_BYTES)
    root = os.getcwd()
    tasks = [Task(p, root, published, max_bytes) for p in plan.partitions]
    summary = Summary()
    progress = Progress(plan.articles, every=progress_every)
    out = atomic_write(output) if output else _Stdout()
    try:
        with out as handle:
            for result in _dask(tasks, scheduler) if scheduler else _local(tasks, jobs, AHEAD):
                handle.writelines(line + "\n" for line in result.lines)
                _account(summary, result, progress)
    finally:
        progress.close()
    summary.words_this_run = summary.words
    summary.seconds = time.perf_counter() - started
    return summary


def _account(summary: Summary, result: PartitionResult, progress: Progress) -> None:
    for failure in result.failures:
        progress.write(f"analysis: {failure.message}")
    summary.articles += result.articles
    summary.words += result.words
    summary.failed += len(result.failures)
    progress.advance(result.articles + len(result.failures), result.words)


class _Stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc) -> None:
        sys.stdout.flush()


def _run_parquet(inputs: Sequence[str], out: Path, *, jobs: int, scheduler: str | None,
                 resume: bool, published: date | None, max_bytes: int, partition_size: int,
                 progress_every: float, started: float) -> Summary:
    from . import __version__

    plan = make_plan(inputs, articles=partition_size)
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": __version__,
        "inputs": [str(i) for i in inputs],
        "root": os.getcwd(),
        "fingerprint": plan.fingerprint,
        "articles": plan.articles,
        "partitioning": {"articles_per_partition": partition_size, "bytes_per_partition": PARTITION_BYTES,
                         "partitions": len(plan.partitions)},
        "options": {"published": published.isoformat() if published else None, "max_bytes": max_bytes},
        "tables": _table_names(),
        "done": {},
        "complete": False,
    }
    manifest["done"] = _previous_run(out, manifest, resume)
    _remove_leftovers(out)
    _save(out, manifest)

    done = manifest["done"]
    summary = Summary(resumed_partitions=len(done))
    for stats in done.values():
        summary.articles += stats["articles"]
        summary.words += stats["words"]
        summary.failed += stats["failed"]
    initial = sum(stats["articles"] + stats["failed"] for stats in done.values())
    root = os.getcwd()
    tasks = [Task(p, root, published, max_bytes, str(out.resolve()))
             for p in plan.partitions if p.name not in done]
    progress = Progress(plan.articles, initial=initial, every=progress_every)
    if done:
        progress.write(f"analysis: resuming {out}: {len(done)} of {len(plan.partitions)} partitions already done")
    try:
        for result in _dask(tasks, scheduler) if scheduler else _local(tasks, jobs):
            _account(summary, result, progress)
            summary.words_this_run += result.words
            name = plan.partitions[result.index].name
            done[name] = {"articles": result.articles, "words": result.words,
                          "failed": len(result.failures), "seconds": round(result.seconds, 3)}
            _save(out, manifest)
    finally:
        progress.close()
    manifest["complete"] = True
    _save(out, manifest)
    summary.seconds = time.perf_counter() - started
    return summary


def _table_names() -> list[str]:
    from .tables import TABLES

    return list(TABLES)


_CHECKED = {
    "version": "the package version",
    "fingerprint": "the inputs (files added, removed or changed)",
    "inputs": "the inputs given",
    "partitioning": "the partitioning (--partition-size)",
    "options": "the options (--published, --max-bytes)",
    "tables": "the tables",
}


def _previous_run(out: Path, manifest: dict, resume: bool) -> dict[str, dict]:
    """Done partitions of an earlier run in ``out`` (checked to be the same run), or ``{}``."""
    path = out / MANIFEST
    if out.exists() and not out.is_dir():
        raise RunError(f"{out}: exists and is not a directory")
    if not path.exists():
        if out.exists() and any(out.iterdir()):
            raise RunError(f"{out}: not empty and holds no run ({MANIFEST}); choose a new directory")
        return {}
    if not resume:
        raise RunError(f"{out}: holds a run already ({MANIFEST}); add --resume to finish it, "
                       "or choose a new directory")
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise RunError(f"{path}: unreadable manifest ({err})") from None
    if old.get("format") != MANIFEST_FORMAT:
        raise RunError(f"{path}: not a manifest of this tool ({old.get('format')!r})")
    for key, what in _CHECKED.items():
        if old.get(key) != manifest[key]:
            raise RunError(f"cannot resume {out}: {what} differ from the run's "
                           f"({_show(old.get(key))} then, {_show(manifest[key])} now); "
                           "start a new output directory")
    return {name: stats for name, stats in old.get("done", {}).items()
            if all(p.exists() for p in partition_files(out, name))}


def _show(value) -> str:
    text = json.dumps(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def _remove_leftovers(out: Path) -> None:
    """Temporary files of a killed run (atomic_write's ``.NAME.*.tmp``)."""
    if not out.is_dir():
        return
    for table in out.iterdir():
        if table.is_dir():
            for tmp in table.glob(".part-*.tmp"):
                tmp.unlink(missing_ok=True)


def _save(out: Path, manifest: dict) -> None:
    manifest["updated"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    with atomic_write(out / MANIFEST) as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
        handle.write("\n")


def read_table(out: str | os.PathLike, table: str):
    """One table of a Parquet run as a pandas DataFrame: the partitions the manifest lists as
    done, in order (files of a partition a killed run left unfinished are ignored)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .tables import TABLES

    manifest = json.loads(Path(out, MANIFEST).read_text(encoding="utf-8"))
    names = sorted(manifest["done"], key=lambda name: int(name.rpartition("-")[2]))
    files = [Path(out, table, f"{name}.parquet") for name in names]
    parts = [pq.read_table(f, schema=TABLES[table].schema) for f in files]
    return pa.concat_tables(parts or [TABLES[table].schema.empty_table()]).to_pandas()


__all__ = ["Plan", "Partition", "Task", "PartitionResult", "Summary", "RunError", "make_plan",
           "run", "run_partition", "read_table", "default_jobs"]
