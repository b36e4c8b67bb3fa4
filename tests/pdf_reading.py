"""Reading packets back in tests: the text a PDF reader extracts, page by page."""

from __future__ import annotations

import io

import pypdf


def pdf_text(content: bytes, password: str | None = None) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    if password is not None:
        reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)
