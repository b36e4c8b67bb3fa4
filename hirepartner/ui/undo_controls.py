"""The undo stack's faces besides the Edit menu: Undo and Redo on the toolbar with a label
that never changes width, and the status bar's Undo beside what was just done."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QToolButton, QWidget

from hirepartner.ui.icons import icon


class UndoControls(QObject):
    stepped = Signal(str)  # "Undone: Move Ada Lovelace to Onsite." for the status bar

    def __init__(
        self, stack: QUndoStack, undo_action: QAction, redo_action: QAction, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.stack = stack
        self.undo_button = self._toolbar_action("Undo", "undo", stack, undo_action)
        self.redo_button = self._toolbar_action("Redo", "redo", stack, redo_action)
        keys = undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.status_undo = QToolButton()
        self.status_undo.setText("Undo")
        self.status_undo.setToolTip(f"Undo this ({keys})")
        self.status_undo.setAutoRaise(True)
        self.status_undo.setVisible(False)
        self.status_undo.clicked.connect(stack.undo)
        self.done_for: int | None = None  # the application the status bar's Undo is about
        stack.indexChanged.connect(lambda _i: self.status_undo.setVisible(False))
        # Each of these has already moved the stack when this runs (connected later).
        for undo in (undo_action.triggered, self.undo_button.triggered, self.status_undo.clicked):
            undo.connect(self._say_undone)
        for redo in (redo_action.triggered, self.redo_button.triggered):
            redo.connect(self._say_redone)

    def _toolbar_action(
        self, word: str, icon_name: str, stack: QUndoStack, menu_action: QAction
    ) -> QAction:
        """A short label; the full text ("Undo Move Ada Lovelace to Onsite") in the tooltip."""
        undo = word == "Undo"
        keys = menu_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action = QAction(icon(icon_name), word, self)
        action.triggered.connect(stack.undo if undo else stack.redo)
        action.setEnabled(stack.canUndo() if undo else stack.canRedo())
        (stack.canUndoChanged if undo else stack.canRedoChanged).connect(action.setEnabled)

        def tip(what: str) -> None:
            action.setToolTip(f"{word} {what} ({keys})" if what else f"Nothing to {word.lower()}")

        (stack.undoTextChanged if undo else stack.redoTextChanged).connect(tip)
        tip("")
        return action

    def _say_undone(self) -> None:
        """After an undo (the stack moved first): what it took back."""
        self.stepped.emit(f"Undone: {self.stack.text(self.stack.index())}.")

    def _say_redone(self) -> None:
        if self.stack.index() > 0:
            self.stepped.emit(f"Redone: {self.stack.text(self.stack.index() - 1)}.")

    @property
    def toolbar_actions(self) -> list[QAction]:
        return [self.undo_button, self.redo_button]

    @property
    def offered(self) -> bool:
        return not self.status_undo.isHidden()  # offered, even while a tip covers the line

    def offer(self, application_id: int | None) -> None:
        """Show Undo beside the message about what was just done to this application."""
        self.done_for = application_id
        self.status_undo.setVisible(self.stack.canUndo())

    def withdraw(self) -> None:
        self.status_undo.setVisible(False)

    def withdraw_unless_about(self, application_id: int | None) -> bool:
        """Hide Undo when another candidate is shown; whether it was hidden now."""
        if self.offered and application_id != self.done_for:
            self.withdraw()
            return True
        return False
