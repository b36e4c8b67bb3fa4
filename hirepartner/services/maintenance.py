"""Upkeep of the database file: health check, backup, restore."""

from __future__ import annotations

from pathlib import Path

from hirepartner.data.database import CheckReport, Database


class MaintenanceService:
    def __init__(self, database: Database) -> None:
        self._database = database

    @property
    def location_display(self) -> str:
        return self._database.location.display

    def check(self) -> CheckReport:
        """integrity_check, foreign_key_check and whether the schema is the newest."""
        return self._database.check()

    def backup(self, destination: Path) -> Path:
        return self._database.backup_to(destination)

    def restore(self, source: Path) -> Path:
        """Restore `source`; returns the path where the replaced database was kept."""
        return self._database.restore_from(source)
