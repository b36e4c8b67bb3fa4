"""`hirepartner encrypt` / `decrypt` and the passphrase as scripts meet them: one-line refusals,
exit 2, a pause after a wrong passphrase, and SIGKILL at random moments during `encrypt`."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hirepartner.cli import main
from hirepartner.cli.encryption import database_key
from hirepartner.config import DatabaseLocation
from hirepartner.database_key import PASSPHRASE_ENV, WRONG_KEY_DELAY_S

PASSPHRASE = "correct horse battery staple"
KILLS = 20


def hp(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != PASSPHRASE_ENV}
    return subprocess.run(
        [sys.executable, "-m", "hirepartner", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def digest(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def passphrase_file(folder: Path, text: str = PASSPHRASE, mode: int = 0o600) -> Path:
    path = folder / "passphrase.txt"
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(mode)
    return path


@pytest.fixture(scope="module")
def encrypted_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("encrypted")
    db = folder / "hirepartner.sqlite3"
    assert main(["--db", str(db), "demo", "--candidates", "20"]) == 0
    secret = passphrase_file(folder.parent)
    assert main(["--db", str(db), "--passphrase-file", str(secret), "encrypt"]) == 0
    return db


def test_a_wrong_passphrase_is_one_line_exit_2_after_a_pause_and_changes_nothing(
    encrypted_db: Path,
) -> None:
    before = digest(encrypted_db.parent)
    started = time.monotonic()
    result = hp("--db", str(encrypted_db), "list", "candidates", env={PASSPHRASE_ENV: "guess"})
    elapsed = time.monotonic() - started
    assert result.returncode == 2
    assert one_line(result) == "hirepartner: wrong passphrase or not a HirePartner database"
    assert elapsed >= WRONG_KEY_DELAY_S
    assert digest(encrypted_db.parent) == before

    right = hp("--db", str(encrypted_db), "list", "candidates", env={PASSPHRASE_ENV: PASSPHRASE})
    assert right.returncode == 0, right.stderr
    assert len(right.stdout.strip().splitlines()) == 21


def test_no_key_in_a_script_says_how_to_give_one(encrypted_db: Path) -> None:
    result = hp("--db", str(encrypted_db), "check")
    assert result.returncode == 2
    assert one_line(result) == (
        "hirepartner: This database is encrypted: give its passphrase with --passphrase-file "
        f"or ${PASSPHRASE_ENV}."
    )


def test_a_file_that_is_neither_sqlite_nor_encrypted_is_not_called_encrypted(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_bytes(b"dear diary, " * 1024)  # whole 512-byte pages, but text
    result = hp("--db", str(notes), "check")
    assert result.returncode == 2
    line = one_line(result)
    assert line.endswith("notes.sqlite3 is not a HirePartner database (not an SQLite file).")
    assert "encrypted" not in line


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing", "passphrase.txt does not exist"),
        ("empty", "passphrase.txt is empty: its first line must be the passphrase"),
        ("world-readable", "Warning: the passphrase file"),
        ("folder", "is not a regular file"),
    ],
)
def test_a_bad_passphrase_file_is_refused_before_anything_opens(
    encrypted_db: Path, tmp_path: Path, case: str, expected: str
) -> None:
    if case == "missing":
        path = tmp_path / "passphrase.txt"
    elif case == "empty":
        path = passphrase_file(tmp_path, "")
    elif case == "world-readable":
        path = passphrase_file(tmp_path, PASSPHRASE, 0o644)
    else:
        path = tmp_path
    before = digest(encrypted_db.parent)
    result = hp("--db", str(encrypted_db), "--passphrase-file", str(path), "check")
    assert result.returncode == 2
    line = one_line(result)
    assert expected in line
    if case == "world-readable":
        assert "readable by every user" in line
        assert "chmod 600" in line
    assert digest(encrypted_db.parent) == before


def test_the_passphrase_is_not_used_for_a_database_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = DatabaseLocation(url="postgresql://hp@db.example/hirepartner", path=None)
    assert database_key(server, passphrase_file(tmp_path)) is None
    assert "applies to SQLite files only" in capsys.readouterr().err


def test_encrypt_without_keyring_or_terminal_asks_for_a_passphrase_source(tmp_path: Path) -> None:
    db = tmp_path / "plain.sqlite3"
    assert main(["--db", str(db), "demo", "--candidates", "3"]) == 0
    # A fresh process sees no keyring backend here (no Secret Service on the test machine).
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = hp("--db", str(db), "encrypt", env=env)
    assert result.returncode == 2
    line = one_line(result)
    assert "Give the passphrase to encrypt with" in line
    assert "no system keyring" in line
    assert db.read_bytes()[:16] == b"SQLite format 3\x00"


def test_encrypt_keeps_a_random_key_in_the_keyring(  # type: ignore[no-untyped-def]
    tmp_path: Path, memory_keyring, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "plain.sqlite3"
    assert main(["--db", str(db), "demo", "--candidates", "3"]) == 0
    assert main(["--db", str(db), "encrypt"]) == 0
    (stored,) = memory_keyring.store.values()
    assert stored.startswith("raw:")
    assert len(stored) == len("raw:") + 64
    assert db.read_bytes()[:16] != b"SQLite format 3\x00"
    capsys.readouterr()
    assert main(["--db", str(db), "check"]) == 0  # the keyring opens it, nothing asked
    assert "Encryption:    encrypted (SQLCipher 4, AES-256)" in capsys.readouterr().out
    plain = tmp_path / "plain-copy.db"
    assert main(["--db", str(db), "decrypt", "-o", str(plain)]) == 0
    assert plain.read_bytes()[:16] == b"SQLite format 3\x00"


# Loads HirePartner once, then per round copies the plain database and forks a child that
# runs `encrypt` on it; the parent kills the child with SIGKILL after a random delay within the
# time a whole conversion takes (measured in round 0, which is not killed).
KILLER = """
import os, random, shutil, signal, sys, time
from pathlib import Path
from hirepartner.cli import main
import sqlcipher3
source, work, kills = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1919)
span = None
for round_no in range(kills + 1):
    folder = work / f"round{round_no}"
    folder.mkdir()
    db = folder / source.name
    shutil.copyfile(source, db)
    os.chmod(db, 0o600)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os._exit(main(["--db", str(db), "encrypt"]))
    if span is None:
        os.waitpid(pid, 0)
        span = time.monotonic() - started
        continue
    time.sleep(rng.uniform(0.0, span * 1.1))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
