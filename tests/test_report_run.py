"""`analysis report` end to end: index and reports for sample articles, a broken and a hostile
article in the batch, incremental re-runs, a failing notebook, and the hostile article opened
in headless chromium (installed by scripts/ensure_chromium.sh from `make test`)."""

import html
import json
import os
from html.parser import HTMLParser
import re
import shutil
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from analysis.cli import main
from analysis.report import NOTEBOOKS_DIR

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)

PAYLOAD = "document.title='PWNED';document.documentElement.appendChild(document.createElement('pwned'))"
HOSTILE = f"""---
title: <script>{PAYLOAD}</script>Hostile title
outlet: <img src=x onerror="{PAYLOAD}">Evil Outlet
url: javascript:{PAYLOAD}
author: <svg onload="{PAYLOAD}">
published: 2024-02-06
---
The minister said <script>{PAYLOAD}</script> was "fine".
A spokesman said <img src=x onerror="{PAYLOAD}"> and <a href="javascript:{PAYLOAD}">click me</a> were "harmless".
<iframe srcdoc="<script>parent.{PAYLOAD}</script>"></iframe> Officials said it was <style>body{{display:none}}</style> nothing.
"""


class _Tags(HTMLParser):
    """Every element and attribute as a browser-like parser sees them (text stays text)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _assert_inert(html: str, name: str) -> None:
    parsed = _Tags(html)
    names = {t for t, _ in parsed.tags}
    assert not names & {"script", "iframe", "svg", "object", "embed", "pwned", "base", "form"}, (name, names)
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (name, tag, attrs)
        for key in ("href", "src", "action", "formaction"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:", "http:", "https:", "//")) or (
                tag == "a" and value.startswith(("http:", "https:"))), (name, tag, attrs)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One cold run (two processes) over two sample articles, a hostile one and a binary one,
    then a warm one."""
    inputs = tmp_path_factory.mktemp("inputs")
    for name in ("iraq_strikes_advance_notice.txt", "clock.txt"):
        shutil.copy(RAW / name, inputs / name)
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (inputs / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path_factory.mktemp("reports")
    started = time.perf_counter()
    code = main(["report", str(inputs), "-o", str(out), "--jobs", "2"])
    cold = time.perf_counter() - started
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    started = time.perf_counter()
    warm_code = main(["report", str(inputs), "-o", str(out)])
    warm = time.perf_counter() - started
    return {"out": out, "code": code, "warm_code": warm_code, "cold": cold, "warm": warm, "stamps": stamps,
            "inputs": inputs}


def test_index_and_reports_exist_for_the_sample(batch):
    out = batch["out"]
    manifest = json.loads((out / ".report-manifest.json").read_text())
    assert sorted(manifest["reports"]) == ["claim_tracker.html", "clock.html", "corpus_overview.html",
                                           "hostile.html", "iraq_strikes_advance_notice.html"]
    names = {p.name for p in out.glob("*.html")}
    assert {"index.html", "iraq_strikes_advance_notice.html", "clock.html", "hostile.html",
            "corpus_overview.html", "claim_tracker.html"} <= names
    index = (out / "index.html").read_text("utf-8")
    assert '<a href="iraq_strikes_advance_notice.html">White House did not warn Iraq before airstrikes</a>' in index
    assert "The Intercept" in index and "2024-02-06" in index
    row = index.split('href="iraq_strikes_advance_notice.html"', 1)[1].split("</tr>", 1)[0]
    counts = re.findall(r"<td>(\d+)</td>", row)  # statements, claims: from the notebook's summary
    assert len(counts) == 2 and int(counts[0]) > 0
    assert '<a href="corpus_overview.html">' in index and '<a href="claim_tracker.html">' in index
    report = (out / "iraq_strikes_advance_notice.html").read_text("utf-8")
    for heading in ("Speakers", "Statements", "Attribution chain", "Timeline of claims and retractions"):
        assert heading in report
    images = re.findall(r"<img [^>]*>", report)
    assert len(images) == 2 and all('src="data:image/png;base64,' in i for i in images)
    assert any('alt="Attribution chain of White House did not warn Iraq' in i for i in images)
    assert "analysis " in report and "01_article_report.ipynb" in report  # footer: version, notebook
    assert "iraq_strikes_advance_notice.txt (sha256 " in report  # footer: the input


def test_broken_article_is_listed_and_fails_the_run_but_not_the_others(batch):
    assert batch["code"] == 1 and batch["warm_code"] == 1
    index = (batch["out"] / "index.html").read_text("utf-8")
    failed = index.split("<h2>Failed", 1)[1]
    assert "broken.txt" in failed and "binary file, not text" in failed
    assert not (batch["out"] / "broken.html").exists()


def test_code_inputs_and_parameters_are_hidden(batch):
    report = (batch["out"] / "clock.html").read_text("utf-8")
    assert "load_extraction" not in report and "input_path" not in report
    assert "injected-parameters" not in report and "Parameters" not in report


def test_no_script_and_nothing_loaded_from_another_host(batch):
    for page in batch["out"].glob("*.html"):
        html = page.read_text("utf-8")
        assert "<script" not in html.lower(), page.name
        assert not re.search(r"""<(?:link|script|img|iframe|source|style)[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""",
                             html, re.I), page.name
        assert "@import" not in html and "url(http" not in html and "@font-face" not in html, page.name
        assert 'http-equiv="Content-Security-Policy"' in html, page.name


def test_hostile_article_is_escaped_in_the_html(batch):
    for name in ("hostile.html", "index.html"):
        _assert_inert((batch["out"] / name).read_text("utf-8"), name)
    text = "".join(_Tags((batch["out"] / "hostile.html").read_text("utf-8")).text)
    assert f"<script>{PAYLOAD}</script>" in text and "<img src=x onerror=" in text


def test_warm_rerun_rewrites_nothing_and_is_fast(batch):
    after = {p.name: p.stat().st_mtime_ns for p in batch["out"].iterdir()}
    assert after == batch["stamps"]
    assert batch["warm"] * 5 < batch["cold"], (batch["warm"], batch["cold"])


def test_a_changed_article_is_rendered_again_alone(batch, tmp_path):
    out = tmp_path / "r"
    src = tmp_path / "in"
    src.mkdir()
    for name in ("iraq_strikes_advance_notice.txt", "clock.txt"):
        shutil.copy(RAW / name, src / name)
    assert main(["report", str(src), "-o", str(out), "--no-corpus"]) == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}
    clock = src / "clock.txt"
    clock.write_text(clock.read_text("utf-8") + "\nA late line.\n", encoding="utf-8")
    assert main(["report", str(src), "-o", str(out), "--no-corpus"]) == 0
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}
    assert after["iraq_strikes_advance_notice.html"] == before["iraq_strikes_advance_notice.html"]
    assert after["clock.html"] != before["clock.html"]


