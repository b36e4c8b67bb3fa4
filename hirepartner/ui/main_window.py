"""The main window: requisition navigator, slate table, candidate panel; menus and status bar."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QWidget,
)

from hirepartner import APP_NAME, __version__
from hirepartner.config import DatabaseLocation
from hirepartner.errors import HirePartnerError
from hirepartner.ui import settings as opt
from hirepartner.ui.changes import Change, ChangeBus, ChangeKind
from hirepartner.ui.commands import forget_redo
from hirepartner.ui.dialogs import RequisitionDialog, ShortcutsDialog, fit_to_screen, show_error
from hirepartner.ui.exchange.sync_status import SyncController
from hirepartner.ui.icons import icon
from hirepartner.ui.ops import BackgroundOps, TaskState
from hirepartner.ui.review.candidate_panel import CandidatePanel
from hirepartner.ui.review.navigator import RequisitionTreeModel
from hirepartner.ui.review.review_actions import ReviewActions, fill_candidate_menu, make_action
from hirepartner.ui.review.slate_panel import SlatePanel
from hirepartner.ui.review.slate_table import Column
from hirepartner.ui.services_holder import ServicesHolder
from hirepartner.ui.settings import Settings
from hirepartner.ui.shortcuts import shortcut_rows
from hirepartner.ui.tool_dialogs import ToolDialogs
from hirepartner.ui.undo_controls import UndoControls
from hirepartner.ui.welcome import WelcomePage
from hirepartner.ui.wording import plural

if TYPE_CHECKING:
    from hirepartner.app import AppServices
    from hirepartner.services.requisitions import RequisitionSummary
    from hirepartner.services.slates import SlateListing, SlateRow


class MainWindow(ToolDialogs, QMainWindow):
    def __init__(self, settings: Settings, services: AppServices | None = None) -> None:
        """The window; without `services` it shows at once and waits for attach_services()."""
        super().__init__()
        self.settings = settings
        self.holder = ServicesHolder()
        self.ops = BackgroundOps(self)
        self.bus = ChangeBus(self)
        self.undo_stack = QUndoStack(self)
        self.requisition_id: int | None = None
        self.listing: SlateListing | None = None
        self._pending_application: int | None = settings.get(opt.LAST_APPLICATION) or None
        self._loaded_once = False
        self._shown_once = False
        self._refresh_queued = False
        self._full_refresh = False
        self._changed_applications: set[int] = set()
        self._message_after_reload = ""
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icon("app"))

        self.welcome = WelcomePage()
        self.workspace = self._build_workspace()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.workspace)
        self.pages.addWidget(self.welcome)
        self.setCentralWidget(self.pages)
        self.review = ReviewActions(
            self, self.holder, self.ops, self.bus, self.undo_stack, self.on_action_failed
        )
        self.sync = SyncController(self.holder, self.ops, self.bus, settings, self)
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

    def attach_services(self, services: AppServices) -> None:
        self.holder.set(services)
        self.setWindowTitle(f"{APP_NAME} — {services.maintenance.location_display}")
        self.load_requisitions()
        self.sync.start()

    # Building ------------------------------------------------------------------------------------

    def _build_workspace(self) -> QWidget:
        self.navigator_model = RequisitionTreeModel(self)
        self.navigator = QTreeView()
        self.navigator.setModel(self.navigator_model)
        self.navigator.setAccessibleName("Requisitions")
        self.navigator.setUniformRowHeights(True)
        header = self.navigator.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.navigator.setMinimumWidth(200)

        self.slate = SlatePanel()
        self.panel = CandidatePanel(self.holder, self.ops, self.bus)
        self.panel.setMinimumWidth(340)  # its four tabs side by side
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.navigator, self.slate, self.panel):
            self.splitter.addWidget(widget)
        self.splitter.setCollapsible(0, True)  # small screens: drag the navigator away
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        return self.splitter

    def _build_menus(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icon("redo"))
        self.find_action = make_action(self, "&Find", self.slate.focus_search, "", "search")
        self.find_action.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("/")])
        self.next_action = make_action(self, "&Next candidate", lambda: self.slate.step(1), "J")
        self.previous_action = make_action(
            self, "&Previous candidate", lambda: self.slate.step(-1), "K"
        )
        self.open_action = make_action(self, "&Open resume", self.open_current, "Return")
        self.open_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        # Enter opens only from the table: elsewhere it belongs to line edits and dialogs.
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.slate.table.addAction(self.open_action)
        self.refresh_action = make_action(self, "Re&fresh", self.refresh, "F5", "refresh")
        self.new_requisition_action = make_action(
            self, "&New requisition…", self.on_new_requisition, "Ctrl+Shift+N"
        )
        self.demo_action = make_action(self, "Load &demo data", self.on_load_demo)
        self.profile_action = make_action(
            self, "My &profile…", lambda: self.pages.setCurrentWidget(self.welcome)
        )
        self.quit_action = make_action(self, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.shortcuts_action = make_action(
            self, "&Keyboard shortcuts", self.show_shortcuts, "Ctrl+/"
        )
        self.about_action = make_action(self, f"&About {APP_NAME}", self.show_about)
        self._build_tool_actions()
        for action in (
            self.undo_action,
            self.redo_action,
            self.find_action,
            self.next_action,
            self.previous_action,
            self.refresh_action,
        ):
            self.addAction(action)

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addActions([self.new_requisition_action, self.demo_action, self.profile_action])
        file_menu.addAction(self.people_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addActions(
            [self.export_packet_action, self.export_slate_action, self.export_kit_action]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menus.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        requisition_menu = menus.addMenu("&Requisition")
        requisition_menu.addActions(
            [
                self.dashboard_action,
                self.intake_action,
                self.feedback_action,
                self.calibration_action,
                self.calibration_all_action,
            ]
        )
        requisition_menu.addSeparator()
        requisition_menu.addActions(
            [self.import_action, self.export_slate_action, self.update_action]
        )
        self.candidate_menu = menus.addMenu("&Candidate")
        fill_candidate_menu(
            self.candidate_menu,
            self.review,
            [
                self.compare_action,
                self.debrief_action,
                self.score_action,
                self.open_action,
                self.export_packet_action,
                self.export_kit_action,
                self.success_action,
            ],
        )
        view_menu = menus.addMenu("&View")
        view_menu.addActions([self.next_action, self.previous_action, self.my_interviews_action])
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        sync_menu = menus.addMenu("&Sync")
        sync_menu.addActions(self.sync.actions)
        help_menu = menus.addMenu("&Help")
        help_menu.addActions([self.shortcuts_action, self.about_action])

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.undo_controls = UndoControls(self.undo_stack, self.undo_action, self.redo_action, self)
        self.undo_button, self.redo_button = self.undo_controls.toolbar_actions
        toolbar.addActions(self.undo_controls.toolbar_actions)
        toolbar.addSeparator()
        toolbar.addAction(self.compare_action)
        toolbar.addActions(
            [
                self.review.reject,
                self.review.hold,
                self.review.hired,
                self.review.add_tag,
                self.review.add_note,
            ]
        )
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)

    def _build_status_bar(self) -> None:
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setAccessibleName("Working")
        self.busy.setVisible(False)
        self.status_message = QLabel()
        self.status_undo = self.undo_controls.status_undo
        self.statusBar().addWidget(self.status_message)
        self.statusBar().addWidget(self.status_undo)
        self.statusBar().addWidget(QWidget(), 1)
        self.statusBar().addPermanentWidget(self.sync.keys_button)  # only when it cannot sign
        self.statusBar().addPermanentWidget(self.sync.label)
        self.statusBar().addPermanentWidget(self.busy)

    def _connect_signals(self) -> None:
        self.ops.busy_changed.connect(self.busy.setVisible)
        self.ops.unhandled_failure.connect(self.on_action_failed)
        self.ops.untracked_write.connect(lambda _label: forget_redo(self.undo_stack))
        self.review.done.connect(self.on_review_done)
        self.undo_controls.stepped.connect(self.show_message_after_reload)
        self.bus.changed.connect(self.on_changed)
        self.navigator.selectionModel().currentChanged.connect(self.on_navigator_changed)
        self.slate.current_changed.connect(self.on_current_changed)
        self.slate.menu_requested.connect(self.on_table_menu)
        self.slate.open_requested.connect(self.open_current)
        self.undo_stack.indexChanged.connect(lambda _i: self.review.update_enabled())
        self.welcome.save_profile_requested.connect(self.on_save_profile)
        self.welcome.demo_requested.connect(self.on_load_demo)
        self.welcome.new_requisition_requested.connect(self.on_new_requisition)
        self.welcome.back_requested.connect(lambda: self.pages.setCurrentWidget(self.workspace))
        self.panel.tabs.currentChanged.connect(lambda i: self.settings.set(opt.PANEL_TAB, i))

    # Settings -----------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.get(opt.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            fit_to_screen(self, 1440, 860)
        self.restoreState(self.settings.get(opt.WINDOW_STATE))
        header = self.slate.table.horizontalHeader()
        state = self.settings.get(opt.SLATE_HEADER)
        if not state.isEmpty() and header.restoreState(state):
            self.slate.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        else:
            header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.panel.tabs.setCurrentIndex(self.settings.get(opt.PANEL_TAB))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            # Splitter sizes are restored once the window has its real size, or the extra
            # width would be shared out by stretch factors instead of kept as saved.
            self._shown_once = True
            splitter = self.settings.get(opt.MAIN_SPLITTER)
            if not splitter.isEmpty():
                QTimer.singleShot(0, lambda: self.splitter.restoreState(splitter))
            else:
                QTimer.singleShot(0, self._default_splitter_sizes)

    def _default_splitter_sizes(self) -> None:
        width = self.splitter.width()
        navigator = max(self.navigator.minimumWidth(), min(320, int(width * 0.2)))
        panel = max(self.panel.minimumWidth(), min(560, int(width * 0.3)))
        self.splitter.setSizes([navigator, width - navigator - panel, panel])

    def save_layout(self) -> None:
        self.settings.set(opt.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(opt.WINDOW_STATE, self.saveState())
        self.settings.set(opt.MAIN_SPLITTER, self.splitter.saveState())
        self.settings.set(opt.SLATE_HEADER, self.slate.table.horizontalHeader().saveState())
        self.settings.set(opt.LAST_REQUISITION, self.requisition_id or 0)
        self.settings.set(opt.LAST_APPLICATION, self.panel.application_id or 0)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.ops.wait_idle()
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
            summary = next(r for r in self.navigator_model.requisitions if r.id == requisition_id)
            self.slate.set_stages(summary.stages)
            self.review.set_stages(summary.stages)
            self.load_slate()
        self.slate.show_stage(stage_id)

    def load_slate(self) -> None:
        requisition_id = self.requisition_id
        if requisition_id is None or not self.holder.ready:
            return
        self.ops.run(
            lambda _s: self.services.slates.list_slate(requisition_id), label="slate"
        ).on_success(self.on_slate_loaded).start()

    def on_slate_loaded(self, listing: SlateListing) -> None:
        if listing.requisition_id != self.requisition_id:
            return  # the user moved on while it loaded
        keep = self.panel.application_id or self._pending_application
        self.listing = listing
        self._pending_application = None
        self.slate.set_rows(listing.rows, keep)
        self._show_summary(listing)

    def _show_summary(self, listing: SlateListing) -> None:
        summary = listing.summary
        if self.undo_controls.offered:
            return  # "Moved Ada to Onsite [Undo]" stays until the next thing worth saying
        if self._message_after_reload:  # what a write just did says more than the summary
            self.show_message(self._message_after_reload)
            self._message_after_reload = ""
            return
        self.show_message(
            f"{listing.requisition_code} {listing.requisition_title}: "
            f"{plural(summary.candidates, 'candidate')}, {summary.scored} scored, "
            f"{plural(summary.overdue_scorecards, 'scorecard')} overdue"
        )

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
        from hirepartner.services.slates import summarise  # loaded with the services already

        self.slate.replace_rows(partial.rows)
        rows = tuple(self.slate.table_model.all_rows())
        stage_order = [name for name, _count in self.listing.summary.by_stage]
        self.listing = replace(self.listing, rows=rows, summary=summarise(rows, stage_order))
        self._show_summary(self.listing)

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
        if full or self.listing is None:
            self.load_slate()
        else:
            self.load_rows(changed)

    # Table --------------------------------------------------------------------------------------

    def open_current(self) -> None:
        if self.panel.application_id is not None:
            self.panel.tabs.setCurrentIndex(CandidatePanel.TABS.index("Resume"))

    def on_current_changed(self, row: SlateRow | None) -> None:
        self.review.set_current(row)
        self.success_action.setEnabled(row is not None and row.status == "hired")
        # "Reopened Ana … [Undo]" would undo Ana while someone else is on screen.
        withdrawn = self.undo_controls.withdraw_unless_about(row.application_id if row else None)
        if withdrawn and self.listing is not None:
            self._show_summary(self.listing)
        application_id = row.application_id if row else None
        if application_id != self.panel.application_id:
            self.panel.set_application(application_id)

    def on_table_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        fill_candidate_menu(menu, self.review, [self.score_action, self.open_action])
        menu.exec(position)

    # Welcome and File actions --------------------------------------------------------------------

    def on_save_profile(self, name: str, email: str, role: str) -> None:
        self.ops.run(
            lambda _s: self.services.profile.set_current(name, email, role),
            write=True,
            label="profile",
        ).on_success(self.welcome.show_profile).on_failure(
            lambda e: self.welcome.show_error(str(e))
        ).start()

    def on_load_demo(self) -> None:
        self.welcome.set_busy(True, "Writing the demo world…")
        self.show_message("Writing the demo world…")
        self.ops.run(
            lambda _s: self.services.fill_demo(60, 7), write=True, label="demo"
        ).on_success(lambda _r: self._after_demo()).on_failure(self._demo_failed).start()

    def _after_demo(self) -> None:
        self.welcome.set_busy(False)
        self.bus.announce(Change(ChangeKind.ALL))

    def _demo_failed(self, error: BaseException) -> None:
        self.welcome.set_busy(False)
        self.on_action_failed(error)

    def on_new_requisition(self) -> None:
        dialog = RequisitionDialog(self)
        if dialog.exec() != RequisitionDialog.DialogCode.Accepted:
            return
        values = (
            dialog.title.text(),
            dialog.team.text(),
            dialog.location.text(),
            dialog.headcount.value(),
            dialog.sla.value(),
        )

        def create(_s: Any) -> RequisitionSummary:
            title, team, location, headcount, sla = values
            return self.services.requisitions.create_requisition(
                title, team=team, location=location, headcount=headcount, feedback_sla_hours=sla
            )

        def created(summary: RequisitionSummary) -> None:
            self.requisition_id = None
            self.settings.set(opt.LAST_REQUISITION, summary.id)
            self.bus.announce(Change(ChangeKind.REQUISITION, requisition_id=summary.id))

        self.ops.run(create, write=True, label="requisition").on_success(created).on_failure(
            self.on_action_failed
        ).start()

    # Messages ---------------------------------------------------------------------------------

    def on_review_done(self, text: str, application_id: int) -> None:
        """An action on a candidate: say what it did, with Undo while they are on screen."""
        self.show_message(text)
        self.undo_controls.offer(application_id)

    def show_message(self, text: str) -> None:
        """A line in the status bar (a new one takes the Undo of the last action away)."""
        self.status_message.setText(text)
        self.undo_controls.withdraw()

    def show_message_after_reload(self, text: str) -> None:
        """Show `text` now and again once the slate reloaded (instead of its summary)."""
        self._message_after_reload = text
        self.show_message(text)

    def on_action_failed(self, error: BaseException) -> None:
        if isinstance(error, HirePartnerError):
            self.show_message(str(error))
            show_error(self, APP_NAME, str(error))
            return
        details = "".join(traceback.format_exception(error))
        show_error(self, APP_NAME, f"Something went wrong: {type(error).__name__}.", details)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(shortcut_rows(self), self).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3><p>The hiring manager's side of the recruiter "
            "partnership: slates, structured scorecards, feedback packets.</p>"
            "<p>Licensed under the MIT licence. Built with Qt (PySide6, LGPLv3), SQLAlchemy "
            "and reportlab.</p>",
        )
