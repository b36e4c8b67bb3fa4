"""One application-wide broadcast of what changed; each view refreshes itself from it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from hirepartner.services.changes import ChangeKind, Changes

__all__ = ["Change", "ChangeBus", "ChangeKind", "notices"]


@dataclass(frozen=True)
class Change:
    """What a write touched: its kind, and which requisition or application."""

    kind: ChangeKind
    requisition_id: int | None = None
    application_id: int | None = None


def notices(changes: Changes) -> tuple[Change, ...]:
    """The notices a use case's returned Changes make: one per application, requisition or
    other kind touched."""
    found: list[Change] = []
    if ChangeKind.ALL in changes.kinds:
        return (Change(ChangeKind.ALL),)
    if ChangeKind.APPLICATION in changes.kinds:
        requisition = next(iter(changes.requisition_ids), None)
        found += [
            Change(ChangeKind.APPLICATION, requisition, ident)
            for ident in sorted(changes.application_ids)
        ] or [Change(ChangeKind.APPLICATION)]
    if ChangeKind.REQUISITION in changes.kinds:
        found += [
            Change(ChangeKind.REQUISITION, requisition_id=ident)
            for ident in sorted(changes.requisition_ids)
        ]
    found += [Change(kind) for kind in sorted(changes.kinds) if kind is ChangeKind.TEAM]
    return tuple(found)


class ChangeBus(QObject):
    changed = Signal(object)

    def announce(self, change: Change) -> None:
        self.changed.emit(change)

    def announce_changes(self, changes: Changes) -> None:
        """Announce what a use case returned as changed."""
        for change in notices(changes):
            self.changed.emit(change)
