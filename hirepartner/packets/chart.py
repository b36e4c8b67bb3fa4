"""The competency profile chart: for each competency a bar to the mean rating, a whisker over
the range the raters gave, and the n beside it; labels stay text so every script renders."""

from __future__ import annotations

from collections.abc import Sequence

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


class _Scale(Flowable):  # type: ignore[misc]
    """The 1-4 tick labels above the bars."""

    def wrap(self, _w: float, _h: float) -> tuple[float, float]:
        return BAR_WIDTH, 10

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(BASE.regular, 7)
        canvas.setFillColor(MUTED)
        for level in range(RATING_MIN, RATING_MAX + 1):
            canvas.drawCentredString(_x(level), 2, str(level))


class _Bar(Flowable):  # type: ignore[misc]
    """One competency: a bar to the mean, a whisker over the raters' range, a mean tick.
    Painted straight on the canvas: a reportlab Drawing per row costs 10x more to render."""

    def __init__(self, line: CompetencyLine) -> None:
        super().__init__()
        self.line = line

    def wrap(self, _w: float, _h: float) -> tuple[float, float]:
        return BAR_WIDTH, BAR_HEIGHT + 4

    def draw(self) -> None:
        canvas, line, y = self.canv, self.line, 2
        canvas.setLineWidth(0.5)
        canvas.setStrokeColor(RULE)
        canvas.rect(_x(0), y, _x(RATING_MAX) - _x(0), BAR_HEIGHT, stroke=1, fill=0)
        canvas.setLineWidth(0.4)
        for level in range(RATING_MIN, RATING_MAX):
            canvas.line(_x(level), y, _x(level), y + BAR_HEIGHT)
        if line.mean is None:
            return
        canvas.setFillColor(LEVEL_FILLS[max(RATING_MIN, min(RATING_MAX, round(line.mean)))])
        canvas.rect(_x(0), y + 2, _x(line.mean) - _x(0), BAR_HEIGHT - 4, stroke=0, fill=1)
        if line.low is not None and line.high is not None:
            middle = y + BAR_HEIGHT / 2
            canvas.setStrokeColor(INK)
            canvas.setLineWidth(0.8)
            canvas.line(_x(line.low), middle, _x(line.high), middle)
            for end in (line.low, line.high):
                canvas.line(_x(end), middle - 3, _x(end), middle + 3)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.6)
        canvas.line(_x(line.mean), y, _x(line.mean), y + BAR_HEIGHT)


def _figures(line: CompetencyLine) -> str:
    if line.mean is None:
        return mean_text(None, 0)
    return f"{mean_text(line.mean, line.n)}, {range_text(line.low, line.high)}"


def profile_chart(lines: Sequence[CompetencyLine], sheet: Styles) -> Flowable:
    label_width = CONTENT_WIDTH - BAR_WIDTH - 42 * mm
    rows: list[list[Flowable | str]] = [
        [
            Paragraph("Competency", sheet.header_cell),
            _Scale(),
            Paragraph("Mean (n), range", sheet.header_cell),
        ]
    ]
    for line in lines:
        rows.append(
            [
                para(line.name, sheet.cell),
                _Bar(line),
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