def _failing_notebooks(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.read(NOTEBOOKS_DIR / "01_article_report.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('chart data missing')"))
    nbformat.write(nb, folder / "01_article_report.ipynb")
    return folder


def test_a_failing_notebook_fails_the_run_and_renders_nothing(tmp_path, capsys):
    out = tmp_path / "r"
    article = RAW / "clock.txt"
    assert main(["report", str(article), "-o", str(out)]) == 0
    assert (out / "clock.html").exists()
    code = main(["report", str(article), "-o", str(out), "--notebooks", str(_failing_notebooks(tmp_path))])
    assert code == 1
    assert not (out / "clock.html").exists()  # the stale good-looking page is gone too
    index = (out / "index.html").read_text("utf-8")
    assert "ValueError: chart data missing" in index and "clock.txt" in index
    assert "ValueError" in capsys.readouterr().err


# -------------------------------------------------------------------------------------------------
# a real browser


def _dump_dom(page: Path, tmp_path: Path) -> str:
    profile = tmp_path / f"profile-{page.stem}"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium missing (scripts/ensure_chromium.sh)")


@needs_chromium
def test_the_browser_test_sees_a_script_that_runs(tmp_path):
    """The check below can fail: the same payload, unescaped, runs in this browser."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>ok</title></head><body>"
                    f"<img src=x onerror=\"{PAYLOAD}\"></body></html>", encoding="utf-8")
    dom = _dump_dom(page, tmp_path)
    assert "<title>PWNED</title>" in dom and "pwned" in {t for t, _ in _Tags(dom).tags}


@needs_chromium
def test_hostile_article_runs_nothing_in_chromium_and_shows_literally(batch, tmp_path):
    for name, literal, title in (("hostile.html", "<script>document.title='PWNED'", f"<script>{PAYLOAD}</script>Hostile title"),
                                 ("index.html", "Hostile title", "Reports")):
        dom = _dump_dom(batch["out"] / name, tmp_path)
        parsed = _Tags(dom)
        shown = re.search(r"<title>(.*?)</title>", dom, re.S)
        assert shown and html.unescape(shown.group(1)) == title, name  # the payload would retitle it
        assert "pwned" not in {t for t, _ in parsed.tags}, name
        _assert_inert(dom, name)
        assert literal in "".join(parsed.text), name
    text = "".join(_Tags(_dump_dom(batch["out"] / "hostile.html", tmp_path)).text)
    assert '<a href="javascript:' in text and "<img src=x onerror=" in text  # body text, shown as text
    assert f"javascript:{PAYLOAD}" in text  # the front-matter URL, shown, not linked


def test_a_reused_kernel_starts_each_notebook_with_an_empty_namespace(tmp_path):
    """Reports of one process share a kernel: the second notebook must not see the first's
    variables (the notebook fails if it does)."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("input_path = doc_id = published = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("assert 'seen' not in globals(), 'state leaked from another report'\nseen = input_path")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "01_article_report.ipynb")
    code = main(["report", str(RAW / "clock.txt"), str(RAW / "crane.txt"), "-o", str(tmp_path / "r"),
                 "--notebooks", str(folder)])
    assert code == 0
    assert (tmp_path / "r" / "clock.html").exists() and (tmp_path / "r" / "crane.html").exists()


