"""The main window's tool dialogs: scorecards, my interviews, intake, time to feedback,
comparison, debrief and calibration. Each loads its data in the background, then opens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from hirepartner.ui.changes import Change, ChangeKind
from hirepartner.ui.dialogs import confirm_sending
from hirepartner.ui.ops import TaskState
from hirepartner.ui.review.review_actions import make_action

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QStackedWidget, QWidget

    from hirepartner.app import AppServices
    from hirepartner.ui.changes import ChangeBus
    from hirepartner.ui.ops import BackgroundOps
    from hirepartner.ui.review.navigator import RequisitionTreeModel
    from hirepartner.ui.review.review_actions import ReviewActions
    from hirepartner.ui.review.slate_panel import SlatePanel
    from hirepartner.ui.services_holder import ServicesHolder
    from hirepartner.ui.settings import Settings
    from hirepartner.ui.welcome import WelcomePage


class ToolDialogs:
    """Mixed into MainWindow; uses the window's services, ops, bus and current selection."""

    holder: ServicesHolder
    ops: BackgroundOps
    bus: ChangeBus
    review: ReviewActions
    slate: SlatePanel
    navigator_model: RequisitionTreeModel
    requisition_id: int | None
    pages: QStackedWidget
    welcome: WelcomePage
    settings: Settings
    undo_stack: QUndoStack
    # Methods of MainWindow that the dialogs report through.
    show_message: Callable[[str], None]
    show_message_after_reload: Callable[[str], None]
    on_action_failed: Callable[[BaseException], None]

    @property
    def services(self) -> AppServices:
        return self.holder.services

    def _parent(self) -> QWidget:
        return self  # type: ignore[return-value]

    def _build_tool_actions(self) -> None:
        """The actions that open these dialogs; the window puts them in its menus."""
        parent = self._parent()
        self.score_action = make_action(
            parent,
            "&Scorecard…",
            self.score_current,
            "Ctrl+E",
            "note",
            "Score this candidate at their current stage",
        )
        self.compare_action = make_action(
            parent,
            "Co&mpare selected…",
            self.compare_selected,
            "Ctrl+D",
            "compare",
            "Compare 2 to 6 selected candidates side by side",
        )
        self.debrief_action = make_action(
            parent,
            "De&brief…",
            self.show_debrief,
            "Ctrl+B",
            "",
            "Agenda, recommendations and the decision for this candidate",
        )
        self.calibration_action = make_action(parent, "&Calibration…", self.show_calibration)
        self.calibration_all_action = make_action(
            parent, "Calibration &across requisitions…", lambda: self.show_calibration(True)
        )
        self.intake_action = make_action(
            parent, "&Intake: brief, competencies, plan…", self.show_intake, "Ctrl+Shift+I"
        )
        self.feedback_action = make_action(parent, "&Time to feedback…", self.show_feedback_times)
        self.update_action = make_action(
            parent,
            "&Weekly update for the recruiter…",
            self.send_weekly_update,
            "",
            "",
            "What moved, decisions, overdue feedback, what comes next: PDF, sent on sync",
        )
        self.dashboard_action = make_action(
            parent,
            "&Dashboard…",
            self.show_dashboard,
            "Ctrl+Shift+M",
            "",
            "Shared goals and metrics: feedback, pipeline, slates, timeline, outcomes",
        )
        self.export_packet_action = make_action(
            parent,
            "E&xport feedback packet…",
            lambda: self.show_export("candidate"),
            "Ctrl+Shift+E",
            "",
            "A PDF feedback packet for this candidate, with its JSON summary",
        )
        self.success_action = make_action(
            parent,
            "Share the &hire with the recruiter",
            self.share_success,
            "",
            "",
            "A success summary: time to hire, who interviewed, the evidence that won it",
        )
        self.export_kit_action = make_action(
            parent,
            "Export interview &kit…",
            lambda: self.show_export("kit"),
            "",
            "",
            "The brief, anchors and questions for one stage, to print",
        )
        self.import_action = make_action(
            parent,
            "&Import slate…",
            self.show_import,
            "Ctrl+Shift+O",
            "",
            "Import the recruiter's candidates: Greenhouse, Lever, CSV, XLSX or JSON",
        )
        self.export_slate_action = make_action(
            parent,
            "Export &slate packet…",
            lambda: self.show_export("slate"),
            "",
            "",
            "Every candidate compared, the slate feedback and a page per candidate",
        )
        self.my_interviews_action = make_action(
            parent, "&My interviews…", self.show_my_interviews, "Ctrl+I"
        )
        self.people_action = make_action(
            parent,
            "P&eople…",
            self.show_people,
            "",
            "",
            "Add, edit and retire the interviewers and recruiters you work with",
        )

    def score_current(self) -> None:
        row = self.review.current
        if row is None or not self.holder.ready:
            return
        services, application_id, stage_id = self.services, row.application_id, row.stage_id

        def open_form(_state: TaskState) -> tuple[Any, int] | None:
            me = services.profile.current()
            if me is None:
                return None
            card = services.scorecards.open_or_create(application_id, stage_id, me.id)
            return services.scorecards.form(card, me.id), me.id

        self.ops.run(open_form, write=True, label="scorecard").on_success(
            self._show_form
        ).on_failure(self.on_action_failed).start()

    def open_scorecard(self, scorecard_id: int) -> None:
        services = self.services

        def open_form(_state: TaskState) -> tuple[Any, int] | None:
            me = services.profile.current()
            return (services.scorecards.form(scorecard_id, me.id), me.id) if me else None

        self.ops.run(open_form, label="scorecard").on_success(self._show_form).on_failure(
            self.on_action_failed
        ).start()

    def _show_form(self, result: tuple[Any, int] | None) -> None:
        if result is None:
            self.pages.setCurrentWidget(self.welcome)
            self.show_message("Say who you are first: scorecards are signed by their interviewer.")
            return
        from hirepartner.ui.scorecards.scorecard_form import ScorecardDialog

        form, me = result
        dialog = ScorecardDialog(self.services.scorecards, self.ops, form, me, self._parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda f: self.bus.announce_changes(f.changes))
        self.scorecard_dialog = dialog
        dialog.show()

    def compare_selected(self) -> None:
        rows = self.slate.selected_rows()
        if not 2 <= len(rows) <= 6 or not self.holder.ready:
            self.show_message("Select 2 to 6 candidates (Ctrl+click or Shift+click), then compare.")
            return
        services, ids = self.services, [row.application_id for row in rows]

        def compare(_state: TaskState) -> Any:
            me = services.profile.current()
            reader = me.id if me else None
            return reader, services.compare.compare(ids, reader, anonymous=True)

        def show(result: Any) -> None:
            from hirepartner.ui.compare.comparison import ComparisonDialog

            reader, comparison = result
            dialog = ComparisonDialog(
                services.compare, self.ops, ids, reader, comparison, self._parent()
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.comparison_dialog = dialog
            dialog.show()

        self.ops.run(compare, label="compare").on_success(show).on_failure(
            self.on_action_failed
        ).start()

    def show_debrief(self) -> None:
        """The current candidate's debrief, or with 2+ selected, the slate's."""
        if not self.holder.ready:
            return
        selected = [row.application_id for row in self.slate.selected_rows()]
        current = self.review.current
        if len(selected) < 2:
            if current is None:
                return
            selected = [current.application_id]
        services = self.services

        def load(_state: TaskState) -> Any:
            me = services.profile.current()
            reader = me.id if me else None
            if len(selected) == 1:
                return services.debrief.debrief(selected[0], reader), None
            slate = services.debrief.debrief_slate(selected, reader)
            return slate[0][0], slate

        def show(result: Any) -> None:
            from hirepartner.ui.compare.debrief_dialog import DebriefDialog

            view, slate = result
            dialog = DebriefDialog(
                services,
                self.ops,
                view,
                self._parent(),
                slate,
                bus=self.bus,
                undo_stack=self.undo_stack,
                on_error=self.on_action_failed,
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.decided.connect(
                lambda app: self.bus.announce(Change(ChangeKind.APPLICATION, application_id=app))
            )
            self.debrief_dialog = dialog
            dialog.show()

        self.ops.run(load, label="debrief").on_success(show).on_failure(
            self.on_action_failed
        ).start()

    def show_calibration(self, across_requisitions: bool = False) -> None:
        if not self.holder.ready:
            return
        services = self.services
        requisition_id = None if across_requisitions else self.requisition_id

        def show(view: Any) -> None:
            from hirepartner.ui.compare.calibration_dialog import CalibrationDialog

            dialog = CalibrationDialog(view, self._parent())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.calibration_dialog = dialog
            dialog.show()

        self.ops.run(
            lambda _s: services.calibration.calibration(requisition_id), label="calibration"
        ).on_success(show).on_failure(self.on_action_failed).start()

    def show_intake(self) -> None:
        requisition_id = self.requisition_id
        if requisition_id is None or not self.holder.ready:
            return
        from hirepartner.ui.intake.intake_dialog import IntakeDialog

        summaries = self.navigator_model.requisitions
        title = next(f"{r.code} {r.title}" for r in summaries if r.id == requisition_id)
        others = [(r.id, f"{r.code} {r.title}") for r in summaries if r.id != requisition_id]
        dialog = IntakeDialog(
            self.services.intake, self.ops, requisition_id, title, others, self._parent()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(
            lambda: self.bus.announce(Change(ChangeKind.REQUISITION, requisition_id=requisition_id))
        )
        self.intake_dialog = dialog
        dialog.show()

    def show_feedback_times(self) -> None:
        requisition_id = self.requisition_id
        if requisition_id is None or not self.holder.ready:
            return
        services = self.services
        summary = next(r for r in self.navigator_model.requisitions if r.id == requisition_id)

        def show(times: Any) -> None:
            from hirepartner.ui.partnership.feedback_times import FeedbackTimesDialog

            dialog = FeedbackTimesDialog(
                f"{summary.code} {summary.title}", summary.feedback_sla_hours, times, self._parent()
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.feedback_dialog = dialog
            dialog.show()

        self.ops.run(
            lambda _s: services.feedback.feedback_times(requisition_id), label="feedback times"
        ).on_success(show).start()

    def show_my_interviews(self) -> None:
        if not self.holder.ready:
            return
        services = self.services

        def mine(_state: TaskState) -> Any:
            me = services.profile.current()
            return services.scorecards.my_interviews(me.id) if me else None

        def show(items: Any) -> None:
            if items is None:
                self._show_form(None)
                return
            from hirepartner.ui.scorecards.my_interviews import MyInterviewsDialog

            dialog = MyInterviewsDialog(items, self._parent())
            dialog.open_requested.connect(self.open_scorecard)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.my_interviews_dialog = dialog
            dialog.show()

        self.ops.run(mine, label="my interviews").on_success(show).start()

    def show_export(self, kind: str = "candidate") -> None:
        """The Export dialog for the current candidate (or the requisition's slate)."""
        requisition_id = self.requisition_id
        if requisition_id is None or not self.holder.ready:
            self.show_message("Choose a requisition first.")
            return
        from hirepartner.packets.content import PacketKind
        from hirepartner.ui import settings as opt
        from hirepartner.ui.exchange.export_dialog import ExportContext, ExportDialog

        summary = next(r for r in self.navigator_model.requisitions if r.id == requisition_id)
        row = self.review.current
        context = ExportContext(
            requisition_id=requisition_id,
            requisition=summary.ref,
            stages=tuple(stage.name for stage in summary.stages),
            application_id=row.application_id if row else None,
            candidate=row.full_name if row else "",
            candidate_stage=row.stage if row else "",
        )
        packet_kind = PacketKind(kind)
        if row is None and packet_kind is not PacketKind.SLATE:
            packet_kind = PacketKind.SLATE
        dialog = ExportDialog(
            self.services.export,
            self.ops,
            context,
            packet_kind,
            self.settings.get(opt.EXPORT_FOLDER),
            self._parent(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda _r: self.settings.set(opt.EXPORT_FOLDER, dialog.folder))
        self.export_dialog = dialog
        dialog.show()

    def show_import(self) -> None:
        """Import a recruiter's slate into the current requisition."""
        requisition_id = self.requisition_id
        if requisition_id is None or not self.holder.ready:
            self.show_message("Choose a requisition first.")
            return
        from hirepartner.ui.exchange.import_dialog import ImportDialog

        summary = next(r for r in self.navigator_model.requisitions if r.id == requisition_id)
        dialog = ImportDialog(
            self.services.imports,
            self.ops,
            requisition_id,
            f"{summary.code} {summary.title}",
            self.settings,
            self._parent(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(result: Any) -> None:  # an ImportResult: say what it did, select its rows
            self.slate.select_after_reload(result.application_ids)
            self.show_message_after_reload(f"{result.summary}.")
            self.bus.announce(Change(ChangeKind.REQUISITION, requisition_id=requisition_id))

        dialog.imported.connect(done)
        self.import_dialog = dialog
        dialog.show()

    def show_dashboard(self) -> None:
        """The shared metrics, for the current requisition (or all)."""
        if not self.holder.ready:
            return
        from hirepartner.ui.partnership.dashboard import DashboardDialog

        scopes: list[tuple[int | None, str]] = [(None, "All requisitions")]
        scopes += [(r.id, f"{r.code} {r.title}") for r in self.navigator_model.requisitions]
        dialog = DashboardDialog(
            self.services.metrics,
            self.ops,
            scopes,
            self.requisition_id,
            self._parent(),
            goals=self.services.goals,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dashboard_dialog = dialog
        dialog.show()

    def show_people(self) -> None:
        """The interviewers, recruiters and managers: add, edit, retire, reinstate."""
        if not self.holder.ready:
            return
        from hirepartner.ui.review.people_dialog import PeopleDialog

        dialog = PeopleDialog(self.services.people, self.ops, self.bus, self._parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.people_dialog = dialog
        dialog.show()

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
        from hirepartner.ui import settings as opt
        from hirepartner.ui.exchange.export_dialog import documents_folder, file_name_for

        export = self.services.export
        folder = Path(self.settings.get(opt.EXPORT_FOLDER) or documents_folder())
        problem = export.outputs.folder_problem(folder)  # before asking, and before any work
        if problem:
            self.on_action_failed(OutputRefused(None, problem))
            return
        if not confirm_sending(self._parent(), label, folder):
            return

        def write(_state: TaskState) -> Any:
            packet = make()
            path = folder / f"{file_name_for(file_stem(packet))}.pdf"
            return export.write(packet, path, path.with_suffix(".json"), send=True)

        self.ops.run(write, label=label).on_success(
            lambda result: self.show_message(
                f"Saved {result.pdf}; it goes to the recruiter on the next sync.{cheer}"
            )
        ).on_failure(self.on_action_failed).start()

    def share_success(self) -> None:
        """For a hired candidate: the success summary (PDF) saved and sent to the recruiter."""
        row = self.review.current
        if row is None or not self.holder.ready:
            return
        if row.status != "hired":
            self.show_message(f"{row.full_name} is not marked hired yet.")
            return
        updates, application_id, name = self.services.updates, row.application_id, row.full_name
        self._save_and_send(
            "success summary",
            lambda: updates.success_summary(application_id),
            lambda _summary: f"{name} - hired",
            " Congratulations!",
        )

    def send_weekly_update(self) -> None:
        """The weekly update of the current requisition: saved as a PDF and sent."""
        requisition_id = self.requisition_id
        if requisition_id is None or not self.holder.ready:
            self.show_message("Choose a requisition first.")
            return
        updates = self.services.updates
        code = next(r.code for r in self.navigator_model.requisitions if r.id == requisition_id)
        self._save_and_send(
            "weekly update",
            lambda: updates.weekly_update(requisition_id),
            lambda update: f"{code} weekly update {update.until:%Y-%m-%d}",
        )
