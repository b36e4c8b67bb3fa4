"""One competency on the scorecard form: every level's anchor on view, a choice by key or
click (1-4, 0 for not assessed), and the evidence for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import RATING_LABELS

if TYPE_CHECKING:
    from hirepartner.services.scorecards import CompetencyItem

ERROR_STYLE = "color: #b91c1c"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def text_box(accessible: str, placeholder: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    box.setMaximumHeight(height * 2)
    return box


def look_read_only(field: QWidget, read_only: bool) -> None:
    """A field that takes no input looks it: the window's colour behind its text instead of
    the input's white, so a submitted scorecard does not invite typing."""
    palette = QPalette(field.palette())
    base = field.style().standardPalette().color(QPalette.ColorRole.Base)
    window = field.style().standardPalette().color(QPalette.ColorRole.Window)
    palette.setColor(QPalette.ColorRole.Base, window if read_only else base)
    field.setPalette(palette)
    if isinstance(field, QPlainTextEdit):  # an empty box says so, rather than what to type
        if field.property("hint") is None:
            field.setProperty("hint", field.placeholderText())
        field.setPlaceholderText("Nothing written." if read_only else str(field.property("hint")))


class CompetencyBlock(QFrame):
    """One competency: every level's anchor on view, a choice, and the evidence for it."""

    changed = Signal()

    def __init__(self, item: CompetencyItem) -> None:
        super().__init__()
        self.item = item
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Rating for {item.name}")
        title = QLabel(f"<b>{item.name}</b>" + ("  · focus of this stage" if item.focus else ""))
        description = QLabel(item.description)
        description.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.buttons: dict[int | None, QRadioButton] = {}
        levels = QVBoxLayout()
        levels.setSpacing(2)
        for level, anchor in enumerate(item.anchors, start=1):
            button = QRadioButton(f"{level} · {RATING_LABELS[level]}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys 1-4 rate; Tab goes on
            button.setAccessibleName(f"{item.name}: {level}, {RATING_LABELS[level]}")
            anchor_label = QLabel(anchor)
            anchor_label.setWordWrap(True)
            anchor_label.setBuddy(button)
            row = QHBoxLayout()
            row.addWidget(button)
            row.addWidget(anchor_label, 1)
            levels.addLayout(row)
            self.group.addButton(button, level)
            self.buttons[level] = button
        not_assessed = QRadioButton("Not assessed")
        not_assessed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.group.addButton(not_assessed, 0)
        self.buttons[None] = not_assessed
        levels.addWidget(not_assessed)
        self.rating_error = error_label()
        self.evidence = text_box(
            f"Evidence for {item.name}", "What did the candidate say or do? (evidence)", 60
        )
        self.evidence_error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(description)
        layout.addLayout(levels)
        layout.addWidget(self.rating_error)
        layout.addWidget(self.evidence)
        layout.addWidget(self.evidence_error)
        self.group.idClicked.connect(lambda _id: self.changed.emit())
        self.evidence.textChanged.connect(self.changed)
        # A complaint goes as soon as what it asked for is there.
        self.group.idClicked.connect(lambda _id: self.rating_error.hide())
        self.evidence.textChanged.connect(
            lambda: self.evidence_error.hide() if self.evidence.toPlainText().strip() else None
        )

    @property
    def level(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked > 0 else None

    def set_values(self, level: int | None, evidence: str) -> None:
        button = self.buttons.get(level)
        if button is not None and (level is not None or evidence):
            button.setChecked(True)
        if self.evidence.toPlainText() != evidence:
            self.evidence.setPlainText(evidence)

    def rate(self, level: int | None) -> None:
        self.buttons[level].setChecked(True)
        self.rating_error.hide()
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_4 and not event.modifiers():
            self.rate(int(key - Qt.Key.Key_0))
            return
        if key == Qt.Key.Key_0 and not event.modifiers():
            self.rate(None)
            return
        super().keyPressEvent(event)

    def set_read_only(self, read_only: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not read_only)
        self.evidence.setReadOnly(read_only)
        look_read_only(self.evidence, read_only)
