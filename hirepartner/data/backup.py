"""Online backups and restores of SQLite databases through the sqlite3 backup API."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from hirepartner.data.engine import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE
from hirepartner.data.sqlcipher_driver import connect
from hirepartner.database_key import DatabaseKey
from hirepartner.errors import HirePartnerError

LEFTOVER_AGE_S = 3600.0
# The temporary file of a backup under a timestamped_name (before a migration or a restore).
_TIMESTAMPED = r"\.[^/]+-\d{8}-\d{6}-\d{6}\.sqlite3\.[a-z0-9_]{8}"


def _create_partial(destination: Path) -> Path:
    """A new private, hidden temporary file beside `destination` (".NAME.xxxxxxxx.partial"):
    a killed backup never leaves anything under, or looking like, the backup's own name."""
    fd, name = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
    )
    os.close(fd)
    os.chmod(name, PRIVATE_FILE_MODE)
    return Path(name)


def remove_leftovers(destination: Path) -> int:
    """Remove what killed backups left beside `destination`, once an hour old: temporary
    files for this name or a timestamped one (with their SQLite journals), and "NAME.partial"
    from older versions."""
    pattern = re.compile(
        rf"(?:\.{re.escape(destination.name)}\.[a-z0-9_]{{8}}|{re.escape(destination.name)}"
        rf"|{_TIMESTAMPED})\.partial(?:-journal)?"
    )
    oldest = time.time() - LEFTOVER_AGE_S
    removed = 0
    with contextlib.suppress(OSError), os.scandir(destination.parent) as entries:
        for entry in entries:
            if not pattern.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < oldest:
                    os.unlink(entry.path)
                    removed += 1
    return removed


def backup_engine_to(engine: Engine, destination: Path, key: DatabaseKey | None = None) -> Path:
    """Copy the live database behind `engine` to `destination`, atomically and privately.

    The copy is made page by page under SQLite's own locking, never by reading the file,
    so it is consistent even while the app writes; a reader never sees a half-written copy.
    The database of an encrypted engine (`key`) is copied encrypted with the same key.
    """
    destination = destination.absolute()
    try:
        destination.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        remove_leftovers(destination)
        partial = _create_partial(destination)
    except OSError as error:
        raise HirePartnerError(
            f"Cannot write the backup {destination}: {error.strerror or error}."
        ) from error
    try:
        raw = engine.raw_connection()
        try:
            source = raw.driver_connection
            assert source is not None
            target = sqlite3.connect(partial) if key is None else connect(partial, key)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            raw.close()
        os.replace(partial, destination)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    return destination


def copy_database_into(source_path: Path, engine: Engine, key: DatabaseKey | None = None) -> None:
    """Replace the contents of the live database behind `engine` with `source_path`'s (a
    backup encrypted with the engine's `key`, or plain when there is none)."""
    source: Any = (
        sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
        if key is None
        else connect(source_path, key, flags="mode=ro")
    )
    try:
        raw = engine.raw_connection()
        try:
            target = raw.driver_connection
            assert target is not None
            source.backup(target)
        finally:
            raw.close()
    finally:
        source.close()


def timestamped_name(stem: str, label: str, now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S-%f")
    return f"{stem}-{label}-{moment}.sqlite3"
