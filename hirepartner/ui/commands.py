"""Undoable review actions: each runs its service call on the write worker, then broadcasts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from hirepartner.ui.changes import Change, ChangeBus
from hirepartner.ui.ops import BackgroundOps, TaskState, changes_of

if TYPE_CHECKING:
    from hirepartner.app import AppServices
    from hirepartner.services.debrief import DebriefView, DecisionRequest
    from hirepartner.services.offers import OfferInfo
    from hirepartner.services.pipeline import ApplicationInfo
    from hirepartner.services.requisitions import ClosureChange
    from hirepartner.services.review import NoteWritten, TagWritten


def forget_redo(stack: QUndoStack) -> None:
    """Drop what the stack could redo, keeping what it can undo.

    After a write that is not on the stack, a redo would replay an old change over newer state
    (redo moving a candidate someone has since put on hold). QUndoStack truncates its redo part
    when a command is pushed; an obsolete command is pushed for that and discarded at once.
    Qt emits nothing in that case, so the redo action is told here.
    """
    if not stack.canRedo():
        return
    marker = QUndoCommand("")
    marker.setObsolete(True)
    stack.push(marker)
    stack.canRedoChanged.emit(False)
    stack.redoTextChanged.emit("")


class _ReviewCommand(QUndoCommand):
    """Runs do/undo as serialised background writes; failures go to `on_error`."""

    def __init__(
        self,
        text: str,
        services: AppServices,
        ops: BackgroundOps,
        bus: ChangeBus,
        change: Change,
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(text)
        self.services, self.ops, self.bus = services, ops, bus
        self.change = change
        self.on_error = on_error

    def _run(self, job: Callable[[], Any]) -> None:
        def work(_state: TaskState) -> Any:
            return job()

        self.ops.run(work, write=True, undoable=True, label=self.text()).on_success(
            self._succeeded
        ).on_failure(self._failed).start()

    def _succeeded(self, result: Any) -> None:
        """Ops announced what the use case returned as changed; else this command's notice."""
        if changes_of(result) is None:
            self.bus.announce(self.change)

    def _failed(self, error: BaseException) -> None:
        self.bus.announce(self.change)  # show the real state again
        self.on_error(error)


class ApplicationCommand(_ReviewCommand):
    """A change to one application; undo puts back the state read just before it ran."""

    def __init__(
        self, text: str, application_id: int, action: Callable[[], Any], **context: Any
    ) -> None:
        super().__init__(text, **context)
        self.application_id = application_id
        self.action = action
        # Written by the worker before the action; read by the (later, serialised) undo job.
        self.previous: ApplicationInfo | None = None

    def redo(self) -> None:
        def job() -> Any:
            self.previous = self.services.pipeline.get_application(self.application_id)
            return self.action()

        self._run(job)

    def undo(self) -> None:
        def job() -> Any:
            if self.previous is not None:
                return self.services.pipeline.restore(self.application_id, self.previous)
            return None

        self._run(job)


class TagCommand(_ReviewCommand):
    def __init__(self, candidate_id: int, tag: str, **context: Any) -> None:
        super().__init__(f"Add tag “{tag}”", **context)
        self.candidate_id, self.tag = candidate_id, tag
        self.added = False

    def redo(self) -> None:
        def job() -> TagWritten:
            written = self.services.review.add_tag(self.candidate_id, self.tag)
            self.added = written.done
            return written

        self._run(job)

    def undo(self) -> None:
        self._run(
            lambda: (
                self.services.review.remove_tag(self.candidate_id, self.tag)
                if self.added
                else None  # nothing was added, so nothing changed: this command's notice
            )
        )


class NoteCommand(_ReviewCommand):
    def __init__(self, application_id: int, text: str, **context: Any) -> None:
        super().__init__("Add note", **context)
        self.application_id, self.note_text = application_id, text
        self.note_id: int | None = None

    def redo(self) -> None:
        def job() -> Any:
            written = self.services.review.add_note(self.application_id, self.note_text)
            self.note_id = written.note.id if written.note else None
            return written

        self._run(job)

    def undo(self) -> None:
        def job() -> NoteWritten | None:
            if self.note_id is None:
                return None
            written = self.services.review.delete_note(self.note_id)
            self.note_id = None
            return written

        self._run(job)


