"""Interviewer calibration: leniency or severity against the panel, with SE and n."""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import Enum

MIN_COMPARED = 5  # ratings with others on the same target before a rater is called anything


class Tendency(Enum):
    """How a rater rates against the panel: named only when the data hold it."""

    LENIENT = "lenient"
    SEVERE = "severe"
    IN_LINE = "in_line"
    TOO_FEW = "too_few"

    @property
    def label(self) -> str:
        return {
            Tendency.LENIENT: "lenient",
            Tendency.SEVERE: "severe",
            Tendency.IN_LINE: "in line with the panel",
            Tendency.TOO_FEW: "too few ratings",
        }[self]


@dataclass(frozen=True)
class RatingRecord:
    rater: str
    target: Hashable  # what was rated: (candidate, competency), say
    level: int


@dataclass(frozen=True)
class Leniency:
    rater: str
    mean_deviation: float | None  # > 0 lenient, < 0 severe; None when nothing to compare
    standard_error: float | None  # None below 2 comparisons
    n: int  # ratings that had other raters on the same target
    distribution: tuple[int, ...]  # how many 1s, 2s, 3s, 4s they gave

    @property
    def tendency(self) -> Tendency:
        """Lenient or severe only when |mean deviation| >= 2 SE on at least 5 comparisons."""
        deviation, error = self.mean_deviation, self.standard_error
        if self.n < MIN_COMPARED or deviation is None or error is None:
            return Tendency.TOO_FEW
        if deviation != 0 and abs(deviation) >= 2 * error:
            return Tendency.LENIENT if deviation > 0 else Tendency.SEVERE
        return Tendency.IN_LINE


def leniency(records: Sequence[RatingRecord], levels: int = 4) -> tuple[Leniency, ...]:
    """Each rater's mean deviation from the others' mean on the same targets.

    The consensus leaves the rater out, so a rater never pulls the baseline toward themself.
    """
    by_target: dict[Hashable, list[RatingRecord]] = defaultdict(list)
    for record in records:
        by_target[record.target].append(record)
    deviations: dict[str, list[float]] = defaultdict(list)
    given: dict[str, Counter[int]] = defaultdict(Counter)
    for record in records:
        given[record.rater][record.level] += 1
    for rated in by_target.values():
        for record in rated:
            others = [other.level for other in rated if other.rater != record.rater]
            if others:
                deviations[record.rater].append(record.level - statistics.fmean(others))
    result = []
    for rater in sorted(given):
        values = deviations.get(rater, [])
        mean = statistics.fmean(values) if values else None
        error = None
        if mean is not None and len(values) >= 2:  # the sample SD, in floats: fast on 10,000s
            squares = sum((value - mean) ** 2 for value in values)
            error = math.sqrt(squares / (len(values) - 1)) / math.sqrt(len(values))
        counts = tuple(given[rater].get(level, 0) for level in range(1, levels + 1))
        result.append(Leniency(rater, mean, error, len(values), counts))
    return tuple(result)


def share(part: int, whole: int) -> float | None:
    """part / whole, or None rather than an invented percentage over nothing."""
    return part / whole if whole else None
