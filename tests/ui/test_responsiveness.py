"""The window keeps answering: the resume viewer at small sizes once spun the UI thread forever."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).resolve().parent / "responsiveness_probe.py"
ROOT = PROBE.parents[2]


def test_resume_tab_at_small_sizes_never_stalls_the_event_loop(services, db_path, tmp_path):
    """Resume tab open, window at 1024×700 then 800×600 and back, on several candidates each.

    QPdfView fitting the width used to toggle its scroll bar and re-lay itself out without end;
    the probe's watchdog ends it with status 3 when no event is handled for 5 s.
    """
    services.fill_demo(candidates=40, seed=5)
    services.close()
    result = subprocess.run(
        [sys.executable, str(PROBE), str(db_path), str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout's package, not another
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"the window stopped answering:\n{output[-3000:]}"
    shown = int(re.search(r"resumes shown: (\d+)", output).group(1))
    assert shown >= 10, output  # the viewer really had PDFs to lay out
