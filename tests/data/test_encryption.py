"""Encryption at rest: no candidate's name or email in the raw bytes of the database, its WAL
or any backup; a wrong passphrase changes nothing; backups stay encrypted and restore."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hirepartner import database_key
from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.backup import timestamped_name
from hirepartner.data.database import Database
from hirepartner.data.schema import SCHEMA_HEAD, run_migration
from hirepartner.database_key import DatabaseKey, WrongKeyError, is_encrypted_file
from hirepartner.errors import HirePartnerError

PASSPHRASE = DatabaseKey.passphrase("correct horse battery staple")


@pytest.fixture(autouse=True)
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """The delay after a wrong passphrase is measured in the CLI tests; here it only slows."""
    monkeypatch.setattr(database_key, "WRONG_KEY_DELAY_S", 0.0)


def personal_data(db: Path, key: DatabaseKey | None = None) -> list[bytes]:
    services = build_services(sqlite_location(db), key=key)
    try:
        candidates = services.pipeline.list_candidates()
    finally:
        services.close()
    words = {c.full_name for c in candidates} | {c.email for c in candidates if c.email}
    assert len(words) > 40
    return sorted(word.encode("utf-8") for word in words)


def hits(paths: list[Path], words: list[bytes]) -> list[tuple[str, bytes]]:
    found = []
    for path in paths:
        data = path.read_bytes()
        found += [(path.name, word) for word in words if word in data]
    return found


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def demo(db: Path, candidates: int = 40) -> None:
    services = build_services(sqlite_location(db))
    try:
        services.fill_demo(candidates, 3)
    finally:
        services.close()


def test_no_name_or_email_in_the_database_its_wal_or_any_backup(tmp_path: Path) -> None:
    db = tmp_path / "hirepartner.sqlite3"
    demo(db)
    words = personal_data(db)
    services = build_services(sqlite_location(db))
    kept = services.maintenance.backup(tmp_path / "backups" / "kept-before.sqlite3")
    # The test can fail: before encryption the file and the backup give everyone away.
    assert hits([db, kept], words)

    done = services.encryption.encrypt(PASSPHRASE)
    assert done.backups_encrypted == 1
    assert services.encryption.status().encrypted
    # Writing after encryption fills the WAL with pages naming the new candidate.
    services.pipeline.add_candidate("Zebulon Quarrington", email="zebulon@quarrington.example")
    words.extend([b"Zebulon Quarrington", b"zebulon@quarrington.example"])
    exported = services.maintenance.backup(tmp_path / "exported" / "copy.sqlite3")
    wal = Path(f"{db}-wal")
    assert wal.stat().st_size > 0
    files = [db, wal, kept, exported]
    try:
        assert hits(files, words) == []
        assert all(is_encrypted_file(path) for path in (db, kept, exported))
    finally:
        services.close()
    # The backup opens with the database's key and holds the new candidate.
    names = {c.full_name for c in _candidates(exported, PASSPHRASE)}
    assert "Zebulon Quarrington" in names
    assert not list(tmp_path.glob(".*")), "no hidden leftovers of the conversion"


def _candidates(db: Path, key: DatabaseKey | None):  # type: ignore[no-untyped-def]
    services = build_services(sqlite_location(db), key=key)
    try:
        return services.pipeline.list_candidates()
    finally:
        services.close()


def test_the_backup_before_a_migration_is_encrypted(tmp_path: Path) -> None:
    db = tmp_path / "hirepartner.sqlite3"
    demo(db)
    words = personal_data(db)
    database = Database(sqlite_location(db))
    run_migration(database.engine, "downgrade", "0008")
    database.encrypt(PASSPHRASE)
    database.close()

    reopened = Database(sqlite_location(db), key=PASSPHRASE)  # upgrades 0008 -> head
    try:
        assert reopened.upgrade_backup is not None
        assert f"before-{SCHEMA_HEAD}" in reopened.upgrade_backup.name
        assert is_encrypted_file(reopened.upgrade_backup)
        assert hits([reopened.upgrade_backup, db], words) == []
    finally:
        reopened.close()


def test_a_wrong_passphrase_changes_no_byte_and_creates_no_file(tmp_path: Path) -> None:
    db = tmp_path / "hirepartner.sqlite3"
    demo(db)
    database = Database(sqlite_location(db))
    database.encrypt(PASSPHRASE)
    database.close()
    before = snapshot(tmp_path)

    for wrong in (DatabaseKey.passphrase("correct horse"), DatabaseKey.random()):
        with pytest.raises(WrongKeyError, match="^wrong passphrase or not a HirePartner database$"):
            build_services(sqlite_location(db), key=wrong)
    assert snapshot(tmp_path) == before
    assert len(_candidates(db, PASSPHRASE)) == 40


def test_a_random_key_opens_without_key_derivation(tmp_path: Path) -> None:
    db = tmp_path / "hirepartner.sqlite3"
    demo(db, 12)
    key = DatabaseKey.random()
    database = Database(sqlite_location(db))
    database.encrypt(key)
    database.close()
    assert len(_candidates(db, key)) == 12
    with pytest.raises(HirePartnerError) as refused:
        build_services(sqlite_location(db))
    assert str(refused.value) == (
        "This database is encrypted: give its passphrase with --passphrase-file or "
        "$HIREPARTNER_PASSPHRASE."
    )


def test_decrypt_writes_a_plain_copy_and_leaves_the_database_encrypted(tmp_path: Path) -> None:
    db = tmp_path / "hirepartner.sqlite3"
    demo(db, 12)
    services = build_services(sqlite_location(db))
    services.encryption.encrypt(PASSPHRASE)
    plain = services.encryption.decrypt_copy(tmp_path / "plain.db")
    services.close()
    assert is_encrypted_file(db)
    connection = sqlite3.connect(plain)
    assert connection.execute("SELECT count(*) FROM candidate").fetchone()[0] == 12
    connection.close()
    assert plain.stat().st_mode & 0o777 == 0o600
    assert len(_candidates(plain, None)) == 12


def test_restore_takes_backups_of_its_own_kind(tmp_path: Path) -> None:
    db = tmp_path / "hirepartner.sqlite3"
    demo(db, 12)
    services = build_services(sqlite_location(db))
    plain_backup = services.maintenance.backup(tmp_path / "plain-backup.sqlite3")
    services.encryption.encrypt(PASSPHRASE)
    encrypted_backup = services.maintenance.backup(tmp_path / "elsewhere" / "b.sqlite3")
    services.pipeline.add_candidate("Added After Backup")
    try:
        with pytest.raises(HirePartnerError, match="is a plain backup and this database is"):
            services.maintenance.restore(plain_backup)
        kept = services.maintenance.restore(encrypted_backup)
        assert kept.name.startswith(timestamped_name(db.stem, "before-restore")[:25])
        assert is_encrypted_file(kept)
        names = {c.full_name for c in services.pipeline.list_candidates()}
        assert "Added After Backup" not in names
        assert len(names) == 12
    finally:
        services.close()


def test_encrypting_twice_is_refused_in_a_sentence(tmp_path: Path) -> None:
    db = tmp_path / "hirepartner.sqlite3"
    demo(db, 5)
    services = build_services(sqlite_location(db))
    try:
        services.encryption.encrypt(PASSPHRASE)
        with pytest.raises(HirePartnerError, match="is already encrypted"):
            services.encryption.encrypt(PASSPHRASE)
    finally:
        services.close()


def test_encrypt_refuses_while_another_process_has_the_file_open(tmp_path: Path) -> None:
    db = tmp_path / "hirepartner.sqlite3"
    demo(db, 5)
    # Another HirePartner on the file: an idle connection in WAL mode, in another process
    # (POSIX locks do not separate connections of one process).
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(db)!r})\n"
            "c.execute('SELECT count(*) FROM candidate').fetchone()\n"
            "print('open', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    database = Database(sqlite_location(db))
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(HirePartnerError, match="is open in another HirePartner"):
            database.encrypt(PASSPHRASE)
        assert not is_encrypted_file(db)
        assert not database.encrypted
        assert not list(tmp_path.glob(".*"))
    finally:
        holder.kill()
        holder.wait()
        database.close()
    assert len(_candidates(db, None)) == 5
