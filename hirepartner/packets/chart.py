"""The competency profile chart: for each competency a bar to the mean rating, a whisker over
the range the raters gave, and the n beside it; labels stay text so every script renders."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from hirepartner.domain import RATING_MAX, RATING_MIN
from hirepartner.packets.content import CompetencyLine
from hirepartner.packets.document import CONTENT_WIDTH
from hirepartner.packets.fonts import BASE
from hirepartner.packets.layout import mean_text, range_text
from hirepartner.packets.styles import ACCENT, INK, LEVEL_FILLS, MUTED, RULE, Styles
from hirepartner.packets.text import escape, para

BAR_WIDTH = 78 * mm
BAR_HEIGHT = 11
PAD = 6


def _x(level: float) -> float:
    return float(PAD + (level / RATING_MAX) * (BAR_WIDTH - 2 * PAD))


def _scale() -> Drawing:
    drawing = Drawing(BAR_WIDTH, 10)
    for level in range(RATING_MIN, RATING_MAX + 1):
        drawing.add(
            String(
                _x(level),
                2,
                str(level),
                fontName=BASE.regular,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    return drawing


def _bar(line: CompetencyLine) -> Drawing:
    drawing = Drawing(BAR_WIDTH, BAR_HEIGHT + 4)
    y = 2
    drawing.add(
        Rect(
            _x(0),
            y,
            _x(RATING_MAX) - _x(0),
            BAR_HEIGHT,
            fillColor=None,
            strokeColor=RULE,
            strokeWidth=0.5,
        )
    )
    for level in range(RATING_MIN, RATING_MAX):
        drawing.add(
            Line(_x(level), y, _x(level), y + BAR_HEIGHT, strokeColor=RULE, strokeWidth=0.4)
        )
    if line.mean is not None:
        fill = LEVEL_FILLS[max(RATING_MIN, min(RATING_MAX, round(line.mean)))]
        drawing.add(
            Rect(
                _x(0),
                y + 2,
                _x(line.mean) - _x(0),
                BAR_HEIGHT - 4,
                fillColor=fill,
                strokeColor=None,
            )
        )
        if line.low is not None and line.high is not None:
            middle = y + BAR_HEIGHT / 2
            drawing.add(
                Line(_x(line.low), middle, _x(line.high), middle, strokeColor=INK, strokeWidth=0.8)
            )
            for end in (line.low, line.high):
                drawing.add(
                    Line(_x(end), middle - 3, _x(end), middle + 3, strokeColor=INK, strokeWidth=0.8)
                )
        drawing.add(
            Line(
                _x(line.mean), y, _x(line.mean), y + BAR_HEIGHT, strokeColor=ACCENT, strokeWidth=1.6
            )
        )
    return drawing


def _figures(line: CompetencyLine) -> str:
    if line.mean is None:
        return mean_text(None, 0)
    return f"{mean_text(line.mean, line.n)}, {range_text(line.low, line.high)}"


def profile_chart(lines: Sequence[CompetencyLine], sheet: Styles) -> Flowable:
    label_width = CONTENT_WIDTH - BAR_WIDTH - 42 * mm
    rows: list[list[Flowable | str]] = [
        [
            Paragraph("Competency", sheet.header_cell),
            _scale(),
            Paragraph("Mean (n), range", sheet.header_cell),
        ]
    ]
    for line in lines:
        rows.append(
            [
                para(line.name, sheet.cell),
                _bar(line),
                Paragraph(escape(_figures(line)), sheet.cell),
            ]
        )
    table = Table(rows, colWidths=[label_width, BAR_WIDTH, 42 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
