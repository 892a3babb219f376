"""Corpus runs: partitions, worker processes, Parquet tables, failures, resume after kill -9."""

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import corpus
from analysis.cli import main
from analysis.corpus import MANIFEST, Progress, make_plan, read_table
from analysis.extract import Statement
from analysis.tables import TABLES

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def raw_corpus(tmp_path: Path, count: int, name: str = "corpus") -> Path:
    """A folder with the first ``count`` sample articles (copied: data/raw is never written)."""
    folder = tmp_path / name
    folder.mkdir()
    for path in sorted(RAW.glob("*.txt"))[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def tables_of(out: Path) -> dict[str, pd.DataFrame]:
    return {name: read_table(out, name) for name in TABLES}


def assert_same_tables(left: Path, right: Path) -> None:
    a, b = tables_of(left), tables_of(right)
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


# planning ------------------------------------------------------------------------------------


def test_plan_cuts_partitions_by_count_and_keeps_order(tmp_path):
    folder = raw_corpus(tmp_path, 7)
    plan = make_plan([str(folder)], articles=3)
    assert [p.articles for p in plan.partitions] == [3, 3, 1]
    names = [Path(u.path).name for p in plan.partitions for u in p.units]
    assert names == sorted(p.name for p in folder.iterdir())
    assert plan.articles == 7


def test_plan_cuts_partitions_by_bytes(tmp_path):
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text("x" * 100)
    plan = make_plan([str(tmp_path)], articles=100, max_bytes=250)
    assert [p.articles for p in plan.partitions] == [2, 1]


def test_local_json_lines_run_in_small_tasks(tmp_path, monkeypatch):
    """Locally, a task holds about JSONL_CHUNK_BYTES of input (so no worker idles at the end);
    --partition-size keeps its meaning."""
    for name in "abcd":
        (tmp_path / f"{name}.txt").write_text("The minister said so. " * 200)  # 4,400 bytes each
    seen = []

    def local(tasks, jobs, ahead=2):
        seen.append([t.partition.articles for t in tasks])
        return iter(())

    monkeypatch.setattr(corpus, "_local", local)
    corpus.run([str(tmp_path)], output=str(tmp_path / "out.jsonl"), jobs=2)
    corpus.run([str(tmp_path)], output=str(tmp_path / "out.jsonl"), jobs=2, partition_size=3)
    assert seen == [[1, 1, 1, 1], [3, 1]]


def test_plan_splits_a_jsonl_file_by_line_ranges(tmp_path):
    lines = [json.dumps({"doc_id": f"d{i}", "text": f"Article {i} said so."}) for i in range(5)]
    path = tmp_path / "c.jsonl"
    path.write_text(lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n")
    plan = make_plan([str(path)], articles=2)
    assert [p.articles for p in plan.partitions] == [2, 2, 1]
    assert [p.units[0].line for p in plan.partitions] == [1, 4, 6]
    task_ids = [[a.doc_id for a in corpus.read_partition(corpus.Task(p, str(tmp_path)))]
                for p in plan.partitions]
    assert task_ids == [["d0", "d1"], ["d2", "d3"], ["d4"]]


def test_fingerprint_changes_when_an_input_changes(tmp_path):
    folder = raw_corpus(tmp_path, 2)
    before = make_plan([str(folder)]).fingerprint
    assert make_plan([str(folder)]).fingerprint == before
    (folder / "new.txt").write_text("Someone said something.")
    assert make_plan([str(folder)]).fingerprint != before


# same output for any number of workers --------------------------------------------------------


def test_jobs_2_jsonl_equals_jobs_1(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(RAW), "-o", str(one), "--jobs", "1"]) == 0
    assert main(["extract", str(RAW), "-o", str(two), "--jobs", "2", "--partition-size", "3"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text().splitlines()) == len(list(RAW.glob("*.txt")))


def test_jobs_2_parquet_equals_jobs_1(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["extract", str(RAW), "--format", "parquet", "-o", str(one), "--jobs", "1",
                 "--partition-size", "4"]) == 0
    assert main(["extract", str(RAW), "--format", "parquet", "-o", str(two), "--jobs", "2",
                 "--partition-size", "4"]) == 0
    assert_same_tables(one, two)
    articles = read_table(one, "articles")
    assert list(articles["doc_id"]) == sorted(p.stem for p in RAW.glob("*.txt"))
    assert len(list((one / "sentences").glob("part-*.parquet"))) == 7


def test_jsonl_corpus_in_parallel_with_a_bad_line(tmp_path, capsys):
    from analysis.articles import read_article

    lines = []
    for path in sorted(RAW.glob("*.txt"))[:6]:
        article = read_article(path)
        lines.append(json.dumps({"doc_id": article.doc_id, "text": article.body, "title": article.title,
                                 "published": article.published.isoformat() if article.published else None}))
    lines.insert(3, '{"doc_id": "broken", "text": ')
    source = tmp_path / "corpus.jsonl"
    source.write_text("\n".join(lines) + "\n")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(source), "-o", str(one), "--jobs", "1"]) == 1
    assert main(["extract", str(source), "-o", str(two), "--jobs", "2", "--partition-size", "2"]) == 1
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text().splitlines()) == 6
    assert capsys.readouterr().err.count(f"{source}:4: bad JSON lines record") == 2


