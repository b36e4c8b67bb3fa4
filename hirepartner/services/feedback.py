"""Feedback timing: a scorecard is due `feedback_sla_hours` after its interview; how fast
each interviewer's feedback comes against that."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from hirepartner.data.models import Application, Person, Scorecard
from hirepartner.domain import ScorecardStatus
from hirepartner.scoring.metrics import percentile
from hirepartner.services.base import Service


def is_overdue(interview_at: datetime, sla_hours: int, now: datetime) -> bool:
    return interview_at + timedelta(hours=sla_hours) < now


def count_overdue(drafts: Iterable[Any], now: datetime) -> Counter[int]:
    """Overdue drafts per requisition, from (requisition, application, interview_at, sla) rows."""
    counts: Counter[int] = Counter()
    for requisition_id, _application_id, interview_at, sla_hours in drafts:
        if is_overdue(interview_at, sla_hours, now):
            counts[requisition_id] += 1
    return counts


@dataclass(frozen=True)
class FeedbackTime:
    """How fast one interviewer's feedback comes, over the scorecards it rests on."""

    interviewer: str
    submitted: int  # n behind the figures
    median_hours: float | None
    p90_hours: float | None
    within_sla: float | None  # share of submitted scorecards in by the SLA
    pending: int
    overdue: int


class FeedbackService(Service):
    def feedback_times(self, requisition_id: int) -> tuple[FeedbackTime, ...]:
        """Time from interview to submitted scorecard, per interviewer, against the SLA."""
        now = self._clock()
        with self._read() as uow:
            requisition = uow.requisitions.get(requisition_id)
            sla = requisition.feedback_sla_hours
            rows = uow.session.execute(
                select(
                    Person.name, Scorecard.status, Scorecard.interview_at, Scorecard.submitted_at
                )
                .join(Person, Person.id == Scorecard.interviewer_id)
                .join(Application, Application.id == Scorecard.application_id)
                .where(
                    Application.requisition_id == requisition_id,
                    Scorecard.interview_at.is_not(None),
                )
            ).all()
        hours: dict[str, list[float]] = {}
        pending: dict[str, int] = {}
        overdue: dict[str, int] = {}
        for name, status, interview_at, submitted_at in rows:
            hours.setdefault(name, [])
            if interview_at is None:  # excluded by the query; keeps the types honest
                continue
            if status == ScorecardStatus.SUBMITTED.value and submitted_at is not None:
                hours[name].append((submitted_at - interview_at).total_seconds() / 3600)
            else:
                pending[name] = pending.get(name, 0) + 1
                if is_overdue(interview_at, sla, now):
                    overdue[name] = overdue.get(name, 0) + 1
        return tuple(
            FeedbackTime(
                name,
                len(values),
                statistics.median(values) if values else None,
                percentile(values, 0.9) if values else None,
                sum(1 for h in values if h <= sla) / len(values) if values else None,
                pending.get(name, 0),
                overdue.get(name, 0),
            )
            for name, values in sorted(hours.items())
        )
