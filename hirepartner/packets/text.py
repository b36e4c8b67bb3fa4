"""User text into reportlab paragraphs, safely: escaped (markup in a name renders literally and
never reads a file or URL), split into font runs, and laid out right to left where it is."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph

from hirepartner.packets.fonts import Runs, font_runs, needs_shaping

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_RTL_CLASSES = frozenset({"R", "AL"})
_WRAP_MARGIN = 0.96  # our measure is unshaped; leave room so reportlab never re-wraps a line


def clean(text: str) -> str:
    """Text without characters XML cannot carry, with tabs as spaces and unified newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def escape(text: str) -> str:
    """Escape for reportlab's paragraph markup: nothing in user text is ever read as a tag."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run_markup(runs: Runs, bold: bool, plain_font: str) -> str:
    """Escaped runs, each in its font; a run in the paragraph's own font needs no tag."""
    return "".join(
        escape(text)
        if face.name(bold) == plain_font
        else f'<font name="{face.name(bold)}">{escape(text)}</font>'
        for face, text in runs
    )


def markup(text: str, bold: bool, plain_font: str) -> tuple[str, bool]:
    """Paragraph markup for one line or more of user text, and whether it needs shaping."""
    runs = [font_runs(line) for line in clean(text).split("\n")]
    body = "<br/>".join(_run_markup(line, bold, plain_font) for line in runs)
    return body, any(needs_shaping(line) for line in runs)


def _direction(word: str) -> str | None:
    """'R' or 'L' from the first strong character, None for a word with none (digits, dashes)."""
    for char in word:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return "R"
        if kind == "L":
            return "L"
    return None


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def visual_order(words: list[str]) -> tuple[list[str], bool]:
    """The words of one line in display order, and whether the line reads right to left.

    The Unicode bidi algorithm at word level: the first strong word sets the base direction;
    words with no strong character take their neighbours' direction when both agree, else the
    base; runs are reversed from the highest level down (rule L2). Inside a word, HarfBuzz
    orders and shapes the glyphs."""
    directions = [_direction(word) for word in words]
    base = next((d for d in directions if d is not None), "L")
    resolved: list[str] = []
    for n, direction in enumerate(directions):
        if direction is None:
            before = next((d for d in reversed(directions[:n]) if d is not None), base)
            after = next((d for d in directions[n + 1 :] if d is not None), base)
            direction = before if before == after else base
        resolved.append(direction)
    base_level = 1 if base == "R" else 0
    levels = [
        (1 if direction == "R" else 0) if base_level == 0 else (1 if direction == "R" else 2)
        for direction in resolved
    ]
    order = list(range(len(words)))
    for level in range(max(levels, default=0), 0, -1):
        n = 0
        while n < len(order):
            if levels[order[n]] >= level:
                end = n
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[n:end] = reversed(order[n:end])
                n = end
            else:
                n += 1
    return [words[i] for i in order], base == "R"


def _word_width(word: str, size: float, bold: bool) -> float:
    return sum(
        float(pdfmetrics.stringWidth(text, face.name(bold), size)) for face, text in font_runs(word)
    )


class BidiParagraph(Flowable):  # type: ignore[misc]
    """A paragraph with right-to-left text: wrapped in logical order at the width it is given,
    then each line put in display order and aligned to its reading direction."""

    def __init__(self, text: str, style: ParagraphStyle, bold: bool = False) -> None:
        super().__init__()
        self.text = clean(text)
        self.style = style
        self.bold = bold
        self._inner: Paragraph | None = None
        self._width = -1.0

    def _lines(self, width: float) -> list[tuple[list[str], bool]]:
        size = self.style.fontSize
        space = _word_width(" ", size, self.bold)
        lines: list[tuple[list[str], bool]] = []
        for hard_line in self.text.split("\n"):
            current: list[str] = []
            used = 0.0
            for word in hard_line.split(" "):
                wide = _word_width(word, size, self.bold)
                if current and used + space + wide > width * _WRAP_MARGIN:
                    lines.append(visual_order(current))
                    current, used = [], 0.0
                used += (space if current else 0.0) + wide
                current.append(word)
            lines.append(visual_order(current))
        return lines

    def _paragraph(self, width: float) -> Paragraph:
        if self._inner is None or width != self._width:
            lines = self._lines(width)
            rtl = sum(1 for _words, is_rtl in lines if is_rtl) * 2 > len(lines)
            body = "<br/>".join(
                " ".join(
                    _run_markup(font_runs(word), self.bold, self.style.fontName) for word in words
                )
                for words, _is_rtl in lines
            )
            style = ParagraphStyle(
                f"{self.style.name}-bidi",
                parent=self.style,
                alignment=TA_RIGHT if rtl else self.style.alignment,
                shaping=1,
            )
            self._inner = Paragraph(body, style)
            self._width = width
        return self._inner

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        inner = self._paragraph(available_width)
        width, height = inner.wrap(available_width, available_height)
        self.width, self.height = width, height
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        return list(self._paragraph(available_width).split(available_width, available_height))

    def draw(self) -> None:
        assert self._inner is not None
        self._inner.drawOn(self.canv, 0, 0)


def para(text: str, style: ParagraphStyle, bold: bool | None = None) -> Flowable:
    """A flowable for user text in `style`, whatever its script and direction (bold follows
    the style unless said)."""
    if bold is None:
        bold = str(style.fontName).endswith("-Bold")
    if has_rtl(text):
        return BidiParagraph(text, style, bold)
    runs_markup, shaped = markup(text, bold, style.fontName)
    if shaped and not style.shaping:
        style = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
    return Paragraph(runs_markup, style)
