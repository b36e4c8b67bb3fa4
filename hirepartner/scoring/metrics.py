"""Partnership metrics as plain arithmetic over plain rows: every figure carries the number of
cases it rests on, a rate over no cases is "no data" (never 0 % or a division by zero), and a
rate over a handful is labelled as such."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

SMALL_N = 5  # below this many cases a rate is shown with its n spelled out as a warning


@dataclass(frozen=True)
class Rate:
    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def label(self) -> str:
        if not self.whole:
            return "no data"
        text = f"{round(100 * self.part / self.whole)}% ({self.part} of {self.whole})"
        return f"{text}, only {self.whole}" if self.whole < SMALL_N else text


@dataclass(frozen=True)
class Spread:
    """Median and 90th percentile of durations, with n."""

    n: int
    median: float | None
    p90: float | None

    def label(self, unit: str) -> str:
        if not self.n:
            return "no data"
        assert self.median is not None
        assert self.p90 is not None
        text = f"median {self.median:.1f} {unit}, p90 {self.p90:.1f} {unit} (n={self.n})"
        return f"{text}, only {self.n}" if self.n < SMALL_N else text


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of a non-empty sequence."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def spread(values: Iterable[float]) -> Spread:
    found = list(values)
    if not found:
        return Spread(0, None, None)
    return Spread(len(found), statistics.median(found), percentile(found, 0.9))


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    position: int
    reached: int
    onward: Rate  # of those who reached this stage, the share who reached the next
    time_in_stage_days: Spread
    target_date: date | None
    first_reached: date | None  # the actual date the first candidate got here


def funnel(
    stages: Sequence[tuple[str, int, date | None]],
    furthest: Sequence[int],
    days_in_stage: dict[int, list[float]],
    first_reached: dict[int, date],
) -> tuple[FunnelStep, ...]:
    """`stages`: (name, position, target date) in order; `furthest`: per application, the
    highest stage position it ever reached."""
    steps = []
    positions = [position for _name, position, _target in stages]
    for n, (name, position, target) in enumerate(stages):
        reached = sum(1 for f in furthest if f >= position)
        onward = (
            Rate(sum(1 for f in furthest if f >= positions[n + 1]), reached)
            if n + 1 < len(stages)
            else Rate(0, 0)
        )
        steps.append(
            FunnelStep(
                name,
                position,
                reached,
                onward,
                spread(days_in_stage.get(position, [])),
                target,
                first_reached.get(position),
            )
        )
    return tuple(steps)


def top_reasons(reasons: Iterable[str], limit: int = 5) -> tuple[tuple[str, int], ...]:
    counts = Counter(r for r in reasons if r)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit])


def project_fill(
    opened: date,
    today: date,
    furthest_position: int | None,
    last_position: int,
    hired: bool,
    hired_on: date | None,
) -> tuple[date | None, str]:
    """When the requisition may be filled, and how that was worked out (or why not)."""
    if hired and hired_on is not None:
        return hired_on, "filled"
    if furthest_position is None or furthest_position < 1:
        return None, "no candidate has passed the first stage yet: too early to project"
    elapsed = max(1, (today - opened).days)
    # The furthest candidate covered furthest/last of the way in `elapsed` days: same pace.
    share = furthest_position / max(1, last_position + 1)
    days = round(elapsed / share)
    return opened + timedelta(days=days), (
        f"at the pace so far (the furthest candidate reached stage {furthest_position + 1} of "
        f"{last_position + 1} in {elapsed} days)"
    )


def days_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400
