"""Renders the app icon set in resources/icons from its SVG source: PNG 16–512, .ico, .icns.

Run after changing resources/icons/hirepartner.svg (the same drawing as the in-app
hirepartner/resources/icons/app.svg):  python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(source: Path, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(source)).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    source = ICONS / "hirepartner.svg"
    for size in SIZES:
        render(source, size).save(str(ICONS / f"hirepartner-{size}.png"))
    largest = Image.open(ICONS / "hirepartner-512.png")
    largest.save(ICONS / "hirepartner.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(ICONS / "hirepartner.icns")
    print(f"wrote {len(SIZES)} PNGs, hirepartner.ico and hirepartner.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
