"""The domain's vocabulary: enumerations shared by every layer, stored as their string values,
each member with the `label` a person reads (in the UI, the CLI and the packets)."""

from enum import StrEnum


class Labelled(StrEnum):
    """An enumeration whose members read to a person as their `label`."""

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self]


def label_of(enum: type[Labelled], value: str | None, default: str = "") -> str:
    """How a stored value of `enum` reads to a person: `default` for none, and the value as
    stored if `enum` does not know it (a newer peer's vocabulary)."""
    if not value:
        return default
    try:
        return enum(value).label
    except ValueError:
        return value


class Role(Labelled):
    HIRING_MANAGER = "hiring_manager"
    INTERVIEWER = "interviewer"
    RECRUITER = "recruiter"


def role_label(role: str) -> str:
    """How a stored role reads to a person."""
    return label_of(Role, role, role)


class RequisitionStatus(Labelled):
    OPEN = "open"
    ON_HOLD = "on_hold"
    FILLED = "filled"
    CANCELLED = "cancelled"


class ScoringVisibility(Labelled):
    """When an interviewer may see the other scorecards for the same candidate."""

    AFTER_SUBMIT = "after_submit"
    ALWAYS = "always"
    NEVER = "never"


class ApplicationStatus(Labelled):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    OFFER = "offer"
    HIRED = "hired"


class RejectionReason(Labelled):
    """Structured reasons, each mapping back to the role brief agreed at intake."""

    MISSING_MUST_HAVE = "missing_must_have"
    DEAL_BREAKER = "deal_breaker"
    LEVEL_MISMATCH = "level_mismatch"
    COMPENSATION = "compensation"
    LOCATION = "location"
    OTHER = "other"


def rejection_label(reason: str | None) -> str:
    """How a stored rejection reason reads to a person ("" for none)."""
    return label_of(RejectionReason, reason)


class OfferStatus(StrEnum):
    EXTENDED = "extended"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class DeclineReason(Labelled):
    """Why a candidate turned an offer down, for the recruiter and the numbers."""

    COMPENSATION = "compensation"
    COUNTER_OFFER = "counter_offer"
    OTHER_OFFER = "other_offer"
    ROLE = "role"
    LOCATION = "location"
    TIMING = "timing"
    OTHER = "other"


class ScorecardStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Recommendation(Labelled):
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


_LABELS: dict[type[Labelled], dict[str, str]] = {
    Role: {
        Role.HIRING_MANAGER: "Hiring manager",
        Role.INTERVIEWER: "Interviewer",
        Role.RECRUITER: "Recruiter",
    },
    RequisitionStatus: {
        RequisitionStatus.OPEN: "Open",
        RequisitionStatus.ON_HOLD: "On hold",
        RequisitionStatus.FILLED: "Filled",
        RequisitionStatus.CANCELLED: "Cancelled",
    },
    ScoringVisibility: {
        ScoringVisibility.AFTER_SUBMIT: "After they submit their own",
        ScoringVisibility.ALWAYS: "Always",
        ScoringVisibility.NEVER: "Never",
    },
    ApplicationStatus: {
        ApplicationStatus.ACTIVE: "Active",
        ApplicationStatus.ON_HOLD: "On hold",
        ApplicationStatus.REJECTED: "Rejected",
        ApplicationStatus.WITHDRAWN: "Withdrawn",
        ApplicationStatus.OFFER: "Offer",
        ApplicationStatus.HIRED: "Hired",
    },
    RejectionReason: {
        RejectionReason.MISSING_MUST_HAVE: "Missing a must-have",
        RejectionReason.DEAL_BREAKER: "Deal-breaker",
        RejectionReason.LEVEL_MISMATCH: "Level mismatch",
        RejectionReason.COMPENSATION: "Compensation mismatch",
        RejectionReason.LOCATION: "Location",
        RejectionReason.OTHER: "Other",
    },
    DeclineReason: {
        DeclineReason.COMPENSATION: "Compensation",
        DeclineReason.COUNTER_OFFER: "Accepted a counter-offer",
        DeclineReason.OTHER_OFFER: "Took another offer",
        DeclineReason.ROLE: "The role or the team",
        DeclineReason.LOCATION: "Location or remote work",
        DeclineReason.TIMING: "Timing or start date",
        DeclineReason.OTHER: "Other",
    },
    Recommendation: {
        Recommendation.STRONG_NO: "Strong no",
        Recommendation.NO: "No",
        Recommendation.YES: "Yes",
        Recommendation.STRONG_YES: "Strong yes",
        Recommendation.NO_DECISION: "No decision",
    },
}

RATING_MIN = 1
RATING_MAX = 4
RATING_LABELS = {1: "Strong no", 2: "No", 3: "Yes", 4: "Strong yes"}


def enum_values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The stored values of an enumeration, for CHECK constraints and argument choices."""
    return tuple(member.value for member in enum)
