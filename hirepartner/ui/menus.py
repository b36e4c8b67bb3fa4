"""The main window's own actions, its menu bar and its toolbar, assembled from the features'."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from hirepartner.ui.icons import icon
from hirepartner.ui.review.review_actions import fill_candidate_menu, make_action

if TYPE_CHECKING:
    from hirepartner.ui.compare.compare_actions import CompareActions
    from hirepartner.ui.encryption.encryption_actions import EncryptionActions
    from hirepartner.ui.exchange.packet_actions import PacketActions
    from hirepartner.ui.exchange.sync_status import SyncController
    from hirepartner.ui.help_actions import HelpActions
    from hirepartner.ui.intake.intake_actions import IntakeActions
    from hirepartner.ui.partnership.partnership_actions import PartnershipActions
    from hirepartner.ui.privacy.privacy_actions import PrivacyActions
    from hirepartner.ui.review.requisition_actions import RequisitionActions
    from hirepartner.ui.review.review_actions import ReviewActions
    from hirepartner.ui.review.slate_panel import SlatePanel
    from hirepartner.ui.scorecards.scorecard_actions import ScorecardActions
    from hirepartner.ui.setup_actions import SetupActions


@dataclass(frozen=True)
class WindowActions:
    """What the window itself does: undo and redo, find, move through the slate, open the
    resume, refresh, the profile page, quit."""

    undo: QAction
    redo: QAction
    find: QAction
    next: QAction
    previous: QAction
    open: QAction
    refresh: QAction
    profile: QAction
    quit: QAction

    @property
    def shortcuts(self) -> tuple[QAction, ...]:
        """The ones whose keys work wherever the focus is in the window."""
        return (self.undo, self.redo, self.find, self.next, self.previous, self.refresh)


@dataclass(frozen=True)
class Features:
    """Each feature's actions, as the window built them."""

    review: ReviewActions
    setup: SetupActions
    scorecards: ScorecardActions
    compare: CompareActions
    intake: IntakeActions
    privacy: PrivacyActions
    partnership: PartnershipActions
    packets: PacketActions
    encryption: EncryptionActions
    sync: SyncController
    help: HelpActions
    requisitions: RequisitionActions


def window_actions(
    window: QWidget,
    undo_stack: QUndoStack,
    slate: SlatePanel,
    open_current: Callable[[], None],
    refresh: Callable[[], None],
    show_profile: Callable[[], None],
) -> WindowActions:
    undo = undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setIcon(icon("undo"))
    redo = undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setIcon(icon("redo"))
    find = make_action(window, "&Find", slate.focus_search, "", "search")
    find.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("/")])
    open_resume = make_action(window, "&Open resume", open_current, "Return")
    open_resume.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
    # Enter opens only from the table: elsewhere it belongs to line edits and dialogs.
    open_resume.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    slate.table.addAction(open_resume)
    return WindowActions(
        undo=undo,
        redo=redo,
        find=find,
        next=make_action(window, "&Next candidate", lambda: slate.step(1), "J"),
        previous=make_action(window, "&Previous candidate", lambda: slate.step(-1), "K"),
        open=open_resume,
        refresh=make_action(window, "Re&fresh", refresh, "F5", "refresh"),
        profile=make_action(window, "My &profile…", show_profile),
        quit=make_action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit),
    )


def fill_menu_bar(menus: QMenuBar, mine: WindowActions, features: Features) -> QMenu:
    """File, Edit, Requisition, Candidate, View, Sync, Help; returns the Candidate menu."""
    setup, packets, partnership = features.setup, features.packets, features.partnership
    compare, scorecards, privacy = features.compare, features.scorecards, features.privacy

    file_menu = menus.addMenu("&File")
    file_menu.addActions([setup.new_requisition_action, setup.demo_action, mine.profile])
    file_menu.addAction(setup.people_action)
    file_menu.addSeparator()
    file_menu.addAction(packets.import_action)
    file_menu.addActions(
        [packets.export_packet_action, packets.export_slate_action, packets.export_kit_action]
    )
    file_menu.addSeparator()
    file_menu.addAction(privacy.retention_action)
    file_menu.addAction(privacy.settings_action)
    file_menu.addAction(features.encryption.encrypt_action)
    file_menu.addSeparator()
    file_menu.addAction(mine.quit)

    edit_menu = menus.addMenu("&Edit")
    edit_menu.addActions([mine.undo, mine.redo])
    edit_menu.addSeparator()
    edit_menu.addAction(mine.find)

    requisition_menu = menus.addMenu("&Requisition")
    requisition_menu.addActions(
        [
            partnership.dashboard_action,
            features.intake.intake_action,
            partnership.feedback_action,
            compare.calibration_action,
            compare.calibration_all_action,
        ]
    )
    requisition_menu.addSeparator()
    requisition_menu.addActions(
        [packets.import_action, packets.export_slate_action, partnership.update_action]
    )
    requisition_menu.addSeparator()
    requisition_menu.addActions(features.requisitions.actions)

    candidate_menu = menus.addMenu("&Candidate")
    fill_candidate_menu(
        candidate_menu,
        features.review,
        [
            compare.compare_action,
            compare.debrief_action,
            scorecards.score_action,
            mine.open,
            packets.export_packet_action,
            packets.export_kit_action,
            partnership.success_action,
            *privacy.candidate_actions,
        ],
    )

    view_menu = menus.addMenu("&View")
    view_menu.addActions([mine.next, mine.previous, scorecards.my_interviews_action])
    view_menu.addSeparator()
    view_menu.addAction(privacy.audit_action)
    view_menu.addAction(mine.refresh)

    sync_menu = menus.addMenu("&Sync")
    sync_menu.addActions(features.sync.actions)

    help_menu = menus.addMenu("&Help")
    help_menu.addActions([features.help.shortcuts_action, features.help.about_action])
    return candidate_menu


def fill_toolbar(
    toolbar: QToolBar, undo_redo: list[QAction], mine: WindowActions, features: Features
) -> None:
    """Undo and redo; Compare; reject, hold, hired, tag, note; Refresh."""
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions(undo_redo)
    toolbar.addSeparator()
    toolbar.addAction(features.compare.compare_action)
    review = features.review
    toolbar.addActions([review.reject, review.hold, review.hired, review.add_tag, review.add_note])
    toolbar.addSeparator()
    toolbar.addAction(mine.refresh)
