"""The shared dashboard's use cases: the figures (a view, services/views/dashboard.py) for one
requisition or all, their CSV, and the hiring manager's feedback on a slate."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from hirepartner.data.models import Application, Requisition, Slate
from hirepartner.domain import rejection_label
from hirepartner.errors import ValidationError
from hirepartner.scoring.metrics import top_reasons
from hirepartner.services.base import Service
from hirepartner.services.compare import neutralise
from hirepartner.services.outbox import enqueue, next_version
from hirepartner.services.views.dashboard import (
    REJECTED,
    STALLED_DAYS,
    Dashboard,
    FeedbackFigure,
    GoalStatus,
    SlateFigure,
    dashboard,
)

__all__ = [
    "STALLED_DAYS",
    "Dashboard",
    "FeedbackFigure",
    "GoalStatus",
    "MetricsService",
    "SlateFigure",
    "metrics_csv",
]


class MetricsService(Service):
    def dashboard(self, requisition_id: int | None = None) -> Dashboard:
        now = self._clock()
        with self._read() as uow:
            return dashboard(uow, now, requisition_id)

    def rate_slate(
        self, slate_id: int, rating: int | None, more_of: str, less_of: str, note: str = ""
    ) -> None:
        """The hiring manager's feedback on a slate: overall fit 1-5, more of, less of."""
        if rating is not None and not 1 <= rating <= 5:
            raise ValidationError("rating", "overall fit is 1 to 5")
        now = self._clock()
        with self._uow() as uow:
            slate = uow.session.get(Slate, slate_id)
            if slate is None:
                raise ValidationError("slate", f"there is no slate {slate_id}")
            requisition = uow.session.get(Requisition, slate.requisition_id)
            assert requisition is not None
            reasons = top_reasons(
                r or ""
                for r in uow.session.scalars(
                    select(Application.rejection_reason).where(
                        Application.slate_id == slate_id, Application.status == REJECTED
                    )
                )
            )
            slate.feedback_rating, slate.more_of, slate.less_of = (
                rating,
                more_of.strip(),
                less_of.strip(),
            )
            slate.feedback_note = note.strip() or slate.feedback_note
            # The slate feedback goes to the recruiter with the change, as a decision envelope.
            record = f"slate-feedback:{requisition.code}:{slate.id}".lower()
            enqueue(
                uow.session,
                now,
                kind="decision",
                record_id=record,
                version=next_version(uow.session, record),
                payload={
                    "subject": f"Feedback on the slate {slate.name} ({requisition.code})",
                    "text": f"Overall fit {rating or '–'}/5. More of: {slate.more_of or '–'}. "
                    f"Less of: {slate.less_of or '–'}.",
                    "type": "slate_feedback",
                    "requisition": requisition.code,
                    "slate": slate.name,
                    "fit": rating,
                    "more_of": slate.more_of,
                    "less_of": slate.less_of,
                    "rejection_reasons": [
                        {"reason": rejection_label(r), "count": n} for r, n in reasons
                    ],
                },
            )
            uow.commit()


def metrics_csv(board: Dashboard) -> str:
    """Every figure with its n, one per row, neutralised against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["section", "item", "figure", "value", "n"])

    def row(section: str, item: str, figure: str, value: object, n: object) -> None:
        writer.writerow(
            [neutralise(str(c)) for c in (section, item, figure, "" if value is None else value, n)]
        )

    for fig in (board.feedback, *board.feedback_by_interviewer, *board.feedback_by_stage):
        row("time to feedback", fig.label, "median hours", _round(fig.hours.median), fig.hours.n)
        row("time to feedback", fig.label, "p90 hours", _round(fig.hours.p90), fig.hours.n)
        row(
            "time to feedback",
            fig.label,
            "share within SLA",
            _round(fig.within_sla.value),
            fig.within_sla.whole,
        )
    for step in board.funnel:
        row("pipeline", step.stage, "reached", step.reached, step.reached)
        row("pipeline", step.stage, "pass-through", _round(step.onward.value), step.onward.whole)
        row(
            "pipeline",
            step.stage,
            "median days in stage",
            _round(step.time_in_stage_days.median),
            step.time_in_stage_days.n,
        )
    row("pipeline", "active", "stalled (no move for 14 days)", board.stalled, board.active)
    for slate in board.slates:
        row(
            "slate quality",
            slate.name,
            "advanced past first stage",
            _round(slate.advanced.value),
            slate.advanced.whole,
        )
    for reason, count in board.reasons:
        row("rejection reasons", reason, "count", count, board.rejected)
    row("outcomes", "offers", "count", board.offers, "")
    for reason, count in board.declined_reasons:
        row("offers declined", reason, "count", count, board.acceptance.whole)
    row("outcomes", "hires", "count", board.hires, "")
    row(
        "outcomes",
        "offer acceptance",
        "share",
        _round(board.acceptance.value),
        board.acceptance.whole,
    )
    row(
        "outcomes",
        "time to hire",
        "median days",
        _round(board.time_to_hire_days.median),
        board.time_to_hire_days.n,
    )
    for goal in board.goals:
        row("goals", goal.text, goal.status, goal.detail, "")
    return buffer.getvalue()


def _round(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")
