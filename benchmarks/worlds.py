"""Benchmark databases, built once per size and reused: demo worlds from `hirepartner demo`."""

from __future__ import annotations

import shutil
from pathlib import Path

from hirepartner.config import sqlite_location
from hirepartner.data.database import Database
from hirepartner.demo.world import build_demo_world

CACHE = Path(__file__).resolve().parent / ".cache"


def demo_database(candidates: int, *, one_requisition: bool = False, seed: int = 7) -> Path:
    """A demo database with `candidates`; with one_requisition, all on requisition 1."""
    kind = "one-req" if one_requisition else "spread"
    path = CACHE / f"demo-{candidates}-{kind}-{seed}.sqlite3"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.unlink(missing_ok=True)
    database = Database(sqlite_location(partial))
    try:
        shares = (1.0, 0.0, 0.0, 0.0) if one_requisition else None
        build_demo_world(database, candidates, seed, shares=shares)
    finally:
        database.close()
    partial.rename(path)
    return path
