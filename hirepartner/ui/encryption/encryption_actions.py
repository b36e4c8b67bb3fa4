"""The "Encrypt this database…" action: which key, the conversion off the UI thread, the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from hirepartner.database_key import DatabaseKey, keyring_name, stored_key
from hirepartner.errors import HirePartnerError
from hirepartner.ui.encryption.dialogs import EncryptDialog
from hirepartner.ui.feature_context import FeatureContext
from hirepartner.ui.ops import BackgroundOps, TaskState
from hirepartner.ui.review.review_actions import make_action
from hirepartner.ui.services_holder import ServicesHolder

if TYPE_CHECKING:
    from hirepartner.services.encryption import EncryptionDone, EncryptionStatus


class EncryptFlow(QObject):
    """Encrypting this database: the state read off the UI thread, the dialog, the conversion,
    the result; `encrypted` tells whoever showed the state (the privacy settings) to re-read it."""

    encrypted = Signal()

    def __init__(
        self,
        window: QWidget,
        holder: ServicesHolder,
        ops: BackgroundOps,
        say: Callable[[str], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(window)
        self.window, self.holder, self.ops, self.say, self.on_error = (
            window,
            holder,
            ops,
            say,
            on_error,
        )
        self.dialog: EncryptDialog | None = None

    def ask(self, parent: QWidget | None = None) -> None:
        """Read the state off the UI thread (the keyring may be slow), then show the dialog
        over `parent` (the main window unless another dialog asks)."""
        holder = self.holder

        def state(_s: TaskState) -> tuple[EncryptionStatus, str | None]:
            services = holder.services
            keyring = services.secrets.backend_available()
            return services.encryption.status(), services.secrets.describe() if keyring else None

        self.ops.run(state, label="encryption status").on_success(
            lambda found: self._show(found, parent or self.window)
        ).on_failure(self.on_error).start()

    def _show(self, found: tuple[EncryptionStatus, str | None], parent: QWidget) -> None:
        status, keyring = found
        if not status.applies or status.encrypted:
            QMessageBox.information(parent, "Encrypt this database", status.note)
            return
        dialog = EncryptDialog(status.note, keyring, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._encrypt(dialog.chosen_passphrase))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self) -> None:
        self.dialog = None

    def _encrypt(self, text: str | None) -> None:
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
        self.encrypted.emit()


class EncryptionActions(QObject):
    """File → Encrypt this database…"""

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.window)
        self.flow = EncryptFlow(
            context.window, context.holder, context.ops, context.say, context.on_error
        )
        self.encrypt_action = make_action(
            context.window,
            "&Encrypt this database…",
            self.ask,
            "",
            "",
            "Encrypt the database file and its backups (SQLite files only)",
        )

    @property
    def dialog(self) -> EncryptDialog | None:
        return self.flow.dialog

    def ask(self) -> None:
        self.flow.ask()
