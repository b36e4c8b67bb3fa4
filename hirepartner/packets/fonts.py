"""The bundled fonts and the fallback chain: every character of user text gets a font that has
its glyph, so Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai and CJK all render."""

from __future__ import annotations

import functools
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REPLACEMENT = "\ufffd"  # drawn for a character no bundled font has (an emoji, say)


@dataclass(frozen=True)
class Face:
    """One family in the chain: its registered names and the files behind them."""

    regular: str
    bold: str
    regular_file: str
    bold_file: str
    shaped: bool  # needs OpenType shaping (joining, reordering, mark placement)

    def name(self, bold: bool) -> str:
        return self.bold if bold else self.regular


CHAIN: tuple[Face, ...] = (
    Face("HP-Sans", "HP-Sans-Bold", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", False),
    Face(
        "HP-Arabic",
        "HP-Arabic-Bold",
        "NotoSansArabic-Regular.ttf",
        "NotoSansArabic-Bold.ttf",
        True,
    ),
    Face(
        "HP-Hebrew",
        "HP-Hebrew-Bold",
        "NotoSansHebrew-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
        True,
    ),
    Face(
        "HP-Devanagari",
        "HP-Devanagari-Bold",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        True,
    ),
    Face("HP-Thai", "HP-Thai-Bold", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", True),
    # Droid Sans Fallback has no bold; bold CJK uses the same face.
    Face("HP-CJK", "HP-CJK-Bold", "DroidSansFallback.ttf", "DroidSansFallback.ttf", False),
    # Arrows, dingbats and other symbols (no bold either).
    Face(
        "HP-Symbols",
        "HP-Symbols-Bold",
        "NotoSansSymbols-Regular.ttf",
        "NotoSansSymbols-Regular.ttf",
        False,
    ),
    Face(
        "HP-Symbols2",
        "HP-Symbols2-Bold",
        "NotoSansSymbols2-Regular.ttf",
        "NotoSansSymbols2-Regular.ttf",
        False,
    ),
)
BASE = CHAIN[0]
ITALIC = "HP-Sans-Italic"

_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}
_base_chars: set[str] = set()


def font_file(name: str) -> Path:
    """A bundled font file, through the one door to the package's resources."""
    path = resources.files("hirepartner.resources") / "fonts" / name
    if not path.is_file():
        raise FileNotFoundError(f"the bundled font {name} is missing")
    return Path(str(path))


def register() -> None:
    """Register the chain with reportlab once per process (safe from any thread)."""
    with _lock:
        if _coverage:
            return
        for face in CHAIN:
            for name, file in ((face.regular, face.regular_file), (face.bold, face.bold_file)):
                font = TTFont(name, str(font_file(file)), shapable=face.shaped)
                pdfmetrics.registerFont(font)
            _coverage[face.regular] = frozenset(font.face.charToGlyph)
        _base_chars.update(chr(c) for c in _coverage[BASE.regular] if c <= 0xFFFF)
        pdfmetrics.registerFont(TTFont(ITALIC, str(font_file("NotoSans-Italic.ttf"))))
        pdfmetrics.registerFontFamily(
            BASE.regular, normal=BASE.regular, bold=BASE.bold, italic=ITALIC, boldItalic=BASE.bold
        )


def _covers(face: Face, char: str) -> bool:
    return ord(char) in _coverage[face.regular]


def _sticks(char: str) -> bool:
    """Spaces, punctuation, digits and combining marks stay in the run they are in."""
    category = unicodedata.category(char)
    return category[0] in "MZPN" or char in "\t"


Runs = tuple[tuple[Face, str], ...]


@functools.lru_cache(maxsize=8192)
def font_runs(text: str) -> Runs:
    """Split text into runs, each with the first face of the chain that has its glyphs.

    A character no face has becomes U+FFFD in the base face, so it shows as a visible mark
    instead of an empty box or a crash. Names and labels repeat across a packet: cached."""
    register()
    if _base_chars.issuperset(text):  # the common case: all of it in the base face
        return ((BASE, text),) if text else ()
    runs: list[tuple[Face, list[str]]] = []
    for char in text:
        current = runs[-1][0] if runs else None
        if current is not None and _sticks(char) and _covers(current, char):
            runs[-1][1].append(char)
            continue
        # Characters beyond the BMP (emoji among them) are replaced: reportlab's ToUnicode
        # map cannot carry them, and a PDF reader would choke on the file.
        face = next((f for f in CHAIN if _covers(f, char)), None) if ord(char) <= 0xFFFF else None
        if face is None:
            face, char = (current or BASE), REPLACEMENT
            if not _covers(face, char):
                face = BASE
        if current is face:
            runs[-1][1].append(char)
        else:
            runs.append((face, [char]))
    return tuple((face, "".join(chars)) for face, chars in runs)


def needs_shaping(runs: Runs) -> bool:
    return any(face.shaped for face, _text in runs)
