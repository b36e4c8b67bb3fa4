"""A folder target: local, a network share or a cloud-drive folder. Each file is written
under a temporary name, flushed to disk, then renamed; the envelope file comes last, so a
reader that sees it finds its attachments complete. What a killed upload left is removed an
hour later."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Mapping
from pathlib import Path

from hirepartner.errors import HirePartnerError
from hirepartner.exchange.envelopes import attachment_file, envelope_file, uuid_of
from hirepartner.exchange.leftovers import LEFTOVER_AGE_S, is_folder_leftover
from hirepartner.exchange.transport import TransportError
from hirepartner.files import write_atomically


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
        self._check()
        found = (uuid_of(path.name) for path in self.folder.iterdir())
        return sorted(u for u in found if u)

    def _read(self, file_name: str) -> bytes:
        try:
            return (self.folder / file_name).read_bytes()
        except OSError as error:
            raise TransportError(f"cannot read {file_name} from {self.folder}: {error}") from error

    def document(self, envelope_uuid: str) -> bytes:
        return self._read(envelope_file(envelope_uuid))

    def attachment(self, envelope_uuid: str, name: str) -> bytes:
        return self._read(attachment_file(envelope_uuid, name))

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
