"""Sync in the main window: the status bar says what waits to be sent, when the last sync was
and what went wrong, in plain words; Sync now (Cancel sync while one runs, F9 in the sync
dialogs too); a sync every few minutes; the settings dialog and the team's signing keys
(offered in the status bar when this install cannot sign)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from hirepartner.ui import settings as opt
from hirepartner.ui.changes import Change, ChangeBus
from hirepartner.ui.ops import BackgroundOps, Op, TaskState
from hirepartner.ui.review.review_actions import make_action
from hirepartner.ui.wording import plural

if TYPE_CHECKING:
    from hirepartner.services.sync import SyncReport, SyncStatus
    from hirepartner.ui.exchange.team_dialog import TeamDialog
    from hirepartner.ui.services_holder import ServicesHolder
    from hirepartner.ui.settings import Settings

MINUTE_MS = 60_000
SYNC_NOW, SYNC_NOW_TIP = "Sync &now", "Send what waits and fetch what arrived, now"
CANCEL_SYNC, CANCEL_SYNC_TIP = "&Cancel sync", "Stop the sync under way after the item it sends"
NOT_SET_UP = "Sync is not set up: Sync → Sync settings… adds where to send."
NO_TEAM_KEY = "Sync needs the team key: Sync → Sync settings… sets it."
NOTE_MS = 15_000  # a note from Sync now gives way to the plain status after this long


class StatusLabel(QLabel):
    """A one-line label that shortens its text with … to the room the status bar gives it
    (a failing target's problem can be long); `text()` and the tooltip keep it whole."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._whole = text

    def setText(self, text: str) -> None:
        self._whole = text
        self._fit()
        self.updateGeometry()

    def text(self) -> str:
        return self._whole

    def sizeHint(self) -> QSize:
        # The whole text, rounded up, with the label's margins: at this width nothing is cut.
        width = math.ceil(QFontMetricsF(self.font()).horizontalAdvance(self._whole))
        return QSize(width + self._padding() + 2, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(160, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _padding(self) -> int:
        margins = self.contentsMargins()
        return 2 * self.margin() + margins.left() + margins.right()

    def _fit(self) -> None:
        """The whole text where it fits; shortened only when the window really is too narrow."""
        room = self.width() - self._padding()
        fits = QFontMetricsF(self.font()).horizontalAdvance(self._whole) <= room
        if fits or self.width() <= 0:
            super().setText(self._whole)
        else:
            shown = self.fontMetrics().elidedText(
                self._whole, Qt.TextElideMode.ElideRight, max(0, room)
            )
            super().setText(shown)


def status_text(status: SyncStatus, syncing: bool) -> str:
    if status.targets == 0:
        return "Sync: not set up"
    parts = ["Syncing…" if syncing else "Sync:"]
    parts.append(f"{plural(status.pending, 'item')} to send" if status.pending else "up to date")
    if status.last_sync_at is not None and not status.errors:  # a failure needs the room
        parts.append(f"last {status.last_sync_at:%d %b %H:%M}")
    text = " · ".join([parts[0] + " " + parts[1], *parts[2:]])
    if status.errors:
        text = f"⚠ {text} · {status.errors[0]}"
    return text


def has_team_key(sync: Any) -> bool:
    """Whether the team key is stored (or given to a script); a keyring that does not answer
    counts as having one: the sync itself then says what went wrong."""
    from hirepartner.secrets import TEAM_KEY, TEAM_KEY_ENV, SecretUnavailable

    try:
        return sync.secrets.get(TEAM_KEY, TEAM_KEY_ENV) is not None
    except SecretUnavailable:
        return True


class SyncController(QObject):
    """Owns the status label, the Sync now, settings and team actions, and the interval timer."""

    synced = Signal()  # a sync ended, well or not: open views of its outcome read again

    def __init__(
        self,
        holder: ServicesHolder,
        ops: BackgroundOps,
        bus: ChangeBus,
        settings: Settings,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.holder, self.ops, self.bus, self.settings = holder, ops, bus, settings
        self.window = parent
        self.syncing = False
        self.running: Op[Any] | None = None  # the sync under way
        self.last_report: SyncReport | None = None
        self.team_dialog: TeamDialog | None = None
        self.label = StatusLabel("Sync: …")
        self.label.setAccessibleName("Sync status")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.sync_action = make_action(
            parent, SYNC_NOW, self.on_sync_action, "F9", "refresh", SYNC_NOW_TIP
        )
        self.settings_action = make_action(
            parent,
            "Sync &settings…",
            self.show_settings,
            "",
            "",
            "Targets (folder, WebDAV, email, webhook) and the team key",
        )
        self.team_action = make_action(
            parent,
            "&Team and signing keys…",
            self.show_team,
            "",
            "",
            "Your fingerprint; enroll the members whose signatures count here, revoke one who left",
        )
        # Shown in the status bar only while a sync fails because this install cannot sign.
        self.keys_button = QPushButton("Team and signing keys…")
        self.keys_button.setAccessibleName("Open team and signing keys")
        self.keys_button.setToolTip("This install cannot sign what it sends: see why, and fix it")
        self.keys_button.hide()
        self.keys_button.clicked.connect(self.show_team)
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync_now(force=False))
        self.bus.changed.connect(self.on_changed)

    @property
    def actions(self) -> list[QAction]:
        return [self.sync_action, self.settings_action, self.team_action]

    def start(self) -> None:
        """Services are ready: show the status and start the interval."""
        minutes = self.settings.get(opt.SYNC_INTERVAL_MINUTES)
        if minutes > 0:
            self.timer.start(minutes * MINUTE_MS)
        self.refresh()

    def on_changed(self, change: Change) -> None:
        if self.holder.ready:
            self.refresh()  # a submitted scorecard or a decision may wait to be sent

    def refresh(self) -> None:
        if not self.holder.ready:
            return
        sync = self.holder.services.sync
        self.ops.run(lambda _s: sync.status(), label="sync status").on_success(
            self.show_status
        ).on_failure(lambda _e: None).start()

    def show_status(self, status: SyncStatus) -> None:
        self.label.setText(status_text(status, self.syncing))
        tips = [*status.errors] or ["Sync now: F9"]
        if self.last_report is not None:
            tips.insert(0, f"Last sync: {self.last_report.line()}")
        self.label.setToolTip("\n".join(tips))

    def on_sync_action(self) -> None:
        """Sync now; while a sync runs, the same action (and F9) cancels it."""
        if self.syncing and self.running is not None:
            self.running.state.cancel()
            self.label.setText("Cancelling the sync…")
        else:
            self.sync_now(force=True)

    def _offer(self, syncing: bool) -> None:
        self.syncing = syncing
        text, tip = (CANCEL_SYNC, CANCEL_SYNC_TIP) if syncing else (SYNC_NOW, SYNC_NOW_TIP)
        self.sync_action.setText(text)
        self.sync_action.setToolTip(tip)
        self.sync_action.setStatusTip(tip)
        if not syncing:
            self.running = None

    def sync_now(self, force: bool) -> None:
        if not self.holder.ready or self.syncing:
            return
        services = self.holder.services
        sync = services.sync

        def run(state: TaskState) -> Any:
            if sync.status().targets == 0:
                return NOT_SET_UP if force else None  # nowhere to send: no key is asked for
            if not has_team_key(sync):
                return NO_TEAM_KEY  # said in the window's words; the service's names $…
            services.updates.send_due_updates()  # the weekly update, if due
            return sync.sync(force=force, cancelled=lambda: state.cancelled)

        self._offer(True)
        self.label.setText("Syncing…")
        self.running = (
            self.ops.run(run, network=True, label="sync")
            .on_success(self.on_synced)
            .on_failure(self.on_failed)
        ).start()

    def on_synced(self, report: SyncReport | str | None) -> None:
        self._offer(False)
        self.keys_button.hide()
        if isinstance(report, str):  # nothing to sync with: say how to set it up, for a while
            self.label.setText(report)
            self.label.setToolTip(report)
            QTimer.singleShot(NOTE_MS, self, self.refresh)
            return
        self.last_report = report
        self.refresh()
        self.synced.emit()

    def on_failed(self, error: BaseException) -> None:
        self._offer(False)
        self.label.setText(f"⚠ Sync: {error}")
        self.label.setToolTip(str(error))
        # Nothing goes out unsigned: the way on is a new key (or a profile), in the team dialog.
        from hirepartner.services.team_keys import SigningKeyMissing  # not before a sync

        self.keys_button.setVisible(isinstance(error, SigningKeyMissing))
        self.synced.emit()

    def show_settings(self) -> None:
        if not self.holder.ready:
            return
        from hirepartner.ui.exchange.sync_dialog import SyncSettingsDialog

        dialog = SyncSettingsDialog(
            self.holder.services.sync, self.ops, self.window, open_team=self.show_team
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.addAction(self.sync_action)  # F9 works there too
        dialog.changed.connect(self.refresh)
        self.synced.connect(dialog.reload)
        self.dialog = dialog
        dialog.show()

    def show_team(self) -> None:
        """Your fingerprint, the keys known here, enroll, revoke, a new key."""
        if not self.holder.ready:
            return
        opened = self.team_dialog
        if opened is not None and shiboken6.isValid(opened):  # one is enough: bring it up
            opened.reload()
            opened.activateWindow()
            return
        from hirepartner.ui.exchange.team_dialog import TeamDialog

        dialog = TeamDialog(self.holder.services.team, self.ops, self.bus, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.addAction(self.sync_action)  # F9 works there too
        self.team_dialog = dialog
        dialog.show()