print(f"{span:.3f}")
"""


def _count_candidates(db: Path) -> tuple[str, int]:
    """("plain"|"encrypted", candidates) for the database at `db`, checked whole. Opened
    read-write, as the app opens it: a hot journal left by the kill is rolled back first."""
    from sqlcipher3 import dbapi2

    plain = db.read_bytes()[:16] == b"SQLite format 3\x00"
    connection = dbapi2.connect(str(db))
    try:
        if not plain:
            connection.execute("PRAGMA key = '" + PASSPHRASE + "'")
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = connection.execute("SELECT count(*) FROM candidate").fetchone()[0]
    finally:
        connection.close()
    return ("plain" if plain else "encrypted"), count


@pytest.mark.slow
def test_encrypt_killed_at_random_moments_leaves_one_whole_database(tmp_path: Path) -> None:
    source = tmp_path / "source" / "hirepartner.sqlite3"
    source.parent.mkdir()
    assert main(["--db", str(source), "demo", "--candidates", "400"]) == 0
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, PASSPHRASE_ENV: PASSPHRASE}
    result = subprocess.run(
        [sys.executable, "-c", KILLER, str(source), str(work), str(KILLS)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert _count_candidates(work / "round0" / source.name) == ("encrypted", 400)
    outcomes = []
    for round_no in range(1, KILLS + 1):
        db = work / f"round{round_no}" / source.name
        assert db.exists(), f"round {round_no}: no database left"
        kind, count = _count_candidates(db)
        assert count == 400, f"round {round_no}: {kind} database with {count} candidates"
        outcomes.append(kind)
    # The kills landed before and after the swap: both outcomes were met.
    assert set(outcomes) == {"plain", "encrypted"}, outcomes
    # A conversion killed midway is simply run again.
    last_plain = next(
        work / f"round{n + 1}" / source.name for n, kind in enumerate(outcomes) if kind == "plain"
    )
    rerun = hp("--db", str(last_plain), "encrypt", env={PASSPHRASE_ENV: PASSPHRASE})
    assert rerun.returncode == 0, rerun.stderr
    assert _count_candidates(last_plain) == ("encrypted", 400)
    assert not [p.name for p in last_plain.parent.iterdir() if p.name.startswith(".")]


def test_a_bad_passphrase_file_is_refused_before_the_app_opens(tmp_path: Path) -> None:
    result = hp("--db", str(tmp_path / "hp.sqlite3"), "--passphrase-file", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "nope does not exist" in one_line(result)
    assert not (tmp_path / "hp.sqlite3").exists()
