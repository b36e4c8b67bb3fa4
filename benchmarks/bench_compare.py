"""Comparing 6 candidates x 25 competencies x 10 interviewers: data plus render, against a
plain QTableView over a C++ item model showing the same text, built in the same run; and
calibration over the 10,000-candidate demo database, against plain sqlite3 reading the same
ratings."""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks.worlds import demo_database

CANDIDATES, COMPETENCIES, INTERVIEWERS = 6, 25, 10


def _panel_world(path: Path) -> tuple[object, list[int]]:
    import random

    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location
    from hirepartner.data.models import Person, Rating, Scorecard, StageFocusCompetency

    services = build_services(sqlite_location(path))
    req = services.requisitions.create_requisition("Benchmark role", stages=["Onsite"])
    stage = req.stages[0].stage_id
    anchors = ["1", "2", "3", "4"]
    competencies = []
    for n in range(COMPETENCIES):
        competencies = services.intake.save_competency(
            req.id,
            None,
            name=f"Competency {n + 1}",
            description="",
            category="",
            weight=1 + n % 3,
            anchors=anchors,
        ).value
    apps = [
        services.pipeline.add_application(
            services.pipeline.add_candidate(f"Candidate {n}").id, req.id
        ).id
        for n in range(CANDIDATES)
    ]
    rng = random.Random(1)
    with services.database.unit_of_work() as uow:
        people = [Person(name=f"Interviewer {n}", role="interviewer") for n in range(INTERVIEWERS)]
        uow.session.add_all(people)
        uow.session.flush()
        for competency in competencies:
            uow.session.add(StageFocusCompetency(stage_id=stage, competency_id=competency.id))
        for app in apps:
            for person in people:
                card = Scorecard(
                    application_id=app,
                    stage_id=stage,
                    interviewer_id=person.id,
                    status="submitted",
                    recommendation="yes",
                    key_takeaways="Solid.",
                    submitted_at=datetime(2026, 11, 1),
                    updated_at=datetime(2026, 11, 1),
                )
                uow.session.add(card)
                uow.session.flush()
                for competency in competencies:
                    uow.session.add(
                        Rating(
                            scorecard_id=card.id,
                            competency_id=competency.id,
                            level=rng.randint(1, 4),
                            evidence="Evidence line one.\nLine two.",
                        )
                    )
        uow.commit()
    return services, apps


def compare_benchmark() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from hirepartner.ui.compare.comparison import ComparisonDialog
    from hirepartner.ui.ops import BackgroundOps

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    services, apps = _panel_world(folder / "compare.sqlite3")
    ops = BackgroundOps()
    ours, floor = [], []
    for _ in range(5):
        start = time.perf_counter()
        comparison = services.compare.compare(apps)  # type: ignore[attr-defined]
        dialog = ComparisonDialog(services.compare, ops, apps, comparison)  # type: ignore[attr-defined]
        # As the app opens it: deleted on close. Its buttons' slots hold the dialog, so a
        # dialog merely closed and dropped lives on until interpreter exit, and its
        # destruction there, after QApplication's, is what printed "shared QObject was
        # deleted directly".
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(1100, 720)
        dialog.grab()
        ours.append(time.perf_counter() - start)
        model = dialog.model
        texts = [
            [str(model.data(model.index(r, c))) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
        dialog.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        start = time.perf_counter()
        view = QTableView()
        plain = QStandardItemModel(len(texts), CANDIDATES, view)
        for r, row in enumerate(texts):
            for c, text in enumerate(row):
                plain.setItem(r, c, QStandardItem(text))
        view.setModel(plain)
        view.resize(1100, 720)
        view.grab()
        floor.append(time.perf_counter() - start)
        app.processEvents()
    ours_s, floor_s = statistics.median(ours), statistics.median(floor)
    print(
        f"comparison of {CANDIDATES} x {COMPETENCIES} x {INTERVIEWERS}, data and render: "
        f"{ours_s * 1000:.0f} ms; plain table of the same text {floor_s * 1000:.0f} ms, ratio "
        f"{ours_s / floor_s:.2f}x (target <= 50 ms)"
    )
    ops.wait_idle()
    services.close()  # type: ignore[attr-defined]


def calibration_benchmark() -> None:
    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location

    path = demo_database(10_000)
    services = build_services(sqlite_location(path))
    services.calibration.calibration()
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        view = services.calibration.calibration()
        runs.append(time.perf_counter() - start)
    raw = sqlite3.connect(path)
    floors = []
    for _ in range(3):
        start = time.perf_counter()
        raw.execute(
            "SELECT p.name, s.application_id, c.name, r.level FROM rating r "
            "JOIN scorecard s ON s.id = r.scorecard_id JOIN person p ON p.id = s.interviewer_id "
            "JOIN competency c ON c.id = r.competency_id WHERE s.status = 'submitted' "
            "AND r.level IS NOT NULL"
        ).fetchall()
        floors.append(time.perf_counter() - start)
    raw.close()
    ours_s, floor_s = min(runs), min(floors)
    print(
        f"calibration over the 10,000-candidate demo, with ICC intervals and 1,000-resample alpha "
        f"bootstraps ({len(view.raters)} interviewers, {len(view.agreement)} agreement rows): "
        f"{ours_s * 1000:.0f} ms; reading the ratings "
        f"with plain sqlite3 {floor_s * 1000:.0f} ms, ratio {ours_s / floor_s:.1f}x "
        "(target <= 1 s)"
    )
    services.close()


def main() -> None:
    calibration_benchmark()
    compare_benchmark()


if __name__ == "__main__":
    from benchmarks.qt_warnings import run_checked

    run_checked([main])
