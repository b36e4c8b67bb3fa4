"""The debrief screen: the agenda, who rated what on each item with their evidence side by
side, the panel's recommendations, and the decision (undoable), recorded once."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import (
    RATING_LABELS,
    ApplicationStatus,
    Recommendation,
    RejectionReason,
    label_of,
)
from hirepartner.ui.changes import Change, ChangeBus, ChangeKind, notices
from hirepartner.ui.commands import DecisionCommand
from hirepartner.ui.dialogs import fit_to_screen, list_and_detail
from hirepartner.ui.ops import BackgroundOps, TaskState
from hirepartner.ui.review.people_dialog import user_message
from hirepartner.wording import day

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QUndoStack

    from hirepartner.app import AppServices
    from hirepartner.services.changes import Changes
    from hirepartner.services.debrief import AgendaItem, DebriefView, DecisionInfo
    from hirepartner.services.pipeline import ApplicationInfo


@dataclass(frozen=True)
class Decided:
    """A decision recorded, with the application as it was just before (for undo)."""

    previous: ApplicationInfo
    view: DebriefView

    @property
    def changes(self) -> Changes:
        return self.view.changes


def ratings_html(item: AgendaItem) -> str:
    """Who rated what on one agenda item: one column per interviewer, evidence whole."""
    title = f"<h3 style='margin:0'>{html.escape(item.competency)}</h3>"
    why = f"<p style='margin-top:2px; color:#4b5563'>{html.escape(item.why)}</p>"
    if not item.ratings:
        return title + why + "<p><i>No visible scorecard rated this.</i></p>"
    width = 100 // len(item.ratings)
    heads, levels, evidence = [], [], []
    for rating in item.ratings:
        stage = f"<br><span style='color:#6b7280'>{html.escape(rating.stage)}</span>"
        heads.append(
            f"<th align='left' width='{width}%'>{html.escape(rating.interviewer)}{stage}</th>"
        )
        level = (
            f"<b>{rating.level} · {RATING_LABELS[rating.level]}</b>"
            if rating.level is not None
            else "<i>Not assessed</i>"
        )
        levels.append(f"<td>{level}</td>")
        text = html.escape(rating.evidence).replace("\n", "<br>") or "<i>No evidence given</i>"
        evidence.append(f"<td valign='top'>{text}</td>")
    table = (
        "<table width='100%' cellspacing='0' cellpadding='6' border='1' "
        "style='border-color:#d1d5db; border-collapse:collapse'>"
        f"<tr>{''.join(heads)}</tr>"
        f"<tr>{''.join(levels)}</tr><tr>{''.join(evidence)}</tr></table>"
    )
    return title + why + table


class DebriefDialog(QDialog):
    decided = Signal(int)  # application id

    def __init__(
        self,
        services: AppServices,
        ops: BackgroundOps,
        view: DebriefView,
        parent: QWidget | None = None,
        slate: tuple[tuple[DebriefView, ...], tuple[AgendaItem, ...]] | None = None,
        *,
        bus: ChangeBus,
        undo_stack: QUndoStack,
        on_error: Callable[[BaseException], None],
    ) -> None:
        """One candidate's debrief, or with `slate`, several: one agenda across them and a
        choice of whom the decision is for. Decisions go on `undo_stack`."""
        super().__init__(parent)
        self.services, self.ops = services, ops
        self.bus, self.undo_stack, self.on_error = bus, undo_stack, on_error
        self.application_id = view.application_id
        self.views = {each.application_id: each for each in (slate[0] if slate else (view,))}
        self.slate = slate
        # The decision this debrief recorded for each application (while it stands).
        self.commands: dict[int, DecisionCommand] = {}
        self._recording = False
        self.setWindowTitle(
            f"Debrief: {view.candidate}" if slate is None else f"Debrief of {len(slate[0])}"
        )
        self.candidate = QComboBox()
        self.candidate.setAccessibleName("Decision for")
        for each in self.views.values():
            self.candidate.addItem(each.candidate, each.application_id)
        self.candidate.setVisible(slate is not None)
        self.header = QLabel()
        self.agenda = QListWidget()
        self.agenda.setAccessibleName("Debrief agenda")
        self.agenda.setWordWrap(True)
        self.ratings = QTextBrowser()
        self.ratings.setAccessibleName("Who rated what")
        self.ratings.setOpenLinks(False)
        self.recommendations = QLabel()
        self.recommendations.setWordWrap(True)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        outcomes.addStretch(1)
        self.reason = QComboBox()
        self.reason.setAccessibleName("Rejection reason")
        for reason in RejectionReason:
            self.reason.addItem(reason.label, reason.value)
        self.rationale = QPlainTextEdit()
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setPlaceholderText("Why the panel decided this (goes to the recruiter)")
        self.rationale.setMaximumHeight(90)
        self.present = QListWidget()
        self.present.setAccessibleName("Who was present")
        self.present.setFlow(QListView.Flow.LeftToRight)
        self.present.setWrapping(True)
        self.present.setResizeMode(QListView.ResizeMode.Adjust)
        self.present.setSpacing(2)
        self.present.setMaximumHeight(90)
        self.guests = QLineEdit()
        self.guests.setAccessibleName("Guests present")
        self.guests.setPlaceholderText("Guests not on the panel, separated by commas")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c")
        self.closed_note = QLabel()  # a withdrawn (rejected, hired) candidate: said up front
        self.closed_note.setWordWrap(True)
        self.closed_note.setAccessibleName("Application closed")
        self.closed_note.hide()
        self.record = QPushButton("Record decision")
        self.record.setDefault(False)
        self.record.setAutoDefault(False)
        self.close_button = QPushButton("Close")
        self.close_button.setAutoDefault(False)
        self._build_layout(outcomes)
        self._connect_signals()
        fit_to_screen(self, 1000, 680)
        self.show_view(view)

    def _build_layout(self, outcomes: QHBoxLayout) -> None:
        splitter = list_and_detail(
            "<b>Agenda</b>: most discussion needed first", self.agenda, self.ratings, [330, 640]
        )
        decision = QFormLayout()
        if self.slate is not None:
            decision.addRow("Decision for:", self.candidate)
        decision.addRow("Decision:", outcomes)
        decision.addRow("Reason (if rejected):", self.reason)
        decision.addRow("Rationale:", self.rationale)
        who = QVBoxLayout()
        who.addWidget(QLabel("Present (the panel):"))
        who.addWidget(self.present, 1)
        who.addWidget(self.guests)
        form = QHBoxLayout()
        form.addLayout(decision, 3)
        form.addLayout(who, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.history, 1)
        buttons.addWidget(self.record)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.recommendations)
        layout.addWidget(self.closed_note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.candidate.currentIndexChanged.connect(self.on_candidate_changed)
        self.agenda.currentRowChanged.connect(self.on_agenda_item_chosen)
        self.record.clicked.connect(self.on_record)
        self.close_button.clicked.connect(self.reject)
        self.outcome.buttonToggled.connect(self.on_outcome_changed)
        self.bus.changed.connect(self.on_changed)

    # Showing ------------------------------------------------------------------------------------

    def agenda_items(self) -> tuple[AgendaItem, ...]:
        return self.slate[1] if self.slate else self.views[self.application_id].agenda

    def show_view(self, view: DebriefView) -> None:
        self.views[view.application_id] = view
        if view.application_id != self.application_id:
            return
        self.header.setText(f"<b>{html.escape(view.candidate)}</b> · {html.escape(view.stage)}")
        chosen = max(self.agenda.currentRow(), 0)
        self.agenda.blockSignals(True)
        self.agenda.clear()
        for item in self.agenda_items():
            cell = item.cell
            figure = (
                "–"
                if cell.mean is None
                else f"{cell.mean:.1f} (n={cell.n}, {cell.low}–{cell.high})"
            )
            self.agenda.addItem(f"{item.competency}: {item.why} · {figure}")
        self.agenda.blockSignals(False)
        if self.agenda.count():
            self.agenda.setCurrentRow(min(chosen, self.agenda.count() - 1))
        else:
            self.ratings.setHtml("<p><i>This requisition has no competencies yet.</i></p>")
        tally = (
            ", ".join(f"{label_of(Recommendation, k).lower()} {v}" for k, v in view.recommendations)
            or "none yet"
        )
        hidden = (
            f" ({view.hidden_scorecards} more hidden until your own scorecard is in)"
            if view.hidden_scorecards
            else ""
        )
        self.recommendations.setText(f"<b>Recommendations</b>: {tally}{hidden}")
        self._show_panel(view)
        self._show_decisions(view)
        self._reason_enabled()

    def _show_panel(self, view: DebriefView) -> None:
        checked = set(self.present_names())
        self.present.clear()
        for name in view.panel:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked
            )
            self.present.addItem(item)

    def _show_decisions(self, view: DebriefView) -> None:
        recorded = self.recorded_here(view)
        command = self.commands.get(view.application_id)
        mine = command.decision_id if recorded and command is not None else None
        self.history.setText(" ".join(decision_sentence(d, d.id == mine) for d in view.decisions))
        closed = view.status in CLOSED
        if closed:
            status = label_of(ApplicationStatus, view.status).lower()
            self.closed_note.setText(
                f"<b>{html.escape(view.candidate)}’s application is {status}</b>: reopen it "
                "(Candidate → Reopen) to record a decision."
            )
        self.closed_note.setVisible(closed)
        self.record.setEnabled(not recorded and not self._recording and not closed)

    def recorded_here(self, view: DebriefView) -> bool:
        """Whether this debrief recorded a decision for the application that still stands."""
        command = self.commands.get(view.application_id)
        return command is not None and command.decision_id in {d.id for d in view.decisions}

    def present_names(self) -> list[str]:
        names = [
            self.present.item(n).text()
            for n in range(self.present.count())
            if self.present.item(n).checkState() == Qt.CheckState.Checked
        ]
        guests = [name.strip() for name in self.guests.text().split(",") if name.strip()]
        return list(dict.fromkeys([*names, *guests]))

    # Reacting ------------------------------------------------------------------------------------

    def on_agenda_item_chosen(self, row: int) -> None:
        items = self.agenda_items()
        if 0 <= row < len(items):
            self.ratings.setHtml(ratings_html(items[row]))

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
        self.error.clear()
        self.show_view(self.views[self.application_id])

    def on_changed(self, change: Change) -> None:
        """Another write (an undo, a move from the main window) touched one of these
        candidates: read its debrief again."""
        wanted = [
            ident
            for ident in self.views
            if change.kind is ChangeKind.ALL or change.application_id in (None, ident)
        ]
        if (
            change.kind not in (ChangeKind.APPLICATION, ChangeKind.ALL)
            or not wanted
            or not self.isVisible()
        ):
            return
        services = self.services

        def reload(_state: TaskState) -> list[DebriefView]:
            return [services.debrief.debrief(ident) for ident in wanted]

        def show(views: list[DebriefView]) -> None:
            for each in views:
                self.show_view(each)

        self.ops.run(reload, label="debrief").on_success(show).start()

    def on_record(self) -> None:
        checked = self.outcome.checkedButton()
        if checked is None:
            self.error.setText("Choose advance, reject or hold.")
            return
        from hirepartner.services.debrief import DecisionRequest

        outcome = str(checked.property("outcome"))
        request = DecisionRequest(
            outcome,
            self.rationale.toPlainText(),
            tuple(self.present_names()),
            str(self.reason.currentData()) if outcome == "reject" else None,
        )
        app_id = self.application_id
        services = self.services

        def decide(_state: TaskState) -> Decided:
            previous = services.pipeline.get_application(app_id)
            view = services.debrief.decide(
                app_id, request.outcome, request.rationale, request.present, request.reason
            )
            return Decided(previous, view)

        def done(result: Decided) -> None:
            previous, view = result.previous, result.view
            self._recording = False
            command = DecisionCommand(
                view,
                previous,
                request,
                services=services,
                ops=self.ops,
                bus=self.bus,
                change=notices(view.changes)[0],
                on_error=self.on_error,
            )
            self.commands[app_id] = command
            self.undo_stack.push(command)  # recorded already: the first redo does nothing
            self.error.clear()
            self.show_view(view)
            self.decided.emit(app_id)

        def failed(error: BaseException) -> None:
            self._recording = False
            self.record.setEnabled(True)
            self.error.setText(user_message(error))

        self._recording = True
        self.record.setEnabled(False)  # one click, one decision
        self.ops.run(decide, write=True, label="decision").on_success(done).on_failure(
            failed
        ).start()


CLOSED = frozenset(
    s.value
    for s in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN, ApplicationStatus.HIRED)
)

OUTCOME_WORDS = {
    "advance": "Moved to the next stage",
    "reject": "Rejected",
    "hold": "Put on hold",
}


def decision_sentence(decision: DecisionInfo, recorded_here: bool) -> str:
    """One sentence per decision: "Put on hold on 1 Dec in this debrief (“Strong onsite,
    panel agrees.”); Edit → Undo takes it back.", or "Rejected on 28 Nov (“…”)."."""
    what = OUTCOME_WORDS.get(decision.outcome, decision.outcome.capitalize())
    why = f" (“{decision.rationale.strip()}”)" if decision.rationale.strip() else ""
    when = day(decision.at.date())
    if recorded_here:
        return f"{what} on {when} in this debrief{why}; Edit → Undo takes it back."
    return f"{what} on {when}{why}."
