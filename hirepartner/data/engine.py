"""The engine factory: private SQLite files, the connection pragmas, how transactions begin."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from hirepartner.config import DatabaseLocation
from hirepartner.data.sqlcipher_driver import driver
from hirepartner.database_key import (
    ENCRYPTED_NEEDS_KEY,
    DatabaseKey,
    looks_like_sqlcipher,
    refuse_key,
)
from hirepartner.errors import DatabaseOpenError

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a writer waits for another process's write lock before giving up with "busy".
BUSY_TIMEOUT_MS = 30_000
# Execution option read by the "begin" event: "write" takes SQLite's write lock up front
# (BEGIN IMMEDIATE), "read" begins a snapshot that refuses writes; absent, a plain BEGIN.
TRANSACTION_OPTION = "hirepartner_transaction"
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def prepare_sqlite_file(path: Path, *, encrypted: bool = False) -> bool:
    """Make sure `path` can hold a HirePartner database; create it private if new.

    `encrypted`: the file is an SQLCipher one (no plain header to check).

    Returns True when the file was created now. Raises DatabaseOpenError with a sentence a
    user can act on when the place is not writable or the file is not an SQLite database.
    """
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file.")
    if path.exists():
        if not encrypted:
            check_sqlite_header(path)
        require_writable(path)
        if path.stat().st_size == 0:
            _make_private(path)
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


def require_writable(path: Path) -> None:
    """Refuse, in one sentence, a database file or folder this process cannot write to.

    SQLite would open such a file read-only without a word and fail only at the first write;
    `os.access` asks the kernel the same question SQLite's write would, immutable files
    (`chattr +i`) and read-only mounts included, and answers for root as root.
    """
    if not os.access(path, os.W_OK):
        raise DatabaseOpenError(
            f"Cannot write to the database {path}: the file is read-only for you "
            "(check its permissions and owner, or copy it somewhere you can write)."
        )
    folder = path.parent
    companions_exist = all(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))
    if not companions_exist and not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseOpenError(
            f"Cannot write to the database {path}: its folder {folder} is read-only for you, "
            "and HirePartner keeps its journal files beside the database."
        )


def _make_private(path: Path) -> None:
    """An existing empty file is about to hold personal data: make it 0600 first."""
    try:
        os.chmod(path, PRIVATE_FILE_MODE)
    except OSError as error:
        raise DatabaseOpenError(
            f"{path} is an empty file that HirePartner cannot make private "
            f"({error.strerror or error}); choose a new file name instead."
        ) from error


def check_sqlite_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseOpenError(f"Cannot read {path}: {error.strerror or error}.") from error
    if header and header != SQLITE_HEADER:
        if looks_like_sqlcipher(path):
            raise DatabaseOpenError(ENCRYPTED_NEEDS_KEY)
        raise DatabaseOpenError(f"{path} is not a HirePartner database (not an SQLite file).")


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy's "begin" event below, so that DDL runs inside
    # the same transaction as everything else and a failed migration rolls back whole.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # No journal_mode here: WAL is switched on once, by enable_wal, only after the file was
    # identified as ours; a foreign file is refused byte-identical.
    # NORMAL is safe from corruption in WAL mode and survives an application crash; a power
    # cut may lose the last commits, which the autosave and the outbox (resent, idempotent)
    # tolerate, while FULL would fsync on every draft keystroke save.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(TRANSACTION_OPTION)
    raw = connection.connection.driver_connection
    # query_only makes a read unit of work that tries to write fail loudly, in tests first.
    raw.execute(f"PRAGMA query_only={'ON' if mode == 'read' else 'OFF'}")
    # A writer that began as a reader cannot wait for the lock when it upgrades (SQLite
    # answers SQLITE_BUSY at once if another write landed since its snapshot), so writers
    # take the lock up front, where the busy timeout makes them wait their turn.
    connection.exec_driver_sql("BEGIN IMMEDIATE" if mode == "write" else "BEGIN")


def enable_wal(engine: Engine) -> None:
    """Switch an identified HirePartner file to WAL (persistent; a no-op once done)."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA journal_mode=WAL")  # type: ignore[union-attr]
    finally:
        raw.close()


def build_engine(
    location: DatabaseLocation, key: DatabaseKey | None = None, **engine_options: Any
) -> Engine:
    """An engine for `location`; SQLite files are created private and get the pragmas.

    With a `key`, the file is an SQLCipher one: every connection is made by the SQLCipher
    driver and keyed before SQLAlchemy or the pragmas below send it anything."""
    if location.path is None:
        return create_engine(location.url, pool_pre_ping=True, **engine_options)
    prepare_sqlite_file(location.path, encrypted=key is not None)
    if key is not None:
        engine_options = {"module": driver(), **engine_options}
    engine = create_engine(
        location.url, connect_args={"check_same_thread": False}, **engine_options
    )
    if key is not None:
        event.listen(engine, "do_connect", _keyed_connect(key))
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DBAPIError as error:
        engine.dispose()
        if key is not None and "not a database" in str(error.orig):
            refuse_key()
        raise DatabaseOpenError(describe_sqlite_error(location.path, error)) from error
    return engine


def _keyed_connect(key: DatabaseKey) -> Any:
    def connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        connection = driver().connect(*cargs, **cparams)
        connection.execute(key.pragma())
        return connection

    return connect


def read_sqlite_identity(path: Path, *, locked: bool) -> tuple[frozenset[str], str | None]:
    """The tables and schema revision in the SQLite file `path`, read without writing to it.

    Unlocked, the file is read as immutable (no lock, no journal files created), which is
    exact unless another process is writing it; locked, it is read through SQLite's locks
    (read-only), which may create the journal companions of a WAL file but never writes to
    the file itself. Raises sqlite3.DatabaseError for a damaged file.
    """
    flags = "mode=ro" if locked else "mode=ro&immutable=1"
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?{flags}", uri=True)
    try:
        return identity_of(connection)
    finally:
        connection.close()


def identity_of(connection: Any) -> tuple[frozenset[str], str | None]:
    """The tables and schema revision a DB-API connection to a SQLite file sees."""
    tables = frozenset(
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    )
    version = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        version = None if row is None else str(row[0])
    return tables, version


def describe_sqlite_error(path: Path, error: DBAPIError | Exception) -> str:
    """One sentence for an SQLite error met while opening `path`."""
    orig = error.orig if isinstance(error, DBAPIError) else error
    detail = str(orig) if orig is not None else str(error)
    if "not a database" in detail or "malformed" in detail:
        return f"{path} is not a HirePartner database or is damaged ({detail})."
    if "readonly" in detail or "unable to open" in detail or "read-only" in detail:
        return f"Cannot write to the database {path}: the location is read-only ({detail})."
    return f"Cannot open the database {path}: {detail}."
