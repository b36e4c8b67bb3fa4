"""Password protection with AES-256 (PDF 2.0, revision 6) through pypdf.

reportlab's own AES-256 writes a 48-byte user key (the file key still padded), which pypdf and
poppler both refuse, so the finished packet is encrypted here instead."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter


def encrypt(content: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
    target = io.BytesIO()
    writer.write(target)
    return target.getvalue()
