"""A requisition's close date: the schema keeps it in step with the status, and the upgrade to
0011 gives a requisition already filled or cancelled a close day."""

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from hirepartner.config import sqlite_location
from hirepartner.data.database import Database
from hirepartner.data.schema import run_migration


def _set(services, sql):
    with services.database.engine.begin() as connection:
        connection.exec_driver_sql(sql)


def test_a_filled_requisition_without_a_close_day_is_refused(services):
    req = services.requisitions.create_requisition("Backend Engineer")
    with pytest.raises(IntegrityError, match="closed_on"):
        _set(services, f"UPDATE requisition SET status = 'filled' WHERE id = {req.id}")
    with pytest.raises(IntegrityError, match="closed_on"):
        _set(services, f"UPDATE requisition SET closed_on = '2026-01-01' WHERE id = {req.id}")
    services.requisitions.close_requisition(req.id, "filled")
    with pytest.raises(IntegrityError, match="closed_on"):
        _set(services, f"UPDATE requisition SET status = 'open' WHERE id = {req.id}")


def test_the_upgrade_closes_a_requisition_already_marked_cancelled_on_that_day(services, db_path):
    kept = services.requisitions.create_requisition("Backend Engineer")
    gone = services.requisitions.create_requisition("Data Engineer")
    services.close()
    database = Database(sqlite_location(db_path))
    run_migration(database.engine, "downgrade", "0010")
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            f"UPDATE requisition SET status = 'cancelled' WHERE id = {gone.id}"
        )
    database.close()
    upgraded = Database(sqlite_location(db_path))
    try:
        with upgraded.engine.connect() as connection:
            rows = dict(connection.exec_driver_sql("SELECT id, closed_on FROM requisition").all())
    finally:
        upgraded.close()
    assert rows[kept.id] is None
    assert rows[gone.id] is not None
    assert abs((date.fromisoformat(str(rows[gone.id])) - date.today()).days) <= 1


def test_closing_and_retention_on_postgres(postgres_url, clock):
    """The close-day check (a comparison of two booleans) and the retention query hold on a
    shared PostgreSQL too."""
    from hirepartner.app import build_services
    from hirepartner.config import resolve_location

    services = build_services(resolve_location(database_url=postgres_url), clock=clock)
    try:
        req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen"])
        ada = services.pipeline.add_candidate("Ada")
        services.pipeline.add_application(ada.id, req.id)
        services.retention.set_months(1)
        services.requisitions.close_requisition(req.id, "filled")
        with pytest.raises(IntegrityError, match="closed_on"):
            _set(services, f"UPDATE requisition SET status = 'open' WHERE id = {req.id}")
        clock.advance(days=31)
        assert [d.name for d in services.retention.plan().due] == ["Ada"]
    finally:
        services.close()
