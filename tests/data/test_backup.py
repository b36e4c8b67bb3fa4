"""Backups are consistent private copies; restore refuses what it cannot trust."""

import sqlite3
import stat

import pytest

from hirepartner.errors import HirePartnerError, SchemaTooNewError


def _names(path):
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT full_name FROM candidate ORDER BY 1")]
    finally:
        connection.close()


def test_backup_then_restore_brings_back_the_data(services, tmp_path):
    services.pipeline.add_candidate("Ada Lovelace")
    backup = services.maintenance.backup(tmp_path / "out" / "copy.sqlite3")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert _names(backup) == ["Ada Lovelace"]

    services.pipeline.add_candidate("Grace Hopper")
    kept = services.maintenance.restore(backup)
    assert [c.full_name for c in services.pipeline.list_candidates()] == ["Ada Lovelace"]
    assert _names(kept) == ["Ada Lovelace", "Grace Hopper"]  # what restore replaced is kept
    assert services.maintenance.check().ok


def test_restore_refuses_a_missing_file(services, tmp_path):
    with pytest.raises(HirePartnerError, match="No backup file at .*missing.sqlite3"):
        services.maintenance.restore(tmp_path / "missing.sqlite3")


def test_restore_refuses_a_file_that_is_not_a_database(services, tmp_path):
    services.pipeline.add_candidate("Ada Lovelace")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"PK\x03\x04 this is a zip, not a database")
    with pytest.raises(HirePartnerError, match="junk.sqlite3 is not a HirePartner database"):
        services.maintenance.restore(junk)
    assert [c.full_name for c in services.pipeline.list_candidates()] == ["Ada Lovelace"]


def test_restore_refuses_a_backup_from_a_newer_version(services, tmp_path):
    backup = services.maintenance.backup(tmp_path / "copy.sqlite3")
    connection = sqlite3.connect(backup)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaTooNewError, match="0099"):
        services.maintenance.restore(backup)


def test_check_reports_a_healthy_database(services):
    report = services.maintenance.check()
    assert report.ok
    assert report.integrity == ("ok",)
    assert report.schema_current == report.schema_head
