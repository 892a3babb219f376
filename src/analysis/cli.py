"""The `analysis` command: a thin layer over the Python API.

User mistakes (bad files, bad options) print one line on stderr and give a non-zero exit code;
a batch reports each bad article and still processes every other one.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from typing import Sequence

from . import __version__
from .articles import MAX_BYTES, iter_articles, parse_date
from .atomic import atomic_write
from .errors import AnalysisError, InputError
from .extract import extract


def _date(value: str) -> date:
    try:
        return parse_date(value, "--published")
    except InputError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="analysis", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"analysis {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    ex = commands.add_parser("extract", help="attributions, speakers, stance and time as JSON lines")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, directory of them, or .jsonl")
    ex.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                    help="publication date for articles whose metadata has none")
    ex.add_argument("-o", "--output", metavar="OUT.jsonl", help="write here (atomically) instead of stdout")
    ex.add_argument("--max-bytes", type=int, default=MAX_BYTES, help="refuse larger articles (default 5 MB)")
    ex.set_defaults(run=run_extract)

    cl = commands.add_parser("claims", help="link claims across articles into histories (Parquet)")
    cl.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, directory of them, or .jsonl")
    cl.add_argument("-o", "--output", required=True, metavar="OUT.parquet",
                    help="claim histories, one row per statement (written atomically)")
    cl.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                    help="publication date for articles whose metadata has none")
    cl.set_defaults(run=run_claims)

    rp = commands.add_parser("report", help="HTML reports (papermill notebooks) and an index page")
    rp.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, directory of them, or .jsonl")
    rp.add_argument("-o", "--output", default="reports", metavar="DIR", help="where the HTML goes (default reports/)")
    rp.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="reports rendered in parallel")
    rp.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                    help="publication date for articles whose metadata has none")
    rp.add_argument("--notebooks", metavar="DIR", help="the report notebooks (default: the checkout's notebooks/)")
    rp.add_argument("--force", action="store_true", help="re-render even the reports that are up to date")
    rp.add_argument("--corpus", action=argparse.BooleanOptionalAction, default=None,
                    help="also render the corpus overview and claim tracker (default: for 2+ articles)")
    rp.set_defaults(run=run_report)
    return parser


def run_claims(args: argparse.Namespace) -> int:
    from .corpus_claims import corpus_claims, write_parquet

    started = time.perf_counter()
    failures: list[InputError] = []
    result = corpus_claims(args.inputs, published=args.published, errors=failures)
    for failure in failures:
        print(f"analysis: {failure}", file=sys.stderr)
    write_parquet(result, args.output)
    linked = int((result.claims["articles"] > 1).sum()) if len(result.claims) else 0
    print(f"analysis: {len(result.claims)} claims ({linked} across articles), "
          f"{len(result.history)} statements, {len(result.links)} links, "
          f"{time.perf_counter() - started:.1f} s, {len(failures)} failed", file=sys.stderr)
    return 1 if failures else 0


def run_report(args: argparse.Namespace) -> int:
    from .report import render_reports

    summary = render_reports(args.inputs, args.output, jobs=max(1, args.jobs), published=args.published,
                             notebooks=args.notebooks, corpus=args.corpus, force=args.force)
    print(f"analysis: {len(summary.rendered)} reports written, {len(summary.unchanged)} unchanged, "
          f"{len(summary.failed)} failed, {summary.seconds:.1f} s; index: {args.output}/index.html",
          file=sys.stderr)
    return summary.exit_code


def run_extract(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    articles = iter_articles(args.inputs, max_bytes=args.max_bytes)
    done = words = 0
    failures: list[InputError] = []
    progress = _progress()
    out = atomic_write(args.output) if args.output else _stdout()
    with out as handle:
        for item in articles:
            progress.update()
            if isinstance(item, InputError):
                failures.append(item)
                progress.write(f"analysis: {item}")
                continue
            handle.write(extract(item, published=args.published).to_json() + "\n")
            done += 1
            words += item.words
    progress.close()
    seconds = time.perf_counter() - started
    print(f"analysis: {done} articles, {words:,} words, {seconds:.1f} s, {len(failures)} failed",
          file=sys.stderr)
    return 1 if failures else 0


class _Quiet:
    """No progress bar when stderr is not a terminal (cron, CI, pipes); errors still print."""

    def update(self) -> None:
        pass

    def write(self, line: str) -> None:
        print(line, file=sys.stderr)

    def close(self) -> None:
        pass


def _progress():
    if not sys.stderr.isatty():
        return _Quiet()
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr)


class _stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc) -> None:
        sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except AnalysisError as err:
        print(f"analysis: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("analysis: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
