"""`hirepartner metrics`, `goals`, `rate-slate` and `update` from the command line."""

import json

from pdf_reading import pdf_text

from hirepartner.cli import main


def test_metrics_goals_and_the_weekly_update(tmp_path, capsys):
    db = str(tmp_path / "hp.db")
    assert main(["--db", db, "demo", "--candidates", "40"]) == 0
    assert (
        main(
            [
                "--db",
                db,
                "goals",
                "add",
                "--requisition",
                "1",
                "--feedback-hours",
                "24",
                "--share",
                "90",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "--db",
                db,
                "goals",
                "add",
                "--requisition",
                "1",
                "--stage",
                "Onsite",
                "--count",
                "3",
                "--by",
                "2027-03-01",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--db", db, "metrics", "--requisition", "1"]) == 0
    out = capsys.readouterr().out
    assert "Time to feedback: median" in out
    assert "Goal 1: Feedback within 24 h for 90% of interviews" in out
    assert "3 candidates at Onsite by 01 Mar 2027" in out
    assert main(["--db", db, "metrics", "--csv", str(tmp_path / "m.csv")]) == 0
    assert (tmp_path / "m.csv").read_text(encoding="utf-8").startswith("section,item")
    assert (
        main(
            [
                "--db",
                db,
                "update",
                "--requisition",
                "1",
                "--since",
                "2026-01-01",
                "-o",
                str(tmp_path / "u.pdf"),
            ]
        )
        == 0
    )
    assert "weekly update" in capsys.readouterr().out
    assert "What moved" in pdf_text((tmp_path / "u.pdf").read_bytes())
    assert json.loads((tmp_path / "u.json").read_text())["schema"].endswith("packet-summary/v1")


def test_mistakes_are_one_line(tmp_path, capsys):
    db = str(tmp_path / "hp.db")
    assert main(["--db", db, "demo", "--candidates", "10"]) == 0
    capsys.readouterr()
    assert (
        main(["--db", db, "goals", "add", "--requisition", "1", "--stage", "Lunch", "--count", "2"])
        == 2
    )
    assert "'Lunch' is not a stage" in capsys.readouterr().err
    assert main(["--db", db, "goals", "add", "--requisition", "999", "--hires", "1"]) == 2
    assert capsys.readouterr().err == "hirepartner: No requisition with id 999.\n"
    assert main(["--db", db, "goals", "remove", "99999"]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "hirepartner: No goal with id 99999.\n")
    assert main(["--db", db, "rate-slate", "99999", "--fit", "3"]) == 2
    assert "there is no slate 99999" in capsys.readouterr().err
