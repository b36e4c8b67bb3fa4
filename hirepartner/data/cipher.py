"""SQLCipher files: keyed connections, checking a key without writing, converting a plain
database in place (and back to a plain copy), and overwriting plain files before removal.

The driver is the `sqlcipher3` wheel (SQLCipher 4 with SQLite and OpenSSL linked in): see the
comment beside it in pyproject.toml."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from hirepartner.data.engine import PRIVATE_FILE_MODE, SQLITE_HEADER, identity_of
from hirepartner.data.sqlcipher_driver import connect, driver
from hirepartner.database_key import DatabaseKey, refuse_key
from hirepartner.errors import DatabaseOpenError, HirePartnerError

JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")


def verify_key(path: Path, key: DatabaseKey) -> None:
    """Raise WrongKeyError unless `key` opens `path`; nothing is written, nothing created.

    With no -wal beside it the file is read as immutable (no lock, no journal files); else
    read-only under SQLite's locks, since another HirePartner may be writing it."""
    immutable = not Path(f"{path}-wal").exists()
    connection = connect(path, key, flags="mode=ro&immutable=1" if immutable else "mode=ro")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver().DatabaseError as error:
        if "not a database" in str(error):
            refuse_key()
        raise DatabaseOpenError(f"Cannot open the database {path}: {error}.") from None
    finally:
        connection.close()


def read_identity(
    path: Path, key: DatabaseKey, *, locked: bool
) -> tuple[frozenset[str], str | None]:
    """The tables and schema revision of an encrypted file (see engine.read_sqlite_identity)."""
    connection = connect(path, key, flags="mode=ro" if locked else "mode=ro&immutable=1")
    try:
        return identity_of(connection)
    except driver().DatabaseError as error:
        if "not a database" in str(error):
            refuse_key()
        raise
    finally:
        connection.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        _fsync(folder)


def overwrite_and_close(fd: int) -> None:
    """Overwrite the open file `fd` with zeros, sync it, and close it.

    Best effort: on an SSD or a copy-on-write file system the old blocks may survive
    elsewhere; full-disk encryption is the answer there, as the README says."""
    try:
        size = os.fstat(fd).st_size
        os.lseek(fd, 0, os.SEEK_SET)
        block = b"\0" * (1 << 20)
        left = size
        while left > 0:
            left -= os.write(fd, block[: min(left, len(block))])
        os.fsync(fd)
    finally:
        os.close(fd)


def shred(path: Path) -> None:
    """Overwrite `path` (if it is a regular file), then remove it."""
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return
    overwrite_and_close(fd)
    path.unlink(missing_ok=True)


def _row_counts(connection: Any, schema: str = "main") -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type='table' "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: connection.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0]
        for table in tables
    }


def _export(source: Any, target: Path, target_key: DatabaseKey | None) -> None:
    """Copy every table, index, trigger and the user_version of `source` into a new file."""
    clause = target_key.attach_clause() if target_key is not None else "KEY ''"
    target_uri = target.absolute().as_uri()
    source.execute(f"ATTACH DATABASE '{target_uri}' AS converted {clause}")
    try:
        source.execute("SELECT sqlcipher_export('converted')")
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA converted.user_version = {int(version)}")
    finally:
        source.execute("DETACH DATABASE converted")


def _verify_copy(source: Any, copy: Path, key: DatabaseKey | None) -> None:
    connection = connect(copy, key)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        same = _row_counts(connection) == _row_counts(source)
    finally:
        connection.close()
    if integrity != "ok" or not same:
        raise HirePartnerError(
            f"The converted copy {copy} did not match the database; nothing was replaced."
        )


def _take_sole_use(connection: Any, path: Path) -> None:
    """Fold the WAL into the file and switch to a rollback journal: SQLite allows it only to
    the one connection on the file, so another HirePartner on it makes this refuse."""
    try:
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except driver().OperationalError as error:
        mode = str(error)
    if str(mode).lower() != "delete":
        raise HirePartnerError(
            f"{path} is open in another HirePartner (or another program); close it and try "
            "again. Nothing was changed."
        )


def _partial_name(path: Path, what: str) -> Path:
    return path.with_name(f".{path.name}.{what}")


def encrypt_in_place(path: Path, key: DatabaseKey) -> None:
    """Replace the plain database at `path` by an encrypted one, safely.

    The encrypted copy is written beside it under a hidden name, synced and checked (integrity
    and every table's row count), then renamed over the plain file: at every moment `path`
    holds either the whole plain database or the whole encrypted one. The plain file is then
    overwritten through a descriptor kept open across the rename, and its journals removed."""
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise HirePartnerError(f"{path} is already encrypted (or not an SQLite database).")
    partial = _partial_name(path, "encrypting")
    for leftover in (partial, *(Path(f"{partial}{s}") for s in JOURNAL_SUFFIXES)):
        leftover.unlink(missing_ok=True)  # an earlier run killed midway: encrypted anyway
    source = connect(path, None, timeout=2.0)
    try:
        _take_sole_use(source, path)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        os.close(fd)
        _export(source, partial, key)
        _fsync(partial)
        _verify_copy(source, partial, key)
        if Path(f"{path}-journal").exists():
            # A plain rollback journal beside the encrypted file would be "rolled back" into it.
            raise HirePartnerError(f"{path} is being written by another program; try again.")
        plain_fd = os.open(path, os.O_RDWR)
    except BaseException:
        source.close()
        partial.unlink(missing_ok=True)
        raise
    source.close()
    try:
        os.replace(partial, path)
    except BaseException:
        os.close(plain_fd)
        partial.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
    overwrite_and_close(plain_fd)
    for suffix in JOURNAL_SUFFIXES:
        shred(Path(f"{path}{suffix}"))


def export_copy(
    path: Path, key: DatabaseKey | None, destination: Path, destination_key: DatabaseKey | None
) -> None:
    """Write the database at `path` (opened with `key`) to the new file `destination`, encrypted
    with `destination_key` or plain; the caller chose `destination` (the output guard)."""
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(fd)
    source = connect(path, key, flags="mode=ro")
    try:
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _export(source, partial, destination_key)
        _fsync(partial)
        _verify_copy(source, partial, destination_key)
        os.replace(partial, destination)
    except driver().DatabaseError as error:
        partial.unlink(missing_ok=True)
        if "not a database" in str(error):
            refuse_key()
        raise HirePartnerError(f"Cannot copy {path}: {error}.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    _fsync_folder(destination.parent)


def encrypt_backups(database: Path, key: DatabaseKey) -> int:
    """Encrypt, in place, the plain backups HirePartner wrote in the backups folder beside
    `database` (before migrations and restores, and the usual place for exports)."""
    folder = database.parent / "backups"
    done = 0
    with contextlib.suppress(FileNotFoundError):
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.is_file() or path.is_symlink():
                continue
            with path.open("rb") as handle:
                if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                    continue
            encrypt_in_place(path, key)
            done += 1
    return done
