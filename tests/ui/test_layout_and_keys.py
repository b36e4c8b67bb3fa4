"""What the window shows and how its keys behave: the frozen name column, the default columns,
a header that keeps its height, the toolbar's Undo label, the search field's Escape, the empty
result, backward moves that ask first, and a redo that never replays over newer state."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from hirepartner.ui.main_window import MainWindow
from hirepartner.ui.review.slate_table import Column
from hirepartner.ui.settings import Settings


def _row_of(window, application_id):
    return next(r for r in window.listing.rows if r.application_id == application_id)


def _select(window, predicate):
    row = next(r for r in window.slate.rows() if predicate(r))
    window.slate.select_application(row.application_id)
    return row


def _visible_columns(window) -> set[int]:
    table = window.slate.table
    width = table.viewport().width()
    shown = set()
    for column in Column:
        x = table.columnViewportPosition(column)
        if not table.isColumnHidden(column) and x >= 0 and x + table.columnWidth(column) <= width:
            shown.add(column)
    return shown


def test_at_1440_wide_name_stage_score_and_scorecards_show_without_scrolling(qtbot, window):
    window.resize(1440, 900)
    qtbot.wait(50)
    assert {Column.NAME, Column.STAGE, Column.SCORE, Column.SCORECARDS} <= _visible_columns(window)
    header = window.slate.table.horizontalHeader()
    assert [header.logicalIndex(v) for v in range(4)] == [
        Column.NAME,
        Column.STAGE,
        Column.SCORE,
        Column.SCORECARDS,
    ]


def test_the_name_column_stays_on_the_left_when_scrolling_sideways(qtbot, window):
    window.resize(1024, 700)
    qtbot.wait(50)
    table = window.slate.table
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0  # there is something to scroll at this size
    bar.setValue(bar.maximum())
    qtbot.wait(20)
    assert Column.NAME not in _visible_columns(window)  # the main view scrolled it away...
    frozen = table.frozen
    assert frozen.isVisible()
    assert frozen.geometry().left() <= table.frameWidth() + 1  # ...the frozen copy did not
    assert frozen.width() == table.columnWidth(Column.NAME)
    first = window.slate.rows()[0]
    assert frozen.model().index(0, Column.NAME).data() == first.full_name
    # The frozen column cannot be dragged away from the left.
    header = table.horizontalHeader()
    header.moveSection(header.visualIndex(Column.NAME), 3)
    assert header.visualIndex(Column.NAME) == 0


def test_the_candidate_header_keeps_its_height_for_a_long_name(qtbot, window):
    window.resize(1024, 700)
    rows = window.slate.rows()
    window.slate.select_application(rows[0].application_id)
    qtbot.waitUntil(lambda: window.panel.detail is not None)
    top = window.panel.tabs.geometry().top()
    window.panel.name.setText("Maximiliana Wilhelmina Augusta von Hohenzollern-Sigmaringen " * 2)
    window.panel.state.setText("REQ-1042 Senior Backend Engineer · Onsite — rejected " * 4)
    qtbot.wait(50)
    assert window.panel.tabs.geometry().top() == top
    assert window.panel.name.toolTip().startswith("Maximiliana")


def test_undo_button_on_the_toolbar_keeps_a_short_label(qtbot, window, wait_idle):
    target = _select(window, lambda r: r.status == "active")
    width = window.undo_button.text()
    window.review.hold.trigger()
    wait_idle(window)
    assert window.undo_button.text() == width == "Undo"
    assert window.undo_button.toolTip() == f"Undo Put {target.full_name} on hold (Ctrl+Z)"
    assert window.undo_action.text().startswith("&Undo Put")  # the menu keeps the full text


def test_escape_clears_the_search_then_leaves_the_field(qtbot, window):
    window.slate.focus_search()
    qtbot.keyClicks(window.slate.search, "zzqx")
    assert window.slate.proxy.rowCount() == 0
    assert window.slate.empty_bar.isVisible()
    assert window.slate.no_match.text() == "No candidates match “zzqx”"
    qtbot.keyClick(window.slate.search, Qt.Key.Key_Escape)
    assert window.slate.search.text() == ""
    assert window.slate.search.hasFocus()
    assert not window.slate.empty_bar.isVisible()
    qtbot.keyClick(window.slate.search, Qt.Key.Key_Escape)
    assert window.slate.table.hasFocus()


def test_clear_on_an_empty_result_shows_everyone_again(qtbot, window):
    total = window.slate.proxy.rowCount()
    window.slate.status_filter.setCurrentIndex(window.slate.status_filter.findData("hired"))
    window.slate.search.setText("nobody by this name")
    assert window.slate.empty_bar.isVisible()
    assert "with these filters" in window.slate.no_match.text()
    qtbot.mouseClick(window.slate.clear_button, Qt.MouseButton.LeftButton)
    assert window.slate.proxy.rowCount() == total
    assert window.slate.status_filter.currentIndex() == 0


def _answer_move_question(monkeypatch, answer: str, asked: list[str]):
    def exec_(box):
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == answer)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_a_number_key_one_stage_forward_moves_at_once(qtbot, window, wait_idle, monkeypatch):
    asked: list[str] = []
    _answer_move_question(monkeypatch, "Cancel", asked)
    target = _select(window, lambda r: r.status == "active" and r.stage_position == 0)
    window.slate.table.setFocus()
    qtbot.keyClick(window.slate.table, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 1)
    assert asked == []
    assert window.status_undo.isVisible()
    assert (
        window.status_message.text()
        == f"Moved {target.full_name} to {window.review.stages[1].name}."
    )
    qtbot.mouseClick(window.status_undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 0)


def test_a_backward_or_skipping_move_asks_first(qtbot, window, wait_idle, monkeypatch):
    asked: list[str] = []
    _answer_move_question(monkeypatch, "Cancel", asked)
    target = _select(window, lambda r: r.status == "active" and r.stage_position == 2)
    window.slate.table.setFocus()
    qtbot.keyClick(window.slate.table, Qt.Key.Key_1)  # backwards, refused
    wait_idle(window)
    assert len(asked) == 1
    assert "back from" in asked[0]
    assert _row_of(window, target.application_id).stage_position == 2
    assert not window.undo_stack.canUndo()

    _answer_move_question(monkeypatch, "Move", asked)
    qtbot.keyClick(window.slate.table, Qt.Key.Key_1)  # backwards, confirmed
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 0)
    assert len(asked) == 2

    qtbot.keyClick(window.slate.table, Qt.Key.Key_4)  # over two stages: asks
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 3)
    assert len(asked) == 3
    assert "past" in asked[2]


def test_a_write_off_the_undo_stack_clears_the_redo_history(qtbot, window, wait_idle):
    """Seen: redo moved a candidate who had since been put on hold."""
    target = _select(window, lambda r: r.status == "active" and r.stage_position == 0)
    window.slate.table.setFocus()
    qtbot.keyClick(window.slate.table, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 1)
    qtbot.keyClick(window.slate.table, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 2)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 1)
    assert window.redo_action.isEnabled()

    # Another way in: a write that is not an undo command (a sync, a profile save, a decision
    # from another tool) changes the same candidate.
    services, app_id = window.services, target.application_id
    window.ops.run(
        lambda _s: services.pipeline.set_status(app_id, "on_hold"), write=True, label="other"
    ).start()
    wait_idle(window)
    assert not window.undo_stack.canRedo()
    assert not window.redo_action.isEnabled()
    assert not window.redo_button.isEnabled()
    window.redo_action.trigger()  # Ctrl+Shift+Z does nothing now
    wait_idle(window)
    info = services.pipeline.get_application(app_id)
    assert info.status == "on_hold"
    assert _row_of(window, app_id).stage_position == 1
    assert window.undo_stack.canUndo()  # what can be undone is kept


def test_the_requisition_pane_width_is_remembered(qtbot, demo_services, settings_path, wait_loaded):
    def open_window() -> MainWindow:
        store = QSettings(str(settings_path), QSettings.Format.IniFormat)
        main = MainWindow(Settings(store), demo_services)
        qtbot.addWidget(main)
        main.resize(1440, 900)
        main.show()
        wait_loaded(main)
        qtbot.wait(50)
        return main

    first = open_window()
    sizes = first.splitter.sizes()
    first.splitter.setSizes([sizes[0] + 90, sizes[1] - 90, sizes[2]])
    wanted = first.splitter.sizes()[0]
    first.close()
    second = open_window()
    assert second.splitter.sizes()[0] == wanted
    assert second.splitter.handle(1).isEnabled()


def test_a_search_that_hides_the_candidate_for_a_moment_brings_them_back(qtbot, window):
    target = window.slate.rows()[5]
    window.slate.select_application(target.application_id)
    window.slate.focus_search()
    qtbot.keyClicks(window.slate.search, "zzq")  # a typo: nobody matches
    assert window.review.current is None
    for _ in range(3):
        qtbot.keyClick(window.slate.search, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.slate.search, target.full_name.split()[-1])
    assert window.review.current is not None
    assert window.review.current.application_id == target.application_id
    qtbot.keyClick(window.slate.search, Qt.Key.Key_Down)  # Down goes into the results
    assert window.slate.table.hasFocus()


def test_typing_in_the_reject_dialog_goes_to_the_note(qtbot, window):
    from hirepartner.ui.dialogs import RejectDialog

    dialog = RejectDialog("Ada Lovelace", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    reason = dialog.reason.currentIndex()
    qtbot.keyClicks(dialog.focusWidget(), "Compensation too high")
    assert dialog.note.toPlainText() == "Compensation too high"
    assert dialog.reason.currentIndex() == reason


def test_the_undo_beside_a_message_goes_when_another_candidate_is_shown(qtbot, window, wait_idle):
    first = _select(window, lambda r: r.status == "active")
    window.review.hold.trigger()
    wait_idle(window)
    assert window.status_undo.isVisible()
    other = next(r for r in window.slate.rows() if r.application_id != first.application_id)
    window.slate.select_application(other.application_id)
    assert not window.status_undo.isVisible()
    assert first.full_name not in window.status_message.text()


def test_sharing_a_hire_is_offered_only_for_a_hired_candidate(qtbot, window, wait_idle):
    target = _select(window, lambda r: r.status == "active")
    assert not window.partnership.success_action.isEnabled()
    assert window.review.reject.isEnabled()
    window.review.hired.trigger()
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).status == "hired")
    wait_idle(window)
    assert window.review.current.application_id == target.application_id
    assert window.partnership.success_action.isEnabled()
    assert not window.review.reject.isEnabled()


def test_the_window_and_its_tools_fit_a_small_screen(qtbot, window):
    """A 1024×700 laptop must reach every button: nothing opens taller than the screen."""
    from PySide6.QtCore import QRect

    from hirepartner.ui.dialogs import fit_to_screen

    screen = window.screen()
    original = screen.availableGeometry()
    small = QRect(0, 0, 1024, 700)
    try:
        screen.availableGeometry = lambda: small  # the offscreen screen is 1920×1200
        fit_to_screen(window, 1440, 860)
        assert window.width() <= 1024
        assert window.height() <= 700
    finally:
        del screen.availableGeometry
    assert screen.availableGeometry() == original


def test_the_slate_table_has_the_keys_when_the_window_opens(qtbot, window):
    """Seen under X: the requisition tree had the focus, so 2 jumped to "2. Recruiter screen"
    (type-ahead) instead of moving the candidate."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    assert window.focusWidget() is window.slate.table


