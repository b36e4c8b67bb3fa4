"""The intake editor's interview plan: the stages in order, each with its interviewers, focus
competencies and questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import role_label
from hirepartner.ui.intake.fields import date_edit, date_of, lines_of, set_date, text_box
from hirepartner.ui.wording import plural

if TYPE_CHECKING:
    from hirepartner.services.intake import CompetencyInfo, IntakeService, PersonChoice, StagePlan

Call = Callable[[Callable[[], Any], Callable[[Any], None]], None]


class PlanTab(QWidget):
    """Edits the interview plan; saves through `call` (the dialog's background job runner)."""

    def __init__(self, service: IntakeService, requisition_id: int, call: Call) -> None:
        super().__init__()
        self.service, self.requisition_id, self._call = service, requisition_id, call
        self.stage_list: tuple[StagePlan, ...] = ()
        self.people: tuple[PersonChoice, ...] = ()
        self.competency_list: tuple[CompetencyInfo, ...] = ()
        self._build()

    def set_competencies(self, competencies: tuple[CompetencyInfo, ...]) -> None:
        """The competencies a stage may focus on."""
        self.competency_list = competencies
        self._refresh_focus_choices()

    def _build(self) -> None:
        self.stages = QListWidget()
        self.stages.setAccessibleName("Interview stages")
        self.add_stage = QPushButton("Add stage")
        self.stage_up = QPushButton("Up")
        self.stage_down = QPushButton("Down")
        left = QVBoxLayout()
        left.addWidget(self.stages, 1)
        row = QHBoxLayout()
        for button in (self.add_stage, self.stage_up, self.stage_down):
            row.addWidget(button)
        left.addLayout(row)
        self.s_name = QLineEdit()
        self.s_name.setAccessibleName("Stage name")
        self.s_date = date_edit("Stage target date")
        self.s_interviewers = QListWidget()
        self.s_interviewers.setAccessibleName("Interviewers")
        self.s_focus = QListWidget()
        self.s_focus.setAccessibleName("Focus competencies")
        self.s_questions = text_box(70, "Questions")
        self.save_stage = QPushButton("Save stage")
        editor = QFormLayout()
        editor.addRow("Name:", self.s_name)
        editor.addRow("Target date:", self.s_date)
        editor.addRow("Interviewers:", self.s_interviewers)
        editor.addRow("Focus competencies:", self.s_focus)
        editor.addRow("Questions (one a line):", self.s_questions)
        editor.addRow(self.save_stage)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(editor, 3)
        self.stages.currentRowChanged.connect(self._edit_stage)
        self.add_stage.clicked.connect(lambda: self._edit_stage(-1))
        self.stage_up.clicked.connect(lambda: self._move_stage(-1))
        self.stage_down.clicked.connect(lambda: self._move_stage(1))
        self.save_stage.clicked.connect(self.on_save_stage)

    def show_plan(self, plan: tuple[StagePlan, ...]) -> None:
        selected = self._selected_stage()
        self.stage_list = plan
        self.stages.clear()
        for stage in plan:
            self.stages.addItem(
                f"{stage.position + 1}. {stage.name}  "
                f"({plural(len(stage.interviewer_ids), 'interviewer')}, "
                f"{len(stage.focus_ids)} focus, {stage.applications} now here)"
            )
        ids = [s.id for s in plan]
        self.stages.setCurrentRow(ids.index(selected) if selected in ids else -1)

    def _selected_stage(self) -> int | None:
        row = self.stages.currentRow()
        return self.stage_list[row].id if 0 <= row < len(self.stage_list) else None

    def _checkable(
        self, widget: QListWidget, choices: list[tuple[int, str]], checked: set[int]
    ) -> None:
        widget.clear()
        for ident, label in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if ident in checked else Qt.CheckState.Unchecked
            )
            widget.addItem(item)

    @staticmethod
    def _checked(widget: QListWidget) -> list[int]:
        return [
            int(widget.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _edit_stage(self, row: int) -> None:
        stage = self.stage_list[row] if 0 <= row < len(self.stage_list) else None
        if row == -1:
            self.stages.setCurrentRow(-1)
        self.s_name.setText(stage.name if stage else "")
        set_date(self.s_date, stage.target_date if stage else None)
        assigned = set(stage.interviewer_ids if stage else ())
        # Retired people are offered only where they already are, marked so.
        people = [
            (p.id, f"{p.name} ({role_label(p.role).lower()}{', retired' if p.retired else ''})")
            for p in self.people
            if not p.retired or p.id in assigned
        ]
        self._checkable(self.s_interviewers, people, assigned)
        self._refresh_focus_choices()
        self.s_questions.setPlainText("\n".join(stage.questions) if stage else "")

    def _refresh_focus_choices(self) -> None:
        row = self.stages.currentRow()
        stage = self.stage_list[row] if 0 <= row < len(self.stage_list) else None
        self._checkable(
            self.s_focus,
            [(c.id, c.name) for c in self.competency_list],
            set(stage.focus_ids if stage else ()),
        )

    def on_save_stage(self) -> None:
        rid, ident = self.requisition_id, self._selected_stage()
        name, when = self.s_name.text(), date_of(self.s_date)
        people, focus = self._checked(self.s_interviewers), self._checked(self.s_focus)
        questions = lines_of(self.s_questions)
        self._call(
            lambda: self.service.save_stage(
                rid,
                ident,
                name=name,
                target_date=when,
                interviewer_ids=people,
                focus_ids=focus,
                questions=questions,
            ),
            self.show_plan,
        )

    def _move_stage(self, delta: int) -> None:
        ident = self._selected_stage()
        if ident is not None:
            self._call(lambda: self.service.move_stage_in_plan(ident, delta), self.show_plan)