def test_jsonl_records_each_get_a_report(tmp_path):
    records = [{"doc_id": "one", "text": "The mayor said the bridge would reopen.", "title": "One",
                "outlet": "Daily", "published": "2024-03-01"},
               {"doc_id": "two", "text": "Police denied the report on Monday.", "title": "Two"}]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n", encoding="utf-8")
    code = main(["report", str(path), "-o", str(tmp_path / "r"), "--no-corpus"])
    assert code == 1  # the bad line
    one = (tmp_path / "r" / "one.html").read_text("utf-8")
    assert "The mayor said the bridge would reopen." in "".join(_Tags(one).text) and "<title>One</title>" in one
    assert "Police denied the report" in "".join(_Tags((tmp_path / "r" / "two.html").read_text("utf-8")).text)
    assert "corpus.jsonl:3" in (tmp_path / "r" / "index.html").read_text("utf-8")


def test_an_interrupted_write_leaves_the_old_page_whole(tmp_path, monkeypatch):
    from analysis import report

    page = tmp_path / "a.html"
    page.write_text("old page")

    class Interrupted(Exception):
        pass

    def broken(text):
        raise Interrupted

    real_write = report.atomic_write

    def failing_atomic_write(path, *args, **kwargs):
        cm = real_write(path, *args, **kwargs)

        class Wrapper:
            def __enter__(self):
                handle = cm.__enter__()
                handle.write("half a pa")
                handle.write = broken
                return handle

            def __exit__(self, *exc):
                return cm.__exit__(*exc)
        return Wrapper()

    monkeypatch.setattr(report, "atomic_write", failing_atomic_write)
    with pytest.raises(Interrupted):
        report._publish(page, "new page")
    assert page.read_text() == "old page" and [p.name for p in tmp_path.iterdir()] == ["a.html"]
