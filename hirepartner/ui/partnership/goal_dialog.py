"""One goal agreed with the recruiter: its kind, and only the fields that kind needs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hirepartner.errors import HirePartnerError
from hirepartner.services.goals import (
    CANDIDATES_AT_STAGE,
    FEEDBACK_SLA,
    GOAL_KIND_LABELS,
    HIRES,
)

if TYPE_CHECKING:
    from hirepartner.services.goals import GoalInfo, StageChoice


def _spin(low: int, high: int, value: int, suffix: str, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    return spin


class GoalDialog(QDialog):
    """Add or change a goal; stays open with the reason when the save fails."""

    submitted = Signal(object)  # the service's keyword arguments: kind, share, hours, …

    def __init__(
        self,
        requisition: str,
        stages: tuple[StageChoice, ...],
        goal: GoalInfo | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{'Change' if goal else 'Add'} a goal: {requisition}")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of goal")
        for kind, label in GOAL_KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.hours = _spin(1, 24 * 14, goal.hours or 24 if goal else 24, " h", "Hours")
        share = round((goal.share or 0.9) * 100) if goal else 90
        self.share = _spin(1, 100, share, " %", "Share of interviews")
        self.count = _spin(1, 999, goal.count or 1 if goal else 1, "", "How many")
        self.stage = QComboBox()
        self.stage.setAccessibleName("Stage")
        for stage in stages:
            self.stage.addItem(stage.name, stage.id)
        if goal and goal.stage_id is not None:
            self.stage.setCurrentIndex(max(0, self.stage.findData(goal.stage_id)))
        self.has_due = QCheckBox("By")
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd MMM yyyy")
        self.due.setAccessibleName("Due date")
        due = (goal.due_on if goal else None) or today
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.has_due.setChecked(bool(goal and goal.due_on))
        self.due.setEnabled(self.has_due.isChecked())
        self.due_row = QHBoxLayout()
        self.due_row.addWidget(self.has_due)
        self.due_row.addWidget(self.due, 1)
        self.form = QFormLayout()
        self.form.addRow("Goal:", self.kind)
        self.form.addRow("Feedback within:", self.hours)
        self.form.addRow("For this share of interviews:", self.share)
        self.form.addRow("How many:", self.count)
        self.form.addRow("At the stage:", self.stage)
        self.form.addRow("Due:", self.due_row)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet("color: #374151")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.sentence)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._connect_signals()
        if not stages:
            self.kind.model().item(1).setEnabled(False)  # type: ignore[attr-defined]
        self.kind.setCurrentIndex(max(0, self.kind.findData(goal.kind if goal else FEEDBACK_SLA)))
        self._show_kind()

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        self.has_due.toggled.connect(self.due.setEnabled)
        for spin in (self.hours, self.share, self.count):
            spin.valueChanged.connect(lambda _v: self._describe())
        self.stage.currentIndexChanged.connect(lambda _i: self._describe())
        self.has_due.toggled.connect(lambda _on: self._describe())
        self.due.dateChanged.connect(lambda _d: self._describe())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def kind_value(self) -> str:
        return str(self.kind.currentData())

    def _show_kind(self) -> None:
        kind = self.kind_value
        for widget, shown in (
            (self.hours, kind == FEEDBACK_SLA),
            (self.share, kind == FEEDBACK_SLA),
            (self.count, kind != FEEDBACK_SLA),
            (self.stage, kind == CANDIDATES_AT_STAGE),
        ):
            self.form.setRowVisible(widget, shown)
        self.form.setRowVisible(self.due_row, kind != FEEDBACK_SLA)
        label = self.form.labelForField(self.count)
        if isinstance(label, QLabel):
            label.setText("Hires:" if kind == HIRES else "Candidates:")
        self._describe()
        self.adjustSize()

    def _describe(self) -> None:
        """The goal in words, as the dashboard will show it."""
        kind, count = self.kind_value, self.count.value()
        if kind == FEEDBACK_SLA:
            text = (
                f"Feedback within {self.hours.value()} h for {self.share.value()}% of interviews."
            )
        else:
            what = (
                f"{count} hire{'s' if count != 1 else ''}"
                if kind == HIRES
                else f"{count} candidate{'s' if count != 1 else ''} at "
                f"{self.stage.currentText() or 'a stage'}"
            )
            due = self.due_on
            text = f"{what} by {due:%d %b %Y}." if due else f"{what}, no date."
        self.sentence.setText(text)

    @property
    def due_on(self) -> date | None:
        if not self.has_due.isChecked():
            return None
        value = self.due.date()
        return date(value.year(), value.month(), value.day())

    def values(self) -> dict[str, Any]:
        """The keyword arguments of GoalService.add_goal / update_goal for this kind."""
        kind = self.kind_value
        if kind == FEEDBACK_SLA:
            return {"kind": kind, "hours": self.hours.value(), "share": self.share.value() / 100}
        values: dict[str, Any] = {"kind": kind, "count": self.count.value(), "due_on": self.due_on}
        if kind == CANDIDATES_AT_STAGE:
            values["stage_id"] = self.stage.currentData()
        return values

    def accept(self) -> None:
        """Asks the owner to save; the owner closes the dialog once the save succeeded."""
        self.error.clear()
        self.buttons.setEnabled(False)
        self.submitted.emit(self.values())

    def saved(self) -> None:
        super().accept()

    def failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(
            str(error)
            if isinstance(error, HirePartnerError)
            else f"Something went wrong ({type(error).__name__}); nothing was saved."
        )
