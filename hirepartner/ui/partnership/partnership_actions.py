"""The partnership actions: the dashboard, time to feedback, the weekly update for the recruiter
and the success summary of a hire."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from hirepartner.ui import settings as opt
from hirepartner.ui.dialogs import confirm_sending
from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.ops import TaskState
from hirepartner.ui.review.review_actions import make_action

if TYPE_CHECKING:
    from hirepartner.services.slates import SlateRow
    from hirepartner.ui.partnership.dashboard import DashboardDialog
    from hirepartner.ui.partnership.feedback_times import FeedbackTimesDialog


class PartnershipActions(QObject):
    """Owns the Dashboard, Time to feedback, Weekly update and Share the hire actions."""

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.window)
        self.window, self.holder, self.ops = context.window, context.holder, context.ops
        self.selection, self.settings, self.say = context.selection, context.settings, context.say
        self.on_error = context.on_error
        window = context.window
        self.dashboard_dialog: DashboardDialog | None = None
        self.feedback_dialog: FeedbackTimesDialog | None = None
        self.dashboard_action = make_action(
            window,
            "&Dashboard…",
            self.show_dashboard,
            "Ctrl+Shift+M",
            "",
            "Shared goals and metrics: feedback, pipeline, slates, timeline, outcomes",
        )
        self.feedback_action = make_action(window, "&Time to feedback…", self.show_feedback_times)
        self.update_action = make_action(
            window,
            "&Weekly update for the recruiter…",
            self.send_weekly_update,
            "",
            "",
            "What moved, decisions, overdue feedback, what comes next: PDF, sent on sync",
        )
        self.success_action = make_action(
            window,
            "Share the &hire with the recruiter",
            self.share_success,
            "",
            "",
            "A success summary: time to hire, who interviewed, the evidence that won it",
        )

    def set_current(self, row: SlateRow | None) -> None:
        """Only a hired candidate's success can be shared."""
        self.success_action.setEnabled(row is not None and row.status == "hired")

    def show_dashboard(self) -> None:
        """The shared metrics, for the current requisition (or all)."""
        if not self.holder.ready:
            return
        from hirepartner.ui.partnership.dashboard import DashboardDialog

        scopes: list[tuple[int | None, str]] = [(None, "All requisitions")]
        scopes += [(r.id, r.label) for r in self.selection.requisitions]
        services = self.holder.services
        dialog = DashboardDialog(
            services.metrics,
            self.ops,
            scopes,
            self.selection.requisition_id,
            self.window,
            goals=services.goals,
            settings=self.settings,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dashboard_dialog = dialog
        dialog.show()

    def show_feedback_times(self) -> None:
        summary = self.selection.requisition
        if summary is None or not self.holder.ready:
            return
        services, requisition_id = self.holder.services, summary.id

        def show(times: Any) -> None:
            from hirepartner.ui.partnership.feedback_times import FeedbackTimesDialog

            dialog = FeedbackTimesDialog(
                summary.label, summary.feedback_sla_hours, times, self.window
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.feedback_dialog = dialog
            dialog.show()

        self.ops.run(
            lambda _s: services.feedback.feedback_times(requisition_id), label="feedback times"
        ).on_success(show).start()

    def _save_and_send(
        self,
        label: str,
        make: Callable[[], Any],
        file_stem: Callable[[Any], str],
        cheer: str = "",
    ) -> None:
        """Build a packet in the background, save it (and its JSON) in the export folder,
        and queue it for the recruiter."""
        from pathlib import Path

        from hirepartner.output_guard import OutputRefused
        from hirepartner.ui.exchange.export_dialog import documents_folder, file_name_for

        export = self.holder.services.export
        folder = Path(self.settings.get(opt.EXPORT_FOLDER) or documents_folder())
        problem = export.outputs.folder_problem(folder)  # before asking, and before any work
        if problem:
            self.on_error(OutputRefused(None, problem))
            return
        if not confirm_sending(self.window, label, folder):
            return

        def write(_state: TaskState) -> Any:
            packet = make()
            path = folder / f"{file_name_for(file_stem(packet))}.pdf"
            return export.write(packet, path, path.with_suffix(".json"), send=True)

        self.ops.run(write, label=label).on_success(
            lambda result: self.say(
                f"Saved {result.pdf}; it goes to the recruiter on the next sync.{cheer}"
            )
        ).on_failure(self.on_error).start()

    def share_success(self) -> None:
        """For a hired candidate: the success summary (PDF) saved and sent to the recruiter."""
        row = self.selection.current
        if row is None or not self.holder.ready:
            return
        if row.status != "hired":
            self.say(f"{row.full_name} is not marked hired yet.")
            return
        updates, application_id, name = (
            self.holder.services.updates,
            row.application_id,
            row.full_name,
        )
        self._save_and_send(
            "success summary",
            lambda: updates.success_summary(application_id),
            lambda _summary: f"{name} - hired",
            " Congratulations!",
        )

    def send_weekly_update(self) -> None:
        """The weekly update of the current requisition: saved as a PDF and sent."""
        summary = self.selection.requisition
        if summary is None or not self.holder.ready:
            self.say("Choose a requisition first.")
            return
        updates, requisition_id, code = self.holder.services.updates, summary.id, summary.code
        self._save_and_send(
            "weekly update",
            lambda: updates.weekly_update(requisition_id),
            lambda update: f"{code} weekly update {update.until:%Y-%m-%d}",
        )