def test_recycled_worker_pools_give_the_same_output(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "RECYCLE_AFTER", 3)   # 2 workers: a fresh pool every 2 partitions
    one, two = tmp_path / "one", tmp_path / "two"
    options = ["--format", "parquet", "--partition-size", "3"]
    assert main(["extract", str(RAW), *options, "-o", str(one), "--jobs", "1"]) == 0
    assert main(["extract", str(RAW), *options, "-o", str(two), "--jobs", "2"]) == 0
    assert_same_tables(one, two)


def test_parquet_rows_match_the_json_output(tmp_path):
    out = tmp_path / "pq"
    jsonl = tmp_path / "out.jsonl"
    assert main(["extract", str(RAW), "--format", "parquet", "-o", str(out), "--jobs", "1"]) == 0
    assert main(["extract", str(RAW), "-o", str(jsonl), "--jobs", "1"]) == 0
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    sentences = read_table(out, "sentences")
    expected = [(r["doc_id"], s["start"], s["end"], s["speaker"], s["stance"])
                for r in records for s in r["sentences"]]
    got = list(sentences[["doc_id", "start", "end", "speaker", "stance"]].itertuples(index=False, name=None))
    assert got == expected
    first = sentences.iloc[0]
    body = (RAW / f"{first.doc_id}.txt").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert first.text == body[first.start:first.end]
    articles = read_table(out, "articles").set_index("doc_id")
    published = {r["doc_id"]: r["published"] for r in records}
    assert {k: (v.isoformat() if v else None) for k, v in articles["published"].items()} == published


def test_every_statement_field_is_a_column():
    columns = {c.name for c in TABLES["attributions"].columns}
    for f in dataclasses.fields(Statement):
        assert f.name in columns or {f"{f.name}_start", f"{f.name}_end"} <= columns, f.name


# failures ------------------------------------------------------------------------------------


