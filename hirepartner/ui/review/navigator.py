"""The requisition navigator: requisitions, and under each its stages with candidate counts; a
filled or cancelled one says so after its code, "(filled 3 Dec)", and is faded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from hirepartner.ui.icons import icon

if TYPE_CHECKING:
    from hirepartner.services.requisitions import RequisitionSummary
AnyIndex = QModelIndex | QPersistentModelIndex
RequisitionIdRole = Qt.ItemDataRole.UserRole + 1
StageIdRole = Qt.ItemDataRole.UserRole + 2
HEADERS = ("Requisition", "Active", "Overdue")
OVERDUE_COLUMN = 2
_TOP = 0  # internalId of a requisition; a stage's internalId is its requisition's row + 1


class RequisitionTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._requisitions: Sequence[RequisitionSummary] = ()

    def set_requisitions(self, requisitions: Sequence[RequisitionSummary]) -> None:
        self.beginResetModel()
        self._requisitions = requisitions
        self.endResetModel()

    @property
    def requisitions(self) -> Sequence[RequisitionSummary]:
        return self._requisitions

    def index_of_requisition(self, requisition_id: int) -> QModelIndex:
        for row, requisition in enumerate(self._requisitions):
            if requisition.id == requisition_id:
                return self.index(row, 0)
        return QModelIndex()

    # Python callers use these rather than index.data(role): with PySide6 6.12, reading a role
    # whose Python data() returns None through QModelIndex.data() drops a reference to None.
    def requisition_id_at(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._requisitions[index.row()].id
        return self._requisitions[int(index.internalId()) - 1].id

    def stage_id_at(self, index: QModelIndex) -> int | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self._requisitions[int(index.internalId()) - 1].stages[index.row()].stage_id

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, _TOP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._requisitions)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._requisitions[parent.row()].stages)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if section == OVERDUE_COLUMN:
            # A clock, as in the rows: the word would take the width the titles need.
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("overdue")
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return "Overdue scorecards"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == 1:
            return "Active candidates"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == _TOP:
            req = self._requisitions[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                # Before the title, which a narrow navigator elides: "REQ-1042  (filled 3 Dec)  …"
                closed = f"  ({req.closed_text})" if req.closed else ""
                values = (
                    f"{req.code}{closed}  {req.title}",
                    str(req.candidates_in_process),
                    str(req.overdue_feedback) if req.overdue_feedback else "",
                )
                return values[column]
            if role == Qt.ItemDataRole.ToolTipRole:
                closed = f"\n{req.closed_text.capitalize()}" if req.closed else ""
                if req.close_note:
                    closed += f": {req.close_note}"
                return (
                    f"{req.title} · {req.team} · {req.location}{closed}\n"
                    f"{req.candidates_in_process} candidates in process, "
                    f"{req.overdue_feedback} scorecards overdue "
                    f"(feedback due within {req.feedback_sla_hours} h)"
                )
            if role == Qt.ItemDataRole.ForegroundRole and req.closed:
                faded = QApplication.palette().color(QPalette.ColorRole.Text)
                faded.setAlphaF(0.55)  # as closed applications in the slate
                return faded
            if role == Qt.ItemDataRole.DecorationRole and column == 0:
                return icon("requisition")
            if role == Qt.ItemDataRole.DecorationRole and column == 2 and req.overdue_feedback:
                return icon("overdue")
            if role == RequisitionIdRole:
                return req.id
        else:
            req = self._requisitions[int(index.internalId()) - 1]
            stage = req.stages[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return (f"{stage.position + 1}. {stage.name}", str(stage.candidates), "")[column]
            if role == RequisitionIdRole:
                return req.id
            if role == StageIdRole:
                return stage.stage_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
