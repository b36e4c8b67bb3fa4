"""Listing a 10,000-candidate slate through the service, against plain sqlite3 fetching the same.

The floor runs the same SQL the service needs (rows, tags, scores, scorecard counts, drafts)
with the standard library's sqlite3 and fetchall(); the service adds SQLAlchemy, the unit of
work and building frozen dataclasses. Both are timed in this run, best of N.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from benchmarks.worlds import demo_database
from hirepartner.app import build_services
from hirepartner.config import sqlite_location

CANDIDATES = 10_000
REPEATS = 7

RAW_QUERIES = (
    "SELECT a.id, a.candidate_id, a.slate_id, a.stage_id, a.status, a.source, a.pitch, "
    "a.rejection_reason, a.entered_stage_at, c.full_name, c.email, c.current_title, "
    "c.current_company, c.location, c.notes FROM application a JOIN candidate c "
    "ON c.id = a.candidate_id WHERE a.requisition_id = ?",
    "SELECT t.candidate_id, t.tag FROM candidate_tag t JOIN application a "
    "ON a.candidate_id = t.candidate_id WHERE a.requisition_id = ?",
    "SELECT s.application_id, avg(r.level), count(r.level) FROM scorecard s JOIN rating r "
    "ON r.scorecard_id = s.id JOIN application a ON a.id = s.application_id "
    "WHERE a.requisition_id = ? AND s.status = 'submitted' GROUP BY s.application_id",
    "SELECT s.application_id, sum(s.status = 'submitted'), count(s.id), "
    "sum(s.status = 'draft' AND s.interview_at < '2026-11-01'), "
    "sum(s.status = 'draft' AND s.interviewer_id = 1) FROM scorecard s "
    "JOIN application a ON a.id = s.application_id WHERE a.requisition_id = ? "
    "GROUP BY s.application_id",
)


def best_of(
    fn: Callable[[], object], repeats: int = REPEATS, clock: Callable[[], float] = time.perf_counter
) -> float:
    fn()  # warm the page cache and statement caches
    timings = []
    for _ in range(repeats):
        start = clock()
        fn()
        timings.append(clock() - start)
    return min(timings)


def main() -> None:
    path = demo_database(CANDIDATES, one_requisition=True)
    services = build_services(sqlite_location(path))
    raw = sqlite3.connect(path)
    try:
        rows = len(services.slates.list_slate(1).rows)

        def floor() -> None:
            for query in RAW_QUERIES:
                raw.execute(query, (1,)).fetchall()

        floor_s = best_of(floor)
        service_s = best_of(lambda: services.slates.list_slate(1))
        # CPU time of this (single) thread: what a busy machine shakes least
        floor_cpu = best_of(floor, clock=time.thread_time)
        service_cpu = best_of(lambda: services.slates.list_slate(1), clock=time.thread_time)
        page_cpu = best_of(lambda: services.slates.list_first_page(1, 200), clock=time.thread_time)
    finally:
        raw.close()
        services.close()
    print(
        f"slate listing ({rows} applications): service {service_s * 1000:.1f} ms, "
        f"plain sqlite3 {floor_s * 1000:.1f} ms, ratio {service_s / floor_s:.2f}x; CPU "
        f"{service_cpu * 1000:.1f} ms against {floor_cpu * 1000:.1f} ms, ratio "
        f"{service_cpu / floor_cpu:.2f}x; first page of 200, CPU {page_cpu * 1000:.1f} ms, "
        f"ratio {page_cpu / floor_cpu:.2f}x"
    )


if __name__ == "__main__":
    from benchmarks.qt_warnings import run_checked

    run_checked([main])
