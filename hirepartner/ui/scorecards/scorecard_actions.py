"""The scorecard actions: score the current candidate, open a scorecard, my interviews."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.ops import TaskState
from hirepartner.ui.review.review_actions import make_action

if TYPE_CHECKING:
    from hirepartner.ui.scorecards.my_interviews import MyInterviewsDialog
    from hirepartner.ui.scorecards.scorecard_form import ScorecardDialog


class ScorecardActions(QObject):
    """Owns the Scorecard and My interviews actions and the dialogs they open."""

    def __init__(self, context: FeatureContext, ask_profile: Callable[[str], None]) -> None:
        super().__init__(context.window)
        self.window, self.holder, self.ops = context.window, context.holder, context.ops
        self.selection, self.on_error = context.selection, context.on_error
        self.say = context.say
        self.ask_profile = ask_profile
        window = context.window
        self.scorecard_dialog: ScorecardDialog | None = None
        self.my_interviews_dialog: MyInterviewsDialog | None = None
        self.score_action = make_action(
            window,
            "&Scorecard…",
            self.score_current,
            "Ctrl+E",
            "note",
            "Score this candidate at their current stage",
        )
        self.my_interviews_action = make_action(
            window, "&My interviews…", self.show_my_interviews, "Ctrl+I"
        )

    def score_current(self) -> None:
        row = self.selection.current
        if row is None or not self.holder.ready:
            return
        services, application_id, stage_id = self.holder.services, row.application_id, row.stage_id

        def open_form(_state: TaskState) -> tuple[Any, int] | None:
            me = services.profile.current()
            if me is None:
                return None
            card = services.scorecards.open_or_create(application_id, stage_id, me.id)
            return services.scorecards.form(card, me.id), me.id

        self.ops.run(open_form, write=True, label="scorecard").on_success(
            self._show_form
        ).on_failure(self.on_error).start()

    def open_scorecard(self, scorecard_id: int) -> None:
        services = self.holder.services

        def open_form(_state: TaskState) -> tuple[Any, int] | None:
            me = services.profile.current()
            return (services.scorecards.form(scorecard_id, me.id), me.id) if me else None

        self.ops.run(open_form, label="scorecard").on_success(self._show_form).on_failure(
            self.on_error
        ).start()

    def _show_form(self, result: tuple[Any, int] | None) -> None:
        if result is None:
            self.ask_profile("Say who you are first: scorecards are signed by their interviewer.")
            return
        from hirepartner.ui.scorecards.scorecard_form import ScorecardDialog

        form, me = result
        dialog = ScorecardDialog(self.holder.services.scorecards, self.ops, form, me, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self._say_submitted)
        self.scorecard_dialog = dialog
        dialog.show()

    def _say_submitted(self, form: Any) -> None:
        done = "Submitted" if form.version == 1 else "Amended"
        self.say(f"{done} your scorecard for {form.candidate}.")

    def show_my_interviews(self) -> None:
        if not self.holder.ready:
            return
        services = self.holder.services

        def mine(_state: TaskState) -> Any:
            me = services.profile.current()
            return services.scorecards.my_interviews(me.id) if me else None

        def show(items: Any) -> None:
            if items is None:
                self._show_form(None)
                return
            from hirepartner.ui.scorecards.my_interviews import MyInterviewsDialog

            dialog = MyInterviewsDialog(items, self.window)
            dialog.open_requested.connect(self.open_scorecard)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.my_interviews_dialog = dialog
            dialog.show()

        self.ops.run(mine, label="my interviews").on_success(show).start()
