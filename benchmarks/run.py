"""Run every benchmark in this folder: `python -m benchmarks.run [name-fragment]`.

Each prints its figure as a ratio to a floor measured in the same run; none asserts a time. A Qt
warning, or a window a benchmark leaves alive, makes the run exit 1 naming it.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.qt_warnings import run_checked


def benchmarks(wanted: str) -> list[Callable[[], None]]:
    folder = Path(__file__).resolve().parent
    names = sorted(
        info.name
        for info in pkgutil.iter_modules([str(folder)])
        if info.name.startswith("bench_") and wanted in info.name
    )
    return [importlib.import_module(f"benchmarks.{name}").main for name in names]


if __name__ == "__main__":
    run_checked(benchmarks(sys.argv[1] if len(sys.argv) > 1 else ""))
