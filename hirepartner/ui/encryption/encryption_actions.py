"""The "Encrypt this database…" action: which key, the conversion off the UI thread, the result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from hirepartner.database_key import DatabaseKey, keyring_name, stored_key
from hirepartner.errors import HirePartnerError
from hirepartner.ui.encryption.dialogs import EncryptDialog
from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.ops import TaskState
from hirepartner.ui.review.review_actions import make_action

if TYPE_CHECKING:
    from hirepartner.services.encryption import EncryptionDone, EncryptionStatus


class EncryptionActions(QObject):
    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.window)
        self.window, self.holder, self.ops = context.window, context.holder, context.ops
        self.say, self.on_error = context.say, context.on_error
        window = context.window
        self.dialog: EncryptDialog | None = None
        self.encrypt_action = make_action(
            window,
            "&Encrypt this database…",
            self.ask,
            "",
            "",
            "Encrypt the database file and its backups (SQLite files only)",
        )

    def ask(self) -> None:
        """Read the state off the UI thread (the keyring may be slow), then show the dialog."""
        holder = self.holder

        def state(_s: TaskState) -> tuple[EncryptionStatus, str | None]:
            services = holder.services
            keyring = services.secrets.backend_available()
            return services.encryption.status(), services.secrets.describe() if keyring else None

        self.ops.run(state, label="encryption status").on_success(self._show).on_failure(
            self.on_error
        ).start()

    def _show(self, found: tuple[EncryptionStatus, str | None]) -> None:
        status, keyring = found
        if not status.applies or status.encrypted:
            QMessageBox.information(self.window, "Encrypt this database", status.note)
            return
        self.dialog = EncryptDialog(status.note, keyring, self.window)
        self.dialog.accepted.connect(self._encrypt)
        self.dialog.open()

    def _encrypt(self) -> None:
        assert self.dialog is not None
        text = self.dialog.chosen_passphrase
        key = DatabaseKey.random() if text is None else DatabaseKey.passphrase(text)
        holder = self.holder

        def encrypt(_s: TaskState) -> EncryptionDone:
            services = holder.services
            path = services.encryption.file
            assert path is not None
            if key.raw:
                # Kept and read back before the file changes: a lost key would lose the data.
                services.secrets.set(keyring_name(path), key.stored_form())
                if stored_key(path, services.secrets) != key:
                    raise HirePartnerError("The keyring did not keep the key; nothing changed.")
            return services.encryption.encrypt(key)

        self.say("Encrypting the database…")
        self.ops.run(encrypt, write=True, label="encrypt").on_success(self._done).on_failure(
            self.on_error
        ).start()

    def _done(self, done: EncryptionDone) -> None:
        backups = f" and its {done.backups_encrypted} backups" if done.backups_encrypted else ""
        self.say(f"Encrypted {done.database}{backups}.")
