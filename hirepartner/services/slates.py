"""Slates: the recruiter's batches of candidates, listed with the figures a manager reviews by."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from operator import itemgetter

from hirepartner.data.models import Slate
from hirepartner.data.repositories import SlateScope
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ScoringVisibility
from hirepartner.errors import ValidationError
from hirepartner.services.base import Service
from hirepartner.services.views.requisitions import RequisitionRef
from hirepartner.services.views.scorecards import blind_applications


@dataclass(frozen=True, slots=True)
class SlateRow:
    """One application on a slate, flattened for the slate table."""

    application_id: int
    candidate_id: int
    slate_id: int | None
    full_name: str
    email: str | None
    current_title: str
    current_company: str
    location: str
    source: str
    stage_id: int
    stage: str
    stage_position: int
    status: str
    rejection_reason: str | None
    days_in_stage: int
    average_score: float | None
    ratings: int
    scorecards_submitted: int
    scorecards_expected: int
    overdue_scorecards: int
    pitch: str
    tags: tuple[str, ...]
    notes: str
    awaiting_me: bool
    score_hidden: str = ""  # why the average is not shown to this user (independent scoring)

    @property
    def pitch_first_line(self) -> str:
        return self.pitch.strip().splitlines()[0] if self.pitch.strip() else ""


@dataclass(frozen=True)
class SlateSummary:
    candidates: int
    by_stage: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    scored: int
    average_score: float | None
    overdue_scorecards: int


@dataclass(frozen=True)
class SlateListing:
    requisition_id: int
    requisition_code: str
    requisition_title: str
    slate_id: int | None
    rows: tuple[SlateRow, ...]
    summary: SlateSummary  # of `rows`: while the listing is not complete, of the first page only
    complete: bool = True  # False for a first page (list_first_page): more rows follow
    total: int | None = None  # for a first page: how many applications the whole slate holds

    @property
    def requisition(self) -> RequisitionRef:
        return RequisitionRef(self.requisition_id, self.requisition_code, self.requisition_title)


@dataclass(frozen=True)
class SlateInfo:
    id: int
    requisition_id: int
    name: str
    presented_at: datetime


class SlateService(Service):
    def create_slate(self, requisition_id: int, name: str) -> SlateInfo:
        name = name.strip()
        if not name:
            raise ValidationError("name", "a slate needs a name")
        now = self._clock()
        with self._uow() as uow:
            requisition = uow.requisitions.get(requisition_id)
            slate = Slate(
                requisition_id=requisition.id,
                name=name,
                recruiter_id=requisition.recruiter_id,
                presented_at=now,
            )
            uow.requisitions.add(slate)
            uow.audit.record(now, self._actor_id(uow), "create", "slate", slate.id)
            uow.commit()
            return SlateInfo(slate.id, slate.requisition_id, slate.name, slate.presented_at)

    def list_slate(
        self,
        requisition_id: int,
        slate_id: int | None = None,
        application_ids: Sequence[int] | None = None,
    ) -> SlateListing:
        """Every application of a requisition (or of one slate, or just the ids given, to
        refresh a few rows after a change) with its figures.

        The number of SQL statements is fixed, whatever the number of candidates.
        """
        with self._read() as uow:
            if slate_id is not None and uow.requisitions.slate(slate_id).requisition_id != (
                requisition_id
            ):
                raise ValidationError("slate", f"slate {slate_id} belongs to another requisition")
            ids = tuple(application_ids) if application_ids is not None else None
            return _listing(uow, SlateScope(requisition_id, slate_id, ids), self._clock())

    def list_first_page(self, requisition_id: int, size: int) -> SlateListing:
        """The first `size` applications of a requisition by candidate name, listed as
        list_slate lists them: what the slate table paints first on a large requisition. When
        the requisition has no more than `size`, this is the whole listing (`complete`)."""
        with self._read() as uow:
            first = uow.applications.first_by_name(requisition_id, size + 1)
            if len(first) <= size:
                return _listing(uow, SlateScope(requisition_id), self._clock())
            scope = SlateScope(requisition_id, application_ids=tuple(first[:size]))
            total = uow.applications.count_in_requisition(requisition_id)
            return replace(_listing(uow, scope, self._clock()), complete=False, total=total)


def _listing(uow: UnitOfWork, scope: SlateScope, now: datetime) -> SlateListing:
    """The applications in `scope` with their figures, in a fixed number of statements."""
    requisition_id = scope.requisition_id
    requisition = uow.requisitions.get(requisition_id)
    # (name, position) by stage id, read once: not an ORM attribute per row
    stages = {s.id: (s.name, s.position) for s in uow.requisitions.stages([requisition_id])}
    raw_rows = uow.applications.slate_rows(scope)
    tags = uow.applications.tags_in_scope(scope)
    scores = uow.applications.score_aggregates(scope)
    me = uow.people.self_person()
    blind = blind_applications(uow, me.id if me else None, *scope.conditions())
    for app_id in blind:
        scores.pop(app_id, None)  # independent scoring: no average from others' ratings
    hidden_why = (
        "Hidden: this requisition keeps the panel's ratings from its interviewers"
        if requisition.scoring_visibility == ScoringVisibility.NEVER.value
        else "Hidden until you submit your own scorecard (independent scoring)"
    )
    figures = uow.applications.scorecard_figures(
        scope,
        now - timedelta(hours=requisition.feedback_sla_hours),
        me.id if me else None,
    )
    no_score: tuple[float | None, int] = (None, 0)
    no_figures = (0, 0, 0, False)
    rows = []
    # By name, then id: sorting the fetched tuples with a C key costs a third of sorting rows
    for row in sorted(raw_rows, key=itemgetter(9, 0)):
        (
            app_id,
            candidate_id,
            row_slate_id,
            stage_id,
            status,
            source,
            pitch,
            rejection_reason,
            entered_stage_at,
            full_name,
            email,
            current_title,
            current_company,
            location,
            notes,
        ) = row
        stage_name, stage_position = stages[stage_id]
        mean, ratings = scores.get(app_id, no_score)
        submitted, expected, overdue, awaiting_me = figures.get(app_id, no_figures)
        rows.append(
            SlateRow(
                app_id,
                candidate_id,
                row_slate_id,
                full_name,
                email,
                current_title,
                current_company,
                location,
                source,
                stage_id,
                stage_name,
                stage_position,
                status,
                rejection_reason,
                max(0, (now - entered_stage_at).days),
                mean,
                ratings,
                submitted,
                expected,
                overdue,
                pitch,
                tuple(tags.get(candidate_id, ())),
                notes,
                awaiting_me,
                hidden_why if app_id in blind else "",
            )
        )
    return SlateListing(
        requisition_id=requisition.id,
        requisition_code=requisition.code,
        requisition_title=requisition.title,
        slate_id=scope.slate_id,
        rows=tuple(rows),
        summary=summarise(rows, [name for name, _position in stages.values()]),
    )


def summarise(rows: Sequence[SlateRow], stage_order: list[str]) -> SlateSummary:
    """The slate's headline figures; the mean score weighs each rating once."""
    by_stage = Counter(row.stage for row in rows)
    by_status = Counter(row.status for row in rows)
    total_ratings = sum(row.ratings for row in rows)
    rated_sum = sum(
        row.average_score * row.ratings for row in rows if row.average_score is not None
    )
    return SlateSummary(
        candidates=len(rows),
        by_stage=tuple((name, by_stage.get(name, 0)) for name in stage_order),
        by_status=tuple(sorted(by_status.items())),
        scored=sum(1 for row in rows if row.ratings),
        average_score=rated_sum / total_ratings if total_ratings else None,
        overdue_scorecards=sum(row.overdue_scorecards for row in rows),
    )
