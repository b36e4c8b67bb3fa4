"""An open HirePartner database: engine, schema on the newest version, units of work, upkeep."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from hirepartner.config import DatabaseLocation
from hirepartner.data.backup import backup_engine_to, copy_database_into, timestamped_name
from hirepartner.data.cipher import encrypt_backups, encrypt_in_place, export_copy, verify_key
from hirepartner.data.engine import (
    TRANSACTION_OPTION,
    build_engine,
    check_sqlite_header,
    describe_sqlite_error,
    enable_wal,
)
from hirepartner.data.schema import (
    VERSION_TABLE,
    identify_sqlite_file,
    refusal,
    schema_state,
    upgrade_on_open,
)
from hirepartner.data.sqlcipher_driver import connect, is_driver_error
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.database_key import DatabaseKey, WrongKeyError, is_encrypted_file
from hirepartner.errors import DatabaseOpenError, HirePartnerError


@dataclass(frozen=True)
class CheckReport:
    """What `hirepartner check` found; `ok` only when every part passed."""

    integrity: tuple[str, ...]
    foreign_keys: tuple[str, ...]
    schema_current: str | None
    schema_head: str

    @property
    def ok(self) -> bool:
        return (
            self.integrity == ("ok",)
            and not self.foreign_keys
            and self.schema_current == self.schema_head
        )


class Database:
    """Opening identifies the file, runs pending migrations (after a backup), refuses others.

    Units of work come in two kinds. A writing one (the default) begins with BEGIN IMMEDIATE:
    it holds SQLite's one write lock from its first statement, so a second writer waits for
    it (up to the busy timeout) instead of failing halfway. A reading one (`write=False`)
    begins a plain snapshot that takes no lock and cannot write. Writing is the default
    because a forgotten flag then costs only concurrency, never a failed write.
    """

    def __init__(
        self,
        location: DatabaseLocation,
        *,
        migrations_dir: Path | None = None,
        key: DatabaseKey | None = None,
        **engine_options: Any,
    ) -> None:
        """`key` opens an encrypted (SQLCipher) file; it applies to SQLite files only."""
        self.location = location
        self.key = key if location.path is not None else None
        if location.path is not None:
            identify_sqlite_file(location.path, migrations_dir, self.key)
        self.engine: Engine = build_engine(location, self.key, **engine_options)
        try:
            if location.path is not None:
                enable_wal(self.engine)
            self.upgrade_backup = upgrade_on_open(
                self.engine, location, migrations_dir=migrations_dir, key=self.key
            )
        except DBAPIError as error:
            self.engine.dispose()
            raise DatabaseOpenError(self._describe(error)) from error
        except BaseException:
            self.engine.dispose()
            raise
        self._make_session_factories()

    def _make_session_factories(self) -> None:
        self.session_factory = sessionmaker(
            self.engine.execution_options(**{TRANSACTION_OPTION: "write"}),
            expire_on_commit=False,
        )
        self.read_session_factory = sessionmaker(
            self.engine.execution_options(**{TRANSACTION_OPTION: "read"}),
            expire_on_commit=False,
        )

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def encrypt(self, key: DatabaseKey) -> int:
        """Encrypt this database file in place with `key`, then the plain backups HirePartner
        keeps in the backups folder beside it; returns how many backups were encrypted.

        The engine is closed while the file is converted and reopened keyed afterwards."""
        self._require_sqlite("encryption")
        assert self.location.path is not None
        if self.key is not None:
            raise HirePartnerError(f"{self.location.display} is already encrypted.")
        self.engine.dispose()
        try:
            encrypt_in_place(self.location.path, key)
        finally:
            encrypted = is_encrypted_file(self.location.path)
            self.key = key if encrypted else None
            self.engine = build_engine(self.location, self.key)
            enable_wal(self.engine)
            self._make_session_factories()
        return encrypt_backups(self.location.path, key)

    def decrypt_copy(self, destination: Path) -> Path:
        """A plain copy of this encrypted database at `destination` (chosen on purpose)."""
        self._require_sqlite("decryption")
        assert self.location.path is not None
        if self.key is None:
            raise HirePartnerError(f"{self.location.display} is not encrypted.")
        export_copy(self.location.path, self.key, destination, None)
        return destination

    def _describe(self, error: DBAPIError) -> str:
        if self.location.path is not None:
            return describe_sqlite_error(self.location.path, error)
        return f"Cannot open the database {self.location.display}: {error.orig}."

    def unit_of_work(self, *, write: bool = True) -> UnitOfWork:
        """A writing unit of work, or with `write=False` a read-only snapshot."""
        if write:
            return UnitOfWork(self.session_factory, self.location.display, write=True)
        return UnitOfWork(self.read_session_factory, self.location.display, write=False)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def is_sqlite(self) -> bool:
        return self.location.path is not None

    def check(self) -> CheckReport:
        with self.engine.connect() as connection:
            state = schema_state(connection)
            if self.is_sqlite:
                integrity = tuple(
                    row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")
                )
                foreign = tuple(
                    f"{row[0]} row {row[1]} refers to a missing {row[2]}"
                    for row in connection.exec_driver_sql("PRAGMA foreign_key_check")
                )
            else:
                connection.execute(text("SELECT 1"))
                integrity, foreign = ("ok",), ()
        return CheckReport(integrity, foreign, state.current, state.head)

    def backup_to(self, destination: Path) -> Path:
        self._require_sqlite("backup")
        return backup_engine_to(self.engine, destination, self.key)

    def restore_from(self, source: Path) -> Path:
        """Replace this database with the backup `source`; returns where the old one was kept."""
        self._require_sqlite("restore")
        assert self.location.path is not None
        validate_backup(source, self.key)
        safety = backup_engine_to(
            self.engine,
            self.location.path.parent
            / "backups"
            / timestamped_name(self.location.path.stem, "before-restore"),
            self.key,
        )
        self.engine.dispose()
        copy_database_into(source, self.engine, self.key)
        self.engine.dispose()
        upgrade_on_open(self.engine, self.location, key=self.key)
        return safety

    def _require_sqlite(self, what: str) -> None:
        if not self.is_sqlite:
            raise HirePartnerError(
                f"{what.capitalize()} works on SQLite files; for {self.location.display} "
                "use the database server's own tools (pg_dump)."
            )


def validate_backup(source: Path, key: DatabaseKey | None = None) -> None:
    """Refuse a restore source that is missing, damaged, foreign or from a newer version.

    An encrypted database takes backups encrypted with its own key, and a plain one plain
    backups; a backup of the other kind is refused with what to do instead."""
    if not source.is_file():
        raise HirePartnerError(f"No backup file at {source}.")
    if key is None and is_encrypted_file(source):
        raise HirePartnerError(
            f"{source} is not a HirePartner database, or an encrypted backup while this database "
            "is not (encrypt this database first with hirepartner encrypt, then restore it)."
        )
    if key is not None and not is_encrypted_file(source):
        raise HirePartnerError(
            f"{source} is a plain backup and this database is encrypted: restore it into a "
            "plain copy (hirepartner decrypt -o FILE, then --db FILE restore), then encrypt that."
        )
    if key is not None:
        try:
            verify_key(source, key)
        except WrongKeyError:
            raise HirePartnerError(
                f"{source} is not a backup of this database (its key does not open it)."
            ) from None
    if key is None:
        check_sqlite_header(source)
    try:
        connection: Any = (
            sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            if key is None
            else connect(source, key, flags="mode=ro")
        )
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            version = (
                connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                if VERSION_TABLE in tables
                else None
            )
        finally:
            connection.close()
    except Exception as error:
        if not is_driver_error(error):
            raise
        raise HirePartnerError(f"{source} is not a HirePartner backup ({error}).") from error
    if integrity is None or integrity[0] != "ok":
        raise HirePartnerError(f"{source} is damaged (integrity check: {integrity}).")
    if version is None:
        raise HirePartnerError(f"{source} is not a HirePartner backup (no schema version).")
    problem = refusal(str(source), str(version[0]), tables)
    if problem is not None:
        raise problem
