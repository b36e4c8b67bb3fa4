"""`hirepartner import`: a dry run, a real run, and problems that stop everything."""

import json
from pathlib import Path

from hirepartner.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_dry_run_then_import(tmp_path, capsys):
    db = str(tmp_path / "hp.db")
    assert main(["--db", db, "demo", "--candidates", "10"]) == 0
    capsys.readouterr()
    args = [
        "--db",
        db,
        "import",
        str(SAMPLES / "greenhouse_bulk_import.csv"),
        "--requisition",
        "2",
        "--resumes",
        str(SAMPLES / "resumes.zip"),
    ]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Greenhouse bulk import" in out
    assert "Dry run: 20 to create" in out
    before = _slate_size(db, capsys)
    assert main(args) == 0
    assert "Imported: 20 created, 0 updated, 20 resumes attached" in capsys.readouterr().out
    assert _slate_size(db, capsys) == before + 20


def _slate_size(db, capsys) -> int:
    assert main(["--db", db, "list", "candidates", "--requisition", "2", "--json"]) == 0
    return len(json.loads(capsys.readouterr().out))


def test_problems_are_listed_and_nothing_is_written(tmp_path, capsys):
    db = str(tmp_path / "hp.db")
    assert main(["--db", db, "demo", "--candidates", "10"]) == 0
    path = tmp_path / "bad.csv"
    path.write_text("Name,Email\nA,a@example.com\nB,broken\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", db, "import", str(path), "--requisition", "1"]) == 2
    out = capsys.readouterr().out
    assert "bad.csv, row 3, column 'Email': 'broken' is not an email address" in out
    assert "nothing was imported" in out
    assert main(["--db", db, "import", str(path), "--requisition", "1", "--map", "x=y"]) == 2
    assert "--map: 'x=y' is not FIELD=COLUMN" in capsys.readouterr().err
