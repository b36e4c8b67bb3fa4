"""Sync settings: the targets (add, test, remove), the shared team key, the envelopes that were
quarantined, and the way to the team's signing keys. Secrets typed here go to the OS keyring,
or, where there is none, are kept for this session only; never anywhere else. Every keyring or
network call runs in the background."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hirepartner.ui.exchange.quarantine_view import QuarantineList
from hirepartner.ui.lifetime import while_alive
from hirepartner.ui.ops import BackgroundOps, TaskState
from hirepartner.wording import plural

if TYPE_CHECKING:
    from hirepartner.services.sync import QuarantinedEnvelope, SyncService
    from hirepartner.services.sync_targets import TargetInfo

HEADERS = ("Name", "Kind", "To send", "State", "Where")
STATE_COLUMN, WIDEST_PX = 3, 320
KINDS = (
    ("folder", "Shared folder (local, network share, cloud drive)"),
    ("webdav", "WebDAV (Nextcloud, ownCloud, SharePoint)"),
    ("smtp", "Email to the recruiter (SMTP)"),
    ("webhook", "Webhook (HTTPS POST)"),
)
FIELDS = {  # which inputs each kind shows
    "folder": ("path",),
    "webdav": ("url", "username", "secret"),
    "smtp": ("host", "port", "security", "username", "secret", "sender", "recipients"),
    "webhook": ("url", "secret"),
}


def _where(target: TargetInfo) -> str:
    config = target.config
    if target.kind == "smtp":
        return (
            f"{config.get('host')}:{config.get('port')} → {', '.join(config.get('recipients', []))}"
        )
    where = str(config.get("path") or config.get("url") or "")
    if config.get("url_secret"):  # secret query parameters, kept with the secrets
        where += f" (+ {', '.join(config['url_secret'])} from the secret store)"
    return where


class AddTargetDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a sync target")
        self.setMinimumWidth(520)
        self.kind = QComboBox()
        for value, label in KINDS:
            self.kind.addItem(label, value)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Team exchange, Riley's inbox")
        self.inputs: dict[str, QWidget] = {
            "path": QLineEdit(),
            "url": QLineEdit(),
            "username": QLineEdit(),
            "secret": QLineEdit(),
            "host": QLineEdit(),
            "port": QSpinBox(),
            "security": QComboBox(),
            "sender": QLineEdit(),
            "recipients": QLineEdit(),
        }
        secret = self.inputs["secret"]
        assert isinstance(secret, QLineEdit)
        secret.setEchoMode(QLineEdit.EchoMode.Password)
        port = self.inputs["port"]
        assert isinstance(port, QSpinBox)
        port.setRange(1, 65535)
        port.setValue(587)
        security = self.inputs["security"]
        assert isinstance(security, QComboBox)
        security.addItems(["starttls", "tls", "none"])
        recipients = self.inputs["recipients"]
        assert isinstance(recipients, QLineEdit)
        recipients.setPlaceholderText("riley@recruiting.example, team@recruiting.example")
        self.session_only = QCheckBox("Keep the secret for this session only")
        labels = {
            "path": "Folder:",
            "url": "URL:",
            "username": "User:",
            "secret": "Password:",
            "host": "Server:",
            "port": "Port:",
            "security": "Security:",
            "sender": "From:",
            "recipients": "To:",
        }
        self.form = QFormLayout()
        self.form.addRow("Kind:", self.kind)
        self.form.addRow("Name:", self.name)
        for key, widget in self.inputs.items():
            widget.setAccessibleName(labels[key].rstrip(":"))
            self.form.addRow(labels[key], widget)
        self.form.addRow("", self.session_only)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b42318;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self.on_kind_changed)
        self.on_kind_changed()

    @property
    def kind_value(self) -> str:
        return str(self.kind.currentData())

    def on_kind_changed(self) -> None:
        shown = FIELDS[self.kind_value]
        for key, widget in self.inputs.items():
            self.form.setRowVisible(widget, key in shown)
        self.form.setRowVisible(self.session_only, "secret" in shown)
        secret_label = self.form.labelForField(self.inputs["secret"])
        if isinstance(secret_label, QLabel):
            secret_label.setText("Signing secret:" if self.kind_value == "webhook" else "Password:")

    def _text(self, key: str) -> str:
        widget = self.inputs[key]
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        assert isinstance(widget, QSpinBox)
        return str(widget.value())

    def values(self) -> tuple[str, str, dict[str, Any], str | None, bool]:
        kind = self.kind_value
        config: dict[str, Any] = {}
        for key in FIELDS[kind]:
            if key == "secret":
                continue
            value = self._text(key)
            if key == "port":
                config[key] = int(value)
            elif key == "recipients":
                config[key] = [a.strip() for a in value.split(",") if a.strip()]
            elif value:
                config[key] = value
        secret = self._text("secret") if "secret" in FIELDS[kind] else ""
        return self.name.text().strip(), kind, config, secret or None, self.session_only.isChecked()

    def on_ok(self) -> None:
        name, kind, config, _secret, _session = self.values()
        if not name:
            self.error.setText("Give the target a name.")
            return
        missing = [k for k in FIELDS[kind] if k not in ("secret", "username") and not config.get(k)]
        if missing:
            self.error.setText(f"Fill in the {missing[0]}.")
            return
        self.accept()


class SyncSettingsDialog(QDialog):
    changed = Signal()

    def __init__(
        self,
        sync: SyncService,
        ops: BackgroundOps,
        parent: QWidget | None = None,
        open_team: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.sync, self.ops = sync, ops
        self.targets: tuple[TargetInfo, ...] = ()
        self.setWindowTitle("Sync settings")
        self.resize(820, 460)
        self.keyring = QLabel("Checking the system keyring…")
        self.keyring.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Targets")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons, not cell to cell
        self.problems = QLabel()  # each failing target's problem, whole (cells are cut)
        self.problems.setAccessibleName("Target problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b42318;")
        self.problems.hide()
        self.add_button = QPushButton("&Add…")
        self.test_button = QPushButton("&Test")
        self.remove_button = QPushButton("Re&move…")
        self.key_button = QPushButton("Shared team &key…")
        self.key_button.setToolTip("The key every install of the team shares to seal envelopes")
        self.signing_button = QPushButton("Team and &signing keys…")
        self.signing_button.setToolTip(
            "Your fingerprint, and enrolling or revoking the members whose signatures count here"
        )
        self.signing_button.setVisible(open_team is not None)
        row = QHBoxLayout()
        for button in (self.add_button, self.test_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.key_button)
        bottom.addWidget(self.signing_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        targets = QWidget()
        targets_layout = QVBoxLayout(targets)
        targets_layout.addWidget(self.table, 1)
        targets_layout.addWidget(self.problems)
        targets_layout.addLayout(row)
        self.quarantine = QuarantineList()
        self.tabs = QTabWidget()
        self.tabs.addTab(targets, "Targets")
        self.tabs.addTab(self.quarantine, "Quarantined")
        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.outcome)
        layout.addLayout(bottom)
        self.add_button.clicked.connect(self.on_add)
        self.test_button.clicked.connect(self.on_test)
        self.remove_button.clicked.connect(self.on_remove)
        self.key_button.clicked.connect(self.on_team_key)
        if open_team is not None:
            self.signing_button.clicked.connect(open_team)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()
        self.ops.run(lambda _s: sync.secrets.describe(), label="keyring").on_success(
            self._alive(
                lambda text: (
                    self.keyring.setText(f"Secrets are kept in the {text}.")
                    if not text.startswith("no")
                    else self.keyring.setText(f"⚠ There is {text}.")
                )
            )
        ).start()

    def _alive(self, callback: Callable[[Any], object]) -> Callable[[Any], None]:
        """A job's callback, dropped if the dialog was closed (and deleted) while it ran."""
        return while_alive(self, callback)

    def reload(self) -> None:
        """The targets and the quarantine, read again (after a change here or a sync)."""
        sync = self.sync
        self.ops.run(lambda _s: sync.targets(), label="targets").on_success(
            self._alive(self.show_targets)
        ).start()
        self.ops.run(lambda _s: sync.quarantined(), label="quarantine").on_success(
            self._alive(self.show_quarantined)
        ).on_failure(
            self._alive(lambda e: self._report(f"Could not read the quarantine: {e}"))
        ).start()

    def show_quarantined(self, items: tuple[QuarantinedEnvelope, ...]) -> None:
        self.quarantine.show_envelopes(items)
        index = self.tabs.indexOf(self.quarantine)
        self.tabs.setTabText(index, f"Quarantined ({len(items)})" if items else "Quarantined")

    def show_targets(self, targets: tuple[TargetInfo, ...]) -> None:
        self.targets = targets
        self.table.setRowCount(len(targets))
        for n, target in enumerate(targets):
            cells = (
                target.name,
                target.kind,
                str(target.pending),
                ("⚠ " if target.failed else "") + target.state_line,
                _where(target),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if target.failed and column == STATE_COLUMN:
                    item.setForeground(QColor("#b42318"))
                self.table.setItem(n, column, item)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(STATE_COLUMN) > WIDEST_PX:
            self.table.setColumnWidth(STATE_COLUMN, WIDEST_PX)
        failing = [f"⚠ {t.name}: {t.state_line}" for t in targets if t.failed]
        self.problems.setText("\n".join(failing))
        self.problems.setVisible(bool(failing))
        self._update_buttons()

    def _selected(self) -> TargetInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.targets[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.test_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _report(self, text: str) -> None:
        self.outcome.setText(text)

    def _done(self, text: str) -> None:
        self._report(text)
        self.reload()
        self.changed.emit()

    def on_add(self) -> None:
        dialog = AddTargetDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, kind, config, secret, session_only = dialog.values()
        sync = self.sync

        def add(_state: TaskState) -> TargetInfo:
            return sync.add_target(name, kind, config, secret, session_only)

        self.ops.run(add, write=True, label="add target").on_success(
            self._alive(self.on_added)
        ).on_failure(self._alive(lambda e: self._report(f"Not added: {e}"))).start()

    def on_added(self, info: TargetInfo) -> None:
        text = f"Added {info.name!r}; {info.pending} items will go there."
        if info.moved_secrets:
            moved = " and ".join(info.moved_secrets)
            text += (
                f" {moved[0].upper()}{moved[1:]} in the URL was taken out of it and kept with "
                "the secrets, never in the database."
            )
        self._done(text)

    def on_test(self) -> None:
        target = self._selected()
        if target is None:
            return
        sync, name = self.sync, target.name
        self._report(f"Testing {name}…")
        # On the network pool: a target that does not answer must not hold up the reads.
        test = self.ops.run(lambda _s: sync.test_target(name), network=True, label="test target")
        test.on_success(self._alive(lambda text: self._report(f"✓ {name}: {text}"))).on_failure(
            self._alive(lambda e: self._report(f"✗ {name}: {e}"))
        ).start()

    def on_remove(self) -> None:
        target = self._selected()
        if target is None or not self._confirm_remove(target):
            return
        sync, name = self.sync, target.name

        def removed(_result: None) -> None:
            self._done(f"Removed {name!r} and its secret.")
            # Not on Remove with the next target chosen: one more Space would remove it too.
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

        self.ops.run(lambda _s: sync.remove_target(name), write=True, label="remove").on_success(
            self._alive(removed)
        ).on_failure(self._alive(lambda e: self._report(f"Not removed: {e}"))).start()

    def _confirm_remove(self, target: TargetInfo) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove a sync target",
            f"Remove the target “{target.name}”?",
            parent=self,
        )
        waiting = (
            f"{plural(target.pending, 'item')} waiting for it will not be sent there."
            if target.pending
            else "Nothing waits to be sent there."
        )
        box.setInformativeText(f"{waiting} Its stored secret is deleted too.")
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is remove

    def on_team_key(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Team key")
        key = QLineEdit()
        key.setEchoMode(QLineEdit.EchoMode.Password)
        key.setAccessibleName("Team key")
        key.setMinimumWidth(320)
        note = QLabel(
            "Every install of the team signs and checks envelopes with this key. "
            "Paste the key your team shares (16 characters or more)."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(note)
        layout.addWidget(key)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        value = key.text()
        if len(value) < 16:
            self._report("The team key was not changed: it needs at least 16 characters.")
            return
        self.store_team_key(value)

    def store_team_key(self, value: str) -> None:
        from hirepartner.secrets import TEAM_KEY

        secrets = self.sync.secrets
        self.ops.run(lambda _s: secrets.set(TEAM_KEY, value), label="team key").on_success(
            self._alive(
                lambda where: self._report(
                    "Team key stored in the system keyring."
                    if where == "keyring"
                    else "Team key kept for this session only (there is no system keyring)."
                )
            )
        ).on_failure(self._alive(lambda e: self._report(f"Not stored: {e}"))).start()
