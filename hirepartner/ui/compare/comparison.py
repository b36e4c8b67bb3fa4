"""The comparison view: candidates side by side on each competency, with n and spread,
disagreement marked, the strongest highlighted (ties and single ratings are not wins),
a profile chart per candidate, an anonymous mode, and CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import Recommendation, label_of
from hirepartner.scoring.summary import score_text
from hirepartner.services.views.comparison import standing_text
from hirepartner.ui.dialogs import close_buttons, fit_to_screen
from hirepartner.ui.export_folder import ask_export_path, remember_export_folder
from hirepartner.ui.ops import BackgroundOps, TaskState

if TYPE_CHECKING:
    from hirepartner.services.compare import CompareService, Comparison
    from hirepartner.ui.settings import Settings

AnyIndex = QModelIndex | QPersistentModelIndex
FOOTERS = (
    "Weighted score",
    "Ranking",
    "Recommendations",
    "Key takeaways",
    "Strongest",
    "Weakest",
)
SCORE_TIP = (
    "The weighted mean of the rated competencies; “likely” is its 95% interval, from how far "
    "the panel's ratings spread. Fewer ratings, wider interval."
)
RANKING_TIP = (
    "Ranked on an estimate that pulls scores resting on few ratings toward the mean of those "
    "compared. Candidates whose difference is within the noise are about level and share a "
    "rank. Rejected and withdrawn candidates are listed apart."
)
HIGHLIGHT = QColor(34, 197, 94, 60)
COLUMN_WIDTH = 180  # a candidate's column at least (4 fit at 1024 px)


class ComparisonModel(QAbstractTableModel):
    """Rows: competencies by weight, then the footers. Columns: the candidates."""

    def __init__(self, comparison: Comparison, parent: Any = None) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self._bold = QFont()
        self._bold.setBold(True)

    def set_comparison(self, comparison: Comparison) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.comparison.rows) + len(FOOTERS)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.comparison.candidates)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.comparison.candidates):
                return self.comparison.candidates[section].label
            return None
        rows = self.comparison.rows
        if 0 <= section < len(rows):
            return f"{rows[section].competency} (×{rows[section].weight:g})"
        footer = section - len(rows)
        return FOOTERS[footer] if 0 <= footer < len(FOOTERS) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        rows = self.comparison.rows
        if row < len(rows):
            return self._cell(rows[row], column, role)
        return self._footer(row - len(rows), column, role)

    def _cell(self, row: Any, column: int, role: int) -> Any:
        cell = row.cells[column]
        winner = row.winner
        is_top = winner is not None and column in winner.winners
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if cell.mean is None:
                return "no ratings"
            text = f"{cell.mean:.1f}  n={cell.n}  {cell.low}–{cell.high}"
            if cell.disagreement:
                text += "  ⚠ raters disagree"
            if is_top and winner is not None:
                text += "  (tie)" if winner.tie else ""
                text += "  (1 rating)" if winner.resting_on_one_rating else ""
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            details = row.details[column]
            if not details:
                return "No visible ratings (independent scoring may hide some until yours is in)."
            return "\n\n".join(
                f"{d.interviewer}: {d.level if d.level is not None else 'not assessed'}\n"
                f"{d.evidence}"
                for d in details
            )
        clear_win = is_top and winner is not None and not winner.tie
        if role == Qt.ItemDataRole.BackgroundRole and clear_win:
            assert winner is not None
            if not winner.resting_on_one_rating:
                return HIGHLIGHT
        if role == Qt.ItemDataRole.FontRole and is_top and winner is not None and not winner.tie:
            return self._bold
        return None

    def _footer(self, footer: int, column: int, role: int) -> Any:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        candidate = self.comparison.candidates[column]
        name = FOOTERS[footer]
        if name == "Weighted score":
            text = score_text(candidate.weighted)
            return f"{text}\n\n{SCORE_TIP}" if role == Qt.ItemDataRole.ToolTipRole else text
        if name == "Ranking":
            text = standing_text(self.comparison, candidate)
            if role != Qt.ItemDataRole.ToolTipRole:
                return text
            labels = {c.application_id: c.label for c in self.comparison.candidates}
            level = [labels[i] for i in candidate.ranking.about_level_with]
            names = f"\nAbout level with: {', '.join(level)}" if level else ""
            return f"{text}{names}\n\n{RANKING_TIP}"
        if name == "Recommendations":
            text = (
                ", ".join(
                    f"{label_of(Recommendation, k).lower()} {v}"
                    for k, v in candidate.recommendations
                )
                or "–"
            )
            if candidate.hidden_scorecards:
                text += f"  (+{candidate.hidden_scorecards} hidden until yours is in)"
            return text
        if name == "Key takeaways":
            return (
                "\n".join(f"{t.by or t.interviewer}: {t.text}" for t in candidate.takeaways) or "–"
            )
        if name == "Strongest":
            return ", ".join(candidate.strongest) or "–"
        return ", ".join(candidate.weakest) or "–"


class ProfileChart(QWidget):
    """One candidate's mean per competency as horizontal bars on the 1–4 scale."""

    def __init__(self, comparison: Comparison, column: int) -> None:
        super().__init__()
        self.comparison, self.column = comparison, column
        self.setMinimumSize(180, 24 + 18 * len(comparison.rows))
        self.setAccessibleName(f"Competency profile of {comparison.candidates[column].label}")

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        bar = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(text)
        painter.drawText(
            QRectF(0, 0, self.width(), 18),
            Qt.AlignmentFlag.AlignLeft,
            self.comparison.candidates[self.column].label,
        )
        label_width = self.width() * 0.45
        scale = (self.width() - label_width - 8) / 4
        for n, row in enumerate(self.comparison.rows):
            top = 22 + n * 18
            painter.setPen(text)
            painter.drawText(
                QRectF(0, top, label_width - 4, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                painter.fontMetrics().elidedText(
                    row.competency, Qt.TextElideMode.ElideRight, int(label_width - 6)
                ),
            )
            cell = row.cells[self.column]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRect(QRectF(label_width, top + 3, scale * 4, 10))
            if cell.mean is not None:
                painter.setBrush(bar)
                painter.drawRect(QRectF(label_width, top + 3, scale * cell.mean, 10))
        painter.end()


class ComparisonDialog(QDialog):
    reveal_requested = Signal()

    def __init__(
        self,
        service: CompareService,
        ops: BackgroundOps,
        application_ids: list[int],
        comparison: Comparison,
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.ops, self.settings = service, ops, settings
        self.application_ids = application_ids
        self.setWindowTitle(f"Compare candidates: {comparison.requisition}")
        self.model = ComparisonModel(comparison, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Comparison")
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setDefaultSectionSize(COLUMN_WIDTH)
        self.charts = QHBoxLayout()
        self.mode = QLabel()
        self.reveal = QPushButton("Reveal names")
        self.anonymise = QPushButton("Anonymous")
        self.export = QPushButton("Export CSV…")
        self.status = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.mode, 1)
        for button in (self.reveal, self.anonymise, self.export):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.charts)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close_buttons(self))
        layout.addLayout(bottom)
        self.reveal.clicked.connect(lambda: self.load(anonymous=False, audit=True))
        self.anonymise.clicked.connect(lambda: self.load(anonymous=True))
        self.export.clicked.connect(self.on_export)
        fit_to_screen(self, 1100, 720)
        self.show_comparison(comparison)

    def load(self, anonymous: bool, audit: bool = False) -> None:
        ids = self.application_ids

        def job(_state: TaskState) -> Comparison:
            if audit:
                self.service.reveal(ids)
            return self.service.compare(ids, anonymous=anonymous)

        self.ops.run(job, write=audit, label="compare").on_success(self.show_comparison).on_failure(
            lambda error: self.status.setText(str(error))
        ).start()

    def show_comparison(self, comparison: Comparison) -> None:
        self.model.set_comparison(comparison)
        # Only the key-takeaways row holds paragraphs; sizing every row costs a frame.
        for footer in ("Weighted score", "Ranking", "Key takeaways"):
            self.table.resizeRowToContents(len(comparison.rows) + FOOTERS.index(footer))
        self.reveal.setVisible(comparison.anonymous)
        self.anonymise.setVisible(not comparison.anonymous)
        self.mode.setText(
            "Anonymous: judged on evidence. Revealing the names is recorded."
            if comparison.anonymous
            else "Names shown."
        )
        while self.charts.count():
            item = self.charts.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        for column in range(len(comparison.candidates)):
            self.charts.addWidget(ProfileChart(comparison, column))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.share_width)

    def share_width(self) -> None:
        """The candidates share the width evenly (at least COLUMN_WIDTH each, then it scrolls),
        rather than the last one taking all that is left."""
        columns = self.model.columnCount()
        if not columns:
            return
        width = max(COLUMN_WIDTH, self.table.viewport().width() // columns)
        header = self.table.horizontalHeader()
        for column in range(columns):
            header.resizeSection(column, width)
        for footer in ("Weighted score", "Ranking", "Key takeaways"):
            self.table.resizeRowToContents(len(self.model.comparison.rows) + FOOTERS.index(footer))

    def on_export(self) -> None:
        path = ask_export_path(
            self, "Export comparison", self.settings, "comparison.csv", "CSV files (*.csv)"
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        from hirepartner.files import write_atomically
        from hirepartner.services.compare import comparison_csv

        comparison, guard = self.model.comparison, self.service.outputs
        problem = guard.problem(path)  # said at once, before any work starts
        if problem:
            self.status.setText(f"Not exported: {problem}")
            return

        def write(_state: TaskState) -> Path:
            write_atomically([(path, comparison_csv(comparison).encode("utf-8"))], guard)
            return path

        def done(written: Path) -> None:
            remember_export_folder(self.settings, written)
            self.status.setText(f"Exported to {written}")

        self.ops.run(write, label="export").on_success(done).on_failure(
            lambda error: self.status.setText(f"Not exported: {error}")
        ).start()
