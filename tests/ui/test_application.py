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
    lock_file = tmp_path / "hp.sqlite3.lock"
    assert stat.S_IMODE(lock_file.stat().st_mode) == 0o600  # it names this machine and process
    assert application.acquire_instance_lock(location) is None
    assert told[0].startswith(
        "HirePartner is already open on this database (in another window). "
        "Switch to it, or close it first."
    )
    assert "process" not in told[0]  # no developer's words
    assert "--db" not in told[0]
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


def test_the_window_shows_before_the_database_opens(qtbot, tmp_path, demo_services, settings_path):
    from PySide6.QtCore import QSettings

    from hirepartner.ui.main_window import MainWindow
    from hirepartner.ui.settings import Settings

    window = MainWindow(Settings(QSettings(str(settings_path), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    assert window.status_message.text() == "Opening the database…"
    window.refresh_action.trigger()  # nothing to refresh yet: no error
    window.open_database(demo_services.database.location, lambda message: None)
    qtbot.waitUntil(lambda: window.listing is not None, timeout=10000)
    assert window.windowTitle().endswith(str(demo_services.database.location.path))
    window.ops.wait_idle()
    window.services.close()


def test_a_database_that_cannot_open_is_reported_by_name(qtbot, tmp_path, settings_path):
    from PySide6.QtCore import QSettings

    from hirepartner.ui.main_window import MainWindow
    from hirepartner.ui.settings import Settings

    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database")
    window = MainWindow(Settings(QSettings(str(settings_path), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    failures: list[str] = []
    window.open_database(sqlite_location(bad), failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    assert "notes.sqlite3 is not a HirePartner database" in failures[0]
    assert not window.holder.ready
