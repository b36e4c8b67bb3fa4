"""Structured scorecards: drafts that autosave and merge, submit with validation, amendments
with a reason and version history, and independent scoring enforced for every reader."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from hirepartner.data.models import (
    Application,
    Candidate,
    Competency,
    InterviewStage,
    Person,
    Rating,
    Requisition,
    Scorecard,
    ScorecardVersion,
    StageFocusCompetency,
    StageQuestion,
)
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import (
    RATING_MAX,
    RATING_MIN,
    Recommendation,
    ScorecardStatus,
)
from hirepartner.errors import HirePartnerError, ValidationError
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes
from hirepartner.services.feedback import is_overdue
from hirepartner.services.outbox import enqueue_scorecard
from hirepartner.services.scorecard_reading import (
    ReadItem,
    ScorecardReading,
    check_visible,
    read_scorecard,
)
from hirepartner.services.views.requisitions import RequisitionRef
from hirepartner.services.views.scorecards import may_see_others


@dataclass(frozen=True)
class FieldError:
    field: str  # "recommendation", "rating:<competency id>", "evidence:<competency id>", "reason"
    message: str


class ScorecardIncomplete(HirePartnerError):
    """Submit (or amend) found fields to fix; each error names its field."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


@dataclass(frozen=True)
class DraftValues:
    """Everything an interviewer types into a scorecard."""

    levels: Mapping[int, int | None] = field(default_factory=dict)
    evidence: Mapping[int, str] = field(default_factory=dict)
    key_takeaways: str = ""
    recommendation: str | None = None
    private_notes: str = ""
    interview_at: datetime | None = None


@dataclass(frozen=True)
class CompetencyItem:
    competency_id: int
    name: str
    description: str
    category: str
    weight: float
    anchors: tuple[str, ...]  # what level 1, 2, 3, 4 looks like
    focus: bool


@dataclass(frozen=True)
class VersionInfo:
    version: int
    created_at: datetime
    reason: str


@dataclass(frozen=True)
class ScorecardForm:
    id: int
    application_id: int
    candidate: str
    requisition: str
    stage: str
    interviewer_id: int
    interviewer: str
    status: str
    version: int
    revision: int
    submitted_at: datetime | None
    due_at: datetime | None
    items: tuple[CompetencyItem, ...]  # focus competencies first
    questions: tuple[str, ...]
    values: DraftValues
    history: tuple[VersionInfo, ...]

    @property
    def changes(self) -> Changes:
        """What a save or submit that returned this changed: the scorecard's application."""
        return Changes.of_applications([self.application_id])

    @property
    def has_draft_content(self) -> bool:
        values = self.values
        return bool(
            any(level is not None for level in values.levels.values())
            or any(text.strip() for text in values.evidence.values())
            or values.key_takeaways.strip()
            or values.recommendation
            or values.private_notes.strip()
        )


@dataclass(frozen=True)
class SavedDraft:
    revision: int
    values: DraftValues
    merged: bool  # another window had saved meanwhile; both texts were kept


@dataclass(frozen=True)
class VisibleScorecard:
    id: int
    interviewer: str
    stage: str
    status: str
    recommendation: str | None
    key_takeaways: str
    ratings: tuple[tuple[str, int | None, str], ...]  # competency, level, evidence
    private_notes: str  # only ever the reader's own


@dataclass(frozen=True)
class InterviewItem:
    scorecard_id: int
    application_id: int
    candidate: str
    requisition: str
    stage: str
    interview_at: datetime | None
    due_at: datetime | None
    status: str
    overdue: bool


MERGE_MARK = "\n\n[kept from another window]\n"


def _merge_text(base: str, stored: str, mine: str) -> tuple[str, bool]:
    """Three-way merge of one text field: both edits survive when both changed it."""
    if stored in (base, mine):
        return mine, False
    if mine == base:
        return stored, False
    return stored + MERGE_MARK + mine, True


