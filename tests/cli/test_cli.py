"""The command line as a user meets it: output, exit codes, and one-line errors."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hirepartner import __version__
from hirepartner.cli import main
from hirepartner.data.schema import known_revisions


def hp(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hirepartner", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_version_and_help():
    assert hp("--version").stdout.strip() == f"hirepartner {__version__}"
    helped = hp("--help").stdout
    for command in ("demo", "list", "check", "backup", "restore", "--db", "--database-url"):
        assert command in helped


def test_demo_then_check_then_list(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo", "--candidates", "40", "--seed", "5"]) == 0
    assert "40 candidates" in capsys.readouterr().out
    assert main(["--db", db, "check"]) == 0
    checked = capsys.readouterr().out
    assert "Integrity:     ok" in checked
    assert "Encryption:    not encrypted" in checked.splitlines()

    assert main(["--db", db, "list", "requisitions", "--json"]) == 0
    requisitions = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in requisitions] == ["REQ-1042", "REQ-1043", "REQ-1044", "REQ-1045"]
    assert requisitions[0]["stages"][0]["name"] == "Application review"

    assert main(["--db", db, "list", "candidates", "--json"]) == 0
    candidates = json.loads(capsys.readouterr().out)
    assert len(candidates) == 40
    assert {"渡辺 健二", "Ольга Иванова", "فاطمة السيد"} <= {c["full_name"] for c in candidates}

    assert main(["--db", db, "list", "candidates", "--requisition", "1", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows
    assert all(row["stage"] for row in rows)
    assert main(["--db", db, "list", "candidates", "--requisition", "1"]) == 0
    assert "Stage" in capsys.readouterr().out.splitlines()[0]


def test_the_same_seed_gives_the_same_world(tmp_path, capsys):
    worlds = []
    for name in ("a.sqlite3", "b.sqlite3"):
        db = str(tmp_path / name)
        main(["--db", db, "demo", "--candidates", "30", "--seed", "11"])
        capsys.readouterr()
        main(["--db", db, "list", "candidates", "--requisition", "1", "--json"])
        worlds.append(
            [
                (r["full_name"], r["stage"], r["average_score"])
                for r in json.loads(capsys.readouterr().out)
            ]
        )
    assert worlds[0] == worlds[1]


def test_demo_refuses_a_database_that_already_has_requisitions(tmp_path):
    db = str(tmp_path / "demo.sqlite3")
    assert hp("--db", db, "demo", "--candidates", "5").returncode == 0
    assert_one_line_error(hp("--db", db, "demo"), "already holds requisitions")


def test_backup_and_restore(tmp_path, capsys):
    db = str(tmp_path / "hp.sqlite3")
    main(["--db", db, "demo", "--candidates", "12"])
    backup = tmp_path / "copy.sqlite3"
    assert main(["--db", db, "backup", "-o", str(backup)]) == 0
    assert backup.exists()
    assert main(["--db", str(tmp_path / "fresh.sqlite3"), "restore", str(backup)]) == 0
    capsys.readouterr()
    main(["--db", str(tmp_path / "fresh.sqlite3"), "list", "candidates", "--json"])
    assert len(json.loads(capsys.readouterr().out)) == 12


def test_the_env_var_names_the_database(tmp_path):
    db = tmp_path / "from-env.sqlite3"
    missing = hp("list", "requisitions", env={"HIREPARTNER_DB": str(db)})
    assert missing.returncode == 2  # named, but not there: said, and not created
    assert str(db) in missing.stderr
    assert not db.exists()
    assert hp("demo", "--candidates", "12", env={"HIREPARTNER_DB": str(db)}).returncode == 0
    listed = hp("list", "requisitions", "--json", env={"HIREPARTNER_DB": str(db)})
    assert listed.returncode == 0
    assert json.loads(listed.stdout)


def test_a_mistyped_database_path_is_refused_not_created(tmp_path, capsys):
    """`check` on a typo used to create an empty database and report it healthy."""
    typo = tmp_path / "nothere.db"
    assert main(["--db", str(typo), "check"]) == 2
    error = capsys.readouterr().err
    assert f"there is no database at {typo}" in error
    assert len(error.strip().splitlines()) == 1
    assert not typo.exists()


@pytest.mark.parametrize(
    ("setup", "args", "fragments"),
    [
        ("none", ["restore", "{tmp}/missing.sqlite3"], ["No backup file at", "missing.sqlite3"]),
        ("fresh", ["list", "candidates", "--requisition", "77"], ["No requisition with id 77"]),
        ("garbage", ["check"], ["is not a HirePartner database"]),
        ("newer", ["check"], ["schema 0099", f"schema {known_revisions()[1]}", "newer"]),
        ("none", ["--db", "/proc/nope/hp.sqlite3", "check"], ["no database at /proc/nope"]),
        ("none", ["--db", "/proc/nope/hp.sqlite3", "demo"], ["Cannot create the database"]),
    ],
)
def test_user_errors_are_one_clear_line(tmp_path, setup, args, fragments):
    db = tmp_path / "hp.sqlite3"
    if setup == "garbage":
        db.write_bytes(b"%PDF-1.4 not a database at all")
    if setup in ("fresh", "newer"):
        assert hp("--db", str(db), "demo", "--candidates", "1").returncode == 0
    if setup == "newer":
        connection = sqlite3.connect(db)
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
        connection.commit()
        connection.close()
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if argv[0] != "--db":
        argv = ["--db", str(db), *argv]
    assert_one_line_error(hp(*argv), *fragments)


def test_ctrl_c_during_demo_leaves_no_half_written_database(tmp_path):
    db = tmp_path / "hp.sqlite3"
    wal = Path(f"{db}-wal")
    process = subprocess.Popen(
        [sys.executable, "-m", "hirepartner", "--db", str(db), "demo", "--candidates", "20000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 90
    # Wait until the insert transaction is spilling pages to the WAL: mid-write.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 4_000_000:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the demo finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted; nothing was written" in err
    assert "Traceback" not in err
    connection = sqlite3.connect(db)
    counts = [
        connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("candidate", "requisition", "person", "resume")
    ]
    integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    assert counts == [0, 0, 0, 0]
    assert integrity == "ok"


def test_calibration_prints_the_figures_the_issue_names_as_json(tmp_path, capsys):
    db = str(tmp_path / "c.db")
    # 120: a panel where every competency has 2+ candidates rated by 2+ interviewers (at 60
    # the demo's first requisition has too few for α on any competency).
    assert main(["--db", db, "demo", "--candidates", "120"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "calibration", "--requisition", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    figure_keys = {"value", "ci_low", "ci_high", "n_subjects", "n_raters", "band", "perfect"}
    for row in [*data["competencies"], data["overall"]]:
        for name in ("icc21", "icc2k", "alpha"):
            assert row[name] is None or set(row[name]) == figure_keys
    assert any(row["alpha"] for row in data["competencies"])
    for person in data["interviewers"]:
        assert set(person) == {"name", "mean_deviation", "se", "n", "label"}
        assert person["label"] in {"lenient", "severe", "in_line", "too_few"}
        if person["n"] < 5:
            assert person["label"] == "too_few"
    assert main(["--db", db, "calibration"]) == 0
    text = capsys.readouterr().out
    assert "Calibration: All requisitions" in text
    assert "ICC(2,1)" in text
