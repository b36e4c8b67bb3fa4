"""Requisition → Close requisition… in the window: the dialog insists on an outcome, the
navigator and a banner say the requisition is filled, candidates keep their status, Undo and
Redo keep the same close day, and Reopen clears it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from hirepartner.ui.review.requisition_actions import CloseRequisitionDialog


def _requisition_menu_texts(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Requisition")
    return [a.text() for a in menu.actions()]


def _navigator_text(window):
    index = window.navigator_model.index_of_requisition(window.requisition_id)
    return window.navigator_model.data(index, Qt.ItemDataRole.DisplayRole)


def _statuses(window):
    return sorted(row.status for row in window.listing.rows)


def test_the_dialog_asks_for_an_outcome_and_says_what_happens(qtbot, window, artifacts_dir):
    requisition = window.selection.requisition
    dialog = CloseRequisitionDialog(requisition, window)
    qtbot.addWidget(dialog)
    dialog.resize(dialog.sizeHint())
    dialog.show()
    assert dialog.windowTitle() == "Close requisition"
    in_process = requisition.candidates_in_process
    assert in_process > 1
    assert dialog.consequence.text().startswith(
        f"The {in_process} candidates still in process keep their status; nobody is rejected."
    )
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # no outcome chosen: refused, and said why
    assert dialog.error.text() == "Choose whether the requisition was filled or cancelled."
    assert dialog.error.isVisible()
    dialog.cancelled.setChecked(True)
    assert not dialog.error.isVisible()  # what was wrong is put right
    dialog.note.setPlainText("  Budget moved to next year ")
    assert (dialog.outcome, dialog.note_text) == ("cancelled", "Budget moved to next year")
    dialog.grab().save(str(artifacts_dir / "close-requisition.png"))
    assert dialog.ok.geometry().bottom() <= dialog.height()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel) is not None


def test_close_undo_redo_and_reopen(qtbot, window, wait_idle, monkeypatch, artifacts_dir):
    assert {"C&lose requisition…", "Re&open requisition"} <= set(_requisition_menu_texts(window))
    actions = window.requisition_actions
    assert actions.close_action.isEnabled()
    assert not actions.reopen_action.isEnabled()
    assert not window.slate.closed_banner.isVisible()
    statuses = _statuses(window)
    code = window.selection.requisition.code
    today = window.holder.services.clock().date()
    day = f"{today.day} {today:%b}"

    def fill(dialog):
        dialog.filled.setChecked(True)
        dialog.note.setPlainText("Ada starts in January")
        return CloseRequisitionDialog.DialogCode.Accepted

    monkeypatch.setattr(CloseRequisitionDialog, "exec", fill)
    actions.close_action.trigger()
    qtbot.waitUntil(lambda: window.slate.closed_banner.isVisible())
    wait_idle(window)
    assert _navigator_text(window) == f"{code}  (filled {day})  Senior Backend Engineer"
    banner = window.slate.closed_banner.text()
    assert banner.startswith(f"Filled on {day} {today:%Y} — Ada starts in January.")
    assert "keep their status" in banner
    assert _statuses(window) == statuses  # nobody was rejected
    assert window.undo_stack.undoText() == f"Close {code}"
    assert not actions.close_action.isEnabled()
    assert actions.reopen_action.isEnabled()
    window.resize(1024, 700)
    qtbot.wait(50)
    window.grab().save(str(artifacts_dir / "closed-requisition-window.png"))

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: not window.slate.closed_banner.isVisible())
    wait_idle(window)
    assert window.selection.requisition.closed_on is None
    assert "(filled" not in _navigator_text(window)
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: window.slate.closed_banner.isVisible())
    wait_idle(window)
    assert window.selection.requisition.closed_on == today
    assert window.selection.requisition.close_note == "Ada starts in January"

    actions.reopen_action.trigger()
    qtbot.waitUntil(lambda: not window.slate.closed_banner.isVisible())
    wait_idle(window)
    assert window.undo_stack.undoText() == f"Reopen {code}"
    assert window.selection.requisition.status == "open"
    assert actions.close_action.isEnabled()
    window.undo_stack.undo()  # the reopen undone: filled again, on the same day
    qtbot.waitUntil(lambda: window.slate.closed_banner.isVisible())
    wait_idle(window)
    assert window.selection.requisition.closed_on == today


def test_a_cancelled_dialog_changes_nothing(qtbot, window, wait_idle, monkeypatch):
    monkeypatch.setattr(
        CloseRequisitionDialog, "exec", lambda _d: CloseRequisitionDialog.DialogCode.Rejected
    )
    window.requisition_actions.close_action.trigger()
    wait_idle(window)
    assert window.selection.requisition.closed_on is None
    assert window.undo_stack.count() == 0
