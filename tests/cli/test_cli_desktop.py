"""Starting the window from the command line: one line, not Qt's abort, without a display."""

import subprocess
import sys

import pytest

from hirepartner import __version__
from hirepartner.cli import main
from hirepartner.cli.desktop import NO_DISPLAY, missing_display


@pytest.mark.parametrize(
    ("environ", "platform", "problem"),
    [
        ({}, "linux", NO_DISPLAY),
        ({"DISPLAY": ":0"}, "linux", None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", None),
        ({"DISPLAY": ""}, "freebsd14", NO_DISPLAY),
        ({}, "win32", None),
        ({}, "darwin", None),
    ],
)
def test_missing_display(environ, platform, problem):
    assert missing_display(environ, platform) == problem


def test_no_display_is_one_line(tmp_path, monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["--db", str(tmp_path / "hp.db")]) == 2
    assert main(["--db", str(tmp_path / "hp.db"), "self-test"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "hirepartner: no display: set QT_QPA_PLATFORM or use the command line\n" * 2
    )
    assert not (tmp_path / "hp.db").exists()  # nothing opened or created


def test_version_answers_before_the_commands_are_imported():
    """`hirepartner --version` (scripts probe an install with it) prints the version without
    importing the commands, the services, keyring or Qt: the bundle's start stays short."""
    probe = (
        "import sys; from hirepartner.cli import main; code = main(['--version']); "
        "heavy = [m for m in ('hirepartner.cli.core', 'hirepartner.app', 'keyring', 'numpy', "
        "'PySide6', 'sqlalchemy') if m in sys.modules]; print(code, heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines() == [f"hirepartner {__version__}", "0 []"]
    assert done.stderr == ""


def test_version_among_other_arguments_goes_through_the_parser(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", "nowhere.db", "--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"hirepartner {__version__}\n"
