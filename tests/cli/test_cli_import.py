"""`hirepartner import`: a dry run, a real run, and problems that stop everything."""

import json
import re
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
    out = capsys.readouterr().out
    assert re.search(r"^Imported 20 candidates into REQ-\d+ \(20 resumes matched\)\.$", out, re.M)
    assert "20 created, 0 updated, 0 added to the requisition, 0 merged; 20 resumes stored" in out
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


def test_possible_duplicates_are_warned_then_kept_or_merged(tmp_path, capsys):
    db = str(tmp_path / "hp.db")
    assert main(["--db", db, "demo", "--candidates", "10"]) == 0
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text("Full name,Email\nAda Lovelace,ada@old.example\n", encoding="utf-8")
    new.write_text("Full name,Email\nada lovelace,ada@new.example\n", encoding="utf-8")
    assert main(["--db", db, "import", str(old), "--requisition", "1"]) == 0
    capsys.readouterr()
    before = _slate_size(db, capsys)
    args = ["--db", db, "import", str(new), "--requisition", "1"]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "warning: possible duplicate of Ada Lovelace <ada@old.example> (keep both)" in out
    assert "Dry run: 1 to create, 0 to update" in out
    assert main([*args, "--dry-run", "--duplicates", "merge"]) == 0
    out = capsys.readouterr().out
    assert "(merge)" in out
    assert "Dry run: 0 to create, 1 to update" in out
    assert main([*args, "--duplicates", "merge"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^Imported 1 candidate into REQ-\d+ \(1 merged with an existing", out, re.M)
    assert _slate_size(db, capsys) == before  # Ada stays one candidate
