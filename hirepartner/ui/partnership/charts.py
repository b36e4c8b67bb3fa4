"""Small charts drawn with QPainter for the dashboard: horizontal bars with a reference line,
and a timeline of target against actual dates. Labels are text, every value says its n."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#4f7cac")
BAR_SOFT = QColor("#a9c1dc")
GOOD = QColor("#2e8b57")
WARN = QColor("#c2410c")
ROW_HEIGHT = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: no data, drawn as an empty track
    text: str  # the value as words, with its n
    warn: bool = False


class BarChart(QWidget):
    """Horizontal bars, one per row, on a shared scale, with an optional reference line
    (an SLA, a target share)."""

    def __init__(
        self,
        bars: Sequence[Bar],
        maximum: float | None = None,
        reference: float | None = None,
        reference_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bars = list(bars)
        values = [b.value for b in self.bars if b.value is not None]
        self.maximum = maximum or max([*values, reference or 0, 1e-9])
        self.reference = reference
        self.reference_label = reference_label
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())
        self.setAccessibleName("Chart: " + "; ".join(f"{b.label} {b.text}" for b in self.bars))
        self.setToolTip("\n".join(f"{b.label}: {b.text}" for b in self.bars))  # when elided

    def sizeHint(self) -> QSize:
        return QSize(420, ROW_HEIGHT * max(1, len(self.bars)) + 20)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        label_width = min(
            int(self.width() * 0.32),
            max([metrics.horizontalAdvance(b.label) for b in self.bars] + [40]) + 8,
        )
        text_width = min(
            int(self.width() * 0.5),  # the figure matters more than a long bar
            max([metrics.horizontalAdvance(b.text) for b in self.bars] + [40]) + 8,
        )
        left = label_width
        track = max(40, self.width() - left - text_width - 8)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for n, bar in enumerate(self.bars):
            top = 4 + n * ROW_HEIGHT
            painter.setPen(ink)
            painter.drawText(
                QRectF(0, top, label_width - 6, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 6),
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(127, 127, 127, 40))
            painter.drawRoundedRect(QRectF(left, top + 5, track, ROW_HEIGHT - 10), 3, 3)
            if bar.value is not None:
                share = max(0.0, min(1.0, bar.value / self.maximum))
                painter.setBrush(WARN if bar.warn else BAR)
                painter.drawRoundedRect(QRectF(left, top + 5, track * share, ROW_HEIGHT - 10), 3, 3)
            painter.setPen(ink if bar.value is not None else muted)
            painter.drawText(
                QRectF(left + track + 8, top, text_width, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(bar.text, Qt.TextElideMode.ElideRight, text_width),
            )
        if self.reference is not None:
            x = left + track * min(1.0, self.reference / self.maximum)
            bottom = 4 + len(self.bars) * ROW_HEIGHT
            painter.setPen(QPen(WARN, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(int(x), 2, int(x), bottom)
            small = QFont(painter.font())
            small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
            painter.setFont(small)
            painter.drawText(
                QRectF(x - 60, bottom, 120, 16), Qt.AlignmentFlag.AlignCenter, self.reference_label
            )
        painter.end()


@dataclass(frozen=True)
class Milestone:
    label: str
    target: date | None
    actual: date | None


class TimelineChart(QWidget):
    """Each milestone on one row of a shared date axis: ◇ the target agreed at intake,
    ● the actual date (late in orange), and today as a line."""

    def __init__(
        self, milestones: Sequence[Milestone], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.milestones = list(milestones)
        self.today = today
        dates = [d for m in self.milestones for d in (m.target, m.actual) if d] + [today]
        self.start, self.end = min(dates), max(dates)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())
        self.setAccessibleName(
            "Timeline: "
            + "; ".join(
                f"{m.label} target {m.target or 'none'} actual {m.actual or 'not yet'}"
                for m in self.milestones
            )
        )

    def sizeHint(self) -> QSize:
        return QSize(420, ROW_HEIGHT * max(1, len(self.milestones)) + 28)

    def _x(self, day: date, left: float, width: float) -> float:
        span = max(1, (self.end - self.start).days)
        return left + width * (day - self.start).days / span

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        left = min(
            int(self.width() * 0.32),
            max([metrics.horizontalAdvance(m.label) for m in self.milestones] + [40]) + 10,
        )
        width = max(60, self.width() - left - 16)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        for n, milestone in enumerate(self.milestones):
            middle = 4 + n * ROW_HEIGHT + ROW_HEIGHT / 2
            painter.setPen(ink)
            painter.drawText(
                QRectF(0, middle - ROW_HEIGHT / 2, left - 8, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(milestone.label, Qt.TextElideMode.ElideRight, left - 8),
            )
            painter.setPen(QPen(QColor(127, 127, 127, 60), 1))
            painter.drawLine(int(left), int(middle), int(left + width), int(middle))
            if milestone.target:
                x = self._x(milestone.target, left, width)
                painter.setPen(QPen(ink, 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPolygon(_diamond(x, middle))
            if milestone.actual:
                x = self._x(milestone.actual, left, width)
                late = milestone.target is not None and milestone.actual > milestone.target
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(WARN if late else GOOD)
                painter.drawEllipse(QRectF(x - 5, middle - 5, 10, 10))
        bottom = 4 + len(self.milestones) * ROW_HEIGHT
        x = self._x(self.today, left, width)
        painter.setPen(QPen(BAR, 1.2, Qt.PenStyle.DashLine))
        painter.drawLine(int(x), 2, int(x), bottom)
        painter.setPen(ink)
        painter.drawText(
            QRectF(left, bottom + 2, width, 18), Qt.AlignmentFlag.AlignLeft, f"{self.start:%d %b}"
        )
        end_label = f"{self.end:%d %b %Y}"
        if left + width - x > metrics.horizontalAdvance(end_label) + 30:  # room for both
            painter.drawText(
                QRectF(left, bottom + 2, width, 18), Qt.AlignmentFlag.AlignRight, end_label
            )
            painter.drawText(
                QRectF(x - 40, bottom + 2, 80, 18), Qt.AlignmentFlag.AlignCenter, "today"
            )
        else:  # today is the end of the axis
            painter.drawText(
                QRectF(left, bottom + 2, width, 18),
                Qt.AlignmentFlag.AlignRight,
                f"today, {end_label}",
            )
        painter.end()


def _diamond(x: float, y: float) -> QPolygonF:
    return QPolygonF([QPointF(x, y - 6), QPointF(x + 6, y), QPointF(x, y + 6), QPointF(x - 6, y)])
