"""Honest summaries of ratings: every mean comes with its n and spread, never alone."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hirepartner.domain import RATING_MAX, RATING_MIN

DISAGREEMENT_RANGE = 2  # raters two or more levels apart disagree
Z95 = 1.959963984540054  # the normal 97.5% quantile


@dataclass(frozen=True)
class CellStats:
    mean: float | None
    n: int
    low: int | None
    high: int | None
    sum_squares: float = 0.0  # of the ratings about their mean: feeds the panel's variance

    @property
    def disagreement(self) -> bool:
        return (
            self.n >= 2
            and self.high is not None
            and self.low is not None
            and (self.high - self.low >= DISAGREEMENT_RANGE)
        )

    @property
    def spread(self) -> int:
        return (self.high - self.low) if self.high is not None and self.low is not None else 0


def cell_stats(levels: Sequence[int | None]) -> CellStats:
    """Mean, n and range of the ratings given (None, not assessed, is left out)."""
    rated = [level for level in levels if level is not None]
    if not rated:
        return CellStats(None, 0, None, None)
    mean = statistics.fmean(rated)
    squares = sum((level - mean) ** 2 for level in rated)
    return CellStats(mean, len(rated), min(rated), max(rated), squares)


@dataclass(frozen=True)
class WeightedScore:
    """The weight-averaged mean over the rated competencies, its coverage and its interval."""

    value: float | None
    competencies_rated: int  # coverage: rated of planned
    competencies: int
    single_rating_cells: int  # rated competencies resting on one rating: a confidence warning
    ratings: int = 0  # how many ratings the score rests on
    standard_error: float | None = None  # None without a panel variance, or no ratings
    low: float | None = None  # the 95% interval ("likely"), within the 1-4 scale
    high: float | None = None

    @property
    def sampling_variance(self) -> float | None:
        return None if self.standard_error is None else self.standard_error**2


def weighted_score(
    cells: Mapping[str, CellStats],
    weights: Mapping[str, float],
    variance: float | None = None,
) -> WeightedScore:
    """The weight-averaged mean over the competencies that have ratings; given the panel's
    rating variance (see scoring.ranking.panel_variance), with its normal-approximation
    interval: Var = variance * sum(w_c^2 / n_c) / (sum w_c)^2 over the rated competencies."""
    rated = [
        (cell.mean, weights[name], cell.n)
        for name in weights
        if (cell := cells.get(name)) is not None and cell.mean is not None
    ]
    total = sum(weight for _mean, weight, _n in rated)
    value = sum(mean * weight for mean, weight, _n in rated) / total if total else None
    single = sum(1 for name in weights if name in cells and cells[name].n == 1)
    ratings = sum(n for _mean, _weight, n in rated)
    if value is None or variance is None or not total:
        return WeightedScore(value, len(rated), len(weights), single, ratings)
    error = math.sqrt(variance * sum(w * w / n for _m, w, n in rated)) / total
    low = max(RATING_MIN, value - Z95 * error)
    high = min(RATING_MAX, value + Z95 * error)
    return WeightedScore(value, len(rated), len(weights), single, ratings, error, low, high)


def strongest_and_weakest(
    cells: Mapping[str, CellStats], count: int = 3
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The best and worst rated competencies by mean (those without ratings left out); with
    few rated, each list takes at most half, so no competency is both strongest and weakest."""
    rated = sorted((cell.mean, name) for name, cell in cells.items() if cell.mean is not None)
    take = min(count, len(rated) // 2)
    weakest = tuple(name for _mean, name in rated[:take])
    strongest = tuple(name for _mean, name in reversed(rated[len(rated) - take :]))
    return strongest, weakest


def tally(recommendations: Sequence[str | None]) -> Counter[str]:
    return Counter(r for r in recommendations if r is not None)


@dataclass(frozen=True)
class RowWinner:
    """Who is strongest in a comparison row; ties and single ratings are not wins."""

    winners: tuple[int, ...]  # column indexes; more than one is a tie
    tie: bool
    resting_on_one_rating: bool


def row_winner(row: Sequence[CellStats]) -> RowWinner | None:
    rated = [(cell.mean, index) for index, cell in enumerate(row) if cell.mean is not None]
    if len(rated) < 2:
        return None
    best = max(mean for mean, _index in rated)
    winners = tuple(index for mean, index in rated if mean == best)
    single = any(row[index].n == 1 for index in winners)
    return RowWinner(winners, len(winners) > 1, single)


def score_text(score: WeightedScore) -> str:
    """ "3.8 (likely 3.1–4.4) · 3 of 5 competencies rated · 2 by one interviewer only"."""
    return score_words(
        score.value,
        score.low,
        score.high,
        score.competencies_rated,
        score.competencies,
        score.single_rating_cells,
    )


def score_words(
    value: float | None,
    low: float | None,
    high: float | None,
    rated: int,
    planned: int,
    single: int,
) -> str:
    """A weighted score in words, with its interval and its coverage."""
    if value is None:
        return f"no ratings yet · {coverage_words(rated, planned, single)}"
    parts = [f"{value:.1f}"]
    if low is not None and high is not None:
        parts[0] += f" (likely {low:.1f}–{high:.1f})"
    parts.append(coverage_words(rated, planned, single))
    return " · ".join(parts)


def coverage_words(rated: int, planned: int, single: int) -> str:
    """ "3 of 5 competencies rated · 2 by one interviewer only"."""
    text = f"{rated} of {planned} competencies rated"
    return f"{text} · {single} by one interviewer only" if single else text
