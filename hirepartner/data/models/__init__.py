"""The tables: `base` (the declarative base), `hiring`, `exchange` and `partnership`.

Importing this package registers every table on `Base.metadata` (the app, Alembic and the tests
rely on it); the hiring models are re-exported, so `from hirepartner.data.models import
Candidate` works."""

# Registers the hook that chains every new audit event to the one before it.
from hirepartner.data import audit_chain as audit_chain
from hirepartner.data.models import exchange as exchange
from hirepartner.data.models import partnership as partnership
from hirepartner.data.models.base import NAMING_CONVENTION, Base
from hirepartner.data.models.hiring import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    AuditEvent,
    Candidate,
    CandidateTag,
    Competency,
    CompetencyAnchor,
    Decision,
    InterviewStage,
    Offer,
    Person,
    Rating,
    Requisition,
    Resume,
    RoleBriefVersion,
    Scorecard,
    ScorecardVersion,
    Slate,
    StageFocusCompetency,
    StageInterviewer,
    StageQuestion,
)

__all__ = [
    "NAMING_CONVENTION",
    "Application",
    "ApplicationEvent",
    "ApplicationNote",
    "AuditEvent",
    "Base",
    "Candidate",
    "CandidateTag",
    "Competency",
    "CompetencyAnchor",
    "Decision",
    "InterviewStage",
    "Offer",
    "Person",
    "Rating",
    "Requisition",
    "Resume",
    "RoleBriefVersion",
    "Scorecard",
    "ScorecardVersion",
    "Slate",
    "StageFocusCompetency",
    "StageInterviewer",
    "StageQuestion",
    "exchange",
    "partnership",
]
