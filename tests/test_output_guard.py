"""The output guard: no command writes over the open database, its companions or backups, a
folder, a device or a pipe, nor one file as both PDF and JSON; each says so in one line."""

import hashlib
import io
import json
import os
import shutil
import socket
import sqlite3
import stat
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from hirepartner.cli import main
from hirepartner.files import write_atomically
from hirepartner.output_guard import OutputGuard, OutputRefused

DB_NAME = "hp.sqlite3"


def _json(argv: list[str]) -> list[dict]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(argv) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict:
    """One demo database for the module, and the ids the commands need."""
    folder = tmp_path_factory.mktemp("world")
    db = folder / DB_NAME
    with redirect_stdout(io.StringIO()):
        assert main(["--db", str(db), "demo", "--candidates", "12"]) == 0
    rows = [
        row
        for requisition in _json(["--db", str(db), "list", "requisitions", "--json"])
        for row in _json(
            [
                "--db",
                str(db),
                "list",
                "candidates",
                "--requisition",
                str(requisition["id"]),
                "--json",
            ]
        )
    ]
    hired = next(row["application_id"] for row in rows if row["status"] == "hired")
    first = _json(["--db", str(db), "list", "requisitions", "--json"])[0]
    return {
        "template": db,
        "candidate": _json(["--db", str(db), "list", "candidates", "--json"])[0]["id"],
        "requisition": first["id"],
        "application": rows[0]["application_id"],
        "stage": first["stages"][0]["name"],
        "hired": hired,
    }


@pytest.fixture
def db(world, tmp_path) -> Path:
    """A closed copy of the demo database, with its backups folder beside it."""
    path = tmp_path / DB_NAME
    shutil.copyfile(world["template"], path)
    (tmp_path / "backups").mkdir()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- every refused kind of path ---------------------------------------------------------------


def _database(db: Path) -> Path:
    return db


def _companion(suffix: str):
    def make(db: Path) -> Path:
        return db.with_name(db.name + suffix)

    make.__name__ = suffix
    return make


def _in_backups(db: Path) -> Path:
    return db.parent / "backups" / "mine.pdf"


def _symlink(db: Path) -> Path:
    link = db.parent / "looks-harmless.pdf"
    link.symlink_to(db)
    return link


def _hard_link(db: Path) -> Path:
    link = db.parent / "hard-link.pdf"
    os.link(db, link)
    return link


def _folder(db: Path) -> Path:
    folder = db.parent / "a-folder"
    folder.mkdir()
    return folder


def _fifo(db: Path) -> Path:
    fifo = db.parent / "a-pipe"
    os.mkfifo(fifo)
    return fifo


def _missing_folder(db: Path) -> Path:
    return db.parent / "no-such-folder" / "out.pdf"


REFUSED = {
    "database": (_database, "it is the open database"),
    "wal": (_companion("-wal"), "companion of the open database"),
    "shm": (_companion("-shm"), "companion of the open database"),
    "journal": (_companion("-journal"), "companion of the open database"),
    "lock": (_companion(".lock"), "companion of the open database"),
    "backups": (_in_backups, "keeps the database's safety copies"),
    "symlink": (_symlink, "it is the open database"),
    "hard link": (_hard_link, "it is the open database"),
    "folder": (_folder, "it is a folder"),
    "fifo": (_fifo, "it is a pipe (FIFO)"),
    "missing folder": (_missing_folder, "does not exist"),
}

# Every command that writes a file the user names; OUT is where the path under test goes.
WRITERS = {
    "export packet": ["export", "packet", "--candidate", "{candidate}", "-o", "OUT"],
    "export --json": [
        "export",
        "packet",
        "--candidate",
        "{candidate}",
        "-o",
        "{tmp}/fine.pdf",
        "--json",
        "OUT",
    ],
    "export slate": ["export", "packet", "--requisition", "{requisition}", "-o", "OUT"],
    "export kit": [
        "export",
        "kit",
        "--application",
        "{application}",
        "--stage",
        "{stage}",
        "-o",
        "OUT",
    ],
    "metrics --csv": ["metrics", "--csv", "OUT"],
    "update": ["update", "--requisition", "{requisition}", "-o", "OUT"],
    "success": ["success", "--application", "{hired}", "-o", "OUT"],
    "team-key generate": ["team-key", "generate", "-o", "OUT"],
    "backup": ["backup", "-o", "OUT"],
}


def _argv(writer: str, db: Path, out: str, world: dict) -> list[str]:
    values = {**world, "tmp": db.parent}
    return ["--db", str(db)] + [
        out if part == "OUT" else part.format(**values) for part in WRITERS[writer]
    ]


def _snapshot(path: Path) -> tuple:
    """What a user would notice about a path: what it is, and a file's bytes."""
    if not os.path.lexists(path):
        return ("absent",)
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return ("symlink", os.readlink(path))
    if stat.S_ISREG(mode):
        return ("file", _digest(path))
    return ("other", stat.S_IFMT(mode))


