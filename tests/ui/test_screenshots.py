"""Renders the main window with demo data at several sizes and saves PNGs to artifacts/.

The pictures are for people to look at; the assertions check what a glance would: every pane
is on screen with room to show its content.
"""

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


@pytest.mark.parametrize(("width", "height"), [(1024, 700), (1440, 900), (1920, 1080)])
def test_main_window_screenshot(
    qtbot, demo_services, settings_path, artifacts_dir, width, height, make_window, wait_loaded
):
    window = make_window(demo_services)
    window.resize(width, height)
    wait_loaded(window)
    qtbot.waitUntil(lambda: window.panel.detail is not None)
    qtbot.wait(50)
    for pane in (window.navigator, window.slate.table, window.panel):
        assert pane.isVisible()
        assert pane.width() >= 180
    assert window.slate.table.horizontalHeader().sectionSize(0) >= 120
    image = window.grab()
    assert image.width() == width
    image.save(str(artifacts_dir / f"main-window-{width}x{height}.png"))
    window.ops.wait_idle()


def test_dark_palette_and_scorecards_tab(
    qtbot, demo_services, settings_path, artifacts_dir, make_window, wait_loaded
):
    app = QApplication.instance()
    original = app.palette()
    dark = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#17181a"),
        (QPalette.ColorRole.AlternateBase, "#222326"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Button, "#2b2c2f"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#3b82f6"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
    ):
        dark.setColor(role, QColor(color))
    app.setPalette(dark)
    try:
        window = make_window(demo_services)
        window.resize(1440, 900)
        wait_loaded(window)
        scored = next(r for r in window.listing.rows if r.scorecards_expected >= 2)
        window.slate.select_application(scored.application_id)
        window.panel.tabs.setCurrentIndex(2)
        qtbot.waitUntil(
            lambda: (
                window.panel.detail is not None
                and window.panel.detail.application_id == scored.application_id
            )
        )
        assert window.panel.scorecards.topLevelItemCount() == scored.scorecards_expected
        window.grab().save(str(artifacts_dir / "main-window-dark-scorecards.png"))
        window.ops.wait_idle()
    finally:
        app.setPalette(original)


def test_welcome_screenshot(
    qtbot, services, settings_path, artifacts_dir, make_window, wait_loaded
):
    window = make_window(services)
    window.resize(1200, 800)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)
    window.grab().save(str(artifacts_dir / "welcome.png"))
    window.ops.wait_idle()
