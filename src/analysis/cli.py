"""The `analysis` command: a thin layer over the Python API.

User mistakes (bad files, bad options) print one line on stderr and give a non-zero exit code;
a batch reports each bad article and still processes every other one.
"""

from __future__ import annotations

import argparse
import time
import sys
from datetime import date
from typing import Sequence

from . import corpus
from .articles import MAX_BYTES, parse_date
from .corpus import PARTITION_ARTICLES
from .errors import AnalysisError, InputError


def _date(value: str) -> date:
    try:
        return parse_date(value, "--published")
    except InputError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


class _Version(argparse.Action):
    """``--version``: the version is looked up only when asked (see ``analysis.__getattr__``)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from . import __version__

        print(f"analysis {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="analysis", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", required=True)

    ex = commands.add_parser("extract", help="attributions, speakers, stance and time as JSON lines")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, directory of them, or .jsonl")
    ex.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                    help="publication date for articles whose metadata has none")
    ex.add_argument("-o", "--output", metavar="OUT",
                    help="JSON lines: write this file (atomically) instead of stdout; "
                         "parquet: the output directory (required)")
    ex.add_argument("--max-bytes", type=int, default=MAX_BYTES, help="refuse larger articles (default 5 MB)")
    ex.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                    help="jsonl (default): one JSON object per article; parquet: partitioned tables "
                         "in the -o directory (articles, sentences, attributions, speakers, timexes, "
                         "claims, failures)")
    ex.add_argument("--jobs", type=_positive, default=None, metavar="N",
                    help="worker processes (default: all cores); the output is the same for any N")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="run on a dask.distributed cluster (tcp://host:8786) instead of local processes")
    ex.add_argument("--resume", action="store_true",
                    help="parquet: finish a killed run in the same -o directory, redoing only "
                         "the partitions its manifest does not list as done")
    ex.add_argument("--partition-size", type=_positive, default=None, metavar="N",
                    help=f"articles per partition (default {PARTITION_ARTICLES})")
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
    rp.add_argument("--jobs", "-j", type=_positive, default=1, metavar="N", help="reports rendered in parallel")
    rp.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                    help="publication date for articles whose metadata has none")
    rp.add_argument("--notebooks", metavar="DIR", help="the report notebooks (default: the checkout's notebooks/)")
    rp.add_argument("--force", action="store_true", help="re-render even the reports that are up to date")
    rp.add_argument("--corpus", action=argparse.BooleanOptionalAction, default=None,
                    help="also render the corpus overview and claim tracker (default: for 2+ articles)")
    rp.set_defaults(run=run_report)
    return parser


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return number


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
    """Streams the corpus through `corpus.run`: partitions, worker processes or Dask, resume."""
    summary = corpus.run(args.inputs, output=args.output, format=args.format, jobs=args.jobs,
                         scheduler=args.scheduler, resume=args.resume, published=args.published,
                         max_bytes=args.max_bytes, partition_size=args.partition_size)
    resumed = f" ({summary.resumed_partitions} partitions from the earlier run)" if summary.resumed_partitions else ""
    print(f"analysis: {summary.articles} articles, {summary.words:,} words, {summary.seconds:.1f} s, "
          f"{summary.failed} failed, {summary.words_per_second:,.0f} words/s{resumed}", file=sys.stderr)
    return 1 if summary.failed else 0


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