class ScorecardService(Service):
    # Reading -----------------------------------------------------------------------------------

    def form(self, scorecard_id: int, reader_id: int) -> ScorecardForm:
        """The form for the scorecard's own interviewer (others get visible_scorecards)."""
        with self._read() as uow:
            card = self._card(uow, scorecard_id)
            if card.interviewer_id != reader_id:
                raise ValidationError("scorecard", "only its interviewer can open this form")
            return self._form(uow, card)

    def open_or_create(self, application_id: int, stage_id: int, interviewer_id: int) -> int:
        """The interviewer's scorecard for this application and stage, made if missing."""
        now = self._clock()
        with self._uow() as uow:
            application = uow.applications.get(application_id)
            stage = uow.requisitions.stage(stage_id)
            if stage.requisition_id != application.requisition_id:
                raise ValidationError("stage", "belongs to another requisition")
            uow.people.get(interviewer_id)
            found = uow.session.scalar(
                select(Scorecard.id).where(
                    Scorecard.application_id == application_id,
                    Scorecard.stage_id == stage_id,
                    Scorecard.interviewer_id == interviewer_id,
                )
            )
            if found is not None:
                return int(found)
            card = Scorecard(
                application_id=application_id,
                stage_id=stage_id,
                interviewer_id=interviewer_id,
                status=ScorecardStatus.DRAFT.value,
                updated_at=now,
            )
            uow.session.add(card)
            uow.session.flush()
            uow.audit.record(now, interviewer_id, "create", "scorecard", card.id)
            uow.commit()
            return card.id

    def my_interviews(self, person_id: int) -> tuple[InterviewItem, ...]:
        """What this person must score (drafts) and has scored, due times from the SLA."""
        now = self._clock()
        with self._read() as uow:
            rows = uow.session.execute(
                select(
                    Scorecard.id,
                    Scorecard.application_id,
                    Candidate.full_name,
                    Requisition.code,
                    InterviewStage.name,
                    Scorecard.interview_at,
                    Requisition.feedback_sla_hours,
                    Scorecard.status,
                )
                .join(Application, Application.id == Scorecard.application_id)
                .join(Candidate, Candidate.id == Application.candidate_id)
                .join(Requisition, Requisition.id == Application.requisition_id)
                .join(InterviewStage, InterviewStage.id == Scorecard.stage_id)
                .where(Scorecard.interviewer_id == person_id)
                .order_by(Scorecard.status, Scorecard.interview_at)
            ).all()
            items = []
            for card_id, app_id, name, code, stage, at, sla, status in rows:
                due = at + timedelta(hours=sla) if at else None
                late = (
                    status == ScorecardStatus.DRAFT.value
                    and at is not None
                    and is_overdue(at, sla, now)
                )
                items.append(
                    InterviewItem(card_id, app_id, name, code, stage, at, due, status, late)
                )
            return tuple(items)

    def visible_scorecards(
        self, application_id: int, reader_id: int
    ) -> tuple[VisibleScorecard, ...]:
        """The scorecards of an application this reader may see, by the requisition's rule.

        Own scorecards always, with private notes. Others' only once submitted, never their
        private notes, and then: always (ALWAYS); once the reader submitted their own, or at
        once if the reader has no scorecard on this application (AFTER_SUBMIT); only if the
        reader has no scorecard on it, e.g. an overseeing manager or the recruiter (NEVER).
        """
        with self._read() as uow:
            application = uow.applications.get(application_id)
            requisition = uow.requisitions.get(application.requisition_id)
            cards = uow.session.scalars(
                select(Scorecard).where(Scorecard.application_id == application_id)
            ).all()
            mine = [card for card in cards if card.interviewer_id == reader_id]
            sees_others = may_see_others(
                requisition.scoring_visibility, [card.status for card in mine]
            )
            shown = [
                card
                for card in cards
                if card.interviewer_id == reader_id
                or (sees_others and card.status == ScorecardStatus.SUBMITTED.value)
            ]
            return tuple(self._visible(uow, card, reader_id) for card in shown)

    def read(self, scorecard_id: int, reader_id: int | None) -> ScorecardReading:
        """One scorecard, read-only, with its earlier versions, for any reader the
        requisition's independent-scoring rule lets see it (ScorecardHidden otherwise);
        private notes only for their author."""
        with self._read() as uow:
            card = self._card(uow, scorecard_id)
            application = uow.applications.get(card.application_id)
            requisition = uow.requisitions.get(application.requisition_id)
            own = uow.session.scalars(
                select(Scorecard.status).where(
                    Scorecard.application_id == card.application_id,
                    Scorecard.interviewer_id == reader_id,
                )
            ).all()
            mode = requisition.scoring_visibility
            check_visible(card, mode, may_see_others(mode, list(own)), reader_id)
            items = [ReadItem(i.competency_id, i.name, i.focus) for i in self._items(uow, card)]
            return read_scorecard(uow, card, items, reader_id)

    def hidden_from(self, application_id: int, reader_id: int) -> bool:
        """True when other interviewers' scorecards exist that this reader may not see yet."""
        visible = {card.id for card in self.visible_scorecards(application_id, reader_id)}
        with self._read() as uow:
            submitted = set(
                uow.session.scalars(
                    select(Scorecard.id).where(
                        Scorecard.application_id == application_id,
                        Scorecard.status == ScorecardStatus.SUBMITTED.value,
                    )
                )
            )
        return bool(submitted - visible)

    # Writing -----------------------------------------------------------------------------------

    def save_draft(
        self,
        scorecard_id: int,
        editor_id: int,
        base_revision: int,
        base: DraftValues,
        values: DraftValues,
    ) -> SavedDraft:
        """Autosave. Based on an older revision (another window saved since), text fields
        that both changed keep both texts; a rating takes the latest choice."""
        now = self._clock()
        with self._uow() as uow:
            card = self._card(uow, scorecard_id)
            self._check_editor(card, editor_id)
            if card.status != ScorecardStatus.DRAFT.value:
                raise ValidationError("scorecard", "is submitted; amend it with a reason")
            merged = False
            if card.revision != base_revision:
                values, merged = self._merge(uow, card, base, values)
            self._apply(uow, card, values)
            card.revision += 1
            card.updated_at = now
            uow.commit()
            return SavedDraft(card.revision, self._values(uow, card), merged)

    def submit(self, scorecard_id: int, editor_id: int) -> ScorecardForm:
        now = self._clock()
        with self._uow() as uow:
            card = self._card(uow, scorecard_id)
            self._check_editor(card, editor_id)
            if card.status == ScorecardStatus.SUBMITTED.value:
                raise ValidationError("scorecard", "is already submitted")
            errors = self._problems(uow, card, self._values(uow, card))
            if errors:
                raise ScorecardIncomplete(errors)
            card.status = ScorecardStatus.SUBMITTED.value
            card.submitted_at = now
            card.updated_at = now
            uow.audit.record(now, editor_id, "submit", "scorecard", card.id)
            uow.session.flush()
            enqueue_scorecard(uow.session, card, now)  # in this same transaction
            uow.commit()
            return self._form(uow, card)

    def amend(
        self, scorecard_id: int, editor_id: int, reason: str, values: DraftValues
    ) -> ScorecardForm:
        """Change a submitted scorecard: needs a reason; the old version is kept."""
        now = self._clock()
        with self._uow() as uow:
            card = self._card(uow, scorecard_id)
            self._check_editor(card, editor_id)
            if card.status != ScorecardStatus.SUBMITTED.value:
                raise ValidationError("scorecard", "is a draft; just edit it")
            problems = list(self._problems(uow, card, values))
            if not reason.strip():
                problems.insert(0, FieldError("reason", "Say why you amend a submitted scorecard."))
            if problems:
                raise ScorecardIncomplete(tuple(problems))
            snapshot = asdict(self._values(uow, card))
            snapshot["levels"] = {str(k): v for k, v in snapshot["levels"].items()}
            snapshot["evidence"] = {str(k): v for k, v in snapshot["evidence"].items()}
            snapshot["interview_at"] = card.interview_at.isoformat() if card.interview_at else None
            uow.session.add(
                ScorecardVersion(
                    scorecard_id=card.id,
                    version=card.version,
                    snapshot=snapshot,
                    reason=reason.strip(),
                    created_at=now,
                )
            )
            self._apply(uow, card, values)
            card.version += 1
            card.updated_at = now
            uow.audit.record(
                now, editor_id, "amend", "scorecard", card.id, {"version": card.version}
            )
            uow.session.flush()
            enqueue_scorecard(uow.session, card, now)
            uow.commit()
            return self._form(uow, card)

    # Helpers -----------------------------------------------------------------------------------

    @staticmethod
    def _card(uow: UnitOfWork, scorecard_id: int) -> Scorecard:
        card = uow.session.get(Scorecard, scorecard_id)
        if card is None:
            from hirepartner.errors import NotFoundError

            raise NotFoundError("scorecard", scorecard_id)
        return card

    @staticmethod
    def _check_editor(card: Scorecard, editor_id: int) -> None:
        if card.interviewer_id != editor_id:
            raise ValidationError("scorecard", "only its interviewer can change it")

    @staticmethod
    def _items(uow: UnitOfWork, card: Scorecard) -> list[CompetencyItem]:
        stage = uow.requisitions.stage(card.stage_id)
        focus = set(
            uow.session.scalars(
                select(StageFocusCompetency.competency_id).where(
                    StageFocusCompetency.stage_id == card.stage_id
                )
            )
        )
        rated = set(
            uow.session.scalars(select(Rating.competency_id).where(Rating.scorecard_id == card.id))
        )
        every = uow.session.scalars(
            select(Competency)
            .where(Competency.requisition_id == stage.requisition_id)
            .order_by(Competency.position, Competency.id)
        ).all()
        replaces = {c.id: c.replaces_id for c in every}

        def succeeds_rated(ident: int | None) -> bool:
            while ident is not None:
                ident = replaces.get(ident)
                if ident in rated:
                    return True
            return False

        # What this scorecard rated, in the words it was rated against, and the active
        # competencies that are not a later version of one of those.
        competencies = [
            c for c in every if c.id in rated or (c.retired_at is None and not succeeds_rated(c.id))
        ]
        items = [
            CompetencyItem(
                c.id,
                c.name,
                c.description,
                c.category,
                c.weight,
                tuple(a.text for a in c.anchors),
                c.id in focus,
            )
            for c in competencies
        ]
        return sorted(items, key=lambda item: not item.focus)  # stable: focus first, in order

    @staticmethod
    def _values(uow: UnitOfWork, card: Scorecard) -> DraftValues:
        ratings = uow.session.scalars(select(Rating).where(Rating.scorecard_id == card.id)).all()
        return DraftValues(
            levels={r.competency_id: r.level for r in ratings},
            evidence={r.competency_id: r.evidence for r in ratings},
            key_takeaways=card.key_takeaways,
            recommendation=card.recommendation,
            private_notes=card.private_notes,
            interview_at=card.interview_at,
        )

    def _merge(
        self, uow: UnitOfWork, card: Scorecard, base: DraftValues, mine: DraftValues
    ) -> tuple[DraftValues, bool]:
        stored = self._values(uow, card)
        any_merged = False
        evidence = dict(stored.evidence)
        for competency_id in set(mine.evidence) | set(stored.evidence):
            text, merged = _merge_text(
                base.evidence.get(competency_id, ""),
                stored.evidence.get(competency_id, ""),
                mine.evidence.get(competency_id, ""),
            )
            evidence[competency_id] = text
            any_merged |= merged
        takeaways, merged_takeaways = _merge_text(
            base.key_takeaways, stored.key_takeaways, mine.key_takeaways
        )
        notes, merged_notes = _merge_text(
            base.private_notes, stored.private_notes, mine.private_notes
        )
        levels = dict(stored.levels)
        levels.update({k: v for k, v in mine.levels.items() if v != base.levels.get(k)})
        return (
            DraftValues(
                levels,
                evidence,
                takeaways,
                mine.recommendation or stored.recommendation,
                notes,
                mine.interview_at or stored.interview_at,
            ),
            any_merged or merged_takeaways or merged_notes,
        )

    def _apply(self, uow: UnitOfWork, card: Scorecard, values: DraftValues) -> None:
        known = {item.competency_id for item in self._items(uow, card)}
        for competency_id in set(values.levels) | set(values.evidence):
            if competency_id not in known:
                raise ValidationError("competency", f"{competency_id} is not on this scorecard")
        for level in values.levels.values():
            if level is not None and not RATING_MIN <= level <= RATING_MAX:
                raise ValidationError("rating", f"{level} is outside {RATING_MIN}–{RATING_MAX}")
        if values.recommendation is not None:
            try:
                Recommendation(values.recommendation)
            except ValueError:
                raise ValidationError(
                    "recommendation", f"{values.recommendation!r} is not a recommendation"
                ) from None
        existing = {
            r.competency_id: r
            for r in uow.session.scalars(select(Rating).where(Rating.scorecard_id == card.id))
        }
        for competency_id in set(values.levels) | set(values.evidence):
            rating = existing.get(competency_id)
            if rating is None:
                rating = Rating(scorecard_id=card.id, competency_id=competency_id)
                uow.session.add(rating)
            rating.level = values.levels.get(competency_id, rating.level)
            rating.evidence = values.evidence.get(competency_id, rating.evidence or "")
        card.key_takeaways = values.key_takeaways
        card.recommendation = values.recommendation
        card.private_notes = values.private_notes
        card.interview_at = values.interview_at
        uow.session.flush()

    def _problems(
        self, uow: UnitOfWork, card: Scorecard, values: DraftValues
    ) -> tuple[FieldError, ...]:
        problems = []
        for item in self._items(uow, card):
            if not item.focus:
                continue
            if values.levels.get(item.competency_id) is None:
                problems.append(
                    FieldError(f"rating:{item.competency_id}", f"Rate {item.name} (1–4).")
                )
            if not values.evidence.get(item.competency_id, "").strip():
                problems.append(
                    FieldError(
                        f"evidence:{item.competency_id}", f"Give the evidence for {item.name}."
                    )
                )
        if values.recommendation is None:
            problems.append(FieldError("recommendation", "Choose an overall recommendation."))
        return tuple(problems)

    def _form(self, uow: UnitOfWork, card: Scorecard) -> ScorecardForm:
        application = uow.applications.get(card.application_id)
        requisition = uow.requisitions.get(application.requisition_id)
        stage = uow.requisitions.stage(card.stage_id)
        interviewer = uow.session.get(Person, card.interviewer_id)
        questions = uow.session.scalars(
            select(StageQuestion.text)
            .where(StageQuestion.stage_id == card.stage_id)
            .order_by(StageQuestion.position)
        ).all()
        history = uow.session.scalars(
            select(ScorecardVersion)
            .where(ScorecardVersion.scorecard_id == card.id)
            .order_by(ScorecardVersion.version)
        ).all()
        due = (
            card.interview_at + timedelta(hours=requisition.feedback_sla_hours)
            if card.interview_at
            else None
        )
        return ScorecardForm(
            id=card.id,
            application_id=card.application_id,
            candidate=application.candidate.full_name,
            requisition=RequisitionRef.of(requisition).label,
            stage=stage.name,
            interviewer_id=card.interviewer_id,
            interviewer=interviewer.name if interviewer else "",
            status=card.status,
            version=card.version,
            revision=card.revision,
            submitted_at=card.submitted_at,
            due_at=due,
            items=tuple(self._items(uow, card)),
            questions=tuple(questions),
            values=self._values(uow, card),
            history=tuple(VersionInfo(v.version, v.created_at, v.reason) for v in history),
        )

    def _visible(self, uow: UnitOfWork, card: Scorecard, reader_id: int) -> VisibleScorecard:
        names = {item.competency_id: item.name for item in self._items(uow, card)}
        values = self._values(uow, card)
        interviewer = uow.session.get(Person, card.interviewer_id)
        return VisibleScorecard(
            id=card.id,
            interviewer=interviewer.name if interviewer else "",
            stage=uow.requisitions.stage(card.stage_id).name,
            status=card.status,
            recommendation=card.recommendation,
            key_takeaways=card.key_takeaways,
            ratings=tuple(
                (names.get(cid, "?"), level, values.evidence.get(cid, ""))
                for cid, level in values.levels.items()
            ),
            private_notes=card.private_notes if card.interviewer_id == reader_id else "",
        )
