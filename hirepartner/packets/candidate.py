"""The candidate feedback packet: cover, summary, competency evidence, key takeaways, the
profile chart and the stage history; and the one-page summary the slate packet repeats."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph, Spacer

from hirepartner.packets.chart import profile_chart
from hirepartner.packets.content import (
    SECTION_TITLES,
    CandidatePacket,
    CandidateSection,
    Redaction,
    Section,
)
from hirepartner.packets.document import CONTENT_WIDTH, PAGE_HEIGHT
from hirepartner.packets.layout import (
    cover,
    grid,
    heading,
    level_text,
    mean_text,
    range_text,
    recommendation_text,
    status_text,
    when,
    when_time,
)
from hirepartner.packets.styles import LEVEL_FILLS, ZEBRA, Styles, styles
from hirepartner.packets.text import escape, para
from hirepartner.scoring.summary import score_words


def _subtitle(candidate: CandidateSection) -> str:
    role = " at ".join(part for part in (candidate.title, candidate.employer) if part)
    return " · ".join(part for part in (role, candidate.location) if part)


def _facts(candidate: CandidateSection) -> list[tuple[str, str]]:
    return [
        ("Stage", candidate.stage),
        ("Status", status_text(candidate.status)),
    ]


def _decision_text(candidate: CandidateSection) -> str:
    if not candidate.decision:
        return "No debrief decision yet."
    return f"{candidate.decision.capitalize()} on {when(candidate.decision_at)}"


def summary(candidate: CandidateSection, sheet: Styles) -> list[Flowable]:
    weighted = score_words(
        candidate.weighted,
        candidate.weighted_low,
        candidate.weighted_high,
        candidate.competencies_rated,
        candidate.competencies_total,
        candidate.single_rating_competencies,
    )
    if candidate.weighted is None and candidate.hidden_scorecards:
        weighted = candidate.hidden_why
    if candidate.weighted is not None:
        weighted += f" · {candidate.ratings_total} ratings"
    rows: list[list[Flowable | str]] = [
        [Paragraph("Decision", sheet.cell_bold), para(_decision_text(candidate), sheet.cell)],
    ]
    if candidate.decision_rationale:
        rows.append(
            [Paragraph("Why", sheet.cell_bold), para(candidate.decision_rationale, sheet.cell)]
        )
    if candidate.rejection_reason:
        reason = candidate.rejection_reason
        if candidate.rejection_note:
            reason += f": {candidate.rejection_note}"
        rows.append([Paragraph("Rejected", sheet.cell_bold), para(reason, sheet.cell)])
    rows += [
        [
            Paragraph("Recommendations", sheet.cell_bold),
            Paragraph(escape(recommendation_text(candidate.recommendations)), sheet.cell),
        ],
        [Paragraph("Weighted score", sheet.cell_bold), Paragraph(escape(weighted), sheet.cell)],
        [
            Paragraph("Strongest", sheet.cell_bold),
            para(", ".join(candidate.strongest) or "–", sheet.cell),
        ],
        [
            Paragraph("Weakest", sheet.cell_bold),
            para(", ".join(candidate.weakest) or "–", sheet.cell),
        ],
    ]
    return [grid(rows, [36 * mm, CONTENT_WIDTH - 36 * mm], header_rows=0)]


def competency_table(candidate: CandidateSection, redaction: Redaction, sheet: Styles) -> Flowable:
    """Per competency its summary row, then one row per interviewer with rating and evidence
    (under totals-only redaction the evidence is listed without names or ratings)."""
    totals = redaction is Redaction.TOTALS
    widths = [42 * mm, 34 * mm, 22 * mm, CONTENT_WIDTH - 98 * mm]
    header = ["Competency", "Mean (n), range" if totals else "Interviewer", "Rating", "Evidence"]
    if totals:
        widths = [42 * mm, 40 * mm, CONTENT_WIDTH - 82 * mm]
        header = ["Competency", "Mean (n), range", "Evidence"]
    rows: list[list[Flowable | str]] = [[Paragraph(h, sheet.header_cell) for h in header]]
    extra: list[tuple[object, ...]] = []
    for line in candidate.competencies:
        summary_text = f"{mean_text(line.mean, line.n)}, range {range_text(line.low, line.high)}"
        name = para(f"{line.name} (weight {line.weight:g})", sheet.cell_bold)
        if totals:
            evidence = [r.evidence for r in line.ratings if r.evidence.strip()]
            rows.append(
                [
                    name,
                    Paragraph(escape(summary_text), sheet.cell),
                    [para(text, sheet.cell) for text in evidence] or Paragraph("–", sheet.cell),
                ]
            )
            continue
        rows.append([name, Paragraph(escape(summary_text), sheet.cell), "", ""])
        extra.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
        extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), ZEBRA))
        for rating in line.ratings:
            rows.append(
                [
                    "",
                    [para(rating.interviewer, sheet.cell), para(rating.stage, sheet.small)],
                    Paragraph(escape(level_text(rating.level)), sheet.cell),
                    para(rating.evidence or "–", sheet.cell),
                ]
            )
            if rating.level is not None:
                extra.append(
                    (
                        "BACKGROUND",
                        (2, len(rows) - 1),
                        (2, len(rows) - 1),
                        LEVEL_FILLS[rating.level],
                    )
                )
        if not line.ratings:
            rows.append(["", Paragraph("No ratings submitted.", sheet.muted), "", ""])
            extra.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
    return grid(rows, widths, extra=extra, zebra=totals)


def takeaways(candidate: CandidateSection, sheet: Styles) -> list[Flowable]:
    if not candidate.takeaways:
        return [Paragraph("No key takeaways submitted.", sheet.muted)]
    story: list[Flowable] = []
    for item in candidate.takeaways:
        who = item.attribution
        if who:
            story.append(para(who, sheet.h3))
        story += [para(item.text, sheet.body), Spacer(1, 2 * mm)]
    return story


def history(candidate: CandidateSection, sheet: Styles) -> Flowable:
    rows: list[list[Flowable | str]] = [
        [Paragraph("When", sheet.header_cell), Paragraph("What happened", sheet.header_cell)]
    ]
    rows += [
        [Paragraph(escape(when_time(line.at)), sheet.cell), para(line.text, sheet.cell)]
        for line in candidate.history
    ]
    return grid(rows, [36 * mm, CONTENT_WIDTH - 36 * mm])


def one_page(candidate: CandidateSection, sheet: Styles) -> list[Flowable]:
    """A candidate on one page of the slate packet: shrunk to fit, never cut."""
    shared = "=" if candidate.about_level_with else ""
    rank = f"#{shared}{candidate.rank} · " if candidate.rank else ""
    content: list[Flowable] = [
        para(f"{rank}{candidate.label}", sheet.title),
        para(_subtitle(candidate) or " ", sheet.subtitle),
        Paragraph(
            escape(f"{candidate.stage} · {status_text(candidate.status)}"),
            sheet.muted,
        ),
        Spacer(1, 4 * mm),
        *summary(candidate, sheet),
        Spacer(1, 4 * mm),
        profile_chart(candidate.competencies, sheet),
    ]
    if candidate.takeaways:
        content += [Paragraph("Key takeaways", sheet.h2), *takeaways(candidate, sheet)]
    return [
        KeepInFrame(CONTENT_WIDTH, PAGE_HEIGHT - 60 * mm, content, mode="shrink"),
        PageBreak(),
    ]


def candidate_story(packet: CandidatePacket) -> list[Flowable]:
    sheet = styles()
    candidate, meta = packet.candidate, packet.meta
    story = cover(
        sheet,
        meta,
        "Candidate feedback packet",
        candidate.label,
        _subtitle(candidate),
        _facts(candidate),
    )
    story.append(PageBreak())
    builders = {
        Section.SUMMARY: lambda: summary(candidate, sheet),
        Section.COMPETENCIES: lambda: [competency_table(candidate, meta.redaction, sheet)],
        Section.TAKEAWAYS: lambda: takeaways(candidate, sheet),
        Section.CHART: lambda: [profile_chart(candidate.competencies, sheet)],
        Section.HISTORY: lambda: [history(candidate, sheet)],
    }
    for section in meta.sections:
        if section in builders:
            story += [
                *heading(SECTION_TITLES[section], sheet),
                *builders[section](),
                Spacer(1, 4 * mm),
            ]
    return story
