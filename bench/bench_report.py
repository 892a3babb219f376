"""Report speed: one cold article report against a bare papermill run, a batch with --jobs 2,
and the warm re-run ratio.

    python bench/bench_report.py [SAMPLE_DIR] [--repeat 3] [--jobs 2]

SAMPLE_DIR defaults to the bundled sample (data/raw/, 25 articles; the reports need nothing
from ../shared). Every figure is a wall-clock time of a separate command, as a user or cron
would run it (process start and imports included); the medians of --repeat runs are printed.
Goal: one article report no more than 2 s above the bare papermill run; warm >= 20x faster.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


CPU: list[float] = []
"""CPU seconds (user + system, the command and every process it waited for, kernels included)
of each _run, in order: a figure that machine load disturbs less than wall-clock time."""


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str], ok=(0,)) -> float:
    started, cpu = time.perf_counter(), _cpu()
    result = subprocess.run(cmd, env=_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    CPU.append(_cpu() - cpu)
    if result.returncode not in ok:
        sys.exit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return seconds


def _empty_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "empty.ipynb"
    nbformat.write(nb, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", nargs="?", default=str(ROOT / "data" / "raw"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    sample = Path(args.sample)
    articles = sorted(sample.glob("*.txt"))
    one = next((a for a in articles if a.stem == "iraq_strikes_advance_notice"), articles[0])
    papermill = str(Path(PYTHON).with_name("papermill"))

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = _empty_notebook(tmp)
        bare, cold_one, bare_cpu, one_cpu = [], [], [], []
        for i in range(args.repeat):  # interleaved, so that machine load hits both alike
            bare.append(_run([papermill, "-k", "python3", "--no-progress-bar", str(empty), str(tmp / "out.ipynb")]))
            bare_cpu.append(CPU[-1])
            cold_one.append(_run([PYTHON, "-m", "analysis", "report", str(one), "-o", str(tmp / f"one{i}")]))
            one_cpu.append(CPU[-1])
        b, c = statistics.median(bare), statistics.median(cold_one)
        print(f"bare papermill run of an empty notebook: {b:.2f} s (median of {args.repeat}: "
              + ", ".join(f"{x:.2f}" for x in bare) + ")")
        print(f"cold report of one article ({one.name}): {c:.2f} s (median of {args.repeat}: "
              + ", ".join(f"{x:.2f}" for x in cold_one) + f"); overhead {c - b:+.2f} s (goal <= +2 s)")
        print(f"  CPU time: bare {statistics.median(bare_cpu):.2f} s, report {statistics.median(one_cpu):.2f} s")

        out = tmp / "batch"
        cmd = [PYTHON, "-m", "analysis", "report", str(sample), "-o", str(out), "--jobs", str(args.jobs)]
        cold = _run(cmd, ok=(0, 1))
        cold_cpu = CPU[-1]
        reports = len(list(out.glob("*.html"))) - 1
        warm, warm_cpu = [], []
        for _ in range(args.repeat):
            warm.append(_run(cmd, ok=(0, 1)))
            warm_cpu.append(CPU[-1])
        w = statistics.median(warm)
        print(f"cold batch, {len(articles)} articles (+ corpus overview and claim tracker), --jobs {args.jobs}: "
              f"{cold:.1f} s, {cold / len(articles):.2f} s per article, {reports} reports")
        print(f"warm re-run (nothing changed): {w:.2f} s (median of {args.repeat}); cold/warm = {cold / w:.0f}x "
              "(goal >= 20x)")
        wc = statistics.median(warm_cpu)
        print(f"  CPU time: cold {cold_cpu:.1f} s, warm {wc:.2f} s; cold/warm = {cold_cpu / wc:.0f}x")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
