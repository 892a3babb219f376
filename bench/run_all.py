"""Every benchmark in one go: the figures the issues ask for, printed one section after another.

    python bench/run_all.py [--all]

Each benchmark is a script of its own (see its docstring for options and definitions); this only
runs them in turn with their defaults (data from ../shared). ``--all`` adds the slow ones: the
spaCy + textacy comparison (installs spaCy in its own venv the first time) and the 1k/10k corpus
memory run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
QUICK = ["bench_sentences.py", "bench_tagger.py", "bench_speed.py", "bench_attributions.py",
         "bench_speakers.py", "bench_timexes.py", "bench_stance.py", "bench_claims.py",
         "bench_report.py"]
SLOW = ["bench_spacy.py", "bench_scale.py"]


def main(argv: list[str]) -> int:
    scripts = QUICK + (SLOW if "--all" in argv else [])
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    failed = []
    for name in scripts:
        print(f"\n===== {name} =====", flush=True)
        started = time.perf_counter()
        if subprocess.run([sys.executable, str(BENCH / name)], cwd=ROOT, env=env).returncode:
            failed.append(name)
        print(f"({name}: {time.perf_counter() - started:.0f} s)", flush=True)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
