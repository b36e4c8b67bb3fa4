"""How a long packet build reports progress and learns it was cancelled (no reportlab here,
so callers can name these without paying for its import)."""

from __future__ import annotations

from collections.abc import Callable

from hirepartner.errors import HirePartnerError

Progress = Callable[[float], None]  # 0.0 to 1.0
Cancelled = Callable[[], bool]


class ExportCancelled(HirePartnerError):
    def __init__(self) -> None:
        super().__init__("The export was cancelled; nothing was written.")
