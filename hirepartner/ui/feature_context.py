"""What every feature's actions share, built once by the main window and handed to each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget

    from hirepartner.ui.changes import ChangeBus
    from hirepartner.ui.ops import BackgroundOps
    from hirepartner.ui.selection import Selection
    from hirepartner.ui.services_holder import ServicesHolder
    from hirepartner.ui.settings import Settings


@dataclass(frozen=True)
class FeatureContext:
    """The window (parent of dialogs), the services, the background door, the change bus, the
    undo stack, what the user has chosen, the settings, and how to tell the user something."""

    window: QWidget
    holder: ServicesHolder
    ops: BackgroundOps
    bus: ChangeBus
    undo_stack: QUndoStack
    selection: Selection
    settings: Settings
    say: Callable[[str], None]  # a line in the status bar
    on_error: Callable[[BaseException], None]  # a failure the user must read
    # A line that must outlive the slate's reload after a write (which shows the summary).
    say_after_reload: Callable[[str], None]
