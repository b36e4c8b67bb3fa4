"""The engine factory: private SQLite files, the connection pragmas, transactional DDL."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from hirepartner.config import DatabaseLocation
from hirepartner.errors import DatabaseOpenError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def prepare_sqlite_file(path: Path) -> bool:
    """Make sure `path` can hold a HirePartner database; create it private if new.

    Returns True when the file was created now. Raises DatabaseOpenError with a sentence a
    user can act on when the place is not writable or the file is not an SQLite database.
    """
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file.")
    if path.exists():
        check_sqlite_header(path)
        return False
    try:
        path.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        # O_EXCL + mode: the file is private from its first byte; SQLite gives the -wal and
        # -shm companions the same permissions as the database file.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    except OSError as error:
        reason = error.strerror or str(error)
        raise DatabaseOpenError(f"Cannot create the database {path}: {reason}.") from error
    os.close(fd)
    return True


def check_sqlite_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseOpenError(f"Cannot read {path}: {error.strerror or error}.") from error
    if header and header != SQLITE_HEADER:
        raise DatabaseOpenError(f"{path} is not a HirePartner database (not an SQLite file).")


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy's "begin" event below, so that DDL runs inside
    # the same transaction as everything else and a failed migration rolls back whole.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is safe from corruption in WAL mode and survives an application crash; a power
    # cut may lose the last commits, which the autosave and the outbox (resent, idempotent)
    # tolerate, while FULL would fsync on every draft keystroke save.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def build_engine(location: DatabaseLocation, **engine_options: Any) -> Engine:
    """An engine for `location`; SQLite files are created private and get the pragmas."""
    if location.path is None:
        return create_engine(location.url, pool_pre_ping=True, **engine_options)
    prepare_sqlite_file(location.path)
    engine = create_engine(
        location.url, connect_args={"check_same_thread": False}, **engine_options
    )
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DBAPIError as error:
        engine.dispose()
        raise DatabaseOpenError(describe_sqlite_error(location.path, error)) from error
    return engine


def describe_sqlite_error(path: Path, error: DBAPIError) -> str:
    """One sentence for an SQLite error met while opening `path`."""
    detail = str(error.orig) if error.orig is not None else str(error)
    if "not a database" in detail or "malformed" in detail:
        return f"{path} is not a HirePartner database or is damaged ({detail})."
    if "readonly" in detail or "unable to open" in detail or "read-only" in detail:
        return f"Cannot write to the database {path}: the location is read-only ({detail})."
    return f"Cannot open the database {path}: {detail}."
