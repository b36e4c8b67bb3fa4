"""A callback that opens a modal dialog (a nested event loop, like "Offer accepted…" asking for
the start date after reading the offer) must not free its own job while the job's signal is
still being delivered: that deleted a QObject inside its own event and crashed now and then."""

from __future__ import annotations

import weakref
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from hirepartner.ui.ops import BackgroundOps


@pytest.mark.parametrize("outcome", ["success", "failure"])
def test_a_modal_dialog_in_a_callback_keeps_the_job_alive_until_it_returns(qtbot, outcome):
    ops = BackgroundOps()
    job_ref: list[Any] = []
    alive_just_after: list[bool] = []

    def ask(_result: object) -> None:
        dialog = QDialog()
        QTimer.singleShot(30, dialog.accept)
        dialog.exec()  # the event loop turns in here: retired jobs are released
        # The next turn of the loop, right after this callback (and its signal) returned:
        QTimer.singleShot(0, lambda: alive_just_after.append(job_ref[-1]() is not None))

    def job(_state: object) -> int:
        if outcome == "failure":
            raise ValueError("no offer")
        return 1

    for n in range(1, 4):
        job_ref.append(weakref.ref(ops.run(job).on_success(ask).on_failure(ask).start()))
        qtbot.waitUntil(lambda n=n: len(alive_just_after) == n)
        qtbot.waitUntil(lambda: job_ref[-1]() is None)  # released after all, not kept forever
    assert alive_just_after == [True, True, True]
