"""Debrief and calibration screens from the main window."""

from PySide6.QtCore import Qt


def test_debrief_records_a_hold(qtbot, window, artifacts_dir):
    row = next(r for r in window.slate.rows() if r.status == "active" and r.scorecards_submitted)
    window.slate.select_application(row.application_id)
    window.compare.debrief_action.trigger()
    qtbot.waitUntil(
        lambda: getattr(window.compare, "debrief_dialog", None) is not None, timeout=5000
    )
    dialog = window.compare.debrief_dialog
    assert dialog.agenda.count() > 0
    dialog.record.click()
    assert "Choose advance" in dialog.error.text()
    hold = next(b for b in dialog.outcome.buttons() if b.property("outcome") == "hold")
    hold.setChecked(True)
    assert not dialog.reason.isEnabled()
    dialog.rationale.setPlainText("Waiting for the second onsite.")
    assert dialog.present.count() >= 1  # the panel, to tick
    first = dialog.present.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    interviewer = first.text()
    dialog.guests.setText("Sam Guest, ")
    dialog.grab().save(str(artifacts_dir / "debrief.png"))
    dialog.record.click()
    qtbot.waitUntil(lambda: "Put on hold" in dialog.history.text(), timeout=5000)
    said = dialog.history.text()  # one sentence, in words, not "01 Dec: hold (…); Recorded…"
    assert said.startswith("Put on hold on ")
    assert said.endswith(
        " in this debrief (“Waiting for the second onsite.”); Edit → Undo takes it back."
    )
    assert window.services.debrief.debrief(row.application_id).decisions[-1].present == (
        interviewer,
        "Sam Guest",
    )
    qtbot.waitUntil(
        lambda: (
            next(r for r in window.listing.rows if r.application_id == row.application_id).status
            == "on_hold"
        ),
        timeout=5000,
    )
    dialog.close()


def test_calibration_screen(qtbot, window, artifacts_dir):
    window.compare.calibration_action.trigger()
    qtbot.waitUntil(
        lambda: getattr(window.compare, "calibration_dialog", None) is not None, timeout=5000
    )
    dialog = window.compare.calibration_dialog
    model = dialog.raters.model()
    assert model.rowCount() > 3
    assert model.index(0, 2).data(Qt.ItemDataRole.DisplayRole)
    agreement = dialog.agreement.model()
    assert agreement.rowCount() >= 2
    # Below 5 candidates × 2 interviewers a figure shows no interval, only a rough estimate.
    small = big = 0
    for row, figures in enumerate(agreement.view.agreement):
        for column, figure in ((2, figures.icc21), (3, figures.icc2k), (5, figures.alpha_figure)):
            text = agreement.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if figure is None:
                continue
            if figure.n_subjects < 5:
                small += 1
                assert "95%" not in text
                assert text.startswith(f"{figure.value:.2f} (rough estimate)\n")
            else:
                big += 1
                assert "95%" in text
    assert small
    assert big
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
    window.compare.debrief_action.trigger()
    qtbot.waitUntil(
        lambda: getattr(window.compare, "debrief_dialog", None) is not None, timeout=5000
    )
    dialog = window.compare.debrief_dialog
    assert dialog.candidate.isVisible()
    assert dialog.candidate.count() == 3
    items = [dialog.agenda.item(n).text() for n in range(dialog.agenda.count())]
    assert {text.split(":")[0] for text in items} == {r.full_name for r in rows}
    dialog.candidate.setCurrentIndex(1)
    assert dialog.application_id == dialog.candidate.itemData(1)
    dialog.close()


def test_calibration_across_requisitions(qtbot, window):
    window.compare.calibration_all_action.trigger()
    qtbot.waitUntil(
        lambda: getattr(window.compare, "calibration_dialog", None) is not None, timeout=5000
    )
    assert window.compare.calibration_dialog.windowTitle() == "Calibration: All requisitions"
    window.compare.calibration_dialog.close()


def _open_debrief(qtbot, window, row):
    window.slate.select_application(row.application_id)
    qtbot.waitUntil(
        lambda: (
            window.review.current is not None
            and window.review.current.application_id == row.application_id
        ),
        timeout=5000,
    )
    window.compare.debrief_action.trigger()
    qtbot.waitUntil(
        lambda: getattr(window.compare, "debrief_dialog", None) is not None, timeout=5000
    )
    return window.compare.debrief_dialog


