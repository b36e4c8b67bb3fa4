"""Requisition → Close requisition… (filled or cancelled, with a note) and Reopen requisition:
both undoable; a closed requisition shows its close in the navigator and a banner over the
slate, while its candidates keep their status and stay workable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import RequisitionStatus
from hirepartner.ui.changes import Change, ChangeKind
from hirepartner.ui.commands import RequisitionClosureCommand
from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.review.review_actions import make_action

if TYPE_CHECKING:
    from hirepartner.services.requisitions import ClosureChange, RequisitionSummary

NOTE_LIMIT = 2000


def closed_banner_text(requisition: RequisitionSummary) -> str:
    """What the slate says over a filled or cancelled requisition ("" while it is open)."""
    if requisition.closed_on is None:
        return ""
    day = f"{requisition.closed_on.day} {requisition.closed_on:%b %Y}"
    outcome = RequisitionStatus(requisition.status).label
    note = f" — {requisition.close_note}" if requisition.close_note else ""
    return (
        f"{outcome} on {day}{note}. Candidates still in process keep their status; retention "
        "counts from that day for them. Requisition → Reopen requisition opens it again."
    )


class CloseRequisitionDialog(QDialog):
    """Filled or cancelled (one must be chosen), an optional note, and a confirmation of what
    closing does to the candidates still in process (nothing) and to retention."""

    def __init__(self, requisition: RequisitionSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Close requisition")
        heading = QLabel(f"Close {requisition.label}")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.filled = QRadioButton("&Filled: the role was filled")
        self.cancelled = QRadioButton("&Cancelled: the role will not be filled")
        self.outcomes = QButtonGroup(self)
        self.outcomes.addButton(self.filled)
        self.outcomes.addButton(self.cancelled)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("Why, for the record (optional): who was hired, or why not")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 5 + 12)
        in_process = requisition.candidates_in_process
        if in_process == 1:
            who = "The candidate still in process keeps their status; nobody is rejected. "
        elif in_process:
            who = (
                f"The {in_process} candidates still in process keep their status; nobody is "
                "rejected. "
            )
        else:
            who = "No candidate is still in process. "
        self.consequence = QLabel(
            f"{who}Retention counts from today for candidates still in process. Reopening the "
            "requisition later puts it back as it was."
        )
        self.consequence.setWordWrap(True)
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #b91c1c")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Close requisition")
        self.outcomes.buttonToggled.connect(lambda _b, _on: self.error.hide())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.filled)
        layout.addWidget(self.cancelled)
        note_label = QLabel("&Note")
        note_label.setBuddy(self.note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.consequence)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    @property
    def outcome(self) -> str | None:
        if self.filled.isChecked():
            return RequisitionStatus.FILLED.value
        if self.cancelled.isChecked():
            return RequisitionStatus.CANCELLED.value
        return None

    @property
    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def accept(self) -> None:
        if self.outcome is None:
            self._refuse("Choose whether the requisition was filled or cancelled.")
            self.filled.setFocus()
            return
        if len(self.note_text) > NOTE_LIMIT:
            self._refuse(f"Shorten the note to {NOTE_LIMIT:,} characters or fewer.")
            self.note.setFocus()
            return
        super().accept()

    def _refuse(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.show()


class RequisitionActions(QObject):
    """Close requisition… and Reopen requisition, on the requisition chosen in the navigator."""

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.window)
        self.context = context
        self.dialog: CloseRequisitionDialog | None = None  # the one open now, for tests
        self.close_action = make_action(
            context.window,
            "C&lose requisition…",
            self.close_requisition,
            tip="Mark the requisition filled or cancelled; candidates keep their status",
        )
        self.reopen_action = make_action(
            context.window,
            "Re&open requisition",
            self.reopen_requisition,
            tip="Open a filled or cancelled requisition again",
        )
        self.actions = [self.close_action, self.reopen_action]
        self.show(None)

    def show(self, requisition: RequisitionSummary | None) -> str:
        """Enable what fits the chosen requisition; returns the banner text for the slate."""
        closed = requisition is not None and requisition.closed
        self.close_action.setEnabled(requisition is not None and not closed)
        self.reopen_action.setEnabled(closed)
        return closed_banner_text(requisition) if requisition is not None else ""

    def close_requisition(self) -> None:
        requisition = self.context.selection.requisition
        if requisition is None or requisition.closed or not self.context.holder.ready:
            return
        dialog = self.dialog = CloseRequisitionDialog(requisition, self.context.window)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
                return
            outcome, note = dialog.outcome, dialog.note_text
        finally:
            self.dialog = None
            dialog.deleteLater()
        services = self.context.holder.services
        self._run(
            f"Close {requisition.code}",
            requisition.id,
            lambda: services.requisitions.close_requisition(requisition.id, outcome, note),
        )

    def reopen_requisition(self) -> None:
        requisition = self.context.selection.requisition
        if requisition is None or not requisition.closed or not self.context.holder.ready:
            return
        services = self.context.holder.services
        self._run(
            f"Reopen {requisition.code}",
            requisition.id,
            lambda: services.requisitions.reopen_requisition(requisition.id),
        )

    def _run(self, text: str, requisition_id: int, write: Any) -> None:
        """The write first; on success it goes on the undo stack (a refused one never does)."""
        context = self.context

        def done(change: ClosureChange) -> None:
            context.undo_stack.push(
                RequisitionClosureCommand(
                    text,
                    change,
                    services=context.holder.services,
                    ops=context.ops,
                    bus=context.bus,
                    change=Change(ChangeKind.REQUISITION, requisition_id=requisition_id),
                    on_error=context.on_error,
                )
            )
            context.say_after_reload(change.text)

        context.ops.run(lambda _s: write(), write=True, undoable=True, label=text).on_success(
            done
        ).on_failure(context.on_error).start()
