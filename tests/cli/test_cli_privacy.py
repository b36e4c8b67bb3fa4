"""`hirepartner audit` and `export subject` answer an unknown candidate the same way."""

from hirepartner.cli import main


def test_audit_of_an_unknown_candidate_says_so_as_subject_export_does(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo", "--candidates", "8", "--seed", "3"]) == 0
    capsys.readouterr()

    zip_path = str(tmp_path / "subject.zip")
    exported = main(["--db", db, "export", "subject", "--candidate", "99999", "-o", zip_path])
    export_err = capsys.readouterr().err
    assert main(["--db", db, "audit", "--candidate", "99999"]) == exported == 2
    audited = capsys.readouterr()
    assert audited.out == ""
    assert audited.err == export_err == "hirepartner: No candidate with id 99999.\n"

    assert main(["--db", db, "audit", "--person", "99999"]) == 2
    assert capsys.readouterr().err == "hirepartner: No person with id 99999.\n"

    assert main(["--db", db, "audit", "--candidate", "1", "--limit", "3"]) == 0
    assert "Candidate" in capsys.readouterr().out


def test_an_erased_candidates_trail_still_reads(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo", "--candidates", "8", "--seed", "3"]) == 0
    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location

    services = build_services(sqlite_location(tmp_path / "demo.sqlite3"))
    try:
        services.privacy.erase(2, "They asked us to.")
    finally:
        services.close()
    capsys.readouterr()
    assert main(["--db", db, "audit", "--candidate", "2"]) == 0
    listed = capsys.readouterr().out
    assert "Erased" in listed
    assert "candidate 2" in listed  # the name is gone; the record it was about is said


def test_retention_says_one_fact_a_line(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo", "--candidates", "8", "--seed", "3"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "retention", "set", "--off"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Retention: no general period is set.",
        "Runs: the app asks before each run.",
    ]
    assert main(["--db", db, "retention", "set", "--months", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Retention: candidates not hired are anonymised 1 month after their last application "
        "closed."
    )