def test_binary_file_goes_to_the_failures_table(tmp_path, capsys):
    folder = raw_corpus(tmp_path, 3)
    (folder / "zz_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    out = tmp_path / "pq"
    assert main(["extract", str(folder), "--format", "parquet", "-o", str(out), "--partition-size", "2"]) == 1
    failures = read_table(out, "failures")
    assert failures.to_dict("records") == [{
        "doc_id": "zz_image", "source": str(folder / "zz_image.txt"), "error": "BinaryFileError",
        "reason": "binary file, not text (contains NUL bytes)"}]
    assert len(read_table(out, "articles")) == 3
    err = capsys.readouterr().err
    assert "zz_image.txt: binary file" in err and "1 failed" in err and "Traceback" not in err


def test_a_bug_on_one_article_is_a_failure_and_the_rest_go_on(tmp_path, monkeypatch, capsys):
    folder = raw_corpus(tmp_path, 3)
    real = corpus.extract
    victim = sorted(folder.iterdir())[1].stem

    def buggy(article, published=None):
        if article.doc_id == victim:
            raise ValueError("stage broke")
        return real(article, published)

    monkeypatch.setattr(corpus, "extract", buggy)
    out = tmp_path / "pq"
    assert main(["extract", str(folder), "--format", "parquet", "-o", str(out), "--jobs", "1"]) == 1
    [failure] = read_table(out, "failures").to_dict("records")
    assert (failure["doc_id"], failure["error"]) == (victim, "ValueError")
    assert failure["reason"] == "ValueError: stage broke"
    assert victim not in set(read_table(out, "articles")["doc_id"])
    assert len(read_table(out, "articles")) == 2


# resume --------------------------------------------------------------------------------------

SLOW_CLI = """
import os, sys, time
import analysis.corpus as corpus
real = corpus.extract
def slow(article, published=None):
    time.sleep(float(os.environ.get("SLOW_SECONDS", "0.15")))
    return real(article, published)
corpus.extract = slow
from analysis.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _env() -> dict:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def test_resume_after_kill_9_redoes_only_unfinished_partitions(tmp_path):
    folder = raw_corpus(tmp_path, 8)
    out, whole = tmp_path / "killed", tmp_path / "whole"
    args = ["extract", str(folder), "--format", "parquet", "--partition-size", "2", "--jobs", "1"]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_CLI, *args, "-o", str(out)], env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    manifest = out / MANIFEST
    deadline = time.monotonic() + 60
    done: dict = {}
    while time.monotonic() < deadline and not done:
        time.sleep(0.01)
        if manifest.exists():
            done = json.loads(manifest.read_text())["done"]
    proc.kill()                      # SIGKILL: no cleanup runs
    proc.wait()
    state = json.loads(manifest.read_text())
    assert 1 <= len(state["done"]) < 4 and not state["complete"], proc.stderr.read()
    kept = {p: p.stat().st_mtime_ns for name in state["done"] for p in corpus.partition_files(out, name)}
    (out / "sentences" / ".part-00003.parquet.abc.tmp").write_bytes(b"half a file")
    (out / "sentences" / "part-00003.parquet").write_bytes(b"a partition never marked done")

    assert main([*args, "-o", str(out), "--resume"]) == 0
    assert all(p.stat().st_mtime_ns == t for p, t in kept.items())   # not redone
    assert not list(out.rglob("*.tmp"))
    assert json.loads(manifest.read_text())["complete"]
    assert main([*args, "-o", str(whole)]) == 0
    assert_same_tables(out, whole)


def test_a_lost_worker_process_stops_the_run_cleanly_and_resume_finishes_it(tmp_path):
    psutil = pytest.importorskip("psutil")
    folder = raw_corpus(tmp_path, 8)
    out, whole = tmp_path / "lost", tmp_path / "whole"
    args = ["extract", str(folder), "--format", "parquet", "--partition-size", "2", "--jobs", "2"]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_CLI, *args, "-o", str(out)], env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    workers: list = []
    while time.monotonic() < deadline and not workers:
        time.sleep(0.01)
        workers = psutil.Process(proc.pid).children()
    time.sleep(0.1)
    workers[0].kill()                # a worker lost mid-partition
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "a worker process died" in err and "Traceback" not in err
    assert not json.loads((out / MANIFEST).read_text())["complete"]

    assert main([*args, "-o", str(out), "--resume"]) == 0
    assert main([*args, "-o", str(whole)]) == 0
    assert_same_tables(out, whole)


def test_ctrl_c_stops_workers_at_once_without_tracebacks(tmp_path):
    import signal

    folder = raw_corpus(tmp_path, 12)
    out = tmp_path / "stopped"
    args = ["extract", str(folder), "--format", "parquet", "--partition-size", "2", "--jobs", "2"]
    # as at a terminal: a shell starts background jobs (a CI step run with "&") with SIGINT
    # ignored, and Python keeps an inherited SIG_IGN, so the child would never see the Ctrl-C
    terminal = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    proc = subprocess.Popen([sys.executable, "-c", terminal + SLOW_CLI, *args, "-o", str(out)],
                            env={**_env(), "SLOW_SECONDS": "3"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out / MANIFEST).exists():
        time.sleep(0.01)
    time.sleep(0.5)                          # the workers are inside their first 6 s partition
    os.killpg(proc.pid, signal.SIGINT)      # Ctrl-C reaches the whole process group
    started = time.monotonic()
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert time.monotonic() - started < 4   # does not wait for the partitions in flight
    assert json.loads((out / MANIFEST).read_text())["done"] == {}


def test_resume_with_other_inputs_is_refused(tmp_path, capsys):
    folder = raw_corpus(tmp_path, 3)
    out = tmp_path / "pq"
    assert main(["extract", str(folder), "--format", "parquet", "-o", str(out)]) == 0
    (folder / "extra.txt").write_text("A new article, the minister said.")
    assert main(["extract", str(folder), "--format", "parquet", "-o", str(out), "--resume"]) == 1
    err = capsys.readouterr().err
    assert f"cannot resume {out}: the inputs (files added, removed or changed) differ" in err
    assert "Traceback" not in err


def test_existing_run_without_resume_is_refused(tmp_path, capsys):
    folder = raw_corpus(tmp_path, 2)
    out = tmp_path / "pq"
    assert main(["extract", str(folder), "--format", "parquet", "-o", str(out)]) == 0
    assert main(["extract", str(folder), "--format", "parquet", "-o", str(out)]) == 1
    assert "add --resume" in capsys.readouterr().err
    assert main(["extract", str(folder), "--format", "parquet", "-o", str(out), "--resume"]) == 0
    err = capsys.readouterr().err
    assert "1 of 1 partitions already done" in err and "2 articles" in err


def test_parquet_needs_an_output_directory(write, tmp_path, capsys):
    path = write("a.txt", "The minister said talks failed.")
    assert main(["extract", str(path), "--format", "parquet"]) == 1
    assert "--format parquet needs -o DIRECTORY" in capsys.readouterr().err
    assert main(["extract", str(path), "-o", str(tmp_path)]) == 1     # JSON lines into a folder
    err = capsys.readouterr().err
    assert "is a directory; add --format parquet" in err and "Traceback" not in err


# progress ------------------------------------------------------------------------------------


class _Pipe:
    def __init__(self):
        self.lines: list[str] = []

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> None:
        self.lines.append(text)

    def flush(self) -> None:
        pass


def test_progress_lines_when_not_a_terminal():
    stream = _Pipe()
    progress = Progress(total=10, every=0.0, stream=stream)
    progress.advance(4, 1000)
    text = "".join(stream.lines)
    assert text.startswith("analysis: 4/10 articles (40%)")
    assert "articles/s" in text and "words/s" in text and "ETA" in text


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_summary_line(tmp_path, capsys, fmt):
    out = tmp_path / ("out.jsonl" if fmt == "jsonl" else "pq")
    assert main(["extract", str(RAW / "clock.txt"), "--format", fmt, "-o", str(out)]) == 0
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("analysis: 1 articles, ") and err.endswith("words/s") and "0 failed" in err
