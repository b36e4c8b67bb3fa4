"""What the user has chosen in the main window: the requisition and the candidates. The feature
actions read it when they run, instead of reaching into the window."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hirepartner.services.requisitions import RequisitionSummary
    from hirepartner.services.slates import SlateRow
    from hirepartner.ui.review.navigator import RequisitionTreeModel
    from hirepartner.ui.review.slate_panel import SlatePanel


class Selection:
    """The requisition chosen in the navigator, the current candidate and the selected rows."""

    def __init__(self, navigator_model: RequisitionTreeModel, slate: SlatePanel) -> None:
        self._navigator_model, self._slate = navigator_model, slate
        self.requisition_id: int | None = None  # the window sets it as the navigator moves
        self.current: SlateRow | None = None  # the candidate whose details the panel shows
        slate.current_changed.connect(self._on_current_changed)

    @property
    def requisitions(self) -> Sequence[RequisitionSummary]:
        return self._navigator_model.requisitions

    @property
    def requisition(self) -> RequisitionSummary | None:
        """The chosen requisition, or None before one is chosen."""
        return next((r for r in self.requisitions if r.id == self.requisition_id), None)

    def selected_rows(self) -> list[SlateRow]:
        return self._slate.selected_rows()

    def when_rows_change(self, slot: Callable[[], None]) -> None:
        """Call `slot` whenever the selected rows change (a click, Ctrl+click, a reload)."""
        self._slate.table.selectionModel().selectionChanged.connect(lambda *_: slot())

    def _on_current_changed(self, row: SlateRow | None) -> None:
        self.current = row

    def select_after_reload(self, application_ids: Collection[int]) -> None:
        """Select these applications once the slate has reloaded (after an import)."""
        self._slate.select_after_reload(application_ids)
