"""Quarantined envelopes in Sync settings: what arrived, failed a check and was never applied."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hirepartner.exchange.envelopes import KIND_WORDS
from hirepartner.ui.rows_model import RowsModel
from hirepartner.wording import moment

if TYPE_CHECKING:
    from hirepartner.services.sync import QuarantinedEnvelope

ModelIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Received", "Kind", "Target", "Reason")
REASON_COLUMN = 3
EMPTY = "Nothing is quarantined."
ABOUT = (
    "An envelope that fails a check (a broken signature, an unknown or revoked key, a damaged "
    "file or payload) is set aside here and never applied; the others go on. If one should "
    "have come through, ask its sender to send it again."
)


def kind_words(kind: str) -> str:
    """An envelope whose seal or signature failed is not read further: its kind is unknown."""
    return KIND_WORDS.get(kind, kind) if kind else "unknown"


class QuarantineModel(RowsModel["QuarantinedEnvelope"]):
    """One row per quarantined envelope, newest first; the reason whole in the tooltip."""

    headers = HEADERS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (moment(item.received_at), kind_words(item.kind), item.target, item.reason)[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.reason}\n\nEnvelope {item.uuid}"
        return None


class QuarantineList(QWidget):
    """The table, or "Nothing is quarantined."; the selected envelope's reason whole below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        about = QLabel(ABOUT)
        about.setWordWrap(True)
        self.model = QuarantineModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Quarantined envelopes")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(EMPTY)
        self.empty.setAccessibleName("Quarantine")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6b7280")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        self.detail = QLabel()
        self.detail.setAccessibleName("Why it was quarantined")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.detail)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.on_selected())

    def show_envelopes(self, items: tuple[QuarantinedEnvelope, ...]) -> None:
        self.model.set_rows(items)
        self.stack.setCurrentWidget(self.table if items else self.empty)
        if items:
            self.table.selectRow(0)
        self.on_selected()

    def on_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            return
        item = self.model.rows[rows[0].row()]
        what = f"A {kind_words(item.kind)}" if item.kind else "An envelope"
        self.detail.setText(
            f"{what} received from {item.target} on {moment(item.received_at)}: {item.reason}. "
            f"Envelope {item.uuid}."
        )
