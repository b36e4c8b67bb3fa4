"""UI fixtures: main windows on a demo database, each test with its own settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from hirepartner.ui.main_window import MainWindow
from hirepartner.ui.settings import Settings


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot, settings_path):
    """Opens a main window on the given services, with this test's settings file."""

    def make(services) -> MainWindow:
        store = QSettings(str(settings_path), QSettings.Format.IniFormat)
        window = MainWindow(Settings(store), services)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


@pytest.fixture
def wait_loaded(qtbot):
    def wait(window: MainWindow) -> None:
        qtbot.waitUntil(
            lambda: window.listing is not None and window.listing.complete and not window.ops.busy,
            timeout=10000,
        )

    return wait


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
def window(demo_services, make_window, wait_loaded):
    main = make_window(demo_services)
    wait_loaded(main)
    yield main
    main.ops.wait_idle()


@pytest.fixture(autouse=True)
def no_unanswered_question(monkeypatch):
    """A QMessageBox the test did not expect would wait forever offscreen: fail instead.
    Tests that expect one answer it by patching `QMessageBox.exec` themselves."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(box: QMessageBox) -> int:
        raise AssertionError(f"unexpected question: {box.text()}")

    monkeypatch.setattr(QMessageBox, "exec", unexpected)
