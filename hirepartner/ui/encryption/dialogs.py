"""The passphrase asked for on start, and "Encrypt this database": which key, and what it means."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b91c1c"


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMinimumWidth(280)
    return field


class PassphraseDialog(QDialog):
    """Asks for the passphrase of an encrypted database; the caller checks it in the background
    and answers with `show_error` (asking again) or `accept_quietly`."""

    submitted = Signal(str, bool)  # the passphrase, and whether to keep it in the keyring

    def __init__(self, database: str, no_keyring: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open an encrypted database")
        self.setModal(True)
        self.passphrase = _secret_field("Passphrase")
        self.checking = False  # a check is under way: Enter waits for it
        self.remember = QCheckBox("Remember it in the system keyring on this computer")
        self.remember.setVisible(no_keyring is None)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout()
        form.addRow("Passphrase:", self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(_note(f"{database} is encrypted. Type its passphrase to open it."))
        if no_keyring is not None:
            layout.addWidget(_note(no_keyring))
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, self.sizeHint().height())

    def submit(self) -> None:
        if self.checking:
            return
        if not self.passphrase.text():
            self.error.setText("Type the passphrase first.")
            return
        self.set_checking(True)
        self.submitted.emit(self.passphrase.text(), self.remember.isChecked())

    def set_checking(self, checking: bool) -> None:
        self.checking = checking
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(not checking)
        # Read-only, not disabled: a disabled field hands the focus to Cancel, and an impatient
        # second Enter while the passphrase is checked would then cancel the opening.
        self.passphrase.setReadOnly(checking)
        self.error.setStyleSheet("" if checking else ERROR_STYLE)
        if checking:
            self.error.setText("Checking the passphrase…")

    def show_error(self, message: str) -> None:
        """The check failed (after its pause): say so and let the user try again."""
        self.set_checking(False)
        self.error.setText(message)
        self.passphrase.selectAll()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept_quietly(self) -> None:
        """Close without emitting `rejected` (the database opened, or failed otherwise)."""
        self.blockSignals(True)
        self.done(QDialog.DialogCode.Accepted)
        self.blockSignals(False)


class EncryptDialog(QDialog):
    """Encrypt this database: a random key in the keyring (recommended) or a passphrase."""

    def __init__(self, status_note: str, keyring: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Encrypt this database")
        self.random_key = QRadioButton("A random key, kept in the system keyring (recommended)")
        self.use_passphrase = QRadioButton("A passphrase, asked for each time it opens")
        self.passphrase = _secret_field("Passphrase")
        self.again = _secret_field("Passphrase again")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Encrypt")
        layout = QVBoxLayout(self)
        layout.addWidget(_note(status_note))
        layout.addWidget(
            _note(
                "Encrypting rewrites the file with SQLCipher (AES-256), together with the "
                "backups kept beside it, and overwrites the plain copy. From then on every "
                "backup is encrypted too. Backups you exported elsewhere earlier stay as they "
                "were."
            )
        )
        layout.addWidget(self.random_key)
        if keyring is None:
            self.random_key.setEnabled(False)
            layout.addWidget(
                _note(
                    "There is no system keyring on this machine, so only a passphrase can be "
                    "used, and HirePartner will ask for it every time the database opens."
                )
            )
        layout.addWidget(self.use_passphrase)
        form = QFormLayout()
        form.addRow("Passphrase:", self.passphrase)
        form.addRow("Again:", self.again)
        layout.addLayout(form)
        layout.addWidget(
            _note("A forgotten passphrase cannot be recovered, and neither can the candidates.")
        )
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.random_key.toggled.connect(self._on_choice)
        (self.random_key if keyring is not None else self.use_passphrase).setChecked(True)
        self._on_choice()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, self.sizeHint().height())

    def _on_choice(self) -> None:
        for field in (self.passphrase, self.again):
            field.setEnabled(self.use_passphrase.isChecked())

    @property
    def chosen_passphrase(self) -> str | None:
        """The passphrase chosen, or None for a random key."""
        return self.passphrase.text() if self.use_passphrase.isChecked() else None

    def accept(self) -> None:
        if self.use_passphrase.isChecked():
            if not self.passphrase.text():
                self.error.setText(
                    "Type a passphrase, or choose a random key in the keyring."
                    if self.random_key.isEnabled()
                    else "Type a passphrase to encrypt with."
                )
                self.passphrase.setFocus()
                return
            if self.again.text() != self.passphrase.text():
                self.error.setText("The two passphrases differ; type the same one twice.")
                self.again.setFocus()
                return
        super().accept()
