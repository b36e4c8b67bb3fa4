"""The weekly update and the success summary: short documents for the recruiter partnership,
and their plain-text bodies for an email."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from hirepartner.packets.content import SuccessSummary, UpdateLine, WeeklyUpdate
from hirepartner.packets.document import CONTENT_WIDTH
from hirepartner.packets.layout import grid, heading, pairs_table, when, when_time
from hirepartner.packets.styles import Styles, styles
from hirepartner.packets.text import escape, para


def _lines(lines: Sequence[UpdateLine], sheet: Styles, empty: str) -> list[Flowable]:
    if not lines:
        return [Paragraph(escape(empty), sheet.muted)]
    rows: list[list[Flowable | str]] = [
        [
            Paragraph("When", sheet.header_cell),
            Paragraph("Candidate", sheet.header_cell),
            Paragraph("What", sheet.header_cell),
        ]
    ]
    rows += [
        [
            Paragraph(escape(when_time(line.at)), sheet.cell),
            para(line.candidate, sheet.cell),
            para(line.text, sheet.cell),
        ]
        for line in lines
    ]
    return [grid(rows, [32 * mm, 48 * mm, CONTENT_WIDTH - 80 * mm])]


def update_story(update: WeeklyUpdate) -> list[Flowable]:
    sheet = styles()
    story: list[Flowable] = [
        para(update.meta.requisition, sheet.title),
        Paragraph(
            escape(f"Weekly update, {when(update.since)} to {when(update.until)}"), sheet.subtitle
        ),
        Spacer(1, 4 * mm),
    ]
    if update.figures:
        story += [*heading("Where we stand", sheet), pairs_table(update.figures, sheet)]
    if update.goals:
        story += [
            *heading("Goals", sheet),
            pairs_table([(g, f"{s} ({d})") for g, s, d in update.goals], sheet),
        ]
    story += [*heading("What moved", sheet), *_lines(update.moved, sheet, "Nothing moved.")]
    story += [*heading("Decisions", sheet), *_lines(update.decisions, sheet, "No decisions.")]
    story += [
        *heading("Feedback overdue", sheet),
        *_lines(update.overdue, sheet, "No feedback is overdue."),
    ]
    story += [
        *heading("Coming up", sheet),
        *_lines(update.upcoming, sheet, "No interviews scheduled."),
    ]
    return story


def update_text(update: WeeklyUpdate) -> str:
    """The email body: a few lines a recruiter reads in ten seconds."""
    out = [
        f"{update.meta.requisition}: weekly update, {when(update.since)} to {when(update.until)}",
        "",
    ]
    for label, value in update.figures:
        out.append(f"- {label}: {value}")
    for goal, status, detail in update.goals:
        out.append(f"- Goal: {goal}: {status} ({detail})")
    out += [
        "",
        f"Moved: {len(update.moved)} · Decisions: {len(update.decisions)} · "
        f"Overdue feedback: {len(update.overdue)} · Coming up: {len(update.upcoming)}",
    ]
    for line in update.decisions[:5]:
        out.append(f"  {line.candidate}: {line.text}")
    out += ["", "The full update is attached as a PDF."]
    return "\n".join(out)


def success_story(summary: SuccessSummary) -> list[Flowable]:
    sheet = styles()
    story: list[Flowable] = [
        Paragraph("HIRED", sheet.muted),
        para(summary.candidate, sheet.title),
        para(f"{summary.title} · {summary.meta.requisition}", sheet.subtitle),
        Spacer(1, 4 * mm),
        pairs_table(
            [
                ("Hired on", when(summary.hired_at)),
                ("Starts on", _start(summary)),
                (
                    "Time to hire",
                    f"{summary.days_to_hire:.0f} days"
                    if summary.days_to_hire is not None
                    else "not known",
                ),
                ("Interviewed by", ", ".join(summary.interviewers) or "–"),
            ],
            sheet,
        ),
    ]
    if summary.winning_evidence:
        rows: list[list[Flowable | str]] = [
            [
                Paragraph("Competency", sheet.header_cell),
                Paragraph("Interviewer", sheet.header_cell),
                Paragraph("The evidence that won it", sheet.header_cell),
            ]
        ]
        rows += [
            [para(c, sheet.cell), para(i, sheet.cell), para(e, sheet.cell)]
            for c, i, e in summary.winning_evidence
        ]
        story += [
            *heading("The winning evidence", sheet),
            grid(rows, [40 * mm, 34 * mm, CONTENT_WIDTH - 74 * mm]),
        ]
    if summary.goals:
        story += [
            *heading("Goals", sheet),
            pairs_table([(g, f"{s} ({d})") for g, s, d in summary.goals], sheet),
        ]
    return story


def _start(summary: SuccessSummary) -> str:
    return summary.start_on.strftime("%d %b %Y") if summary.start_on else "not known yet"


def success_text(summary: SuccessSummary) -> str:
    days = f"{summary.days_to_hire:.0f} days" if summary.days_to_hire is not None else "–"
    starts = f" Starts on {_start(summary)}." if summary.start_on else ""
    lines = [
        f"We hired {summary.candidate} for {summary.meta.requisition}!{starts}",
        f"Time to hire: {days}. Interviewed by {', '.join(summary.interviewers) or '–'}.",
        "",
    ]
    lines += [f"- {c} ({i}): {e}" for c, i, e in summary.winning_evidence[:3]]
    lines += ["", "Thank you for the partnership."]
    return "\n".join(lines)


def body_text(packet: object) -> str:
    """The plain-text body an email carries for a packet ("" for the kinds that have none)."""
    if isinstance(packet, WeeklyUpdate):
        return update_text(packet)
    if isinstance(packet, SuccessSummary):
        return success_text(packet)
    return ""
