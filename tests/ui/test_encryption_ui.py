"""Encryption in the app: the passphrase asked for on start (checked off the UI thread, asked
again when wrong), why it is asked every time without a keyring, and "Encrypt this database"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hirepartner import database_key
from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.database_key import DatabaseKey, is_encrypted_file, keyring_name
from hirepartner.secrets import SecretStore
from hirepartner.ui.encryption.dialogs import EncryptDialog, PassphraseDialog
from hirepartner.ui.encryption.unlock import NO_KEYRING, UnlockFlow
from hirepartner.ui.main_window import MainWindow
from hirepartner.ui.settings import Settings

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_key, "WRONG_KEY_DELAY_S", 0.0)


@pytest.fixture
def encrypted_db(tmp_path: Path) -> Path:
    db = tmp_path / "hirepartner.sqlite3"
    services = build_services(sqlite_location(db))
    services.fill_demo(20, 3)
    services.encryption.encrypt(DatabaseKey.passphrase(PASSPHRASE))
    services.close()
    return db


def start_window(qtbot, settings_path: Path, db: Path) -> tuple[MainWindow, list[str]]:  # type: ignore[no-untyped-def]
    window = MainWindow(Settings(QSettings(str(settings_path), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    failures: list[str] = []
    UnlockFlow(
        window, window.ops, sqlite_location(db), window.attach_services, failures.append
    ).start()
    return window, failures


def the_dialog(qtbot) -> PassphraseDialog:  # type: ignore[no-untyped-def]
    found: list[PassphraseDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, PassphraseDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=10000)
    return found[0]


def test_the_passphrase_is_asked_checked_in_the_background_and_asked_again_when_wrong(
    qtbot, settings_path, encrypted_db, memory_keyring
):  # type: ignore[no-untyped-def]
    window, failures = start_window(qtbot, settings_path, encrypted_db)
    dialog = the_dialog(qtbot)
    assert NO_KEYRING not in dialog.findChildren(type(dialog.error))[0].text()
    assert dialog.remember.isVisibleTo(dialog)

    dialog.passphrase.setText("correct horse")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
    # The click returned at once: the check runs in the background.
    assert dialog.error.text() == "Checking the passphrase…"
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled()
    qtbot.waitUntil(
        lambda: dialog.error.text() == "Wrong passphrase or not a HirePartner database.",
        timeout=10000,
    )
    assert dialog.isVisible()
    assert window.listing is None

    dialog.passphrase.setText(PASSPHRASE)
    dialog.remember.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
    qtbot.waitUntil(lambda: window.listing is not None, timeout=15000)
    assert not dialog.isVisible()
    assert failures == []
    assert list(memory_keyring.store.values()) == [f"passphrase:{PASSPHRASE}"]
    window.ops.wait_idle()
    window.services.close()


def test_without_a_keyring_the_app_says_why_it_asks(
    qtbot, settings_path, encrypted_db, monkeypatch
):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(SecretStore, "backend_available", lambda self: False)
    window, failures = start_window(qtbot, settings_path, encrypted_db)
    dialog = the_dialog(qtbot)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.error)))
    assert "no system keyring on this machine" in texts
    assert "asks for the passphrase every time" in texts
    assert not dialog.remember.isVisibleTo(dialog)
    dialog.reject()
    assert failures == ["The database was not opened."]
    window.ops.wait_idle()


def test_a_stale_key_in_the_keyring_leads_to_the_question(
    qtbot, settings_path, encrypted_db, memory_keyring
):  # type: ignore[no-untyped-def]
    memory_keyring.set_password(
        "HirePartner", keyring_name(encrypted_db), DatabaseKey.random().stored_form()
    )
    window, failures = start_window(qtbot, settings_path, encrypted_db)
    dialog = the_dialog(qtbot)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
    qtbot.waitUntil(lambda: window.listing is not None, timeout=15000)
    assert failures == []
    window.ops.wait_idle()
    window.services.close()


def test_encrypt_this_database_from_the_file_menu(window, qtbot, memory_keyring):  # type: ignore[no-untyped-def]
    assert window.encryption.encrypt_action in window.menuBar().actions()[0].menu().actions()
    window.encryption.encrypt_action.trigger()
    qtbot.waitUntil(lambda: window.encryption.dialog is not None, timeout=10000)
    dialog = window.encryption.dialog
    assert "is not encrypted" in dialog.findChildren(type(dialog.error))[0].text()
    assert dialog.random_key.isChecked()
    assert not dialog.passphrase.isEnabled()
    dialog.use_passphrase.setChecked(True)
    dialog.passphrase.setText("one")
    dialog.again.setText("two")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error.text() == "The two passphrases differ; type the same one twice."
    dialog.random_key.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.status_message.text().startswith("Encrypted "), timeout=20000)
    window.ops.wait_idle()
    assert is_encrypted_file(window.services.database.location.path)
    (stored,) = memory_keyring.store.values()
    assert stored.startswith("raw:")
    window.refresh_action.trigger()  # the app goes on working on the encrypted file
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10000)
    assert window.listing is not None


def test_the_dialogs_fit_and_close_with_escape(qtbot, artifacts_dir):  # type: ignore[no-untyped-def]
    ask = PassphraseDialog(
        "/home/ada/.local/share/HirePartner/hirepartner.sqlite3", NO_KEYRING, None
    )
    encrypt = EncryptDialog(
        "/home/ada/.local/share/HirePartner/hirepartner.sqlite3 is not encrypted: anyone who "
        "copies the file can read the candidates in it.",
        "system keyring (SecretService)",
        None,
    )
    for dialog, name in ((ask, "passphrase"), (encrypt, "encrypt")):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.height() <= 700
        assert dialog.width() <= 1024
        dialog.grab().save(str(artifacts_dir / f"encryption-{name}.png"))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()


def test_enter_pressed_again_while_checking_does_not_cancel_and_two_wrong_tries_ask_again(
    qtbot, settings_path, encrypted_db
):  # type: ignore[no-untyped-def]
    window, failures = start_window(qtbot, settings_path, encrypted_db)
    dialog = the_dialog(qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # so that focus moves as it does on a desktop
    for guess in ("correct horse", "battery"):
        dialog.passphrase.setFocus()
        dialog.passphrase.setText(guess)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert dialog.error.text() == "Checking the passphrase…"
        # The field keeps the focus (a disabled one would hand it to Cancel, where a second
        # Enter cancels the opening).
        assert dialog.passphrase.isEnabled()
        assert dialog.focusWidget() is dialog.passphrase
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # impatient
        qtbot.waitUntil(
            lambda: dialog.error.text() == "Wrong passphrase or not a HirePartner database.",
            timeout=10000,
        )
        assert dialog.isVisible()
        assert failures == []
        assert dialog.focusWidget() is dialog.passphrase
    dialog.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.listing is not None, timeout=15000)
    assert failures == []
    window.ops.wait_idle()
    window.services.close()


def test_an_empty_encrypt_form_asks_only_for_what_is_possible(qtbot):  # type: ignore[no-untyped-def]
    without = EncryptDialog("hp.sqlite3 is not encrypted.", None, None)
    with_keyring = EncryptDialog("hp.sqlite3 is not encrypted.", "system keyring", None)
    for dialog in (without, with_keyring):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
    qtbot.keyClick(without.passphrase, Qt.Key.Key_Return)
    assert without.error.text() == "Type a passphrase to encrypt with."  # no keyring to offer
    assert without.isVisible()
    with_keyring.use_passphrase.setChecked(True)
    qtbot.keyClick(with_keyring.passphrase, Qt.Key.Key_Return)
    assert with_keyring.error.text() == "Type a passphrase, or choose a random key in the keyring."
