"""Pieces every packet shares: the cover, section headings, tables that repeat their header
and split long rows across pages, and the wording of scores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from hirepartner.domain import (
    RATING_LABELS,
    RATING_MAX,
    ApplicationStatus,
    Recommendation,
    label_of,
)
from hirepartner.packets.content import PacketMeta, Redaction
from hirepartner.packets.document import CONTENT_WIDTH
from hirepartner.packets.styles import HEADER_FILL, NOTICE_FILL, RULE, ZEBRA, Styles
from hirepartner.packets.text import escape, para

NOTICE = (
    "Confidential. This document holds personal data about candidates and the hiring team's "
    "assessment of them. Share it only with the people involved in this hiring decision, keep "
    "it no longer than the hiring process needs it, and do not forward it to candidates. "
    "Interviewers' private notes are never included."
)
REDACTION_WORDING = {
    Redaction.NONE: "",
    Redaction.TOTALS: "Totals only: interviewers' names and individual ratings are withheld.",
    Redaction.ANONYMOUS: "Anonymous: candidates' identities are masked.",
}


def when(at: datetime | None) -> str:
    return at.strftime("%d %b %Y") if at else "–"


def when_time(at: datetime | None) -> str:
    return at.strftime("%d %b %Y %H:%M") if at else "–"


def level_text(level: int | None) -> str:
    return f"{level} · {RATING_LABELS[level]}" if level is not None else "not assessed"


def mean_text(mean: float | None, n: int) -> str:
    """A mean never stands alone: it carries its n, and "no ratings" is said, not zero."""
    if mean is None or n == 0:
        return "no ratings"
    return f"{mean:.1f} of {RATING_MAX} (n={n})"


def range_text(low: int | None, high: int | None) -> str:
    if low is None or high is None:
        return "–"
    return str(low) if low == high else f"{low}–{high}"


RECOMMENDATION_ORDER: tuple[str, ...] = (
    Recommendation.STRONG_YES,
    Recommendation.YES,
    Recommendation.NO,
    Recommendation.STRONG_NO,
    Recommendation.NO_DECISION,
)


def status_text(status: str) -> str:
    """A candidate's status as a packet's sentence reads it: "on hold"."""
    return label_of(ApplicationStatus, status).lower()


def recommendation_text(recommendations: Sequence[tuple[str, int]]) -> str:
    """ "Strong yes: 2, Yes: 1, No: 1", strongest first, as a debrief reads them."""
    if not recommendations:
        return "no recommendations submitted"
    counts = dict(recommendations)
    names = [n for n in RECOMMENDATION_ORDER if n in counts]
    names += sorted(n for n in counts if n not in RECOMMENDATION_ORDER)
    return ", ".join(f"{label_of(Recommendation, name)}: {counts[name]}" for name in names)


def heading(text: str, sheet: Styles) -> list[Flowable]:
    """A section heading that never ends a page alone (a table after it may still split)."""
    return [CondPageBreak(45 * mm), Paragraph(escape(text), sheet.h1)]


def cover(
    sheet: Styles,
    meta: PacketMeta,
    kicker: str,
    name: str,
    subtitle: str,
    facts: Sequence[tuple[str, str]],
) -> list[Flowable]:
    """The first page: what this is, about whom, for which requisition, by whom and when."""
    rows = [
        [Paragraph(escape(label), sheet.cell_bold), para(value, sheet.cell)]
        for label, value in [
            ("Requisition", meta.requisition),
            *facts,
            ("Prepared by", meta.prepared_by or "–"),
            ("Data as of", when_time(meta.prepared_at)),
        ]
    ]
    if meta.redaction is not Redaction.NONE:
        rows.append(
            [
                Paragraph("Redaction", sheet.cell_bold),
                Paragraph(escape(REDACTION_WORDING[meta.redaction]), sheet.cell),
            ]
        )
    facts_table = Table(rows, colWidths=[38 * mm, CONTENT_WIDTH - 38 * mm])
    facts_table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    notice = Table([[Paragraph(escape(NOTICE), sheet.notice)]], colWidths=[CONTENT_WIDTH])
    notice.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), NOTICE_FILL),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story: list[Flowable] = [
        Spacer(1, 30 * mm),
        Paragraph(escape(kicker.upper()), sheet.muted),
        Spacer(1, 3 * mm),
        para(name, sheet.title),
    ]
    if subtitle:
        story.append(para(subtitle, sheet.subtitle))
    story += [Spacer(1, 14 * mm), facts_table, Spacer(1, 16 * mm), notice]
    return story


def grid(
    rows: list[list[Flowable | str]],
    widths: Sequence[float],
    header_rows: int = 1,
    extra: Sequence[tuple[object, ...]] = (),
    zebra: bool = True,
) -> Table:
    """A table whose header repeats on every page and whose long rows split across pages."""
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows, splitInRow=1)
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if zebra:
        commands += [
            ("BACKGROUND", (0, row), (-1, row), ZEBRA)
            for row in range(header_rows + 1, len(rows), 2)
        ]
    table.setStyle(TableStyle([*commands, *extra]))
    return table


def pairs_table(
    pairs: Sequence[tuple[str, str]], sheet: Styles, label_width: float = 60 * mm
) -> Table:
    """Label and value rows (our label, user or computed value), no header."""
    rows: list[list[Flowable | str]] = [
        [Paragraph(escape(label), sheet.cell_bold), para(value, sheet.cell)]
        for label, value in pairs
    ]
    return grid(rows, [label_width, CONTENT_WIDTH - label_width], header_rows=0)
