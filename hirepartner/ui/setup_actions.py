"""Setting up: my profile, the demo world, a new requisition and the people one works with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from hirepartner.ui import settings as opt
from hirepartner.ui.dialogs import RequisitionDialog
from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.review.review_actions import make_action
from hirepartner.ui.welcome import WelcomePage

if TYPE_CHECKING:
    from hirepartner.services.requisitions import RequisitionSummary
    from hirepartner.ui.review.people_dialog import PeopleDialog


class SetupActions(QObject):
    """Owns the New requisition, Load demo data and People actions, and answers the welcome
    page's buttons."""

    def __init__(self, context: FeatureContext, welcome: WelcomePage) -> None:
        super().__init__(context.window)
        self.window, self.holder, self.ops = context.window, context.holder, context.ops
        self.selection, self.settings = context.selection, context.settings
        self.say, self.on_error = context.say, context.on_error
        self.welcome = welcome
        window = context.window
        self.people_dialog: PeopleDialog | None = None
        self.new_requisition_action = make_action(
            window, "&New requisition…", self.new_requisition, "Ctrl+Shift+N"
        )
        self.demo_action = make_action(window, "Load &demo data", self.load_demo)
        self.people_action = make_action(
            window,
            "P&eople…",
            self.show_people,
            "",
            "",
            "Add, edit and retire the interviewers and recruiters you work with",
        )
        welcome.save_profile_requested.connect(self.save_profile)
        welcome.demo_requested.connect(self.load_demo)
        welcome.new_requisition_requested.connect(self.new_requisition)

    def save_profile(self, name: str, email: str, role: str) -> None:
        holder = self.holder  # read in the job: the database may still be opening
        self.ops.run(
            lambda _s: holder.services.profile.set_current(name, email, role),
            write=True,
            label="profile",
        ).on_success(self.welcome.show_profile).on_failure(
            lambda e: self.welcome.show_error(str(e))
        ).start()

    def load_demo(self) -> None:
        self.welcome.set_busy(True, "Writing the demo world…")
        self.say("Writing the demo world…")
        holder = self.holder
        self.ops.run(
            lambda _s: holder.services.fill_demo(60, 7), write=True, label="demo"
        ).on_success(lambda _r: self._after_demo()).on_failure(self._demo_failed).start()

    def _after_demo(self) -> None:
        self.welcome.set_busy(False)  # ops announced what the demo changed: everything

    def _demo_failed(self, error: BaseException) -> None:
        self.welcome.set_busy(False)
        self.on_error(error)

    def new_requisition(self) -> None:
        dialog = RequisitionDialog(self.window)
        if dialog.exec() != RequisitionDialog.DialogCode.Accepted:
            return
        title, team, location = dialog.title.text(), dialog.team.text(), dialog.location.text()
        headcount, sla = dialog.headcount.value(), dialog.sla.value()
        holder = self.holder

        def create(_s: Any) -> RequisitionSummary:
            return holder.services.requisitions.create_requisition(
                title, team=team, location=location, headcount=headcount, feedback_sla_hours=sla
            )

        def created(summary: RequisitionSummary) -> None:
            self.selection.requisition_id = None
            self.settings.set(opt.LAST_REQUISITION, summary.id)  # ops announced it

        self.ops.run(create, write=True, label="requisition").on_success(created).on_failure(
            self.on_error
        ).start()

    def show_people(self) -> None:
        """The interviewers, recruiters and managers: add, edit, retire, reinstate."""
        if not self.holder.ready:
            return
        from hirepartner.ui.review.people_dialog import PeopleDialog

        dialog = PeopleDialog(self.holder.services.people, self.ops, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.people_dialog = dialog
        dialog.show()
