"""Upkeep of the database file: health check, backup, restore."""

from __future__ import annotations

from pathlib import Path

from hirepartner.data.database import CheckReport, Database
from hirepartner.output_guard import OutputGuard


class MaintenanceService:
    def __init__(self, database: Database) -> None:
        self._database = database

    @property
    def location_display(self) -> str:
        return self._database.location.display

    def check(self) -> CheckReport:
        """integrity_check, foreign_key_check and whether the schema is the newest."""
        return self._database.check()

    @property
    def outputs(self) -> OutputGuard:
        return OutputGuard(self._database.location.path)

    def backup(self, destination: Path) -> Path:
        """A consistent copy at `destination`, which the output guard must allow first."""
        if self._database.is_sqlite:
            (destination,) = self.outputs.check(destination, new_folders=True)
        return self._database.backup_to(destination)

    def restore(self, source: Path) -> Path:
        """Restore `source`; returns the path where the replaced database was kept."""
        return self._database.restore_from(source)
