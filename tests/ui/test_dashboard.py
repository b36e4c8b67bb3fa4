"""The dashboard renders the demo databases with its queries in the background."""

from pathlib import Path

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.ui.partnership.charts import BarChart, TimelineChart


def test_dashboard_for_a_requisition_and_all(qtbot, window, tmp_path, artifacts_dir):
    services = window.holder.services
    services.goals.add_goal(window.requisition_id, "feedback_sla", share=0.9, hours=24)
    services.goals.add_goal(window.requisition_id, "hires", count=2)
    window.partnership.dashboard_action.trigger()
    dialog = window.partnership.dashboard_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.board is not None, timeout=10000)
    assert dialog.board.requisition_id == window.requisition_id
    assert len(dialog.findChildren(BarChart)) >= 5
    assert len(dialog.findChildren(TimelineChart)) == 1
    qtbot.wait(50)
    dialog.grab().save(str(artifacts_dir / "dashboard.png"))
    dialog.export_to(tmp_path / "metrics.csv")
    qtbot.waitUntil(lambda: (tmp_path / "metrics.csv").exists(), timeout=5000)
    assert "time to feedback" in (tmp_path / "metrics.csv").read_text(encoding="utf-8")
    dialog.scope.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.board.requisition_id is None, timeout=10000)
    qtbot.wait(50)
    dialog.grab().save(str(artifacts_dir / "dashboard-all.png"))


def test_dashboard_on_the_10000_candidate_demo(qtbot, make_window, wait_loaded, tmp_path):
    big = (
        Path(__file__).resolve().parents[2]
        / "benchmarks"
        / ".cache"
        / "demo-10000-spread-7.sqlite3"
    )
    if not big.exists():  # the benchmarks' copy, or the same world built here (~15 s)
        services = build_services(sqlite_location(tmp_path / "big.db"))
        services.fill_demo(candidates=10_000, seed=7)
    else:
        import shutil

        shutil.copy(big, tmp_path / "big.db")
        services = build_services(sqlite_location(tmp_path / "big.db"))
    try:
        window = make_window(services)
        wait_loaded(window)
        window.partnership.show_dashboard()
        dialog = window.partnership.dashboard_dialog
        assert dialog.board is None  # the window stays responsive while it computes
        qtbot.waitUntil(lambda: dialog.board is not None, timeout=20000)
        assert dialog.board.funnel[0].reached > 1000
    finally:
        window.ops.wait_idle()
        services.close()


def _answer_send(monkeypatch, answer: str, asked: list[str]) -> None:
    """Answers the "cannot be called back" question the way a user would: Send or Cancel."""
    from PySide6.QtWidgets import QMessageBox

    def exec_(box):
        asked.append(box.informativeText())
        next(b for b in box.buttons() if b.text().replace("&", "") == answer).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_sharing_a_hire_saves_the_summary_and_queues_it(qtbot, window, tmp_path, monkeypatch):
    from hirepartner.ui.settings import EXPORT_FOLDER

    asked: list[str] = []

    window.settings.set(EXPORT_FOLDER, str(tmp_path))
    window.slate.table.setFocus()
    window.slate.step(1)
    qtbot.waitUntil(lambda: window.review.current is not None, timeout=5000)
    row = window.review.current
    window.partnership.share_success()
    assert "not marked hired" in window.status_message.text()
    window.holder.services.pipeline.set_status(row.application_id, "hired")
    window.refresh()
    qtbot.waitUntil(
        lambda: window.review.current is not None and window.review.current.status == "hired",
        timeout=5000,
    )
    _answer_send(monkeypatch, "Cancel", asked)
    window.partnership.share_success()  # asked first, cancelled: nothing written, nothing queued
    window.ops.wait_idle()
    assert len(asked) == 1
    assert "cannot be called back" in asked[0]
    assert not list(tmp_path.glob("*hired.pdf"))
    _answer_send(monkeypatch, "Send", asked)
    window.partnership.share_success()
    qtbot.waitUntil(lambda: "Congratulations" in window.status_message.text(), timeout=10000)
    assert list(tmp_path.glob("*hired.pdf"))


def test_rating_a_slate_and_sending_the_weekly_update(
    qtbot, window, tmp_path, monkeypatch, artifacts_dir
):
    from PySide6.QtWidgets import QDialog

    from hirepartner.ui.partnership.dashboard import RateSlateDialog
    from hirepartner.ui.settings import EXPORT_FOLDER

    window.partnership.show_dashboard()
    dialog = window.partnership.dashboard_dialog
    qtbot.waitUntil(lambda: dialog.board is not None, timeout=10000)

    def answer(rate: RateSlateDialog) -> int:
        rate.fit.setValue(4)
        rate.more_of.setText("production Go")
        rate.grab().save(str(artifacts_dir / "rate-slate.png"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RateSlateDialog, "exec", answer)
    first = dialog.board.slate_ids[0][0]
    dialog.on_rate()
    qtbot.waitUntil(lambda: any(s.rating == 4 for s in dialog.board.slates), timeout=10000)
    assert first
    window.settings.set(EXPORT_FOLDER, str(tmp_path))
    _answer_send(monkeypatch, "Send", [])
    window.partnership.update_action.trigger()
    qtbot.waitUntil(lambda: "goes to the recruiter" in window.status_message.text(), timeout=10000)
    assert list(tmp_path.glob("*weekly update*.pdf"))
