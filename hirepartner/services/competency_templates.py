"""Built-in competency sets to start an intake from, each level with a behavioural anchor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CompetencyTemplate:
    name: str
    category: str
    weight: float
    description: str
    anchors: tuple[str, str, str, str]


def _c(
    name: str, category: str, weight: float, description: str, anchors: tuple[str, str, str, str]
) -> CompetencyTemplate:
    return CompetencyTemplate(name, category, weight, description, anchors)


TEMPLATES: dict[str, tuple[CompetencyTemplate, ...]] = {
    "Software engineer": (
        _c(
            "Coding",
            "Technical",
            3,
            "Writes correct, readable, tested code.",
            (
                "Cannot reach working code, even with hints.",
                "Working code with hints; misses edge cases and tests.",
                "Clean, working code unaided; tests the main cases.",
                "Elegant, well-tested code; improves the problem as posed.",
            ),
        ),
        _c(
            "System design",
            "Technical",
            3,
            "Designs systems that scale and fail well.",
            (
                "No coherent design; ignores load and failure.",
                "A workable design once guided; trade-offs unclear.",
                "Sound design; names trade-offs, failure modes and limits.",
                "Designs for evolution; anticipates issues the interviewer had not raised.",
            ),
        ),
        _c(
            "Collaboration",
            "Behavioural",
            2,
            "Works across teams, gives and takes feedback.",
            (
                "Blames others; examples show friction left unresolved.",
                "Cooperates when asked; little initiative with others.",
                "Seeks input, resolves disagreement with evidence.",
                "Raises the whole team; others seek them out.",
            ),
        ),
        _c(
            "Ownership",
            "Behavioural",
            1.5,
            "Sees problems through to the end.",
            (
                "Hands problems off; no follow-through.",
                "Finishes assigned work; stops at the boundary.",
                "Owns outcomes end to end, including the unglamorous parts.",
                "Takes on hard, unowned problems and lands them.",
            ),
        ),
    ),
    "Engineering manager": (
        _c(
            "People leadership",
            "Leadership",
            3,
            "Grows people and handles performance.",
            (
                "No concrete examples of growing anyone.",
                "Supports people when asked; avoids hard conversations.",
                "Grows people deliberately; handles performance directly and fairly.",
                "Has grown several leaders; builds a culture of feedback.",
            ),
        ),
        _c(
            "Delivery",
            "Execution",
            2.5,
            "Plans and ships predictably.",
            (
                "Plans slip without explanation or learning.",
                "Delivers with frequent surprises.",
                "Predictable delivery; risks surfaced early.",
                "Delivers ambitious work predictably across teams.",
            ),
        ),
        _c(
            "Hiring",
            "Leadership",
            1.5,
            "Builds diverse, strong teams.",
            (
                "Has not hired, or hires by gut feeling.",
                "Hires with help; little structure.",
                "Runs structured, fair hiring with clear bars.",
                "Improves how the organisation hires.",
            ),
        ),
        _c(
            "Stakeholder management",
            "Behavioural",
            1.5,
            "Aligns partners, manages up.",
            (
                "Partners are surprised by outcomes.",
                "Keeps partners informed when asked.",
                "Aligns partners early; manages expectations.",
                "Trusted by senior partners to shape direction.",
            ),
        ),
    ),
    "Product manager": (
        _c(
            "Product sense",
            "Product",
            3,
            "Finds the problem worth solving.",
            (
                "Jumps to solutions; no user insight.",
                "Reasonable ideas; thin evidence about users.",
                "Clear problem framing grounded in users and data.",
                "Reframes the problem to a markedly better opportunity.",
            ),
        ),
        _c(
            "Analytical thinking",
            "Product",
            2,
            "Uses data to decide.",
            (
                "Cannot define a useful metric.",
                "Uses metrics when given; misreads some.",
                "Chooses the right metrics and reads them critically.",
                "Designs experiments that settle real disagreements.",
            ),
        ),
        _c(
            "Execution",
            "Execution",
            2,
            "Turns plans into shipped outcomes.",
            (
                "Plans without shipping.",
                "Ships with heavy support.",
                "Ships reliably and measures the outcome.",
                "Ships hard things across many teams.",
            ),
        ),
        _c(
            "Communication",
            "Behavioural",
            2,
            "Writes and speaks with clarity.",
            (
                "Hard to follow.",
                "Clear when prepared; loses the thread under questions.",
                "Clear, structured, adapts to the audience.",
                "Persuades sceptical audiences with clarity and honesty.",
            ),
        ),
    ),
    "Sales": (
        _c(
            "Discovery",
            "Sales",
            3,
            "Finds the customer's real need.",
            (
                "Pitches without asking.",
                "Asks scripted questions; misses the pain.",
                "Uncovers needs, budget and decision process.",
                "Reframes the customer's thinking through discovery.",
            ),
        ),
        _c(
            "Closing",
            "Sales",
            2.5,
            "Moves deals to a decision.",
            (
                "Deals stall without a plan.",
                "Closes simple deals; struggles with objections.",
                "Handles objections; closes with a mutual plan.",
                "Closes complex deals with many stakeholders.",
            ),
        ),
        _c(
            "Pipeline discipline",
            "Execution",
            2,
            "Keeps a true, healthy pipeline.",
            (
                "Forecast is guesswork.",
                "Pipeline kept when reminded.",
                "Accurate forecast; pipeline hygiene weekly.",
                "Forecast others rely on; coaches peers.",
            ),
        ),
        _c(
            "Resilience",
            "Behavioural",
            1.5,
            "Learns from losses and keeps going.",
            (
                "Losses discourage; blames the product.",
                "Recovers slowly.",
                "Reflects on losses and adapts.",
                "Turns losses into playbooks for the team.",
            ),
        ),
    ),
    "Data scientist": (
        _c(
            "Statistics",
            "Technical",
            3,
            "Chooses and checks models honestly.",
            (
                "Misapplies basic methods.",
                "Standard methods; weak on assumptions.",
                "Sound methods; checks assumptions and uncertainty.",
                "Chooses the right tool and explains its limits to anyone.",
            ),
        ),
        _c(
            "Machine learning",
            "Technical",
            2.5,
            "Builds models that work in production.",
            (
                "Notebook-only; no validation.",
                "Validates offline; production unclear.",
                "Ships validated models and monitors them.",
                "Designs ML systems that stay right as data shifts.",
            ),
        ),
        _c(
            "Coding",
            "Technical",
            2,
            "Writes correct, readable, tested code.",
            (
                "Code does not run.",
                "Working scripts; hard to maintain.",
                "Clean, tested, reviewable code.",
                "Builds tools others reuse.",
            ),
        ),
        _c(
            "Business impact",
            "Behavioural",
            2,
            "Connects analysis to decisions.",
            (
                "Analysis without a decision in view.",
                "Answers the question asked.",
                "Drives decisions with analysis.",
                "Changes strategy with evidence.",
            ),
        ),
    ),
}
