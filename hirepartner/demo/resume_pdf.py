"""A tiny one-page PDF writer for demo resumes: thousands a second, valid for any viewer.

reportlab takes milliseconds a page, too slow for the 10,000-candidate benchmark world; demo
resumes need only lines of Latin text in the standard Helvetica faces, which this writes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 64


def _in_helvetica(text: str) -> str:
    """Letters Helvetica's WinAnsi encoding lacks, without their accent ("Ivanović" →
    "Ivanovic"), rather than a "?" in a name."""
    if all(_encodable(char) for char in text):
        return text
    kept = []
    for char in text:
        if not _encodable(char):
            base = unicodedata.normalize("NFKD", char)
            char = "".join(c for c in base if not unicodedata.combining(c)) or "?"
        kept.append(char)
    return "".join(kept)


def _encodable(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _pdf_string(text: str) -> bytes:
    encoded = _in_helvetica(text).encode("cp1252", errors="replace")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def resume_pdf(
    title: str,
    subtitle: str,
    sections: Sequence[tuple[str, Sequence[str]]],
    document_title: str,
) -> bytes:
    """A one-page A4 resume: a title, a subtitle, then headed sections of lines."""
    ops: list[bytes] = [b"BT", b"/F2 20 Tf", f"{MARGIN} {PAGE_HEIGHT - 90} Td".encode()]
    ops += [_pdf_string(title) + b" Tj", b"/F1 11 Tf", b"0 -20 Td", _pdf_string(subtitle) + b" Tj"]
    for heading, lines in sections:
        ops += [b"0 -34 Td", b"/F2 12 Tf", _pdf_string(heading) + b" Tj", b"/F1 10 Tf"]
        for line in lines:
            ops += [b"0 -15 Td", _pdf_string(line) + b" Tj"]
    ops.append(b"ET")
    ops.append(f"0.2 0.4 0.6 RG 2 w {MARGIN} {PAGE_HEIGHT - 120} m ".encode())
    ops.append(f"{PAGE_WIDTH - MARGIN} {PAGE_HEIGHT - 120} l S".encode())
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        % (PAGE_WIDTH, PAGE_HEIGHT),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title " + _pdf_string(document_title) + b" /Producer (HirePartner demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, len(objects))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
