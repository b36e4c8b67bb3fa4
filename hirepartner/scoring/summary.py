"""Honest summaries of ratings: every mean comes with its n and spread, never alone."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DISAGREEMENT_RANGE = 2  # raters two or more levels apart disagree


@dataclass(frozen=True)
class CellStats:
    mean: float | None
    n: int
    low: int | None
    high: int | None

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
    return CellStats(statistics.fmean(rated), len(rated), min(rated), max(rated))


@dataclass(frozen=True)
class WeightedScore:
    value: float | None
    competencies_rated: int
    competencies: int
    single_rating_cells: int  # cells resting on one rating: a confidence warning


def weighted_score(cells: Mapping[str, CellStats], weights: Mapping[str, float]) -> WeightedScore:
    """The weight-averaged mean over the competencies that have ratings."""
    rated = [
        (cells[name].mean, weights[name])
        for name in weights
        if name in cells and cells[name].mean is not None
    ]
    total = sum(weight for _mean, weight in rated)
    value = (
        sum(mean * weight for mean, weight in rated if mean is not None) / total if total else None
    )
    single = sum(1 for name in weights if name in cells and cells[name].n == 1)
    return WeightedScore(value, len(rated), len(weights), single)


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
