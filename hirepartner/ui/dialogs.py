"""Small dialogs: reject with a reason, new requisition, keyboard shortcuts, errors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import RejectionReason


def text_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], accessible_name: str
) -> QTableWidget:
    """A read-only table of short texts, sized to them, for the small list dialogs."""
    table = QTableWidget(len(rows), len(headers))
    table.setAccessibleName(accessible_name)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to the size a window likes, but never past the screen it opens on (a 1024×700
    laptop must still reach the buttons at the bottom)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    frame = 40  # the title bar and borders the window manager adds
    window.resize(min(width, room.width()), min(height, max(room.height() - frame, 200)))


def list_and_detail(heading: str, items: QWidget, detail: QWidget, sizes: list[int]) -> QSplitter:
    """A headed list on the left, what is chosen in it on the right (agenda, versions)."""
    left = QWidget()
    pane = QVBoxLayout(left)
    pane.setContentsMargins(0, 0, 0, 0)
    pane.addWidget(QLabel(heading))
    pane.addWidget(items, 1)
    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(detail)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(sizes)
    splitter.setChildrenCollapsible(False)
    return splitter


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """The Close button a tool window ends with; Escape closes it too (QDialog's reject)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


def confirm_sending(parent: QWidget, what: str, folder: Path) -> bool:
    """Sending to the recruiter cannot be undone: say so before it runs, and let them stop."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        f"Send the {what}",
        f"Send the {what} to the recruiter?",
        parent=parent,
    )
    box.setInformativeText(
        f"It is saved in {folder} and goes out with the next sync. Once sent, it cannot be "
        "called back; this is not on Edit → Undo."
    )
    send = box.addButton("Send", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter alone never sends
    box.exec()
    return box.clickedButton() is send


class RejectDialog(QDialog):
    """Choose a structured reason (it maps to the role brief) and add a note."""

    def __init__(self, candidate: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Reject {candidate}")
        self.reason = QComboBox()
        self.reason.setAccessibleName("Reason")
        for reason in RejectionReason:
            self.reason.addItem(reason.label, reason.value)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("What the recruiter should know (required for “Other”)")
        self.note.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Reject")
        form = QFormLayout()
        form.addRow("Reason:", self.reason)
        form.addRow("Note:", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(440, 240)
        # Typing starts in the note: a typed word must not flip the reason in the combo.
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        if self.reason_value == RejectionReason.OTHER.value and not self.note_text:
            self.error.setText("Please say why in the note when the reason is “Other”.")
            self.note.setFocus()
            return
        super().accept()

    @property
    def reason_value(self) -> str:
        return str(self.reason.currentData())

    @property
    def note_text(self) -> str:
        return self.note.toPlainText().strip()


class RequisitionDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New requisition")
        self.title = QLineEdit(placeholderText="e.g. Senior Backend Engineer")
        self.team = QLineEdit()
        self.location = QLineEdit()
        self.headcount = QSpinBox(minimum=1, maximum=100, value=1)
        self.sla = QSpinBox(minimum=1, maximum=24 * 14, value=48, suffix=" h")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c")
        form = QFormLayout()
        for label, widget in (
            ("Title:", self.title),
            ("Team:", self.team),
            ("Location:", self.location),
            ("Headcount:", self.headcount),
            ("Feedback due within:", self.sla),
        ):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText("A requisition needs a title.")
            self.title.setFocus()
            return
        super().accept()


class ShortcutsDialog(QDialog):
    """Lists the shortcuts a window binds, read from its live actions (hirepartner.ui.shortcuts)."""

    def __init__(self, rows: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = text_table(("Action", "Keys"), rows, "Keyboard shortcuts")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(close_buttons(self))
        self.table.resizeColumnsToContents()
        width = sum(self.table.columnWidth(c) for c in range(self.table.columnCount()))
        self.resize(max(460, width + 60), 560)


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if details:
        box.setDetailedText(details)
    box.exec()
