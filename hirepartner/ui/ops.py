"""Background work for the UI: `ops.run(fn).on_success(cb).on_failure(cb).start()`.

A write whose use case returns what it changed (`Changes`, or a result with `.changes`) is
announced by ops itself (`changed`), so no caller builds change notices by hand.

Every database, PDF, import and sync job runs on a worker thread; callbacks run on the UI
thread. Writes go through a one-thread pool, so they are serialised; reads share another;
jobs that wait on the network (testing a target) have a small pool of their own, so a server
that does not answer never holds up a read. A job receives a TaskState to report progress and
to notice a cancel request.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from hirepartner.services.changes import Changes

T = TypeVar("T")
log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a job by TaskState.check() once the user asked to cancel."""


class TaskState:
    """What a running job sees: a way to report progress and to learn it was cancelled."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, fraction: float, message: str = "") -> None:
        self.check()
        self._relay.progressed.emit(max(0.0, min(1.0, fraction)), message)


class _Relay(QObject):
    """Lives on the UI thread; signals emitted from the worker arrive there queued."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(float, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[TaskState], Any], relay: _Relay, state: TaskState) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._state = state

    def run(self) -> None:
        try:
            result = self._fn(self._state)
        except BaseException as error:  # delivered to the UI thread, never lost in a worker
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class Op(Generic[T]):
    """One background job; configure with on_success/on_failure/on_progress, then start()."""

    def __init__(
        self,
        ops: BackgroundOps,
        fn: Callable[[TaskState], T],
        write: bool,
        label: str,
        undoable: bool = False,
        network: bool = False,
    ) -> None:
        self._ops = ops
        self._fn = fn
        self._write = write
        self._network = network
        self._undoable = undoable
        self.label = label
        # Owned by the ops object (C++ ownership), deleted by deleteLater() on the UI thread: a
        # worker that held the last Python reference would otherwise delete it on its own thread.
        self._relay = _Relay(ops)
        self.state = TaskState(self._relay)
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None

    def on_success(self, callback: Callable[[T], None]) -> Op[T]:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[BaseException], None]) -> Op[T]:
        self._failure = callback
        return self

    def on_progress(self, callback: Callable[[float, str], None]) -> Op[T]:
        self._relay.progressed.connect(callback)
        return self

    def start(self) -> Op[T]:
        self._relay.succeeded.connect(self._finish_success)
        self._relay.failed.connect(self._finish_failure)
        self._ops._started(self)
        if self._write and not self._undoable:
            self._ops.untracked_write.emit(self.label)
        if self._write:
            pool = self._ops.write_pool
        else:
            pool = self._ops.network_pool if self._network else self._ops.read_pool
        pool.start(_Job(self._fn, self._relay, self.state))
        return self

    def _finish_success(self, result: T) -> None:
        self._ops._finished(self)
        try:
            changes = changes_of(result) if self._write or self._network else None
            if changes is not None and changes.kinds:
                self._ops.changed.emit(changes)  # before the callback: views reload meanwhile
            if self._success is not None:
                self._success(result)
        finally:
            self._ops._retire(self)

    def _finish_failure(self, error: BaseException) -> None:
        self._ops._finished(self)
        try:
            if isinstance(error, Cancelled):
                return
            if self._failure is not None:
                self._failure(error)
            else:
                self._ops.unhandled_failure.emit(error)
        finally:
            self._ops._retire(self)


def changes_of(result: object) -> Changes | None:
    """What a write's result says it changed: a Changes, or a result carrying `.changes`."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else None


class _UiThreadGarbageCollector:
    """Cyclic garbage is collected on the UI thread only, while any BackgroundOps lives.

    Python runs its collector in whichever thread happens to allocate; in a worker that means
    Qt objects caught in reference cycles (a dialog and its lambdas) are destroyed on the wrong
    thread, which crashes at random (seen: a segfault "Garbage-collecting" in a read job). As
    in Anki (aqt's GarbageCollector), automatic collection is off and a UI-thread timer runs
    the same generational thresholds instead.
    """

    users = 0

    @classmethod
    def attach(cls, owner: QObject) -> None:
        if cls.users == 0:
            gc.disable()
        cls.users += 1
        owner.destroyed.connect(cls._detach)
        timer = QTimer(owner)
        timer.setInterval(500)
        timer.timeout.connect(cls.collect)
        timer.start()

    @classmethod
    def _detach(cls) -> None:
        cls.users -= 1
        if cls.users == 0:
            gc.enable()

    @staticmethod
    def collect() -> None:
        young, middle, old = gc.get_count()
        first, second, third = gc.get_threshold()
        if young > first:
            gc.collect(0)
            if middle > second:
                gc.collect(1)
                if old > third:
                    gc.collect(2)


class BackgroundOps(QObject):
    """The one door to worker threads; `busy_changed` drives the status bar indicator."""

    busy_changed = Signal(bool)
    unhandled_failure = Signal(object)
    # A write that is not an undo command's: what the redo history would replay is stale.
    untracked_write = Signal(str)
    # What a finished write (or sync) returned as changed: the window announces it on its bus.
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.read_pool = QThreadPool(self)
        self.read_pool.setMaxThreadCount(2)
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self.network_pool = QThreadPool(self)
        self.network_pool.setMaxThreadCount(2)
        _UiThreadGarbageCollector.attach(self)
        self._running: list[Op[Any]] = []
        # Finished ops stay referenced until their callback returned and the event loop turned:
        # dropping the last reference inside the slot of its relay's own signal would delete
        # the relay mid-emission (a callback may run a nested event loop: a modal dialog).
        self._retired: list[Op[Any]] = []

    def run(
        self,
        fn: Callable[[TaskState], T],
        *,
        write: bool = False,
        label: str = "",
        undoable: bool = False,
        network: bool = False,
    ) -> Op[T]:
        """A job; `write` serialises it with the other writes, `undoable` says an undo command
        runs it (any other write makes the undo stack forget what it could redo); `network`
        runs a job that mostly waits on a server (a target's test) on its own pool."""
        return Op(self, fn, write, label, undoable, network)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def _started(self, op: Op[Any]) -> None:
        self._running.append(op)
        if len(self._running) == 1:
            self.busy_changed.emit(True)

    def _finished(self, op: Op[Any]) -> None:
        """The job is done (before its callback runs)."""
        if op in self._running:
            self._running.remove(op)
        if not self._running:
            self.busy_changed.emit(False)

    def _retire(self, op: Op[Any]) -> None:
        """Its callback returned: release it once the event loop turns."""
        self._retired.append(op)
        QTimer.singleShot(0, self, self._release_retired)

    def _release_retired(self) -> None:
        for op in self._retired:
            op._relay.deleteLater()
        self._retired.clear()

    def cancel_all(self) -> None:
        """Ask every running job to stop (each sees its TaskState cancelled); for shutdown."""
        for op in self._running:
            op.state.cancel()

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Block until every job has finished, up to `timeout_ms` for each pool; for shutdown
        and tests only."""
        return all(
            pool.waitForDone(timeout_ms)
            for pool in (self.read_pool, self.write_pool, self.network_pool)
        )
