"""The review workspace as a user drives it: navigate, search, filter, sort, act, undo."""

from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import select

from hirepartner.data.models import AuditEvent
from hirepartner.ui.dialogs import RejectDialog
from hirepartner.ui.review.slate_table import Column


def rows(window):
    return [window.slate.proxy.row_at(i) for i in range(window.slate.proxy.rowCount())]


def current(window):
    return window.review.current


def select_navigator(window, index):
    window.navigator.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def test_opens_on_the_first_requisition_with_a_candidate_selected(qtbot, window):
    assert window.pages.currentWidget() is window.workspace
    assert window.listing.requisition_code == "REQ-1042"
    assert window.slate.proxy.rowCount() == len(window.listing.rows) > 10
    assert window.slate.count_label.text() == f"{window.slate.proxy.rowCount()} candidates"
    selected = current(window)
    assert selected is not None
    # The selected candidate's detail arrives (it may still be loading when the slate shows).
    qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=10000)
    assert window.panel.detail.application_id == selected.application_id
    assert window.panel.name.isVisible()
    assert window.panel.name.text() == selected.full_name


def test_j_and_k_move_between_candidates(qtbot, window):
    window.slate.table.setFocus()
    first = current(window)
    qtbot.keyClick(window.slate.table, Qt.Key.Key_J)
    assert current(window) == rows(window)[1]
    qtbot.keyClick(window.slate.table, Qt.Key.Key_K)
    assert current(window) == first
    qtbot.waitUntil(
        lambda: (
            window.panel.detail is not None
            and window.panel.detail.application_id == first.application_id
        )
    )
    assert window.panel.name.text() == first.full_name


def test_choosing_a_requisition_and_a_stage_in_the_navigator(qtbot, window):
    model = window.navigator_model
    select_navigator(window, model.index(1, 0))
    qtbot.waitUntil(lambda: window.listing.requisition_code == "REQ-1043")
    assert {r.stage for r in rows(window)} <= {s.name for s in model.requisitions[1].stages}
    onsite = model.index(2, 0, model.index(1, 0))
    select_navigator(window, onsite)
    assert {r.stage for r in rows(window)} == {"Leadership panel"}
    assert window.slate.stage_filter.currentText() == "Leadership panel"


def test_search_as_you_type_and_slash_focuses_it(qtbot, window):
    window.slate.table.setFocus()
    qtbot.keyClick(window.slate.table, Qt.Key.Key_Slash)
    assert window.slate.search.hasFocus()
    target = rows(window)[3]
    qtbot.keyClicks(window.slate.search, target.full_name[:4])
    shown = rows(window)
    assert target in shown
    assert len(shown) < len(window.listing.rows)
    assert window.slate.count_label.text() == f"{len(shown)} of {len(window.listing.rows)}"
    window.slate.search.clear()
    assert len(rows(window)) == len(window.listing.rows)


def test_status_overdue_and_my_scorecard_filters(window):
    window.slate.status_filter.setCurrentIndex(window.slate.status_filter.findData("rejected"))
    assert rows(window)
    assert all(r.status == "rejected" for r in rows(window))
    window.slate.status_filter.setCurrentIndex(0)
    window.slate.overdue_filter.setChecked(True)
    assert all(r.overdue_scorecards > 0 for r in rows(window))
    window.slate.overdue_filter.setChecked(False)
    window.slate.mine_filter.setChecked(True)
    assert all(r.awaiting_me for r in rows(window))
    window.slate.mine_filter.setChecked(False)
    assert len(rows(window)) == len(window.listing.rows)


def test_sorting_by_any_column_keeps_the_selection(window):
    selected = current(window)
    window.slate.table.sortByColumn(Column.DAYS, Qt.SortOrder.DescendingOrder)
    days = [r.days_in_stage for r in rows(window)]
    assert days == sorted(days, reverse=True)
    assert window.slate.table.currentIndex().row() == rows(window).index(selected)
    for column in Column:
        window.slate.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        assert len(rows(window)) == len(window.listing.rows)


def _select(window, predicate):
    target = next(r for r in rows(window) if predicate(r))
    window.slate.select_application(target.application_id)
    return target


def _row_of(window, application_id):
    return next(r for r in window.listing.rows if r.application_id == application_id)


def test_number_key_moves_stage_and_undo_moves_back(qtbot, window, wait_idle, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    def confirm(box):  # two stages on at once asks first; the user says Move
        next(b for b in box.buttons() if b.text().replace("&", "") == "Move").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", confirm)
    target = _select(window, lambda r: r.status == "active" and r.stage_position == 0)
    window.slate.table.setFocus()
    qtbot.keyClick(window.slate.table, Qt.Key.Key_3)
    wait_idle(window)
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 2)
    assert window.undo_action.isEnabled()
    qtbot.keyClick(window.slate.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 0)
    qtbot.keyClick(
        window.slate.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).stage_position == 2)


