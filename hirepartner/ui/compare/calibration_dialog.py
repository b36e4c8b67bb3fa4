"""The calibration screen: each interviewer against the panel, and the panel's agreement, each
figure with its interval and the n it rests on; a band is named only when the data hold it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPainter, QPalette, QResizeEvent
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
from hirepartner.wording import plural

if TYPE_CHECKING:
    from hirepartner.scoring.calibration import Leniency
    from hirepartner.services.calibration import AgreementFigure, CalibrationView

AnyIndex = QModelIndex | QPersistentModelIndex
DistributionRole = Qt.ItemDataRole.UserRole + 1
RATER_HEADERS = (
    "Interviewer",
    "Ratings given (1s / 2s / 3s / 4s)",
    "Against the panel (± SE)",
    "Compared (n)",
    "No decision",
)
AGREEMENT_HEADERS = (
    "Competency",
    "Ratings (n)",
    "ICC(2,1): one interviewer",
    "ICC(2,k): the panel's mean",
    "Complete panel\n(candidates × interviewers)",
    "Krippendorff α (ordinal)",
)
NOTE = (
    "Against the panel: the mean difference from the other interviewers on the same "
    "candidates, ± its standard error; called lenient or severe only when it is at least twice "
    "its standard error on 5 or more compared ratings. ICC(2,1) and ICC(2,k): Shrout & Fleiss, "
    "on the largest panel where the same interviewers rated the same candidates, with McGraw & "
    "Wong's 95% interval; bands after Koo & Li (2016): poor < .50 ≤ moderate < .75 ≤ good < .90 "
    "≤ excellent. Krippendorff's α: ordinal, every interviewer, missing ratings allowed, with a "
    "bootstrap 95% interval; reliable ≥ .80, tentative ≥ .667 (Krippendorff 2004). A band is "
    "named only when the whole interval lies in it, on at least 5 candidates × 2 interviewers; "
    "below that panel no interval is shown and the figure is a rough estimate."
)


def _against_panel(item: Leniency) -> str:
    """ "+0.62 ± 0.10: lenient", "+0.13 ± 0.13: in line with the panel", "too few ratings"."""
    tendency = item.tendency.label
    if item.mean_deviation is None:
        return tendency
    if item.standard_error is None:
        return f"{item.mean_deviation:+.2f} on one comparison: {tendency}"
    return f"{item.mean_deviation:+.2f} ± {item.standard_error:.2f}: {tendency}"


def _figure(figure: AgreementFigure | None) -> str:
    if figure is None:
        return "too few ratings to say"
    perfect = f"\n{figure.perfect_text}" if figure.perfect else ""
    if not figure.enough:  # no interval below the minimum panel: it would claim too much
        return f"{figure.estimate_text}\n{figure.reading}{perfect}"
    return f"{figure.value:.2f} (95%: {figure.interval_text})\n{figure.reading}{perfect}"


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
            f"{sum(item.distribution)}  ({' / '.join(str(n) for n in item.distribution)})",
            _against_panel(item),
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
        icc = row.icc
        ratings = f"{row.ratings}" + (
            f" + {row.not_assessed} not assessed" if row.not_assessed else ""
        )
        values = (
            row.competency,
            ratings,
            _figure(row.icc21),
            _figure(row.icc2k),
            f"{icc.targets} × {icc.raters}" if icc else "none yet",
            _figure(row.alpha_figure)
            + (
                f"\non {plural(row.alpha_figure.n_subjects, 'candidate')}"
                if row.alpha_figure
                else ""
            ),
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
            table.setWordWrap(True)
            table.resizeColumnsToContents()
            table.resizeRowsToContents()
        self.raters.setColumnWidth(1, self.raters.columnWidth(1) + 50)
        note = QLabel(NOTE)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # The interviewers' table is as tall as its rows (up to 8, then it scrolls): the
        # room left goes to the agreement table, whose cells wrap over several lines.
        self.raters.setMaximumHeight(_rows_height(self.raters, 8))

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Interviewers</b>"))
        layout.addWidget(self.raters)
        layout.addWidget(QLabel("<b>Agreement</b>"))
        layout.addWidget(self.agreement, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 720)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Wrapped readings need the height of the widths the columns get once laid out.
        QTimer.singleShot(0, self, self.agreement.resizeRowsToContents)


def _rows_height(table: QTableView, most: int) -> int:
    """The height that shows the header and up to `most` rows without scrolling."""
    rows = min(table.model().rowCount(), most)
    return (
        table.horizontalHeader().sizeHint().height()
        + sum(table.rowHeight(row) for row in range(rows))
        + 2 * table.frameWidth()
        + table.horizontalScrollBar().sizeHint().height()
    )
