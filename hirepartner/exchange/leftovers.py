"""The temporary files a killed upload leaves on a target, told apart from everything else:
only our own temporary names for envelope files, and only once they are an hour old (a
slower install may still be writing a fresh one)."""

from __future__ import annotations

import re

LEFTOVER_AGE_S = 3600.0

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# An envelope's file or one of its attachments (see envelopes.envelope_file, attachment_file).
_FINAL = rf"{_UUID}(?:\.envelope\.json|--[A-Za-z0-9._@+-]{{1,150}})"
# Folder: files.write_atomically's tempfile.mkstemp(prefix=".<final>.", suffix=".partial").
_FOLDER_TEMPORARY = re.compile(rf"\.{_FINAL}\.[a-z0-9_]{{8}}\.partial")
# WebDAV: WebDavTransport._put's ".<final>.<uuid>.part".
_WEBDAV_TEMPORARY = re.compile(rf"\.{_FINAL}\.{_UUID}\.part")


def is_folder_leftover(file_name: str) -> bool:
    return _FOLDER_TEMPORARY.fullmatch(file_name) is not None


def is_webdav_leftover(file_name: str) -> bool:
    return _WEBDAV_TEMPORARY.fullmatch(file_name) is not None
