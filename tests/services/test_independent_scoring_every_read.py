"""Independent scoring holds on every read path: whatever a reader who holds a draft beside
other interviewers' submitted scorecards is shown does not move when those hidden scorecards
change — unless the requisition lets everyone see everyone ("always"), where it must move
(which proves each path really reads the panel).

Read paths: the candidate panel's detail, the visible scorecards, the comparison (of a
selection and of the whole requisition), the debrief (one and a slate), the candidate and slate
packets, the slate listing, calibration, the success summary and the CLI's slate listing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import select, update

from hirepartner.app import AppServices, build_services
from hirepartner.cli import main as cli_main
from hirepartner.config import sqlite_location
from hirepartner.data.models import Application, Person, Rating, Requisition, Scorecard
from hirepartner.domain import ApplicationStatus, ScorecardStatus


@dataclass(frozen=True)
class Blind:
    """An application where `reader` holds a draft and `others` submitted theirs."""

    application_id: int
    requisition_id: int
    sibling_id: int  # another application of the same requisition, to compare against
    reader_id: int
    others: tuple[int, ...]


def _find_blind(services: AppServices) -> Blind:
    with services.database.unit_of_work() as uow:
        cards = uow.session.execute(
            select(
                Scorecard.application_id,
                Scorecard.interviewer_id,
                Scorecard.status,
                Application.requisition_id,
            ).join(Application, Application.id == Scorecard.application_id)
        ).all()
        by_app: dict[int, list] = {}
        for app_id, person, status, requisition_id in cards:
            by_app.setdefault(app_id, []).append((person, status, requisition_id))
        for app_id, entries in sorted(by_app.items()):
            drafts = [p for p, s, _r in entries if s == ScorecardStatus.DRAFT.value]
            others = [
                p
                for p, s, _r in entries
                if s == ScorecardStatus.SUBMITTED.value and p not in drafts
            ]
            if drafts and others:
                requisition_id = entries[0][2]
                sibling = next(
                    a
                    for a, rows in sorted(by_app.items())
                    if a != app_id and rows[0][2] == requisition_id
                )
                return Blind(app_id, requisition_id, sibling, drafts[0], tuple(others))
    raise AssertionError("the demo world has no draft beside submitted scorecards")


def _change_what_is_hidden(services: AppServices, blind: Blind) -> None:
    """Others' submitted scorecards on the blind application say something else entirely."""
    with services.database.unit_of_work() as uow:
        hidden = select(Scorecard.id).where(
            Scorecard.application_id == blind.application_id,
            Scorecard.interviewer_id.in_(blind.others),
        )
        uow.session.execute(
            update(Rating)
            .where(Rating.scorecard_id.in_(hidden), Rating.level.is_not(None))
            .values(level=5 - Rating.level, evidence="Rewritten evidence nobody should see")
        )
        uow.session.execute(
            update(Rating)
            .where(Rating.scorecard_id.in_(hidden), Rating.level.is_(None))
            .values(level=4, evidence="Rewritten evidence nobody should see")
        )
        for card in uow.session.scalars(select(Scorecard).where(Scorecard.id.in_(hidden))):
            card.key_takeaways = "A rewritten takeaway nobody should see"
            card.recommendation = (
                "strong_no" if card.recommendation != "strong_no" else "strong_yes"
            )
        uow.commit()


def _cli_listing(services: AppServices, blind: Blind, capsys) -> object:
    path = services.database.engine.url.database
    assert path
    capsys.readouterr()
    code = cli_main(
        ["--db", path, "list", "candidates", "--requisition", str(blind.requisition_id), "--json"]
    )
    assert code == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


READS: dict[str, Callable[[AppServices, Blind, object], object]] = {
    "candidate panel": lambda s, b, _c: s.review.application_detail(b.application_id),
    "visible scorecards": lambda s, b, _c: s.scorecards.visible_scorecards(
        b.application_id, b.reader_id
    ),
    "comparison": lambda s, b, _c: s.compare.compare([b.application_id, b.sibling_id]),
    "requisition comparison": lambda s, b, _c: s.compare.requisition_comparison(b.requisition_id),
    "debrief": lambda s, b, _c: s.debrief.debrief(b.application_id),
    "slate debrief": lambda s, b, _c: s.debrief.debrief_slate([b.application_id, b.sibling_id]),
    "candidate packet": lambda s, b, _c: s.export.candidate_packet(b.application_id),
    "slate packet": lambda s, b, _c: s.export.slate_packet(b.requisition_id),
    "slate listing": lambda s, b, _c: s.slates.list_slate(b.requisition_id),
    "calibration": lambda s, b, _c: s.calibration.calibration(b.requisition_id),
    "success summary": lambda s, b, _c: s.updates.success_summary(b.application_id),
    "cli slate listing": _cli_listing,
}


@pytest.mark.parametrize("mode", ["after_submit", "never", "always"])
@pytest.mark.parametrize("read", sorted(READS))
def test_what_a_drafting_reader_sees_does_not_move_with_what_is_hidden(
    tmp_path, clock, capsys, read, mode
):
    services = build_services(sqlite_location(tmp_path / "hp.db"), clock=clock)
    try:
        services.fill_demo(60, 7)
        blind = _find_blind(services)
        with services.database.unit_of_work() as uow:
            uow.session.execute(update(Requisition).values(scoring_visibility=mode))
            if read == "success summary":  # a summary is written for a hire
                uow.session.execute(
                    update(Application)
                    .where(Application.id == blind.application_id)
                    .values(status=ApplicationStatus.HIRED.value)
                )
            reader = uow.session.get(Person, blind.reader_id)
            assert reader is not None
            name, email = reader.name, reader.email
            uow.commit()
        services.profile.set_current(name, email, "interviewer")

        before = READS[read](services, blind, capsys)
        _change_what_is_hidden(services, blind)
        after = READS[read](services, blind, capsys)

        if mode == "always":
            assert after != before, f"{read} does not read the panel at all"
        else:
            assert after == before, f"{read} shows {name} what is hidden ({mode})"
    finally:
        services.close()
