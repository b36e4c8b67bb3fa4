"""Lists a requisition's slate in two steps: a first page, which the table paints at once, then
the whole slate in the background, which replaces it (and makes sorting and search whole).

On a 10,000-application requisition the first screen then costs a page's queries, not the
whole listing's; the UI thread never waits for either (both run through ops).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from hirepartner.services.slates import SlateListing
    from hirepartner.ui.ops import BackgroundOps
    from hirepartner.ui.services_holder import ServicesHolder

FIRST_PAGE = 200  # rows: several screenfuls, so scrolling a little finds rows already there


class SlateLoader(QObject):
    """`load(requisition_id)` hands `on_loaded` the first page, then the whole listing (one
    call if the requisition fits on a page); a newer load makes older results be dropped."""

    def __init__(
        self,
        holder: ServicesHolder,
        ops: BackgroundOps,
        on_loaded: Callable[[SlateListing], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._holder, self._ops, self._on_loaded = holder, ops, on_loaded
        self._generation = 0

    def load(self, requisition_id: int) -> None:
        self._generation += 1
        generation, slates = self._generation, self._holder.services.slates
        self._ops.run(
            lambda _s: slates.list_first_page(requisition_id, FIRST_PAGE), label="slate"
        ).on_success(lambda listing: self._arrived(generation, listing)).start()

    def _arrived(self, generation: int, listing: SlateListing) -> None:
        if generation != self._generation:
            return  # a newer load was asked for meanwhile
        self._on_loaded(listing)
        if not listing.complete:
            # After the first page is painted (posted paint events go before timers), so the
            # worker's Python does not compete with that paint for the interpreter.
            QTimer.singleShot(0, self, lambda: self._load_rest(generation, listing.requisition_id))

    def _load_rest(self, generation: int, requisition_id: int) -> None:
        if generation != self._generation:
            return
        slates = self._holder.services.slates
        self._ops.run(lambda _s: slates.list_slate(requisition_id), label="slate").on_success(
            lambda listing: self._arrived(generation, listing)
        ).start()
