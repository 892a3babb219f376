"""HTML reports: run the notebooks with papermill, render them with nbconvert, index them.

``render_reports(inputs, out_dir)`` is what ``analysis report`` runs:

- one report per article (``notebooks/01_article_report.ipynb``) and, for two or more
  articles, a corpus overview and a claim tracker (``02_...``, ``03_...``);
- self-contained HTML from the template ``resources/templates/analysis_report`` (no script,
  images embedded, inputs and papermill's parameters cell hidden, a footer naming the package
  version, the inputs and the date);
- incremental: each report's key hashes the article (body and metadata), the ``--published``
  fallback, the package version and source, the notebook and the template; a report whose key
  is unchanged is not rewritten, so a warm re-run costs reading the inputs;
- a notebook that fails fails its report: papermill's error is printed, the article is listed
  in ``index.html`` with a one-line reason, no HTML is written for it (a stale one is removed),
  and the run exits non-zero; every other report is still written;
- every write is atomic (temporary file + rename).

papermill and nbconvert are imported only when something has to be rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from . import __version__
from .articles import Article, iter_articles, read_article, read_jsonl
from .atomic import atomic_write
from .errors import AnalysisError, InputError, NotebookError
from .views import esc, is_web_url, safe_link

PACKAGE_DIR = Path(__file__).resolve().parent
NOTEBOOKS_DIR = PACKAGE_DIR.parents[1] / "notebooks"
"""The notebooks of a source checkout (``--notebooks`` points elsewhere)."""
TEMPLATE_DIR = PACKAGE_DIR / "resources" / "templates"
TEMPLATE_NAME = "analysis_report"
ARTICLE_NOTEBOOK = "01_article_report.ipynb"
CORPUS_NOTEBOOKS = {"02_corpus_overview.ipynb": "corpus_overview.html",
                    "03_claim_tracker.ipynb": "claim_tracker.html"}
MANIFEST = ".report-manifest.json"
KERNEL = "python3"
WARM_UP = ("exec('import analysis.chain, analysis.charts, analysis.report, analysis.views, io\\n"
           "from matplotlib.figure import Figure\\n"
           "f = Figure(); f.text(0, 0, \\'x\\'); f.savefig(io.BytesIO(), format=\\'png\\')', {})")
"""Run by a new kernel while it boots (in a namespace of its own, binding nothing): the
imports and the font loading every report needs, done while the runner loads papermill."""


# ---------------------------------------------------------------------------------------------
# loading (used by the notebooks)


def load_article(input_path: str | os.PathLike, doc_id: str | None = None) -> Article:
    """One article: a `.txt` file, or the record ``doc_id`` of a `.jsonl` file."""
    path = Path(input_path)
    if path.suffix != ".jsonl":
        return read_article(path)
    for item in read_jsonl(path):
        if isinstance(item, Article) and (doc_id is None or item.doc_id == doc_id):
            return item
    raise InputError(str(path), f"no article with doc_id {doc_id!r}")


def load_extraction(input_path: str | os.PathLike, doc_id: str | None = None,
                    published: str | date | None = None):
    """Read and analyse one article (``published``: fallback date, ISO string or date)."""
    from .extract import extract

    return extract(load_article(input_path, doc_id), published=_as_date(published))


@dataclass
class Corpus:
    extractions: list
    failures: list[InputError]

    def failures_frame(self):
        import pandas as pd

        return pd.DataFrame([{"input": e.source, "reason": str(e)} for e in self.failures],
                            columns=["input", "reason"])


def load_corpus(inputs: Sequence[str | os.PathLike] | str, published: str | date | None = None) -> Corpus:
    """Every article of the inputs, analysed; bad inputs are kept as failures, not raised."""
    from .extract import extract

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    fallback = _as_date(published)
    extractions, failures = [], []
    for item in iter_articles(inputs):
        if isinstance(item, InputError):
            failures.append(item)
        else:
            extractions.append(extract(item, published=fallback))
    return Corpus(extractions, failures)


SUMMARY_MIME = "application/vnd.analysis.summary+json"


class Summary:
    """What the index shows about a report (statements, claims), handed from the notebook's
    kernel to the runner as an output of its own type (the template renders none of it)."""

    def __init__(self, extraction):
        self.data = {"statements": len(extraction.attributions), "claims": len(extraction.claims)}

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = ", ".join(f"{k}: {v}" for k, v in self.data.items())
        return {SUMMARY_MIME: self.data, "text/plain": text}


def summary(extraction) -> Summary:
    """The last cell of an article notebook: the counts the index lists."""
    return Summary(extraction)


def read_summary(nb) -> dict:
    for cell in reversed(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if SUMMARY_MIME in data:
                return dict(data[SUMMARY_MIME])
    return {}


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    from .articles import parse_date

    return parse_date(value, "published")


# ---------------------------------------------------------------------------------------------
# keys


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The package version and a hash of its source and resources: a report made by other
    code is stale even when the version number did not change (a development checkout)."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def article_hash(article: Article) -> str:
    """The article's content: body and metadata, not where the file lies."""
    record = {"doc_id": article.doc_id, "body": article.body, "title": article.title,
              "outlet": article.outlet, "published": str(article.published), "url": article.url,
              "author": article.author, "extra": article.extra}
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


