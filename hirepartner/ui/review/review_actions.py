"""The review actions (menus, toolbar, shortcuts) and what they do to the selected candidate."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from hirepartner.domain import ApplicationStatus
from hirepartner.errors import HirePartnerError
from hirepartner.ui.changes import Change, ChangeKind
from hirepartner.ui.commands import (
    ApplicationCommand,
    MakeOfferCommand,
    NoteCommand,
    OfferAnswerCommand,
    TagCommand,
)
from hirepartner.ui.dialogs import RejectDialog
from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.icons import icon
from hirepartner.ui.review.offer_dialog import (
    MakeOfferDialog,
    OfferAcceptedDialog,
    OfferDeclinedDialog,
)

if TYPE_CHECKING:
    from hirepartner.app import AppServices
    from hirepartner.services.offers import OfferInfo
    from hirepartner.services.requisitions import StageCount
    from hirepartner.services.review import ApplicationDetail
    from hirepartner.services.slates import SlateRow

MAX_STAGE_KEYS = 9
_CLOSED = {
    ApplicationStatus.REJECTED.value,
    ApplicationStatus.WITHDRAWN.value,
    ApplicationStatus.HIRED.value,
}
_OFFERABLE = {ApplicationStatus.ACTIVE.value, ApplicationStatus.ON_HOLD.value}


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    shortcut: str | QKeySequence | QKeySequence.StandardKey = "",
    icon_name: str = "",
    tip: str = "",
) -> QAction:
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if icon_name:
        action.setIcon(icon(icon_name))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    return action


class ReviewActions(QObject):
    """Acts on the application the window has selected; every change goes on the undo stack."""

    done = Signal(str, int)  # what was just done, and to which application: "… [Undo]"

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.window)
        self.window, self.holder, self.ops = context.window, context.holder, context.ops
        self.bus, self.undo_stack, self.on_error = context.bus, context.undo_stack, context.on_error
        window = context.window
        self.current: SlateRow | None = None
        self.detail: ApplicationDetail | None = None
        self.stages: tuple[StageCount, ...] = ()

        self.move_menu = QMenu("&Move to stage", window)
        self.move_menu.setIcon(icon("move-stage"))
        self.stage_actions: list[QAction] = []
        for number in range(1, MAX_STAGE_KEYS + 1):
            action = make_action(
                window, f"Stage {number}", partial(self.move_to, number - 1), str(number)
            )
            action.setVisible(False)
            self.stage_actions.append(action)
            self.move_menu.addAction(action)
            window.addAction(action)
        self.reject = make_action(
            window,
            "&Reject…",
            self.on_reject,
            "Ctrl+R",
            "reject",
            "Reject with a structured reason",
        )
        self.hold = make_action(
            window,
            "Put on &hold",
            lambda: self.set_status("on_hold"),
            "Ctrl+H",
            "hold",
            "Pause this candidate",
        )
        self.withdraw = make_action(
            window,
            "&Withdrawn",
            lambda: self.set_status("withdrawn"),
            "",
            "withdraw",
            "The candidate withdrew",
        )
        self.hired = make_action(
            window,
            "Mark h&ired",
            lambda: self.set_status("hired"),
            "",
            "hired",
            "The candidate accepted and was hired",
        )
        self.reopen = make_action(
            window,
            "Re&open",
            lambda: self.set_status("active"),
            "Ctrl+Shift+R",
            "reopen",
            "Make the application active again",
        )
        self.add_tag = make_action(
            window, "Add &tag…", self.on_add_tag, "Ctrl+T", "tag", "Tag this candidate"
        )
        self.add_note = make_action(
            window,
            "Add &note…",
            self.on_add_note,
            "Ctrl+N",
            "note",
            "Write a note on this application",
        )
        # The offer step (no shortcuts: the window's shortcut map is decided elsewhere).
        self.make_offer = make_action(
            window,
            "Make an o&ffer…",
            self.on_make_offer,
            tip="Make an offer to a candidate at the last interview stage",
        )
        self.offer_accepted = make_action(
            window,
            "Offer &accepted…",
            self.on_offer_accepted,
            icon_name="hired",
            tip="The candidate accepted the offer: record their start date",
        )
        self.offer_declined = make_action(
            window,
            "Offer &declined…",
            self.on_offer_declined,
            icon_name="withdraw",
            tip="The candidate declined the offer: record why",
        )
        self.offer_actions = [self.make_offer, self.offer_accepted, self.offer_declined]
        self.all = [
            self.reject,
            self.hold,
            self.withdraw,
            self.hired,
            self.reopen,
            self.add_tag,
            self.add_note,
        ]
        self.update_enabled()

    @property
    def services(self) -> AppServices:
        return self.holder.services

    # State --------------------------------------------------------------------------------------

    def set_stages(self, stages: tuple[StageCount, ...]) -> None:
        self.stages = stages
        for number, action in enumerate(self.stage_actions):
            visible = number < len(stages)
            action.setVisible(visible)
            if visible:
                action.setText(f"&{number + 1} {stages[number].name}")
        self.update_enabled()

    def set_current(self, row: SlateRow | None) -> None:
        self.current = row
        self.update_enabled()

    def update_enabled(self) -> None:
        row = self.current
        has = row is not None
        closed = row is not None and row.status in _CLOSED
        for number, action in enumerate(self.stage_actions):
            action.setEnabled(
                has
                and not closed
                and number < len(self.stages)
                and row is not None
                and self.stages[number].stage_id != row.stage_id
            )
        self.move_menu.setEnabled(has and not closed)
        self.reject.setEnabled(row is not None and row.status not in ("rejected", "hired"))
        self.hold.setEnabled(has and not closed and row is not None and row.status != "on_hold")
        self.withdraw.setEnabled(has and not closed)
        self.hired.setEnabled(has and not closed)
        self.reopen.setEnabled(has and row is not None and row.status != "active")
        self.add_tag.setEnabled(has)
        self.add_note.setEnabled(has)
        last_stage = self.stages[-1].stage_id if self.stages else None
        self.make_offer.setEnabled(
            row is not None and row.stage_id == last_stage and row.status in _OFFERABLE
        )
        offer_out = row is not None and row.status == ApplicationStatus.OFFER.value
        self.offer_accepted.setEnabled(offer_out)
        self.offer_declined.setEnabled(offer_out)

    # Doing --------------------------------------------------------------------------------------

    def _context(self) -> dict[str, object]:
        assert self.current is not None
        return {
            "services": self.services,
            "ops": self.ops,
            "bus": self.bus,
            "change": Change(ChangeKind.APPLICATION, application_id=self.current.application_id),
            "on_error": self.on_error,
        }

    def _push_application(self, text: str, action: Callable[[], object], done: str) -> None:
        """Push the change; `text` names it in Edit → Undo, `done` tells the status bar."""
        assert self.current is not None
        self.undo_stack.push(
            ApplicationCommand(text, self.current.application_id, action, **self._context())
        )
        self.done.emit(done, self.current.application_id)

    def move_to(self, position: int) -> None:
        """Forward by one stage at once; backwards or over stages only once confirmed."""
        row = self.current
        if (
            row is None
            or position >= len(self.stages)
            or not self.stage_actions[position].isEnabled()
        ):
            return
        stage = self.stages[position]
        here = next((n for n, s in enumerate(self.stages) if s.stage_id == row.stage_id), None)
        if (
            here is not None
            and position != here + 1
            and not self._confirm_move(row, here, position)
        ):
            return
        app_id = row.application_id
        self._push_application(
            f"Move {row.full_name} to {stage.name}",
            lambda: self.services.pipeline.move_stage(app_id, stage.stage_id),
            f"Moved {row.full_name} to {stage.name}.",
        )

    def _confirm_move(self, row: SlateRow, here: int, there: int) -> bool:
        current, target = self.stages[here].name, self.stages[there].name
        if there < here:
            question = f"Move {row.full_name} back from {current} to {target}?"
        else:
            skipped = ", ".join(s.name for s in self.stages[here + 1 : there])
            question = f"Move {row.full_name} from {current} straight to {target}, past {skipped}?"
        box = QMessageBox(QMessageBox.Icon.Question, "Move candidate", question, parent=self.window)
        move = box.addButton("&Move", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # a stray key then Enter: no move
        box.setInformativeText("You can undo it afterwards (Ctrl+Z).")
        box.exec()
        return box.clickedButton() is move

    def set_status(self, status: str) -> None:
        row = self.current
        if row is None:
            return
        app_id = row.application_id
        label, done = {
            "on_hold": ("Put {} on hold", "Put {} on hold."),
            "withdrawn": ("Mark {} withdrawn", "Marked {} withdrawn."),
            "hired": ("Mark {} hired", "Marked {} hired."),
            "active": ("Reopen {}", "Reopened {}."),
        }[status]
        self._push_application(
            label.format(row.full_name),
            lambda: self.services.pipeline.set_status(app_id, status),
            done.format(row.full_name),
        )

    def on_reject(self) -> None:
        row = self.current
        if row is None:
            return
        dialog = RejectDialog(row.full_name, self.window)
        if dialog.exec() != RejectDialog.DialogCode.Accepted:
            return
        reason, note, app_id = dialog.reason_value, dialog.note_text, row.application_id
        self._push_application(
            f"Reject {row.full_name}",
            lambda: self.services.pipeline.reject(app_id, reason, note),
            f"Rejected {row.full_name}.",
        )

    def on_add_tag(self) -> None:
        row = self.current
        if row is None:
            return
        tag, ok = QInputDialog.getText(self.window, "Add tag", f"Tag for {row.full_name}:")
        if ok and tag.strip():
            self.undo_stack.push(TagCommand(row.candidate_id, tag.strip(), **self._context()))
            self.done.emit(f"Tagged {row.full_name} “{tag.strip()}”.", row.application_id)

    def on_add_note(self) -> None:
        row = self.current
        if row is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self.window, "Add note", f"Note on {row.full_name} (only on this machine):"
        )
        if ok and text.strip():
            self.undo_stack.push(NoteCommand(row.application_id, text.strip(), **self._context()))
            self.done.emit(f"Added a note on {row.full_name}.", row.application_id)

    # The offer step -----------------------------------------------------------------------------

    def on_make_offer(self) -> None:
        row = self.current
        if row is None or not self.make_offer.isEnabled():
            return
        dialog = MakeOfferDialog(row.full_name, self.services.clock().date(), self.window)
        if dialog.exec() != MakeOfferDialog.DialogCode.Accepted:
            return
        self.undo_stack.push(
            MakeOfferCommand(
                row.full_name,
                row.application_id,
                dialog.extended_on,
                dialog.expires_on,
                dialog.notes_text,
                **self._context(),
            )
        )
        self.done.emit(f"Made an offer to {row.full_name}.", row.application_id)

    def on_offer_accepted(self) -> None:
        self._with_open_offer(self._record_acceptance)

    def on_offer_declined(self) -> None:
        self._with_open_offer(self._record_decline)

    def _with_open_offer(self, then: Callable[[SlateRow, OfferInfo], None]) -> None:
        """Read the candidate's open offer in the background, then ask for the answer."""
        row = self.current
        if row is None or row.status != ApplicationStatus.OFFER.value:
            return
        app_id = row.application_id

        def opened(offer: OfferInfo | None) -> None:
            if self.current is None or self.current.application_id != app_id:
                return  # the user moved on while it loaded
            if offer is None or not offer.is_open:
                self.on_error(
                    HirePartnerError(
                        f"No open offer to {row.full_name} is recorded; mark them hired or "
                        "withdrawn instead."
                    )
                )
                return
            then(row, offer)

        self.ops.run(
            lambda _s: self.services.offers.current_offer(app_id), label="offer"
        ).on_success(opened).on_failure(self.on_error).start()

    def _record_acceptance(self, row: SlateRow, offer: OfferInfo) -> None:
        dialog = OfferAcceptedDialog(
            row.full_name, offer.extended_on, self.services.clock().date(), self.window
        )
        if dialog.exec() != OfferAcceptedDialog.DialogCode.Accepted:
            return
        offers, app_id = self.services.offers, row.application_id
        start_on, responded_on = dialog.start_on, dialog.responded_on
        self.undo_stack.push(
            OfferAnswerCommand(
                f"Record that {row.full_name} accepted the offer",
                lambda: offers.accept_offer(app_id, start_on, responded_on),
                **self._context(),
            )
        )
        self.done.emit(f"{row.full_name} accepted the offer: hired.", app_id)

    def _record_decline(self, row: SlateRow, offer: OfferInfo) -> None:
        dialog = OfferDeclinedDialog(
            row.full_name, offer.extended_on, self.services.clock().date(), self.window
        )
        if dialog.exec() != OfferDeclinedDialog.DialogCode.Accepted:
            return
        offers, app_id = self.services.offers, row.application_id
        reason, note, responded_on = dialog.reason_value, dialog.note_text, dialog.responded_on
        self.undo_stack.push(
            OfferAnswerCommand(
                f"Record that {row.full_name} declined the offer",
                lambda: offers.decline_offer(app_id, reason, note, responded_on),
                **self._context(),
            )
        )
        self.done.emit(f"{row.full_name} declined the offer.", app_id)


def fill_candidate_menu(menu: QMenu, actions: ReviewActions, extra: list[QAction]) -> None:
    menu.addMenu(actions.move_menu)
    for action in actions.all:
        menu.addAction(action)
    menu.addSeparator()
    for action in actions.offer_actions:
        menu.addAction(action)
    if extra:
        menu.addSeparator()
        for action in extra:
            menu.addAction(action)
    menu.setToolTipsVisible(True)
