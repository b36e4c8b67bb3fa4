"""The background-ops helper: results on the UI thread, progress, cancel, failures, one writer."""

import threading
import time

from PySide6.QtCore import QThread

from hirepartner.ui.ops import BackgroundOps, TaskState


def test_results_and_progress_arrive_on_the_ui_thread(qtbot):
    ops = BackgroundOps()
    ui_thread = QThread.currentThread()
    seen: list[object] = []

    def job(state: TaskState) -> str:
        seen.append(("worker", QThread.currentThread() is ui_thread))
        state.progress(0.5, "half")
        return "done"

    busy: list[bool] = []
    ops.busy_changed.connect(busy.append)
    ops.run(job).on_progress(
        lambda fraction, message: seen.append(
            ("progress", fraction, message, QThread.currentThread() is ui_thread)
        )
    ).on_success(
        lambda result: seen.append(("success", result, QThread.currentThread() is ui_thread))
    ).start()
    qtbot.waitUntil(lambda: any(item[0] == "success" for item in seen))
    assert ("worker", False) in seen
    assert ("progress", 0.5, "half", True) in seen
    assert ("success", "done", True) in seen
    assert busy == [True, False]


def test_a_cancelled_job_reports_neither_success_nor_failure(qtbot):
    ops = BackgroundOps()
    started = threading.Event()
    outcomes: list[str] = []

    def job(state: TaskState) -> None:
        started.set()
        while True:
            state.check()
            time.sleep(0.005)

    op = ops.run(job).on_success(lambda _r: outcomes.append("success"))
    op.on_failure(lambda _e: outcomes.append("failure")).start()
    started.wait(5)
    op.state.cancel()
    qtbot.waitUntil(lambda: not ops.busy)
    assert outcomes == []


def test_failures_go_to_the_handler_or_the_unhandled_signal(qtbot):
    ops = BackgroundOps()
    handled: list[BaseException] = []
    unhandled: list[BaseException] = []
    ops.unhandled_failure.connect(unhandled.append)

    def boom(_state: TaskState) -> None:
        raise ValueError("broken")

    ops.run(boom).on_failure(handled.append).start()
    ops.run(boom).start()
    qtbot.waitUntil(lambda: bool(handled and unhandled))
    assert isinstance(handled[0], ValueError)
    assert isinstance(unhandled[0], ValueError)


def test_writes_run_one_at_a_time_in_order(qtbot):
    ops = BackgroundOps()
    running = 0
    overlap = False
    order: list[int] = []
    lock = threading.Lock()

    def write(number: int):
        def job(_state: TaskState) -> int:
            nonlocal running, overlap
            with lock:
                running += 1
                overlap = overlap or running > 1
            time.sleep(0.01)
            order.append(number)
            with lock:
                running -= 1
            return number

        return job

    for number in range(6):
        ops.run(write(number), write=True).start()
    qtbot.waitUntil(lambda: len(order) == 6 and not ops.busy)
    assert order == list(range(6))
    assert not overlap


def test_cyclic_garbage_is_collected_on_the_ui_thread_only(qtbot):
    """A worker must never run the collector: Qt objects in cycles would die on its thread."""
    import gc
    import threading

    from PySide6.QtCore import QObject

    from hirepartner.ui.ops import BackgroundOps, _UiThreadGarbageCollector

    holder = QObject()
    ops = BackgroundOps(holder)
    assert not gc.isenabled()  # no collection in whatever thread allocates
    users = _UiThreadGarbageCollector.users  # this one, and any another test's window still holds

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            Cycle.collected_on = threading.current_thread().name

    Cycle.collected_on = ""

    def make_garbage(_state):
        for _ in range(20000):  # far past the generation-0 threshold, in a worker
            Cycle()
        return threading.current_thread().name

    done = []
    ops.run(make_garbage).on_success(done.append).start()
    qtbot.waitUntil(lambda: bool(done) and Cycle.collected_on != "", timeout=10000)
    assert Cycle.collected_on == threading.main_thread().name
    holder.deleteLater()
    qtbot.waitUntil(lambda: _UiThreadGarbageCollector.users <= users - 1, timeout=5000)
    # No ops left: Python's own collector again; while another lives, still the UI thread's.
    assert gc.isenabled() == (_UiThreadGarbageCollector.users == 0)


def test_network_jobs_leave_the_reads_free(qtbot):
    """Two tests of a server that does not answer, and a read still comes back at once."""
    ops = BackgroundOps()
    release = threading.Event()
    results: list[str] = []
    try:
        for _ in range(2):
            ops.run(lambda _s: release.wait(10), network=True, label="test target").start()
        ops.run(lambda _s: "read", label="candidate").on_success(results.append).start()
        qtbot.waitUntil(lambda: results == ["read"], timeout=3000)
    finally:
        release.set()
    assert ops.wait_idle()


def test_cancel_all_tells_every_running_job_to_stop(qtbot):
    ops = BackgroundOps()
    started = threading.Barrier(3)
    results: list[str] = []

    def job(state: TaskState) -> str:
        started.wait(5)
        for _ in range(1000):  # gives up after 10 s: the test then fails
            if state.cancelled:
                return "stopped"
            time.sleep(0.01)
        return "ran on"

    ops.run(job, label="sync").on_success(results.append).start()
    ops.run(job, write=True, label="write").on_success(results.append).start()
    started.wait(5)
    ops.cancel_all()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=15000)
    assert results == ["stopped", "stopped"]
