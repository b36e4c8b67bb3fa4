"""A table view whose first column stays on the left while the others scroll sideways.

Qt's "frozen column" pattern: a second view over the first column, sharing the model and the
selection, kept in step with the main view's rows, widths, sort order and scroll position.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget


def _keep_selection_colour(view: QTableView) -> None:
    """The selected row keeps its colour when the view loses focus: the frozen view never has
    the focus, and a two-tone row would look like two selections."""
    palette = view.palette()
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
        palette.setColor(
            QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role)
        )
    view.setPalette(palette)


class FrozenColumnTable(QTableView):
    """A QTableView whose logical column `frozen_column` is always the first, always visible."""

    def __init__(self, frozen_column: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen_column = frozen_column
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumn")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.frozen.setStyleSheet(
            "QTableView#frozenColumn { border-right: 1px solid palette(mid); }"
        )
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.horizontalHeader().setHighlightSections(False)
        self.frozen.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(self.frozen)
        for view in (self, self.frozen):
            _keep_selection_colour(view)
        self._connect_signals()

    def _connect_signals(self) -> None:
        header = self.horizontalHeader()
        header.sectionResized.connect(self._on_section_resized)
        header.sectionMoved.connect(self._keep_frozen_first)
        header.sortIndicatorChanged.connect(
            lambda column, order: self.frozen.horizontalHeader().setSortIndicator(column, order)
        )
        self.frozen.horizontalHeader().sectionClicked.connect(self._sort_by_frozen)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.doubleClicked.connect(self.doubleClicked.emit)
        self.frozen.customContextMenuRequested.connect(
            lambda position: self.customContextMenuRequested.emit(
                self.viewport().mapFromGlobal(self.frozen.viewport().mapToGlobal(position))
            )
        )

    # Keeping the two views in step ---------------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        if model is not None:
            for column in range(model.columnCount()):
                self.frozen.setColumnHidden(column, column != self.frozen_column)
        self.frozen.setColumnWidth(self.frozen_column, self.columnWidth(self.frozen_column))
        self.frozen.horizontalHeader().setSortIndicatorShown(True)
        self._update_frozen_geometry()
        self.frozen.show()

    def setSortingEnabled(self, enable: bool) -> None:
        super().setSortingEnabled(enable)
        self.frozen.horizontalHeader().setSectionsClickable(enable)

    def setSelectionBehavior(self, behavior: QAbstractItemView.SelectionBehavior) -> None:
        super().setSelectionBehavior(behavior)
        self.frozen.setSelectionBehavior(behavior)  # a click on a name selects the whole row

    def setSelectionMode(self, mode: QAbstractItemView.SelectionMode) -> None:
        super().setSelectionMode(mode)
        self.frozen.setSelectionMode(mode)  # Ctrl+click and Shift+click on names, too

    def setAlternatingRowColors(self, enable: bool) -> None:
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    def setWordWrap(self, on: bool) -> None:
        super().setWordWrap(on)
        self.frozen.setWordWrap(on)

    def set_row_height(self, height: int) -> None:
        self.verticalHeader().setDefaultSectionSize(height)
        self.frozen.verticalHeader().setDefaultSectionSize(height)

    def _on_section_resized(self, logical: int, _old: int, new: int) -> None:
        if logical == self.frozen_column:
            self.frozen.setColumnWidth(logical, new)
            self._update_frozen_geometry()

    def _keep_frozen_first(self, _logical: int, _old: int, _new: int) -> None:
        header = self.horizontalHeader()
        if header.visualIndex(self.frozen_column) != 0:
            header.blockSignals(True)
            header.moveSection(header.visualIndex(self.frozen_column), 0)
            header.blockSignals(False)
            self._update_frozen_geometry()

    def _sort_by_frozen(self, logical: int) -> None:
        header = self.horizontalHeader()
        order = Qt.SortOrder.AscendingOrder
        if header.sortIndicatorSection() == logical:
            ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            order = Qt.SortOrder.DescendingOrder if ascending else Qt.SortOrder.AscendingOrder
        self.sortByColumn(logical, order)

    def _update_frozen_geometry(self) -> None:
        frame = self.frameWidth()
        self.frozen.setGeometry(
            self.verticalHeader().width() + frame,
            frame,
            self.columnWidth(self.frozen_column),
            self.viewport().height() + self.horizontalHeader().height(),
        )
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_frozen_geometry()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self._update_frozen_geometry()

    # Scrolling around the frozen column ----------------------------------------------------------

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """The frozen column is always in view: scroll only up or down for its cells."""
        if index.isValid() and index.column() == self.frozen_column:
            horizontal = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(horizontal)
            return
        super().scrollTo(index, hint)
        # A cell scrolled to the left edge would sit under the frozen column.
        left = self.visualRect(index).left()
        covered = self.columnWidth(self.frozen_column)
        if left < covered:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + left - covered)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = super().moveCursor(action, modifiers)
        if action == QAbstractItemView.CursorAction.MoveLeft and current.column() != (
            self.frozen_column
        ):
            left = self.visualRect(current).topLeft().x()
            covered = self.columnWidth(self.frozen_column)
            if left < covered:
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + left - covered)
        return current
