"""User text into reportlab paragraphs, safely: escaped (markup in a name renders literally and
never reads a file or URL), split into font runs, and laid out right to left where it is."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph

from hirepartner.packets.fonts import Runs, font_runs, needs_shaping

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_RTL_CLASSES = frozenset({"R", "AL"})
_LRM = "\u200e"
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


class _Line(NamedTuple):
    """One laid-out line: its words in display order, its direction, and its text as entered."""

    words: list[str]
    rtl: bool
    logical: str


def _extractor_direction(char: str) -> str | None:
    """'R' for a right-to-left letter, 'L' for a character that ends a right-to-left run in
    poppler's reordering (a letter or a digit), None for the rest (spaces, punctuation, marks)."""
    kind = unicodedata.bidirectional(char)
    if kind in _RTL_CLASSES:
        return "R"
    if kind in ("L", "EN", "AN") or char.isdigit():
        return "L"
    return None


def actual_text(logical: str) -> str:
    """The /ActualText of a line: the string poppler turns back into `logical`.

    poppler (pdftotext, Evince, Okular) takes the text of a line as laid out left to right and
    reverses each run that starts at a right-to-left letter and ends before the next letter or
    digit. So each right-to-left run (from its first to its last right-to-left letter, spaces
    and marks inside it) is given reversed, and a LEFT-TO-RIGHT MARK ends it where the run is
    followed by a space or punctuation, which poppler would otherwise carry into the run and
    move to its front. The mark is invisible; poppler adds its own embedding marks anyway."""
    out: list[str] = []
    n, size = 0, len(logical)
    while n < size:
        if _extractor_direction(logical[n]) != "R":
            out.append(logical[n])
            n += 1
            continue
        end = last = n
        while end < size:
            kind = _extractor_direction(logical[end])
            if kind == "L" or (kind is None and not _in_run(logical[end])):
                break
            if kind == "R":
                last = end
            end += 1
        out.append(logical[n : last + 1][::-1])
        if last + 1 < size and _extractor_direction(logical[last + 1]) != "L":
            out.append(_LRM)
        n = last + 1
    return "".join(out)


def _in_run(char: str) -> bool:
    """A space or a mark carries a right-to-left run on; punctuation ends it (poppler counts
    some of it, such as ':' and ',', with the digits)."""
    return char == " " or unicodedata.category(char).startswith("M")


def _text_string(text: str) -> str:
    """A PDF text string (UTF-16BE with its byte order mark), as hex: nothing to escape."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class BidiParagraph(Flowable):  # type: ignore[misc]
    """A paragraph with right-to-left text: wrapped in logical order at the width it is given,
    then each line put in display order, aligned to its reading direction, and drawn inside a
    marked-content span whose /ActualText gives extractors the line as it was entered."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        bold: bool = False,
        lines: list[_Line] | None = None,
    ) -> None:
        super().__init__()
        self.text = clean(text)
        self.style = style
        self.bold = bold
        self._lines_given = lines
        self._all_lines: list[_Line] = []
        self._rows: list[tuple[Paragraph, str]] = []
        self._width = -1.0

    def _lines(self, width: float) -> list[_Line]:
        if self._lines_given is not None:
            return self._lines_given
        size = self.style.fontSize
        space = _word_width(" ", size, self.bold)
        lines: list[_Line] = []
        for hard_line in self.text.split("\n"):
            current: list[str] = []
            used = 0.0
            for word in hard_line.split(" "):
                wide = _word_width(word, size, self.bold)
                if current and used + space + wide > width * _WRAP_MARGIN:
                    lines.append(_Line(*visual_order(current), " ".join(current)))
                    current, used = [], 0.0
                used += (space if current else 0.0) + wide
                current.append(word)
            lines.append(_Line(*visual_order(current), " ".join(current)))
        return lines

    def _layout(self, width: float) -> list[tuple[Paragraph, str]]:
        if width != self._width:
            lines = self._lines(width)
            rtl = sum(1 for line in lines if line.rtl) * 2 > len(lines)
            style = ParagraphStyle(
                f"{self.style.name}-bidi",
                parent=self.style,
                alignment=TA_RIGHT if rtl else self.style.alignment,
                shaping=1,
            )
            self._rows = [
                (
                    Paragraph(
                        " ".join(
                            _run_markup(font_runs(word), self.bold, self.style.fontName)
                            for word in line.words
                        ),
                        style,
                    ),
                    line.logical,
                )
                for line in lines
            ]
            self._all_lines = lines
            self._width = width
        return self._rows

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        height = 0.0
        for row, _logical in self._layout(available_width):
            height += row.wrap(available_width, available_height)[1]
        self.width, self.height = available_width, height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        rows = self._layout(available_width)
        used, fit = 0.0, 0
        for row, _logical in rows:
            used += row.wrap(available_width, available_height)[1]
            if used > available_height:
                break
            fit += 1
        if fit == 0 or fit == len(rows):
            return []
        lines = self._all_lines
        return [
            BidiParagraph(self.text, self.style, self.bold, lines[:fit]),
            BidiParagraph(self.text, self.style, self.bold, lines[fit:]),
        ]

    def draw(self) -> None:
        y = self.height
        for row, logical in self._rows:
            y -= row.height
            # The span is opened and closed under the same transformation as its glyphs:
            # poppler places the actual text with the transformation current at EMC.
            self.canv.saveState()
            self.canv.translate(0, y)
            self.canv.addLiteral(f"/Span <</ActualText {_text_string(actual_text(logical))}>> BDC")
            row.drawOn(self.canv, 0, 0)
            self.canv.addLiteral("EMC")
            self.canv.restoreState()


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
