"""The intake action: the requisition's brief, competencies and interview plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.review.review_actions import make_action

if TYPE_CHECKING:
    from hirepartner.ui.intake.intake_dialog import IntakeDialog


class IntakeActions(QObject):
    """Owns the Intake action and opens the intake dialog for the chosen requisition."""

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.window)
        self.window, self.holder, self.ops = context.window, context.holder, context.ops
        self.selection = context.selection
        window = context.window
        self.intake_dialog: IntakeDialog | None = None
        self.intake_action = make_action(
            window, "&Intake: brief, competencies, plan…", self.show_intake, "Ctrl+Shift+I"
        )

    def show_intake(self) -> None:
        requisition = self.selection.requisition
        if requisition is None or not self.holder.ready:
            return
        from hirepartner.ui.intake.intake_dialog import IntakeDialog

        requisition_id = requisition.id
        others = [(r.id, r.label) for r in self.selection.requisitions if r.id != requisition_id]
        dialog = IntakeDialog(
            self.holder.services.intake,
            self.ops,
            requisition_id,
            requisition.label,
            others,
            self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.intake_dialog = dialog
        dialog.show()
