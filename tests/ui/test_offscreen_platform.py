"""The UI tests run offscreen on one 1920x1200 screen, whatever QT_QPA_PLATFORM the shell set."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_ui_tests_run_offscreen_on_one_large_screen(qapp):
    assert qapp.platformName() == "offscreen"
    assert qapp.primaryScreen().size().toTuple() == (1920, 1200)


def test_a_platform_exported_by_the_shell_is_overridden():
    """A shell that exports another platform (here a bare offscreen, whose screen is 800x800)
    still runs the tests on the configured screen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{Path(__file__).relative_to(ROOT)}::test_ui_tests_run_offscreen_on_one_large_screen",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
