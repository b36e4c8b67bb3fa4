"""Reading packets back in tests: the text a PDF reader extracts, page by page."""

from __future__ import annotations

import io
import subprocess

import pypdf


def pdf_text(content: bytes, password: str | None = None) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    if password is not None:
        reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


# Directional formatting characters: poppler wraps each right-to-left run it reorders in
# embedding marks (U+202B … U+202C) and our /ActualText ends some runs with a LEFT-TO-RIGHT
# MARK. They are invisible; a reader copies them along, and a search ignores them.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def poppler_text(content: bytes) -> str:
    """The text poppler's pdftotext extracts (what Evince, Okular and most Linux viewers copy
    and search), with its invisible directional marks taken out."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8").translate(_BIDI_CONTROLS)
