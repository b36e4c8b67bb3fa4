"""Qt warnings fail a benchmark run as they fail tests: a message handler records them, and the
run exits non-zero naming them (and any window a benchmark left alive behind it)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)

# The offscreen platform cannot honour size hints and says so on every show() (as in pyproject).
IGNORED = ("This plugin does not support propagateSizeHints",)
QUIET = (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)


class QtWarnings:
    """Collects every Qt warning, critical or fatal message while installed."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def install(self) -> None:
        qInstallMessageHandler(self._handle)

    def _handle(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        print(message, file=sys.stderr)
        if kind not in QUIET and not message.startswith(IGNORED):
            self.seen.append(message)


def settle_qt() -> list[str]:
    """Run deferred deletions and collect garbage, as leaving a benchmark should; returns the
    top-level widgets still alive afterwards (each one is a lifetime error of the benchmark or
    of the code it measured: it would be destroyed only at interpreter exit, out of order)."""
    app = QCoreApplication.instance()
    if app is None:
        return []
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    from PySide6.QtWidgets import QApplication

    if not isinstance(app, QApplication):
        return []
    return sorted(type(widget).__name__ for widget in app.topLevelWidgets())


def run_checked(benchmarks: Sequence[Callable[[], None]]) -> NoReturn:
    """Run the benchmarks; exit 1 naming every Qt warning and leftover window, else 0."""
    warnings = QtWarnings()
    warnings.install()
    for benchmark in benchmarks:
        benchmark()
        left = settle_qt()
        if left:
            name = getattr(benchmark, "__module__", "a benchmark")
            warnings.seen.append(f"{name} left windows alive: {', '.join(left)}")
    sys.stdout.flush()
    if warnings.seen:
        print("The benchmark run fails: Qt warned (as in tests, a warning is a failure):",
              file=sys.stderr)  # fmt: skip
        for message in warnings.seen:
            print(f"  - {message}", file=sys.stderr)
    sys.stderr.flush()
    # Skip Qt's teardown at interpreter exit, which can crash under offscreen; what it would
    # have destroyed was checked above.
    os._exit(1 if warnings.seen else 0)
