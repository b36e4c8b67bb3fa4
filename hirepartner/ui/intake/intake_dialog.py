"""The intake editor: the role brief, the competencies with their anchors, the interview plan."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import RATING_LABELS, ScoringVisibility
from hirepartner.ui.dialogs import fit_to_screen
from hirepartner.ui.intake.fields import date_edit, date_of, lines_of, set_date, text_box
from hirepartner.ui.intake.plan_tab import PlanTab
from hirepartner.ui.ops import BackgroundOps, TaskState

if TYPE_CHECKING:
    from hirepartner.services.intake import (
        BriefView,
        CompetencyInfo,
        IntakeService,
    )

VISIBILITY_HINTS = {
    ScoringVisibility.AFTER_SUBMIT: " (recommended)",
    ScoringVisibility.NEVER: " (only people not on the panel see them)",
}


class IntakeDialog(QDialog):
    def __init__(
        self,
        service: IntakeService,
        ops: BackgroundOps,
        requisition_id: int,
        title: str,
        other_requisitions: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.ops, self.requisition_id = service, ops, requisition_id
        self.others = other_requisitions
        self.competency_list: tuple[CompetencyInfo, ...] = ()
        self._closed = False
        self.setWindowTitle(f"Intake: {title}")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._brief_tab(), "Role brief")
        self.tabs.addTab(self._competency_tab(), "Competencies")
        self.plan = PlanTab(service, requisition_id, lambda fn, done: self._call(fn, done))
        self.tabs.addTab(self.plan, "Interview plan")
        self.status = QLabel()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        fit_to_screen(self, 980, 760)
        self.reload()

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        super().closeEvent(event)

    # Background calls ---------------------------------------------------------------------------

    def _call(self, fn: Callable[[], Any], done: Callable[[Any], None], write: bool = True) -> None:
        """Run `fn` off the UI thread; a write returns an IntakeSaved, whose changes ops
        announces (the rest of the app refreshes) and whose value `done` shows."""

        def job(_state: TaskState) -> Any:
            return fn()

        def succeeded(result: Any) -> None:
            if self._closed:
                return  # closed while the job ran: its widgets may be gone
            done(result.value if write else result)
            if write:
                self.status.setText("Saved.")

        self.ops.run(job, write=write, label="intake").on_success(succeeded).on_failure(
            lambda error: None if self._closed else self.status.setText(str(error))
        ).start()

    def reload(self) -> None:
        rid = self.requisition_id
        self._call(
            lambda: (
                self.service.brief(rid),
                self.service.competencies(rid),
                self.service.plan(rid),
                self.service.people(),
            ),
            self._loaded,
            write=False,
        )

    def _loaded(self, result: Any) -> None:
        brief, competencies, plan, people = result
        self.plan.people = people
        self.show_brief(brief)
        self.show_competencies(competencies)
        self.plan.show_plan(plan)

    # The brief ----------------------------------------------------------------------------------

    def _brief_tab(self) -> QWidget:
        self.brief_banner = QLabel()
        self.brief_banner.setWordWrap(True)
        self.brief_banner.setStyleSheet("background: #fef3c7; color: #78350f; padding: 6px;")
        self.brief_banner.hide()
        self.brief_state = QLabel()
        self.summary = text_box(60, "Summary")
        self.must_haves = text_box(60, "Must-haves")
        self.nice_to_haves = text_box(50, "Nice-to-haves")
        self.deal_breakers = text_box(50, "Deal-breakers")
        self.ideal_profile = text_box(50, "Ideal candidate profile")
        self.sla = QSpinBox(minimum=1, maximum=24 * 14, suffix=" h")
        self.sla.setAccessibleName("Feedback SLA")
        self.hire_date = date_edit("Target hire date")
        self.visibility = QComboBox()
        self.visibility.setAccessibleName("When interviewers see each other's scorecards")
        for value in ScoringVisibility:
            self.visibility.addItem(value.label + VISIBILITY_HINTS.get(value, ""), value.value)
        self.save_brief = QPushButton("Save brief")
        self.agree = QPushButton("Mark this version agreed")
        form = QFormLayout()
        form.addRow("Summary:", self.summary)
        form.addRow("Must-haves (one a line):", self.must_haves)
        form.addRow("Nice-to-haves:", self.nice_to_haves)
        form.addRow("Deal-breakers:", self.deal_breakers)
        form.addRow("Ideal profile:", self.ideal_profile)
        form.addRow("Feedback due within:", self.sla)
        form.addRow("Target hire date:", self.hire_date)
        form.addRow("Others' scorecards visible:", self.visibility)
        buttons = QHBoxLayout()
        buttons.addWidget(self.brief_state, 1)
        buttons.addWidget(self.agree)
        buttons.addWidget(self.save_brief)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.brief_banner)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save_brief.clicked.connect(self.on_save_brief)
        self.agree.clicked.connect(
            lambda: self._call(
                lambda: self.service.agree_brief(self.requisition_id), self.show_brief
            )
        )
        return tab

    def show_brief(self, brief: BriefView) -> None:
        current = brief.current
        if current is not None:
            self.summary.setPlainText(current.summary)
            self.must_haves.setPlainText("\n".join(current.must_haves))
            self.nice_to_haves.setPlainText("\n".join(current.nice_to_haves))
            self.deal_breakers.setPlainText("\n".join(current.deal_breakers))
            self.ideal_profile.setPlainText(current.ideal_profile)
            agreed = [
                side
                for side, when in (
                    ("manager", current.agreed_by_manager_at),
                    ("recruiter", current.agreed_by_recruiter_at),
                )
                if when
            ]
            self.brief_state.setText(
                f"Version {current.version} · agreed by "
                + (" and ".join(agreed) if agreed else "nobody yet")
            )
        else:
            self.brief_state.setText("No brief yet")
        self.sla.setValue(brief.feedback_sla_hours)
        set_date(self.hire_date, brief.target_hire_date)
        self.visibility.setCurrentIndex(max(0, self.visibility.findData(brief.scoring_visibility)))
        if brief.changed_after_slate and brief.changes:
            self.brief_banner.setText(
                "The brief changed after a slate was sent. What changed:\n• "
                + "\n• ".join(brief.changes)
            )
            self.brief_banner.show()
        else:
            self.brief_banner.hide()

    def on_save_brief(self) -> None:
        rid, summary, ideal = (
            self.requisition_id,
            self.summary.toPlainText(),
            self.ideal_profile.toPlainText(),
        )
        must, nice, breakers = (
            lines_of(self.must_haves),
            lines_of(self.nice_to_haves),
            lines_of(self.deal_breakers),
        )
        sla, hire, mode = (
            self.sla.value(),
            date_of(self.hire_date),
            str(self.visibility.currentData()),
        )
        self._call(
            lambda: self.service.save_brief(
                rid,
                summary=summary,
                must_haves=must,
                nice_to_haves=nice,
                deal_breakers=breakers,
                ideal_profile=ideal,
                feedback_sla_hours=sla,
                target_hire_date=hire,
                scoring_visibility=mode,
            ),
            self.show_brief,
        )

    # Competencies --------------------------------------------------------------------------------

    def _competency_tab(self) -> QWidget:
        self.competencies = QListWidget()
        self.competencies.setAccessibleName("Competencies")
        self.add_competency = QPushButton("Add")
        self.up = QPushButton("Up")
        self.down = QPushButton("Down")
        self.remove = QPushButton("Remove")
        self.templates = QToolButton()
        self.templates.setText("From template")
        self.templates.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        template_menu = QMenu(self.templates)
        for name in self.service.template_names():
            template_menu.addAction(name, partial(self.apply_template, name))
        self.templates.setMenu(template_menu)
        self.copy_from = QToolButton()
        self.copy_from.setText("Copy from")
        self.copy_from.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        copy_menu = QMenu(self.copy_from)
        for ident, label in self.others:
            copy_menu.addAction(label, partial(self.copy_competencies, ident))
        self.copy_from.setMenu(copy_menu)
        self.copy_from.setEnabled(bool(self.others))
        left = QVBoxLayout()
        left.addWidget(self.competencies, 1)
        row = QHBoxLayout()
        for button in (self.add_competency, self.up, self.down, self.remove):
            row.addWidget(button)
        left.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(self.templates)
        row2.addWidget(self.copy_from)
        row2.addStretch(1)
        left.addLayout(row2)

        self.c_name = QLineEdit()
        self.c_name.setAccessibleName("Competency name")
        self.c_category = QLineEdit()
        self.c_category.setAccessibleName("Category")
        self.c_weight = QDoubleSpinBox(minimum=0.5, maximum=5, singleStep=0.5, value=1)
        self.c_weight.setAccessibleName("Weight")
        self.c_description = text_box(40, "Description")
        self.c_anchors = [
            text_box(40, f"Anchor for {level} · {RATING_LABELS[level]}") for level in RATING_LABELS
        ]
        self.c_note = QLabel()
        self.c_note.setWordWrap(True)
        self.save_competency = QPushButton("Save competency")
        editor = QFormLayout()
        editor.addRow("Name:", self.c_name)
        editor.addRow("Category:", self.c_category)
        editor.addRow("Weight:", self.c_weight)
        editor.addRow("Description:", self.c_description)
        for level, box in zip(RATING_LABELS, self.c_anchors, strict=True):
            editor.addRow(f"{level} · {RATING_LABELS[level]}:", box)
        editor.addRow(self.c_note)
        editor.addRow(self.save_competency)
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.addLayout(left, 2)
        layout.addLayout(editor, 3)
        self.competencies.currentRowChanged.connect(self._edit_competency)
        self.add_competency.clicked.connect(lambda: self._edit_competency(-1))
        self.up.clicked.connect(lambda: self._move_competency(-1))
        self.down.clicked.connect(lambda: self._move_competency(1))
        self.remove.clicked.connect(self._remove_competency)
        self.save_competency.clicked.connect(self.on_save_competency)
        return tab

    def apply_template(self, name: str) -> None:
        rid = self.requisition_id
        self._call(lambda: self.service.apply_template(rid, name), self.show_competencies)

    def copy_competencies(self, source: int) -> None:
        rid = self.requisition_id
        self._call(lambda: self.service.copy_competencies(source, rid), self.show_competencies)

    def show_competencies(self, competencies: tuple[CompetencyInfo, ...]) -> None:
        selected = self._selected_competency()
        self.competency_list = competencies
        self.competencies.clear()
        for item in competencies:
            rated = f" · rated {item.rated}×" if item.rated else ""
            self.competencies.addItem(
                f"{item.name}  ({item.category or '–'}, weight {item.weight:g}){rated}"
            )
        ids = [c.id for c in competencies]
        # An edited competency that was rated comes back as a new version with a new id.
        successor = next((c.id for c in competencies if c.name == self.c_name.text()), None)
        keep = selected if selected in ids else successor
        self.competencies.setCurrentRow(ids.index(keep) if keep in ids else -1)
        self.plan.set_competencies(competencies)

    def _selected_competency(self) -> int | None:
        row = self.competencies.currentRow()
        return self.competency_list[row].id if 0 <= row < len(self.competency_list) else None

    def _edit_competency(self, row: int) -> None:
        item = self.competency_list[row] if 0 <= row < len(self.competency_list) else None
        if row == -1:
            self.competencies.setCurrentRow(-1)
        self.c_name.setText(item.name if item else "")
        self.c_category.setText(item.category if item else "")
        self.c_weight.setValue(item.weight if item else 1)
        self.c_description.setPlainText(item.description if item else "")
        for index, box in enumerate(self.c_anchors):
            box.setPlainText(item.anchors[index] if item and index < len(item.anchors) else "")
        self.c_note.setText(
            f"{item.rated} submitted ratings use this competency: saving keeps their version "
            "and starts a new one."
            if item and item.rated
            else ("New competency: describe what each level looks like." if not item else "")
        )

    def on_save_competency(self) -> None:
        rid, ident = self.requisition_id, self._selected_competency()
        name, description = self.c_name.text(), self.c_description.toPlainText()
        category, weight = self.c_category.text(), self.c_weight.value()
        anchors = [box.toPlainText() for box in self.c_anchors]
        self._call(
            lambda: self.service.save_competency(
                rid,
                ident,
                name=name,
                description=description,
                category=category,
                weight=weight,
                anchors=anchors,
            ),
            self.show_competencies,
        )

    def _move_competency(self, delta: int) -> None:
        ident = self._selected_competency()
        if ident is not None:
            self._call(lambda: self.service.move_competency(ident, delta), self.show_competencies)

    def _remove_competency(self) -> None:
        ident = self._selected_competency()
        if ident is not None:
            self._call(lambda: self.service.remove_competency(ident), self.show_competencies)

    # The plan ------------------------------------------------------------------------------------
