"""Packet content made by hand, so the builders are tested without a database."""

from __future__ import annotations

from datetime import datetime

from hirepartner.packets.content import (
    CANDIDATE_SECTIONS,
    SLATE_SECTIONS,
    CandidatePacket,
    CandidateSection,
    CompetencyLine,
    HistoryLine,
    PacketKind,
    PacketMeta,
    RatingLine,
    Redaction,
    SlatePacket,
    Takeaway,
)

WHEN = datetime(2026, 3, 4, 10, 30)


def meta(kind: PacketKind = PacketKind.CANDIDATE, sections=CANDIDATE_SECTIONS) -> PacketMeta:
    return PacketMeta(
        kind,
        "Candidate feedback packet",
        "REQ-7 Platform Engineer",
        "Morgan Avery",
        WHEN,
        Redaction.NONE,
        tuple(sections),
    )


def candidate(
    label: str = "Ada Lovelace",
    evidence: dict[str, str] | None = None,
    rank: int = 0,
    weighted: float | None = 3.0,
) -> CandidateSection:
    evidence = evidence or {"Systems": "Designed a queue with back-pressure."}
    lines = tuple(
        CompetencyLine(
            name,
            1.0,
            3.0,
            2,
            2,
            4,
            (
                RatingLine("Rater One", 2, text, "Onsite"),
                RatingLine("Rater Two", 4, "Solid.", "Onsite"),
            ),
        )
        for name, text in evidence.items()
    )
    return CandidateSection(
        application_id=1,
        label=label,
        title="Engineer",
        employer="Acme",
        location="Oslo",
        stage="Onsite",
        status="active",
        rank=rank,
        weighted=weighted,
        competencies_rated=1,
        competencies_total=1,
        recommendations=(("yes", 2),),
        strongest=(),
        weakest=(),
        decision="",
        decision_rationale="",
        decision_at=None,
        rejection_reason="",
        rejection_note="",
        competencies=lines,
        takeaways=(Takeaway("Rater One", "Would hire.", "Onsite"),),
        history=(HistoryLine(WHEN, "Added at Screen"),),
    )


def candidate_packet(**kwargs) -> CandidatePacket:
    return CandidatePacket(meta(), candidate(**kwargs))


def slate_packet(count: int) -> SlatePacket:
    people = tuple(
        candidate(
            label=f"Person {n:02d}",
            rank=n + 1,
            weighted=4 - n / count,
            evidence={"Systems": f"Evidence {n}", "Coding": "Fine.", "Design": "Good."},
        )
        for n in range(count)
    )
    return SlatePacket(
        meta(PacketKind.SLATE, SLATE_SECTIONS),
        (("Systems", 3.0), ("Coding", 2.0), ("Design", 1.0)),
        people,
        (),
    )
