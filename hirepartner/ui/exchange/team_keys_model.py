"""The team's signing keys as a table: who, which fingerprint, and its state in words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase

from hirepartner.domain import role_label
from hirepartner.ui.rows_model import RowsModel
from hirepartner.wording import day, moment

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from hirepartner.services.team_keys import KeyInfo

ModelIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Name", "Email", "Role", "Fingerprint", "State", "Since")
FINGERPRINT_COLUMN, STATE_COLUMN = 3, 4
PENDING_BACKGROUND = QColor("#fef3c7")  # amber: someone waits for you to enroll them
PENDING_TEXT = QColor("#92400e")
GONE_TEXT = QColor("#6b7280")  # revoked and old keys


def state_words(key: KeyInfo, own_key_lost: bool = False) -> str:
    """How a key's state reads to a person."""
    if key.source == "self" and key.state == "active":
        return "this install, lost from the keyring" if own_key_lost else "this install"
    if key.state == "active":
        return "from the manager's roster" if key.source == "roster" else "enrolled"
    return {
        "pending": "waits for enrollment",
        "revoked": "revoked",
        "replaced": "old key",
    }.get(key.state, key.state)


def monospace() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class TeamKeysModel(RowsModel["KeyInfo"]):
    """One row per key known here; pending rows stand out, revoked and old keys are grey."""

    headers = HEADERS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.own_key_lost = False  # set before set_rows
        self._mono = monospace()
        self._bold = QFont()
        self._bold.setBold(True)

    def key(self, row: int) -> KeyInfo | None:
        return self.row_at(row)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        key = self.rows[index.row()]
        column = index.column()
        pending = key.state == "pending"
        gone = key.state in ("revoked", "replaced")
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                key.name or key.email,
                key.email,
                role_label(key.role),
                # Not shown until enrolled: the fingerprint must come from the person, read out
                # from their own app, or the comparison proves nothing.
                "ask them to read it out" if pending else key.fingerprint,
                state_words(key, self.own_key_lost),
                day(key.changed_at.date()),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATE_COLUMN and pending:
                return (
                    "Their key arrived through the exchange. Ask them to read out the "
                    "fingerprint their app shows, and enroll them when it matches."
                )
            return f"First seen {moment(key.seen_at)}; state since {moment(key.changed_at)}"
        if role == Qt.ItemDataRole.FontRole:
            if column == FINGERPRINT_COLUMN:
                return self._mono
            return self._bold if pending else None
        if role == Qt.ItemDataRole.BackgroundRole and pending:
            return QBrush(PENDING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if pending:
                return QBrush(PENDING_TEXT)
            if gone:
                return QBrush(GONE_TEXT)
        return None
