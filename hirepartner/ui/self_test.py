"""`hirepartner self-test`: the window opens on a database, shows a populated slate, renders a
resume with QtPdf, and saves a screenshot; proves an installed bundle carries what it needs."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from hirepartner import APP_NAME
from hirepartner.config import DatabaseLocation
from hirepartner.files import write_atomically
from hirepartner.output_guard import OutputGuard
from hirepartner.ui.icons import icon

if TYPE_CHECKING:
    from hirepartner.app import AppServices
    from hirepartner.database_key import DatabaseKey
    from hirepartner.ui.main_window import MainWindow

TIMEOUT_SECONDS = 60.0
WINDOW_SIZE = QSize(1280, 800)


def drawn(image: QImage) -> bool:
    """Whether a rendered page shows anything but its background (text, rules, a photo)."""
    if image.isNull():
        return False
    background = image.pixelColor(0, 0)
    step = max(1, min(image.width(), image.height()) // 60)
    return any(
        image.pixelColor(x, y) != background
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; it takes str
    buffer.close()
    return bytes(data.data())


def run_self_test(
    location: DatabaseLocation, screenshot: Path | None, key: DatabaseKey | None = None
) -> int:
    """0 when every step passed (each said on stdout), 1 naming the step that did not; `key`
    opens an encrypted database."""
    from hirepartner.ui.main_window import MainWindow
    from hirepartner.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(icon("app"))
    with tempfile.TemporaryDirectory(prefix="hirepartner-self-test-") as folder:
        # Its own settings, so a self-test never changes the user's layout.
        store = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Settings(store))
        window.resize(WINDOW_SIZE)
        window.show()
        problems: list[str] = []
        _open_database(window, location, key, problems)
        try:
            return _check(app, window, location, screenshot, problems)
        finally:
            window.ops.wait_idle()
            if window.holder.ready:
                window.services.close()
            window.close()


def _open_database(
    window: MainWindow, location: DatabaseLocation, key: DatabaseKey | None, problems: list[str]
) -> None:
    """As the window opens a database (off the UI thread), with the key of an encrypted one."""

    def open_services(_state: object) -> AppServices:
        from hirepartner.app import build_services

        return build_services(location, key=key)

    window.ops.run(open_services, write=True, label="open").on_success(
        window.attach_services
    ).on_failure(lambda error: problems.append(str(error))).start()


def _wait(app: QApplication, done: Callable[[], bool], problems: list[str]) -> bool:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not done():
        if problems or time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.01)
    return True


def _check(
    app: QApplication,
    window: MainWindow,
    location: DatabaseLocation,
    screenshot: Path | None,
    problems: list[str],
) -> int:
    def fail(step: str) -> int:
        detail = f": {problems[0]}" if problems else ""
        print(f"self-test failed: {step}{detail}", file=sys.stderr)
        return 1

    if not _wait(app, lambda: bool(window.listing and window.listing.rows), problems):
        return fail("no slate was shown")
    _wait(app, lambda: not window.ops.busy, problems)
    rows = len(window.listing.rows) if window.listing else 0
    print(f"Window open on {location.display}: a slate of {rows} candidates.")

    window.slate.select_application(None)  # the first row
    window.open_current()  # as Enter does: the resume tab
    panel = window.panel
    if not _wait(app, lambda: panel.resume is not None and panel.resume.page_count > 0, problems):
        return fail("no resume was shown in the PDF viewer")
    viewer = panel.resume
    assert viewer is not None
    page = viewer.document.render(0, QSize(600, 800))
    if not drawn(page):
        return fail("the resume's first page rendered blank")
    print(f"Resume rendered by QtPdf: {viewer.page_count} page(s).")

    _wait(app, lambda: not window.ops.busy, problems)
    deadline = time.monotonic() + 0.5  # the view paints its pages after the layout settles
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if screenshot is not None:
        image = window.grab().toImage()
        write_atomically([(screenshot, png_bytes(image))], OutputGuard(location.path))
        print(f"Screenshot saved to {screenshot} ({image.width()}x{image.height()}).")
    return 0
