"""Writing files a reader never sees half-written: beside the target under a temporary name,
private (0600, as they hold personal data), flushed to disk, then renamed into place; every
path passes the output guard first."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hirepartner.errors import HirePartnerError
from hirepartner.output_guard import OutputGuard


def _partial(path: Path, content: bytes) -> Path:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    partial = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return partial


def write_atomically(files: Sequence[tuple[Path, bytes]], guard: OutputGuard | None = None) -> None:
    """Write every (path, content) or none: all are checked by `guard` (one that knows the
    open database, or the plain checks) and staged first, then renamed in order."""
    checked = (guard or OutputGuard()).check(*(path for path, _content in files))
    staged: list[tuple[Path, Path]] = []
    try:
        for path, (_given, content) in zip(checked, files, strict=True):
            try:
                staged.append((_partial(path, content), path))
            except OSError as error:
                raise HirePartnerError(
                    f"Cannot write {path}: {error.strerror or error}."
                ) from error
        for partial, path in staged:
            os.replace(partial, path)
    finally:
        for partial, _path in staged:
            with contextlib.suppress(OSError):
                partial.unlink()
