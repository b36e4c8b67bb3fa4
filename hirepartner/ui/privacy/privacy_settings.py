"""File → Privacy and security…: the retention policy (the install's, running without asking,
a requisition's own period), this database's encryption and the keyring, in one dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from hirepartner.services.encryption import EncryptionStatus
    from hirepartner.services.requisitions import RequisitionSummary
    from hirepartner.services.retention import RetentionPolicy

DEFAULT_MONTHS = 12  # offered when the policy is off: a common period for unsuccessful candidates


@dataclass(frozen=True)
class SecurityState:
    """What the security half of the dialog shows, read off the UI thread."""

    encryption: EncryptionStatus
    keyring: bool  # a system keyring is available
    keyring_note: str  # which one, or why there is none
    key_kept: bool  # this database's key is in the keyring (or this session's memory)


@dataclass(frozen=True)
class PrivacySettings:
    """What Save writes: the install's period (None: off), running without asking, and the
    requisitions' own periods (None: the install's) for the requisitions shown."""

    months: int | None
    unattended: bool
    overrides: dict[int, int | None]


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _months_box(name: str, value: int) -> QSpinBox:
    from hirepartner.services.retention import MAX_MONTHS  # the database is open by now

    box = QSpinBox()
    box.setRange(1, MAX_MONTHS)
    box.setAccessibleName(name)
    box.setValue(value)
    return box


class UnitLabel(QLabel):
    """The words after a months box: "month …" or "months …" as its number changes (beside
    the box, not a suffix in it, which read "1month" while typing with the cursor there)."""

    def __init__(self, box: QSpinBox, after: str) -> None:
        super().__init__()
        self.after = after
        box.valueChanged.connect(self.show_for)
        self.show_for(box.value())

    def show_for(self, months: int) -> None:
        """Set by hand too where the box's signals are blocked."""
        self.setText(f"{'month' if months == 1 else 'months'} {self.after}")


def keyring_sentence(state: SecurityState) -> str:
    """The keyring, and what it means for opening this database."""
    if not state.keyring:
        asked = (
            " This database's passphrase is asked for each time it opens."
            if state.encryption.encrypted
            else ""
        )
        return (
            "There is no system keyring on this computer: HirePartner keeps no key or "
            f"password between sessions.{asked}"
        )
    where = state.keyring_note[:1].upper() + state.keyring_note[1:]
    if not state.encryption.encrypted:
        return (
            f"{where}: sync passwords and keys are kept there, and so is the database's key "
            "if you encrypt it with a random key."
        )
    if state.key_kept:
        return f"{where}. This database's key is kept there, so it opens without asking."
    return (
        f"{where}. This database's key is not kept there: its passphrase is asked for each "
        "time it opens."
    )


