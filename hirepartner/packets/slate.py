"""The slate packet: the decision summary first, then the rated candidates compared (ranked,
with spread), the slate feedback from the structured rejection reasons, and one page per
rated candidate (those without ratings are listed together in the summary)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from hirepartner.packets.candidate import one_page
from hirepartner.packets.content import SECTION_TITLES, Section, SlatePacket
from hirepartner.packets.document import CONTENT_WIDTH
from hirepartner.packets.layout import (
    grid,
    heading,
    pairs_table,
    range_text,
    status_text,
)
from hirepartner.packets.slate_summary import decision_summary, rated
from hirepartner.packets.styles import LEVEL_FILLS, Styles, styles
from hirepartner.packets.text import escape, para
from hirepartner.scoring.summary import DISAGREEMENT_RANGE

RANK_W, NAME_W, SCORE_W = 9 * mm, 38 * mm, 18 * mm


def matrix(packet: SlatePacket, sheet: Styles) -> list[Flowable]:
    names = [name for name, _weight in packet.competencies]
    each = (CONTENT_WIDTH - RANK_W - NAME_W - SCORE_W) / max(1, len(names))
    header: list[Flowable | str] = [
        Paragraph("#", sheet.header_cell),
        Paragraph("Candidate", sheet.header_cell),
        Paragraph("Weighted", sheet.header_cell),
        *[para(f"{name} (×{weight:g})", sheet.tiny) for name, weight in packet.competencies],
    ]
    rows: list[list[Flowable | str]] = [header]
    # Competency names are long and columns narrow: tighter padding before a word breaks.
    extra: list[tuple[object, ...]] = [
        ("LEFTPADDING", (3, 0), (-1, 0), 2),
        ("RIGHTPADDING", (3, 0), (-1, 0), 2),
    ]
    for candidate in filter(rated, packet.candidates):
        by_name = {line.name: line for line in candidate.competencies}
        row: list[Flowable | str] = [
            Paragraph(str(candidate.rank) if candidate.rank else "–", sheet.cell),
            [
                para(candidate.label, sheet.cell_bold),
                para(
                    f"{candidate.stage} · {status_text(candidate.status)}",
                    sheet.small,
                ),
            ],
            Paragraph(
                escape(f"{candidate.weighted:.2f}" if candidate.weighted is not None else "–")
                + f"<br/><font size=7>{candidate.competencies_rated}/"
                f"{candidate.competencies_total} rated</font>",
                sheet.cell,
            ),
        ]
        for column, name in enumerate(names, start=3):
            line = by_name.get(name)
            if line is None or line.mean is None:
                row.append(Paragraph("–", sheet.cell_center))
                continue
            spread = range_text(line.low, line.high)
            flag = " !" if (line.high or 0) - (line.low or 0) >= DISAGREEMENT_RANGE else ""
            row.append(
                Paragraph(
                    f"<b>{line.mean:.1f}</b>{flag}<br/><font size=7>{spread} · n={line.n}</font>",
                    sheet.cell_center,
                )
            )
            level = max(1, min(4, round(line.mean)))
            extra.append(
                ("BACKGROUND", (column, len(rows)), (column, len(rows)), LEVEL_FILLS[level])
            )
        rows.append(row)
    legend = Paragraph(
        "Each cell: the mean rating (1–4), the range the raters gave and how many ratings it "
        "rests on. “!” marks raters two or more levels apart: discuss before relying on it. "
        "Ranked by the weighted score; candidates with no ratings yet are listed in the "
        "decision summary.",
        sheet.muted,
    )
    return [
        grid(rows, [RANK_W, NAME_W, SCORE_W, *[each] * len(names)], extra=extra),
        Spacer(1, 2 * mm),
        legend,
    ]


def slate_feedback(packet: SlatePacket, sheet: Styles) -> list[Flowable]:
    if not packet.rejections:
        return [Paragraph("No candidate on this slate has been rejected.", sheet.muted)]
    counts = ", ".join(f"{reason} {count}" for reason, count in packet.reason_counts)
    rows: list[list[Flowable | str]] = [
        [
            Paragraph("Candidate", sheet.header_cell),
            Paragraph("Reason", sheet.header_cell),
            Paragraph("What the recruiter should know", sheet.header_cell),
        ]
    ]
    rows += [
        [
            para(line.candidate, sheet.cell),
            para(line.reason, sheet.cell),
            para(line.note or "–", sheet.cell),
        ]
        for line in packet.rejections
    ]
    return [
        Paragraph(escape(f"Reasons across the slate: {counts}."), sheet.body),
        Spacer(1, 3 * mm),
        grid(rows, [44 * mm, 40 * mm, CONTENT_WIDTH - 84 * mm]),
    ]


def slate_story(packet: SlatePacket) -> list[Flowable]:
    sheet = styles()
    meta = packet.meta
    story = decision_summary(packet, sheet)
    story.append(PageBreak())
    if Section.MATRIX in meta.sections:
        story += [*heading(SECTION_TITLES[Section.MATRIX], sheet), *matrix(packet, sheet)]
    if Section.SLATE_FEEDBACK in meta.sections:
        story += [
            *heading(SECTION_TITLES[Section.SLATE_FEEDBACK], sheet),
            *slate_feedback(packet, sheet),
        ]
    if Section.METRICS in meta.sections and packet.figures:
        story += [
            *heading(SECTION_TITLES[Section.METRICS], sheet),
            pairs_table(packet.figures, sheet, 62 * mm),
        ]
    if Section.CANDIDATE_PAGES in meta.sections:
        story.append(PageBreak())
        for candidate in filter(rated, packet.candidates):
            story += one_page(candidate, sheet)
    return story
