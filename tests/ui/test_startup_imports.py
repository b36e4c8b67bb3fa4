"""The first screen loads only what it shows: opening the main window on a demo database, until
its slate is listed and no job runs, imports no packets, exchange, sync, retention, Alembic or
XLSX."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LATER = (
    "reportlab",
    "alembic",
    "openpyxl",
    "cryptography",
    "hirepartner.packets.build",
    # The sync status and the retention check start a moment after the first slate shows.
    "hirepartner.exchange",
    "hirepartner.services.sync",
    "hirepartner.services.retention",
)

OPEN_WINDOW = """
import sys, tempfile, time
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from hirepartner.config import sqlite_location
from hirepartner.ui.main_window import MainWindow
from hirepartner.ui.settings import Settings
settings = Settings(QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat))
window = MainWindow(settings)
window.show()
window.open_database(sqlite_location(sys.argv[1]), lambda message: sys.exit(message))
deadline = time.monotonic() + 60
while (window.listing is None or not window.listing.complete or window.ops.busy) and (
        time.monotonic() < deadline):
    app.processEvents()
    time.sleep(0.005)
assert window.listing is not None and window.listing.rows, "the slate was not listed"
loaded = sorted({name for name in sys.modules for later in sys.argv[2:]
                 if name == later or name.startswith(later + ".")})
print("rows", len(window.listing.rows), "loaded", loaded)
window.ops.wait_idle()
"""


def test_opening_the_main_window_loads_no_packets_crypto_alembic_or_xlsx(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    demo = [sys.executable, "-m", "hirepartner", "--db", db, "demo", "--candidates", "12"]
    assert subprocess.run(demo, capture_output=True).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", OPEN_WINDOW, db, *LATER], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    rows, loaded = result.stdout.split("loaded", 1)
    assert int(rows.split()[1]) > 0
    assert loaded.strip() == "[]", f"the first screen imported {loaded.strip()}"