def test_undo_and_redo_say_what_they_did(qtbot, window, wait_idle):
    target = _select(window, lambda r: r.status == "active")
    window.review.hold.trigger()
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).status == "on_hold")
    window.slate.table.setFocus()
    qtbot.keyClick(window.slate.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).status == "active")
    wait_idle(window)  # the reload after the undo keeps the line, not the slate summary
    assert window.status_message.text() == f"Undone: Put {target.full_name} on hold."
    window.redo_button.trigger()
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).status == "on_hold")
    wait_idle(window)
    assert window.status_message.text() == f"Redone: Put {target.full_name} on hold."


def test_ctrl_click_on_names_selects_whole_rows(qtbot, window):
    """Seen under X: Ctrl+click on the name column selected name cells only, so Compare
    said "Select 2 to 6 candidates" with five names blue."""
    window.resize(1024, 700)
    qtbot.wait(50)
    frozen = window.slate.table.frozen

    def click_name(row: int, modifier: Qt.KeyboardModifier) -> None:
        rect = frozen.visualRect(frozen.model().index(row, Column.NAME))
        qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    click_name(0, Qt.KeyboardModifier.NoModifier)
    for row in (1, 2):
        click_name(row, Qt.KeyboardModifier.ControlModifier)
    assert len(window.slate.selected_rows()) == 3
    selection = window.slate.table.selectionModel()
    assert all(selection.isRowSelected(row) for row in (0, 1, 2))


def test_tab_leaves_the_slate_table(qtbot, window):
    """Tab moves on to the next control, as everywhere else, instead of cell by cell."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    table = window.slate.table
    table.setFocus()
    current = table.currentIndex()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert window.focusWidget() is not table
    assert table.currentIndex() == current


def test_a_hovered_action_tip_hides_the_message_instead_of_overlapping_it(
    qtbot, window, wait_idle, monkeypatch
):
    """Seen under X: "Pause this candidate" was drawn over "Put X on hold. Undo"."""
    asked: list[str] = []
    _answer_move_question(monkeypatch, "Cancel", asked)
    target = _select(window, lambda r: r.status == "active" and r.stage_position == 0)
    window.slate.table.setFocus()
    qtbot.keyClick(window.slate.table, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 1)
    said = window.status_message.text()
    assert window.status_undo.isVisible()
    window.statusBar().showMessage("Pause this candidate")  # what Qt does on hover
    assert not window.status_message.isVisible()
    assert not window.status_undo.isVisible()
    window.statusBar().clearMessage()  # the pointer left the button
    assert window.status_message.isVisible()
    assert window.status_message.text() == said
    assert window.status_undo.isVisible()  # Undo is still on offer
