"""Ids and counts out of range, and unsupported databases: one line and exit 2, never an
OverflowError or a traceback, and nothing written."""

import io
from contextlib import redirect_stdout

import pytest

from hirepartner.cli import main

HUGE = "99999999999999999999999"  # beyond SQLite's 64-bit integers


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("numbers") / "demo.db"
    with redirect_stdout(io.StringIO()):
        assert main(["--db", str(db), "demo", "--candidates", "12"]) == 0
    return db


def _one_line(capsys, code: int, *fragments: str) -> str:
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.err
    assert "Error" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exited:  # argparse's refusals
        code = exited.code
    assert isinstance(code, int)
    return code


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "{tmp}/slate.csv", "--requisition", HUGE],
        ["list", "candidates", "--requisition", HUGE],
        ["export", "packet", "--candidate", HUGE, "-o", "{tmp}/p.pdf"],
        ["export", "packet", "--requisition", HUGE, "-o", "{tmp}/p.pdf"],
        ["export", "kit", "--application", HUGE, "--stage", "Onsite", "-o", "{tmp}/k.pdf"],
        ["goals", "add", "--requisition", HUGE, "--hires", "1"],
        ["goals", "add", "--requisition", "1", "--hires", "100000000000000000000000"],
        ["goals", "add", "--requisition", "1", "--stage", "Onsite", "--count", HUGE],
        ["goals", "add", "--requisition", "1", "--feedback-hours", HUGE],
        ["goals", "list", "--requisition", HUGE],
        ["goals", "remove", HUGE],
        ["metrics", "--requisition", HUGE],
        ["rate-slate", HUGE, "--fit", "3"],
        ["rate-slate", "1", "--fit", HUGE],
        ["update", "--requisition", HUGE, "-o", "{tmp}/u.pdf"],
        ["success", "--application", HUGE, "-o", "{tmp}/s.pdf"],
        ["list", "candidates", "--requisition", "1" + "0" * 5000],
    ],
    ids=lambda argv: " ".join(a for a in argv if not a.startswith("{"))[:60],
)
def test_an_id_or_count_beyond_64_bits_is_one_line(argv, demo_db, tmp_path, capsys):
    (tmp_path / "slate.csv").write_text("Name,Email\nAda Lovelace,ada@example.com\n")
    args = [part.format(tmp=tmp_path) for part in argv]
    line = _one_line(capsys, _run(["--db", str(demo_db), *args]), "out of range")
    assert len(line) < 300  # a 5,000-digit number is not echoed whole
    assert not list(tmp_path.glob("*.pdf"))


def test_a_word_for_an_id_is_one_line(demo_db, capsys):
    code = _run(["--db", str(demo_db), "goals", "remove", "seven"])
    _one_line(capsys, code, "'seven' is not a whole number")


def test_goals_for_a_missing_requisition_or_goal_are_refused(demo_db, capsys):
    code = main(["--db", str(demo_db), "goals", "add", "--requisition", "999", "--hires", "1"])
    _one_line(capsys, code, "No requisition with id 999")
    code = main(["--db", str(demo_db), "goals", "remove", "99999"])
    line = _one_line(capsys, code, "No goal with id 99999")
    assert "Removed" not in line


def test_demo_size_is_bounded(tmp_path, capsys):
    db = tmp_path / "big.db"
    code = _run(["--db", str(db), "demo", "--candidates", "1000000000"])
    _one_line(capsys, code, "1000000000 is out of range", "100,000")
    assert not db.exists()  # refused before anything was created


def test_the_demo_service_bounds_it_too(services):
    from hirepartner.errors import HirePartnerError

    with pytest.raises(HirePartnerError, match="from 1 to 100,000 candidates"):
        services.fill_demo(100_001, 7)


@pytest.mark.parametrize(
    ("url", "fragments"),
    [
        ("mysql://hiring:s3cret@db.example.com/hp", ("unsupported database", "mysql", "***")),
        ("oracle://scott@example.com/hp", ("unsupported database", "oracle")),
        ("not a url", ("is not a database URL",)),
    ],
)
def test_an_unsupported_database_url_is_one_line(url, fragments, capsys):
    line = _one_line(capsys, main(["--database-url", url, "list", "requisitions"]), *fragments)
    assert "s3cret" not in line
