"""`hirepartner targets`, `sync`, `team-key` and `erase` from the command line."""

import json
import os
import subprocess
import sys

from hirepartner.cli import main


def hp(db, *args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "hirepartner", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_targets_sync_and_erase_with_the_team_key_from_the_environment(tmp_path, capsys):
    db = tmp_path / "hp.db"
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    assert main(["--db", str(db), "demo", "--candidates", "10"]) == 0
    assert (
        main(
            ["--db", str(db), "targets", "add", "team", "--kind", "folder", "--path", str(exchange)]
        )
        == 0
    )
    assert main(["--db", str(db), "targets", "list", "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "list", "candidates", "--json"]) == 0
    email = next(c["email"] for c in json.loads(capsys.readouterr().out) if c["email"])
    assert main(["--db", str(db), "erase", "--candidate", email]) == 0
    assert "an erasure goes to every target" in capsys.readouterr().out
    # No keyring in a script: the signing key comes from the environment, like the team key.
    made = hp(db, "team", "new-key", "--print")
    assert made.returncode == 0, made.stderr
    private_key, fingerprint_line = made.stdout.splitlines()
    env = {
        "HIREPARTNER_TEAM_KEY": "a team key long enough for HMAC",
        "HIREPARTNER_SIGNING_KEY": private_key,
    }
    synced = hp(db, "sync", env=env)
    assert synced.returncode == 0, synced.stderr
    # the erasure, and (first sync) the manager's key announcement and roster
    assert "Sync: sent 3, received 0" in synced.stdout
    kinds = sorted(json.loads(p.read_bytes())["kind"] for p in exchange.glob("*.envelope.json"))
    assert kinds == ["erasure", "member_key", "roster"]
    for path in exchange.iterdir():
        text = path.read_text()
        assert "a team key long enough" not in text
        assert private_key not in text
    shown = hp(db, "team", "key", env=env)
    assert fingerprint_line.split()[-1] in shown.stdout


def test_sync_without_a_key_is_one_clear_line(tmp_path):
    db = tmp_path / "hp.db"
    hp(db, "demo", "--candidates", "5")
    result = hp(db, "sync", env={"HIREPARTNER_TEAM_KEY": ""})
    assert result.returncode == 2
    assert "No team key is stored or set $HIREPARTNER_TEAM_KEY" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_target_that_needs_a_secret_asks_for_a_file_when_not_interactive(tmp_path):
    db = tmp_path / "hp.db"
    hp(db, "demo", "--candidates", "5")
    result = hp(
        db,
        "targets",
        "add",
        "dav",
        "--kind",
        "webdav",
        "--url",
        "https://dav.example/x/",
        "--username",
        "hana",
    )
    assert result.returncode == 2
    assert "--password-file or $HIREPARTNER_SECRET_DAV" in result.stderr
    missing = hp(db, "targets", "add", "box", "--kind", "folder")
    assert "a folder target needs its path" in missing.stderr
