"""Icons through one door: SVG files shipped in hirepartner.resources, crisp at any DPI."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtGui import QIcon


@cache
def icon(name: str) -> QIcon:
    """The icon `name` (a file stem under resources/icons); raises if it is not shipped."""
    path = resources.files("hirepartner.resources") / "icons" / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"no icon named {name!r}")
    return QIcon(str(path))
