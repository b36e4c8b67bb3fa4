"""The Audit window: who did what and when, newest first, filterable by candidate and by
person; it says whether the hash chain holds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hirepartner.ui.ops import BackgroundOps, TaskState
from hirepartner.ui.rows_model import ModelIndex, RowsModel

if TYPE_CHECKING:
    from hirepartner.services.audit import AuditCandidate, AuditPerson, AuditRow


class AuditModel(RowsModel[Any]):
    headers = ("When", "Who", "What", "Candidate", "About", "Detail")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.item(index)
        if row is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = (
            f"{row.at:%Y-%m-%d %H:%M}",
            row.actor or "—",
            row.action_text,
            row.candidate,
            row.about_text,
            row.detail_text,
        )
        return values[index.column()]


class AuditWindow(QDialog):
    def __init__(
        self,
        audit: Any,
        ops: BackgroundOps,
        people: tuple[AuditPerson, ...],
        candidates: tuple[AuditCandidate, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit log")
        self.audit, self.ops = audit, ops
        self.candidate = QComboBox()
        self.candidate.setAccessibleName("Candidate")
        self.candidate.addItem("Every candidate", None)
        for candidate in candidates:
            self.candidate.addItem(candidate.name, candidate.id)
        self.person = QComboBox()
        self.person.setAccessibleName("Person")
        self.person.addItem("Everyone", None)
        for person in people:
            self.person.addItem(person.name, person.id)
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.status = QLabel()
        self.chain = QLabel()
        self.chain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Candidate:"))
        filters.addWidget(self.candidate, 1)
        filters.addWidget(QLabel("Person:"))
        filters.addWidget(self.person, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.chain)
        layout.addWidget(buttons)
        self._connect_signals()
        self.resize(980, 600)
        self.reload()
        self.verify()

    def _connect_signals(self) -> None:
        self.candidate.currentIndexChanged.connect(self.reload)
        self.person.currentIndexChanged.connect(self.reload)

    def reload(self) -> None:
        candidate, person = self.candidate.currentData(), self.person.currentData()
        self.ops.run(lambda _s: self.audit.events(candidate, person), label="audit").on_success(
            self.on_loaded
        ).start()

    def on_loaded(self, rows: tuple[AuditRow, ...]) -> None:
        self.model.set_rows(rows)
        for column, width in enumerate((130, 140, 220, 170, 120)):
            self.table.setColumnWidth(column, width)
        self.status.setText(f"{len(rows)} events" if len(rows) != 1 else "1 event")

    def verify(self) -> None:
        def check(_state: TaskState) -> Any:
            return self.audit.verify_chain()

        def show(report: Any) -> None:
            if report.ok:
                self.chain.setText(f"The audit chain holds ({report.events} events checked).")
            else:
                self.chain.setStyleSheet("color: #b91c1c")
                self.chain.setText(f"The audit chain is broken: {report.problem}.")

        self.ops.run(check, label="verify audit").on_success(show).start()
