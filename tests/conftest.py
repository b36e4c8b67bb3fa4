"""Shared fixtures: a fresh database per test, services wired as the app wires them, a clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hirepartner.app import AppServices, build_services
from hirepartner.config import sqlite_location

# Offscreen Qt with one 1920x1200 screen (the plugin's default is 800x800, smaller than the
# main window's minimum size, which would make restored geometry tests meaningless).
SCREEN = Path(__file__).resolve().parent / "offscreen-screen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREEN}")


ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 2, 9, 0, 0))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "hirepartner.sqlite3"


@pytest.fixture
def services(db_path: Path, clock: FakeClock) -> Iterator[AppServices]:
    built = build_services(sqlite_location(db_path), clock=clock)
    yield built
    built.close()


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