# ---------------------------------------------------------------------------------------------
# jobs


@dataclass
class Job:
    """One notebook to run and render into ``output``."""

    name: str
    """The report's file name (``doc.html``)."""
    notebook: str
    parameters: dict
    output: str
    key: str
    inputs: list[str]
    title: str
    row: dict = field(default_factory=dict)
    """What the index shows about it (title, outlet, published, statements, claims, source)."""


@dataclass
class Outcome:
    name: str
    ok: bool
    reason: str = ""
    seconds: float = 0.0
    row: dict = field(default_factory=dict)


@dataclass
class RunSummary:
    rendered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(input or report, one-line reason)."""
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def _slug(doc_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", doc_id).strip(".-")[:100] or "article"


def _input_of(article: Article) -> tuple[str, str | None]:
    """(path to hand the notebook, doc_id to pick from a `.jsonl` or ``None``)."""
    source = article.source
    if re.search(r"\.jsonl:\d+\Z", source):
        return str(Path(source.rsplit(":", 1)[0]).resolve()), article.doc_id
    return str(Path(source).resolve()), None


def plan(inputs: Sequence[str], out_dir: Path, notebooks: Path, published: date | None,
         corpus: bool | None = None) -> tuple[list[Job], list[InputError]]:
    """The jobs of a run (a report per good article, then the corpus reports) and the inputs
    that could not be read."""
    article_nb = notebooks / ARTICLE_NOTEBOOK
    if not article_nb.is_file():
        raise AnalysisError(f"{article_nb}: report notebook not found (use --notebooks DIR)")
    code = code_fingerprint()
    template = _template_hash()
    fallback = published.isoformat() if published else None
    nb_hash = _file_hash(article_nb)
    jobs: list[Job] = []
    failures: list[InputError] = []
    taken = {"index", *(Path(name).stem for name in CORPUS_NOTEBOOKS.values())}  # our own pages
    article_keys = []
    for item in iter_articles(inputs):
        if isinstance(item, InputError):
            failures.append(item)
            continue
        name = _slug(item.doc_id)
        base, n = name, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        path, doc_id = _input_of(item)
        content = article_hash(item)
        article_keys.append(content)
        key = _key("article", content, str(fallback), code, nb_hash, template)
        jobs.append(Job(
            name=f"{name}.html", notebook=str(article_nb),
            parameters={"input_path": path, "doc_id": doc_id, "published": fallback},
            output=str(out_dir / f"{name}.html"), key=key, title=item.title or item.doc_id,
            inputs=[f"{item.source} (sha256 {content[:12]})"],
            row={"title": item.title or item.doc_id, "outlet": item.outlet,
                 "published": (item.published or published).isoformat() if (item.published or published) else None,
                 "source": item.source, "url": item.url}))
    explicit = corpus is not None
    if corpus is None:
        corpus = len(jobs) >= 2
    if corpus and jobs:
        corpus_content = _key(*sorted(article_keys), *sorted(str(f) for f in failures))  # it lists both
        absolute = [str(Path(i).resolve()) for i in inputs]
        for notebook, output in CORPUS_NOTEBOOKS.items():
            path = notebooks / notebook
            if not path.is_file():
                if not explicit:  # a notebooks folder of article reports only
                    continue
                raise AnalysisError(f"{path}: report notebook not found (use --notebooks DIR)")
            title = "Corpus overview" if "overview" in output else "Claim tracker"
            jobs.insert(0, Job(
                name=output, notebook=str(path), parameters={"inputs": absolute, "published": fallback},
                output=str(out_dir / output), inputs=[f"{len(article_keys)} articles from: " + ", ".join(inputs)],
                key=_key("corpus", corpus_content, str(fallback), code, _file_hash(path), template),
                title=title, row={"title": title, "corpus": True}))
    return jobs, failures


@lru_cache(maxsize=1)
def _template_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((TEMPLATE_DIR / TEMPLATE_NAME).rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# rendering one report (runs in a worker process when --jobs > 1)


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.extra_template_basedirs = [str(TEMPLATE_DIR)]
    config.HTMLExporter.template_name = TEMPLATE_NAME
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.HTMLExporter.anchor_link_text = ""
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"parameters", "injected-parameters", "remove_cell"}
    config.HTMLExporter.preprocessors = ["nbconvert.preprocessors.TagRemovePreprocessor"]
    return HTMLExporter(config=config)


def _kernel_environment() -> None:
    """The kernel imports this very package (a source checkout or the installed one)."""
    parent = str(PACKAGE_DIR.parent)
    paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if parent not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([parent] + [p for p in paths if p])
    os.environ.setdefault("MPLBACKEND", "agg")


class _Kernel:
    """One kernel per process, started before anything else a report needs (it boots while
    the article is read and nbconvert loads) and reused by the next report of the same process
    with its user namespace reset (``%reset -f``): a notebook still sees no variable of
    another, but the package, pandas and matplotlib are imported once per process, not once
    per article. A kernel that died or does not answer the reset is replaced."""

    manager = None

    @classmethod
    def start(cls) -> None:
        if cls.manager is not None and cls.manager.is_alive():
            return
        import subprocess

        from jupyter_client.manager import KernelManager

        _kernel_environment()
        cls.manager = KernelManager(kernel_name=KERNEL)
        cls.manager.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 extra_arguments=[f"--IPKernelApp.exec_lines={WARM_UP}"])
        cls.fresh = True
        if not getattr(cls, "_registered", False):
            import atexit
            from multiprocessing import util

            atexit.register(cls.shutdown)
            util.Finalize(None, cls.shutdown, exitpriority=10)  # worker processes skip atexit
            cls._registered = True

    @classmethod
    def take(cls):
        """The kernel for the next notebook: fresh, or reset."""
        cls.start()
        if not cls.fresh:
            try:
                client = cls.manager.client()
                client.start_channels()
                try:
                    client.wait_for_ready(timeout=30)
                    reply = client.execute_interactive("%reset -f", silent=True, store_history=False, timeout=30)
                    ok = reply["content"]["status"] == "ok"
                finally:
                    client.stop_channels()
            except Exception:
                ok = False
            if not ok:
                cls.shutdown()
                cls.start()
        cls.fresh = False
        return cls.manager

    @classmethod
    def shutdown(cls) -> None:
        if cls.manager is not None:
            try:
                cls.manager.shutdown_kernel(now=True)
            except Exception:
                pass
            cls.manager = None


def execute(notebook: str | os.PathLike, parameters: dict):
    """Run a notebook with papermill; a failing cell raises ``NotebookError`` with the cell's
    error in one line (papermill's full error is its ``__cause__``)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    km = _Kernel.take()
    try:
        return papermill.execute_notebook(
            str(notebook), None, parameters=parameters, kernel_name=KERNEL, progress_bar=False,
            log_output=False, request_save_on_cell_execute=False, km=km)
    except PapermillExecutionError as err:
        evalue = (err.evalue or "").strip().splitlines()
        raise NotebookError(f"{Path(notebook).name} failed in cell {err.exec_count}: "
                            f"{err.ename}: {evalue[0] if evalue else ''}") from err
    finally:
        if not km.is_alive():
            _Kernel.shutdown()


def to_html(nb, title: str, inputs: list[str], notebook: str) -> str:
    resources = {"analysis": {
        "version": __version__, "title": title, "inputs": inputs, "notebook": Path(notebook).name,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return body


def render_job(job: Job) -> Outcome:
    """Run and render one report; never raises (a failure is an ``Outcome`` with a reason)."""
    started = time.perf_counter()
    try:
        _Kernel.start()  # boots while papermill and nbconvert load
        row = dict(job.row)
        nb = execute(job.notebook, job.parameters)
        row.update(read_summary(nb))
        _publish(Path(job.output), to_html(nb, job.title, job.inputs, job.notebook))
        row["rendered"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        return Outcome(job.name, True, seconds=time.perf_counter() - started, row=row)
    except NotebookError as err:
        cause = err.__cause__
        print(f"analysis: {job.name}: {cause}" if cause else f"analysis: {err}", file=sys.stderr)
        return Outcome(job.name, False, str(err), time.perf_counter() - started)
    except Exception as err:  # a kernel that dies, a template error: report it, go on
        reason = f"{type(err).__name__}: {str(err).strip().splitlines()[0] if str(err).strip() else ''}"
        print(f"analysis: {job.name}: {reason}", file=sys.stderr)
        return Outcome(job.name, False, reason, time.perf_counter() - started)


# ---------------------------------------------------------------------------------------------
# the run


def render_reports(inputs: Sequence[str], out_dir: str | os.PathLike, *, jobs: int = 1,
                   published: date | None = None, notebooks: str | os.PathLike | None = None,
                   corpus: bool | None = None, force: bool = False, log=None) -> RunSummary:
    """Render every report that is missing or stale, then the index. See the module docstring."""
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    log = log or (lambda line: print(line, file=sys.stderr))
    planned, bad_inputs = plan(inputs, out, Path(notebooks) if notebooks else NOTEBOOKS_DIR, published, corpus)
    manifest = _read_manifest(out)
    entries: dict[str, dict] = manifest.get("reports", {})
    summary = RunSummary()
    todo = []
    for job in planned:
        known = entries.get(job.name)
        if not force and known and known.get("key") == job.key and Path(job.output).is_file():
            summary.unchanged.append(job.name)
        else:
            todo.append(job)
    for outcome in _run(todo, jobs):
        job = next(j for j in todo if j.name == outcome.name)
        if outcome.ok:
            entries[job.name] = {**outcome.row, "key": job.key}
            summary.rendered.append(job.name)
            log(f"analysis: wrote {job.output} ({outcome.seconds:.1f} s)")
        else:
            summary.failed.append((job.row.get("source") or job.name, outcome.reason))
            if job.name in entries:  # never leave a stale page that looks fine
                entries.pop(job.name)
                Path(job.output).unlink(missing_ok=True)
    for err in bad_inputs:
        summary.failed.append((err.source, str(err)))
        log(f"analysis: {err}")
    current = {j.name for j in planned}
    ok_rows = [(j.name, entries[j.name]) for j in planned if j.name in entries and j.name in current]
    _write_if_changed(out / MANIFEST, json.dumps({"reports": entries}, indent=1, sort_keys=True) + "\n")
    _write_if_changed(out / "index.html", index_html(ok_rows, summary.failed, inputs))
    summary.seconds = time.perf_counter() - started
    return summary


def _run(todo: list[Job], jobs: int) -> Iterable[Outcome]:
    if jobs <= 1 or len(todo) <= 1:
        for job in todo:
            yield render_job(job)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no forked zmq or kernel state
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context) as pool:
        futures = {pool.submit(render_job, job): job for job in todo}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as err:  # a worker process that died (killed, out of memory)
                yield Outcome(futures[future].name, False, f"worker failed: {type(err).__name__}: {err}")


def _read_manifest(out: Path) -> dict:
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_if_changed(path: Path, text: str) -> bool:
    try:
        if path.read_text("utf-8") == text:
            return False
    except OSError:
        pass
    _publish(path, text)
    return True


def _publish(path: Path, text: str) -> None:
    """Atomic write, readable by everyone (reports are for sharing; a temporary file is
    created private)."""
    umask = os.umask(0)
    os.umask(umask)
    with atomic_write(path) as handle:
        handle.write(text)
        os.fchmod(handle.fileno(), 0o666 & ~umask)


# ---------------------------------------------------------------------------------------------
# the index


def index_html(rows: list[tuple[str, dict]], failed: list[tuple[str, str]], inputs: Sequence[str]) -> str:
    """The index page: every report and every failed input with its reason. The date shown is
    that of the newest report, so an unchanged run writes the same bytes."""
    corpus = [(n, r) for n, r in rows if r.get("corpus")]
    articles = [(n, r) for n, r in rows if not r.get("corpus")]
    newest = max((r.get("rendered", "") for _, r in rows), default="") or "no report rendered"
    parts = ["<h1>Reports</h1>"]
    if corpus:
        links = " · ".join(f'<a href="{esc(n)}">{esc(r["title"])}</a>' for n, r in corpus)
        parts.append(f"<p>Across the corpus: {links}</p>")
    parts.append(f"<h2>Articles ({len(articles)})</h2>")
    if articles:
        head = "".join(f"<th>{h}</th>" for h in ("Title", "Outlet", "Published", "Statements", "Claims",
                                                   "Source", "Original"))
        body = "".join(
            f'<tr><td><a href="{esc(n)}">{esc(r.get("title"))}</a></td><td>{esc(r.get("outlet"))}</td>'
            f'<td class="date">{esc(r.get("published"))}</td><td>{esc(r.get("statements"))}</td>'
            f'<td>{esc(r.get("claims"))}</td><td><code>{esc(r.get("source"))}</code></td>'
            f'<td>{_original(r.get("url"))}</td></tr>'
            for n, r in articles)
        parts.append(f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
    else:
        parts.append('<p class="empty">No report was rendered.</p>')
    if failed:
        parts.append(f"<h2>Failed ({len(failed)})</h2>")
        body = "".join(f"<tr><td><code>{esc(s)}</code></td><td>{esc(r)}</td></tr>" for s, r in failed)
        parts.append(f'<table class="data failed"><thead><tr><th>Input</th><th>Reason</th></tr></thead>'
                     f'<tbody>{body}</tbody></table>')
    footer = (f"<p>Made by <strong>analysis {esc(__version__)}</strong>; newest report {esc(newest)}.</p>"
              "<p>Inputs:</p><ul>" + "".join(f"<li><code>{esc(i)}</code></li>" for i in inputs) + "</ul>")
    return _page("Reports", "\n".join(parts), footer)


def _original(url: str | None) -> str:
    """A link to the original for http(s) URLs; any other URL shown as text, not clickable."""
    if not url:
        return ""
    return safe_link(url, "link") if is_web_url(url) else f"<code>{esc(url)}</code>"


def _page(title: str, main: str, footer: str) -> str:
    css = _template_css()
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
            "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n{main}\n</main>\n"
            f"<footer>{footer}</footer>\n</body>\n</html>\n")


@lru_cache(maxsize=1)
def _template_css() -> str:
    """The report template's stylesheet, so that the index looks like the reports."""
    text = (TEMPLATE_DIR / TEMPLATE_NAME / "index.html.j2").read_text("utf-8")
    match = re.search(r"<style>(.*?)</style>", text, re.S)
    return match.group(1) if match else ""


