"""The main window: requisition navigator, slate table, candidate panel; menus and status bar."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QStackedWidget,
)

from hirepartner import APP_NAME
from hirepartner.config import DatabaseLocation
from hirepartner.errors import HirePartnerError
from hirepartner.ui import settings as opt
from hirepartner.ui.changes import Change, ChangeBus
from hirepartner.ui.commands import forget_redo
from hirepartner.ui.compare.compare_actions import CompareActions
from hirepartner.ui.dialogs import fit_to_screen, show_error
from hirepartner.ui.encryption.encryption_actions import EncryptionActions
from hirepartner.ui.exchange.packet_actions import PacketActions
from hirepartner.ui.exchange.sync_status import SyncController
from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.help_actions import HelpActions
from hirepartner.ui.icons import icon
from hirepartner.ui.intake.intake_actions import IntakeActions
from hirepartner.ui.menus import Features, fill_menu_bar, fill_toolbar, window_actions
from hirepartner.ui.ops import BackgroundOps, TaskState
from hirepartner.ui.partnership.partnership_actions import PartnershipActions
from hirepartner.ui.privacy.privacy_actions import PrivacyActions
from hirepartner.ui.review.candidate_panel import CandidatePanel
from hirepartner.ui.review.requisition_actions import RequisitionActions
from hirepartner.ui.review.review_actions import ReviewActions, fill_candidate_menu
from hirepartner.ui.review.slate_loader import SlateLoader
from hirepartner.ui.review.workspace import Workspace
from hirepartner.ui.scorecards.scorecard_actions import ScorecardActions
from hirepartner.ui.selection import Selection
from hirepartner.ui.services_holder import ServicesHolder
from hirepartner.ui.settings import Settings
from hirepartner.ui.setup_actions import SetupActions
from hirepartner.ui.status_line import StatusLine
from hirepartner.ui.undo_controls import UndoControls
from hirepartner.ui.welcome import WelcomePage

if TYPE_CHECKING:
    from hirepartner.app import AppServices
    from hirepartner.services.requisitions import RequisitionSummary
    from hirepartner.services.slates import SlateListing, SlateRow

CLOSE_WAIT_MS = 15_000  # per pool: what a job may take to notice it was cancelled
# The sync status and the retention check (and the exchange they import) are not on the first
# screen: they start this long after the first slate (or the welcome page) is shown.
BACKGROUND_START_MS = 1500


class MainWindow(QMainWindow):
    """Composes the panels and the features' actions, assembles the menus, loads the slate."""

    def __init__(self, settings: Settings, services: AppServices | None = None) -> None:
        """The window; without `services` it shows at once and waits for attach_services()."""
        super().__init__()
        self.settings = settings
        self.holder = ServicesHolder()
        self.ops = BackgroundOps(self)
        self.bus = ChangeBus(self)
        self.ops.changed.connect(self.bus.announce_changes)
        self.undo_stack = QUndoStack(self)
        self.listing: SlateListing | None = None
        self.slate_loader = SlateLoader(self.holder, self.ops, self.on_slate_loaded, self)
        self._picked_for_page: int | None = None  # the row a first page chose, not the user
        self._pending_application: int | None = settings.get(opt.LAST_APPLICATION) or None
        self._loaded_once = False
        self._shown_once = False
        self._background_due = False  # the sync and retention start is scheduled
        self._refresh_queued = False
        self._full_refresh = False
        self._changed_applications: set[int] = set()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icon("app"))

        self.welcome = WelcomePage()
        self.workspace = self.splitter = Workspace(self.holder, self.ops, self.bus)
        self.navigator_model, self.navigator = (
            self.workspace.navigator_model,
            self.workspace.navigator,
        )
        self.slate, self.panel = self.workspace.slate, self.workspace.panel
        self.pages = QStackedWidget()
        self.pages.addWidget(self.workspace)
        self.pages.addWidget(self.welcome)
        self.setCentralWidget(self.pages)
        self.selection = Selection(self.navigator_model, self.slate)
        self.context = FeatureContext(
            window=self,
            holder=self.holder,
            ops=self.ops,
            bus=self.bus,
            undo_stack=self.undo_stack,
            selection=self.selection,
            settings=settings,
            say=self.show_message,
            on_error=self.on_action_failed,
            say_after_reload=self.show_message_after_reload,
        )
        self._build_features()
        self._build_menus()
        self._build_status_bar()
        self._connect_signals()
        self._restore_layout()
        if services is not None:
            self.attach_services(services)
        else:
            self.show_message("Opening the database…")

    def open_database(self, location: DatabaseLocation, on_failure: Callable[[str], None]) -> None:
        """Import the data layer and open the database off the UI thread, then attach it."""

        def open_services(_state: TaskState) -> AppServices:
            from hirepartner.app import build_services

            return build_services(location)

        self.busy.setVisible(True)
        self.ops.run(open_services, write=True, label="open").on_success(
            self.attach_services
        ).on_failure(lambda error: on_failure(str(error))).start()

    @property
    def services(self) -> AppServices:
        return self.holder.services

    @property
    def requisition_id(self) -> int | None:
        return self.selection.requisition_id

    @requisition_id.setter
    def requisition_id(self, requisition_id: int | None) -> None:
        self.selection.requisition_id = requisition_id

    def attach_services(self, services: AppServices) -> None:
        self.holder.set(services)
        self.setWindowTitle(f"{APP_NAME} — {services.maintenance.location_display}")
        self._background_due = False
        self.load_requisitions()

    def _start_background_soon(self) -> None:
        if not self._background_due:
            self._background_due = True
            QTimer.singleShot(BACKGROUND_START_MS, self, self._start_background)

    def _start_background(self) -> None:
        self.sync.start()
        self.privacy.start()

    # Building ------------------------------------------------------------------------------------

    def _build_features(self) -> None:
        """Each feature owns its actions and dialogs and gets only what it needs."""
        context = self.context
        self.review = ReviewActions(context)
        self.sync = SyncController(self.holder, self.ops, self.bus, self.settings, self)
        self.setup = SetupActions(context, self.welcome)
        self.scorecards = ScorecardActions(context, self.ask_profile)
        self.compare = CompareActions(context)
        self.intake = IntakeActions(context)
        self.privacy = PrivacyActions(context)
        self.partnership = PartnershipActions(context)
        self.packets = PacketActions(context, self.show_message_after_reload)
        self.encryption = EncryptionActions(context)
        self.help = HelpActions(self)
        self.requisition_actions = RequisitionActions(context)

    def _build_menus(self) -> None:
        mine = self.window_actions = window_actions(
            self,
            self.undo_stack,
            self.slate,
            self.open_current,
            self.refresh,
            lambda: self.pages.setCurrentWidget(self.welcome),
        )
        self.undo_action, self.redo_action, self.open_action = mine.undo, mine.redo, mine.open
        self.refresh_action, self.profile_action = mine.refresh, mine.profile
        self.addActions(list(mine.shortcuts))
        features = Features(
            review=self.review,
            setup=self.setup,
            scorecards=self.scorecards,
            compare=self.compare,
            intake=self.intake,
            privacy=self.privacy,
            partnership=self.partnership,
            packets=self.packets,
            encryption=self.encryption,
            sync=self.sync,
            help=self.help,
            requisitions=self.requisition_actions,
        )
        self.candidate_menu = fill_menu_bar(self.menuBar(), mine, features)
        self.undo_controls = UndoControls(self.undo_stack, self.undo_action, self.redo_action, self)
        self.undo_button, self.redo_button = self.undo_controls.toolbar_actions
        fill_toolbar(self.addToolBar("Main"), self.undo_controls.toolbar_actions, mine, features)

    def _build_status_bar(self) -> None:
        self.status = StatusLine(self.statusBar(), self.undo_controls)
        self.status_message, self.busy = self.status.message, self.status.busy
        self.status_undo = self.undo_controls.status_undo
        self.statusBar().addPermanentWidget(self.sync.keys_button)  # only when it cannot sign
        self.statusBar().addPermanentWidget(self.sync.label)
        self.statusBar().addPermanentWidget(self.busy)

    def _connect_signals(self) -> None:
        self.ops.busy_changed.connect(self.busy.setVisible)
        self.ops.unhandled_failure.connect(self.on_action_failed)
        self.ops.untracked_write.connect(lambda _label: forget_redo(self.undo_stack))
        self.review.done.connect(self.status.offer_undo)
        self.bus.changed.connect(self.on_changed)
        self.navigator.selectionModel().currentChanged.connect(self.on_navigator_changed)
        self.slate.current_changed.connect(self.on_current_changed)
        self.slate.menu_requested.connect(self.on_table_menu)
        self.slate.open_requested.connect(self.open_current)
        self.undo_stack.indexChanged.connect(lambda _i: self.review.update_enabled())
        self.welcome.back_requested.connect(lambda: self.pages.setCurrentWidget(self.workspace))

    # Settings -----------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.get(opt.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            fit_to_screen(self, 1440, 860)
        self.restoreState(self.settings.get(opt.WINDOW_STATE))
        self.workspace.restore(self.settings)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.workspace.restore_sizes(self.settings)

    def save_layout(self) -> None:
        self.settings.set(opt.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(opt.WINDOW_STATE, self.saveState())
        self.workspace.save(self.settings)
        self.settings.set(opt.LAST_REQUISITION, self.requisition_id or 0)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        # A sync stuck on a dead server stops at its next step; the window goes at once
        # rather than sit frozen while it does.
        self.ops.cancel_all()
        self.hide()
        self.ops.wait_idle(CLOSE_WAIT_MS)
        super().closeEvent(event)

    # Loading ------------------------------------------------------------------------------------

    def load_requisitions(self) -> None:
        if not self.holder.ready:
            return
        self.ops.run(
            lambda _s: (
                self.services.requisitions.list_requisitions(),
                self.services.profile.current(),
            ),
            label="requisitions",
        ).on_success(self.on_requisitions_loaded).start()

    def on_requisitions_loaded(self, result: tuple[tuple[RequisitionSummary, ...], Any]) -> None:
        requisitions, me = result
        self.welcome.show_profile(me)
        current = self.requisition_id or self.settings.get(opt.LAST_REQUISITION)
        self.navigator_model.set_requisitions(requisitions)
        self.navigator.expandAll()
        if not requisitions:
            self._start_background_soon()
            self.pages.setCurrentWidget(self.welcome)
            self.show_message("Welcome! Say who you are, then load the demo or add a requisition.")
            return
        self.pages.setCurrentWidget(self.workspace)
        self.welcome.set_can_go_back(True)
        if not self._loaded_once:
            # Keys act on candidates from the start: 2 moves one, it does not type-ahead in
            # the requisition tree.
            self.slate.table.setFocus(Qt.FocusReason.OtherFocusReason)
        index = self.navigator_model.index_of_requisition(current)
        if not index.isValid():
            index = self.navigator_model.index(0, 0)
        self.navigator.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if not me and not self._loaded_once:
            self.show_message(
                "Tip: say who you are (File → My profile…), so your notes and scorecards "
                "carry your name."
            )
        self._loaded_once = True

    def on_navigator_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        requisition_id = self.navigator_model.requisition_id_at(current)
        if requisition_id is None:
            return
        stage_id = self.navigator_model.stage_id_at(current)
        if requisition_id != self.requisition_id:
            self.requisition_id = requisition_id
            summary = next(r for r in self.selection.requisitions if r.id == requisition_id)
            self.slate.set_stages(summary.stages)
            self.review.set_stages(summary.stages)
            self.load_slate()
        self.slate.show_closed(self.requisition_actions.show(self.selection.requisition))
        self.slate.show_stage(stage_id)

    def load_slate(self) -> None:
        requisition_id = self.requisition_id
        if requisition_id is None or not self.holder.ready:
            return
        self.slate_loader.load(requisition_id)

    def on_slate_loaded(self, listing: SlateListing) -> None:
        """A first page, then the whole slate (see SlateLoader)."""
        if listing.requisition_id != self.requisition_id:
            return  # the user moved on while it loaded
        current = self.panel.application_id
        if current == self._picked_for_page:
            current = None  # the candidate last viewed may be past the first page: go there
        keep = current or self._pending_application
        self.listing = listing
        if listing.complete:
            self._pending_application = None
            self._start_background_soon()
        self.slate.expected_total = None if listing.complete else listing.total
        self.slate.set_rows(listing.rows, keep)
        self._picked_for_page = None if listing.complete else self.panel.application_id
        self.status.show_summary(listing)

    def load_rows(self, application_ids: list[int]) -> None:
        """Reload only these applications' rows: a change to one candidate of 10,000."""
        requisition_id = self.requisition_id
        if requisition_id is None or not self.holder.ready:
            return
        self.ops.run(
            lambda _s: self.services.slates.list_slate(
                requisition_id, application_ids=application_ids
            ),
            label="rows",
        ).on_success(self.on_rows_loaded).start()

    def on_rows_loaded(self, partial: SlateListing) -> None:
        if self.listing is None or partial.requisition_id != self.listing.requisition_id:
            return
        if not self.listing.complete:
            return  # the whole slate, listed after the change, is on its way
        from hirepartner.services.slates import summarise  # loaded with the services already

        self.slate.replace_rows(partial.rows)
        rows = tuple(self.slate.table_model.all_rows())
        stage_order = [name for name, _count in self.listing.summary.by_stage]
        self.listing = replace(self.listing, rows=rows, summary=summarise(rows, stage_order))
        self.status.show_summary(self.listing)

    def refresh(self) -> None:
        self.load_requisitions()
        self.load_slate()

    def on_changed(self, change: Change) -> None:
        if change.kind == "application" and change.application_id is not None:
            self._changed_applications.add(change.application_id)
        else:
            self._full_refresh = True
        # Coalesce bursts (an undo of several steps) into one refresh.
        if not self._refresh_queued:
            self._refresh_queued = True
            QTimer.singleShot(0, self._refresh_after_change)

    def _refresh_after_change(self) -> None:
        changed, full = sorted(self._changed_applications), self._full_refresh
        self._refresh_queued, self._full_refresh = False, False
        self._changed_applications = set()
        self.load_requisitions()
        if full or self.listing is None or not self.listing.complete:
            self.load_slate()
        else:
            self.load_rows(changed)

    # Table --------------------------------------------------------------------------------------

    def open_current(self) -> None:
        if self.panel.application_id is not None:
            self.panel.tabs.setCurrentIndex(CandidatePanel.TABS.index("Resume"))

    def on_current_changed(self, row: SlateRow | None) -> None:
        self.review.set_current(row)
        self.partnership.set_current(row)
        # "Reopened Ana … [Undo]" would undo Ana while someone else is on screen.
        withdrawn = self.undo_controls.withdraw_unless_about(row.application_id if row else None)
        if withdrawn and self.listing is not None:
            self.status.show_summary(self.listing)
        application_id = row.application_id if row else None
        if application_id != self.panel.application_id:
            self.panel.set_application(application_id)

    def on_table_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        fill_candidate_menu(menu, self.review, [self.scorecards.score_action, self.open_action])
        menu.exec(position)

    # Messages ---------------------------------------------------------------------------------

    def ask_profile(self, text: str) -> None:
        """Show the profile page with `text`: something needs to know who the user is."""
        self.pages.setCurrentWidget(self.welcome)
        self.show_message(text)

    def show_message(self, text: str) -> None:
        self.status.show(text)

    def show_message_after_reload(self, text: str) -> None:
        self.status.show_after_reload(text)

    def on_action_failed(self, error: BaseException) -> None:
        if isinstance(error, HirePartnerError):
            self.show_message(str(error))
            show_error(self, APP_NAME, str(error))
            return
        details = "".join(traceback.format_exception(error))
        show_error(self, APP_NAME, f"Something went wrong: {type(error).__name__}.", details)
