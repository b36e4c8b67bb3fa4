"""The dialogs of the privacy actions: export personal data, erase, consent to keep, and the
retention run's question."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.ui.export_folder import file_name_for
from hirepartner.wording import plural

if TYPE_CHECKING:
    from hirepartner.services.privacy import ErasurePreview
    from hirepartner.services.retention import RetentionPlan
    from hirepartner.services.subject_export import SubjectPreview

ERROR_STYLE = "color: #b91c1c"


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def _listed(lines: tuple[str, ...]) -> QLabel:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    label = QLabel(f"<ul style='margin: 0'>{items}</ul>" if lines else "Nothing else.")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _counts(counts: tuple[tuple[str, int], ...]) -> QLabel:
    return _listed(tuple(plural(n, what) for what, n in counts))


class SubjectExportDialog(QDialog):
    """Where to write everything held about one candidate, with what it holds."""

    def __init__(
        self, preview: SubjectPreview, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Export personal data: {preview.name}")
        intro = _wrapped(
            f"Everything HirePartner holds about <b>{escape(preview.name)}</b> goes into one "
            "ZIP file: every record as JSON, their resumes, and a readable PDF summary."
        )
        held = (
            f"({plural(preview.private_notes, 'private text')})"
            if preview.private_notes
            else "(there are none about them now)"
        )
        notice = _wrapped(
            f"<b>Private notes are included</b> {held}: the person has a right to what is "
            "written about them, interviewers' private notes too. The export is recorded in "
            "the audit log."
        )
        name = file_name_for(preview.name, str(preview.candidate_id))
        self.destination = QLineEdit(str(folder / f"personal-data-{name}.zip"))
        self.destination.setAccessibleName("Save as")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.on_browse)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(browse)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Holds:", _listed(preview.lines))
        form.addRow("Save as:", where)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(notice)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())  # as tall as what it says, no empty band

    def on_browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save personal data as", self.destination.text(), "ZIP archives (*.zip)"
        )
        if path:
            self.destination.setText(path)

    def accept(self) -> None:
        if not self.destination.text().strip():
            self.error.setText("Choose where to save the export.")
            return
        folder = self.path.parent
        if not folder.is_dir():
            # Said here, with the dialog still open, rather than after it closed.
            self.error.setText(f"The folder {folder} does not exist; choose another place.")
            self.destination.setFocus()
            return
        super().accept()

    @property
    def path(self) -> Path:
        return Path(self.destination.text().strip()).expanduser()


class EraseDialog(QDialog):
    """Erase a candidate: what goes, where the erasure propagates, a reason, a confirmation."""

    def __init__(self, preview: ErasurePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Erase {preview.name}")
        intro = _wrapped(
            f"Erasing <b>{escape(preview.name)}</b> removes them and everything about them "
            "from this database. It cannot be undone (it is not on Edit → Undo)."
        )
        if not preview.propagates:
            where = (
                "Only this database: they have no email address, so the copies at the "
                "recruiter's and the panel's cannot be matched to them."
            )
        elif preview.targets:
            where = (
                "An erasure goes with the next sync to: "
                + ", ".join(escape(t) for t in preview.targets)
                + ". Each install there erases them too."
            )
        else:
            where = (
                "This database now. Syncing with the recruiter is not set up yet; once it "
                "is, the erasure is sent to them with the first sync."
            )
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText("Why (e.g. the candidate asked to be erased)")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.confirm = QCheckBox(f"I understand that {preview.name} is erased for good")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.erase_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.erase_button.setText("Erase")
        self.erase_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("What goes:", _counts((("candidate record", 1), *preview.counts)))
        form.addRow("Where:", _wrapped(where))
        form.addRow("Reason:", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        # Enter must not erase: Cancel is the default, set after the button box chose Erase.
        super().showEvent(event)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)

    def accept(self) -> None:
        if not self.reason_text:
            self.error.setText("Say why this candidate is erased.")
            self.reason.setFocus()
            return
        if not self.confirm.isChecked():
            self.error.setText("Tick the confirmation to erase.")
            return
        super().accept()

    @property
    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()


class ConsentDialog(QDialog):
    """The candidate's consent to be kept beyond the retention period, until a day."""

    def __init__(
        self, name: str, until: date | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Consent to keep: {name}")
        self.given = QCheckBox("The candidate agreed that their data be kept until")
        self.given.setChecked(until is not None)
        self.until = QDateEdit()
        self.until.setAccessibleName("Kept until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("d MMM yyyy")
        self.until.setMinimumDate(QDate(today.year, today.month, today.day).addDays(1))
        shown = until or date(today.year + 1, today.month, min(today.day, 28))
        self.until.setDate(QDate(shown.year, shown.month, shown.day))
        self.until.setEnabled(self.given.isChecked())
        self.given.toggled.connect(self.until.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.given)
        row.addWidget(self.until)
        row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapped(
                "While their consent lasts, the candidate is kept even past the retention "
                "period. After that day, if they were not hired, their data is anonymised "
                "like everyone else's."
            )
        )
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(480, 180)

    @property
    def keep_until(self) -> date | None:
        if not self.given.isChecked():
            return None
        chosen = self.until.date()
        return date(chosen.year(), chosen.month(), chosen.day())


class RetentionDialog(QDialog):
    """The retention run's one question per batch: who is about to be anonymised."""

    def __init__(
        self, plan: RetentionPlan, months: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        count = len(plan.due)
        self.setWindowTitle("Retention")
        period = f"{plural(months, 'month')} ago or more" if months else "longer ago than allowed"
        intro = _wrapped(
            f"<b>{plural(count, 'candidate')}</b> who were not hired, and whose applications "
            f"closed {period}, are due to be anonymised under the retention policy. Their "
            "ratings, stages, dates and reasons stay for the statistics; their names, "
            "contacts, resumes, notes and written evidence go. This cannot be undone."
        )
        self.names = QListWidget()
        self.names.setAccessibleName("Candidates due")
        for due in plan.due:
            self.names.addItem(f"{due.name} — closed {due.closed_on:%d %b %Y}")
        kept = (
            _wrapped(f"{plural(plan.kept_by_consent, 'candidate')} kept by their consent.")
            if plan.kept_by_consent
            else None
        )
        buttons = QDialogButtonBox()
        self.anonymise_button = buttons.addButton(
            f"Anonymise {plural(count, 'candidate')}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.anonymise_button.setAutoDefault(False)
        self.later_button = buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.names, 1)
        if kept is not None:
            layout.addWidget(kept)
        layout.addWidget(buttons)
        self.resize(560, 440)

    def showEvent(self, event: QShowEvent) -> None:
        # Enter must not anonymise: "Not now" is the default, set after the button box chose.
        super().showEvent(event)
        self.later_button.setDefault(True)
