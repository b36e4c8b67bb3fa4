"""The app's save and export dialogs use the output guard: a path that must not be written is
named beside the path field before any work starts, and the database stays as it was."""

import hashlib
import os

import pytest


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open_export(qtbot, window):
    window.slate.table.setFocus()
    window.slate.step(1)
    qtbot.waitUntil(lambda: window.review.current is not None, timeout=5000)
    window.packets.show_export("candidate")
    dialog = window.packets.export_dialog
    qtbot.waitExposed(dialog)
    return dialog


class _NoWork:
    """Stands in for the background ops: any job started fails the test."""

    def run(self, *_args, **_kwargs):
        raise AssertionError("background work started for a refused path")

    def cancel_all(self) -> None:
        """Nothing ever runs here."""

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Nothing ever runs here."""
        return True


def _db(window):
    return window.holder.services.database.location.path


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("link to the database", "It is the open database"),
        ("json is a link to the wal", "companion of the open database"),
        ("backups", "safety copies"),
        ("fifo", "a pipe (FIFO)"),
        ("json is a folder", "it is a folder"),
    ],
)
def test_export_dialog_refuses_before_exporting(
    qtbot, window, tmp_path, kind, expected, artifacts_dir
):
    db = _db(window)
    dialog = _open_export(qtbot, window)
    # The dialog always writes NAME.pdf and NAME.json, so the database itself is reached
    # through links named like packets.
    target = {
        "link to the database": tmp_path / "packet.pdf",
        "json is a link to the wal": tmp_path / "packet.pdf",
        "backups": db.parent / "backups" / "packet.pdf",
        "fifo": tmp_path / "pipe.pdf",
        "json is a folder": tmp_path / "packet.pdf",
    }[kind]
    if kind == "link to the database":
        target.symlink_to(db)
    if kind == "json is a link to the wal":
        (tmp_path / "packet.json").symlink_to(db.with_name(db.name + "-wal"))
    if kind == "backups":
        target.parent.mkdir(exist_ok=True)
    if kind == "fifo":
        os.mkfifo(target)
    if kind == "json is a folder":
        (tmp_path / "packet.json").mkdir()
    window.ops.wait_idle()
    before = _digest(db)
    dialog.ops = _NoWork()
    dialog.destination.setText(str(target))
    dialog.on_export()
    assert expected in dialog.path_error.text()
    assert dialog.path_error.isVisible()
    assert not dialog.error.isVisible()  # the sentence sits by the path, not at the bottom
    assert dialog._state is None
    assert dialog.export_button.isEnabled()
    assert _digest(db) == before
    if kind in ("link to the database", "json is a link to the wal"):
        name = "export-dialog-refused" + ("-json" if "json" in kind else "")
        dialog.grab().save(str(artifacts_dir / f"{name}.png"))
    dialog.destination.setText(str(tmp_path / "fine.pdf"))  # editing the path clears it
    assert not dialog.path_error.isVisible()


def test_dashboard_and_comparison_csv_refuse_the_database(qtbot, window, tmp_path):
    db = _db(window)
    window.partnership.dashboard_action.trigger()
    dashboard = window.partnership.dashboard_dialog
    qtbot.waitUntil(lambda: dashboard.board is not None, timeout=10000)
    window.ops.wait_idle()
    before = _digest(db)
    dashboard.ops = _NoWork()
    dashboard.export_to(db)
    assert dashboard.status.text().startswith("Not exported: Cannot write")
    assert "open database" in dashboard.status.text()
    os.mkfifo(tmp_path / "pipe.csv")
    dashboard.export_to(tmp_path / "pipe.csv")
    assert "a pipe (FIFO)" in dashboard.status.text()
    assert _digest(db) == before


def test_comparison_csv_refuses_a_companion(qtbot, window):
    from PySide6.QtCore import Qt

    from tests.ui.test_comparison import _select_rows

    db = _db(window)
    _select_rows(window, 2)
    qtbot.keyClick(window.slate.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: getattr(window.compare, "comparison_dialog", None) is not None, timeout=5000
    )
    dialog = window.compare.comparison_dialog
    shm = db.with_name(db.name + "-shm")
    existed = shm.exists()
    dialog.ops = _NoWork()
    dialog.export_to(shm)
    assert "companion of the open database" in dialog.status.text()
    assert shm.exists() == existed


def test_save_and_send_refuses_an_export_folder_in_backups(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hirepartner.ui.settings import EXPORT_FOLDER

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    backups = _db(window).parent / "backups"
    backups.mkdir(exist_ok=True)
    window.settings.set(EXPORT_FOLDER, str(backups))
    window.ops.wait_idle()
    monkeypatch.setattr(window.partnership, "ops", _NoWork())
    window.partnership.send_weekly_update()
    assert len(shown) == 1
    assert "safety copies" in shown[0]
    assert "safety copies" in window.status_message.text()
    assert list(backups.glob("*.pdf")) == []
