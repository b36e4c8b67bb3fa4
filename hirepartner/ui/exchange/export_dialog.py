"""The Export dialog: packet type, sections, redaction, password and destination; the export
runs in the background with progress and Cancel, and then offers to open the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.output_guard import OutputRefused
from hirepartner.packets.content import (
    CANDIDATE_SECTIONS,
    SECTION_TITLES,
    SLATE_SECTIONS,
    PacketKind,
    Redaction,
    Section,
)
from hirepartner.packets.progress import ExportCancelled
from hirepartner.services.views.requisitions import RequisitionRef
from hirepartner.ui.export_folder import documents_folder as documents_folder  # re-exported
from hirepartner.ui.export_folder import file_name_for as file_name_for
from hirepartner.ui.ops import BackgroundOps, TaskState

if TYPE_CHECKING:
    from hirepartner.services.export import ExportResult, ExportService

KIND_LABELS = {
    PacketKind.CANDIDATE: "Candidate feedback packet",
    PacketKind.SLATE: "Slate packet (every candidate of the requisition)",
    PacketKind.KIT: "Interview kit",
}
REDACTION_LABELS = {
    Redaction.NONE: "None: names, ratings and evidence as recorded",
    Redaction.TOTALS: "Totals only: no interviewer names or individual ratings",
    Redaction.ANONYMOUS: "Anonymous: candidates' identities masked",
}


@dataclass(frozen=True)
class ExportContext:
    """What the export can be about, from the main window's current selection."""

    requisition_id: int
    requisition: RequisitionRef
    stages: tuple[str, ...]
    application_id: int | None
    candidate: str  # "" when no candidate is selected
    candidate_stage: str


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        service: ExportService,
        ops: BackgroundOps,
        context: ExportContext,
        kind: PacketKind,
        folder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.ops = ops
        self.context = context
        self.exported_result: ExportResult | None = None
        self._state: TaskState | None = None
        self._path_edited = False
        self._replace_confirmed: Path | None = None  # chosen in the file dialog
        self.setWindowTitle("Export")
        self.setMinimumWidth(560)

        self.kind = QComboBox()
        for kind_value, label in KIND_LABELS.items():
            if kind_value is PacketKind.SLATE or context.application_id is not None:
                self.kind.addItem(label, kind_value.value)
        self.kind.setAccessibleName("Packet type")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.stage = QComboBox()
        self.stage.addItems(list(context.stages))
        if context.candidate_stage in context.stages:
            self.stage.setCurrentText(context.candidate_stage)
        self.stage.setAccessibleName("Interview stage")

        self.sections_box = QGroupBox("Sections")
        self.sections_layout = QVBoxLayout(self.sections_box)
        self.section_checks: dict[Section, QCheckBox] = {}

        self.redaction_box = QGroupBox("Redaction")
        redaction_layout = QVBoxLayout(self.redaction_box)
        self.redaction = QButtonGroup(self)
        self.redaction_buttons: dict[Redaction, QRadioButton] = {}
        for n, (redaction, label) in enumerate(REDACTION_LABELS.items()):
            choice = QRadioButton(label)
            self.redaction.addButton(choice, n)
            self.redaction_buttons[redaction] = choice
            redaction_layout.addWidget(choice)
        redaction_layout.addStretch(1)
        self.redaction_buttons[Redaction.NONE].setChecked(True)

        self.protect = QCheckBox("Protect the PDF with a password (AES-256)")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("Password")
        self.password.setAccessibleName("Password")
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setPlaceholderText("Repeat the password")
        self.confirm.setAccessibleName("Repeat the password")

        self.destination = QLineEdit()
        self.destination.setAccessibleName("Destination")
        browse = QPushButton("Browse…")
        browse.setAutoDefault(False)  # Enter in the path field exports; it does not browse
        browse.clicked.connect(self.on_browse)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(browse)
        self.with_json = QCheckBox("Write the JSON summary beside it (for the recruiter's tools)")
        self.with_json.setChecked(True)
        self.send = QCheckBox("Also send it to the recruiter through the exchange (next sync)")
        self._folder = Path(folder) if folder and Path(folder).is_dir() else documents_folder()

        self.form = form = QFormLayout()
        form.addRow("Packet:", self.kind)
        form.addRow("", self.about)
        form.addRow("Stage:", self.stage)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password)
        password_row.addWidget(self.confirm)
        form.addRow("Save as:", where)
        self.path_error = QLabel()  # the output guard's sentence, next to the path it is about
        self.path_error.setObjectName("pathError")
        self.path_error.setStyleSheet("color: #b42318;")
        self.path_error.setWordWrap(True)
        form.addRow("", self.path_error)
        form.setRowVisible(self.path_error, False)
        form.addRow("", self.with_json)
        form.addRow("", self.send)

        self.error = QLabel()
        self.error.setStyleSheet(
            "color: palette(highlighted-text); background: #b42318;"
            "padding: 4px 6px; border-radius: 3px;"
        )
        self.error.setWordWrap(True)
        self.error.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.open_pdf = QPushButton("Open PDF")
        self.open_pdf.clicked.connect(self.on_open_pdf)
        self.open_folder = QPushButton("Show in folder")
        self.open_folder.clicked.connect(self.on_open_folder)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.open_pdf, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.open_pdf, self.open_folder):  # offered once the PDF exists
            button.hide()

        options = QHBoxLayout()
        options.addWidget(self.sections_box, 1)
        options.addWidget(self.redaction_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(options)
        layout.addWidget(self.protect)
        layout.addLayout(password_row)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.on_kind_changed()
        self.on_protect_toggled(False)

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self.on_kind_changed)
        self.stage.currentIndexChanged.connect(self._suggest_path)
        self.redaction.idToggled.connect(lambda _id, _on: self._suggest_path())
        self.protect.toggled.connect(self.on_protect_toggled)
        self.destination.textEdited.connect(self._note_edited)
        self.destination.textChanged.connect(lambda _text: self._show_path_error(""))
        self.destination.textChanged.connect(self._forget_last_export)
        self.export_button.clicked.connect(self.on_export)
        self.close_button.clicked.connect(self.on_close_clicked)

    # -- choices ---------------------------------------------------------------------------

    @property
    def packet_kind(self) -> PacketKind:
        return PacketKind(self.kind.currentData())

    @property
    def redaction_choice(self) -> Redaction:
        return next(v for v, b in self.redaction_buttons.items() if b.isChecked())

    def sections(self) -> list[Section]:
        return [section for section, box in self.section_checks.items() if box.isChecked()]

    def on_kind_changed(self) -> None:
        kind = self.packet_kind
        about = {
            PacketKind.CANDIDATE: f"{self.context.candidate}, {self.context.requisition.label}",
            PacketKind.SLATE: self.context.requisition.label,
            PacketKind.KIT: f"{self.context.candidate}: the brief, anchors and questions for "
            "one stage, with room for notes",
        }[kind]
        self.about.setText(about)
        self.form.setRowVisible(self.stage, kind is PacketKind.KIT)
        while self.sections_layout.count():
            item = self.sections_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.section_checks = {}
        sections = {PacketKind.CANDIDATE: CANDIDATE_SECTIONS, PacketKind.SLATE: SLATE_SECTIONS}
        for section in sections.get(kind, ()):
            box = QCheckBox(SECTION_TITLES[section])
            box.setChecked(True)
            self.section_checks[section] = box
            self.sections_layout.addWidget(box)
        if kind is PacketKind.KIT:
            note = QLabel("An interview kit is always complete.")
            note.setWordWrap(True)
            self.sections_layout.addWidget(note)
        self.sections_layout.addStretch(1)
        self.redaction_box.setEnabled(kind is not PacketKind.KIT)
        if kind is PacketKind.KIT:
            self.redaction_buttons[Redaction.NONE].setChecked(True)
        self._suggest_path()

    def on_protect_toggled(self, on: bool) -> None:
        self.password.setEnabled(on)
        self.confirm.setEnabled(on)
        if on:
            self.password.setFocus()

    def _note_edited(self) -> None:
        self._path_edited = True

    def _suggest_path(self) -> None:
        if self._path_edited:
            return
        kind, context = self.packet_kind, self.context
        code = context.requisition.code
        anonymous = self.redaction_choice is Redaction.ANONYMOUS
        who = "Candidate" if anonymous else context.candidate
        name = {
            PacketKind.CANDIDATE: f"{who} - feedback - {code}",
            PacketKind.SLATE: f"{code} - slate packet",
            PacketKind.KIT: f"{context.candidate} - {self.stage.currentText()} interview kit",
        }[kind]
        self.destination.setText(str(self._folder / f"{file_name_for(name)}.pdf"))

    def on_browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the packet as", self.destination.text(), "PDF documents (*.pdf)"
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.destination.setText(path)
            self._path_edited = True
            self._replace_confirmed = Path(path)  # the file dialog asked already

    # -- export ----------------------------------------------------------------------------

    def _outputs(self) -> tuple[Path, Path | None]:
        """The PDF (always named .pdf) and its JSON twin, when asked for, from the form."""
        path = Path(self.destination.text().strip()).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path, path.with_suffix(".json") if self.with_json.isChecked() else None

    def _path_problem(self) -> str:
        """What the output guard says of the chosen files: the database, a folder, a device…"""
        text = self.destination.text().strip()
        if not text:
            return "Choose where to save the PDF."
        typed = Path(text).expanduser()
        if typed.is_dir():
            return f"{typed} is a folder; add a file name."
        pdf, json_path = self._outputs()
        try:
            self.service.outputs.check(pdf, *([json_path] if json_path else []))
        except OutputRefused as refused:
            # The field shows the PDF's path: say only why; any other file is named.
            return refused.reason if refused.path == pdf.absolute() else str(refused)
        return ""

    def _show_path_error(self, text: str) -> None:
        if text == self.path_error.text():
            return
        self.path_error.setText(text)
        self.form.setRowVisible(self.path_error, bool(text))
        if text:  # grow to show the whole sentence rather than clip it
            self.adjustSize()

    def _problem(self) -> str:
        if self.packet_kind is not PacketKind.KIT and not self.sections():
            return "Choose at least one section."
        if self.protect.isChecked():
            if not self.password.text():
                return "Type a password, or untick “Protect the PDF with a password”."
            if self.password.text() != self.confirm.text():
                return "The two passwords differ."
        return ""

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _forget_last_export(self) -> None:
        """A new destination: "Exported … to the old file" and its Open buttons no longer apply."""
        if self.open_pdf.isVisible():
            self.status.clear()
            self.open_pdf.hide()
            self.open_folder.hide()

    def _confirm_replace(self, files: list[Path]) -> bool:
        """Typed paths get the question a file dialog asks: replace what is there?"""
        existing = [f for f in files if f.exists() and f != self._replace_confirmed]
        if not existing:
            return True
        names = " and ".join(f.name for f in existing)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Replace the file?",
            f"{names} already {'exists' if len(existing) == 1 else 'exist'} "
            f"in {existing[0].parent}.",
            parent=self,
        )
        box.setInformativeText("Replacing it overwrites what it holds.")
        replace = box.addButton("&Replace", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is replace

    def on_export(self) -> None:
        path_problem = self._path_problem()
        self._show_path_error(path_problem)
        problem = self._problem()
        self._show_error(problem)
        if path_problem:
            self.destination.setFocus()
            return
        if problem:
            return
        path, json_path = self._outputs()
        if not self._confirm_replace([path, *([json_path] if json_path else [])]):
            return
        password = self.password.text() if self.protect.isChecked() else None
        kind, redaction, sections = self.packet_kind, self.redaction_choice, self.sections()
        send = self.send.isChecked()
        stage, context, service = self.stage.currentText(), self.context, self.service

        def export(state: TaskState) -> ExportResult:
            def progress(fraction: float) -> None:
                if not state.cancelled:
                    state.progress(fraction)

            packet: Any
            if kind is PacketKind.CANDIDATE:
                assert context.application_id is not None
                packet = service.candidate_packet(context.application_id, redaction, sections)
            elif kind is PacketKind.SLATE:
                packet = service.slate_packet(context.requisition_id, redaction, sections)
            else:
                assert context.application_id is not None
                packet = service.interview_kit(context.application_id, stage)
            return service.write(
                packet, path, json_path, password, progress, lambda: state.cancelled, send
            )

        op = self.ops.run(export, label="export")
        op.on_progress(self.on_progress).on_success(self.on_exported).on_failure(self.on_failed)
        self._state = op.state
        self._set_running(True)
        self.status.setText("Building the PDF…")
        op.start()

    def _set_running(self, running: bool) -> None:
        self.export_button.setEnabled(not running)
        for widget in (
            self.kind,
            self.stage,
            self.sections_box,
            self.redaction_box,
            self.protect,
            self.destination,
        ):
            widget.setEnabled(not running)
        if not running:
            self.on_kind_changed_enabled()
        self.progress.setVisible(running)
        self.progress.setValue(0)

    def on_kind_changed_enabled(self) -> None:
        kind = self.packet_kind
        self.stage.setEnabled(kind is PacketKind.KIT)
        self.redaction_box.setEnabled(kind is not PacketKind.KIT)

    def on_progress(self, fraction: float, _message: str) -> None:
        self.progress.setValue(round(fraction * 100))

    def on_exported(self, result: ExportResult) -> None:
        self._state = None
        self.exported_result = result
        self._set_running(False)
        also = " and its JSON summary" if result.json else ""
        self.status.setText(f"Exported {result.pages} pages to {result.pdf}{also}.")
        self.close_button.setText("Close")
        self.open_pdf.show()
        self.open_folder.show()
        self.open_pdf.setFocus()
        self.exported.emit(result)

    def on_failed(self, error: BaseException) -> None:
        self._state = None
        self._set_running(False)
        if isinstance(error, ExportCancelled):
            self.status.setText("Cancelled. Nothing was written.")
        else:
            self.status.setText("")
            self._show_error(f"Not exported: {error}")

    def on_close_clicked(self) -> None:
        if self._state is not None:
            self._state.cancel()
            self.status.setText("Cancelling…")
            return
        self.reject()

    def reject(self) -> None:
        if self._state is not None:  # Escape while exporting cancels the export first
            self._state.cancel()
            self.status.setText("Cancelling…")
            return
        super().reject()

    def on_open_pdf(self) -> None:
        if self.exported_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported_result.pdf)))

    def on_open_folder(self) -> None:
        if self.exported_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported_result.pdf.parent)))

    @property
    def folder(self) -> str:
        return str(Path(self.destination.text()).expanduser().parent)
