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
from hirepartner.data.unit_of_work import UnitOfWork
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
        **engine_options: Any,
    ) -> None:
        self.location = location
        if location.path is not None:
            identify_sqlite_file(location.path, migrations_dir)
        self.engine: Engine = build_engine(location, **engine_options)
        try:
            if location.path is not None:
                enable_wal(self.engine)
            self.upgrade_backup = upgrade_on_open(
                self.engine, location, migrations_dir=migrations_dir
            )
        except DBAPIError as error:
            self.engine.dispose()
            raise DatabaseOpenError(self._describe(error)) from error
        except BaseException:
            self.engine.dispose()
            raise
        self.session_factory = sessionmaker(
            self.engine.execution_options(**{TRANSACTION_OPTION: "write"}),
            expire_on_commit=False,
        )
        self.read_session_factory = sessionmaker(
            self.engine.execution_options(**{TRANSACTION_OPTION: "read"}),
            expire_on_commit=False,
        )

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
        return backup_engine_to(self.engine, destination)

    def restore_from(self, source: Path) -> Path:
        """Replace this database with the backup `source`; returns where the old one was kept."""
        self._require_sqlite("restore")
        assert self.location.path is not None
        validate_backup(source)
        safety = backup_engine_to(
            self.engine,
            self.location.path.parent
            / "backups"
            / timestamped_name(self.location.path.stem, "before-restore"),
        )
        self.engine.dispose()
        copy_database_into(source, self.engine)
        self.engine.dispose()
        upgrade_on_open(self.engine, self.location)
        return safety

    def _require_sqlite(self, what: str) -> None:
        if not self.is_sqlite:
            raise HirePartnerError(
                f"{what.capitalize()} works on SQLite files; for {self.location.display} "
                "use the database server's own tools (pg_dump)."
            )


def validate_backup(source: Path) -> None:
    """Refuse a restore source that is missing, damaged, foreign or from a newer version."""
    if not source.is_file():
        raise HirePartnerError(f"No backup file at {source}.")
    check_sqlite_header(source)
    try:
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
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
    except sqlite3.DatabaseError as error:
        raise HirePartnerError(f"{source} is not a HirePartner backup ({error}).") from error
    if integrity is None or integrity[0] != "ok":
        raise HirePartnerError(f"{source} is damaged (integrity check: {integrity}).")
    if version is None:
        raise HirePartnerError(f"{source} is not a HirePartner backup (no schema version).")
    problem = refusal(str(source), str(version[0]), tables)
    if problem is not None:
        raise problem
