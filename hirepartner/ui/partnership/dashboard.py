"""The shared dashboard: one requisition or all. Time to feedback, the pipeline, slate quality,
the timeline, outcomes and goals, as charts a person would rather look at than read; the
figures load in the background and can be exported as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hirepartner.services.views.dashboard import FigureKind, figures
from hirepartner.ui.dialogs import close_buttons, fit_to_screen
from hirepartner.ui.export_folder import ask_export_path, remember_export_folder
from hirepartner.ui.ops import BackgroundOps, TaskState
from hirepartner.ui.partnership.charts import Bar, BarChart, Milestone, TimelineChart

if TYPE_CHECKING:
    from hirepartner.services.goals import GoalInfo, GoalService, StageChoice
    from hirepartner.services.metrics import Dashboard, MetricsService
    from hirepartner.ui.partnership.goal_dialog import GoalDialog
    from hirepartner.ui.settings import Settings

STATUS_COLOURS = {
    "met": "#2e8b57",
    "on track": "#2e8b57",
    "behind": "#c2410c",
    "missed": "#b42318",
    "no data": "#6b7280",
}


def _card(title: str, *widgets: QWidget) -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    heading = QLabel(f"<b>{title}</b>")
    layout.addWidget(heading)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return frame


def _text(html: str) -> QLabel:
    label = QLabel(html)
    label.setWordWrap(True)
    return label


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DashboardDialog(QDialog):
    def __init__(
        self,
        service: MetricsService,
        ops: BackgroundOps,
        scopes: list[tuple[int | None, str]],
        current: int | None,
        parent: QWidget | None = None,
        goals: GoalService | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.ops, self.goal_service = service, ops, goals
        self.settings = settings
        self.board: Dashboard | None = None
        # The goals of a single requisition as stored, and its stages, for the goal dialog.
        self.goal_infos: tuple[GoalInfo, ...] = ()
        self.stage_choices: tuple[StageChoice, ...] = ()
        self.goal_dialog: GoalDialog | None = None
        self.setWindowTitle("Dashboard")
        fit_to_screen(self, 1180, 860)
        self.scope = QComboBox()
        self.scope.setAccessibleName("Requisition")
        for ident, label in scopes:
            self.scope.addItem(label, ident)
        self.scope.setCurrentIndex(max(0, self.scope.findData(current)))
        self.status = QLabel("Loading…")
        self.export_button = QPushButton("Export CSV…")
        self.export_button.clicked.connect(self.on_export)
        self.rate_button = QPushButton("Rate a slate…")
        self.rate_button.clicked.connect(self.on_rate)
        top = QHBoxLayout()
        top.addWidget(self.scope)
        top.addWidget(self.status, 1)
        top.addWidget(self.rate_button)
        top.addWidget(self.export_button)
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(close_buttons(self))
        self.scope.currentIndexChanged.connect(self.load)
        self.load()

    def load(self) -> None:
        service, goals, ident = self.service, self.goal_service, self.scope.currentData()
        self.status.setText("Loading…")

        def compute(_state: TaskState) -> tuple[Dashboard, Any]:
            editable = (goals.goals(ident), goals.stages(ident)) if goals and ident else ((), ())
            return service.dashboard(ident), editable

        def show(result: tuple[Dashboard, Any]) -> None:
            board, (self.goal_infos, self.stage_choices) = result
            self.show_board(board)

        self.ops.run(compute, label="dashboard").on_success(show).on_failure(
            lambda e: self.status.setText(f"Could not compute the figures: {e}")
        ).start()

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.status.setText(f"{board.scope} · as of {board.as_of:%d %b %Y %H:%M}")
        cards = [
            self._feedback(board),
            self._pipeline(board),
            self._slates(board),
            self._timeline(board),
            self._outcomes(board),
            self._goals(board),
        ]
        for n, card in enumerate(cards):
            self.grid.addWidget(card, n // 2, n % 2)

    def _feedback(self, board: Dashboard) -> QFrame:
        sla = board.sla_hours
        head = _figures(board, FigureKind.FEEDBACK)
        people = sorted(board.feedback_by_interviewer, key=lambda f: -(f.hours.median or 0))[:10]
        bars = [
            Bar(
                f.label,
                f.hours.median,
                f"{f.hours.median:.0f} h, n={f.hours.n}"
                if f.hours.median is not None
                else "no data",
                bool(sla and (f.hours.median or 0) > sla),
            )
            for f in people
        ]
        stages = [
            Bar(f.label, f.within_sla.value, f.within_sla.label()) for f in board.feedback_by_stage
        ]
        widgets: list[QWidget] = [
            head,
            _text("Median hours to feedback, slowest first:"),
            BarChart(bars, reference=sla, reference_label=f"SLA {sla} h" if sla else ""),
        ]
        if stages:
            widgets += [_text("Share within the SLA, per stage:"), BarChart(stages, maximum=1.0)]
        return _card("Time to feedback", *widgets)

    def _pipeline(self, board: Dashboard) -> QFrame:
        top = max((s.reached for s in board.funnel), default=0) or 1
        bars = [
            Bar(
                s.stage,
                s.reached,
                f"{s.reached} reached"
                + (
                    f" · {_pct(s.onward.value)} onward (of {s.onward.whole})"
                    if s.onward.whole
                    else ""
                ),
            )
            for s in board.funnel
        ]
        stays = [
            Bar(
                s.stage,
                s.time_in_stage_days.median,
                f"{s.time_in_stage_days.median:.0f} d (n={s.time_in_stage_days.n})"
                if s.time_in_stage_days.median is not None
                else "no data",
            )
            for s in board.funnel
        ]
        return _card(
            "Pipeline",
            BarChart(bars, maximum=top),
            _text("Median days in each stage:"),
            BarChart(stays),
            _figures(board, FigureKind.PIPELINE),
        )

    def _slates(self, board: Dashboard) -> QFrame:
        recent = list(board.slates)[-8:]
        bars = [
            Bar(
                f"{s.name[:28]}",
                s.advanced.value,
                s.advanced.label() + (f" · fit {s.rating}/5" if s.rating else ""),
            )
            for s in recent
        ]
        reasons = [Bar(r, n, f"{n} of {board.rejected}") for r, n in board.reasons]
        widgets: list[QWidget] = [_figures(board, FigureKind.SLATES)]
        if bars:
            widgets += [_text("The latest slates:"), BarChart(bars, maximum=1.0)]
        widgets += [
            _text("Top rejection reasons:"),
            BarChart(reasons) if reasons else _text("No rejections yet."),
        ]
        return _card("Slate quality", *widgets)

    def _timeline(self, board: Dashboard) -> QFrame:
        milestones = [Milestone(s.stage, s.target_date, s.first_reached) for s in board.funnel]
        milestones.append(
            Milestone(
                "Hire",
                board.target_hire_date,
                board.projected_fill if board.projection_basis == "filled" else None,
            )
        )
        if board.projected_fill and board.projection_basis != "filled":
            projection = (
                f"Projected fill: <b>{board.projected_fill:%d %b %Y}</b> "
                f"{_esc(board.projection_basis)}."
            )
        elif board.projection_basis == "filled":
            projection = f"Filled on {board.projected_fill:%d %b %Y}."
        else:
            projection = _esc(board.projection_basis.capitalize()) + "."
        return _card(
            "Timeline",
            TimelineChart(milestones, board.as_of.date()),
            _text(
                "◇ target agreed at intake · ● first candidate there (orange: late) · dashed: today"
            ),
            _text(projection),
        )

    def _outcomes(self, board: Dashboard) -> QFrame:
        declined = ", ".join(f"{_esc(reason)} ({n})" for reason, n in board.declined_reasons)
        declined = f"<br>Declined: {declined}" if declined else ""
        return _card(
            "Outcomes",
            _figures(board, FigureKind.OUTCOMES),
            _text(
                f"Offers accepted (of those answered): {_esc(board.acceptance.label())}<br>"
                f"Time to hire: {_esc(board.time_to_hire_days.label('days'))}{declined}"
            ),
        )

    def _goals(self, board: Dashboard) -> QFrame:
        editable = self.goal_service is not None and board.requisition_id is not None
        rows: list[QWidget] = []
        for goal in board.goals:
            text = _text(
                f"<span style='color:{STATUS_COLOURS.get(goal.status, '#6b7280')}'>●</span> "
                f"{_esc(goal.text)}: <b>{goal.status}</b> ({_esc(goal.detail)})"
            )
            if not editable:
                rows.append(text)
                continue
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(text, 1)
            edit, remove = QPushButton("Edit…"), QPushButton("Remove")
            edit.setAccessibleName(f"Edit the goal {goal.text}")
            remove.setAccessibleName(f"Remove the goal {goal.text}")
            edit.clicked.connect(lambda _c=False, ident=goal.id: self.on_edit_goal(ident))
            remove.clicked.connect(lambda _c=False, ident=goal.id: self.on_remove_goal(ident))
            line.addWidget(edit)
            line.addWidget(remove)
            rows.append(row)
        if not editable:
            hint = "Choose one requisition above to add, change or remove its goals."
            if not board.goals:
                hint = "No goals set. " + hint
            return _card("Goals", *rows, _text(hint))
        if not board.goals:
            rows.append(_text("No goals agreed with the recruiter for this requisition yet."))
        self.add_goal_button = QPushButton("Add goal…")
        self.add_goal_button.clicked.connect(lambda: self.on_edit_goal(None))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_goal_button)
        add_row.addStretch(1)
        holder = QWidget()
        holder.setLayout(add_row)
        add_row.setContentsMargins(0, 0, 0, 0)
        return _card("Goals", *rows, holder)

    def on_edit_goal(self, goal_id: int | None) -> None:
        """Add a goal (None) or change one, in the goal dialog; saves in the background."""
        from hirepartner.ui.partnership.goal_dialog import GoalDialog

        goals, board = self.goal_service, self.board
        if goals is None or board is None or board.requisition_id is None:
            return
        requisition_id = board.requisition_id
        goal = next((g for g in self.goal_infos if g.id == goal_id), None)
        dialog = GoalDialog(
            self.scope.currentText(), self.stage_choices, goal, board.as_of.date(), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def submit(values: dict[str, Any]) -> None:
            def save(_state: TaskState) -> object:
                if goal_id is None:
                    return goals.add_goal(requisition_id, **values)
                return goals.update_goal(goal_id, **values)

            def saved(_result: object) -> None:
                dialog.saved()
                self.load()

            self.ops.run(save, write=True, label="save goal").on_success(saved).on_failure(
                dialog.failed
            ).start()

        dialog.submitted.connect(submit)
        self.goal_dialog = dialog
        dialog.open()

    def on_remove_goal(self, goal_id: int) -> None:
        goals, board = self.goal_service, self.board
        if goals is None or board is None:
            return
        text = next((g.text for g in board.goals if g.id == goal_id), "this goal")
        if not self.confirm_remove(text):
            return
        self.ops.run(
            lambda _s: goals.remove_goal(goal_id), write=True, label="remove goal"
        ).on_success(lambda _r: self.load()).on_failure(
            lambda e: self.status.setText(f"Not removed: {e}")
        ).start()

    def confirm_remove(self, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Remove the goal",
            f"Remove the goal “{text}”? The recruiter agreed it with you.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def on_rate(self) -> None:
        if self.board is None or not self.board.slate_ids:
            self.status.setText("No slate to rate here.")
            return
        dialog = RateSlateDialog(list(self.board.slate_ids), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        service = self.service
        slate, fit = dialog.slate.currentData(), dialog.fit.value()
        more, less = dialog.more_of.text(), dialog.less_of.text()
        self.ops.run(
            lambda _s: service.rate_slate(slate, fit, more, less), write=True, label="rate slate"
        ).on_success(lambda _r: self.load()).on_failure(
            lambda e: self.status.setText(f"Not saved: {e}")
        ).start()

    def on_export(self) -> None:
        if self.board is None:
            return
        path = ask_export_path(
            self, "Export the figures", self.settings, "metrics.csv", "CSV (*.csv)"
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        from hirepartner.files import write_atomically
        from hirepartner.services.metrics import metrics_csv

        board, guard = self.board, self.service.outputs
        assert board is not None
        problem = guard.problem(path)  # said at once, before any work starts
        if problem:
            self.status.setText(f"Not exported: {problem}")
            return
        self.ops.run(
            lambda _s: write_atomically([(path, metrics_csv(board).encode("utf-8"))], guard),
            label="export metrics",
        ).on_success(lambda _r: self.on_exported(path)).on_failure(
            lambda e: self.status.setText(f"Not exported: {e}")
        ).start()

    def on_exported(self, path: Path) -> None:
        remember_export_folder(self.settings, path)
        self.status.setText(f"Exported to {path}")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


class RateSlateDialog(QDialog):
    """The hiring manager's feedback on one slate: overall fit, more of, less of."""

    def __init__(self, slates: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rate a slate")
        self.setMinimumWidth(460)
        self.slate = QComboBox()
        for ident, name in slates:
            self.slate.addItem(name, ident)
        self.fit = QSpinBox()
        self.fit.setRange(1, 5)
        self.fit.setValue(3)
        self.fit.setSuffix(" of 5")
        self.more_of = QLineEdit()
        self.more_of.setPlaceholderText("e.g. production Go, payments domain")
        self.less_of = QLineEdit()
        self.less_of.setPlaceholderText("e.g. agency profiles, pure frontend")
        form = QFormLayout(self)
        form.addRow("Slate:", self.slate)
        form.addRow("Overall fit:", self.fit)
        form.addRow("Search for more:", self.more_of)
        form.addRow("Search for less:", self.less_of)
        note = QLabel("It goes to the recruiter with the rejection reasons of this slate.")
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def _figures(board: Dashboard, kind: FigureKind) -> QLabel:
    """The board's headline figures of one kind, phrased as everywhere else (`figures`)."""
    return _text(
        "<br>".join(
            f"{_esc(f.name)}: <b>{_esc(f.value)}</b>" for f in figures(board) if f.kind is kind
        )
    )
