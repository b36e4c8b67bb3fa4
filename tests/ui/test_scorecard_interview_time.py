"""The scorecard form's interview time stays "not set" until the interviewer gives it: a
made-up date (1 Jan 2000) counted in the time to feedback and made a fresh draft overdue."""

from datetime import datetime

from PySide6.QtCore import QDateTime

from hirepartner.ui.ops import BackgroundOps
from hirepartner.ui.scorecards.scorecard_form import ScorecardDialog


def _fresh_form(services):
    me = services.profile.current()
    for row in services.slates.list_slate(1).rows:
        if row.status == "active":
            card = services.scorecards.open_or_create(row.application_id, row.stage_id, me.id)
            form = services.scorecards.form(card, me.id)
            if form.status == "draft" and form.values.interview_at is None:
                return card, form, me.id
    raise AssertionError("no fresh draft in the demo world")


def test_the_interview_time_is_not_made_up(qtbot, demo_services):
    card, form, me = _fresh_form(demo_services)
    ops = BackgroundOps()
    dialog = ScorecardDialog(demo_services.scorecards, ops, form, me)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.interview_at.text() == "not set"
    assert dialog.values().interview_at is None
    dialog.takeaways.setPlainText("Clear thinker.")
    dialog.save_now()
    qtbot.waitUntil(lambda: dialog.save_state.text().startswith("Draft saved"), timeout=5000)
    assert demo_services.scorecards.form(card, me).values.interview_at is None

    dialog.interview_at.setDateTime(QDateTime(datetime(2026, 11, 2, 14, 30)))
    assert dialog.values().interview_at == datetime(2026, 11, 2, 14, 30)
    dialog.save_now()
    qtbot.waitUntil(
        lambda: (
            demo_services.scorecards.form(card, me).values.interview_at
            == datetime(2026, 11, 2, 14, 30)
        ),
        timeout=5000,
    )
    ops.wait_idle()
