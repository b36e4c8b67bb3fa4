"""Run every benchmark in this folder: `python -m benchmarks.run [name-fragment]`.

Each prints its figure as a ratio to a floor measured in the same run; none asserts a time.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    wanted = argv[1] if len(argv) > 1 else ""
    folder = Path(__file__).resolve().parent
    names = sorted(
        info.name
        for info in pkgutil.iter_modules([str(folder)])
        if info.name.startswith("bench_") and wanted in info.name
    )
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
