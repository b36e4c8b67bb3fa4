"""Feedback deadlines: a scorecard is due `feedback_sla_hours` after its interview."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any


def is_overdue(interview_at: datetime, sla_hours: int, now: datetime) -> bool:
    return interview_at + timedelta(hours=sla_hours) < now


def count_overdue(drafts: Iterable[Any], now: datetime, key_index: int) -> Counter[int]:
    """Count overdue drafts by the id at `key_index` of each (req, app, interview_at, sla) row."""
    counts: Counter[int] = Counter()
    for row in drafts:
        if is_overdue(row[2], row[3], now):
            counts[row[key_index]] += 1
    return counts
