"""Every keyboard shortcut a window binds, read from its live actions and shortcuts.

The shortcuts dialog and the duplicate check both read this, so the list a user sees is the
list Qt acts on: a key bound twice in one window makes Qt call neither ("Ambiguous shortcut").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Binding:
    """One key sequence and what it does."""

    keys: str  # portable text, as QKeySequence writes it
    label: str  # what the action says, without the mnemonic "&" and the trailing "…"


def _label(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def bindings(window: QWidget, live_only: bool = False) -> list[Binding]:
    """The window's shortcuts in creation order: its actions' (menus, toolbars, the window
    itself) and its QShortcut objects. One entry per key sequence and action; `live_only`
    leaves out hidden actions (stage keys past the requisition's last stage)."""
    found: list[Binding] = []
    for action in window.findChildren(QAction):
        if live_only and not action.isVisible():
            continue
        text = _label(action.text()) or _label(action.toolTip())
        found.extend(Binding(_keys(s), text) for s in action.shortcuts() if not s.isEmpty())
    for shortcut in window.findChildren(QShortcut):
        text = _label(shortcut.whatsThis()) or shortcut.objectName() or "(shortcut)"
        found.extend(Binding(_keys(s), text) for s in shortcut.keys() if not s.isEmpty())  # noqa: SIM118 (a Qt list, not a dict)
    return found


def duplicates(window: QWidget) -> dict[str, list[str]]:
    """Key sequences bound more than once in the window, with what each binding does."""
    by_keys: dict[str, list[str]] = defaultdict(list)
    for binding in bindings(window):
        by_keys[binding.keys].append(binding.label)
    return {keys: labels for keys, labels in by_keys.items() if len(labels) > 1}


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(action, keys) rows for the shortcuts dialog: each action once, its keys together."""
    keys_by_label: dict[str, list[str]] = {}
    for binding in bindings(window, live_only=True):
        native = QKeySequence(binding.keys).toString(QKeySequence.SequenceFormat.NativeText)
        keys_by_label.setdefault(binding.label, [])
        if native not in keys_by_label[binding.label]:
            keys_by_label[binding.label].append(native)
    return [(label, ", ".join(keys)) for label, keys in keys_by_label.items()]
