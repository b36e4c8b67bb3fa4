"""Online backups and restores of SQLite databases through the sqlite3 backup API."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from hirepartner.data.engine import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE
from hirepartner.errors import HirePartnerError


def _create_private(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    os.close(fd)
    os.chmod(path, PRIVATE_FILE_MODE)


def backup_engine_to(engine: Engine, destination: Path) -> Path:
    """Copy the live database behind `engine` to `destination`, atomically and privately.

    The copy is made page by page under SQLite's own locking, never by reading the file,
    so it is consistent even while the app writes; a reader never sees a half-written copy.
    """
    destination = destination.absolute()
    try:
        destination.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        _create_private(partial)
    except OSError as error:
        raise HirePartnerError(
            f"Cannot write the backup {destination}: {error.strerror or error}."
        ) from error
    try:
        raw = engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            raw.close()
        os.replace(partial, destination)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return destination


def copy_database_into(source_path: Path, engine: Engine) -> None:
    """Replace the contents of the live database behind `engine` with `source_path`'s."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        raw = engine.raw_connection()
        try:
            target = raw.driver_connection
            assert isinstance(target, sqlite3.Connection)
            source.backup(target)
        finally:
            raw.close()
    finally:
        source.close()


def timestamped_name(stem: str, label: str, now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S-%f")
    return f"{stem}-{label}-{moment}.sqlite3"
