"""Importing a module after the UI does not make PySide read (and keep) its source text."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

import hirepartner.ui  # noqa: F401  (installs the skip)


def test_a_module_imported_after_qt_is_not_read_into_linecache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "freshly_imported_module.py"
    source.write_text("VALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    try:
        module = __import__("freshly_imported_module")  # the import statement's path
        assert module.VALUE == 42
        assert str(source) not in linecache.cache
    finally:
        sys.modules.pop("freshly_imported_module", None)


def test_qt_still_works_for_modules_imported_afterwards(qtbot: object) -> None:
    from PySide6.QtWidgets import QLabel

    label = QLabel("Slate")
    assert label.text() == "Slate"
    label.deleteLater()
