"""`targets add` with a secret pasted into the URL, and `targets list` after a failed sync:
the secret never reaches the database, the listing or a message; a failure reads as one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hirepartner.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "exchange"))
from servers import WebhookServer, free_port

DAV_PASSWORD = "pa55-in-the-url"
TOKEN = "tok-0a1b2c3d4e5f"
TEAM_KEY_ENV = {"HIREPARTNER_TEAM_KEY": "a team key long enough for HMAC"}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "hp.db"
    assert main(["--db", str(path), "demo", "--candidates", "5"]) == 0
    return path


def _run(db, capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _stored(db) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(db.parent.glob(db.name + "*")))


def test_secrets_in_urls_move_to_the_keyring_and_are_never_shown(db, capsys, memory_keyring):
    code, out, err = _run(
        db,
        capsys,
        "targets",
        "add",
        "cloud",
        "--kind",
        "webdav",
        "--url",
        f"https://hana:{DAV_PASSWORD}@dav.example/remote.php/dav/files/hana/x/",
    )
    assert (code, err) == (0, "")
    assert "The password in the URL was taken out of it" in out
    assert "https://dav.example/remote.php/dav/files/hana/x/" in out
    assert memory_keyring.store[("HirePartner", "target:cloud")] == DAV_PASSWORD
    pw_file = db.parent / "hook-secret"
    pw_file.write_text("signing secret 77\n")
    code, out, err = _run(
        db,
        capsys,
        "targets",
        "add",
        "hook",
        "--kind",
        "webhook",
        "--url",
        f"https://hooks.example/in?access_token={TOKEN}",
        "--password-file",
        str(pw_file),
    )
    assert (code, err) == (0, "")
    assert "The access_token in the URL was taken out of it" in out
    for listing in (("targets", "list"), ("targets", "list", "--json")):
        code, out, _err = _run(db, capsys, *listing)
        assert code == 0
        assert DAV_PASSWORD not in out
        assert TOKEN not in out
        assert "dav.example" in out
        assert "hooks.example/in" in out
    code, out, _err = _run(db, capsys, "targets", "test", "hook")
    assert TOKEN not in out
    assert DAV_PASSWORD.encode() not in _stored(db)
    assert TOKEN.encode() not in _stored(db)


def test_a_webhook_url_with_a_password_is_refused_in_one_line(db, capsys):
    pw_file = db.parent / "hook-secret"
    pw_file.write_text("signing secret 77\n")
    code, out, err = _run(
        db,
        capsys,
        "targets",
        "add",
        "hook",
        "--kind",
        "webhook",
        "--url",
        f"https://riley:{DAV_PASSWORD}@hooks.example/in",
        "--password-file",
        str(pw_file),
    )
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "A webhook URL cannot hold a user name or password" in err
    assert DAV_PASSWORD not in err + out
    assert DAV_PASSWORD.encode() not in _stored(db)


def test_targets_list_after_a_failed_sync_says_failed_and_why(db, capsys, monkeypatch):
    for name, value in TEAM_KEY_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HIREPARTNER_SECRET_HOOK", "signing secret 77")
    monkeypatch.setenv("HIREPARTNER_SECRET_DOWN", "signing secret 77")
    server = WebhookServer("signing secret 77", fail_first=100)  # answers 500
    closed = free_port()
    try:
        from hirepartner.app import build_services
        from hirepartner.config import sqlite_location

        services = build_services(sqlite_location(db))  # the CLI adds https webhooks only
        for name, url in (("hook", server.url), ("down", f"http://127.0.0.1:{closed}/in")):
            services.sync.add_target(name, "webhook", {"url": url, "allow_http": True})
        services.close()
        code, out, _err = _run(
            db,
            capsys,
            "export",
            "packet",
            "--candidate",
            "1",
            "-o",
            str(db.parent / "p.pdf"),
            "--send",
        )
        assert code == 0, out
        code, out, _err = _run(db, capsys, "sync")
        assert code == 1
        code, out, _err = _run(db, capsys, "targets", "list")
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split() == ["Name", "Kind", "Where", "Pending", "State"]
        assert "failed just now" in lines[1]
        assert "failed just now" in lines[2]
        assert "down: failed just now: nothing answers at 127.0.0.1:" in out
        assert "hook: failed just now: the server had a problem (500)" in out
        assert "Last sync" not in out
        code, out, _err = _run(db, capsys, "targets", "list", "--json")
        listed = {t["name"]: t for t in json.loads(out)}
        assert listed["hook"]["failed"] is True
        assert listed["hook"]["last_error"].startswith("the server had a problem (500)")
    finally:
        server.stop()
