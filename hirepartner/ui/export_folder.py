"""Where a save dialog opens for an export: the folder the last export went to, else
Documents (never the working directory the app was started from)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from hirepartner.ui import settings as opt
from hirepartner.ui.settings import Settings


def file_name_for(text: str, fallback: str = "packet") -> str:
    """`text` made safe as a file name on every system (no slashes, colons, quotes…)."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text)
    return re.sub(r"\s+", " ", safe).strip(" .") or fallback


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(found) if found else Path.home()
    return path if path.is_dir() else Path.home()


def export_folder(settings: Settings | None) -> Path:
    """The last export's folder while it still exists, else Documents."""
    last = settings.get(opt.EXPORT_FOLDER) if settings is not None else ""
    return Path(last) if last and Path(last).is_dir() else documents_folder()


def remember_export_folder(settings: Settings | None, exported: Path) -> None:
    if settings is not None:
        settings.set(opt.EXPORT_FOLDER, str(exported.parent))


def ask_export_path(
    parent: QWidget, title: str, settings: Settings | None, file_name: str, kinds: str
) -> Path | None:
    """The save dialog, opened on the export folder with `file_name` suggested."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(export_folder(settings) / file_name), kinds
    )
    return Path(path) if path else None
