"""Writing files a reader never sees half-written: beside the target under a temporary name,
private (0600, as they hold personal data), flushed to disk, then renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hirepartner.errors import HirePartnerError


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


def write_atomically(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every (path, content) or none: all are staged first, then renamed in order."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files:
            if not path.parent.is_dir():
                raise HirePartnerError(
                    f"Cannot write {path}: the folder {path.parent} does not exist."
                )
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
