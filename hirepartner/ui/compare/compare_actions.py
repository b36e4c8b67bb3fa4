"""The comparison actions: compare selected candidates, the debrief, calibration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.ops import TaskState
from hirepartner.ui.review.review_actions import make_action

if TYPE_CHECKING:
    from hirepartner.ui.compare.calibration_dialog import CalibrationDialog
    from hirepartner.ui.compare.comparison import ComparisonDialog
    from hirepartner.ui.compare.debrief_dialog import DebriefDialog


class CompareActions(QObject):
    """Owns the Compare, Debrief and Calibration actions and the dialogs they open."""

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.window)
        self.window, self.holder, self.ops = context.window, context.holder, context.ops
        self.bus, self.undo_stack = context.bus, context.undo_stack
        self.selection, self.say, self.on_error = context.selection, context.say, context.on_error
        self.settings = context.settings
        window = context.window
        self.comparison_dialog: ComparisonDialog | None = None
        self.debrief_dialog: DebriefDialog | None = None
        self.calibration_dialog: CalibrationDialog | None = None
        self.compare_action = make_action(
            window,
            "Co&mpare selected…",
            self.compare_selected,
            "Ctrl+D",
            "compare",
            "Compare 2 to 6 selected candidates side by side",
        )
        self.debrief_action = make_action(
            window,
            "De&brief…",
            self.show_debrief,
            "Ctrl+B",
            "",
            "Agenda, recommendations and the decision for this candidate",
        )
        self.calibration_action = make_action(window, "&Calibration…", self.show_calibration)
        self.selection_hint = ""  # "Select 2 to 6…" while it is on show, until rows change
        self.selection.when_rows_change(self.on_rows_changed)
        self.calibration_all_action = make_action(
            window, "Calibration &across requisitions…", lambda: self.show_calibration(True)
        )

    def on_rows_changed(self) -> None:
        """The hint about how many to select is old news once the selection changes; a line
        said since then stays."""
        hint, self.selection_hint = self.selection_hint, ""
        message = getattr(self.window, "status_message", None)
        if hint and message is not None and message.text() == hint:
            self.say("")

    def compare_selected(self) -> None:
        rows = self.selection.selected_rows()
        if not 2 <= len(rows) <= 6 or not self.holder.ready:
            self.selection_hint = selection_hint(len(rows))
            self.say(self.selection_hint)
            return
        services, ids = self.holder.services, [row.application_id for row in rows]

        def compare(_state: TaskState) -> Any:
            return services.compare.compare(ids, anonymous=True)

        def show(comparison: Any) -> None:
            from hirepartner.ui.compare.comparison import ComparisonDialog

            dialog = ComparisonDialog(
                services.compare, self.ops, ids, comparison, self.window, self.settings
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.comparison_dialog = dialog
            dialog.show()

        self.ops.run(compare, label="compare").on_success(show).on_failure(self.on_error).start()

    def show_debrief(self) -> None:
        """The current candidate's debrief, or with 2+ selected, the slate's."""
        if not self.holder.ready:
            return
        selected = [row.application_id for row in self.selection.selected_rows()]
        current = self.selection.current
        if len(selected) < 2:
            if current is None:
                return
            selected = [current.application_id]
        services = self.holder.services

        def load(_state: TaskState) -> Any:
            if len(selected) == 1:
                return services.debrief.debrief(selected[0]), None
            slate = services.debrief.debrief_slate(selected)
            return slate[0][0], slate

        def show(result: Any) -> None:
            from hirepartner.ui.compare.debrief_dialog import DebriefDialog

            view, slate = result
            dialog = DebriefDialog(
                services,
                self.ops,
                view,
                self.window,
                slate,
                bus=self.bus,
                undo_stack=self.undo_stack,
                on_error=self.on_error,
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.debrief_dialog = dialog
            dialog.show()

        self.ops.run(load, label="debrief").on_success(show).on_failure(self.on_error).start()

    def show_calibration(self, across_requisitions: bool = False) -> None:
        if not self.holder.ready:
            return
        services = self.holder.services
        requisition_id = None if across_requisitions else self.selection.requisition_id

        def show(view: Any) -> None:
            from hirepartner.ui.compare.calibration_dialog import CalibrationDialog

            dialog = CalibrationDialog(view, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.calibration_dialog = dialog
            dialog.show()

        self.ops.run(
            lambda _s: services.calibration.calibration(requisition_id), label="calibration"
        ).on_success(show).on_failure(self.on_error).start()


def selection_hint(selected: int) -> str:
    """What to do when Compare has too few or too many candidates, with how many there are."""
    count = {0: "None is selected.", 1: "1 is selected."}.get(selected, f"{selected} are selected.")
    return f"Select 2 to 6 candidates (Ctrl+click or Shift+click), then compare. {count}"
