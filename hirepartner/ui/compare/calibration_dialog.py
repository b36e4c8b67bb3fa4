"""The calibration screen: each interviewer against the panel, and the panel's agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hirepartner.ui.dialogs import fit_to_screen

if TYPE_CHECKING:
    from hirepartner.services.calibration import CalibrationView

AnyIndex = QModelIndex | QPersistentModelIndex
DistributionRole = Qt.ItemDataRole.UserRole + 1
RATER_HEADERS = ("Interviewer", "Ratings 1–4", "Leniency vs panel", "Compared (n)", "No decision")
AGREEMENT_HEADERS = (
    "Competency",
    "ICC(2,1)",
    "ICC(2,k)",
    "Complete panel",
    "Krippendorff α",
    "Ratings (n)",
)


def _signed(value: float | None, error: float | None) -> str:
    if value is None:
        return "n too small"
    side = "lenient" if value > 0.1 else "severe" if value < -0.1 else "in line"
    spread = f" ± {error:.2f}" if error is not None else " (one comparison)"
    return f"{value:+.2f}{spread}  {side}"


class _FiguresModel(QAbstractTableModel):
    """A read-only table of figures: subclasses give the headers, the rows and the texts."""

    headers: tuple[str, ...] = ()

    def __init__(self, view: CalibrationView, parent: Any = None) -> None:
        super().__init__(parent)
        self.view = view

    def rows(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None


class RaterModel(_FiguresModel):
    headers = RATER_HEADERS

    def rows(self) -> int:
        return len(self.view.raters)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rater = self.view.raters[index.row()]
        item = rater.leniency
        if role == DistributionRole and index.column() == 1:
            return item.distribution
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        share = rater.no_decision_share
        values = (
            item.rater,
            " / ".join(str(n) for n in item.distribution),
            _signed(item.mean_deviation, item.standard_error),
            str(item.n),
            "–" if share is None else f"{share:.0%} of {rater.recommendations}",
        )
        return values[index.column()]


class AgreementModel(_FiguresModel):
    headers = AGREEMENT_HEADERS

    def rows(self) -> int:
        return len(self.view.agreement)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        row = self.view.agreement[index.row()]
        icc, alpha = row.icc, row.alpha
        values = (
            row.competency,
            f"{icc.single:.2f} {row.icc_band}" if icc else row.icc_band,
            f"{icc.average:.2f}" if icc else "–",
            f"{icc.targets} candidates × {icc.raters} raters" if icc else "–",
            f"{alpha.value:.2f} {row.alpha_band}" if alpha else row.alpha_band,
            f"{alpha.pairable_values} in {alpha.units} candidates" if alpha else "–",
        )
        return values[index.column()]


class DistributionDelegate(QStyledItemDelegate):
    """Draws a rater's 1-4 counts as four small bars beside the numbers."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        counts = index.data(DistributionRole)
        if not counts:
            return
        top = max(counts) or 1
        rect: QRect = option.rect
        width = 7
        left = rect.right() - 4 * (width + 2) - 4
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(option.palette.color(QPalette.ColorRole.Highlight))
        for n, count in enumerate(counts):
            height = int((rect.height() - 6) * count / top)
            painter.drawRect(left + n * (width + 2), rect.bottom() - 3 - height, width, height)
        painter.restore()


class CalibrationDialog(QDialog):
    def __init__(self, view: CalibrationView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Calibration: {view.scope}")
        self.raters = QTableView()
        self.raters.setModel(RaterModel(view, self))
        self.raters.setItemDelegateForColumn(1, DistributionDelegate(self.raters))
        self.raters.setAccessibleName("Interviewers against the panel")
        self.agreement = QTableView()
        self.agreement.setModel(AgreementModel(view, self))
        self.agreement.setAccessibleName("Agreement per competency")
        for table in (self.raters, self.agreement):
            table.verticalHeader().hide()
            table.horizontalHeader().setStretchLastSection(True)
            table.resizeColumnsToContents()
        self.raters.setColumnWidth(1, self.raters.columnWidth(1) + 50)
        note = QLabel(
            "Leniency: the mean difference from the other raters on the same candidates, ± its "
            "standard error. ICC(2,1)/(2,k): Shrout & Fleiss, on the largest panel where the "
            "same raters rated the same candidates (bands: Koo & Li). Krippendorff's α: ordinal, "
            "every rater, missing ratings allowed (reliable ≥ .80, tentative ≥ .667)."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Interviewers</b>"))
        layout.addWidget(self.raters, 1)
        layout.addWidget(QLabel("<b>Agreement</b>"))
        layout.addWidget(self.agreement, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_to_screen(self, 980, 700)
