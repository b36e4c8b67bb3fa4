"""Schema versions: upgrade on open after a backup, refuse newer databases, report state."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from hirepartner.config import DatabaseLocation
from hirepartner.data.backup import backup_engine_to, timestamped_name
from hirepartner.data.cipher import read_identity, verify_key
from hirepartner.data.engine import (
    TRANSACTION_OPTION,
    check_sqlite_header,
    describe_sqlite_error,
    read_sqlite_identity,
)
from hirepartner.database_key import DatabaseKey
from hirepartner.errors import (
    DatabaseOpenError,
    ForeignSchemaError,
    MigrationError,
    SchemaTooNewError,
)

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "alembic_version"
# The newest migration shipped. Opening a database already at this version needs no Alembic
# import (a third of start-up time); tests/data/test_migrations.py checks it is the real head.
SCHEMA_HEAD = "0011"


def default_migrations_dir() -> Path:
    return Path(str(resources.files("hirepartner.data") / "migrations"))


def alembic_config(migrations_dir: Path | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir or default_migrations_dir()))
    return config


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    known: bool

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def known_revisions(migrations_dir: Path | None = None) -> tuple[set[str], str]:
    """Every schema version this HirePartner knows, and the newest of them."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(migrations_dir))
    head = script.get_current_head()
    assert head is not None, "the package ships no migrations"
    return {rev.revision for rev in script.walk_revisions()}, head


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def schema_state(connection: Connection, migrations_dir: Path | None = None) -> SchemaState:
    current = current_revision(connection)
    if migrations_dir is None and current == SCHEMA_HEAD:
        return SchemaState(current=current, head=SCHEMA_HEAD, known=True)
    known, head = known_revisions(migrations_dir)
    return SchemaState(current=current, head=head, known=current is None or current in known)


# HirePartner numbers its revisions 0001, 0002, ...; a later number is a newer release's.
_OUR_REVISION = re.compile(r"\d{4}")


def refusal(
    display: str,
    current: str | None,
    tables: frozenset[str] | set[str],
    migrations_dir: Path | None = None,
) -> DatabaseOpenError | None:
    """Why a database with these tables and this revision is not one to open, or None."""
    if current is None:
        others = sorted(set(tables) - {VERSION_TABLE})
        if others:
            return DatabaseOpenError(
                f"{display} is a database, but not a HirePartner one "
                f"(it has tables such as {others[0]!r} and no HirePartner schema version)."
            )
        return None
    if migrations_dir is None and current == SCHEMA_HEAD:
        return None
    known, head = known_revisions(migrations_dir)
    if current in known:
        return None
    if _OUR_REVISION.fullmatch(current) and _OUR_REVISION.fullmatch(head) and current > head:
        return SchemaTooNewError(display, current, head)
    return ForeignSchemaError(display, current)


def identify_sqlite_file(
    path: Path, migrations_dir: Path | None = None, key: DatabaseKey | None = None
) -> None:
    """Refuse a file that is not a HirePartner database before anything writes to it.

    An encrypted file (`key`) is read the same way through SQLCipher; a key that does not
    open it raises WrongKeyError, and nothing was written or created.

    With no -wal beside it, nobody has the file open: it is read as immutable (no lock, no
    journal files created) and judged on that, unless it changed while being read. Else it
    is read under SQLite's locks, read-only, as another HirePartner may be writing it.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return
    if key is not None:
        verify_key(path, key)
        locked = Path(f"{path}-wal").exists()
        tables, current = read_identity(path, key, locked=locked)
        _refuse(str(path), current, tables, migrations_dir)
        return
    check_sqlite_header(path)
    wal = Path(f"{path}-wal")
    if not wal.exists():
        stamp = _stamp(path)
        try:
            tables, current = read_sqlite_identity(path, locked=False)
            failure: sqlite3.Error | None = None
        except sqlite3.Error as error:
            failure = error
        if not wal.exists() and _stamp(path) == stamp:
            if failure is not None:
                raise DatabaseOpenError(describe_sqlite_error(path, failure)) from failure
            _refuse(str(path), current, tables, migrations_dir)
            return
    try:
        tables, current = read_sqlite_identity(path, locked=True)
    except sqlite3.Error as error:
        raise DatabaseOpenError(describe_sqlite_error(path, error)) from error
    _refuse(str(path), current, tables, migrations_dir)


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


def _refuse(
    display: str, current: str | None, tables: frozenset[str], migrations_dir: Path | None
) -> None:
    problem = refusal(display, current, tables, migrations_dir)
    if problem is not None:
        raise problem


def run_migration(
    engine: Engine, direction: str, target: str, migrations_dir: Path | None = None
) -> None:
    """Run Alembic `upgrade` or `downgrade` to `target` in one transaction.

    On SQLite, foreign-key enforcement is off while it runs: rebuilding a table (the only way
    SQLite alters some things) drops the old table, which with enforcement on would cascade
    deletes into its children. Every reference is checked before the commit instead.
    """
    from alembic import command

    config = alembic_config(migrations_dir)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        connection = connection.execution_options(**{TRANSACTION_OPTION: "write"})
        raw = connection.connection.driver_connection
        if sqlite:
            # Outside any transaction, where SQLite honours this pragma.
            raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                getattr(command, direction)(config, target)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        table, row, parent = broken[0][0], broken[0][1], broken[0][2]
                        raise DatabaseOpenError(
                            f"the migration left {len(broken)} broken references "
                            f"(first: {table} row {row} to {parent})"
                        )
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def upgrade_on_open(
    engine: Engine,
    location: DatabaseLocation,
    backup_dir: Path | None = None,
    migrations_dir: Path | None = None,
    key: DatabaseKey | None = None,
) -> Path | None:
    """Bring the schema to the newest version; returns the backup taken first, if any.

    The upgrade runs in one transaction: if any step fails the database is left exactly as
    it was, and the backup is kept.
    """
    with engine.connect() as connection:
        state = schema_state(connection, migrations_dir)
        if state.up_to_date:
            return None
        tables = set(inspect(connection).get_table_names())
    problem = refusal(location.display, state.current, tables, migrations_dir)
    if problem is not None:
        raise problem
    backup: Path | None = None
    if state.current is not None and location.path is not None:
        folder = backup_dir or location.path.parent / "backups"
        name = timestamped_name(location.path.stem, f"before-{state.head}")
        backup = backup_engine_to(engine, folder / name, key)
    try:
        run_migration(engine, "upgrade", "head", migrations_dir)
    except Exception as error:
        kept = f" A backup was kept at {backup}." if backup else ""
        raise MigrationError(
            f"Upgrading {location.display} from schema {state.current or 'empty'} to "
            f"{state.head} failed ({error}); the database was left unchanged.{kept}"
        ) from error
    return backup