def _one_line_refusal(capsys, code: int, *fragments: str) -> str:
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("kind", REFUSED)
def test_every_writer_refuses_every_protected_path(writer, kind, world, db, capsys, memory_keyring):
    if writer == "backup" and kind == "missing folder":
        pytest.skip("a backup creates its folder")
    make, expected = REFUSED[kind]
    target = make(db)
    before_db, before_target = _digest(db), _snapshot(target)
    code = main(_argv(writer, db, str(target), world))
    _one_line_refusal(capsys, code, expected, str(target))
    assert _digest(db) == before_db, "the database changed"
    assert _snapshot(target) == before_target
    assert not list(db.parent.rglob("*.partial"))
    assert not memory_keyring.store, "a refused team key was stored anyway"
    assert main(["--db", str(db), "check"]) == 0  # and it still opens, whole
    capsys.readouterr()


@pytest.mark.parametrize("writer", WRITERS)
def test_an_empty_path_is_one_line(writer, world, db, capsys):
    with pytest.raises(SystemExit) as exited:
        main(_argv(writer, db, "", world))
    _one_line_refusal(capsys, exited.value.code, "an empty name is not a file")


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "packet", "--candidate", "{candidate}", "-o", "{tmp}/p.pdf", "--json", "{out}"],
        ["update", "--requisition", "{requisition}", "-o", "{out}"],
        ["success", "--application", "{hired}", "-o", "{out}"],
    ],
    ids=["--json is the PDF", "update -o x.json", "success -o x.json"],
)
def test_the_pdf_and_its_json_are_never_one_file(argv, world, db, capsys):
    out = db.parent / ("p.pdf" if "--json" in argv else "p.json")
    values = {**world, "tmp": db.parent, "out": out}
    code = main(["--db", str(db)] + [part.format(**values) for part in argv])
    _one_line_refusal(capsys, code, "must be different files")
    assert not out.exists()


def test_a_link_to_the_pdf_as_its_json_is_refused(world, db, capsys):
    pdf = db.parent / "p.pdf"
    twin = db.parent / "twin.json"
    twin.symlink_to(pdf)
    code = main([*_argv("export --json", db, str(twin), world)[:-3], str(pdf), "--json", str(twin)])
    _one_line_refusal(capsys, code, "must be different files")
    assert not pdf.exists()


def test_an_ordinary_file_is_still_written_and_replaced(world, db, capsys):
    out = db.parent / "packet.pdf"
    out.write_bytes(b"an older packet")
    assert main(_argv("export packet", db, str(out), world)) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    capsys.readouterr()


def test_demo_into_an_open_database_path_as_its_own_output(world, db, capsys):
    """The report that opened the issue: `-o DB` replaced the database with a PDF."""
    before = _digest(db)
    code = main(_argv("export packet", db, str(db), world))
    line = _one_line_refusal(capsys, code, str(db))
    assert "Wrote" not in line
    assert _digest(db) == before
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# -- the guard itself ---------------------------------------------------------------------------


def test_without_a_database_file_the_plain_checks_remain(tmp_path):
    """A PostgreSQL database has no file to protect; folders and pipes are still refused."""
    guard = OutputGuard(None)
    os.mkfifo(tmp_path / "pipe")
    assert "a pipe" in guard.problem(tmp_path / "pipe")
    assert "a folder" in guard.problem(tmp_path)
    assert guard.problem(tmp_path / "new.pdf") == ""
    assert guard.problem(tmp_path / "backups" / "x.pdf") != ""  # its folder does not exist


def test_a_socket_is_refused():
    # A short folder: a socket's path must fit in about 100 bytes.
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        path = Path(folder) / "s"
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(path))
            assert "a socket" in OutputGuard(None).problem(path)
        finally:
            server.close()


def test_another_case_of_the_database_name_is_refused(tmp_path):
    """On macOS and Windows HP.SQLITE3 is the database itself."""
    db = tmp_path / DB_NAME
    db.write_bytes(b"")
    assert "open database" in OutputGuard(db).problem(tmp_path / DB_NAME.upper())


def test_a_refused_batch_writes_none_of_its_files(tmp_path):
    db = tmp_path / DB_NAME
    db.write_bytes(b"data")
    fine = tmp_path / "fine.csv"
    with pytest.raises(OutputRefused, match="open database"):
        write_atomically([(fine, b"a,b\n"), (db, b"a,b\n")], OutputGuard(db))
    assert not fine.exists()
    assert db.read_bytes() == b"data"


def test_an_export_folder_inside_backups_is_refused(tmp_path):
    db = tmp_path / DB_NAME
    (tmp_path / "backups" / "old").mkdir(parents=True)
    guard = OutputGuard(db)
    assert "safety copies" in guard.folder_problem(tmp_path / "backups" / "old")
    assert "does not exist" in guard.folder_problem(tmp_path / "elsewhere")
    assert guard.folder_problem(tmp_path) == ""
