"""The offer step's dialogs: make an offer, record that it was accepted, or that it was declined."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import DeclineReason
from hirepartner.wording import day

DATE_FORMAT = "d MMM yyyy"
EXPIRY_DAYS = 14  # the expiry offered when the box is ticked


def _date_edit(value: date, name: str, earliest: date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setAccessibleName(name)
    if earliest is not None:
        edit.setMinimumDate(QDate(earliest))
    return edit


def _picked(edit: QDateEdit) -> date:
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


class _OfferDialog(QDialog):
    """A form, a line for what is wrong, and OK (named for the step) and Cancel."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #b91c1c")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _refuse(self, message: str, widget: QWidget) -> None:
        self.error.setText(message)
        widget.setFocus()
        if isinstance(widget, QDateEdit):  # a new date answers the complaint: clear it then
            widget.dateChanged.connect(self.error.clear)


class MakeOfferDialog(_OfferDialog):
    """When the offer was made, when it expires (if it does), and notes on the package."""

    def __init__(self, candidate: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(f"Make an offer to {candidate}", "Make offer", parent)
        self.extended = _date_edit(today, "Offer date")
        self.expires_check = QCheckBox("Expires on")
        self.expires_check.setAccessibleName("The offer expires")
        self.expires = _date_edit(today + timedelta(days=EXPIRY_DAYS), "Expiry date")
        self.expires.setEnabled(False)
        expiry = QHBoxLayout()
        expiry.addWidget(self.expires_check)
        expiry.addWidget(self.expires, 1)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Level, salary, bonus, conditions…")
        self.notes.setTabChangesFocus(True)
        self.form.addRow("Offer made on:", self.extended)
        self.form.addRow("Expiry:", expiry)
        self.form.addRow("Notes:", self.notes)
        self.expires_check.toggled.connect(self.expires.setEnabled)
        self.resize(460, 300)

    def accept(self) -> None:
        expires = self.expires_on
        if expires is not None and expires < self.extended_on:
            self._refuse(
                f"The expiry date ({day(expires)}) is before the offer date "
                f"({day(self.extended_on)}); choose a later expiry date.",
                self.expires,
            )
            return
        super().accept()

    @property
    def extended_on(self) -> date:
        return _picked(self.extended)

    @property
    def expires_on(self) -> date | None:
        if not self.expires_check.isChecked():
            return None
        return _picked(self.expires)

    @property
    def notes_text(self) -> str:
        return self.notes.toPlainText().strip()


class OfferAcceptedDialog(_OfferDialog):
    """The day the candidate said yes, and the start date (which must be chosen)."""

    def __init__(
        self, candidate: str, extended_on: date, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"{candidate} accepted the offer", "Record acceptance", parent)
        self.responded = _date_edit(max(today, extended_on), "Accepted on", extended_on)
        # No start date until one is chosen: the earliest date reads "Choose a date".
        self._unset = extended_on - timedelta(days=1)
        self.start = _date_edit(self._unset, "Start date", self._unset)
        self.start.setSpecialValueText("Choose a date")
        self.form.addRow(QLabel(f"Offer made on {day(extended_on)}."))
        self.form.addRow("Accepted on:", self.responded)
        self.form.addRow("Starts on:", self.start)
        self.resize(420, 180)

    def accept(self) -> None:
        if self.start_on is None:
            self._refuse("Choose a start date for the accepted offer.", self.start)
            return
        if self.start_on < self.responded_on:
            self._refuse(
                f"The start date ({day(self.start_on)}) is before the offer was accepted "
                f"({day(self.responded_on)}); choose a later start date.",
                self.start,
            )
            return
        super().accept()

    @property
    def responded_on(self) -> date:
        return _picked(self.responded)

    @property
    def start_on(self) -> date | None:
        chosen = _picked(self.start)
        return None if chosen <= self._unset else chosen


class OfferDeclinedDialog(_OfferDialog):
    """The day the candidate said no, why (a structured reason) and a note."""

    def __init__(
        self, candidate: str, extended_on: date, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"{candidate} declined the offer", "Record decline", parent)
        self.candidate = candidate
        self.responded = _date_edit(max(today, extended_on), "Declined on", extended_on)
        self.reason = QComboBox()
        self.reason.setAccessibleName("Reason")
        for reason in DeclineReason:
            self.reason.addItem(reason.label, reason.value)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("What the recruiter should know (required for “Other”)")
        self.note.setTabChangesFocus(True)
        self.form.addRow(QLabel(f"Offer made on {day(extended_on)}."))
        self.form.addRow("Declined on:", self.responded)
        self.form.addRow("Reason:", self.reason)
        self.form.addRow("Note:", self.note)
        self.resize(460, 300)

    def accept(self) -> None:
        if self.reason_value is DeclineReason.OTHER and not self.note_text:
            self._refuse(
                f"Say in the note why {self.candidate} declined (the reason is Other).", self.note
            )
            return
        super().accept()

    @property
    def responded_on(self) -> date:
        return _picked(self.responded)

    @property
    def reason_value(self) -> DeclineReason:
        return DeclineReason(self.reason.currentData())

    @property
    def note_text(self) -> str:
        return self.note.toPlainText().strip()
