"""Starts the desktop app: one instance per database, crash reporting, settings, the window."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLockFile, QSettings, QSysInfo
from PySide6.QtWidgets import QApplication, QMessageBox

from hirepartner import APP_NAME, __version__
from hirepartner.config import DatabaseLocation, default_log_dir
from hirepartner.database_key import DatabaseKey
from hirepartner.ui.icons import icon

log = logging.getLogger("hirepartner")
LOG_FILE_NAME = "hirepartner.log"
# The name of resources/org.hirepartner.HirePartner.desktop, as installed.
DESKTOP_ID = "org.hirepartner.HirePartner"


def configure_logging(folder: Path) -> Path:
    """A private log file; records carry exception types and stacks, never values typed."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / LOG_FILE_NAME
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def crash_report(error: BaseException, tb: TracebackType | None) -> str:
    """The stack of an unexpected error, without its message (which may quote user data)."""
    frames = "".join(traceback.format_tb(tb))
    return f"{type(error).__module__}.{type(error).__qualname__}\n{frames}"


def install_excepthook(log_path: Path) -> None:
    def on_exception(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("Unexpected error\n%s", crash_report(error, tb))
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            APP_NAME,
            "Something went wrong. HirePartner keeps running and nothing you typed was lost.\n\n"
            f"The details were written to {log_path}.",
        )
        box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
        box.exec()

    sys.excepthook = on_exception


def acquire_instance_lock(location: DatabaseLocation) -> QLockFile | None:
    """One app per database file; returns None (after telling the user) if one is running."""
    if location.path is None:
        return QLockFile(str(Path(default_log_dir()) / "server.lock"))
    lock_path = str(location.path) + ".lock"
    lock = QLockFile(lock_path)
    lock.setStaleLockTime(0)
    if lock.tryLock(200):
        # It names this machine and process, beside a private database: private too.
        os.chmod(lock_path, 0o600)
        return lock
    _pid, host, _app = lock.getLockInfo()  # PySide returns (pid, host, app)
    where = (
        "in another window"
        if not host or host == QSysInfo.machineHostName()
        else f"on another computer, {host}"
    )
    QMessageBox.information(
        None,
        APP_NAME,
        f"HirePartner is already open on this database ({where}). "
        "Switch to it, or close it first.\n\n"
        f"The database: {location.display}",
    )
    return None


def run_gui(location: DatabaseLocation, key: DatabaseKey | None = None) -> int:
    """Show the window first, then open the database behind it (see ServicesHolder)."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))  # every window, the taskbar and About
    app.setDesktopFileName(DESKTOP_ID)  # Wayland and the docks match it to the .desktop file
    log_path = configure_logging(default_log_dir())
    install_excepthook(log_path)
    lock = acquire_instance_lock(location)
    if lock is None:
        return 1
    from hirepartner.ui.main_window import MainWindow
    from hirepartner.ui.settings import Settings

    store = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)
    window = MainWindow(Settings(store))
    window.show()
    exit_code = 0

    def cannot_open(message: str) -> None:
        nonlocal exit_code
        exit_code = 2
        QMessageBox.critical(window, APP_NAME, message)
        app.quit()

    from hirepartner.ui.encryption.unlock import UnlockFlow

    # Asks for the passphrase first when the file is encrypted and no key is stored.
    UnlockFlow(window, window.ops, location, window.attach_services, cannot_open, key).start()
    try:
        code = app.exec()
        return exit_code or code
    finally:
        window.ops.wait_idle()
        if window.holder.ready:
            window.services.close()
        lock.unlock()
