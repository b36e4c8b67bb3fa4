"""Enroll a team member: the fingerprint they read out is typed here and must match their key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import Role
from hirepartner.ui.exchange.team_keys_model import monospace
from hirepartner.ui.review.people_dialog import ERROR_STYLE, user_message

if TYPE_CHECKING:
    from hirepartner.services.team_keys import KeyInfo

ADVANCED = "Their key did not arrive through the exchange: paste their public key"


class EnrollDialog(QDialog):
    """Email, role and the fingerprint as heard; stays open with the reason on a mismatch."""

    submitted = Signal(str, str, str, str, str)  # email, fingerprint, role, name, public key

    def __init__(self, pending: KeyInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        who = (pending.name or pending.email) if pending else "the person"
        self.setWindowTitle(f"Enroll {who}" if pending else "Enroll a team member")
        intro = QLabel(
            f"Ask {who} to read out the fingerprint their app shows (Sync → Team and signing "
            "keys), by phone or in person, never by email or chat. Type what you hear; "
            "HirePartner enrolls the key only when it matches."
        )
        intro.setWordWrap(True)
        self.email = QLineEdit(pending.email if pending else "")
        self.email.setPlaceholderText("ivy@example.com")
        self.name = QLineEdit(pending.name if pending else "")
        self.name.setPlaceholderText("as it should show in the roster (optional)")
        self.role = QComboBox()
        for role in (Role.INTERVIEWER, Role.HIRING_MANAGER, Role.RECRUITER):
            self.role.addItem(role.label, role.value)
        self.role.setCurrentIndex(max(0, self.role.findData(pending.role if pending else "")))
        self.fingerprint = QLineEdit()
        self.fingerprint.setFont(monospace())
        self.fingerprint.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.fingerprint.setMinimumWidth(self.fingerprint.fontMetrics().horizontalAdvance("M" * 26))
        form = QFormLayout()
        for label, widget in (
            ("Email:", self.email),
            ("Name:", self.name),
            ("Role:", self.role),
            ("Fingerprint they read out:", self.fingerprint),
        ):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.advanced = QToolButton()
        self.advanced.setText(ADVANCED)
        self.advanced.setCheckable(True)
        self.advanced.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced.setAutoRaise(True)
        self.public_key = QPlainTextEdit()
        self.public_key.setAccessibleName("Public key")
        self.public_key.setPlaceholderText(
            "The public key they sent you (their app shows it under Team and signing keys)"
        )
        self.public_key.setFixedHeight(self.public_key.fontMetrics().lineSpacing() * 3 + 12)
        self.public_key.hide()
        self.error = QLabel()
        self.error.setAccessibleName("Why it was not enrolled")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.enroll_button = self.buttons.addButton(
            "Enroll", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.advanced)
        layout.addWidget(self.public_key)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.advanced.toggled.connect(self.on_advanced)
        (self.fingerprint if pending else self.email).setFocus()

    def on_advanced(self, shown: bool) -> None:
        self.advanced.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.public_key.setVisible(shown)
        self.adjustSize()

    def accept(self) -> None:
        """Asks the owner to enroll; the owner closes the dialog once enrollment succeeded."""
        self.error.clear()
        for widget, missing in (
            (self.email, "Type the email address of the person you enroll."),
            (self.fingerprint, "Type the fingerprint they read out to you."),
        ):
            if not widget.text().strip():
                self._say(missing)
                widget.setFocus()
                return
        self.buttons.setEnabled(False)
        public_key = self.public_key.toPlainText().strip() if self.advanced.isChecked() else ""
        self.submitted.emit(
            self.email.text().strip(),
            self.fingerprint.text().strip(),
            str(self.role.currentData()),
            self.name.text().strip(),
            public_key,
        )

    def _say(self, problem: str) -> None:
        """The reason below the fields; the dialog grows to fit it rather than squash them."""
        self.error.setText(problem)
        layout = self.layout()
        assert layout is not None
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if needed > self.height():
            self.resize(self.width(), needed)

    def enrolled(self) -> None:
        super().accept()

    def failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._say(user_message(error))
        field = getattr(error, "field", "")
        widgets: dict[str, QWidget] = {
            "email": self.email,
            "fingerprint": self.fingerprint,
            "role": self.role,
            "public key": self.public_key,
        }
        target = widgets.get(field, self.fingerprint)
        if target is self.public_key and not self.advanced.isChecked():
            target = self.fingerprint
        target.setFocus()
        if target is self.fingerprint:
            self.fingerprint.selectAll()
