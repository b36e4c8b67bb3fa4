"""`hirepartner requisition close|reopen`: what it says, and one-line refusals with exit 2."""

import json

import pytest

from hirepartner.cli import main


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "demo.sqlite3")
    assert main(["--db", path, "demo", "--candidates", "20", "--seed", "3"]) == 0
    capsys.readouterr()
    return path


def _requisition(db, capsys, code):
    assert main(["--db", db, "list", "requisitions", "--json"]) == 0
    return next(r for r in json.loads(capsys.readouterr().out) if r["code"] == code)


def _one_line_error(capsys):
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_close_as_filled_then_reopen(db, capsys):
    before = _requisition(db, capsys, "REQ-1042")
    assert before["status"] == "open"
    assert before["closed_on"] is None
    code = main(
        ["--db", db, "requisition", "close", str(before["id"]), "--filled", "--note", "Ada starts"]
    )
    assert code == 0
    said = capsys.readouterr().out.strip()
    assert said.startswith("REQ-1042 ")
    assert ": filled " in said
    assert "still in process keep" in said  # the demo has candidates in process there
    closed = _requisition(db, capsys, "REQ-1042")
    assert closed["status"] == "filled"
    assert closed["closed_on"] is not None
    assert closed["close_note"] == "Ada starts"

    assert main(["--db", db, "requisition", "reopen", str(before["id"])]) == 0
    assert capsys.readouterr().out.strip().startswith("Reopened REQ-1042 ")
    reopened = _requisition(db, capsys, "REQ-1042")
    assert (reopened["status"], reopened["closed_on"]) == ("open", None)


def test_refusals_are_one_line_with_exit_2(db, capsys):
    ident = str(_requisition(db, capsys, "REQ-1043")["id"])
    assert main(["--db", db, "requisition", "reopen", ident]) == 2
    assert _one_line_error(capsys) == ("hirepartner: REQ-1043 is open: there is nothing to reopen.")
    assert main(["--db", db, "requisition", "close", ident, "--cancelled"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "requisition", "close", ident, "--filled"]) == 2
    assert "is already cancelled" in _one_line_error(capsys)
    assert main(["--db", db, "requisition", "close", "999", "--filled"]) == 2
    assert _one_line_error(capsys) == "hirepartner: No requisition with id 999."


@pytest.mark.parametrize(
    "args",
    [
        ["requisition", "close", "1"],  # neither --filled nor --cancelled
        ["requisition", "close", "1", "--filled", "--cancelled"],
        ["requisition", "close", "x", "--filled"],
    ],
)
def test_a_wrong_command_line_is_one_line_with_exit_2(db, capsys, args):
    with pytest.raises(SystemExit) as exited:
        main(["--db", db, *args])
    assert exited.value.code == 2
    assert "(see hirepartner requisition close --help)" in _one_line_error(capsys)
