"""Cold start of the desktop bundle against the same start from the virtual environment,
measured in one run: `--version`, `list requisitions` on a demo database (the services and
SQLite), and `self-test` (the window, a slate and a resume, offscreen). Target ≤ 1.2×.

    python benchmarks/bench_bundle.py        (after `scripts/dev package`)
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_EXE = ROOT / "dist" / "HirePartner" / "hirepartner"
# From the virtual environment, this tree's package (run from ROOT, so it comes first on the path).
VENV_COMMAND = [sys.executable, "-m", "hirepartner"]
RUNS = 7
TARGET = 1.2


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock seconds and the CPU seconds (user + system) the start took: on a machine
    shared with other jobs the CPU time is the steadier measure of the work a start does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, timeout=120)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    if not BUNDLE_EXE.exists():
        print("No bundle: run `scripts/dev package` first.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as home:
        env = {"HOME": home, "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
        db = str(Path(home) / "demo.sqlite3")
        subprocess.run(
            [*VENV_COMMAND, "--db", db, "demo"], env=env, cwd=ROOT, check=True, capture_output=True
        )
        cases = {
            "--version": ["--version"],
            "list requisitions": ["--db", db, "list", "requisitions"],
            "self-test (window)": ["--db", db, "self-test"],
        }
        worst = 0.0
        print(
            f"{'start':20} {'venv':>7} {'bundle':>7} {'ratio':>6}   {'CPU venv':>8} {'bundle':>7} "
            f"{'ratio':>6}   (medians of {RUNS}, runs alternated)"
        )
        starts = (("venv", VENV_COMMAND), ("bundle", [str(BUNDLE_EXE)]))
        for label, args in cases.items():
            for _name, exe in starts:  # a first run each, not counted: the files are cached
                timed([*exe, *args], env)
            runs: dict[str, list[tuple[float, float]]] = {"venv": [], "bundle": []}
            for _ in range(RUNS):  # alternated, so that other jobs' load weighs on both alike
                for name, exe in starts:
                    runs[name].append(timed([*exe, *args], env))
            wall = {name: statistics.median(w for w, _ in runs[name]) for name in runs}
            cpu = {name: statistics.median(c for _, c in runs[name]) for name in runs}
            ratio = wall["bundle"] / wall["venv"]
            worst = max(worst, ratio)
            print(
                f"{label:20} {wall['venv']:6.2f}s {wall['bundle']:6.2f}s {ratio:5.2f}×   "
                f"{cpu['venv']:7.2f}s {cpu['bundle']:6.2f}s {cpu['bundle'] / cpu['venv']:5.2f}×"
            )
    verdict = "within" if worst <= TARGET else "OVER"
    print(f"worst ratio {worst:.2f}× — {verdict} the {TARGET}× target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
