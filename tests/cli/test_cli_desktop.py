"""Starting the window from the command line: one line, not Qt's abort, without a display."""

import os
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


def test_self_test_opens_an_encrypted_database_with_its_passphrase(tmp_path):
    """`self-test` takes the passphrase as every command does (an installed bundle whose user
    encrypted their database); with a wrong one it fails naming the step and the reason."""
    db = str(tmp_path / "encrypted.sqlite3")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "HIREPARTNER_PASSPHRASE": "correct horse battery staple",
    }

    def hp(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hirepartner", "--db", db, *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=180,
            stdin=subprocess.DEVNULL,
        )

    assert hp("demo", "--candidates", "5").returncode == 0
    assert hp("encrypt").returncode == 0
    opened = hp("self-test")
    assert opened.returncode == 0, opened.stderr
    assert "Resume rendered by QtPdf" in opened.stdout
    refused = hp("self-test", HIREPARTNER_PASSPHRASE="not the passphrase")
    assert refused.returncode == 1  # a failed self-test names the step, as for any failure
    assert refused.stderr.strip().splitlines()[-1] == (
        "self-test failed: no slate was shown: wrong passphrase or not a HirePartner database"
    )
    assert "Traceback" not in refused.stderr
