"""Memory and speed of corpus runs: 1,000 vs 10,000 articles to Parquet, local vs Dask.

    python bench/bench_scale.py [SHARED_DIR] [--sizes 1000 10000] [--jobs 2] [--no-dask]

Builds a corpus in a temporary directory (never in the repository) from the PolNeAR train and
dev texts under SHARED_DIR (default ../shared), repeated with changed doc ids
(``00042_<name>.txt``) up to each size, then runs ``analysis extract CORPUS --format parquet
-o OUT --jobs N`` as a subprocess for each size and prints:

- peak RSS of the whole process tree (the CLI and its worker processes), sampled every 50 ms
  with psutil as the sum over the tree (pages shared by the forked workers count once per
  process, so this overstates), and the peak of the largest single process; at the end,
  getrusage's ``RUSAGE_CHILDREN`` max RSS (the largest descendant of all runs so far);
- words/s: the run's own figure from its summary line (excluding interpreter start-up) and
  end-to-end (wall time of the command).

Targets: peak RSS of the 10k run <= 1.5x the 1k run's; words/s within 20%. With Dask (unless
``--no-dask``) the same 1k corpus also runs on a ``LocalCluster`` of N one-thread worker
processes started by this script, and local vs Dask words/s are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # the LocalCluster's scheduler runs here and unpickles tasks
SHARED = Path(__file__).resolve().parents[2] / "shared"


def build_corpus(shared: Path, target: Path, size: int) -> int:
    """``size`` articles from PolNeAR train+dev, cycled, each copy under a new doc id; returns
    the word count."""
    sources = sorted((shared / "data" / "polnear" / "data" / "train" / "text").glob("*.txt"))
    sources += sorted((shared / "data" / "polnear" / "data" / "dev" / "text").glob("*.txt"))
    if not sources:
        raise SystemExit(f"no PolNeAR texts under {shared}")
    target.mkdir(parents=True)
    words = 0
    texts = {}
    for i in range(size):
        source = sources[i % len(sources)]
        if source not in texts:
            texts[source] = source.read_bytes()
        (target / f"{i:05d}_{source.stem}.txt").write_bytes(texts[source])
        words += len(texts[source].decode("utf-8").split())
    return words


def _env() -> dict:
    path = os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def run_cli(corpus: Path, out: Path, extra: list[str]) -> dict:
    import psutil

    command = [sys.executable, "-m", "analysis", "extract", str(corpus), "--format", "parquet",
               "-o", str(out), *extra]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak_tree = peak_process = 0
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                peak_process = max(peak_process, rss)
        except psutil.Error:
            pass
        peak_tree = max(peak_tree, total)
        time.sleep(0.05)
    stderr = proc.stderr.read()
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu
    summary = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    match = re.search(r"(\d+) articles, ([\d,]+) words, ([\d.]+) s, (\d+) failed", summary)
    if proc.returncode != 0 or not match:
        raise SystemExit(f"run failed ({proc.returncode}): {stderr[-2000:]}")
    words, seconds = int(match[2].replace(",", "")), float(match[3])
    return {"articles": int(match[1]), "words": words, "seconds": seconds, "wall": wall,
            "wps": words / seconds, "wps_wall": words / wall, "peak_tree_mb": peak_tree / 2**20,
            "peak_process_mb": peak_process / 2**20, "cpu": cpu, "wps_cpu": words / cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=SHARED)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=None, help="passed to the command")
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    common = ["--partition-size", str(args.partition_size)] if args.partition_size else []

    tmp = Path(tempfile.mkdtemp(prefix="analysis-bench-scale-"))
    try:
        results = {}
        corpora = {}
        for size in args.sizes:
            corpus = tmp / f"corpus-{size}"
            words = build_corpus(args.shared, corpus, size)
            corpora[size] = corpus
            r = run_cli(corpus, tmp / f"out-{size}", ["--jobs", str(args.jobs), *common])
            assert r["words"] == words, (r["words"], words)
            results[size] = r
            print(f"{size:>6} articles {words:>10,} words: peak RSS tree {r['peak_tree_mb']:7.1f} MB, "
                  f"largest process {r['peak_process_mb']:6.1f} MB, {r['wps']:9,.0f} words/s "
                  f"({r['wps_wall']:,.0f} end to end, {r['wall']:.1f} s; {r['wps_cpu']:,.0f} words per CPU s)",
                  flush=True)
        print(f"getrusage RUSAGE_CHILDREN max RSS (largest descendant, all runs): "
              f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f} MB")
        if len(args.sizes) >= 2:
            small, large = results[min(args.sizes)], results[max(args.sizes)]
            print(f"peak RSS {max(args.sizes)}/{min(args.sizes)}: {large['peak_tree_mb'] / small['peak_tree_mb']:.2f}x "
                  f"(target <= 1.5x); words/s {large['wps'] / small['wps']:.2f}x, words per CPU s "
                  f"{large['wps_cpu'] / small['wps_cpu']:.2f}x (target 0.8-1.2x)")
        if not args.no_dask:
            from dask.distributed import LocalCluster

            size = min(args.sizes)
            os.environ["PYTHONPATH"] = _env()["PYTHONPATH"]
            with LocalCluster(n_workers=args.jobs, threads_per_worker=1, processes=True,
                              dashboard_address=":0", host="127.0.0.1") as cluster:
                from dask.distributed import Client

                with Client(cluster) as client:   # a running cluster has `analysis` imported
                    client.run(__import__, "analysis.corpus")
                local = run_cli(corpora[size], tmp / f"local-again-{size}", ["--jobs", str(args.jobs), *common])
                r = run_cli(corpora[size], tmp / f"dask-{size}", ["--scheduler", cluster.scheduler_address, *common])
            print(f"{size:>6} articles, back to back: Dask LocalCluster ({args.jobs} one-thread workers) "
                  f"{r['wps']:,.0f} words/s ({r['wps_wall']:,.0f} end to end) vs local --jobs {args.jobs} "
                  f"{local['wps']:,.0f} ({local['wps_wall']:,.0f}); Dask/local {r['wps'] / local['wps']:.2f}x")
        print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores (other work on the machine slows every figure)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
