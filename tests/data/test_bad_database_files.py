"""Database files we must not or cannot write: refused on open, in one line, left untouched."""

import hashlib
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

import hirepartner.data.engine as engine_module
from hirepartner.cli import main
from hirepartner.config import sqlite_location
from hirepartner.data.database import Database
from hirepartner.errors import DatabaseOpenError, ForeignSchemaError, SchemaTooNewError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BUSY = "hirepartner: The database is busy (another HirePartner is writing); try again."


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _demo(path: Path) -> Path:
    assert main(["--db", str(path), "demo", "--candidates", "5"]) == 0
    return path


def _writes(db: Path, tmp_path: Path) -> dict[str, list[str]]:
    """The commands the issue found giving a traceback on a read-only database."""
    return {
        "import": ["import", str(SAMPLES / "lever_import.csv"), "--requisition", "1"],
        "erase": ["erase", "--candidate", "nobody@example.com"],
        "targets add": ["targets", "add", "t", "--kind", "folder", "--path", str(tmp_path)],
        "rate-slate": ["rate-slate", "1", "--fit", "3"],
        "goals add": ["goals", "add", "--requisition", "1", "--hires", "1"],
    }


@pytest.fixture
def immutable(tmp_path):
    """Make files immutable with `chattr +i` (stops root too); undone afterwards."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if result.returncode != 0:
            pytest.skip("chattr +i is not available here")
        made.append(path)
        return path

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_an_immutable_database_gives_one_line_for_every_write_command(tmp_path, immutable, capsys):
    db = _demo(tmp_path / "hp.sqlite3")
    before = _digest(db)
    immutable(db)
    capsys.readouterr()
    for name, args in _writes(db, tmp_path).items():
        assert main(["--db", str(db), *args]) == 2, name
        err = capsys.readouterr().err
        assert err.splitlines() == [
            f"hirepartner: Cannot write to the database {db}: the file is read-only for you "
            "(check its permissions and owner, or copy it somewhere you can write)."
        ], name
    assert _digest(db) == before


def _without_root_powers(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI as root stripped of the capabilities that ignore permission bits."""
    drop = "-dac_override,-dac_read_search,-fowner"
    command = ["setpriv", f"--bounding-set={drop}", sys.executable, "-m", "hirepartner", *args]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        pytest.skip("setpriv is not available here")


def test_a_read_only_file_and_a_read_only_folder_are_refused_for_a_normal_user(tmp_path):
    probe = _without_root_powers("--version")
    if probe.returncode != 0:
        pytest.skip(f"cannot drop capabilities here: {probe.stderr.strip()}")
    db = _demo(tmp_path / "hp.sqlite3")
    db.chmod(0o444)
    for args in _writes(db, tmp_path).values():
        result = _without_root_powers("--db", str(db), *args)
        assert result.returncode == 2
        assert result.stderr.splitlines() == [
            f"hirepartner: Cannot write to the database {db}: the file is read-only for you "
            "(check its permissions and owner, or copy it somewhere you can write)."
        ]
    db.chmod(0o600)
    folder = db.parent
    folder.chmod(0o555)
    try:
        result = _without_root_powers("--db", str(db), *_writes(db, tmp_path)["goals add"])
    finally:
        folder.chmod(0o700)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"hirepartner: Cannot write to the database {db}: its folder {folder} is read-only "
        "for you, and HirePartner keeps its journal files beside the database."
    ]


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_foreign_sqlite_file_is_refused_byte_identical(tmp_path, journal):
    path = tmp_path / "invoices.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode={journal}")
    connection.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
    connection.executemany("INSERT INTO invoices VALUES (?, ?)", [(n, n * 9.5) for n in range(50)])
    connection.commit()
    connection.close()
    before = _digest(path)
    with pytest.raises(DatabaseOpenError, match="not a HirePartner one.*invoices"):
        Database(sqlite_location(path))
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["invoices.db"]  # no journal files


def test_an_unknown_schema_revision_is_from_elsewhere_not_newer(tmp_path):
    db = _demo(tmp_path / "hp.sqlite3")
    connection = sqlite3.connect(db)
    connection.execute("UPDATE alembic_version SET version_num = 'a1b2c3d4e5f6'")
    connection.commit()
    connection.close()
    before = _digest(db)
    with pytest.raises(ForeignSchemaError) as info:
        Database(sqlite_location(db))
    assert "from another application or a damaged database" in str(info.value)
    assert "newer" not in str(info.value)
    assert _digest(db) == before
    connection = sqlite3.connect(db)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaTooNewError, match="newer than this HirePartner supports"):
        Database(sqlite_location(db))


def test_an_existing_empty_file_is_made_private_before_it_holds_anything(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    path.chmod(0o644)
    database = Database(sqlite_location(path))
    database.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_writer_that_waits_too_long_gets_one_line_and_readers_never_wait(
    tmp_path, capsys, monkeypatch
):
    db = _demo(tmp_path / "hp.sqlite3")
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another HirePartner in the middle of a long write
    capsys.readouterr()
    try:
        assert main(["--db", str(db), "list", "requisitions"]) == 0
        assert "REQ-" in capsys.readouterr().out
        assert main(["--db", str(db), *_writes(db, tmp_path)["goals add"]]) == 2
        assert capsys.readouterr().err.splitlines() == [BUSY]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert main(["--db", str(db), *_writes(db, tmp_path)["goals add"]]) == 0


def test_a_reading_unit_of_work_cannot_write(tmp_path):
    database = Database(sqlite_location(tmp_path / "hp.sqlite3"))
    try:
        with (
            pytest.raises(Exception, match="readonly database"),
            database.unit_of_work(write=False) as uow,
        ):
            uow.session.execute(
                text("INSERT INTO person (name, role, is_self) VALUES ('A', 'recruiter', 0)")
            )
        with database.unit_of_work(write=False) as uow:
            assert uow.session.execute(text("SELECT count(*) FROM person")).scalar() == 0
    finally:
        database.close()
