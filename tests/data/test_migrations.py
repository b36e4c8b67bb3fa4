"""Schema migrations: the shipped ones match the models, and upgrades are safe."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hirepartner.config import sqlite_location
from hirepartner.data.database import Database
from hirepartner.data.models import Base
from hirepartner.data.schema import SCHEMA_HEAD, default_migrations_dir, known_revisions
from hirepartner.errors import MigrationError, SchemaTooNewError

HEAD = known_revisions()[1]


def test_the_fast_path_knows_the_real_head():
    assert SCHEMA_HEAD == HEAD


def test_a_fresh_migrate_equals_the_models(tmp_path):
    database = Database(sqlite_location(tmp_path / "hp.sqlite3"))
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        database.close()
    assert diff == []


def test_a_database_from_a_newer_version_is_refused_naming_both_versions(services, db_path):
    services.close()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '0042'")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaTooNewError, match=rf"schema 0042.*\(schema {HEAD}\)"):
        Database(sqlite_location(db_path))


def _migrations_with(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(default_migrations_dir(), folder)
    (folder / "versions" / "9001_test.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '9001'\ndown_revision = '{HEAD}'\nbranch_labels = None\n"
        "depends_on = None\n\n"
        f"def upgrade():\n{body}\n\ndef downgrade():\n    pass\n"
    )
    return folder


def _seeded_database(path: Path) -> None:
    database = Database(sqlite_location(path))
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO person (name, role, is_self) VALUES ('Ada', 'hiring_manager', 1)"
        )
    database.close()


def test_an_upgrade_backs_up_first_and_keeps_the_data(tmp_path):
    path = tmp_path / "hp.sqlite3"
    _seeded_database(path)
    migrations = _migrations_with(
        tmp_path, "    op.add_column('person', sa.Column('nickname', sa.String(50)))"
    )
    database = Database(sqlite_location(path), migrations_dir=migrations)
    try:
        with database.engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT name, nickname FROM person").all()
    finally:
        database.close()
    assert rows == [("Ada", None)]
    backup = database.upgrade_backup
    assert backup is not None
    assert backup.parent == tmp_path / "backups"
    kept = sqlite3.connect(backup)
    assert kept.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    assert kept.execute("SELECT name FROM person").fetchall() == [("Ada",)]
    kept.close()


def test_a_migration_failing_halfway_leaves_the_database_unchanged(tmp_path):
    path = tmp_path / "hp.sqlite3"
    _seeded_database(path)
    before = sqlite3.connect(path).execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    migrations = _migrations_with(
        tmp_path,
        "    op.create_table('half', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute(\"UPDATE person SET name = 'changed'\")\n"
        "    raise RuntimeError('disk on fire')",
    )
    with pytest.raises(
        MigrationError, match=f"from schema {HEAD} to 9001 failed.*unchanged"
    ) as info:
        Database(sqlite_location(path), migrations_dir=migrations)
    assert "A backup was kept at" in str(info.value)
    connection = sqlite3.connect(path)
    after = connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert after == before
    assert connection.execute("SELECT name FROM person").fetchall() == [("Ada",)]
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    connection.close()
    assert list((tmp_path / "backups").glob("hp-before-9001-*.sqlite3"))


def test_upgrading_a_full_database_keeps_every_row(tmp_path):
    """Rebuilding tables (migration 0004 on SQLite) must not cascade deletes into children."""
    from hirepartner.data.schema import run_migration
    from hirepartner.demo.world import build_demo_world

    path = tmp_path / "hp.sqlite3"
    database = Database(sqlite_location(path))
    build_demo_world(database, candidates=40, seed=2)
    tables = (
        "competency",
        "competency_anchor",
        "stage_focus_competency",
        "stage_question",
        "rating",
        "scorecard",
        "application",
        "candidate",
    )

    def counts():
        with database.engine.connect() as connection:
            return [
                connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in tables
            ]

    before = counts()
    run_migration(database.engine, "downgrade", "0002")
    database.close()
    reopened = Database(sqlite_location(path))  # upgrades 0002 -> head, as for a real user
    try:
        assert reopened.upgrade_backup is not None
        database = reopened
        assert counts() == before
        assert reopened.check().ok
    finally:
        reopened.close()
