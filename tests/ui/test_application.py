"""Start-up concerns: one instance per database, crash reports that keep personal data out."""

import stat
import sys

from PySide6.QtWidgets import QMessageBox

from hirepartner.config import sqlite_location
from hirepartner.ui import application


def test_a_second_instance_on_the_same_database_is_refused(qtbot, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    location = sqlite_location(tmp_path / "hp.sqlite3")
    first = application.acquire_instance_lock(location)
    assert first is not None
    assert application.acquire_instance_lock(location) is None
    assert "already open on" in told[0]
    assert str(tmp_path / "hp.sqlite3") in told[0]
    first.unlock()
    again = application.acquire_instance_lock(location)
    assert again is not None
    again.unlock()


def test_an_unexpected_error_is_logged_privately_without_its_message(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.detailedText()))
    log_path = application.configure_logging(tmp_path / "logs")
    application.install_excepthook(log_path)
    personal = "candidate Ада Лавлейс, ada@example.com"  # not on the line that raises
    try:
        raise ValueError(personal)
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = sys.__excepthook__
        for handler in list(application.log.handlers):
            application.log.removeHandler(handler)
            handler.close()
    logged = log_path.read_text(encoding="utf-8")
    assert "builtins.ValueError" in logged
    assert "test_an_unexpected_error_is_logged" in logged  # the stack, to debug with
    assert "ada@example.com" not in logged
    assert "Ада" not in logged
    assert stat.S_IMODE(log_path.stat().st_mode) == 0o600
    assert "ada@example.com" in shown[0]  # the user still sees the details on screen


def test_qt_calls_do_not_wear_out_none(qtbot):
    """PySide6 6.12 on Python < 3.12 loses a reference to None per void call (a crash later);
    pyproject.toml picks a sound PySide6 for each Python. This guards that choice."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(2000):
        label.setText(str(number))
    assert sys.getrefcount(None) >= before - 20
