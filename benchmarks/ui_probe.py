"""Child process for the UI benchmarks: start, load, report, quit.

`python -m benchmarks.ui_probe bare` shows a bare QMainWindow; `app DB` shows HirePartner's
main window on DB and waits until its slate is loaded and no background job runs; `data` makes
a QApplication and imports the data layer, nothing else. Each prints one JSON line: seconds from
interpreter start to idle, CPU seconds, and peak RSS in MiB; and exits 1 naming them if Qt
warned.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time


def _since_start() -> float:
    # Process start time from /proc, so the figure includes interpreter and import time.
    with open(f"/proc/{os.getpid()}/stat") as stat:
        start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as uptime:
        up = float(uptime.read().split()[0])
    return up - start_ticks / os.sysconf("SC_CLK_TCK")


def _peak_mib() -> float:
    # VmHWM belongs to this process's own address space. getrusage's ru_maxrss would not do:
    # Linux carries it over from the parent across fork and exec, so a probe started by a
    # large benchmark process would report the parent's peak as its own.
    with open(f"/proc/{os.getpid()}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    mode = sys.argv[1]
    from PySide6.QtWidgets import QApplication, QMainWindow

    from benchmarks.qt_warnings import QtWarnings

    warnings = QtWarnings()
    warnings.install()

    app = QApplication(sys.argv[:1])
    if mode == "data":
        # What any populated first screen must load besides Qt: SQLAlchemy and the models,
        # imported as the app imports them (without PySide's source scan; see ui/feature_scan).
        from hirepartner.ui.feature_scan import skip_feature_scan

        skip_feature_scan()
        import hirepartner.data.database  # noqa: F401

        shown = _since_start()
    elif mode == "bare":
        window = QMainWindow()
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        shown = _since_start()
    else:
        # The same steps as hirepartner.ui.application.run_gui, in its order: that module lives
        # in hirepartner.ui, whose package turns PySide's source scan off before anything of
        # HirePartner's is imported (importing hirepartner.config first would scan it and what
        # it imports into linecache, which the app never does).
        from PySide6.QtCore import QSettings

        from hirepartner.ui.main_window import MainWindow  # isort: skip  (first, as said)
        from hirepartner.config import sqlite_location  # isort: skip
        from hirepartner.ui.settings import Settings

        settings = Settings(QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings)
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        shown = _since_start()
        window.open_database(sqlite_location(sys.argv[2]), lambda message: sys.exit(message))
        while window.listing is None or not window.listing.complete or window.ops.busy:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
    elapsed = _since_start()
    peak = _peak_mib()
    times = os.times()
    cpu = times.user + times.system  # less shaken than wall time by a busy machine
    print(json.dumps({"shown": shown, "seconds": elapsed, "cpu": cpu, "peak_mib": peak}))
    if warnings.seen:
        sys.exit("Qt warned: " + "; ".join(warnings.seen))


if __name__ == "__main__":
    main()
