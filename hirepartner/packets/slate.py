"""The slate packet: the decision summary first, then the rated candidates compared (ranked,
with spread), the slate feedback from the structured rejection reasons, and one page per
rated candidate (those without ratings are listed together in the summary)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from hirepartner.packets.candidate import one_page
from hirepartner.packets.content import (
    SECTION_TITLES,
    CandidateSection,
    Section,
    SlatePacket,
)
from hirepartner.packets.document import CONTENT_WIDTH
from hirepartner.packets.layout import (
    grid,
    heading,
    pairs_table,
    range_text,
    status_text,
)
from hirepartner.packets.slate_summary import decision_summary, rank_text, rated
from hirepartner.packets.styles import LEVEL_FILLS, Styles, styles
from hirepartner.packets.text import escape, para
from hirepartner.scoring.summary import DISAGREEMENT_RANGE

RANK_W, NAME_W, SCORE_W = 9 * mm, 38 * mm, 18 * mm


def _score_cell(candidate: CandidateSection, sheet: Styles) -> Flowable:
    if candidate.weighted is None:
        value = "–"
    elif candidate.weighted_low is not None and candidate.weighted_high is not None:
        value = (
            f"{candidate.weighted:.1f}<br/><font size=7>likely {candidate.weighted_low:.1f}–"
            f"{candidate.weighted_high:.1f}</font>"
        )
    else:
        value = f"{candidate.weighted:.1f}"
    single = candidate.single_rating_competencies
    return Paragraph(
        value + f"<br/><font size=7>{candidate.competencies_rated} of "
        f"{candidate.competencies_total} rated"
        + (f", {single} by one only" if single else "")
        + "</font>",
        sheet.cell,
    )


def _matrix_grid(
    packet: SlatePacket, candidates: list[CandidateSection], sheet: Styles
) -> Flowable:
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
    for candidate in candidates:
        by_name = {line.name: line for line in candidate.competencies}
        level_with = (
            f"about level with {', '.join(candidate.about_level_with)}"
            if candidate.about_level_with
            else ""
        )
        row: list[Flowable | str] = [
            Paragraph(rank_text(candidate), sheet.cell),
            [
                para(candidate.label, sheet.cell_bold),
                para(
                    f"{candidate.stage} · {status_text(candidate.status)}",
                    sheet.small,
                ),
                *([para(level_with, sheet.small)] if level_with else []),
            ],
            _score_cell(candidate, sheet),
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
    return grid(rows, [RANK_W, NAME_W, SCORE_W, *[each] * len(names)], extra=extra)


def matrix(packet: SlatePacket, sheet: Styles) -> list[Flowable]:
    shown = list(filter(rated, packet.candidates))  # the unrated are in the decision summary
    active = [c for c in shown if not c.listed_apart]
    apart = [c for c in shown if c.listed_apart]
    story: list[Flowable] = []
    if active:
        story.append(_matrix_grid(packet, active, sheet))
    if apart:
        story += [
            Spacer(1, 3 * mm),
            Paragraph("Rejected or withdrawn: listed apart, not ranked", sheet.cell_bold),
            Spacer(1, 1 * mm),
            _matrix_grid(packet, apart, sheet),
        ]
    legend = Paragraph(
        "Each cell: the mean rating (1–4), the range the raters gave and how many ratings it "
        "rests on. “!” marks raters two or more levels apart: discuss before relying on it. "
        "Weighted: the weighted mean of the rated competencies, with its likely range (95%). "
        "Ranked on an estimate that pulls scores resting on few ratings toward the slate's "
        "mean; “=” marks candidates about level, whose difference is within the noise. "
        "Candidates with no ratings yet are listed in the decision summary.",
        sheet.muted,
    )
    return [*story, Spacer(1, 2 * mm), legend]


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
