"""One scorecard read as it was submitted: each rating with the anchor it was given against,
the evidence, the takeaways, the recommendation and every earlier version, for any reader the
requisition's independent-scoring rule lets see it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from hirepartner.data.models import CompetencyAnchor, Rating, Scorecard, ScorecardVersion
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import RATING_LABELS, ScorecardStatus, ScoringVisibility
from hirepartner.errors import HirePartnerError
from hirepartner.services.views.requisitions import RequisitionRef


class ScorecardHidden(HirePartnerError):
    """Independent scoring keeps this scorecard from this reader (for now, or always)."""


@dataclass(frozen=True)
class RatingReading:
    competency_id: int
    competency: str
    focus: bool
    level: int | None  # None: not assessed
    level_label: str  # "Yes", or "Not assessed"
    anchor: str  # what the rated level looks like, in the words it was rated against
    evidence: str


@dataclass(frozen=True)
class VersionReading:
    """One state of the scorecard: version 1 as first submitted, later ones after an amendment."""

    version: int
    at: datetime | None  # when it was submitted (version 1) or amended into being
    reason: str  # why it was amended into being; empty for version 1
    current: bool
    ratings: tuple[RatingReading, ...]
    key_takeaways: str
    recommendation: str | None
    private_notes: str  # only ever the reader's own


@dataclass(frozen=True)
class ScorecardReading:
    id: int
    application_id: int
    candidate: str
    requisition: str
    stage: str
    interviewer: str
    mine: bool
    status: str
    interview_at: datetime | None
    submitted_at: datetime | None
    versions: tuple[VersionReading, ...]  # oldest first; the last is the current one

    @property
    def current(self) -> VersionReading:
        return self.versions[-1]


@dataclass(frozen=True)
class ReadItem:
    """What the reading needs of one competency on the scorecard's form."""

    competency_id: int
    name: str
    focus: bool


def check_visible(card: Scorecard, mode: str, sees_others: bool, reader_id: int | None) -> None:
    """Raise ScorecardHidden unless the requisition's independent-scoring rule lets this reader
    see the scorecard: their own always; another's once submitted, if `sees_others`
    (`may_see_others`, the rule `ScorecardService.visible_scorecards` applies)."""
    if reader_id is not None and card.interviewer_id == reader_id:
        return
    if card.status != ScorecardStatus.SUBMITTED.value:
        raise ScorecardHidden(
            "This scorecard is still a draft; it can be read once its interviewer submits it."
        )
    if sees_others:
        return
    if mode == ScoringVisibility.NEVER.value:
        raise ScorecardHidden(
            "Independent scoring keeps the other interviewers' scorecards hidden from the "
            "panel on this requisition."
        )
    raise ScorecardHidden(
        "This scorecard stays hidden until you submit your own scorecard for this candidate."
    )


def read_scorecard(
    uow: UnitOfWork, card: Scorecard, items: Sequence[ReadItem], reader_id: int | None
) -> ScorecardReading:
    """The scorecard and its history, already checked visible to this reader."""
    application = uow.applications.get(card.application_id)
    requisition = uow.requisitions.get(application.requisition_id)
    stage = uow.requisitions.stage(card.stage_id)
    interviewer = uow.people.get(card.interviewer_id)
    mine = reader_id is not None and card.interviewer_id == reader_id
    anchors = _anchors(uow, [item.competency_id for item in items])
    old = uow.session.scalars(
        select(ScorecardVersion)
        .where(ScorecardVersion.scorecard_id == card.id)
        .order_by(ScorecardVersion.version)
    ).all()
    ratings = {r.competency_id: r for r in _ratings(uow, card.id)}
    live = {
        "levels": {cid: r.level for cid, r in ratings.items()},
        "evidence": {cid: r.evidence for cid, r in ratings.items()},
        "key_takeaways": card.key_takeaways,
        "recommendation": card.recommendation,
        "private_notes": card.private_notes,
    }
    states: list[tuple[int, Mapping[str, Any]]] = [
        (v.version, _snapshot_values(v.snapshot)) for v in old
    ]
    states.append((card.version, live))
    versions = []
    for n, (number, values) in enumerate(states):
        # A kept version records why (and when) it was replaced, i.e. how the next one began.
        began = old[n - 1] if n > 0 else None
        versions.append(
            VersionReading(
                version=number,
                at=began.created_at if began else card.submitted_at,
                reason=began.reason if began else "",
                current=n == len(states) - 1,
                ratings=_rating_readings(items, anchors, values),
                key_takeaways=str(values.get("key_takeaways") or ""),
                recommendation=values.get("recommendation"),
                private_notes=str(values.get("private_notes") or "") if mine else "",
            )
        )
    return ScorecardReading(
        id=card.id,
        application_id=card.application_id,
        candidate=application.candidate.full_name,
        requisition=RequisitionRef.of(requisition).label,
        stage=stage.name,
        interviewer=interviewer.name,
        mine=mine,
        status=card.status,
        interview_at=card.interview_at,
        submitted_at=card.submitted_at,
        versions=tuple(versions),
    )


def _ratings(uow: UnitOfWork, scorecard_id: int) -> Sequence[Rating]:
    return uow.session.scalars(select(Rating).where(Rating.scorecard_id == scorecard_id)).all()


def _anchors(uow: UnitOfWork, competency_ids: Sequence[int]) -> dict[tuple[int, int], str]:
    rows = uow.session.scalars(
        select(CompetencyAnchor).where(CompetencyAnchor.competency_id.in_(competency_ids))
    ).all()
    return {(a.competency_id, a.level): a.text for a in rows}


def _snapshot_values(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """A kept version's values with its competency ids back as numbers."""
    values = dict(snapshot)
    values["levels"] = {int(k): v for k, v in (snapshot.get("levels") or {}).items()}
    values["evidence"] = {int(k): v for k, v in (snapshot.get("evidence") or {}).items()}
    return values


def _rating_readings(
    items: Sequence[ReadItem],
    anchors: Mapping[tuple[int, int], str],
    values: Mapping[str, Any],
) -> tuple[RatingReading, ...]:
    """The focus competencies, and any other the interviewer rated or wrote evidence for."""
    levels: Mapping[int, int | None] = values["levels"]
    evidence: Mapping[int, str] = values["evidence"]
    readings = []
    for item in items:
        level = levels.get(item.competency_id)
        text = evidence.get(item.competency_id, "") or ""
        if not item.focus and level is None and not text.strip():
            continue
        readings.append(
            RatingReading(
                competency_id=item.competency_id,
                competency=item.name,
                focus=item.focus,
                level=level,
                level_label=RATING_LABELS[level] if level is not None else "Not assessed",
                anchor=anchors.get((item.competency_id, level), "") if level is not None else "",
                evidence=text,
            )
        )
    return tuple(readings)
