"""Debrief and calibration screens from the main window."""

from PySide6.QtCore import Qt


def test_debrief_records_a_hold(qtbot, window, artifacts_dir):
    row = next(r for r in window.slate.rows() if r.status == "active" and r.scorecards_submitted)
    window.slate.select_application(row.application_id)
    window.debrief_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "debrief_dialog", None) is not None, timeout=5000)
    dialog = window.debrief_dialog
    assert dialog.agenda.count() > 0
    dialog.record.click()
    assert "Choose advance" in dialog.error.text()
    hold = next(b for b in dialog.outcome.buttons() if b.property("outcome") == "hold")
    hold.setChecked(True)
    assert not dialog.reason.isEnabled()
    dialog.rationale.setPlainText("Waiting for the second onsite.")
    dialog.present.setText("Morgan Avery, Mei Lin")
    dialog.grab().save(str(artifacts_dir / "debrief.png"))
    dialog.record.click()
    qtbot.waitUntil(lambda: "hold" in dialog.history.text(), timeout=5000)
    qtbot.waitUntil(
        lambda: (
            next(r for r in window.listing.rows if r.application_id == row.application_id).status
            == "on_hold"
        ),
        timeout=5000,
    )
    dialog.close()


def test_calibration_screen(qtbot, window, artifacts_dir):
    window.calibration_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "calibration_dialog", None) is not None, timeout=5000)
    dialog = window.calibration_dialog
    model = dialog.raters.model()
    assert model.rowCount() > 3
    assert model.index(0, 2).data(Qt.ItemDataRole.DisplayRole)
    assert dialog.agreement.model().rowCount() >= 2
    dialog.grab().save(str(artifacts_dir / "calibration.png"))
    dialog.close()


def test_a_slate_debrief_has_one_agenda_and_decides_for_each(qtbot, window):
    rows = [r for r in window.slate.rows() if r.status == "active" and r.scorecards_submitted][:3]
    selection = window.slate.table.selectionModel()
    selection.clearSelection()
    from PySide6.QtCore import QItemSelectionModel

    for row in rows:
        index = window.slate.proxy.index(
            window.slate.table_model.visible_row_of(row.application_id), 0
        )
        selection.select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    window.debrief_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "debrief_dialog", None) is not None, timeout=5000)
    dialog = window.debrief_dialog
    assert dialog.candidate.isVisible()
    assert dialog.candidate.count() == 3
    items = [dialog.agenda.item(n).text() for n in range(dialog.agenda.count())]
    assert {text.split(":")[0] for text in items} == {r.full_name for r in rows}
    dialog.candidate.setCurrentIndex(1)
    assert dialog.application_id == dialog.candidate.itemData(1)
    dialog.close()


def test_calibration_across_requisitions(qtbot, window):
    window.calibration_all_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "calibration_dialog", None) is not None, timeout=5000)
    assert window.calibration_dialog.windowTitle() == "Calibration: All requisitions"
    window.calibration_dialog.close()