def test_each_agenda_item_shows_who_rated_what_with_their_evidence(qtbot, window, artifacts_dir):
    # The first active candidate with a competency two visible interviewers rated.
    for row in (r for r in window.slate.rows() if r.status == "active"):
        if row.scorecards_submitted < 2:
            continue
        window.compare.debrief_dialog = None
        dialog = _open_debrief(qtbot, window, row)
        items = dialog.agenda_items()
        rated = next((n for n, item in enumerate(items) if len(item.ratings) >= 2), None)
        if rated is not None:
            break
        dialog.close()
    assert rated is not None, "the demo world has a candidate rated by two interviewers"
    dialog.agenda.setCurrentRow(rated)
    shown = dialog.ratings.toPlainText()
    for rating in items[rated].ratings:
        assert rating.interviewer in shown
        first_line = rating.evidence.strip().splitlines()[0] if rating.evidence.strip() else ""
        assert first_line in shown
    dialog.resize(1024, 700)
    dialog.grab().save(str(artifacts_dir / "debrief-drilldown.png"))
    assert dialog.record.geometry().bottom() < dialog.height()  # not clipped
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_decision_is_recorded_once_and_undo_takes_it_back(qtbot, window, wait_idle):
    row = next(
        r
        for r in window.slate.rows()
        if r.status == "active" and r.scorecards_submitted and r.stage_position == 1
    )
    before = window.services.pipeline.get_application(row.application_id)
    dialog = _open_debrief(qtbot, window, row)
    advance = next(b for b in dialog.outcome.buttons() if b.property("outcome") == "advance")
    advance.setChecked(True)
    dialog.rationale.setPlainText("Clear signal on system design.")
    dialog.record.click()
    assert not dialog.record.isEnabled()  # a second click cannot record it twice
    qtbot.waitUntil(lambda: "Moved to the next stage" in dialog.history.text(), timeout=5000)
    wait_idle(window)
    assert not dialog.record.isEnabled()
    assert "Undo" in dialog.history.text()
    moved = window.services.pipeline.get_application(row.application_id)
    assert moved.stage_id != before.stage_id
    assert window.undo_stack.undoText() == "Record decision: advance"

    window.undo_stack.undo()
    qtbot.waitUntil(
        lambda: (
            window.services.pipeline.get_application(row.application_id).stage_id == before.stage_id
        ),
        timeout=5000,
    )
    qtbot.waitUntil(lambda: dialog.record.isEnabled(), timeout=5000)
    assert window.services.debrief.debrief(row.application_id).decisions == ()
    assert "Moved to the next stage" not in dialog.history.text()

    window.undo_stack.redo()
    qtbot.waitUntil(lambda: not dialog.record.isEnabled(), timeout=5000)
    again = window.services.debrief.debrief(row.application_id)
    assert [d.outcome for d in again.decisions] == ["advance"]
    dialog.close()
    wait_idle(window)


def test_a_refused_decision_reads_as_a_sentence(qtbot, window, wait_idle):
    row = next(r for r in window.slate.rows() if r.status == "active" and r.scorecards_submitted)
    dialog = _open_debrief(qtbot, window, row)
    hold = next(b for b in dialog.outcome.buttons() if b.property("outcome") == "hold")
    hold.setChecked(True)
    dialog.record.click()  # no rationale
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=5000)
    assert dialog.error.text().startswith("Write the rationale")
    assert dialog.record.isEnabled()
    assert window.undo_stack.count() == 0  # nothing recorded, nothing to undo
    dialog.close()


def test_a_withdrawn_candidate_is_said_before_the_decision_is_filled_in(
    qtbot, window, wait_idle, artifacts_dir
):
    row = next(r for r in window.slate.rows() if r.status == "active" and r.scorecards_submitted)
    window.services.pipeline.set_status(row.application_id, "withdrawn")
    dialog = _open_debrief(qtbot, window, row)
    assert dialog.closed_note.isVisible()
    assert dialog.closed_note.text().endswith(
        "application is withdrawn</b>: reopen it (Candidate → Reopen) to record a decision."
    )
    assert row.full_name in dialog.closed_note.text()
    assert not dialog.record.isEnabled()
    dialog.grab().save(str(artifacts_dir / "debrief-withdrawn.png"))
    dialog.close()
