"""The scorecard form: anchored ratings with evidence, autosaved, submitted, amended.

Keyboard: 1-4 rate the focused competency (0: not assessed), Tab moves to its evidence and
on, Ctrl+Enter submits. Drafts save themselves at most 0.7 s after the last keystroke; a
draft found on opening is said to be restored.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import Recommendation
from hirepartner.ui.dialogs import fit_to_screen
from hirepartner.ui.ops import BackgroundOps, TaskState
from hirepartner.ui.scorecards.competency_block import (
    CompetencyBlock,
    error_label,
    look_read_only,
    text_box,
)

if TYPE_CHECKING:
    from hirepartner.services.scorecards import (
        DraftValues,
        SavedDraft,
        ScorecardForm,
        ScorecardService,
    )

AUTOSAVE_MS = 700
# The interview time until the interviewer gives it (shown as "not set"): never a made-up
# date, which would count in the time to feedback and make a fresh draft look overdue.
NO_INTERVIEW_TIME = QDateTime(QDate(2000, 1, 1), QTime(0, 0))


class ScorecardDialog(QDialog):
    submitted = Signal(object)  # the ScorecardForm after submit or amendment

    def __init__(
        self,
        service: ScorecardService,
        ops: BackgroundOps,
        form: ScorecardForm,
        editor_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.ops, self.editor_id = service, ops, editor_id
        self.form = form
        self.revision = form.revision
        self.base = form.values
        self._saving = False
        self._dirty = False
        self._amending = False
        self._closed = False  # a save finishing after close must not touch deleted widgets
        self._shown_once = False
        self._final: DraftValues | None = None  # edits made while a save was in flight
        self.setWindowTitle(f"Scorecard: {form.candidate} · {form.stage}")
        fit_to_screen(self, 760, 860)

        header = QLabel(
            f"<b>{form.candidate}</b> · {form.requisition} · {form.stage}"
            + (f" · due {form.due_at:%d %b %H:%M}" if form.due_at else "")
        )
        header.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fef3c7; color: #78350f; padding: 6px;")
        self.banner.hide()
        kit = QLabel("<b>Questions:</b><br>" + "<br>".join(f"• {q}" for q in form.questions))
        kit.setWordWrap(True)
        kit.setVisible(bool(form.questions))

        self.blocks = [CompetencyBlock(item) for item in form.items]
        self.takeaways = text_box("Key takeaways", "The two or three things that matter most")
        self.recommendation = QComboBox()
        self.recommendation.setAccessibleName("Overall recommendation")
        self.recommendation.addItem("Choose…", None)
        for value in Recommendation:
            self.recommendation.addItem(value.label, value.value)
        self.recommendation_error = error_label()
        self.interview_at = QDateTimeEdit()
        self.interview_at.setCalendarPopup(True)
        self.interview_at.setDisplayFormat("dd MMM yyyy HH:mm")
        self.interview_at.setAccessibleName("Interview date and time")
        self.interview_at.setMinimumDateTime(NO_INTERVIEW_TIME)
        self.interview_at.setSpecialValueText("not set")
        self.interview_at.setDateTime(NO_INTERVIEW_TIME)
        self.private_notes = text_box(
            "Private notes", "Private: never leaves this machine, never exported"
        )
        self.reason_error = error_label()
        overall = QFormLayout()
        overall.addRow("Key takeaways:", self.takeaways)
        overall.addRow("Recommendation:", self.recommendation)
        overall.addRow("", self.recommendation_error)
        overall.addRow("Interview:", self.interview_at)
        overall.addRow("Private notes:", self.private_notes)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(kit)
        for block in self.blocks:
            body_layout.addWidget(block)
        body_layout.addLayout(overall)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.body_scroll = scroll
        self._to_complete = ""  # "2 things to complete before submitting", until submitted

        self.save_state = QLabel()
        self.submit_button = QPushButton("Submit  (Ctrl+Enter)")
        self.submit_button.setToolTip(
            "A submitted scorecard cannot be taken back: it can be amended, with a reason, and "
            "the panel and the recruiter see it"
        )
        self.amend_button = QPushButton("Amend…")
        self.close_button = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_state, 1)
        for button in (self.amend_button, self.submit_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.reason_error)
        layout.addLayout(buttons)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self._show_values(form.values)
        self._show_state()
        if form.status == "draft" and form.has_draft_content:
            self.show_banner("Your draft was restored as you last left it.")
        self._connect_signals()

    def _connect_signals(self) -> None:
        for block in self.blocks:
            block.changed.connect(self.on_edited)
        self.takeaways.textChanged.connect(self.on_edited)
        self.private_notes.textChanged.connect(self.on_edited)
        self.recommendation.currentIndexChanged.connect(self.on_edited)
        self.interview_at.dateTimeChanged.connect(self.on_edited)
        self.autosave.timeout.connect(self.save_now)
        self.submit_button.clicked.connect(self.on_submit)
        self.amend_button.clicked.connect(self.on_amend)
        self.close_button.clicked.connect(self.close)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.on_submit)

    # Values -------------------------------------------------------------------------------------

    def values(self) -> DraftValues:
        from hirepartner.services.scorecards import DraftValues

        chosen = self.interview_at.dateTime()
        moment = None if chosen <= NO_INTERVIEW_TIME else chosen.toPython()
        return DraftValues(
            levels={b.item.competency_id: b.level for b in self.blocks},
            evidence={b.item.competency_id: b.evidence.toPlainText() for b in self.blocks},
            key_takeaways=self.takeaways.toPlainText(),
            recommendation=self.recommendation.currentData(),
            private_notes=self.private_notes.toPlainText(),
            interview_at=moment if isinstance(moment, datetime) else None,
        )

    def _show_values(self, values: DraftValues) -> None:
        widgets = [
            *self.blocks,
            self.takeaways,
            self.private_notes,
            self.recommendation,
            self.interview_at,
        ]
        for widget in widgets:
            widget.blockSignals(True)
        for block in self.blocks:
            cid = block.item.competency_id
            block.set_values(values.levels.get(cid), values.evidence.get(cid, ""))
        if self.takeaways.toPlainText() != values.key_takeaways:
            self.takeaways.setPlainText(values.key_takeaways)
        if self.private_notes.toPlainText() != values.private_notes:
            self.private_notes.setPlainText(values.private_notes)
        self.recommendation.setCurrentIndex(
            max(0, self.recommendation.findData(values.recommendation))
        )
        if values.interview_at is not None:
            self.interview_at.setDateTime(QDateTime(values.interview_at))
        for widget in widgets:
            widget.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown_once:
            return
        self._shown_once = True
        editable = self.form.status == "draft" or self._amending
        if editable and self.blocks:
            # Keys 1-4 rate at once: the first competency this stage focuses on has the keys.
            first = next((b for b in self.blocks if b.item.focus), self.blocks[0])
            first.setFocus()
            self.body_scroll.ensureWidgetVisible(first)

    def _show_state(self) -> None:
        locked = self.form.status == "submitted" and not self._amending
        for block in self.blocks:
            block.set_read_only(locked)
        for box in (self.takeaways, self.private_notes):
            box.setReadOnly(locked)
            look_read_only(box, locked)
        self.recommendation.setEnabled(not locked)
        self.interview_at.setReadOnly(locked)
        self.interview_at.setCalendarPopup(not locked)  # no drop-down arrow that opens nothing
        self.interview_at.setButtonSymbols(
            QAbstractSpinBox.ButtonSymbols.NoButtons
            if locked
            else QAbstractSpinBox.ButtonSymbols.UpDownArrows
        )
        look_read_only(self.interview_at, locked)
        self.submit_button.setVisible(self.form.status == "draft" or self._amending)
        self.submit_button.setText("Save amendment" if self._amending else "Submit  (Ctrl+Enter)")
        self.amend_button.setVisible(self.form.status == "submitted" and not self._amending)
        if self.form.status == "submitted" and not self._amending:
            history = "; ".join(f"v{v.version}: {v.reason}" for v in self.form.history)
            self.save_state.setText(
                f"Submitted (version {self.form.version})"
                + (f" · amended: {history}" if history else "")
            )

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    # Autosave -----------------------------------------------------------------------------------

    def on_edited(self) -> None:
        if self.form.status != "draft":
            return
        self._dirty = True
        self.save_state.setText("Editing…")
        self.autosave.start()

    def save_now(self) -> None:
        if not self._dirty or self.form.status != "draft":
            return
        if self._saving:  # one save at a time: the next starts when this one is in
            self.autosave.start()
            return
        self._dirty = False
        self._save(self.values())

    def _save(self, values: DraftValues) -> None:
        self._saving = True
        base, revision = self.base, self.revision
        scorecard_id, editor = self.form.id, self.editor_id

        def save(_state: TaskState) -> SavedDraft:
            return self.service.save_draft(scorecard_id, editor, revision, base, values)

        if not self._closed:
            self.save_state.setText("Saving…")
        self.ops.run(save, write=True, label="draft").on_success(self._saved).on_failure(
            self._save_failed
        ).start()

    def _saved(self, saved: SavedDraft) -> None:
        self._saving = False
        self.revision, self.base = saved.revision, saved.values
        if self._closed:  # the window is gone: only the last edits remain to be saved
            final, self._final = self._final, None
            if final is not None:
                self._save(final)
            return
        if saved.merged:
            self._show_values(saved.values)
            self.show_banner("This draft was also edited in another window; both texts were kept.")
        stamp = f"Draft saved {datetime.now():%H:%M:%S}"
        self.save_state.setText(f"{self._to_complete} · {stamp}" if self._to_complete else stamp)
        if self._dirty:
            self.autosave.start()

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        if self._closed:
            return
        self._dirty = True
        self.save_state.setText(f"Not saved: {error}")

    # Submit and amend ----------------------------------------------------------------------------

    def confirm_submit(self) -> bool:
        """A submit cannot be undone: ask once; Enter and Escape keep editing."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Submit scorecard",
            f"Submit your scorecard for {self.form.candidate}?",
            parent=self,
        )
        box.setInformativeText("Once submitted it can only be amended, with a reason.")
        submit = box.addButton("Submit", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is submit

    def on_submit(self) -> None:
        if not (self.form.status == "draft" or self._amending):
            return
        if not self._amending and not self.confirm_submit():
            return  # an amendment was asked for already, with its reason
        self.autosave.stop()
        values, scorecard_id, editor = self.values(), self.form.id, self.editor_id
        base, revision, amending = self.base, self.revision, self._amending
        reason = getattr(self, "_reason", "")

        def submit(_state: TaskState) -> ScorecardForm:
            if amending:
                return self.service.amend(scorecard_id, editor, reason, values)
            self.service.save_draft(scorecard_id, editor, revision, base, values)
            return self.service.submit(scorecard_id, editor)

        self.ops.run(submit, write=True, label="submit").on_success(self._submit_done).on_failure(
            self._submit_failed
        ).start()

    def _submit_done(self, form: ScorecardForm) -> None:
        if self._closed:
            return
        self.form, self._amending, self._dirty = form, False, False
        self.revision, self.base = form.revision, form.values
        self._to_complete = ""
        self.banner.hide()  # "your draft was restored" is old news once it is submitted
        self.clear_errors()
        self._show_state()
        self.submitted.emit(form)

    def _submit_failed(self, error: BaseException) -> None:
        from hirepartner.services.scorecards import ScorecardIncomplete

        if self._closed:
            return
        if not isinstance(error, ScorecardIncomplete):
            self.save_state.setText(str(error))
            return
        self.clear_errors()
        blocks = {str(b.item.competency_id): b for b in self.blocks}
        first: QWidget | None = None
        target: QWidget
        for problem in error.errors:
            kind, _, ident = problem.field.partition(":")
            if kind == "rating":
                label, target = blocks[ident].rating_error, blocks[ident]
            elif kind == "evidence":
                label, target = blocks[ident].evidence_error, blocks[ident].evidence
            elif kind == "reason":
                label, target = self.reason_error, self.amend_button
            else:
                label, target = self.recommendation_error, self.recommendation
            label.setText(problem.message)
            label.show()
            first = first or target
        if first is not None:
            first.setFocus()
            self.body_scroll.ensureWidgetVisible(first)  # the first problem, not a silent footer
        count = len(error.errors)
        self._to_complete = (
            f"{count} {'thing' if count == 1 else 'things'} to complete before submitting"
        )
        self.save_state.setText(self._to_complete)
        # A draft that failed validation is still saved: reload the revision it now has.
        self._dirty = self.form.status == "draft"
        self.autosave.start()

    def clear_errors(self) -> None:
        for block in self.blocks:
            block.rating_error.hide()
            block.evidence_error.hide()
        self.recommendation_error.hide()
        self.reason_error.hide()

    def on_amend(self, reason: str | None = None) -> None:
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, "Amend scorecard", "Why do you amend this submitted scorecard?"
            )
            if not ok:
                return
        self._reason = reason
        self._amending = True
        self._show_state()

    def done(self, result: int) -> None:
        self.closeEvent(None)
        super().done(result)

    def closeEvent(self, event: object) -> None:
        if self._closed:
            return
        self.autosave.stop()
        self._closed = True
        if self._dirty and self.form.status == "draft":
            self._dirty = False
            if self._saving:  # saved when the save in flight is in (see _saved)
                self._final = self.values()
            else:
                self._save(self.values())
        if event is not None:
            super().closeEvent(event)  # type: ignore[arg-type]
