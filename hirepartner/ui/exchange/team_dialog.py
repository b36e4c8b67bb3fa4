"""Team and signing keys: your fingerprint to read out (and your public key, for a manager who
asks), the keys known here, enrolling a member after comparing fingerprints, revoking one who
left, and a new key when the keyring lost yours."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import Role, role_label
from hirepartner.ui.changes import Change, ChangeKind
from hirepartner.ui.exchange.enroll_dialog import EnrollDialog
from hirepartner.ui.exchange.team_keys_model import TeamKeysModel, monospace
from hirepartner.ui.lifetime import while_alive
from hirepartner.ui.review.people_dialog import ERROR_STYLE, user_message
from hirepartner.wording import plural

if TYPE_CHECKING:
    from hirepartner.services.team import KeyWritten, TeamService
    from hirepartner.services.team_keys import KeyInfo
    from hirepartner.ui.changes import ChangeBus
    from hirepartner.ui.ops import BackgroundOps

TEAM_CHANGE = ChangeKind.TEAM
_SIGNING = ("self", "active")
FOR_MEMBER = (
    "Read it out to your hiring manager, by phone or in person (not by email or chat); they "
    "enroll you with it. Then enroll your hiring manager below with the fingerprint they read "
    "out to you: the rest of the team comes with their roster."
)
FOR_MANAGER = (
    "Members read theirs out to you; enroll them below once their key has arrived (it shows "
    "as waiting after a sync). Read yours out to each of them, so they can enroll you. The "
    "roster you sign goes to everyone with the next sync."
)
PUBLIC_KEY_FOR_MEMBER = "Public key (only if your hiring manager asks for it):"
PUBLIC_KEY_FOR_MANAGER = "Public key (only if a member asks for it):"
SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


class TeamDialog(QDialog):
    """One window for the team's signing keys; every service call runs in the background."""

    def __init__(
        self,
        team: TeamService,
        ops: BackgroundOps,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.team, self.ops, self.bus = team, ops, bus
        self.mine: KeyInfo | None = None
        self.enroll_dialog: EnrollDialog | None = None
        self.setWindowTitle("Team and signing keys")
        self._build()
        self._connect_signals()
        self._update_buttons()
        self.reload()

    def _build(self) -> None:
        self.problem = QLabel()  # this install cannot sign: why, in words
        self.problem.setAccessibleName("Signing key problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.make_key_button = QPushButton("&Make a new key")
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.problem, 1)
        problem_row.addWidget(self.make_key_button, 0, Qt.AlignmentFlag.AlignTop)
        self.problem_box = QWidget()
        self.problem_box.setLayout(problem_row)
        self.problem_box.hide()

        heading = QLabel("Your fingerprint")
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        self.fingerprint = QLabel("…")
        self.fingerprint.setAccessibleName("Your fingerprint")
        big = monospace()
        big.setPointSizeF(max(big.pointSizeF(), 10.0) * 1.8)
        big.setBold(True)
        self.fingerprint.setFont(big)
        self.fingerprint.setTextInteractionFlags(SELECTABLE)
        self.copy_button = QPushButton("Cop&y")
        self.copy_button.setToolTip("Copy your fingerprint")
        self.identity = QLabel()
        self.identity.setAccessibleName("Signed as")
        self.advice = QLabel("Reading your key…")
        self.advice.setWordWrap(True)
        fingerprint_row = QHBoxLayout()
        fingerprint_row.addWidget(self.fingerprint)
        fingerprint_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignVCenter)
        fingerprint_row.addStretch(1)
        # For a key that cannot come through the exchange: the manager pastes it when enrolling.
        self.public_key_heading = QLabel(PUBLIC_KEY_FOR_MEMBER)
        self.public_key_heading.setStyleSheet("color: #4b5563")
        self.public_key = QLabel()
        self.public_key.setAccessibleName("Your public key")
        self.public_key.setFont(monospace())
        self.public_key.setTextInteractionFlags(SELECTABLE)
        self.copy_public_key_button = QPushButton("Copy &public key")
        self.copy_public_key_button.setToolTip("Copy your public key")
        public_key_row = QHBoxLayout()
        public_key_row.addWidget(self.public_key)
        public_key_row.addWidget(self.copy_public_key_button)
        public_key_row.addStretch(1)
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        mine = QVBoxLayout(card)
        mine.addWidget(heading)
        mine.addLayout(fingerprint_row)
        mine.addWidget(self.identity)
        mine.addWidget(self.advice)
        mine.addSpacing(4)
        mine.addWidget(self.public_key_heading)
        mine.addLayout(public_key_row)
        self.card = card

        self.model = TeamKeysModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Signing keys")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons, not cell to cell
        self.table.installEventFilter(self)  # Enter on a waiting key: see eventFilter
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName("Outcome")
        self.status.setWordWrap(True)
        self.enroll_button = QPushButton("&Enroll…")
        self.revoke_button = QPushButton("&Revoke…")
        self.new_key_button = QPushButton("&New signing key…")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.enroll_button, self.revoke_button, self.new_key_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_box)
        layout.addWidget(card)
        layout.addWidget(QLabel("Keys known here"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        self.setMinimumSize(640, 540)  # the card's wrapped advice is never squashed
        self.resize(900, 580)

    def _connect_signals(self) -> None:
        self.copy_button.clicked.connect(self.on_copy)
        self.copy_public_key_button.clicked.connect(self.on_copy_public_key)
        self.make_key_button.clicked.connect(self.make_new_key)
        self.enroll_button.clicked.connect(self.on_enroll)
        self.revoke_button.clicked.connect(self.on_revoke)
        self.new_key_button.clicked.connect(self.on_new_key)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self._enroll_if_pending())
        self.bus.changed.connect(self.on_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a key that waits for enrollment enrolls it, as a double click does. (A
        filter, not a shortcut: the window's Enter opens a resume, and its shortcut list
        should not show this one.)"""
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self._pending_selected()
        ):
            self.on_enroll()
            return True
        return super().eventFilter(watched, event)

    # Reading --------------------------------------------------------------------------------

    def on_changed(self, change: Change) -> None:
        if change.kind in (TEAM_CHANGE, ChangeKind.ALL):
            self.reload()

    def reload(self) -> None:
        """This install's key first, then the list. Reading it is a read; only the very first
        time, when there is no key yet, is it made (a write)."""
        team = self.team
        self.ops.run(lambda _s: team.current_key(), label="my signing key").on_success(
            while_alive(self, self._show_or_make)
        ).on_failure(while_alive(self, self.show_problem)).start()

    def _show_or_make(self, mine: KeyInfo | None) -> None:
        if mine is not None:
            self.show_mine(mine)
            return
        team = self.team
        self.ops.run(lambda _s: team.my_key(), write=True, label="my signing key").on_success(
            while_alive(self, self.show_mine)
        ).on_failure(while_alive(self, self.show_problem)).start()

    def _load_members(self) -> None:
        team = self.team
        self.ops.run(lambda _s: team.members(), label="signing keys").on_success(
            while_alive(self, self.show_members)
        ).on_failure(
            while_alive(self, lambda error: self.summary.setText(user_message(error)))
        ).start()

    def show_mine(self, mine: KeyInfo) -> None:
        self.mine = mine
        self.problem_box.hide()
        self.card.show()
        self.fingerprint.setText(mine.fingerprint)
        self.identity.setText(f"Signed as {mine.name or mine.email} <{mine.email}>, {self._role}")
        self.advice.setText(FOR_MANAGER if self._is_manager else FOR_MEMBER)
        self.public_key.setText(mine.public_key)
        self.public_key_heading.setText(
            PUBLIC_KEY_FOR_MANAGER if self._is_manager else PUBLIC_KEY_FOR_MEMBER
        )
        self._load_members()

    def show_problem(self, error: BaseException) -> None:
        """This install cannot sign: say why; offer a new key when the keyring lost the old one."""
        self.mine = None
        self.problem.setText(user_message(error))
        self.problem.setToolTip(getattr(error, "script_hint", ""))  # scripts: not in the text
        self.problem_box.show()
        self.card.hide()
        self._load_members()

    def show_members(self, keys: tuple[KeyInfo, ...]) -> None:
        keep = self._selected()
        # The offer fits only a key that was recorded here, then lost from the keyring.
        lost = self.mine is None and any(k.source == "self" and k.state == "active" for k in keys)
        self.make_key_button.setVisible(lost)
        self.model.own_key_lost = lost
        # The key this install signs with on top (members() ties it with its old keys).
        self.model.set_rows(tuple(sorted(keys, key=lambda k: (k.source, k.state) != _SIGNING)))
        pending = [k for k in keys if k.state == "pending"]
        others = [k for k in keys if k.source != "self" and k.state == "active"]
        text = (
            f"{plural(len(others), 'member')} can send to this install."
            if others
            else "Nobody is enrolled here yet."
        )
        if pending:
            names = ", ".join(k.name or k.email for k in pending)
            text += (
                f" {len(pending)} waiting for enrollment ({names}): choose the row and press "
                "Enroll once they read out their fingerprint."
            )
        elif not others:
            text += " Their keys arrive with a sync; then enroll them here."
        self.summary.setText(text)
        if keep is not None:
            self._select(keep.fingerprint)
        self._update_buttons()

    @property
    def _is_manager(self) -> bool:
        return self.mine is not None and self.mine.role == Role.HIRING_MANAGER.value

    @property
    def _role(self) -> str:
        return role_label(self.mine.role).lower() if self.mine else ""

    def _selected(self) -> KeyInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.key(rows[0].row()) if rows else None

    def _select(self, fingerprint: str) -> None:
        for row, key in enumerate(self.model.rows):
            if key.fingerprint == fingerprint:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        key = self._selected()
        revocable = key is not None and key.source != "self" and key.state in ("active", "pending")
        self.revoke_button.setEnabled(revocable)
        self.new_key_button.setEnabled(self.mine is not None)

    # Writing --------------------------------------------------------------------------------

    def _write(
        self,
        label: str,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        def succeeded(result: Any) -> None:
            if shiboken6.isValid(self):  # closed while it ran: the change happened all the same
                done(result)  # ops announced what it changed: this dialog and the sync reload

        self.ops.run(lambda _s: fn(), write=True, label=label).on_success(succeeded).on_failure(
            while_alive(self, failed or self.on_failed)
        ).start()

    def on_failed(self, error: BaseException) -> None:
        self.status.setText(user_message(error))

    def on_copy(self) -> None:
        if self.mine is not None:
            QGuiApplication.clipboard().setText(self.mine.fingerprint)
            self.status.setText("Your fingerprint is copied.")

    def on_copy_public_key(self) -> None:
        if self.mine is not None:
            QGuiApplication.clipboard().setText(self.mine.public_key)
            self.status.setText(
                "Your public key is copied. Still read your fingerprint out: it is how they "
                "know the key is yours."
            )

    def _pending_selected(self) -> bool:
        key = self._selected()
        return key is not None and key.state == "pending"

    def _enroll_if_pending(self) -> None:
        if self._pending_selected():
            self.on_enroll()

    def on_enroll(self) -> None:
        key = self._selected()
        dialog = EnrollDialog(key if key is not None and key.state == "pending" else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        team, manager = self.team, self._is_manager

        def submit(email: str, fingerprint: str, role: str, name: str, public_key: str) -> None:
            def enroll() -> KeyWritten:
                return team.enroll(
                    email, fingerprint, role=role, name=name or None, public_key=public_key or None
                )

            def done(written: KeyWritten) -> None:
                info = written.key
                text = f"Enrolled {info.name} <{info.email}> as {role_label(info.role).lower()}."
                if manager:
                    text += " The roster goes to the team with the next sync."
                self.status.setText(text)
                if shiboken6.isValid(dialog):  # not cancelled while it ran
                    dialog.enrolled()

            self._write("enroll", enroll, done, while_alive(dialog, dialog.failed))

        dialog.submitted.connect(submit)
        self.enroll_dialog = dialog
        dialog.open()

    def on_revoke(self) -> None:
        key = self._selected()
        if key is None or not self._confirm_revoke(key):
            return
        team, email, who = self.team, key.email, key.name or key.email
        self._write(
            "revoke",
            lambda: team.revoke(email),
            lambda revoked: self.status.setText(
                f"Revoked {who}'s {'key' if revoked.count == 1 else f'{revoked.count} keys'}; "
                "what they sign from now on is quarantined."
            ),
        )

    def _confirm_revoke(self, key: KeyInfo) -> bool:
        who = key.name or key.email
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Revoke a signing key",
            f"Revoke the key of {who} <{key.email}>?",
            parent=self,
        )
        told = " The roster you publish tells the rest of the team." if self._is_manager else ""
        box.setInformativeText(
            f"Whatever {who} signs from now on is quarantined here, never applied.{told} "
            "This cannot be undone: to work with them again, enroll a key of theirs anew."
        )
        revoke = box.addButton("Revoke", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is revoke

    def on_new_key(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "New signing key",
            "Make a new signing key for this install?",
            parent=self,
        )
        others = (
            "each member must enroll it again (read it out to them)"
            if self._is_manager
            else "your hiring manager must enroll it again (read it out to them)"
        )
        box.setInformativeText(
            f"Your current key ({self.mine.fingerprint if self.mine else '–'}) is replaced. "
            f"The new one is announced with the next sync, and {others}; until then, what you "
            "send is quarantined on their installs."
        )
        make = box.addButton("Make a new key", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is make:
            self.make_new_key()

    def make_new_key(self) -> None:
        team = self.team

        def done(written: KeyWritten) -> None:
            info = written.key
            self.status.setText(
                f"Your new fingerprint is {info.fingerprint}. It is announced with the next "
                "sync; read it out to your hiring manager so they enroll it."
                if info.role != Role.HIRING_MANAGER.value
                else f"Your new fingerprint is {info.fingerprint}. It is announced with the "
                "next sync; read it out to each member so they enroll it again."
            )

        self._write("new signing key", team.new_key, done, self.on_key_not_made)

    def on_key_not_made(self, error: BaseException) -> None:
        """The reason replaces the old problem at the top, in red: nothing was made."""
        kept = " Your current key stays in use." if self.mine is not None else ""
        self.problem.setText(f"No new key was made. {user_message(error)}{kept}")
        self.problem.setToolTip(getattr(error, "script_hint", ""))
        self.problem_box.show()
        self.status.clear()
