"""Drives the real window in a child process and reports whether its event loop kept answering.

Run as `python tests/ui/responsiveness_probe.py DB SETTINGS`. A watchdog thread ends the process
with status 3 when the UI thread has not run a timer for STALL_SECONDS: a frozen event loop
cannot fail a test from inside, so the test runs this in a child and reads its exit status.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import threading
import time
from pathlib import Path

SCREEN = Path(__file__).resolve().parent.parent / "offscreen-screen.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"  # as tests/conftest.py

STALL_SECONDS = 5.0
SIZES = ((1024, 700), (800, 600), (1024, 700), (1440, 900), (800, 600), (1920, 1080))
CANDIDATES_PER_SIZE = 4


def main(db: str, settings_file: str) -> int:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location
    from hirepartner.ui.main_window import MainWindow
    from hirepartner.ui.review.candidate_panel import CandidatePanel
    from hirepartner.ui.settings import Settings

    app = QApplication([])
    services = build_services(sqlite_location(Path(db)))
    window = MainWindow(Settings(QSettings(settings_file, QSettings.Format.IniFormat)), services)
    window.show()

    heartbeat = [time.monotonic()]
    worst = [0.0]

    def beat() -> None:
        now = time.monotonic()
        worst[0] = max(worst[0], now - heartbeat[0])
        heartbeat[0] = now

    timer = QTimer()
    timer.timeout.connect(beat)
    timer.start(50)

    def watchdog() -> None:
        while True:
            time.sleep(0.25)
            if time.monotonic() - heartbeat[0] > STALL_SECONDS:
                print(f"stalled: no event for over {STALL_SECONDS:.0f} s", flush=True)
                faulthandler.dump_traceback(all_threads=True)
                os._exit(3)

    threading.Thread(target=watchdog, daemon=True).start()

    def spin(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    deadline = time.monotonic() + 20
    while window.listing is None and time.monotonic() < deadline:
        spin(0.1)
    if window.listing is None:
        print("the slate never loaded", flush=True)
        return 4
    window.panel.tabs.setCurrentIndex(CandidatePanel.TABS.index("Resume"))
    shown = 0
    for width, height in SIZES:
        window.resize(width, height)
        for _ in range(CANDIDATES_PER_SIZE):
            window.slate.step(1)
            spin(0.4)
            viewer = window.panel.resume
            if viewer is not None and viewer.page_count:
                shown += 1
    print(f"resumes shown: {shown}; longest gap between events: {worst[0]:.2f} s", flush=True)
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
