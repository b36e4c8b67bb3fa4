"""What a packet says, as plain frozen data: the services fill it (already redacted), the
builders only lay it out, and the JSON summary is the same data in machine-readable form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class PacketKind(StrEnum):
    CANDIDATE = "candidate"
    SLATE = "slate"
    KIT = "kit"
    UPDATE = "update"
    SUCCESS = "success"


class Redaction(StrEnum):
    NONE = "none"
    TOTALS = "totals"  # no interviewer names, no individual ratings
    ANONYMOUS = "anonymous"  # the candidate's identity masked, as in the comparison view


class Section(StrEnum):
    """Parts a packet can leave out; the cover and the page furniture are always there."""

    SUMMARY = "summary"
    COMPETENCIES = "competencies"
    TAKEAWAYS = "takeaways"
    CHART = "chart"
    HISTORY = "history"
    MATRIX = "matrix"
    SLATE_FEEDBACK = "slate_feedback"
    METRICS = "metrics"
    CANDIDATE_PAGES = "candidate_pages"


CANDIDATE_SECTIONS = (
    Section.SUMMARY,
    Section.COMPETENCIES,
    Section.TAKEAWAYS,
    Section.CHART,
    Section.HISTORY,
)
SLATE_SECTIONS = (Section.MATRIX, Section.SLATE_FEEDBACK, Section.METRICS, Section.CANDIDATE_PAGES)
SECTION_TITLES = {
    Section.SUMMARY: "Summary",
    Section.COMPETENCIES: "Competencies and evidence",
    Section.TAKEAWAYS: "Key takeaways",
    Section.CHART: "Competency profile",
    Section.HISTORY: "Stage history",
    Section.MATRIX: "Comparison matrix",
    Section.SLATE_FEEDBACK: "Slate feedback",
    Section.METRICS: "Shared metrics",
    Section.CANDIDATE_PAGES: "Candidate summaries",
}


@dataclass(frozen=True)
class PacketMeta:
    kind: PacketKind
    title: str
    requisition: str  # "ENG-101 Senior Backend Engineer"
    prepared_by: str
    prepared_at: datetime  # the newest change in the data shown: same data, same file
    redaction: Redaction
    sections: tuple[Section, ...]
    requisition_code: str = ""  # "ENG-101": who the packet is about, for its envelope


@dataclass(frozen=True)
class RatingLine:
    interviewer: str  # "" under totals-only redaction
    level: int | None  # None: not assessed, or hidden under totals-only redaction
    evidence: str
    stage: str


@dataclass(frozen=True)
class CompetencyLine:
    name: str
    weight: float
    mean: float | None
    n: int
    low: int | None
    high: int | None
    ratings: tuple[RatingLine, ...]


@dataclass(frozen=True)
class Takeaway:
    interviewer: str  # "" under totals-only redaction
    text: str
    stage: str
    # Everyone who wrote the same words, and where ("Pedro Alves, onsite; Hannah Schulz,
    # technical"); under totals-only redaction, the stages alone. "" when said once.
    by: str = ""

    @property
    def attribution(self) -> str:
        return self.by or " · ".join(part for part in (self.interviewer, self.stage) if part)


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    text: str


@dataclass(frozen=True)
class CandidateSection:
    application_id: int
    label: str  # the name, or "Candidate A" when anonymous
    title: str
    employer: str  # "" when anonymous
    location: str  # "" when anonymous
    stage: str
    status: str
    rank: int  # 1 = first on the slate (shared when about level); 0 when unranked
    weighted: float | None
    competencies_rated: int
    competencies_total: int
    recommendations: tuple[tuple[str, int], ...]
    strongest: tuple[str, ...]
    weakest: tuple[str, ...]
    decision: str  # the latest debrief outcome, "" if none
    decision_rationale: str
    decision_at: datetime | None
    rejection_reason: str  # a label, "" unless rejected
    rejection_note: str
    competencies: tuple[CompetencyLine, ...]
    takeaways: tuple[Takeaway, ...]
    history: tuple[HistoryLine, ...]
    # The score's 95% interval ("likely"), how many competencies rest on one rating, who the
    # candidate is about level with (labels), and whether they are listed apart (rejected,
    # withdrawn): see hirepartner/scoring/ranking.py.
    weighted_low: float | None = None
    weighted_high: float | None = None
    single_rating_competencies: int = 0
    about_level_with: tuple[str, ...] = ()
    listed_apart: bool = False
    # Others' submitted scorecards the person preparing the packet may not see yet
    # (independent scoring): the packet says so rather than "no ratings".
    hidden_scorecards: int = 0

    @property
    def hidden_why(self) -> str:
        if not self.hidden_scorecards:
            return ""
        cards = "scorecard" if self.hidden_scorecards == 1 else "scorecards"
        return (
            f"{self.hidden_scorecards} {cards} by others hidden until you submit your own "
            "(independent scoring)"
        )

    @property
    def ratings_total(self) -> int:
        return sum(line.n for line in self.competencies)


@dataclass(frozen=True)
class CandidatePacket:
    meta: PacketMeta
    candidate: CandidateSection


@dataclass(frozen=True)
class RejectionLine:
    candidate: str
    reason: str
    note: str


@dataclass(frozen=True)
class SlatePacket:
    meta: PacketMeta
    competencies: tuple[tuple[str, float], ...]  # name, weight; heaviest first
    candidates: tuple[CandidateSection, ...]  # ranked
    rejections: tuple[RejectionLine, ...]
    reason_counts: tuple[tuple[str, int], ...] = field(default=())
    figures: tuple[tuple[str, str], ...] = field(default=())  # label, value with its n


@dataclass(frozen=True)
class KitCompetency:
    name: str
    description: str
    anchors: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class KitQuestion:
    competency: str
    text: str


@dataclass(frozen=True)
class InterviewKit:
    meta: PacketMeta
    interviewer: str
    stage: str
    interview_at: datetime | None
    brief_summary: str
    must_haves: tuple[str, ...]
    nice_to_haves: tuple[str, ...]
    deal_breakers: tuple[str, ...]
    ideal_profile: str
    competencies: tuple[KitCompetency, ...]
    questions: tuple[KitQuestion, ...]
    candidate: str
    candidate_title: str
    candidate_employer: str
    candidate_location: str
    pitch: str


@dataclass(frozen=True)
class UpdateLine:
    at: datetime | None
    candidate: str
    text: str


@dataclass(frozen=True)
class WeeklyUpdate:
    """What moved, what is overdue, what was decided, what comes next; and the key figures."""

    meta: PacketMeta
    since: datetime
    until: datetime
    moved: tuple[UpdateLine, ...]
    overdue: tuple[UpdateLine, ...]
    decisions: tuple[UpdateLine, ...]
    upcoming: tuple[UpdateLine, ...]
    figures: tuple[tuple[str, str], ...]  # label, value with its n
    goals: tuple[tuple[str, str, str], ...]  # goal, status, detail


@dataclass(frozen=True)
class SuccessSummary:
    """A hire, celebrated: how long it took, who interviewed, the evidence that won it."""

    meta: PacketMeta
    candidate: str
    title: str
    hired_at: datetime
    days_to_hire: float | None
    interviewers: tuple[str, ...]
    winning_evidence: tuple[tuple[str, str, str], ...]  # competency, interviewer, evidence
    goals: tuple[tuple[str, str, str], ...]
    start_on: date | None = None  # from the accepted offer, when one was recorded


Packet = CandidatePacket | SlatePacket | InterviewKit | WeeklyUpdate | SuccessSummary
