"""The audit log as a hash chain: every event links to the one before it; editing or removing
one in SQL makes `hirepartner check` fail and name it; two writers never fork the chain; an
upgraded database has its old events chained."""

import itertools
import sqlite3
import threading

from sqlalchemy import select

from hirepartner.app import build_services
from hirepartner.cli import main
from hirepartner.config import resolve_location, sqlite_location
from hirepartner.data.audit_chain import GENESIS, event_hash
from hirepartner.data.database import Database
from hirepartner.data.models import AuditEvent
from hirepartner.data.schema import run_migration


def _events(services):
    with services.database.unit_of_work(write=False) as uow:
        columns = AuditEvent.__table__.columns
        return uow.session.execute(select(*columns).order_by(AuditEvent.id)).all()


def _some_history(services):
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen", "Onsite"])
    for name in ("Ada Lovelace", "Grace Hopper", "Zoë Ångström"):
        candidate = services.pipeline.add_candidate(name, email=f"{name.split()[0]}@example.com")
        application = services.pipeline.add_application(candidate.id, req.id)
        services.review.add_tag(candidate.id, "remote ✓")
        services.pipeline.reject(application.id, "location")
    return req


def test_each_event_holds_the_hash_of_the_one_before(services):
    _some_history(services)
    events = _events(services)
    assert len(events) >= 9
    assert events[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    last = events[-1]
    assert last.hash == event_hash(
        last.prev_hash, last.at, last.actor_id, last.action, last.entity, last.entity_id,
        last.detail,
    )  # fmt: skip
    assert services.audit.verify_chain().ok


def _check(db_path, capsys):
    code = main(["--db", str(db_path), "check"])
    return code, capsys.readouterr().out


def test_editing_one_row_in_sql_makes_check_fail_and_name_it(services, db_path, capsys):
    _some_history(services)
    target = _events(services)[4].id
    services.close()
    assert _check(db_path, capsys)[0] == 0
    connection = sqlite3.connect(db_path)
    connection.execute(
        "UPDATE audit_event SET detail = json_set(detail, '$.reason', 'other') WHERE id = ?",
        (target,),
    )
    connection.commit()
    connection.close()
    code, out = _check(db_path, capsys)
    assert code == 1
    assert "Audit chain:   FAILED" in out
    assert f"event {target} was changed after it was written" in out


def test_a_deleted_row_is_named_by_the_event_after_it(services, db_path, capsys):
    _some_history(services)
    events = _events(services)
    services.close()
    connection = sqlite3.connect(db_path)
    connection.execute("DELETE FROM audit_event WHERE id = ?", (events[3].id,))
    connection.commit()
    connection.close()
    code, out = _check(db_path, capsys)
    assert code == 1
    assert f"event {events[4].id} does not follow the event before it" in out


def test_two_writers_do_not_fork_the_chain(db_path, clock):
    """Two installs on one file, each adding candidates at the same time."""
    first = build_services(sqlite_location(db_path), clock=clock)
    second = build_services(sqlite_location(db_path), clock=clock)
    errors = []

    def write(services, prefix):
        try:
            for n in range(15):
                services.pipeline.add_candidate(f"{prefix} {n}", email=f"{prefix}{n}@example.com")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [
        threading.Thread(target=write, args=(s, p)) for s, p in ((first, "a"), (second, "b"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    report = first.audit.verify_chain()
    assert report.ok
    assert report.events == 30
    first.close()
    second.close()


def test_events_written_before_the_upgrade_are_chained_by_it(tmp_path):
    path = tmp_path / "hp.sqlite3"
    database = Database(sqlite_location(path))
    run_migration(database.engine, "downgrade", "0009")
    with database.engine.begin() as connection:
        for n in range(3):
            connection.exec_driver_sql(
                "INSERT INTO audit_event (at, action, entity, entity_id, detail) VALUES "
                f"('2026-0{n + 1}-01 10:00:00.000000', 'create', 'candidate', {n}, "
                '\'{"tag": "ü"}\')'
            )
    database.close()
    services = build_services(sqlite_location(path))
    try:
        report = services.audit.verify_chain()
        assert report.ok
        assert report.events == 3
        services.pipeline.add_candidate("After Upgrade")
        assert services.audit.verify_chain().events == 4
        assert services.audit.verify_chain().ok
    finally:
        services.close()


def test_the_chain_on_postgres_with_concurrent_writers(postgres_url, clock):
    first = build_services(resolve_location(database_url=postgres_url), clock=clock)
    second = build_services(resolve_location(database_url=postgres_url), clock=clock)
    try:
        _some_history(first)

        def write(services, prefix):
            for n in range(10):
                services.pipeline.add_candidate(f"{prefix} {n}")

        threads = [
            threading.Thread(target=write, args=(s, p)) for s, p in ((first, "a"), (second, "b"))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        report = second.audit.verify_chain()
        assert report.ok, report.problem
        assert report.events == len(_events(first))
        with first.database.engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE audit_event SET action = 'nothing' "
                "WHERE id = (SELECT min(id) + 2 FROM audit_event)"
            )
        broken = first.audit.verify_chain()
        assert not broken.ok
        assert "was changed" in broken.problem
    finally:
        first.close()
        second.close()


def test_a_packet_export_is_audited(services, tmp_path):
    from hirepartner.packets.content import Redaction

    services.fill_demo(candidates=12, seed=3)
    row = services.slates.list_slate(services.requisitions.list_requisitions()[0].id).rows[0]
    packet = services.export.candidate_packet(row.application_id, Redaction.NONE, None)
    services.export.write(packet, tmp_path / "p.pdf")
    event = services.audit.events()[0]
    assert (event.action, event.detail["kind"]) == ("export_packet", "candidate")
    assert services.audit.verify_chain().ok
