"""`hirepartner import`: a dry run, a real run, and problems that stop everything."""

import json
import re
import sqlite3
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


def test_skip_invalid_imports_the_valid_rows_and_lists_the_skipped(tmp_path, capsys):
    db = str(tmp_path / "hp.db")
    assert main(["--db", db, "demo", "--candidates", "10"]) == 0
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Name,Email\nAna,ana@example.com\nBen,broken\nCid,cid@example.com\n", encoding="utf-8"
    )
    capsys.readouterr()
    before = _slate_size(db, capsys)
    args = ["--db", db, "import", str(path), "--requisition", "2"]
    assert main(args) == 2  # all or nothing without the choice, as before
    assert "1 problem: nothing was imported." in capsys.readouterr().out
    assert _slate_size(db, capsys) == before
    assert main([*args, "--skip-invalid", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert (
        "Dry run: 2 to create, 0 to update, 0 to add to the requisition; 1 row with problems" in out
    )
    assert main([*args, "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "  skipped: mixed.csv, row 3, column 'Email': 'broken' is not an email address" in out
    assert re.search(
        r"^Imported 2 candidates into REQ-\d+; skipped 1 row with problems \(3\)\.$", out, re.M
    )
    assert _slate_size(db, capsys) == before + 2


def test_skip_invalid_does_not_pass_a_problem_of_the_whole_file(tmp_path, capsys):
    db = str(tmp_path / "hp.db")
    assert main(["--db", db, "demo", "--candidates", "10"]) == 0
    path = tmp_path / "nameless.csv"
    path.write_text("Kandidat,Email\nAna,ana@example.com\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", db, "import", str(path), "--requisition", "2", "--skip-invalid"]) == 2
    out = capsys.readouterr().out
    assert "1 problem (a problem of the whole file): nothing was imported." in out


def test_control_characters_never_reach_the_terminal(tmp_path, capsys):
    db = tmp_path / "hp.db"
    assert main(["--db", str(db), "demo", "--candidates", "10"]) == 0
    path = tmp_path / "evil.csv"
    path.write_text("Name,Email\n\x1b]0;pwned\x07Eve,eve@example.com\n", encoding="utf-8")
    assert main(["--db", str(db), "import", str(path), "--requisition", "2"]) == 0
    # A name stored before imports stripped controls, or written by another program.
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE candidate SET full_name = ? WHERE email = ?",
                           ("\x1b]0;pwned\x07Old\x9b", "eve@example.com"))  # fmt: skip
    capsys.readouterr()
    for listing in (["list", "candidates"], ["list", "candidates", "--json"]):
        assert main(["--db", str(db), *listing]) == 0
        out = capsys.readouterr().out
        assert not any(ch in out for ch in "\x1b\x07\x9b")
        assert "\\u001b]0;pwned\\u0007Old\\u009b" in out
    assert main(["--db", str(db), "list", "candidates", "--json"]) == 0
    names = {c["full_name"] for c in json.loads(capsys.readouterr().out)}
    assert "\x1b]0;pwned\x07Old\x9b" in names  # the JSON still holds the exact value
