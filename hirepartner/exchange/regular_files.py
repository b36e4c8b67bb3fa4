"""Opening a file a user names for import, or an entry of a shared exchange folder: only a regular
file, never a folder, pipe or device (a FIFO would wait forever, /dev/zero never ends),
optionally never through a symbolic link, and never more than a byte cap."""

from __future__ import annotations

import contextlib
import errno as errnos
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hirepartner.errors import HirePartnerError

_MB = 1024 * 1024
_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class Purpose:
    """What the file is read as, for the sentences that refuse it: "… is a folder, not
    {noun}." and "… is larger than 5 MB, {over_limit}."."""

    noun: str
    over_limit: str


IMPORT = Purpose("a file to import", "the limit for an import")
ENVELOPE = Purpose("an envelope file", "the limit for an envelope")
ATTACHMENT = Purpose("an attachment file", "the limit for an attachment")
DECLARED_ATTACHMENT = Purpose("an attachment file", "the size its envelope declares")


class NotARegularFile(HirePartnerError):
    """A path that is missing, unreadable, not a regular file, or larger than allowed.
    `errno` is the operating system's error number when one caused it."""

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno


def amount(size: int) -> str:
    """A byte count as a person reads it: "5 MB", "1.5 MB", "1,200 bytes"."""
    if size >= _MB:
        return f"{size // _MB} MB" if size % _MB == 0 else f"{size / _MB:.1f} MB"
    return f"{size:,} bytes"


def attachment_cap(limit: int, most: int) -> tuple[int, Purpose]:
    """The cap for an attachment whose envelope declares `limit` bytes, never above `most`,
    and the purpose that words its refusal."""
    if limit >= most:
        return most, ATTACHMENT
    return max(0, limit), DECLARED_ATTACHMENT


def _kind(mode: int) -> str:
    return next((what for test, what in _NOT_REGULAR if test(mode)), "not a regular file")


def open_regular(
    path: Path,
    purpose: Purpose = IMPORT,
    *,
    follow_symlinks: bool = True,
    shown: str | None = None,
) -> BinaryIO:
    """The file opened for reading, after checking on the open descriptor that it is a regular
    file. O_NONBLOCK keeps the open itself from waiting for a FIFO's writer; without
    `follow_symlinks`, O_NOFOLLOW refuses a symbolic link even to a regular file. `shown` is
    how the sentences name the file (the path by default)."""
    name = str(path) if shown is None else shown
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
        if not hasattr(os, "O_NOFOLLOW") and path.is_symlink():  # no O_NOFOLLOW (Windows)
            raise NotARegularFile(f"{name} is a symbolic link, not {purpose.noun}.")
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotARegularFile(f"{name} is a folder, not {purpose.noun}.", errnos.EISDIR) from None
    except FileNotFoundError:
        raise NotARegularFile(f"{name} does not exist.", errnos.ENOENT) from None
    except OSError as error:
        with contextlib.suppress(OSError):  # ELOOP (a link), ENXIO (a socket): say what it is
            mode = os.lstat(path).st_mode
            if not stat.S_ISREG(mode):
                raise NotARegularFile(f"{name} is {_kind(mode)}, not {purpose.noun}.") from None
        raise NotARegularFile(
            f"Cannot read {name}: {error.strerror or error}.", error.errno
        ) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(f"{name} is {_kind(mode)}, not {purpose.noun}.")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise


def read_regular(
    path: Path,
    limit: int,
    purpose: Purpose = IMPORT,
    *,
    follow_symlinks: bool = True,
    shown: str | None = None,
) -> bytes:
    """The whole file, refused beyond `limit` bytes: at once when the file system says it is
    larger, and otherwise after reading at most `limit` + 1 bytes (it may grow, or lie)."""
    name = path.name if shown is None else shown
    too_large = f"{name} is larger than {amount(limit)}, {purpose.over_limit}."
    chunks: list[bytes] = []
    size = 0
    with open_regular(path, purpose, follow_symlinks=follow_symlinks, shown=shown) as handle:
        try:
            if os.fstat(handle.fileno()).st_size > limit:
                raise NotARegularFile(too_large)
            while size <= limit and (chunk := handle.read(min(_MB, limit + 1 - size))):
                chunks.append(chunk)
                size += len(chunk)
        except OSError as error:
            raise NotARegularFile(
                f"Cannot read {name}: {error.strerror or error}.", error.errno
            ) from None
    if size > limit:
        raise NotARegularFile(too_large)
    return b"".join(chunks)
