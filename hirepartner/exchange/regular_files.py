"""Opening a file a user names for import: only a regular file, never a folder, pipe or device
(a FIFO would wait forever, /dev/zero never ends), and never more than a byte cap."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from hirepartner.errors import HirePartnerError

_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotARegularFile(HirePartnerError):
    """A path that is missing, unreadable, not a regular file, or larger than allowed."""


def open_regular(path: Path) -> BinaryIO:
    """The file opened for reading, after checking on the open descriptor that it is a regular
    file. O_NONBLOCK keeps the open itself from waiting for a FIFO's writer."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotARegularFile(f"{path} is a folder, not a file.") from None
    except FileNotFoundError:
        raise NotARegularFile(f"{path} does not exist.") from None
    except OSError as error:
        raise NotARegularFile(f"Cannot read {path}: {error.strerror or error}.") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((what for test, what in _NOT_REGULAR if test(mode)), "not a regular file")
            raise NotARegularFile(f"{path} is {kind}, not a file to import.")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """The whole file, refused beyond `limit` bytes; the size is what was read, not what the
    file system claims."""
    chunks: list[bytes] = []
    size = 0
    with open_regular(path) as handle:
        try:
            while size <= limit and (chunk := handle.read(min(1024 * 1024, limit + 1 - size))):
                chunks.append(chunk)
                size += len(chunk)
        except OSError as error:
            raise NotARegularFile(f"Cannot read {path}: {error.strerror or error}.") from None
    data = b"".join(chunks)
    if len(data) > limit:
        raise NotARegularFile(
            f"{path.name} is larger than {limit // (1024 * 1024)} MB, the limit for an import."
        )
    return data
