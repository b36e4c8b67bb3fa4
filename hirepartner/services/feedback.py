"""Feedback deadlines: a scorecard is due `feedback_sla_hours` after its interview."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any


def is_overdue(interview_at: datetime, sla_hours: int, now: datetime) -> bool:
    return interview_at + timedelta(hours=sla_hours) < now


def count_overdue(drafts: Iterable[Any], now: datetime) -> Counter[int]:
    """Overdue drafts per requisition, from (requisition, application, interview_at, sla) rows."""
    counts: Counter[int] = Counter()
    for requisition_id, _application_id, interview_at, sla_hours in drafts:
        if is_overdue(interview_at, sla_hours, now):
            counts[requisition_id] += 1
    return counts
