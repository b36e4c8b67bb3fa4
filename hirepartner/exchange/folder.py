"""A folder target: local, a network share or a cloud-drive folder. Each file is written
under a temporary name, flushed to disk, then renamed; the envelope file comes last, so a
reader that sees it finds its attachments complete. What a killed upload left is removed an
hour later.

Anyone with write access to the folder may leave anything there, so an entry is read only if it
is a regular file, never through a symbolic link, never waiting on a pipe, and never beyond its
byte cap. `incoming()` lists every name that looks like an envelope whatever it is (a folder, a
pipe, a link): fetching a bad one raises EnvelopeRejected with a sentence naming it, so the sync
quarantines it once with that reason, reports it once, and never reads it again. Skipping such
entries instead would hide them, or report them on every sync. TransportError is kept for what
concerns the whole folder: not mounted, gone, an I/O error of the share, a listed file that has
vanished."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Mapping
from pathlib import Path

from hirepartner.errors import HirePartnerError
from hirepartner.exchange.envelopes import (
    MAX_ATTACHMENT_BYTES,
    MAX_ENVELOPE_BYTES,
    EnvelopeRejected,
    attachment_file,
    envelope_file,
    uuid_of,
)
from hirepartner.exchange.leftovers import LEFTOVER_AGE_S, is_folder_leftover
from hirepartner.exchange.regular_files import (
    ENVELOPE,
    NotARegularFile,
    Purpose,
    attachment_cap,
    read_regular,
)
from hirepartner.exchange.transport import TransportError
from hirepartner.files import write_atomically

# Errors of the share or the disk rather than of one entry: the whole pull waits for next time.
_TARGET_ERRNOS = frozenset(
    getattr(errno, name)
    for name in (
        "ENOENT",
        "EIO",
        "ENOTCONN",
        "ESTALE",
        "ETIMEDOUT",
        "EHOSTDOWN",
        "EHOSTUNREACH",
        "ENETDOWN",
        "ENETUNREACH",
        "ECONNRESET",
        "ECONNABORTED",
    )
    if hasattr(errno, name)
)


class FolderTransport:
    pullable = True

    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.folder = folder

    def _check(self) -> None:
        if not self.folder.is_dir():
            raise TransportError(f"the folder {self.folder} is not there (not mounted?)")

    def deliver(
        self, envelope_uuid: str, document: bytes, attachments: Mapping[str, bytes]
    ) -> None:
        self._check()
        files = [
            (self.folder / attachment_file(envelope_uuid, n), c) for n, c in attachments.items()
        ]
        files.append((self.folder / envelope_file(envelope_uuid), document))
        try:
            write_atomically(files)
        except (HirePartnerError, OSError) as error:
            raise TransportError(str(error)) from error

    def incoming(self) -> list[str]:
        """Every envelope-like name, whatever the entry is (see the module's docstring)."""
        self._check()
        try:
            with os.scandir(self.folder) as entries:
                found = [uuid_of(entry.name) for entry in entries]
        except OSError as error:
            raise TransportError(f"cannot list {self.folder}: {error}") from error
        return sorted(u for u in found if u)

    def _read(self, file_name: str, limit: int, purpose: Purpose) -> bytes:
        """The entry's bytes; EnvelopeRejected when the entry is what no envelope can be."""
        try:
            return read_regular(
                self.folder / file_name,
                limit,
                purpose,
                follow_symlinks=False,
                shown=file_name,
            )
        except NotARegularFile as problem:
            if problem.errno in _TARGET_ERRNOS or not self.folder.is_dir():
                raise TransportError(
                    f"cannot read {file_name} from {self.folder}: {problem}"
                ) from None
            raise EnvelopeRejected(str(problem)) from None

    def document(self, envelope_uuid: str) -> bytes:
        return self._read(envelope_file(envelope_uuid), MAX_ENVELOPE_BYTES, ENVELOPE)

    def attachment(self, envelope_uuid: str, name: str, limit: int = MAX_ATTACHMENT_BYTES) -> bytes:
        """At most `limit` bytes (pass the size the envelope declares), never more than
        MAX_ATTACHMENT_BYTES."""
        cap, purpose = attachment_cap(limit, MAX_ATTACHMENT_BYTES)
        return self._read(attachment_file(envelope_uuid, name), cap, purpose)

    def test(self) -> str:
        self._check()
        return f"{self.folder} is there, with {len(self.incoming())} envelopes."

    def remove_leftovers(self) -> int:
        """Remove our own temporary files older than an hour; returns how many."""
        removed = 0
        oldest = time.time() - LEFTOVER_AGE_S
        with contextlib.suppress(OSError), os.scandir(self.folder) as entries:
            for entry in entries:
                if not is_folder_leftover(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode) and info.st_mtime < oldest:
                        os.unlink(entry.path)
                        removed += 1
        return removed

    def close(self) -> None:
        return None
