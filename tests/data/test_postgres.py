"""The shared-server mode: the same schema, migrations and services on a real PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from hirepartner.app import build_services
from hirepartner.config import resolve_location
from hirepartner.data.models import Base
from hirepartner.database_key import DatabaseKey
from hirepartner.errors import HirePartnerError, SchemaTooNewError


@pytest.fixture
def pg_services(postgres_url, clock):
    services = build_services(resolve_location(database_url=postgres_url), clock=clock)
    yield services
    services.close()


def test_migrations_on_postgres_equal_the_models(pg_services):
    with pg_services.database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    report = pg_services.maintenance.check()
    assert report.ok


def test_the_demo_world_and_the_services_on_postgres(pg_services):
    summary = pg_services.fill_demo(candidates=120, seed=3)
    assert summary.candidates == 120
    requisitions = pg_services.requisitions.list_requisitions()
    assert [r.code for r in requisitions] == ["REQ-1042", "REQ-1043", "REQ-1044", "REQ-1045"]
    listing = pg_services.slates.list_slate(requisitions[0].id)
    assert listing.rows
    assert any(row.average_score is not None for row in listing.rows)
    assert all(isinstance(row.average_score, float | None) for row in listing.rows)
    # New rows after the demo's explicit ids: the id sequences were moved past them.
    candidate = pg_services.pipeline.add_candidate("Ольга Иванова", email="olga@example.com")
    application = pg_services.pipeline.add_application(candidate.id, requisitions[0].id)
    moved = pg_services.pipeline.move_stage(application.id, requisitions[0].stages[1].stage_id)
    assert moved.stage == requisitions[0].stages[1].name
    rejected = pg_services.pipeline.reject(application.id, "location")
    assert rejected.status == "rejected"
    assert pg_services.review.add_note(application.id, "Relocation not possible").note.id > 0


def test_postgres_backup_points_to_the_servers_tools(pg_services, tmp_path):
    with pytest.raises(HirePartnerError, match="pg_dump"):
        pg_services.maintenance.backup(tmp_path / "copy.sqlite3")


def test_encryption_at_rest_is_for_sqlite_files_and_says_so_on_a_server(pg_services):
    status = pg_services.encryption.status()
    assert not status.applies
    assert "applies to SQLite database files" in status.note
    assert status.summary == "the server's job (a database server, not a file)"
    with pytest.raises(HirePartnerError, match="applies to SQLite database files"):
        pg_services.encryption.encrypt(DatabaseKey.random())


def test_a_newer_schema_on_the_server_is_refused(postgres_url, clock):
    build_services(resolve_location(database_url=postgres_url), clock=clock).close()
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(SchemaTooNewError, match="0099"):
        build_services(resolve_location(database_url=postgres_url), clock=clock)


def test_the_password_in_a_url_is_never_shown(postgres_url):
    location = resolve_location(database_url=postgres_url.replace("hp@", "hp:s3cret@"))
    assert "s3cret" not in location.display
