"""The demo requisitions: role briefs, competencies with anchors, and interview plans."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CompetencyPlan:
    name: str
    category: str
    weight: float
    description: str
    anchors: tuple[str, str, str, str]


@dataclass(frozen=True)
class StagePlan:
    name: str
    focus: tuple[str, ...]
    questions: tuple[str, ...]
    interviewers: int


@dataclass(frozen=True)
class RequisitionPlan:
    code: str
    title: str
    team: str
    location: str
    headcount: int
    sla_hours: int
    share: float  # of the demo's candidates
    summary: str
    must_haves: tuple[str, ...]
    nice_to_haves: tuple[str, ...]
    deal_breakers: tuple[str, ...]
    ideal_profile: str
    competencies: tuple[CompetencyPlan, ...]
    stages: tuple[StagePlan, ...]


def _competency(name: str, category: str, weight: float, description: str) -> CompetencyPlan:
    topic = name.lower()
    return CompetencyPlan(
        name,
        category,
        weight,
        description,
        (
            f"Shows no working grasp of {topic}; examples are missing or contradict the claim.",
            f"Basic {topic} with guidance; misses important cases or cannot explain choices.",
            f"Independent, solid {topic}; explains trade-offs and handles the usual cases.",
            f"Exceptional {topic}; raises the bar, anticipates problems, teaches others.",
        ),
    )


_ENGINEERING = (
    _competency("System design", "Technical", 3.0, "Designs services that scale and fail well."),
    _competency("Coding", "Technical", 3.0, "Writes correct, readable, tested code."),
    _competency("Operational excellence", "Technical", 2.0, "Runs what they build."),
    _competency(
        "Collaboration", "Behavioural", 2.0, "Works across teams, gives and takes feedback."
    ),
    _competency("Ownership", "Behavioural", 1.5, "Sees problems through to the end."),
)
_MANAGEMENT = (
    _competency("People leadership", "Leadership", 3.0, "Grows people, handles performance."),
    _competency("Delivery", "Execution", 2.5, "Plans and ships predictably."),
    _competency("Technical judgement", "Technical", 2.0, "Makes sound architecture calls."),
    _competency("Hiring", "Leadership", 1.5, "Builds diverse, strong teams."),
    _competency("Stakeholder management", "Behavioural", 1.5, "Aligns partners and manages up."),
)
_PRODUCT = (
    _competency("Product sense", "Product", 3.0, "Finds the problem worth solving."),
    _competency("Analytical thinking", "Product", 2.0, "Uses data to decide."),
    _competency("Execution", "Execution", 2.0, "Turns plans into shipped outcomes."),
    _competency("Communication", "Behavioural", 2.0, "Writes and speaks with clarity."),
)
_DATA = (
    _competency("Statistics", "Technical", 3.0, "Chooses and checks models honestly."),
    _competency("Machine learning", "Technical", 2.5, "Builds models that work in production."),
    _competency("Coding", "Technical", 2.0, "Writes correct, readable, tested code."),
    _competency("Business impact", "Behavioural", 2.0, "Connects analysis to decisions."),
)

PLANS: tuple[RequisitionPlan, ...] = (
    RequisitionPlan(
        "REQ-1042", "Senior Backend Engineer", "Payments Platform", "Berlin", 2, 48, 0.4,
        "Own the ledger and settlement services of the payments platform.",
        ("5+ years building backend services", "Go or Python in production",
         "Relational databases at scale"),
        ("Kubernetes", "Payments or fintech domain"),
        ("No on-call experience ever", "Cannot work in the EU"),
        "A senior engineer who has run a critical service and wants to mentor.",
        _ENGINEERING,
        (
            StagePlan("Application review", (), (), 0),
            StagePlan("Recruiter screen", ("Collaboration",),
                      ("What are you looking for in your next role?",), 1),
            StagePlan("Technical interview", ("Coding", "System design"),
                      ("Design a ledger that never loses a transaction.",
                       "Walk me through debugging a slow query."), 2),
            StagePlan("Onsite", ("System design", "Operational excellence", "Ownership",
                                 "Collaboration"),
                      ("Tell me about an outage you owned.",
                       "How do you disagree with a staff engineer?"), 3),
        ),
    ),
    RequisitionPlan(
        "REQ-1043", "Engineering Manager, Platform", "Platform", "Amsterdam", 1, 72, 0.2,
        "Lead the eight-person platform team through a move to multi-region.",
        ("3+ years managing engineers", "Hands-on backend background"),
        ("Multi-region infrastructure",),
        ("Has never hired",),
        "A manager who grew engineers into leads and still reads the code.",
        _MANAGEMENT,
        (
            StagePlan("Application review", (), (), 0),
            StagePlan("Hiring manager screen", ("People leadership",),
                      ("Tell me about someone you grew into a lead.",), 1),
            StagePlan("Leadership panel", ("People leadership", "Hiring",
                                           "Stakeholder management"),
                      ("Describe a performance problem you handled.",), 2),
            StagePlan("Technical deep dive", ("Technical judgement", "Delivery"),
                      ("How would you plan a multi-region migration?",), 2),
        ),
    ),
    RequisitionPlan(
        "REQ-1044", "Product Manager, Payments", "Payments", "London", 1, 48, 0.25,
        "Own merchant onboarding from sign-up to first payout.",
        ("B2B product experience", "Comfort with SQL and metrics"),
        ("Payments or risk domain",),
        ("No shipped product",),
        "A PM who talks to merchants weekly and measures what they ship.",
        _PRODUCT,
        (
            StagePlan("Application review", (), (), 0),
            StagePlan("Recruiter screen", ("Communication",),
                      ("Why payments, and why now?",), 1),
            StagePlan("Product case", ("Product sense", "Analytical thinking"),
                      ("Onboarding conversion dropped 8%: what do you do?",), 2),
            StagePlan("Onsite", ("Execution", "Communication", "Product sense"),
                      ("Walk us through a launch that went wrong.",), 3),
        ),
    ),
    RequisitionPlan(
        "REQ-1045", "Data Scientist, Risk", "Risk", "Remote (EU)", 1, 96, 0.15,
        "Build fraud models for card payments with the risk operations team.",
        ("Applied statistics", "Python", "Models shipped to production"),
        ("Fraud or credit risk",),
        ("Only notebook work, nothing shipped",),
        "A scientist who can explain a model to an analyst and a regulator.",
        _DATA,
        (
            StagePlan("Application review", (), (), 0),
            StagePlan("Recruiter screen", ("Business impact",),
                      ("Which model are you proudest of?",), 1),
            StagePlan("Take-home review", ("Statistics", "Coding"),
                      ("Explain your validation strategy.",), 2),
            StagePlan("Onsite", ("Machine learning", "Business impact", "Statistics"),
                      ("How would you detect concept drift?",), 2),
        ),
    ),
)  # fmt: skip
