"""The Help menu: the keyboard shortcuts the window binds, and About."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from hirepartner import APP_NAME, __version__
from hirepartner.ui.dialogs import ShortcutsDialog
from hirepartner.ui.review.review_actions import make_action
from hirepartner.ui.shortcuts import shortcut_rows


class HelpActions(QObject):
    """Owns the Keyboard shortcuts and About actions of `window`."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.shortcuts_action = make_action(
            window, "&Keyboard shortcuts", self.show_shortcuts, "Ctrl+/"
        )
        self.about_action = make_action(window, f"&About {APP_NAME}", self.show_about)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(shortcut_rows(self.window), self.window).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self.window,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3><p>The hiring manager's side of the recruiter "
            "partnership: slates, structured scorecards, feedback packets.</p>"
            "<p>Licensed under the MIT licence. Built with Qt (PySide6, LGPLv3), SQLAlchemy "
            "and reportlab.</p>",
        )
