"""The packet's typography and colours, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from hirepartner.packets.fonts import BASE, register

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#2f5d8a")
RULE = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4ecf4")
ZEBRA = colors.HexColor("#f5f7fa")
NOTICE_FILL = colors.HexColor("#fdf6e3")
LEVEL_FILLS = {
    1: colors.HexColor("#f4c7c3"),
    2: colors.HexColor("#fce8b2"),
    3: colors.HexColor("#cfe8d5"),
    4: colors.HexColor("#9fd3ae"),
}


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    tiny: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    header_cell: ParagraphStyle
    notice: ParagraphStyle


def styles() -> Styles:
    register()
    font, bold = BASE.regular, BASE.bold
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13.5, textColor=INK)
    return Styles(
        title=ParagraphStyle(
            "title", parent=body, fontName=bold, fontSize=24, leading=30, textColor=ACCENT
        ),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=13, leading=18),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=bold,
            fontSize=14,
            leading=18,
            spaceBefore=10,
            spaceAfter=6,
            textColor=ACCENT,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=bold,
            fontSize=11,
            leading=15,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        h3=ParagraphStyle(
            "h3", parent=body, fontName=bold, spaceBefore=4, spaceAfter=1, keepWithNext=1
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=10),
        tiny=ParagraphStyle("tiny", parent=body, fontSize=7, leading=9),
        muted=ParagraphStyle("muted", parent=body, fontSize=8.5, leading=11.5, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11.5),
        cell_bold=ParagraphStyle(
            "cell_bold", parent=body, fontName=bold, fontSize=8.5, leading=11.5
        ),
        cell_center=ParagraphStyle(
            "cell_center", parent=body, fontSize=8.5, leading=11.5, alignment=TA_CENTER
        ),
        header_cell=ParagraphStyle(
            "header_cell", parent=body, fontName=bold, fontSize=8.5, leading=11.5
        ),
        notice=ParagraphStyle("notice", parent=body, fontSize=8.5, leading=12, textColor=INK),
    )
