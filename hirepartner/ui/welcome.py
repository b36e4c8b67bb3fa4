"""The first-run screen: say who I am, load demo data, or create the first requisition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import Role

if TYPE_CHECKING:
    from hirepartner.services.profile import PersonInfo


class WelcomePage(QWidget):
    save_profile_requested = Signal(str, str, str)
    demo_requested = Signal()
    new_requisition_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Welcome to HirePartner")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            "Review the slates your recruiter sends, score interviews on the competencies you "
            "agreed at intake, and send honest feedback back fast. Everything works offline; "
            "your data stays in a private file on this computer.",
            wordWrap=True,
        )
        self.name = QLineEdit(placeholderText="Your name")
        self.email = QLineEdit(placeholderText="you@company.com")
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role.value)
        for label, field in (("Name", self.name), ("Email", self.email), ("Role", self.role)):
            field.setAccessibleName(label)
        self.save = QPushButton("Save my profile")
        self.saved = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c")
        who = QGroupBox("1. Who are you?")
        form = QFormLayout(who)
        form.addRow("Name:", self.name)
        form.addRow("Email:", self.email)
        form.addRow("Role:", self.role)
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addWidget(self.saved, 1)
        form.addRow(row)
        form.addRow(self.error)

        self.demo = QPushButton("Load demo data")
        self.demo.setToolTip("Four requisitions with candidates, scorecards and resumes")
        self.new_requisition = QPushButton("Create a requisition…")
        self.back = QPushButton("Back to the slates")
        self.back.hide()
        start = QGroupBox("2. Get started")
        start_layout = QVBoxLayout(start)
        start_layout.addWidget(
            QLabel(
                "Explore with a realistic demo hiring world, or open your first requisition.",
                wordWrap=True,
            )
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo)
        buttons.addWidget(self.new_requisition)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        start_layout.addLayout(buttons)

        card = QFrame()
        card.setMaximumWidth(620)
        card_layout = QVBoxLayout(card)
        card_layout.setSpacing(14)
        for widget in (title, intro, who, start):
            card_layout.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(card, 3)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)
        self._shown: tuple[str, str, int] = ("", "", 0)  # the profile as last filled in
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.save.clicked.connect(self.on_save_clicked)
        self.demo.clicked.connect(self.demo_requested)
        self.new_requisition.clicked.connect(self.new_requisition_requested)
        self.back.clicked.connect(self.back_requested)

    def on_save_clicked(self) -> None:
        self.error.clear()
        self._shown = self._fields()  # what comes back from the save fills the form again
        self.save_profile_requested.emit(
            self.name.text(), self.email.text(), str(self.role.currentData())
        )

    def _fields(self) -> tuple[str, str, int]:
        return self.name.text(), self.email.text(), self.role.currentIndex()

    def show_profile(self, person: PersonInfo | None) -> None:
        """Fill in the saved profile, unless the user is changing it: a refresh in the
        background (after any change) must not overwrite what they are typing."""
        if person is None:
            return
        if self._fields() == self._shown:
            self.name.setText(person.name)
            self.email.setText(person.email or "")
            index = self.role.findData(person.role)
            if index >= 0:
                self.role.setCurrentIndex(index)
            self._shown = self._fields()
        self.saved.setText(f"Saved: {person.name}")
        self.saved.setAlignment(Qt.AlignmentFlag.AlignVCenter)

    def set_can_go_back(self, can: bool) -> None:
        """With requisitions already there, the welcome page is a profile page with a way back."""
        self.back.setVisible(can)

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def set_busy(self, busy: bool, message: str = "") -> None:
        for button in (self.demo, self.new_requisition, self.save):
            button.setEnabled(not busy)
        if message:
            self.saved.setText(message)
