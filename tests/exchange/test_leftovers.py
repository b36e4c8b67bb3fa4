"""What killed uploads and backups leave behind: real processes are SIGKILLed between writing
a temporary file and renaming (or MOVE-ing) it into place; the next sync (or backup) removes
our own temporary files once an hour old, and leaves fresh ones and everything else alone."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from exchange_world import MANAGER, build
from servers import DAV_PASSWORD, DAV_USER, WebDavServer

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.exchange.envelopes import new_uuid

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TWO_HOURS = 2 * 3600

# A child that delivers one envelope through the real transport and is killed by SIGKILL at
# the moment it would rename (folder) or MOVE (WebDAV) its temporary files into place.
KILLED_UPLOAD = """
import os, signal, sys
from pathlib import Path
kind, where, envelope_uuid = sys.argv[1:4]
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
files = {"packet.pdf": b"%PDF-1.4 " + b"x" * 5000, "packet.json": b"{}"}
if kind == "folder":
    from hirepartner.exchange.folder import FolderTransport
    os.replace = die
    FolderTransport("team", Path(where)).deliver(envelope_uuid, b"{}", files)
else:
    from hirepartner.exchange.webdav import WebDavTransport
    transport = WebDavTransport("dav", where, sys.argv[4], sys.argv[5])
    real = transport.request
    def request(method, *args, **kwargs):
        if method == "MOVE":
            die()
        return real(method, *args, **kwargs)
    transport.request = request
    transport.deliver(envelope_uuid, b"{}", files)
"""


def _killed_upload(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", KILLED_UPLOAD, *args],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr


def _age(path: Path, seconds: float = TWO_HOURS) -> None:
    moment = time.time() - seconds
    os.utime(path, (moment, moment))


@pytest.fixture
def manager(tmp_path, clock):
    services = build_services(sqlite_location(tmp_path / "manager.db"), clock=clock)
    build(services, MANAGER)
    yield services
    services.close()


def _hidden(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(".")}


def _foreign_files(folder: Path) -> set[str]:
    """Files that are not ours, some shaped almost like ours, all two hours old."""
    names = {
        "notes.partial",  # not hidden
        ".report.pdf.abcdefgh.partial",  # another export's temporary file, not an envelope's
        f".{new_uuid()}.envelope.json.partial",  # no random part: not what mkstemp makes
        f".{new_uuid()}.envelope.json.abcdefgh.part",  # a WebDAV name in a folder
        ".~lock.offer.odt#",
        "holiday.jpg",
    }
    for name in names:
        (folder / name).write_bytes(b"keep me")
        _age(folder / name)
    return names


def test_a_sync_removes_what_killed_folder_uploads_left_an_hour_ago(manager, tmp_path):
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    foreign = _foreign_files(exchange)
    old_uuid, fresh_uuid = new_uuid(), new_uuid()
    _killed_upload("folder", str(exchange), old_uuid)
    old = {p for p in exchange.iterdir() if old_uuid in p.name}
    # The killed upload left the temporary files of its two attachments and its envelope.
    assert len(old) == 3
    assert all(p.name.startswith(f".{old_uuid}") and p.name.endswith(".partial") for p in old)
    for path in old:
        _age(path)
    _killed_upload("folder", str(exchange), fresh_uuid)
    fresh = {p.name for p in exchange.iterdir() if fresh_uuid in p.name}
    assert len(fresh) == 3
    directory = exchange / f".{new_uuid()}.envelope.json.abcdefgh.partial"
    directory.mkdir()
    _age(directory)

    manager.sync.add_target("team", "folder", {"path": str(exchange)})
    report = manager.sync.sync()

    assert report.leftovers == 3
    assert "removed 3 leftover temporary files" in report.line()
    names = {p.name for p in exchange.iterdir()}
    assert not any(old_uuid in n for n in names)
    assert fresh <= names  # a slower install may still be writing those
    assert foreign <= names
    assert directory.is_dir()
    assert manager.sync.sync().leftovers == 0


def test_a_sync_removes_what_killed_webdav_uploads_left_an_hour_ago(manager, tmp_path):
    root = tmp_path / "dav"
    root.mkdir()
    server = WebDavServer(root)
    try:
        old_uuid, fresh_uuid = new_uuid(), new_uuid()
        _killed_upload("webdav", server.url, old_uuid, DAV_USER, DAV_PASSWORD)
        old = [p for p in root.iterdir() if old_uuid in p.name]
        # The server holds what was PUT under our temporary name; the MOVE never came.
        assert [p.name.endswith(".part") and p.name.startswith(".") for p in old] == [True]
        _age(old[0])
        _killed_upload("webdav", server.url, fresh_uuid, DAV_USER, DAV_PASSWORD)
        fresh = {p.name for p in root.iterdir() if fresh_uuid in p.name}
        assert len(fresh) == 1
        foreign = {"notes.part", ".report.pdf.part", f".{new_uuid()}.envelope.json.x.part"}
        for name in foreign | {"holiday.jpg"}:
            (root / name).write_bytes(b"keep me")
            _age(root / name)

        manager.sync.add_target(
            "dav", "webdav", {"url": server.url, "username": DAV_USER}, secret=DAV_PASSWORD
        )
        report = manager.sync.sync()

        assert report.errors == []
        assert report.leftovers == 1
        names = {p.name for p in root.iterdir()}
        assert not any(old_uuid in n for n in names)
        assert fresh <= names
        assert foreign | {"holiday.jpg"} <= names
    finally:
        server.stop()


KILLED_BACKUP = """
import os, signal, sys
import hirepartner.data.backup as backup
backup.os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
from hirepartner.cli import main
main(["--db", sys.argv[1], "backup", "-o", sys.argv[2]])
"""


def _hp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hirepartner", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_killed_backup_leaves_nothing_under_the_backups_name_and_is_cleaned_later(tmp_path):
    db = tmp_path / "hp.db"
    assert _hp("--db", str(db), "demo", "--candidates", "20").returncode == 0
    out = tmp_path / "copies"  # not the database's own backups/ folder, which is refused
    out.mkdir()
    destination = out / "monday.sqlite3"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BACKUP, str(db), str(destination)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = sorted(out.iterdir())
    assert [p.name.startswith(".monday.sqlite3.") for p in left] == [True]
    assert left[0].name.endswith(".partial")
    assert (left[0].stat().st_mode & 0o777) == 0o600
    assert not destination.exists()
    _age(left[0])
    legacy = out / "monday.sqlite3.partial"  # what an older version left
    legacy.write_bytes(b"half a backup")
    _age(legacy)
    other = out / ".tuesday.sqlite3.abcdefgh.partial"  # another backup's: not ours to judge
    other.write_bytes(b"x")
    _age(other)
    # A fresh one: another backup to the same name may be running right now.
    assert (
        subprocess.run(
            [sys.executable, "-c", KILLED_BACKUP, str(db), str(destination)],
            cwd=ROOT,
            capture_output=True,
            timeout=120,
        ).returncode
        == -signal.SIGKILL
    )
    fresh = {p.name for p in out.iterdir()} - {left[0].name, legacy.name, other.name}

    done = _hp("--db", str(db), "backup", "-o", str(destination))

    assert done.returncode == 0, done.stderr
    names = {p.name for p in out.iterdir()}
    assert names == {"monday.sqlite3", other.name, *fresh}
    with sqlite3.connect(destination) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM candidate").fetchone()[0] == 20
