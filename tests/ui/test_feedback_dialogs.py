"""My interviews and time to feedback, opened from the main window's menus."""


def test_my_interviews_lists_what_i_must_score_and_opens_a_scorecard(qtbot, window, artifacts_dir):
    window.scorecards.my_interviews_action.trigger()
    qtbot.waitUntil(
        lambda: getattr(window.scorecards, "my_interviews_dialog", None) is not None, timeout=5000
    )
    dialog = window.scorecards.my_interviews_dialog
    assert dialog.table.rowCount() == len(dialog.items) > 0
    statuses = {dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())}
    assert statuses <= {"draft", "submitted", "overdue"}
    dialog.grab().save(str(artifacts_dir / "my-interviews.png"))
    dialog.open_requested.emit(dialog.items[0].scorecard_id)
    qtbot.waitUntil(
        lambda: getattr(window.scorecards, "scorecard_dialog", None) is not None, timeout=5000
    )
    assert window.scorecards.scorecard_dialog.form.id == dialog.items[0].scorecard_id
    window.scorecards.scorecard_dialog.close()
    dialog.close()


def test_time_to_feedback_shows_each_interviewer_with_n(qtbot, window, artifacts_dir):
    window.partnership.feedback_action.trigger()
    qtbot.waitUntil(
        lambda: getattr(window.partnership, "feedback_dialog", None) is not None, timeout=5000
    )
    table = window.partnership.feedback_dialog.table
    assert table.rowCount() >= 3
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert names == sorted(names)
    assert all(table.item(r, 1).text().isdigit() for r in range(table.rowCount()))
    window.partnership.feedback_dialog.grab().save(str(artifacts_dir / "time-to-feedback.png"))
    window.partnership.feedback_dialog.close()


def test_scoring_the_current_candidate_from_the_menu(qtbot, window):
    window.scorecards.score_action.trigger()
    qtbot.waitUntil(
        lambda: getattr(window.scorecards, "scorecard_dialog", None) is not None, timeout=5000
    )
    form = window.scorecards.scorecard_dialog.form
    assert form.application_id == window.review.current.application_id
    assert form.interviewer == "Morgan Avery"
    window.scorecards.scorecard_dialog.close()
