"""My interviews: what I must score, with due times from the feedback SLA."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from hirepartner.ui.dialogs import text_table

if TYPE_CHECKING:
    from hirepartner.services.scorecards import InterviewItem

HEADERS = ("Candidate", "Requisition", "Stage", "Interview", "Feedback due", "Status")


class MyInterviewsDialog(QDialog):
    open_requested = Signal(int)  # scorecard id

    def __init__(self, items: tuple[InterviewItem, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My interviews")
        self.items = items
        due = sum(1 for item in items if item.status == "draft")
        late = sum(1 for item in items if item.overdue)
        summary = QLabel(f"{due} to score, {late} overdue. Double-click one to open its scorecard.")
        rows = [
            (
                item.candidate,
                item.requisition,
                item.stage,
                f"{item.interview_at:%d %b %H:%M}" if item.interview_at else "–",
                f"{item.due_at:%d %b %H:%M}" if item.due_at else "–",
                "overdue" if item.overdue else item.status,
            )
            for item in items
        ]
        self.table = text_table(HEADERS, rows, "My interviews")
        for row, item in enumerate(items):
            if item.overdue:
                for column in range(len(HEADERS)):
                    cell = self.table.item(row, column)
                    if cell is not None:
                        cell.setForeground(QColor("#c2410c"))
        self.table.cellDoubleClicked.connect(
            lambda row, _column: self.open_requested.emit(self.items[row].scorecard_id)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 480)
