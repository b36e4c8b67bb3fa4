"""Structured scorecards: drafts that autosave and merge, submit with validation, amendments
with a reason and version history, and independent scoring enforced for every reader."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from hirepartner.data.models import (
    Application,
    Candidate,
    InterviewStage,
    Person,
    Rating,
    Requisition,
    Scorecard,
    ScorecardVersion,
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
from hirepartner.services.feedback import is_overdue
from hirepartner.services.outbox import enqueue_scorecard
from hirepartner.services.scorecard_reading import (
    ReadItem,
    ScorecardReading,
    check_visible,
    read_scorecard,
)
from hirepartner.services.views.scorecard_form import (
    CompetencyItem,
    DraftValues,
    ScorecardForm,
    VersionInfo,
    competency_items,
    draft_values,
    scorecard_form,
)
from hirepartner.services.views.scorecards import may_see_others

__all__ = [
    "CompetencyItem",
    "DraftValues",
    "FieldError",
    "InterviewItem",
    "SavedDraft",
    "ScorecardForm",
    "ScorecardIncomplete",
    "ScorecardService",
    "VersionInfo",
    "VisibleScorecard",
    "may_see_others",
]


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
            return scorecard_form(uow, card)

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
            items = [
                ReadItem(i.competency_id, i.name, i.focus) for i in competency_items(uow, card)
            ]
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
            return SavedDraft(card.revision, draft_values(uow, card), merged)

    def submit(self, scorecard_id: int, editor_id: int) -> ScorecardForm:
        now = self._clock()
        with self._uow() as uow:
            card = self._card(uow, scorecard_id)
            self._check_editor(card, editor_id)
            if card.status == ScorecardStatus.SUBMITTED.value:
                raise ValidationError("scorecard", "is already submitted")
            errors = self._problems(uow, card, draft_values(uow, card))
            if errors:
                raise ScorecardIncomplete(errors)
            card.status = ScorecardStatus.SUBMITTED.value
            card.submitted_at = now
            card.updated_at = now
            uow.audit.record(now, editor_id, "submit", "scorecard", card.id)
            uow.session.flush()
            enqueue_scorecard(uow.session, card, now)  # in this same transaction
            uow.commit()
            return scorecard_form(uow, card)

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
            snapshot = asdict(draft_values(uow, card))
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
            return scorecard_form(uow, card)

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

    def _merge(
        self, uow: UnitOfWork, card: Scorecard, base: DraftValues, mine: DraftValues
    ) -> tuple[DraftValues, bool]:
        stored = draft_values(uow, card)
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
        known = {item.competency_id for item in competency_items(uow, card)}
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
        for item in competency_items(uow, card):
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

    def _visible(self, uow: UnitOfWork, card: Scorecard, reader_id: int) -> VisibleScorecard:
        names = {item.competency_id: item.name for item in competency_items(uow, card)}
        values = draft_values(uow, card)
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
