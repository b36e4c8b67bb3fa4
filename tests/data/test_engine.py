"""Opening a database file: privacy, pragmas, and clear refusals of files that are not ours."""

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from hirepartner.config import DB_ENV_VAR, DEFAULT_DB_NAME, resolve_location, sqlite_location
from hirepartner.data.database import Database
from hirepartner.errors import DatabaseOpenError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_and_its_wal_companions_are_private(tmp_path):
    path = tmp_path / "new" / "hp.sqlite3"
    database = Database(sqlite_location(path))
    try:
        with database.engine.begin() as connection:  # keep a connection open: WAL files exist
            connection.execute(
                text("INSERT INTO person (name, role, is_self) VALUES ('A', 'recruiter', 0)")
            )
            companions = [Path(f"{path}-wal"), Path(f"{path}-shm")]
            assert all(p.exists() for p in companions)
            assert [_mode(p) for p in [path, *companions]] == [0o600, 0o600, 0o600]
        assert _mode(path.parent) == 0o700
    finally:
        database.close()


def test_every_connection_gets_the_pragmas(tmp_path):
    database = Database(sqlite_location(tmp_path / "hp.sqlite3"))
    try:
        with database.engine.connect() as connection:
            values = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
            }
    finally:
        database.close()
    assert values == {
        "foreign_keys": 1,
        "journal_mode": "wal",
        "synchronous": 1,
        "busy_timeout": 30000,
    }


def test_a_file_that_is_not_sqlite_is_refused_by_name(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("dear diary, " * 100)
    with pytest.raises(DatabaseOpenError, match="notes.txt is not a HirePartner database"):
        Database(sqlite_location(path))
    assert path.read_text().startswith("dear diary")  # untouched


def test_a_damaged_database_is_refused(tmp_path, services, db_path):
    services.close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseOpenError, match=str(db_path.name)):
        Database(sqlite_location(db_path))


def test_someone_elses_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(DatabaseOpenError, match="not a HirePartner one.*invoices"):
        Database(sqlite_location(path))


def test_a_read_only_location_is_refused_with_the_path(tmp_path):
    # /proc refuses new files even to root, where chmod would not stop a root test run.
    target = Path("/proc/hirepartner-test/hp.sqlite3")
    with pytest.raises(DatabaseOpenError, match="Cannot create the database /proc/hirepartner"):
        Database(sqlite_location(target))


def test_a_folder_given_as_database_is_refused(tmp_path):
    with pytest.raises(DatabaseOpenError, match="is a folder"):
        Database(sqlite_location(tmp_path))


def test_location_precedence(tmp_path, monkeypatch):
    env = {DB_ENV_VAR: str(tmp_path / "env.db")}
    assert resolve_location(None, None, env).path == tmp_path / "env.db"
    assert resolve_location(str(tmp_path / "flag.db"), None, env).path == tmp_path / "flag.db"
    url = resolve_location(None, f"sqlite:///{tmp_path}/url.db", env)
    assert url.path == tmp_path / "url.db"
    server = resolve_location(None, "postgresql+psycopg://hp:secret@db.example/hp", env)
    assert server.path is None
    assert "secret" not in server.display
    default = resolve_location(None, None, {})
    assert default.path is not None
    assert default.path.name == DEFAULT_DB_NAME
    assert "HirePartner" in str(default.path)
    assert os.path.isabs(default.path)