def test_reject_with_a_reason_then_undo(qtbot, window, monkeypatch):
    target = _select(window, lambda r: r.status == "active")

    def accept(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData("compensation"))
        dialog.note.setPlainText("Asks for twice the band.")
        return RejectDialog.DialogCode.Accepted

    monkeypatch.setattr(RejectDialog, "exec", accept)
    window.review.reject.trigger()
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).status == "rejected")
    assert _row_of(window, target.application_id).rejection_reason == "compensation"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).status == "active")
    assert _row_of(window, target.application_id).rejection_reason is None


def test_hold_withdraw_hire_and_reopen_each_undo(qtbot, window):
    target = _select(window, lambda r: r.status == "active")
    app_id = target.application_id
    for action, status in (
        (window.review.hold, "on_hold"),
        (window.review.withdraw, "withdrawn"),
        (window.review.hired, "hired"),
    ):
        window.slate.select_application(app_id)
        assert action.isEnabled()
        action.trigger()
        qtbot.waitUntil(lambda s=status: _row_of(window, app_id).status == s)
        window.undo_action.trigger()
        qtbot.waitUntil(lambda: _row_of(window, app_id).status == "active")
    window.slate.select_application(app_id)
    window.review.hold.trigger()
    qtbot.waitUntil(lambda: _row_of(window, app_id).status == "on_hold")
    window.slate.select_application(app_id)
    qtbot.waitUntil(lambda: window.review.reopen.isEnabled())
    window.review.reopen.trigger()
    qtbot.waitUntil(lambda: _row_of(window, app_id).status == "active")


def test_tag_and_note_then_undo(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    target = _select(window, lambda r: "shortlist" not in r.tags)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("shortlist", True))
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("Call back after the offsite.", True)
    )
    window.review.add_tag.trigger()
    qtbot.waitUntil(lambda: "shortlist" in _row_of(window, target.application_id).tags)
    window.review.add_note.trigger()
    qtbot.waitUntil(
        lambda: (
            window.panel.detail is not None
            and any(n.text == "Call back after the offsite." for n in window.panel.detail.notes)
        )
    )
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.panel.detail is not None and not window.panel.detail.notes)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "shortlist" not in _row_of(window, target.application_id).tags)


def test_every_action_is_audited(qtbot, window, demo_services):
    target = _select(window, lambda r: r.status == "active")
    window.review.hold.trigger()
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).status == "on_hold")
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).status == "active")
    with demo_services.database.unit_of_work() as uow:
        events = uow.session.scalars(
            select(AuditEvent).where(
                AuditEvent.entity_id == target.application_id, AuditEvent.entity == "application"
            )
        ).all()
        audited = [(e.detail.get("to"), e.actor_id) for e in events]
    assert [to for to, _actor in audited][-2:] == ["on_hold", "active"]
    assert all(actor is not None for _to, actor in audited)


def test_closed_applications_cannot_move(window):
    _select(window, lambda r: r.status == "rejected")
    assert not any(a.isEnabled() for a in window.review.stage_actions)
    assert window.review.reopen.isEnabled()
    assert not window.review.reject.isEnabled()


def test_shortcuts_dialog_lists_the_actions(qtbot, window):
    from hirepartner.ui.dialogs import ShortcutsDialog
    from hirepartner.ui.shortcuts import shortcut_rows

    dialog = ShortcutsDialog(shortcut_rows(window), window)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    keys = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Next candidate" in names
    assert "J" in keys
    assert any("Ctrl+Shift+Z" in k for k in keys)
    assert any(name.startswith("1 ") for name in names)  # move to stage 1
    assert "Import slate" in names  # generated from the live actions, not a hand-kept list
    assert "Sync now" in names


def test_a_change_to_one_candidate_reloads_only_that_row(qtbot, window):
    target = _select(window, lambda r: r.status == "active")
    others_before = {
        r.application_id: r
        for r in window.listing.rows
        if r.application_id != target.application_id
    }
    window.review.hold.trigger()
    qtbot.waitUntil(lambda: _row_of(window, target.application_id).status == "on_hold")
    others_after = {
        r.application_id: r
        for r in window.listing.rows
        if r.application_id != target.application_id
    }
    assert others_after.keys() == others_before.keys()
    assert all(others_after[key] is others_before[key] for key in others_after)
    assert window.review.current.application_id == target.application_id
    assert "on hold" in window.panel.state.text()
