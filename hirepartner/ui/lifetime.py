"""Callbacks of background jobs that may outlive their window: dropped once it is deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject

T = TypeVar("T")


def while_alive(owner: QObject, callback: Callable[[T], object]) -> Callable[[T], None]:
    """`callback`, or nothing once `owner` (a dialog closed and deleted while its job ran) is
    gone: its widgets are deleted with it, and touching one would raise."""

    def call(value: T) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call
