"""SQLAlchemy 2.x models of the hiring domain; rules that must always hold live in the schema."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from hirepartner.data.models.base import Base, _one_of
from hirepartner.domain import (
    ApplicationStatus,
    DeclineReason,
    HistoryKind,
    OfferStatus,
    Recommendation,
    RejectionReason,
    RequisitionStatus,
    Role,
    ScorecardStatus,
    ScoringVisibility,
    enum_values,
)


class Person(Base):
    """Someone who works on hiring: the user of this install, a colleague, a recruiter."""

    __tablename__ = "person"
    __table_args__ = (CheckConstraint(_one_of("role", enum_values(Role)), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    is_self: Mapped[bool] = mapped_column(default=False)
    # A retired person is no longer offered for new interviews; their scorecards stay theirs.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)


# A filled or cancelled requisition carries the day it closed; an open one does not.
CLOSED_HAS_A_DATE = "(status IN ('filled', 'cancelled')) = (closed_on IS NOT NULL)"


class Requisition(Base):
    """An opening, with its people, dates, feedback SLA and scoring rules."""

    __tablename__ = "requisition"
    __table_args__ = (
        CheckConstraint(_one_of("status", enum_values(RequisitionStatus)), name="status"),
        CheckConstraint(
            _one_of("scoring_visibility", enum_values(ScoringVisibility)), name="visibility"
        ),
        CheckConstraint("headcount >= 1", name="headcount"),
        CheckConstraint("feedback_sla_hours > 0", name="sla"),
        CheckConstraint(CLOSED_HAS_A_DATE, name="closed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    team: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    hiring_manager_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    recruiter_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    headcount: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(20), default=RequisitionStatus.OPEN.value)
    opened_on: Mapped[date] = mapped_column(Date)
    target_hire_date: Mapped[date | None] = mapped_column(Date)
    feedback_sla_hours: Mapped[int] = mapped_column(default=48)
    scoring_visibility: Mapped[str] = mapped_column(
        String(20), default=ScoringVisibility.AFTER_SUBMIT.value
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Months after an application closed before retention anonymises a candidate not hired;
    # None follows the install's policy.
    retention_months: Mapped[int | None]
    # The day it was filled or cancelled (None while open or on hold): retention's clock for
    # the applications still open on it starts then. The note says why, for the record.
    closed_on: Mapped[date | None] = mapped_column(Date)
    close_note: Mapped[str] = mapped_column(Text, default="", server_default="")

    stages: Mapped[list[InterviewStage]] = relationship(
        back_populates="requisition", order_by="InterviewStage.position"
    )


class RoleBriefVersion(Base):
    """One version of the role brief agreed at intake; a new edit adds a version."""

    __tablename__ = "role_brief_version"
    __table_args__ = (
        UniqueConstraint("requisition_id", "version"),
        CheckConstraint("version >= 1", name="version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisition.id", ondelete="CASCADE"))
    version: Mapped[int]
    summary: Mapped[str] = mapped_column(Text, default="")
    must_haves: Mapped[list[str]] = mapped_column(default=list)
    nice_to_haves: Mapped[list[str]] = mapped_column(default=list)
    deal_breakers: Mapped[list[str]] = mapped_column(default=list)
    ideal_profile: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    agreed_by_manager_at: Mapped[datetime | None] = mapped_column(DateTime)
    agreed_by_recruiter_at: Mapped[datetime | None] = mapped_column(DateTime)


class Competency(Base):
    """What scorecards measure for a requisition, weighted, in a chosen order.

    Editing one that submitted scorecards rated retires it and adds its successor, so old
    ratings keep the words they were given against (names are unique among the active ones).
    """

    __tablename__ = "competency"
    __table_args__ = (CheckConstraint("weight > 0", name="weight"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisition.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(100), default="")
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    position: Mapped[int] = mapped_column(default=0)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("competency.id"))

    anchors: Mapped[list[CompetencyAnchor]] = relationship(
        order_by="CompetencyAnchor.level", cascade="all, delete-orphan"
    )


class CompetencyAnchor(Base):
    """What a rating level of a competency looks like in observable behaviour."""

    __tablename__ = "competency_anchor"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 4", name="level"),)

    competency_id: Mapped[int] = mapped_column(
        ForeignKey("competency.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class InterviewStage(Base):
    """A step of a requisition's interview plan; applications move through these in order."""

    __tablename__ = "interview_stage"
    __table_args__ = (
        UniqueConstraint("requisition_id", "position"),
        UniqueConstraint("requisition_id", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisition.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    target_date: Mapped[date | None] = mapped_column(Date)

    requisition: Mapped[Requisition] = relationship(back_populates="stages")


class StageInterviewer(Base):
    __tablename__ = "stage_interviewer"

    stage_id: Mapped[int] = mapped_column(
        ForeignKey("interview_stage.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)


class StageFocusCompetency(Base):
    __tablename__ = "stage_focus_competency"

    stage_id: Mapped[int] = mapped_column(
        ForeignKey("interview_stage.id", ondelete="CASCADE"), primary_key=True
    )
    competency_id: Mapped[int] = mapped_column(
        ForeignKey("competency.id", ondelete="CASCADE"), primary_key=True
    )


class StageQuestion(Base):
    """A suggested question of the interview kit for a stage."""

    __tablename__ = "stage_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("interview_stage.id", ondelete="CASCADE"))
    competency_id: Mapped[int | None] = mapped_column(
        ForeignKey("competency.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)


class Candidate(Base):
    """A person being considered (personal data)."""

    __tablename__ = "candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str] = mapped_column(String(60), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    current_title: Mapped[str] = mapped_column(String(200), default="")
    current_company: Mapped[str] = mapped_column(String(200), default="")
    links: Mapped[list[str]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The candidate agreed that their data be kept until this day: retention passes them by.
    keep_until: Mapped[date | None] = mapped_column(Date)
    # Retention removed the person and kept the statistics (ratings, stages, dates, reasons).
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime)


class CandidateTag(Base):
    __tablename__ = "candidate_tag"

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(80), primary_key=True)


class Resume(Base):
    """A resume file kept inside the database, with its hash; the bytes load only on demand."""

    __tablename__ = "resume"
    __table_args__ = (
        CheckConstraint("length(sha256) = 64", name="sha256"),
        CheckConstraint("size_bytes >= 0", name="size"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    added_at: Mapped[datetime] = mapped_column(DateTime)


class Slate(Base):
    """A batch of candidates the recruiter presented together, and the manager's view of it."""

    __tablename__ = "slate"
    __table_args__ = (
        CheckConstraint("feedback_rating IS NULL OR feedback_rating BETWEEN 1 AND 5", name="fit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisition.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    recruiter_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    presented_at: Mapped[datetime] = mapped_column(DateTime)
    feedback_rating: Mapped[int | None]
    feedback_note: Mapped[str] = mapped_column(Text, default="")
    # The hiring manager's feedback on the slate: what to search for more, and less, of.
    more_of: Mapped[str] = mapped_column(Text, default="", server_default="")
    less_of: Mapped[str] = mapped_column(Text, default="", server_default="")


class Application(Base):
    """A candidate considered for a requisition: where they stand and how they got there."""

    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("candidate_id", "requisition_id"),
        CheckConstraint(_one_of("status", enum_values(ApplicationStatus)), name="status"),
        CheckConstraint(
            "rejection_reason IS NULL OR "
            + _one_of("rejection_reason", enum_values(RejectionReason)),
            name="rejection_reason",
        ),
        CheckConstraint(
            "(status = 'rejected') = (rejection_reason IS NOT NULL)", name="rejected_has_reason"
        ),
        Index("ix_application_requisition_stage", "requisition_id", "stage_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisition.id", ondelete="CASCADE"))
    slate_id: Mapped[int | None] = mapped_column(
        ForeignKey("slate.id", ondelete="SET NULL"), index=True
    )
    stage_id: Mapped[int] = mapped_column(ForeignKey("interview_stage.id"))
    status: Mapped[str] = mapped_column(String(20), default=ApplicationStatus.ACTIVE.value)
    source: Mapped[str] = mapped_column(String(100), default="")
    pitch: Mapped[str] = mapped_column(Text, default="")
    rejection_reason: Mapped[str | None] = mapped_column(String(30))
    rejection_note: Mapped[str] = mapped_column(Text, default="")
    entered_stage_at: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    candidate: Mapped[Candidate] = relationship()
    stage: Mapped[InterviewStage] = relationship()


class ApplicationEvent(Base):
    """One entry of an application's history: a stage move or a status change."""

    __tablename__ = "application_event"
    __table_args__ = (CheckConstraint(_one_of("kind", enum_values(HistoryKind)), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(20))
    from_stage_id: Mapped[int | None] = mapped_column(ForeignKey("interview_stage.id"))
    to_stage_id: Mapped[int | None] = mapped_column(ForeignKey("interview_stage.id"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class ApplicationNote(Base):
    __tablename__ = "application_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    text: Mapped[str] = mapped_column(Text)


class Scorecard(Base):
    """One interviewer's structured assessment of one application at one stage."""

    __tablename__ = "scorecard"
    __table_args__ = (
        UniqueConstraint("application_id", "stage_id", "interviewer_id"),
        CheckConstraint(_one_of("status", enum_values(ScorecardStatus)), name="status"),
        CheckConstraint(
            "recommendation IS NULL OR " + _one_of("recommendation", enum_values(Recommendation)),
            name="recommendation",
        ),
        CheckConstraint(
            "status = 'draft' OR (submitted_at IS NOT NULL AND recommendation IS NOT NULL)",
            name="submitted_complete",
        ),
        CheckConstraint("version >= 1", name="version"),
        # Covers the slate table's per-application scorecard figures without a table lookup.
        Index("ix_scorecard_figures", "application_id", "status", "interview_at", "interviewer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    stage_id: Mapped[int] = mapped_column(ForeignKey("interview_stage.id"))
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=ScorecardStatus.DRAFT.value)
    recommendation: Mapped[str | None] = mapped_column(String(20))
    key_takeaways: Mapped[str] = mapped_column(Text, default="")
    private_notes: Mapped[str] = mapped_column(Text, default="")
    interview_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(default=1)
    # Bumped by every draft save: a save based on an older revision merges instead of
    # overwriting, so two windows editing one draft lose neither's text.
    revision: Mapped[int] = mapped_column(default=0, server_default="0")


class Rating(Base):
    """A scorecard's rating of one competency: 1-4, or NULL for not assessed, with evidence."""

    __tablename__ = "rating"
    __table_args__ = (CheckConstraint("level IS NULL OR level BETWEEN 1 AND 4", name="level"),)

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecard.id", ondelete="CASCADE"), primary_key=True
    )
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id"), primary_key=True)
    level: Mapped[int | None]
    evidence: Mapped[str] = mapped_column(Text, default="")


class ScorecardVersion(Base):
    """A frozen copy of a submitted scorecard, kept when it is amended, with the reason."""

    __tablename__ = "scorecard_version"
    __table_args__ = (UniqueConstraint("scorecard_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("scorecard.id", ondelete="CASCADE"))
    version: Mapped[int]
    snapshot: Mapped[dict[str, Any]]
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Decision(Base):
    """A debrief's outcome for an application: advance, reject or hold, with its rationale."""

    __tablename__ = "decision"
    __table_args__ = (CheckConstraint("outcome IN ('advance', 'reject', 'hold')", name="outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(20))
    rationale: Mapped[str] = mapped_column(Text)
    present: Mapped[list[str]] = mapped_column(default=list)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))


class Offer(Base):
    """An offer made after the last interview stage: extended, then accepted or declined."""

    __tablename__ = "offer"
    __table_args__ = (
        CheckConstraint(_one_of("status", enum_values(OfferStatus)), name="status"),
        CheckConstraint(
            "decline_reason IS NULL OR " + _one_of("decline_reason", enum_values(DeclineReason)),
            name="decline_reason",
        ),
        CheckConstraint("(status = 'declined') = (decline_reason IS NOT NULL)", name="declined"),
        CheckConstraint("(status = 'accepted') = (start_on IS NOT NULL)", name="accepted"),
        CheckConstraint("expires_on IS NULL OR expires_on >= extended_on", name="expiry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=OfferStatus.EXTENDED.value)
    extended_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    responded_on: Mapped[date | None] = mapped_column(Date)
    start_on: Mapped[date | None] = mapped_column(Date)
    decline_reason: Mapped[str | None] = mapped_column(String(30))
    decline_note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEvent(Base):
    """Who did what, when: every change a user makes leaves one. The events form a hash chain
    (hirepartner/data/audit_chain.py): each holds the previous event's hash and its own."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
