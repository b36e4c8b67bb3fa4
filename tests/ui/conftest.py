"""UI fixtures: a main window on a demo database, with its own settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from hirepartner.ui.main_window import MainWindow
from hirepartner.ui.settings import Settings


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "settings.ini"


def make_window(qtbot, services, settings_path) -> MainWindow:
    window = MainWindow(
        services, Settings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    )
    qtbot.addWidget(window)
    window.show()
    return window


def wait_loaded(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.listing is not None and not window.ops.busy, timeout=10000)


@pytest.fixture
def wait_idle(qtbot):
    def wait(window: MainWindow) -> None:
        qtbot.waitUntil(lambda: not window.ops.busy, timeout=10000)
        qtbot.wait(20)
        qtbot.waitUntil(lambda: not window.ops.busy, timeout=10000)

    return wait


@pytest.fixture
def demo_services(services):
    services.fill_demo(candidates=80, seed=5)
    return services


@pytest.fixture
def window(qtbot, demo_services, settings_path):
    main = make_window(qtbot, demo_services, settings_path)
    wait_loaded(qtbot, main)
    yield main
    main.ops.wait_idle()
