"""The domain's vocabulary: enumerations shared by every layer, stored as their string values."""

from enum import StrEnum


class Role(StrEnum):
    HIRING_MANAGER = "hiring_manager"
    INTERVIEWER = "interviewer"
    RECRUITER = "recruiter"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.HIRING_MANAGER: "Hiring manager",
    Role.INTERVIEWER: "Interviewer",
    Role.RECRUITER: "Recruiter",
}


def role_label(role: str) -> str:
    """How a stored role reads to a person."""
    try:
        return Role(role).label
    except ValueError:
        return role


class RequisitionStatus(StrEnum):
    OPEN = "open"
    ON_HOLD = "on_hold"
    FILLED = "filled"
    CANCELLED = "cancelled"


class ScoringVisibility(StrEnum):
    """When an interviewer may see the other scorecards for the same candidate."""

    AFTER_SUBMIT = "after_submit"
    ALWAYS = "always"
    NEVER = "never"


class ApplicationStatus(StrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    OFFER = "offer"
    HIRED = "hired"


class RejectionReason(StrEnum):
    """Structured reasons, each mapping back to the role brief agreed at intake."""

    MISSING_MUST_HAVE = "missing_must_have"
    DEAL_BREAKER = "deal_breaker"
    LEVEL_MISMATCH = "level_mismatch"
    COMPENSATION = "compensation"
    LOCATION = "location"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _REJECTION_LABELS[self]


_REJECTION_LABELS = {
    RejectionReason.MISSING_MUST_HAVE: "Missing a must-have",
    RejectionReason.DEAL_BREAKER: "Deal-breaker",
    RejectionReason.LEVEL_MISMATCH: "Level mismatch",
    RejectionReason.COMPENSATION: "Compensation mismatch",
    RejectionReason.LOCATION: "Location",
    RejectionReason.OTHER: "Other",
}


def rejection_label(reason: str | None) -> str:
    """How a stored rejection reason reads to a person ("" for none)."""
    if reason is None:
        return ""
    try:
        return RejectionReason(reason).label
    except ValueError:
        return reason


class OfferStatus(StrEnum):
    EXTENDED = "extended"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class DeclineReason(StrEnum):
    """Why a candidate turned an offer down, for the recruiter and the numbers."""

    COMPENSATION = "compensation"
    COUNTER_OFFER = "counter_offer"
    OTHER_OFFER = "other_offer"
    ROLE = "role"
    LOCATION = "location"
    TIMING = "timing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _DECLINE_LABELS[self]


_DECLINE_LABELS = {
    DeclineReason.COMPENSATION: "Compensation",
    DeclineReason.COUNTER_OFFER: "Accepted a counter-offer",
    DeclineReason.OTHER_OFFER: "Took another offer",
    DeclineReason.ROLE: "The role or the team",
    DeclineReason.LOCATION: "Location or remote work",
    DeclineReason.TIMING: "Timing or start date",
    DeclineReason.OTHER: "Other",
}


class ScorecardStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Recommendation(StrEnum):
    STRONG_NO = "strong_no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong_yes"
    NO_DECISION = "no_decision"


class HistoryKind(StrEnum):
    """What an entry of an application's history records."""

    CREATED = "created"
    STAGE = "stage"
    STATUS = "status"


RATING_MIN = 1
RATING_MAX = 4
RATING_LABELS = {1: "Strong no", 2: "No", 3: "Yes", 4: "Strong yes"}


def enum_values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The stored values of an enumeration, for CHECK constraints and argument choices."""
    return tuple(member.value for member in enum)