class PrivacySettingsDialog(QDialog):
    """The privacy and security settings; Save hands back `settings`, the encryption button
    asks through `on_encrypt` (the encrypt dialog opens over this one)."""

    def __init__(
        self,
        policy: RetentionPolicy,
        security: SecurityState,
        requisitions: Sequence[RequisitionSummary],
        current_requisition: int | None,
        on_encrypt: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Privacy and security")
        self._policy = policy
        own = {ident: months for ident, _code, months in policy.overrides}
        self._overrides: dict[int, int | None] = {r.id: own.get(r.id) for r in requisitions}
        self._stored = dict(self._overrides)
        layout = QVBoxLayout(self)
        layout.addWidget(self._retention_box(requisitions, current_requisition))
        layout.addWidget(self._security_box(on_encrypt))
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.show_security(security)
        self._on_policy()
        self.resize(620, self.sizeHint().height())

    # Retention ---------------------------------------------------------------------------

    def _retention_box(
        self, requisitions: Sequence[RequisitionSummary], current: int | None
    ) -> QGroupBox:
        box = QGroupBox("Retention")
        self.anonymise = QCheckBox("Anonymise candidates who were not hired")
        self.anonymise.setChecked(self._policy.months is not None)
        self.months = _months_box("Retention period", self._policy.months or DEFAULT_MONTHS)
        period = QHBoxLayout()
        period.addWidget(self.anonymise)
        period.addWidget(self.months)
        self.months_unit = UnitLabel(self.months, "after their last application closed")
        period.addWidget(self.months_unit)
        period.addStretch(1)
        self.unattended = QCheckBox("Run without asking (for administrators)")
        self.unattended.setChecked(self._policy.unattended)
        self.unattended_note = _wrapped(
            "Without asking, retention anonymises whoever is due at start and daily while "
            "HirePartner is open, without first showing you their names. Each run is still "
            "recorded in the audit log. Leave it off to see the list and confirm each batch."
        )
        self.unattended_note.setIndent(22)
        layout = QVBoxLayout(box)
        layout.addLayout(period)
        layout.addWidget(
            _wrapped(
                "Anonymising keeps ratings, stages, dates and reasons for the statistics and "
                "removes names, contacts, resumes, notes and written evidence. Candidates who "
                "consented to be kept are passed by until their consent ends."
            )
        )
        layout.addWidget(self.unattended)
        layout.addWidget(self.unattended_note)
        self.requisition = QComboBox()
        self.requisition.setAccessibleName("Requisition")
        for summary in requisitions:
            self.requisition.addItem(f"{summary.code} · {summary.title}", summary.id)
        self.own_period = QCheckBox("Its own period:")
        self.own_months = _months_box("Requisition's retention period", DEFAULT_MONTHS)
        own = QHBoxLayout()
        own.addWidget(self.own_period)
        own.addWidget(self.own_months)
        self.own_unit = UnitLabel(self.own_months, "for this requisition instead")
        own.addWidget(self.own_unit)
        own.addStretch(1)
        form = QFormLayout()
        if requisitions:
            form.addRow("Requisition:", self.requisition)
            form.addRow("", own)
        else:
            form.addRow("Requisition:", QLabel("None yet."))
        layout.addLayout(form)
        self.anonymise.toggled.connect(self._on_policy)
        self.requisition.currentIndexChanged.connect(self._show_override)
        self.own_period.toggled.connect(self._keep_override)
        self.own_months.valueChanged.connect(self._keep_override)
        index = self.requisition.findData(current)
        self.requisition.setCurrentIndex(max(index, 0))
        self._show_override()
        return box

    def _on_policy(self) -> None:
        self.months.setEnabled(self.anonymise.isChecked())

    def _show_override(self) -> None:
        ident = self.requisition.currentData()
        months = self._overrides.get(ident) if ident is not None else None
        for widget in (self.own_period, self.own_months):
            widget.blockSignals(True)
        self.own_period.setChecked(months is not None)
        self.own_months.setValue(months or self.months.value())
        self.own_unit.show_for(self.own_months.value())
        self.own_months.setEnabled(months is not None)
        for widget in (self.own_period, self.own_months):
            widget.blockSignals(False)

    def _keep_override(self) -> None:
        ident = self.requisition.currentData()
        if ident is None:
            return
        chosen = self.own_period.isChecked()
        self.own_months.setEnabled(chosen)
        self._overrides[ident] = self.own_months.value() if chosen else None

    @property
    def settings(self) -> PrivacySettings:
        changed = {i: m for i, m in self._overrides.items() if m != self._stored.get(i)}
        return PrivacySettings(
            self.months.value() if self.anonymise.isChecked() else None,
            self.unattended.isChecked(),
            changed,
        )

    # Encryption and the keyring ----------------------------------------------------------

    def _security_box(self, on_encrypt: Callable[[], None]) -> QGroupBox:
        box = QGroupBox("Encryption and keyring")
        self.encryption_note = _wrapped("")
        self.encrypt_button = QPushButton("Encrypt this database…")
        self.encrypt_button.clicked.connect(on_encrypt)
        row = QHBoxLayout()
        row.addWidget(self.encrypt_button)
        row.addStretch(1)
        self.keyring_note = _wrapped("")
        layout = QVBoxLayout(box)
        layout.addWidget(self.encryption_note)
        layout.addLayout(row)
        layout.addWidget(self.keyring_note)
        return box

    def show_security(self, state: SecurityState) -> None:
        """The encryption status and the keyring, again after the database was encrypted."""
        self.encryption_note.setText(state.encryption.note)
        can_encrypt = state.encryption.applies and not state.encryption.encrypted
        self.encrypt_button.setVisible(can_encrypt)
        self.keyring_note.setText(keyring_sentence(state))
        self.encryption_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
