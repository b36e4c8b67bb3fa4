"""Import a slate: choose the file and the resumes, check the column mapping (remembered per
header row), read the preview with every problem by row and column and every possible duplicate
(keep both or merge), then import all or nothing, or only the valid rows with the others skipped
and listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hirepartner.exchange.layouts import FIELDS, mapping_key
from hirepartner.ui import settings as opt
from hirepartner.ui.dialogs import fit_to_screen
from hirepartner.ui.ops import BackgroundOps, TaskState
from hirepartner.ui.wording import plural

if TYPE_CHECKING:
    from hirepartner.services.imports import ImportPreview, ImportResult, ImportService
    from hirepartner.ui.settings import Settings

NONE = "(not in the file)"
HEADERS = ("Row", "Action", "Name", "Email", "Resume", "Duplicate", "Problem or warning")
ACTION, DUPLICATE, NOTE = 1, 5, 6
KEEP_BOTH, MERGE = "Keep both", "Merge"
PROBLEM = QColor("#b42318")
WARNING = QColor("#93370d")


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportResult

    def __init__(
        self,
        service: ImportService,
        ops: BackgroundOps,
        requisition_id: int,
        requisition: str,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.ops = ops
        self.requisition_id = requisition_id
        self.settings = settings
        self.preview: ImportPreview | None = None
        self.choices: dict[int, QComboBox] = {}  # a possible duplicate's row -> keep both / merge
        self._loading_mapping = False
        self._closing = False  # a preview that lands after the dialog closed is dropped
        self.setWindowTitle(f"Import a slate into {requisition}")
        fit_to_screen(self, 900, 620)

        self.file = QLineEdit()
        self.file.setAccessibleName("Slate file")
        self.file.setPlaceholderText("Greenhouse or Lever export, CSV, XLSX or JSON")
        choose_file = QPushButton("Choose…")
        choose_file.clicked.connect(self.on_choose_file)
        self.resumes = QLineEdit()
        self.resumes.setAccessibleName("Resumes")
        self.resumes.setPlaceholderText("Optional: a ZIP or a folder of resumes")
        choose_zip = QPushButton("ZIP…")
        choose_zip.clicked.connect(self.on_choose_zip)
        choose_folder = QPushButton("Folder…")
        choose_folder.clicked.connect(self.on_choose_folder)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(choose_file)
        resume_row = QHBoxLayout()
        resume_row.addWidget(self.resumes, 1)
        resume_row.addWidget(choose_zip)
        resume_row.addWidget(choose_folder)
        form = QFormLayout()
        form.addRow("Slate:", file_row)
        form.addRow("Resumes:", resume_row)

        self.mapping_box = QGroupBox("Columns")
        grid = QGridLayout(self.mapping_box)
        self.columns: dict[str, QComboBox] = {}
        for n, (field_name, label) in enumerate(FIELDS):
            box = QComboBox()
            box.setAccessibleName(f"Column for {label}")
            box.currentIndexChanged.connect(self.on_mapping_changed)
            self.columns[field_name] = box
            grid.addWidget(QLabel(f"{label}:"), n // 3, (n % 3) * 2)
            grid.addWidget(box, n // 3, (n % 3) * 2 + 1)
        self.mapping_box.hide()

        self.summary = QLabel("Choose the file the recruiter sent.")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Preview")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.skip_invalid = QCheckBox("Skip rows with problems and import the rest")
        self.skip_invalid.setToolTip(
            "The valid rows are imported together; the rows with problems are left out and "
            "listed. A problem of the whole file still stops the import."
        )
        self.skip_invalid.toggled.connect(self.on_skip_toggled)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.setToolTip("Import every row of the preview; this cannot be undone")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.on_import)
        self.buttons.rejected.connect(self.reject)
        self.file.editingFinished.connect(self.refresh)
        self.resumes.editingFinished.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_invalid)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    # -- choosing --------------------------------------------------------------------------

    def on_choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "The slate file", "", "Slates (*.csv *.tsv *.txt *.xlsx *.json);;All files (*)"
        )
        if path:
            self.file.setText(path)
            self.refresh(reset_mapping=True)

    def on_choose_zip(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Resumes", "", "ZIP archives (*.zip)")
        if path:
            self.resumes.setText(path)
            self.refresh()

    def on_choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "A folder of resumes")
        if path:
            self.resumes.setText(path)
            self.refresh()

    def _remembered(self) -> dict[str, dict[str, list[str]]]:
        try:
            stored = json.loads(self.settings.get(opt.IMPORT_MAPPINGS) or "{}")
        except ValueError:
            return {}
        return stored if isinstance(stored, dict) else {}

    def current_mapping(self) -> dict[str, list[str]]:
        return {
            field_name: [box.currentText()]
            for field_name, box in self.columns.items()
            if box.currentIndex() > 0
        }

    def on_mapping_changed(self) -> None:
        if not self._loading_mapping:
            self.refresh(use_mapping=True)

    # -- preview ---------------------------------------------------------------------------

    def refresh(self, reset_mapping: bool = False, use_mapping: bool = False) -> None:
        text = self.file.text().strip()
        if not text or self._closing:
            return
        path = Path(text).expanduser()
        resumes = (
            Path(self.resumes.text().strip()).expanduser() if self.resumes.text().strip() else None
        )
        service, requisition_id = self.service, self.requisition_id
        mapping = self.current_mapping() if use_mapping else None
        remembered = self._remembered()

        def load(_state: TaskState) -> ImportPreview:
            table = service.read(path)
            chosen = mapping
            if chosen is None and not reset_mapping:
                chosen = remembered.get(mapping_key(table.headers))
            return service.preview(path, requisition_id, resumes, chosen, table=table)

        self.import_button.setEnabled(False)
        self.summary.setText("Reading…")
        self.ops.run(load, label="import preview").on_success(self.show_preview).on_failure(
            self.on_failed
        ).start()

    def done(self, result: int) -> None:
        self._closing = True
        super().done(result)

    def on_failed(self, error: BaseException) -> None:
        if self._closing:
            return
        self.preview = None
        self.table.setRowCount(0)
        self.summary.setText(f"<span style='color:#b42318'>{_html(str(error))}</span>")
        self.import_button.setEnabled(False)

    def show_preview(self, preview: ImportPreview) -> None:
        if self._closing:
            return
        self.preview = preview
        self._show_mapping(preview)
        self.choices = {}
        self.table.clearContents()
        self.table.setRowCount(len(preview.rows))
        for n, row in enumerate(preview.rows):
            note = "\n".join(row.problems) or (row.duplicate.warning if row.duplicate else "")
            cells = (str(row.row), row.action, row.full_name, row.email, row.resume, "", note)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.problems:
                    item.setForeground(PROBLEM)
                elif row.duplicate and column == NOTE:
                    item.setForeground(WARNING)
                if column == NOTE and text:
                    item.setToolTip(text)  # the full warning when the column is narrow
                self.table.setItem(n, column, item)
            if row.duplicate and not row.problems:
                choice = QComboBox()
                choice.addItems([KEEP_BOTH, MERGE])
                choice.setAccessibleName(f"Row {row.row}: keep both or merge")
                choice.setToolTip(
                    "Keep both: a new candidate. Merge: this row updates the existing candidate, "
                    "who keeps their email; the row's email is kept among their contacts."
                )
                choice.currentIndexChanged.connect(self.on_choice_changed)
                self.table.setCellWidget(n, DUPLICATE, choice)
                self.choices[row.row] = choice
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self._show_summary(preview)

    def merge_rows(self) -> set[int]:
        """The possible duplicates the user chose to merge."""
        return {row for row, choice in self.choices.items() if choice.currentText() == MERGE}

    def on_choice_changed(self) -> None:
        preview = self.preview
        if preview is None:
            return
        merging = self.merge_rows()
        for n, row in enumerate(preview.rows):
            item = self.table.item(n, ACTION)
            if row.duplicate and item is not None:
                item.setText(row.action_if(row.row in merging))
        self.table.resizeColumnToContents(ACTION)
        self._show_summary(preview)

    def skipping(self) -> bool:
        """The import leaves out the rows with problems (the box is ticked and it can)."""
        preview = self.preview
        return preview is not None and self.skip_invalid.isChecked() and preview.skippable

    def on_skip_toggled(self) -> None:
        if self.preview is not None:
            self._show_summary(self.preview)

    def _show_summary(self, preview: ImportPreview) -> None:
        counts = preview.counts_text(self.merge_rows())
        resumes = sum(1 for row in preview.rows if row.resume)
        text = f"{preview.file}: {preview.layout}. {counts}; {plural(resumes, 'resume')} matched."
        if preview.resumes_refused:
            text += f" Skipped: {'; '.join(preview.resumes_refused[:3])}"
            if len(preview.resumes_refused) > 3:
                text += f" and {len(preview.resumes_refused) - 3} more"
            text += "."
        html = _html(text)  # file names come from outside: never markup
        duplicates = len(self.choices)
        if duplicates:
            html += (
                f"<br><span style='color:#93370d'>{plural(duplicates, 'possible duplicate')} "
                "of a candidate you have: choose Keep both or Merge in "
                f"{'its row' if duplicates == 1 else 'their rows'}.</span>"
            )
        skipped = len(preview.skipped_rows)
        if self.skipping():
            html += (
                f"<br><span style='color:#93370d'>{plural(skipped, 'row')} with problems "
                f"will be skipped (in red below); the other {plural(len(preview.drafts), 'row')} "
                "will be imported.</span>"
            )
        elif preview.problems:
            general = preview.file_problems
            html += (
                f"<br><span style='color:#b42318'>{plural(len(preview.problems), 'problem')}: "
                "nothing will be imported until they are fixed"
                f"{'' if general or not preview.skippable else ' or skipped'}. "
                f"{_html(general[0]) if general else ''}</span>"
            )
        can_import = (preview.ok and bool(preview.drafts)) or self.skipping()
        if can_import:
            html += "<br>An import is not on Edit → Undo: check the preview before you import."
        self.summary.setText(html)
        self.import_button.setEnabled(can_import)

    def _show_mapping(self, preview: ImportPreview) -> None:
        self._loading_mapping = True
        for field_name, box in self.columns.items():
            box.clear()
            box.addItems([NONE, *preview.headers])
            columns = preview.mapping.get(field_name, ())
            box.setCurrentIndex(box.findText(columns[0]) if columns else 0)
        self._loading_mapping = False
        self.mapping_box.setVisible(preview.layout.startswith("Other"))

    # -- import ----------------------------------------------------------------------------

    def on_import(self) -> None:
        preview = self.preview
        if preview is None or not (preview.ok or self.skipping()):
            return
        if preview.layout.startswith("Other"):
            remembered = self._remembered()
            remembered[mapping_key(preview.headers)] = {
                k: list(v) for k, v in preview.mapping.items()
            }
            self.settings.set(opt.IMPORT_MAPPINGS, json.dumps(remembered))
        self.import_button.setEnabled(False)
        self.summary.setText("Importing…")
        service, merge_rows, skip = self.service, self.merge_rows(), self.skipping()
        self.ops.run(
            lambda _s: service.commit(preview, merge_rows, skip_invalid=skip),
            write=True,
            label="import",
        ).on_success(self.on_imported).on_failure(self.on_import_failed).start()

    def on_import_failed(self, error: BaseException) -> None:
        """Nothing was written: say why and keep the preview and the choices made in it."""
        if self._closing:
            return
        self.summary.setText(f"<span style='color:#b42318'>{_html(str(error))}</span>")
        self.import_button.setEnabled(
            self.preview is not None and (self.preview.ok or self.skipping())
        )

    def on_imported(self, result: ImportResult) -> None:
        self.summary.setText(_html(f"{result.summary}."))
        self.imported.emit(result)
        self.accept()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
