"""One application-wide broadcast of what changed; each view refreshes itself from it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Change:
    """What a write touched: its kind ("application", "candidate", "requisition", "all")."""

    kind: str
    requisition_id: int | None = None
    application_id: int | None = None


class ChangeBus(QObject):
    changed = Signal(object)

    def announce(self, change: Change) -> None:
        self.changed.emit(change)
