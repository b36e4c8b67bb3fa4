"""The interview kit for one interviewer and one stage: the role brief, the focus competencies
with their behavioural anchors, the questions, the candidate, and room for notes on paper."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from hirepartner.domain import RATING_LABELS
from hirepartner.packets.content import InterviewKit, KitCompetency
from hirepartner.packets.document import CONTENT_WIDTH
from hirepartner.packets.layout import cover, grid, heading, when_time
from hirepartner.packets.styles import RULE, Styles, styles
from hirepartner.packets.text import escape, para

NOTE_LINES = 6


def _bullets(items: Sequence[str], sheet: Styles) -> list[Flowable]:
    return [para(f"• {item}", sheet.body) for item in items] or [Paragraph("–", sheet.muted)]


def note_space(lines: int, sheet: Styles, label: str = "Notes") -> Flowable:
    """Ruled lines to write on when the kit is printed."""
    rows = [[Paragraph(escape(label), sheet.muted)]] + [[""] for _ in range(lines)]
    table = Table(rows, colWidths=[CONTENT_WIDTH], rowHeights=[14] + [20] * lines)
    table.setStyle(TableStyle([("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]))
    return table


def anchors(competency: KitCompetency, sheet: Styles) -> Flowable:
    rows: list[list[Flowable | str]] = [
        [Paragraph("Rating", sheet.header_cell), Paragraph("What it looks like", sheet.header_cell)]
    ]
    rows += [
        [
            Paragraph(escape(f"{level} · {RATING_LABELS.get(level, '')}"), sheet.cell),
            para(text, sheet.cell),
        ]
        for level, text in competency.anchors
    ]
    return grid(rows, [28 * mm, CONTENT_WIDTH - 28 * mm])


def kit_story(kit: InterviewKit) -> list[Flowable]:
    sheet = styles()
    role = " at ".join(p for p in (kit.candidate_title, kit.candidate_employer) if p)
    story = cover(
        sheet,
        kit.meta,
        "Interview kit",
        kit.candidate,
        " · ".join(p for p in (role, kit.candidate_location) if p),
        [
            ("Stage", kit.stage),
            ("Interviewer", kit.interviewer),
            ("Interview", when_time(kit.interview_at)),
        ],
    )
    story.append(PageBreak())
    story += [*heading("The role", sheet), para(kit.brief_summary or "–", sheet.body)]
    for title, items in (
        ("Must-haves", kit.must_haves),
        ("Nice-to-haves", kit.nice_to_haves),
        ("Deal-breakers", kit.deal_breakers),
    ):
        story += [Paragraph(escape(title), sheet.h2), *_bullets(items, sheet)]
    if kit.ideal_profile:
        story += [Paragraph("Ideal profile", sheet.h2), para(kit.ideal_profile, sheet.body)]
    story += [*heading("The candidate", sheet)]
    story.append(para(kit.pitch or "No pitch from the recruiter.", sheet.body))
    story += [*heading("What to assess", sheet)]
    if not kit.competencies:
        story.append(Paragraph("This stage has no focus competencies yet.", sheet.muted))
    for competency in kit.competencies:
        # The competency, its anchors, questions and notes on one page when they fit.
        block: list[Flowable] = [para(competency.name, sheet.h2)]
        if competency.description:
            block.append(para(competency.description, sheet.body))
        block += [Spacer(1, 2 * mm), anchors(competency, sheet)]
        questions = [q for q in kit.questions if q.competency == competency.name]
        if questions:
            block += [Spacer(1, 2 * mm), Paragraph("Questions", sheet.cell_bold)]
            block += _bullets([q.text for q in questions], sheet)
        block += [Spacer(1, 2 * mm), note_space(NOTE_LINES, sheet)]
        story += [KeepTogether(block), Spacer(1, 4 * mm)]
    general = [q for q in kit.questions if not q.competency]
    if general:
        story += [*heading("Other questions", sheet), *_bullets([q.text for q in general], sheet)]
    story += [*heading("Overall impression", sheet), note_space(NOTE_LINES + 2, sheet)]
    return story
