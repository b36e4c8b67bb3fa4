"""Every dashboard figure over the 10,000-candidate demo database, all requisitions and each
one, against reading the same rows with plain sqlite3 in the same run. Target: at most 300 ms
for all the metrics."""

from __future__ import annotations

import sqlite3
import statistics
import time

from benchmarks.worlds import demo_database

ROUNDS = 7
CANDIDATES = 10_000


def _floor(path: str) -> float:
    """The same five row sets, fetched with plain sqlite3 and nothing computed."""
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    for query in (
        "SELECT id, requisition_id, slate_id, stage_id, status, rejection_reason, "
        "entered_stage_at, created_at FROM application",
        "SELECT application_id, at, kind, to_stage_id, to_status FROM application_event "
        "ORDER BY application_id, at, id",
        "SELECT p.name, s.name, c.interview_at, c.submitted_at, a.requisition_id FROM scorecard c "
        "JOIN person p ON p.id = c.interviewer_id JOIN interview_stage s ON s.id = c.stage_id "
        "JOIN application a ON a.id = c.application_id WHERE c.status = 'submitted'",
        "SELECT id, name, presented_at, feedback_rating FROM slate",
        "SELECT id, requisition_id, name, position, target_date FROM interview_stage",
    ):
        connection.execute(query).fetchall()
    connection.close()
    return time.perf_counter() - started


def main() -> None:
    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location

    path = demo_database(CANDIDATES)
    services = build_services(sqlite_location(path))
    try:
        services.metrics.dashboard(None)  # warm: imports and the first connection
        requisitions = [r.id for r in services.requisitions.list_requisitions()]
        whole, each, floor = [], [], []
        for _ in range(ROUNDS):
            floor.append(_floor(str(path)))
            started = time.perf_counter()
            services.metrics.dashboard(None)
            whole.append(time.perf_counter() - started)
            started = time.perf_counter()
            for ident in requisitions:
                services.metrics.dashboard(ident)
            each.append(time.perf_counter() - started)
    finally:
        services.close()
    all_ms, each_ms = statistics.median(whole) * 1000, statistics.median(each) * 1000
    floor_ms = statistics.median(floor) * 1000
    print(f"Dashboard metrics on the {CANDIDATES:,}-candidate demo ({len(requisitions)} reqs)")
    print(
        f"  all requisitions at once: {all_ms:.0f} ms (target <= 300 ms); "
        f"each of the {len(requisitions)} in turn: {each_ms:.0f} ms in all"
    )
    print(f"  plain sqlite3 reading the same rows: {floor_ms:.0f} ms ({all_ms / floor_ms:.1f}x)")


if __name__ == "__main__":
    from benchmarks.qt_warnings import run_checked

    run_checked([main])
