"""Starts the desktop app: QApplication, the services from the composition root, the window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from hirepartner import APP_NAME, __version__
from hirepartner.app import build_services
from hirepartner.config import DatabaseLocation
from hirepartner.errors import HirePartnerError


def run_gui(location: DatabaseLocation) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    try:
        services = build_services(location)
    except HirePartnerError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 2
    from hirepartner.ui.main_window import MainWindow

    window = MainWindow(services)
    window.show()
    try:
        return app.exec()
    finally:
        window.ops.wait_idle()
        services.close()
