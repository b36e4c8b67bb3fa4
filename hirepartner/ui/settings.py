"""The app's settings, declared once and typed; stored with QSettings.

Only window layout and ids live here: never a secret, never candidate data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T


WINDOW_GEOMETRY = Option("window/geometry", QByteArray())
WINDOW_STATE = Option("window/state", QByteArray())
MAIN_SPLITTER = Option("window/main_splitter", QByteArray())
# v2: the name column is frozen first, with stage, score and scorecards beside it by default.
SLATE_HEADER = Option("slate/header-v2", QByteArray())  # column order, widths and sort order
LAST_REQUISITION = Option("session/last_requisition", 0)
LAST_APPLICATION = Option("session/last_application", 0)
PANEL_TAB = Option("panel/tab", 0)
EXPORT_FOLDER = Option("export/folder", "")  # where the last packet was saved
IMPORT_MAPPINGS = Option("import/mappings", "")  # JSON: header row -> the columns chosen
SYNC_INTERVAL_MINUTES = Option("sync/interval_minutes", 5)  # 0: only when asked


class Settings:
    def __init__(self, store: QSettings) -> None:
        self._store = store

    def get(self, option: Option[T]) -> T:
        value: object = self._store.value(option.key, option.default)
        default = option.default
        result: object = default
        if isinstance(default, bool):
            result = value if isinstance(value, bool) else str(value).lower() in ("1", "true")
        elif isinstance(default, int):
            try:
                result = int(str(value))
            except ValueError:
                result = default
        elif isinstance(default, QByteArray):
            result = value if isinstance(value, QByteArray) else default
        else:
            result = str(value)
        return cast(T, result)

    def set(self, option: Option[T], value: T) -> None:
        self._store.setValue(option.key, value)

    def sync(self) -> None:
        self._store.sync()
