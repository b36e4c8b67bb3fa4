"""Opening an encrypted database: the key from the keyring, else the passphrase asked for; the
key check and the opening run off the UI thread (key derivation takes a noticeable moment)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from hirepartner.config import DatabaseLocation
from hirepartner.database_key import (
    DatabaseKey,
    WrongKeyError,
    given_key,
    is_encrypted_file,
    keyring_name,
    stored_key,
)
from hirepartner.secrets import SecretStore
from hirepartner.ui.encryption.dialogs import PassphraseDialog
from hirepartner.ui.ops import BackgroundOps, TaskState

if TYPE_CHECKING:
    from hirepartner.app import AppServices

NO_KEYRING = (
    "There is no system keyring on this machine, so HirePartner cannot remember the key: "
    "it asks for the passphrase every time the database opens."
)


class UnlockFlow(QObject):
    """Finds the key of `location` (environment, keyring), asks for a passphrase when there is
    none, and opens the database with it; a wrong one asks again, after the pause."""

    def __init__(
        self,
        window: QMainWindow,
        ops: BackgroundOps,
        location: DatabaseLocation,
        attach: Callable[[AppServices], None],
        cannot_open: Callable[[str], None],
        given: DatabaseKey | None = None,
        store: SecretStore | None = None,
    ) -> None:
        """`given`: the passphrase from --passphrase-file, tried before the keyring."""
        super().__init__(window)
        self.window, self.ops, self.location = window, ops, location
        self.attach, self.cannot_open = attach, cannot_open
        self.store = store or SecretStore()
        self.given = given
        self.keyring = False
        self.dialog: PassphraseDialog | None = None

    def start(self) -> None:
        """Look for a key off the UI thread (the keyring may be slow), then open or ask."""
        store, path, given = self.store, self.location.path, self.given

        def find(_state: TaskState) -> tuple[bool, DatabaseKey | None, bool]:
            if path is None or not is_encrypted_file(path):
                return False, None, False
            key = given or given_key(None) or stored_key(path, store)
            return True, key, store.backend_available()

        self.ops.run(find, label="find key").on_success(self._found).on_failure(
            lambda error: self.cannot_open(str(error))
        ).start()

    def _found(self, found: tuple[bool, DatabaseKey | None, bool]) -> None:
        encrypted, key, keyring = found
        self.keyring = keyring
        if key is not None or not encrypted:
            self._open(key, remember=False)
            return
        self.dialog = PassphraseDialog(
            str(self.location.path), None if keyring else NO_KEYRING, self.window
        )
        self.dialog.submitted.connect(lambda text, remember: self._try(text, remember))
        self.dialog.rejected.connect(lambda: self.cannot_open("The database was not opened."))
        self.dialog.open()

    def _try(self, text: str, remember: bool) -> None:
        self._open(DatabaseKey.passphrase(text), remember)

    def _open(self, key: DatabaseKey | None, remember: bool) -> None:
        location, store = self.location, self.store

        def open_services(_state: TaskState) -> AppServices:
            from hirepartner.app import build_services

            services = build_services(location, secrets=store, key=key)
            if remember and key is not None and location.path is not None:
                store.set(keyring_name(location.path), key.stored_form())
            return services

        self.ops.run(open_services, write=True, label="open").on_success(self._opened).on_failure(
            self._failed
        ).start()

    def _opened(self, services: AppServices) -> None:
        if self.dialog is not None:
            self.dialog.accept_quietly()
            self.dialog = None
        self.attach(services)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, WrongKeyError) and self.dialog is not None:
            self.dialog.show_error(str(error)[:1].upper() + str(error)[1:] + ".")
            return
        if isinstance(error, WrongKeyError):
            # The given or stored key is wrong (a stale keyring entry): ask instead.
            self.given = None
            self._found((True, None, self.keyring))
            return
        if self.dialog is not None:
            self.dialog.accept_quietly()
            self.dialog = None
        self.cannot_open(str(error))
