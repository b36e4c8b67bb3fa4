"""Independent scoring holds on the packets: a reader who holds a draft beside submitted
scorecards sees only their own ratings, takeaways and recommendations in the packet they
prepare, whatever the mode; a reader overseeing the panel sees everyone's submitted ones."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.models import Application, Person, Requisition, Scorecard
from hirepartner.domain import ScorecardStatus
from hirepartner.packets.slate_summary import score_lines


def _a_reader_with_a_draft_beside_submitted(services):
    """(application id, the drafting interviewer, the others who submitted)."""
    with services.database.unit_of_work() as uow:
        cards = uow.session.execute(
            select(Scorecard.application_id, Scorecard.interviewer_id, Scorecard.status)
        ).all()
        by_app: dict[int, list] = {}
        for app_id, person, status in cards:
            by_app.setdefault(app_id, []).append((person, status))
        for app_id, entries in sorted(by_app.items()):
            drafts = [p for p, s in entries if s == ScorecardStatus.DRAFT.value]
            submitted = [p for p, s in entries if s == ScorecardStatus.SUBMITTED.value]
            others = [p for p in submitted if p not in drafts]
            if drafts and others:
                names = dict(uow.session.execute(select(Person.id, Person.name)).all())
                emails = dict(uow.session.execute(select(Person.id, Person.email)).all())
                return app_id, (names[drafts[0]], emails[drafts[0]]), [names[p] for p in others]
    raise AssertionError("the demo world has no draft beside submitted scorecards")


def _set_mode(services, mode: str) -> None:
    with services.database.unit_of_work() as uow:
        for requisition in uow.session.scalars(select(Requisition)):
            requisition.scoring_visibility = mode
        uow.commit()


def _names_shown(packet) -> set[str]:
    shown = {t.interviewer for t in packet.candidate.takeaways}
    for competency in packet.candidate.competencies:
        shown |= {r.interviewer for r in competency.ratings}
    return shown - {""}


@pytest.mark.parametrize("mode", ["after_submit", "never", "always"])
def test_a_packet_prepared_by_a_drafting_interviewer_shows_only_what_they_may_see(
    tmp_path, clock, mode
):
    services = build_services(sqlite_location(tmp_path / "hp.db"), clock=clock)
    try:
        services.fill_demo(60, 7)
        _set_mode(services, mode)
        app_id, (name, email), others = _a_reader_with_a_draft_beside_submitted(services)
        services.profile.set_current(name, email, "interviewer")
        packet = services.export.candidate_packet(app_id)
        shown = _names_shown(packet)
        if mode == "always":
            assert set(others) <= shown  # the requisition lets everyone see everyone
        else:
            assert not set(others) & shown, f"{name} saw {sorted(set(others) & shown)}"
        with services.database.unit_of_work() as uow:
            requisition_id = uow.session.get(Application, app_id).requisition_id
        slate = services.export.slate_packet(requisition_id)
        for candidate in slate.candidates:
            if candidate.application_id == app_id:
                seen = {t.interviewer for t in candidate.takeaways} - {""}
                if mode != "always":
                    assert not set(others) & seen
                    # The packet says why, rather than "no ratings" for a rated candidate.
                    assert candidate.hidden_scorecards == len(others)
                    assert "hidden until you submit your own" in " ".join(score_lines(candidate))
                else:
                    assert candidate.hidden_scorecards == 0
    finally:
        services.close()


@pytest.mark.parametrize("mode", ["after_submit", "never", "always"])
def test_the_slate_listing_shows_no_average_of_others_to_a_drafting_interviewer(
    tmp_path, clock, mode
):
    services = build_services(sqlite_location(tmp_path / "hp.db"), clock=clock)
    try:
        services.fill_demo(60, 7)
        _set_mode(services, mode)
        app_id, (name, email), _others = _a_reader_with_a_draft_beside_submitted(services)
        with services.database.unit_of_work() as uow:
            requisition_id = uow.session.get(Application, app_id).requisition_id
        before = {r.application_id: r for r in services.slates.list_slate(requisition_id).rows}
        assert before[app_id].average_score is not None  # the manager sees the panel's average
        services.profile.set_current(name, email, "interviewer")
        rows = {r.application_id: r for r in services.slates.list_slate(requisition_id).rows}
        if mode == "always":
            assert rows[app_id].average_score is not None
            assert rows[app_id].score_hidden == ""
        else:
            assert rows[app_id].average_score is None
            assert "Hidden" in rows[app_id].score_hidden  # the listing says why, not just "–"
    finally:
        services.close()
