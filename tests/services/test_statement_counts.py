"""The read side runs a fixed number of statements in one unit of work, however many candidates
it shows: a slate packet, the dashboard and the comparison, for 10 and for 100 candidates."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from sqlalchemy import event

from hirepartner.app import AppServices, build_services
from hirepartner.config import sqlite_location
from hirepartner.packets.content import Redaction


@dataclass
class Tally:
    statements: list[str] = field(default_factory=list)
    transactions: int = 0

    def shapes(self) -> list[str]:
        """The statements with each IN list folded, so 10 ids and 100 ids read the same."""
        return [re.sub(r"\((?:\?, )*\?\)", "(?...)", s) for s in self.statements]


@contextmanager
def tally(services: AppServices) -> Iterator[Tally]:
    found = Tally()
    engine = services.database.engine

    def statement(_conn, _cursor, text, *_args):  # type: ignore[no-untyped-def]
        found.statements.append(text)

    def begin(_conn):  # type: ignore[no-untyped-def]
        found.transactions += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "begin", begin)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "begin", begin)


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, AppServices]]:
    from datetime import datetime

    made = {}
    for size in (10, 100):
        path = tmp_path_factory.mktemp(f"world{size}") / "hp.sqlite3"
        services = build_services(sqlite_location(path), clock=lambda: datetime(2026, 11, 2, 9, 0))
        services.fill_demo(candidates=size, seed=5)
        made[size] = services
    yield made
    for services in made.values():
        services.close()


def _measure(worlds: dict[int, AppServices], read: Callable[[AppServices], object]) -> dict:
    tallies = {}
    for size, services in worlds.items():
        with tally(services) as found:
            read(services)
        tallies[size] = found
    return tallies


@pytest.mark.parametrize("redaction", [Redaction.NONE, Redaction.ANONYMOUS])
def test_a_slate_packet_is_one_snapshot_of_a_fixed_size(worlds, redaction):
    tallies = _measure(worlds, lambda s: s.export.slate_packet(1, redaction))
    small, large = tallies[10], tallies[100]
    assert len(worlds[100].export.slate_packet(1).candidates) > 30  # really 100 candidates' worth
    assert small.transactions == large.transactions == 1
    assert len(small.statements) == len(large.statements)
    assert small.shapes() == large.shapes()


def test_the_candidate_packet_reads_in_one_unit_of_work(worlds):
    tallies = _measure(worlds, lambda s: s.export.candidate_packet(1))
    assert tallies[10].transactions == tallies[100].transactions == 1
    assert tallies[10].shapes() == tallies[100].shapes()


@pytest.mark.parametrize("requisition", [1, None])
def test_the_dashboard_runs_the_same_statements_whatever_the_size(worlds, requisition):
    tallies = _measure(worlds, lambda s: s.metrics.dashboard(requisition))
    small, large = tallies[10], tallies[100]
    assert small.transactions == large.transactions == 1
    assert small.shapes() == large.shapes()


def test_the_comparison_runs_the_same_statements_for_2_or_6_candidates(worlds):
    services = worlds[100]
    ids = [c.application_id for c in services.compare.requisition_comparison(1).candidates]
    two = _measure({100: services}, lambda s: s.compare.compare(ids[:2]))[100]
    six = _measure({100: services}, lambda s: s.compare.compare(ids[:6]))[100]
    assert two.transactions == six.transactions == 1
    assert two.shapes() == six.shapes()
    whole = _measure(worlds, lambda s: s.compare.requisition_comparison(1))
    assert whole[10].shapes() == whole[100].shapes()


def test_a_weekly_update_and_a_debrief_read_one_snapshot(worlds):
    tallies = _measure(worlds, lambda s: s.updates.weekly_update(1))
    assert tallies[10].transactions == tallies[100].transactions == 1
    assert tallies[10].shapes() == tallies[100].shapes()
    debrief = _measure(worlds, lambda s: s.debrief.debrief(1))
    assert debrief[10].transactions == debrief[100].transactions == 1