class DecisionCommand(_ReviewCommand):
    """A debrief decision. It is pushed once recorded (so a refused one never reaches the
    stack); undo withdraws it and puts the application back as it was; redo records it again."""

    def __init__(
        self,
        recorded: DebriefView,
        previous: ApplicationInfo,
        decision: DecisionRequest,
        **context: Any,
    ) -> None:
        super().__init__(f"Record decision: {decision.outcome}", **context)
        self.application_id = recorded.application_id
        self.previous = previous
        self.decision = decision
        # Read and written only by the (serialised) write jobs after this first one.
        self.decision_id: int | None = recorded.recorded.id if recorded.recorded else None
        self._recorded_already = True

    def redo(self) -> None:
        if self._recorded_already:
            self._recorded_already = False
            return
        request = self.decision

        def job() -> Any:
            self.previous = self.services.pipeline.get_application(self.application_id)
            view = self.services.debrief.decide(
                self.application_id,
                request.outcome,
                request.rationale,
                request.present,
                request.reason,
            )
            self.decision_id = view.recorded.id if view.recorded else None
            return view

        self._run(job)

    def undo(self) -> None:
        def job() -> Any:
            if self.decision_id is None:
                return None
            self.services.debrief.withdraw_decision(self.decision_id)
            self.decision_id = None
            return self.services.pipeline.restore(self.application_id, self.previous)

        self._run(job)


# The offer step ----------------------------------------------------------------------------------


class MakeOfferCommand(_ReviewCommand):
    """Make an offer; undo takes it back and returns the application to its status before."""

    def __init__(
        self,
        candidate: str,
        application_id: int,
        extended_on: date,
        expires_on: date | None,
        notes: str,
        **context: Any,
    ) -> None:
        super().__init__(f"Make an offer to {candidate}", **context)
        self.application_id = application_id
        self.extended_on, self.expires_on, self.notes = extended_on, expires_on, notes
        self.offer_id: int | None = None  # written by the worker, read by the later undo job

    def redo(self) -> None:
        def job() -> Any:
            offer = self.services.offers.make_offer(
                self.application_id, self.extended_on, self.expires_on, self.notes
            )
            self.offer_id = offer.id
            return offer

        self._run(job)

    def undo(self) -> None:
        def job() -> None:
            if self.offer_id is not None:
                self.services.offers.retract_offer(self.offer_id)
                self.offer_id = None

        self._run(job)


class OfferAnswerCommand(_ReviewCommand):
    """Record the candidate's answer (accepted or declined); undo opens the offer again."""

    def __init__(self, text: str, answer: Callable[[], OfferInfo], **context: Any) -> None:
        super().__init__(text, **context)
        self.answer = answer
        self.offer_id: int | None = None

    def redo(self) -> None:
        def job() -> Any:
            offer = self.answer()
            self.offer_id = offer.id
            return offer

        self._run(job)

    def undo(self) -> None:
        def job() -> Any:
            if self.offer_id is not None:
                return self.services.offers.reopen_offer(self.offer_id)
            return None

        self._run(job)


# Closing a requisition ---------------------------------------------------------------------------


class RequisitionClosureCommand(_ReviewCommand):
    """A requisition closed or reopened. It is pushed once done (so a refused one never reaches
    the stack); undo puts back its status, close day and note as they were before, and redo
    puts back what was done (the same close day, not a new one)."""

    def __init__(self, text: str, done: ClosureChange, **context: Any) -> None:
        super().__init__(text, **context)
        self.done = done
        self._done_already = True

    def redo(self) -> None:
        if self._done_already:
            self._done_already = False
            return
        self._run(lambda: self.services.requisitions.restore_closure(self.done.after))

    def undo(self) -> None:
        self._run(lambda: self.services.requisitions.restore_closure(self.done.before))
