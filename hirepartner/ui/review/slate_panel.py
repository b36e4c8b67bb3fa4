"""The slate panel: search, filters and the slate table, with the current candidate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import ApplicationStatus
from hirepartner.ui.icons import icon
from hirepartner.ui.review.frozen_table import FrozenColumnTable
from hirepartner.ui.review.slate_table import Column, SlateFilter, SlateProxyModel, SlateTableModel
from hirepartner.ui.wording import plural

if TYPE_CHECKING:
    from collections.abc import Collection

    from hirepartner.services.requisitions import StageCount
    from hirepartner.services.slates import SlateRow

STATUS_CHOICES = [("All statuses", None)] + [
    (status.label, status.value) for status in ApplicationStatus
]
COLUMN_WIDTHS = {
    Column.NAME: 170,
    Column.ROLE: 220,
    Column.LOCATION: 105,
    Column.SOURCE: 85,
    Column.STAGE: 130,
    Column.STATUS: 110,
    Column.DAYS: 95,
    Column.SCORE: 100,
    Column.SCORECARDS: 80,
}
# What a manager looks at first sits beside the (frozen) name; the rest follows.
DEFAULT_COLUMN_ORDER = (
    Column.NAME,
    Column.STAGE,
    Column.SCORE,
    Column.SCORECARDS,
    Column.ROLE,
    Column.LOCATION,
    Column.SOURCE,
    Column.STATUS,
    Column.DAYS,
    Column.PITCH,
)


class SearchField(QLineEdit):
    """The search box: Escape clears the search, a second Escape leaves the field."""

    leave_requested = Signal()
    results_requested = Signal()  # Down: into the results

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.results_requested.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            if self.text():
                self.clear()
            else:
                self.leave_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SlatePanel(QWidget):
    current_changed = Signal(object)  # the SlateRow now current, or None
    menu_requested = Signal(QPoint)  # global position
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current_id: int | None = None
        # The candidate last chosen: a search that hides them for a keystroke or two brings
        # them back as soon as they match again.
        self._chosen_id: int | None = None
        self._select_next: tuple[int, ...] = ()  # selected when the next rows arrive
        self.search = SearchField(
            placeholderText="Search name, company, title, tags, notes  ( / )",
            clearButtonEnabled=True,
        )
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName("Search candidates")
        self.stage_filter = QComboBox()
        self.stage_filter.setAccessibleName("Stage filter")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Status filter")
        for label, value in STATUS_CHOICES:
            self.status_filter.addItem(label, value)
        # Short labels, so that the filters fit beside each other at 1024 px; the tooltips say all.
        self.mine_filter = QCheckBox("Awaiting me")
        self.mine_filter.setToolTip("Only candidates waiting for your scorecard")
        self.overdue_filter = QCheckBox("Overdue")
        self.overdue_filter.setToolTip("Only candidates whose feedback is overdue")
        self.expected_total: int | None = None  # while only a first page is listed
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Candidates shown")
        for combo in (self.stage_filter, self.status_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for control in (self.stage_filter, self.status_filter, self.mine_filter,
                        self.overdue_filter):  # fmt: skip
            bar.addWidget(control)
        bar.addStretch(1)

        self.table_model = SlateTableModel(self)
        self.proxy = SlateProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.table = FrozenColumnTable(Column.NAME)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Slate")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the panel, not cell by cell
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.set_row_height(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.use_default_column_order()

        self.no_match = QLabel()
        self.no_match.setAccessibleName("No candidates match")
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Clear the search and the filters")
        self.empty_bar = QWidget()
        empty_row = QHBoxLayout(self.empty_bar)
        empty_row.setContentsMargins(0, 2, 0, 2)
        empty_row.addWidget(self.no_match)
        empty_row.addWidget(self.clear_button)
        empty_row.addStretch(1)
        self.empty_bar.setVisible(False)

        # Over a filled or cancelled requisition: what closed it, and that its candidates
        # keep their status.
        self.closed_banner = QLabel(wordWrap=True)
        self.closed_banner.setAccessibleName("Requisition closed")
        self.closed_banner.setStyleSheet("background: #fef3c7; color: #78350f; padding: 6px;")
        self.closed_banner.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.closed_banner)
        layout.addLayout(search_row)
        layout.addLayout(bar)
        layout.addWidget(self.empty_bar)
        layout.addWidget(self.table, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row_changed)
        self.table.customContextMenuRequested.connect(
            lambda position: self.menu_requested.emit(self.table.viewport().mapToGlobal(position))
        )
        self.table.doubleClicked.connect(lambda _index: self.open_requested.emit())
        self.search.textChanged.connect(self.apply_filter)
        self.stage_filter.currentIndexChanged.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.mine_filter.toggled.connect(self.apply_filter)
        self.overdue_filter.toggled.connect(self.apply_filter)
        self.search.leave_requested.connect(
            lambda: self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        self.clear_button.clicked.connect(self.clear_filters)
        self.search.results_requested.connect(self.focus_results)

    # Content ------------------------------------------------------------------------------------

    def set_stages(self, stages: tuple[StageCount, ...]) -> None:
        """The stage filter's choices for a newly chosen requisition."""
        self.stage_filter.blockSignals(True)
        self.stage_filter.clear()
        self.stage_filter.addItem("All stages", None)
        for stage in stages:
            self.stage_filter.addItem(stage.name, stage.stage_id)
        self.stage_filter.blockSignals(False)

    def show_closed(self, text: str) -> None:
        """The banner over a filled or cancelled requisition; "" hides it."""
        self.closed_banner.setText(text)
        self.closed_banner.setVisible(bool(text))

    def show_stage(self, stage_id: int | None) -> None:
        index = self.stage_filter.findData(stage_id) if stage_id else 0
        self.stage_filter.setCurrentIndex(max(index, 0))

    def set_rows(self, rows: tuple[SlateRow, ...], keep: int | None) -> None:
        """Show new rows; `keep` stays current if it is among them, else the first row; rows
        asked for with select_after_reload() are selected instead if any of them is shown."""
        self.table_model.set_rows(rows)
        wanted, self._select_next = self._select_next, ()
        if not (wanted and self.select_applications(wanted)):
            self.select_application(keep)
        self._update_count()

    def select_after_reload(self, application_ids: Collection[int]) -> None:
        """Select these applications when the next rows arrive (e.g. what an import added)."""
        self._select_next = tuple(application_ids)

    def replace_rows(self, rows: tuple[SlateRow, ...]) -> None:
        """Refresh some rows in place; the current candidate stays current if still shown."""
        self.table_model.replace_rows(rows)
        self.select_application(self._current_id, fall_back_to_first=False)
        self._update_count()

    def apply_filter(self) -> None:
        self.table_model.set_filter(
            SlateFilter(
                text=self.search.text(),
                stage_id=self.stage_filter.currentData(),
                status=self.status_filter.currentData(),
                awaiting_me=self.mine_filter.isChecked(),
                overdue=self.overdue_filter.isChecked(),
            )
        )
        self.select_application(self._current_id or self._chosen_id, fall_back_to_first=False)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.table_model.total_rows
        if self.expected_total is not None:  # the first page; the rest is on its way
            self.count_label.setText(f"{shown} of {self.expected_total:,} (loading the rest…)")
        else:
            self.count_label.setText(
                f"{shown} of {total}" if shown != total else plural(total, "candidate")
            )
        self.empty_bar.setVisible(total > 0 and shown == 0)
        if shown == 0:
            text = self.search.text().strip()
            self.no_match.setText(
                f"No candidates match “{text}”"
                + (" with these filters" if self._filtered() else "")
                if text
                else "No candidates match these filters"
            )

    def _filtered(self) -> bool:
        return bool(
            self.stage_filter.currentIndex() > 0
            or self.status_filter.currentIndex() > 0
            or self.mine_filter.isChecked()
            or self.overdue_filter.isChecked()
        )

    def clear_filters(self) -> None:
        """Show every candidate again: no search text, all stages and statuses."""
        for control in (self.stage_filter, self.status_filter, self.mine_filter,
                        self.overdue_filter, self.search):  # fmt: skip
            control.blockSignals(True)
        self.search.clear()
        self.stage_filter.setCurrentIndex(0)
        self.status_filter.setCurrentIndex(0)
        self.mine_filter.setChecked(False)
        self.overdue_filter.setChecked(False)
        for control in (self.stage_filter, self.status_filter, self.mine_filter,
                        self.overdue_filter, self.search):  # fmt: skip
            control.blockSignals(False)
        self.apply_filter()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def use_default_column_order(self) -> None:
        """Name, stage, score and scorecards first (for a new user, or one who resets)."""
        header = self.table.horizontalHeader()
        for position, column in enumerate(DEFAULT_COLUMN_ORDER):
            header.moveSection(header.visualIndex(column), position)

    # The current candidate ---------------------------------------------------------------------

    def selected_rows(self) -> list[SlateRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.proxy.row_at(row) for row in rows]

    def rows(self) -> list[SlateRow]:
        return [self.proxy.row_at(row) for row in range(self.proxy.rowCount())]

    def select_application(
        self, application_id: int | None, fall_back_to_first: bool = True
    ) -> None:
        row = self.table_model.visible_row_of(application_id) if application_id else None
        if row is None and fall_back_to_first and self.proxy.rowCount():
            row = 0
        if row is None:  # filtered out, or nothing to show
            self.table.selectionModel().clearSelection()
            self._set_current(None)
            return
        self._go_to_row(row)
        self._set_current(row)

    def select_applications(self, application_ids: Collection[int]) -> int:
        """Select the shown rows of these applications, the topmost current; returns how many."""
        wanted = set(application_ids)
        rows = [
            r for r in range(self.proxy.rowCount()) if self.proxy.row_at(r).application_id in wanted
        ]
        if not rows:
            return 0
        self._go_to_row(rows[0])
        selection = QItemSelection()
        last_column = self.proxy.columnCount() - 1
        start = previous = rows[0]
        for row in [*rows[1:], None]:  # one range per run of neighbouring rows
            if row is not None and row == previous + 1:
                previous = row
                continue
            selection.select(self.proxy.index(start, 0), self.proxy.index(previous, last_column))
            if row is not None:
                start = previous = row
        self.table.selectionModel().select(
            selection,
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._set_current(rows[0])
        return len(rows)

    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._set_current(current.row() if current.isValid() else None)

    def _set_current(self, row: int | None) -> None:
        slate_row = self.proxy.row_at(row) if row is not None and row >= 0 else None
        self._current_id = slate_row.application_id if slate_row else None
        if slate_row is not None:
            self._chosen_id = slate_row.application_id
        self.current_changed.emit(slate_row)

    def step(self, delta: int) -> None:
        count = self.proxy.rowCount()
        if not count:
            return
        current = self.table.currentIndex()
        self._go_to_row(
            min(count - 1, max(0, (current.row() if current.isValid() else -1) + delta))
        )

    def _go_to_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def focus_results(self) -> None:
        """Into the table from the search box, on the current candidate or the first shown."""
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self._go_to_row(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
