"""The slate table: one row per application, searchable, filterable and sortable.

Filtering and sorting run in Python over keys computed once per load, in the source model:
a QSortFilterProxyModel that calls a Python filterAcceptsRow or lessThan per row costs about
20 ms a keystroke at 10,000 rows and much more per sort, past the one-frame budget. The proxy
in front (SlateProxyModel) is the view's model and forwards sort requests here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from hirepartner.domain import ApplicationStatus, label_of, rejection_label
from hirepartner.ui.icons import icon

if TYPE_CHECKING:
    from hirepartner.services.slates import SlateRow
ApplicationIdRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    ROLE = 1
    LOCATION = 2
    SOURCE = 3
    STAGE = 4
    STATUS = 5
    DAYS = 6
    SCORE = 7
    SCORECARDS = 8
    PITCH = 9


HEADERS = {
    Column.NAME: "Name",
    Column.ROLE: "Title and company",
    Column.LOCATION: "Location",
    Column.SOURCE: "Source",
    Column.STAGE: "Stage",
    Column.STATUS: "Status",
    Column.DAYS: "Days in stage",
    Column.SCORE: "Average score",
    Column.SCORECARDS: "Scorecards",
    Column.PITCH: "Recruiter's pitch",
}
CLOSED = {ApplicationStatus.REJECTED.value, ApplicationStatus.WITHDRAWN.value}
COLUMN_COUNT = len(Column)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole
_NUMERIC = {Column.DAYS, Column.SCORE, Column.SCORECARDS}
_OTHER_ROLES = {
    Qt.ItemDataRole.ToolTipRole,
    ApplicationIdRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.DecorationRole,
}


def status_label(row: SlateRow) -> str:
    text = label_of(ApplicationStatus, row.status)
    return f"{text}: {rejection_label(row.rejection_reason)}" if row.rejection_reason else text


def role_label(row: SlateRow) -> str:
    return " · ".join(part for part in (row.current_title, row.current_company) if part)


@dataclass(frozen=True)
class SlateFilter:
    """What the user narrowed the table to; the empty filter shows everything."""

    text: str = ""
    stage_id: int | None = None
    status: str | None = None
    awaiting_me: bool = False
    overdue: bool = False

    def select(
        self, order: Sequence[int], rows: Sequence[SlateRow], haystacks: Sequence[str]
    ) -> list[int]:
        """The indices of `order` this filter lets through, in the same order.

        Each test runs only when its part of the filter is set: one keystroke over 10,000 rows
        is then a single substring scan.
        """
        kept = list(order)
        for word in self.text.casefold().split():
            kept = [i for i in kept if word in haystacks[i]]
        if self.stage_id is not None:
            kept = [i for i in kept if rows[i].stage_id == self.stage_id]
        if self.status is not None:
            kept = [i for i in kept if rows[i].status == self.status]
        if self.awaiting_me:
            kept = [i for i in kept if rows[i].awaiting_me]
        if self.overdue:
            kept = [i for i in kept if rows[i].overdue_scorecards > 0]
        return kept


_SORT_KEYS: dict[Column, Callable[[SlateRow], Any]] = {
    Column.NAME: lambda r: r.full_name.casefold(),
    Column.ROLE: lambda r: role_label(r).casefold(),
    Column.LOCATION: lambda r: r.location.casefold(),
    Column.SOURCE: lambda r: r.source.casefold(),
    Column.STAGE: lambda r: r.stage_position,
    Column.STATUS: lambda r: r.status,
    Column.DAYS: lambda r: r.days_in_stage,
    Column.SCORE: lambda r: (r.average_score is None, r.average_score or 0.0),
    Column.SCORECARDS: lambda r: (r.scorecards_submitted, r.scorecards_expected),
    Column.PITCH: lambda r: r.pitch_first_line.casefold(),
}


def _haystack(row: SlateRow) -> str:
    """What search looks in: name, company, title, tags, notes, email; case-folded."""
    parts = (row.full_name, row.current_company, row.current_title, " ".join(row.tags),
             row.notes, row.email or "")  # fmt: skip
    return " ".join(parts).casefold()


class SlateTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SlateRow] = []
        self._haystacks: list[str] = []
        self._names: list[str] = []  # case-folded names: every sort's tie-break
        self._sorted_all: list[int] = []  # every row, in the current sort order
        self._order: list[int] = []  # the rows the filter lets through, in that order
        self._cells: dict[int, tuple[str, ...]] = {}  # display texts of rows shown so far
        self._filter = SlateFilter()
        self._sort_column = Column.NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._bold = QFont()
        self._bold.setBold(True)

    # Loading, filtering, sorting -------------------------------------------------------------

    def set_rows(self, rows: Sequence[SlateRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._haystacks = [_haystack(row) for row in rows]
        self._names = [row.full_name.casefold() for row in rows]
        self._cells = {}
        self._resort()
        self.endResetModel()

    def replace_rows(self, updated: Sequence[SlateRow]) -> None:
        """Put fresh copies of some rows in place (after a change), keeping the others."""
        position = {row.application_id: n for n, row in enumerate(self._rows)}
        self.beginResetModel()
        for row in updated:
            n = position.get(row.application_id)
            if n is not None:
                self._rows[n] = row
                self._haystacks[n] = _haystack(row)
                self._names[n] = row.full_name.casefold()
                self._cells.pop(n, None)
        self._resort()
        self.endResetModel()

    def all_rows(self) -> list[SlateRow]:
        return list(self._rows)

    def _resort(self) -> None:
        self._sorted_all = self._sorted(range(len(self._rows)))
        self._order = self._filter.select(self._sorted_all, self._rows, self._haystacks)

    def set_filter(self, slate_filter: SlateFilter) -> None:
        if slate_filter == self._filter:
            return
        self.beginResetModel()
        self._filter = slate_filter
        self._order = self._filter.select(self._sorted_all, self._rows, self._haystacks)
        self.endResetModel()

    @property
    def filter(self) -> SlateFilter:
        return self._filter

    def sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        if column < 0 or column >= COLUMN_COUNT:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        keep = [(self._order[index.row()], index.column()) for index in before]
        self._sort_column, self._sort_order = Column(column), order
        self._sorted_all = self._sorted(range(len(self._rows)))
        self._order = self._filter.select(self._sorted_all, self._rows, self._haystacks)
        position = {row: n for n, row in enumerate(self._order)}
        self.changePersistentIndexList(
            before, [self.index(position[row], col) for row, col in keep]
        )
        self.layoutChanged.emit()

    def _sorted(self, visible: Iterable[int]) -> list[int]:
        """`visible` in ascending order, sorted by the sort column, then name, then position."""
        key, rows = _SORT_KEYS[self._sort_column], self._rows
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        # Sorting is stable and `visible` ascends: equal names stay in position order.
        ordered = sorted(visible, key=self._names.__getitem__)
        if self._sort_column == Column.NAME:
            return (
                sorted(ordered, key=self._names.__getitem__, reverse=True)
                if descending
                else ordered
            )
        if self._sort_column == Column.SCORE:  # unscored candidates last, whichever the order
            scored = [i for i in ordered if rows[i].average_score is not None]
            unscored = [i for i in ordered if rows[i].average_score is None]
            return sorted(scored, key=lambda i: key(rows[i]), reverse=descending) + unscored
        return sorted(ordered, key=lambda i: key(rows[i]), reverse=descending)

    # Lookups ----------------------------------------------------------------------------------

    def row_at(self, row: int) -> SlateRow:
        return self._rows[self._order[row]]

    def visible_row_of(self, application_id: int) -> int | None:
        for position, index in enumerate(self._order):
            if self._rows[index].application_id == application_id:
                return position
        return None

    def display_text(self, row: int, column: int) -> str:
        """What cell (row, column) shows; for Python callers (see navigator.requisition_id_at)."""
        return self._display(self.row_at(row), Column(column))

    @property
    def total_rows(self) -> int:
        return len(self._rows)

    # Qt model interface -----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
            return HEADERS[Column(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every painted cell and role: the common path is kept short.
        row_number = index.row()
        if not 0 <= row_number < len(self._order):
            return None
        position = self._order[row_number]
        if role in (_DISPLAY, _ACCESSIBLE_TEXT):
            cells = self._cells.get(position)
            if cells is None:
                row = self._rows[position]
                cells = self._cells[position] = tuple(self._display(row, c) for c in Column)
            return cells[index.column()]
        if role not in _OTHER_ROLES:
            return None
        row = self._rows[position]
        column = Column(index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == ApplicationIdRole:
            return row.application_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == Column.NAME and row.awaiting_me:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and row.status in CLOSED:
            faded = QApplication.palette().color(QPalette.ColorRole.Text)
            faded.setAlphaF(0.55)  # closed applications recede, in light and dark palettes
            return faded
        if (
            role == Qt.ItemDataRole.DecorationRole
            and column == Column.SCORECARDS
            and row.overdue_scorecards
        ):
            return icon("overdue")
        return None

    @staticmethod
    def _display(row: SlateRow, column: Column) -> str:
        match column:
            case Column.NAME:
                return row.full_name
            case Column.ROLE:
                return role_label(row)
            case Column.LOCATION:
                return row.location
            case Column.SOURCE:
                return row.source
            case Column.STAGE:
                return row.stage
            case Column.STATUS:
                return status_label(row)
            case Column.DAYS:
                return str(row.days_in_stage)
            case Column.SCORE:
                if row.average_score is None:
                    return "–"
                return f"{row.average_score:.1f} (n={row.ratings})"
            case Column.SCORECARDS:
                return f"{row.scorecards_submitted}/{row.scorecards_expected}"
            case Column.PITCH:
                return row.pitch_first_line

    @staticmethod
    def _tooltip(row: SlateRow, column: Column) -> str | None:
        match column:
            case Column.NAME:
                return "\n".join(filter(None, (row.full_name, row.email, ", ".join(row.tags))))
            case Column.SCORE if row.average_score is not None:
                return f"Mean of {row.ratings} ratings on submitted scorecards"
            case Column.SCORE if row.score_hidden:
                return row.score_hidden
            case Column.SCORECARDS:
                text = f"{row.scorecards_submitted} submitted of {row.scorecards_expected}"
                if row.overdue_scorecards:
                    text += f"; {row.overdue_scorecards} overdue"
                return text
            case Column.PITCH:
                return row.pitch or None
        return None


class SlateProxyModel(QSortFilterProxyModel):
    """The table view's model: forwards sorting to SlateTableModel (see the module docstring)."""

    def source(self) -> SlateTableModel:
        model = self.sourceModel()
        assert isinstance(model, SlateTableModel)
        return model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort_rows(column, order)

    def row_at(self, proxy_row: int) -> SlateRow:
        source_index = self.mapToSource(self.index(proxy_row, 0))
        return self.source().row_at(source_index.row())
