"""Time to feedback per interviewer for a requisition, with the n behind every figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from hirepartner.ui.dialogs import text_table

if TYPE_CHECKING:
    from hirepartner.services.feedback import FeedbackTime

HEADERS = (
    "Interviewer",
    "Submitted (n)",
    "Median",
    "90th percentile",
    "Within SLA",
    "Pending",
    "Overdue",
)


def _hours(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f} h" if value >= 1 else f"{value * 60:.0f} min"


def _cells(item: FeedbackTime) -> tuple[str, ...]:
    few = f" (n={item.submitted})" if 0 < item.submitted < 3 else ""
    share = "–" if item.within_sla is None else f"{item.within_sla:.0%}{few}"
    return (
        item.interviewer,
        str(item.submitted),
        _hours(item.median_hours) + few,
        _hours(item.p90_hours) + few,
        share,
        str(item.pending),
        str(item.overdue),
    )


class FeedbackTimesDialog(QDialog):
    def __init__(
        self,
        title: str,
        sla_hours: int,
        times: tuple[FeedbackTime, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Time to feedback: {title}")
        note = QLabel(
            f"From interview to submitted scorecard; the agreed SLA is {sla_hours} h. "
            "Figures resting on fewer than 3 scorecards are marked with their n."
        )
        note.setWordWrap(True)
        self.table = text_table(
            HEADERS, [_cells(item) for item in times], "Time to feedback per interviewer"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 380)
