"""File → Privacy and security…: the retention policy, running without asking, a requisition's
own period, this database's encryption (with "Encrypt this database…") and the keyring."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from hirepartner.database_key import is_encrypted_file
from hirepartner.services.encryption import EncryptionStatus
from hirepartner.services.retention import RetentionPolicy
from hirepartner.ui.encryption.dialogs import EncryptDialog
from hirepartner.ui.privacy.privacy_settings import (
    PrivacySettingsDialog,
    SecurityState,
    keyring_sentence,
)


def _settings(qtbot, window) -> PrivacySettingsDialog:
    window.privacy.settings_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.privacy.dialog, PrivacySettingsDialog), timeout=10000)
    dialog = window.privacy.dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _fits(dialog) -> bool:
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    return (
        dialog.width() <= 1024
        and dialog.height() <= 700
        and all(
            dialog.rect().contains(QRect(b.mapTo(dialog, QPoint(0, 0)), b.size())) for b in buttons
        )
    )


def _save(qtbot, window, dialog) -> None:
    window.status_message.setText("")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: window.status_message.text().startswith("Privacy settings saved"))
    window.ops.wait_idle()


def test_the_file_menu_opens_the_settings_with_the_policy_as_stored(qtbot, window, artifacts_dir):
    file_menu = window.menuBar().actions()[0].menu()
    assert window.privacy.settings_action in file_menu.actions()
    services = window.holder.services
    services.retention.set_months(18)
    dialog = _settings(qtbot, window)
    dialog.grab().save(str(artifacts_dir / "privacy-settings.png"))
    assert _fits(dialog)
    assert dialog.anonymise.isChecked()
    assert dialog.months.value() == 18
    assert not dialog.unattended.isChecked()
    assert "without first showing you their names" in dialog.unattended_note.text()
    assert window.selection.requisition_id == dialog.requisition.currentData()
    assert not dialog.own_period.isChecked()
    assert "is not encrypted" in dialog.encryption_note.text()
    assert dialog.encrypt_button.isVisible()
    assert "keyring" in dialog.keyring_note.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.privacy.dialog is None)
    assert services.retention.policy().months == 18  # Escape saved nothing


def test_saving_sets_the_policy_unattended_and_a_requisitions_own_period_audited(qtbot, window):
    services = window.holder.services
    dialog = _settings(qtbot, window)
    assert not dialog.anonymise.isChecked()
    assert not dialog.months.isEnabled()
    dialog.anonymise.setChecked(True)
    dialog.months.setValue(6)
    dialog.unattended.setChecked(True)
    first, second = (dialog.requisition.itemData(i) for i in range(2))
    dialog.requisition.setCurrentIndex(dialog.requisition.findData(second))
    dialog.own_period.setChecked(True)
    dialog.own_months.setValue(3)
    dialog.requisition.setCurrentIndex(dialog.requisition.findData(first))
    assert not dialog.own_period.isChecked()  # each requisition shows its own
    dialog.requisition.setCurrentIndex(dialog.requisition.findData(second))
    assert dialog.own_period.isChecked()
    assert dialog.own_months.value() == 3
    _save(qtbot, window, dialog)
    policy = services.retention.policy()
    assert (policy.months, policy.unattended) == (6, True)
    assert [(ident, months) for ident, _code, months in policy.overrides] == [(second, 3)]
    actions = [e.action for e in services.audit.events()]
    assert actions.count("set_retention") == 3
    assert "6 months" in window.status_message.text()

    again = _settings(qtbot, window)  # turning it off again
    again.anonymise.setChecked(False)
    again.unattended.setChecked(False)
    again.requisition.setCurrentIndex(again.requisition.findData(second))
    again.own_period.setChecked(False)
    _save(qtbot, window, again)
    assert services.retention.policy() == RetentionPolicy(None, False, ())
    assert "retention off" in window.status_message.text()


def test_encrypt_from_the_settings_then_they_show_it_encrypted(qtbot, window, memory_keyring):
    dialog = _settings(qtbot, window)
    dialog.encrypt_button.click()
    qtbot.waitUntil(lambda: isinstance(window.privacy.encrypting.dialog, EncryptDialog))
    encrypt = window.privacy.encrypting.dialog
    assert encrypt.parent() is dialog  # over the settings, which stay open
    qtbot.waitUntil(encrypt.isVisible)
    encrypt.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "is encrypted" in dialog.encryption_note.text(), timeout=20000)
    window.ops.wait_idle()
    assert is_encrypted_file(Path(window.holder.services.database.location.path))
    assert not dialog.encrypt_button.isVisible()
    assert "key is kept there, so it opens without asking" in dialog.keyring_note.text()
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.privacy.dialog is None)


def test_escape_in_the_encrypt_dialog_leaves_the_settings_open_and_the_file_plain(qtbot, window):
    dialog = _settings(qtbot, window)
    dialog.encrypt_button.click()
    qtbot.waitUntil(lambda: isinstance(window.privacy.encrypting.dialog, EncryptDialog))
    encrypt = window.privacy.encrypting.dialog
    qtbot.waitUntil(encrypt.isVisible)
    qtbot.keyClick(encrypt, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.privacy.encrypting.dialog is None)
    assert dialog.isVisible()
    window.ops.wait_idle()
    assert not is_encrypted_file(Path(window.holder.services.database.location.path))
    dialog.reject()


SERVER = EncryptionStatus(False, False, "db.example is a database server, whose storage …")
PLAIN = EncryptionStatus(True, False, "x is not encrypted")
ENCRYPTED = EncryptionStatus(True, True, "x is encrypted")


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (SecurityState(PLAIN, True, "system keyring (SecretService)", False), "so is the"),
        (SecurityState(ENCRYPTED, True, "system keyring (X)", True), "opens without asking"),
        (SecurityState(ENCRYPTED, True, "system keyring (X)", False), "asked for each time"),
        (SecurityState(ENCRYPTED, False, "no system keyring", False), "asked for each time"),
        (SecurityState(PLAIN, False, "no system keyring", False), "keeps no key or password"),
    ],
)
def test_the_keyring_is_described_for_what_it_means_here(state, expected):
    assert expected in keyring_sentence(state)


def test_on_a_database_server_encryption_is_the_servers_job(qtbot):
    from datetime import date

    from hirepartner.services.requisitions import RequisitionSummary

    requisition = RequisitionSummary(
        1, "REQ-1", "Backend Engineer", "", "", "open", 1, 48, date(2026, 1, 5), None, "", "",
        (), 0,
    )  # fmt: skip
    dialog = PrivacySettingsDialog(
        RetentionPolicy(None, False, ((1, "REQ-1", 4),)),
        SecurityState(SERVER, True, "system keyring (X)", False),
        [requisition],
        None,
        lambda: None,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert "database server" in dialog.encryption_note.text()
    assert not dialog.encrypt_button.isVisible()
    assert dialog.own_period.isChecked()
    assert dialog.own_months.value() == 4
    assert dialog.settings.overrides == {}  # nothing changed, nothing to save


def test_run_retention_now_answers_when_nobody_is_due(qtbot, window):
    window.ops.wait_idle()
    window.status_message.setText("")
    window.privacy.retention_action.trigger()
    qtbot.waitUntil(lambda: window.status_message.text().startswith("Retention is off"))
    assert "Privacy and security" in window.status_message.text()
    window.holder.services.retention.set_months(120)
    window.privacy.retention_action.trigger()
    qtbot.waitUntil(lambda: window.status_message.text() == "Nobody is due for anonymising today.")
    assert window.privacy.dialog is None


def test_a_period_of_one_month_is_not_months(qtbot, window):
    dialog = _settings(qtbot, window)
    dialog.anonymise.setChecked(True)
    dialog.months.setValue(1)
    assert dialog.months.text() == "1"  # the unit is beside the box, where typing leaves it
    assert dialog.months_unit.text() == "month after their last application closed"
    dialog.months.setValue(2)
    assert dialog.months_unit.text() == "months after their last application closed"
    dialog.months.setValue(1)
    dialog.requisition.setCurrentIndex(1)  # shows the general period, greyed
    assert dialog.own_unit.text() == "month for this requisition instead"
    dialog.reject()
