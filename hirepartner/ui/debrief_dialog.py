"""The debrief screen: the agenda, the panel's recommendations, and the decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import RejectionReason
from hirepartner.ui.ops import BackgroundOps, TaskState

if TYPE_CHECKING:
    from hirepartner.services.debrief import AgendaItem, DebriefService, DebriefView


class DebriefDialog(QDialog):
    decided = Signal(int)  # application id

    def __init__(
        self,
        service: DebriefService,
        ops: BackgroundOps,
        view: DebriefView,
        parent: QWidget | None = None,
        slate: tuple[tuple[DebriefView, ...], tuple[AgendaItem, ...]] | None = None,
    ) -> None:
        """One candidate's debrief, or with `slate`, several: one agenda across them and a
        choice of whom the decision is for."""
        super().__init__(parent)
        self.service, self.ops = service, ops
        self.application_id = view.application_id
        self.slate = slate
        self.setWindowTitle(
            f"Debrief: {view.candidate}" if slate is None else f"Debrief of {len(slate[0])}"
        )
        self.candidate = QComboBox()
        self.candidate.setAccessibleName("Decision for")
        for each in slate[0] if slate else (view,):
            self.candidate.addItem(each.candidate, each.application_id)
        self.candidate.setVisible(slate is not None)
        self.candidate.currentIndexChanged.connect(self.on_candidate_changed)
        self.header = QLabel()
        self.agenda = QListWidget()
        self.agenda.setAccessibleName("Debrief agenda")
        self.recommendations = QLabel()
        self.recommendations.setWordWrap(True)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.outcome = QButtonGroup(self)
        outcomes = QHBoxLayout()
        for value, label in (
            ("advance", "Advance to the next stage"),
            ("reject", "Reject"),
            ("hold", "Hold"),
        ):
            button = QRadioButton(label)
            button.setProperty("outcome", value)
            self.outcome.addButton(button)
            outcomes.addWidget(button)
        self.reason = QComboBox()
        self.reason.setAccessibleName("Rejection reason")
        for reason in RejectionReason:
            self.reason.addItem(reason.label, reason.value)
        self.rationale = QPlainTextEdit()
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setPlaceholderText("Why the panel decided this (goes to the recruiter)")
        self.rationale.setMaximumHeight(110)
        self.present = QLineEdit()
        self.present.setAccessibleName("Who was present")
        self.present.setPlaceholderText("Names, separated by commas")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c")
        self.record = QPushButton("Record decision")
        form = QFormLayout()
        if slate is not None:
            form.addRow("Decision for:", self.candidate)
        form.addRow("Decision:", outcomes)
        form.addRow("Reason (if rejected):", self.reason)
        form.addRow("Rationale:", self.rationale)
        form.addRow("Present:", self.present)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(QLabel("<b>Agenda</b>: where discussion is needed most comes first"))
        layout.addWidget(self.agenda, 1)
        layout.addWidget(self.recommendations)
        layout.addLayout(form)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.history, 1)
        row.addWidget(self.record)
        layout.addLayout(row)
        self.record.clicked.connect(self.on_record)
        self.outcome.buttonToggled.connect(self.on_outcome_changed)
        self.resize(720, 640)
        self.show_view(view)

    def on_outcome_changed(self) -> None:
        self.error.clear()
        self._reason_enabled()

    def _reason_enabled(self) -> None:
        checked = self.outcome.checkedButton()
        self.reason.setEnabled(checked is not None and checked.property("outcome") == "reject")

    def on_candidate_changed(self) -> None:
        if self.slate is None:
            return
        self.application_id = int(self.candidate.currentData())
        view = next(v for v in self.slate[0] if v.application_id == self.application_id)
        self.show_view(view)

    def show_view(self, view: DebriefView) -> None:
        self.header.setText(f"<b>{view.candidate}</b> · {view.stage}")
        self.agenda.clear()
        for item in self.slate[1] if self.slate else view.agenda:
            cell = item.cell
            figure = (
                "–"
                if cell.mean is None
                else f"{cell.mean:.1f} (n={cell.n}, {cell.low}–{cell.high})"
            )
            self.agenda.addItem(f"{item.competency}: {item.why} · {figure}")
        tally = (
            ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in view.recommendations) or "none yet"
        )
        hidden = (
            f" ({view.hidden_scorecards} more hidden until your own scorecard is in)"
            if view.hidden_scorecards
            else ""
        )
        self.recommendations.setText(f"<b>Recommendations</b>: {tally}{hidden}")
        self.history.setText(
            "; ".join(f"{d.at:%d %b}: {d.outcome} ({d.rationale})" for d in view.decisions) or ""
        )
        self._reason_enabled()

    def on_record(self) -> None:
        checked = self.outcome.checkedButton()
        if checked is None:
            self.error.setText("Choose advance, reject or hold.")
            return
        outcome = str(checked.property("outcome"))
        rationale, reason = self.rationale.toPlainText(), str(self.reason.currentData())
        present = [name for name in self.present.text().split(",") if name.strip()]
        app_id = self.application_id

        def decide(_state: TaskState) -> DebriefView:
            return self.service.decide(
                app_id, outcome, rationale, present, reason if outcome == "reject" else None
            )

        def done(view: DebriefView) -> None:
            self.error.clear()
            self.show_view(view)
            self.decided.emit(app_id)

        self.ops.run(decide, write=True, label="decision").on_success(done).on_failure(
            lambda error: self.error.setText(str(error))
        ).start()
