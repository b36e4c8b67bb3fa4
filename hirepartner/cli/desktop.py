"""Starting the desktop app from the command line: the window, or its self-test, and a one-line
answer instead of Qt's abort when there is no display to show them on."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hirepartner.cli.output import terminal_safe
from hirepartner.cli.values import output_file
from hirepartner.config import DatabaseLocation
from hirepartner.database_key import DatabaseKey
from hirepartner.errors import HirePartnerError

NO_DISPLAY = "no display: set QT_QPA_PLATFORM or use the command line"
EXIT_NO_DISPLAY = 2
EXIT_NO_KEY = 2  # as every command that cannot open an encrypted database


def missing_display(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why the window cannot open, where Qt would abort instead (X11 or Wayland systems with
    neither a display nor a chosen platform plugin); None when it can try."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    if any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return NO_DISPLAY


def add_self_test_parser(commands: Any) -> None:
    self_test = commands.add_parser(
        "self-test",
        help="open the window on the database, show a slate and a resume, save a screenshot",
    )
    self_test.add_argument(
        "--screenshot", metavar="FILE", type=output_file, help="where to save the screenshot"
    )


def open_window(location: DatabaseLocation, key: DatabaseKey | None = None) -> int:
    problem = missing_display()
    if problem:
        print(f"hirepartner: {problem}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    from hirepartner.ui.application import run_gui

    return run_gui(location, key)


def self_test(location: DatabaseLocation, args: argparse.Namespace) -> int:
    problem = missing_display()
    if problem:
        print(f"hirepartner: {problem}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    from hirepartner.cli.encryption import database_key

    try:  # an encrypted database: the passphrase given, or the key kept in the keyring
        key = database_key(location, args.passphrase_file)
    except HirePartnerError as error:
        print(f"hirepartner: {terminal_safe(str(error))}", file=sys.stderr)
        return EXIT_NO_KEY
    from hirepartner.ui.self_test import run_self_test

    screenshot: Path | None = args.screenshot
    return run_self_test(location, screenshot, key)
