"""No shortcut is bound twice in any window, and every tool window closes with Escape and has a
Close button. The tool windows are opened the way a user opens them: through their actions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget

from hirepartner.ui.dialogs import RejectDialog, RequisitionDialog, ShortcutsDialog
from hirepartner.ui.shortcuts import bindings, duplicates, shortcut_rows

# The actions that open a tool window (non-modal), by attribute name on the main window.
TOOL_ACTIONS = (
    "scorecards.score_action",
    "compare.compare_action",
    "compare.debrief_action",
    "compare.calibration_action",
    "compare.calibration_all_action",
    "intake.intake_action",
    "partnership.feedback_action",
    "partnership.dashboard_action",
    "packets.export_packet_action",
    "packets.export_slate_action",
    "packets.export_kit_action",
    "packets.import_action",
    "scorecards.my_interviews_action",
    "setup.people_action",
)


def _open_windows(window) -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not window and isinstance(w, QDialog)
    ]


def _close_buttons(widget: QWidget) -> list[QAbstractButton]:
    return [
        b
        for b in widget.findChildren(QAbstractButton)
        if b.isVisible() and b.text().replace("&", "") in {"Close", "Cancel"}
    ]


def test_the_main_window_binds_no_shortcut_twice(window):
    assert duplicates(window) == {}
    keys = {b.keys for b in bindings(window)}
    assert {"Ctrl+Shift+O", "Ctrl+Shift+R", "F9", "Ctrl+Z", "1"} <= keys


def test_the_shortcuts_dialog_lists_every_bound_key(qtbot, window):
    dialog = ShortcutsDialog(shortcut_rows(window), window)
    qtbot.addWidget(dialog)
    listed = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    for binding in bindings(window, live_only=True):
        assert any(binding.keys in keys for keys in listed), binding
    stages = len(window.review.stages)
    assert str(stages) in listed
    assert str(stages + 1) not in listed  # no key past the last stage is offered


@pytest.mark.parametrize("action_name", TOOL_ACTIONS)
def test_each_tool_window_has_unique_shortcuts_a_close_button_and_closes_on_escape(
    qtbot, window, wait_idle, action_name
):
    rows = window.slate.rows()
    window.slate.table.selectRow(0)
    if action_name == "compare.compare_action":
        window.slate.table.selectionModel().clearSelection()
        for row in range(3):
            window.slate.table.selectionModel().select(
                window.slate.proxy.index(row, 0),
                window.slate.table.selectionModel().SelectionFlag.Select
                | window.slate.table.selectionModel().SelectionFlag.Rows,
            )
    assert rows
    feature, action = action_name.split(".")
    getattr(getattr(window, feature), action).trigger()
    qtbot.waitUntil(lambda: bool(_open_windows(window)), timeout=10000)
    wait_idle(window)
    (dialog,) = _open_windows(window)
    assert duplicates(dialog) == {}, dialog.windowTitle()
    assert _close_buttons(dialog), f"{dialog.windowTitle()} has no Close button"
    dialog.activateWindow()
    dialog.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


@pytest.mark.parametrize("make", [lambda p: RejectDialog("Ada", p), RequisitionDialog])
def test_small_dialogs_have_unique_shortcuts_and_a_cancel_button(qtbot, window, make):
    dialog = make(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert duplicates(dialog) == {}
    assert _close_buttons(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
