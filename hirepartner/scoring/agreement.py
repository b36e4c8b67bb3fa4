"""Inter-rater agreement: ICC(2,1) and ICC(2,k) (Shrout & Fleiss 1979), and Krippendorff's
alpha with the ordinal metric and missing ratings allowed (Krippendorff 2011)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hirepartner.scoring.intervals import (
    IccInterval,
    icc_interval,
    mildly_disagreeing_rows,
    unanimous,
)


@dataclass(frozen=True)
class Icc:
    single: float  # ICC(2,1): one rater's reliability
    average: float  # ICC(2,k): the reliability of the panel's mean
    targets: int
    raters: int
    interval: IccInterval  # 95%, F-based (McGraw & Wong 1996)


def icc2(ratings: Sequence[Sequence[float]]) -> Icc | None:
    """Two-way random effects, absolute agreement, on a complete panel.

    `ratings[i][j]` is rater j's rating of target i; every target rated by every rater.
    None when there are fewer than 2 targets or 2 raters, or no variance to speak of.
    """
    n = len(ratings)
    k = len(ratings[0]) if n else 0
    if n < 2 or k < 2 or any(len(row) != k for row in ratings):
        return None
    grand = sum(sum(row) for row in ratings) / (n * k)
    row_means = [sum(row) / k for row in ratings]
    col_means = [sum(ratings[i][j] for i in range(n)) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in row_means)
    ss_cols = n * sum((m - grand) ** 2 for m in col_means)
    ss_total = sum((value - grand) ** 2 for row in ratings for value in row)
    ss_error = ss_total - ss_rows - ss_cols
    ms_rows = ss_rows / (n - 1)
    ms_cols = ss_cols / (k - 1)
    ms_error = ss_error / ((n - 1) * (k - 1))
    single_denominator = ms_rows + (k - 1) * ms_error + k * (ms_cols - ms_error) / n
    average_denominator = ms_rows + (ms_cols - ms_error) / n
    # Degenerate panels (no variance to speak of) leave only rounding noise in a denominator.
    tiny = 1e-9 * max(1.0, ss_total)
    if abs(single_denominator) < tiny or abs(average_denominator) < tiny:
        return None
    single = (ms_rows - ms_error) / single_denominator
    average = (ms_rows - ms_error) / average_denominator
    if unanimous(ratings):  # perfect agreement: bounded as scoring/intervals.py says
        worse = icc2([*ratings, *mildly_disagreeing_rows(ratings)])
        assert worse is not None
        interval = IccInterval(worse.single, 1.0, worse.average, 1.0)
    else:
        interval = icc_interval(
            single, ms_rows, ms_cols, ms_error if ms_error > tiny else 0.0, n, k
        )
    return Icc(single, average, n, k, interval)


@dataclass(frozen=True)
class Alpha:
    value: float
    pairable_values: int  # n: values in units rated at least twice
    units: int  # units with at least two ratings


def krippendorff_alpha_ordinal(
    reliability_data: Sequence[Sequence[int | None]],
) -> Alpha | None:
    """Krippendorff's alpha, ordinal metric. `reliability_data[r][u]` is rater r's value for
    unit u, or None when missing. Values must be orderable (e.g. ratings 1-4).

    None when there is nothing to compare (fewer than 2 pairable values, or one value only).
    """
    units = len(reliability_data[0]) if reliability_data else 0
    coincidences: defaultdict[tuple[int, int], float] = defaultdict(float)
    used_units = 0
    for u in range(units):
        values = [value for row in reliability_data if (value := row[u]) is not None]
        m = len(values)
        if m < 2:
            continue
        used_units += 1
        for a in range(m):
            for b in range(m):
                if a != b:
                    coincidences[(values[a], values[b])] += 1 / (m - 1)
    return _alpha_of_coincidences(coincidences, used_units)


def krippendorff_alpha_of_units(units: Counter[tuple[int, ...]]) -> Alpha | None:
    """As `krippendorff_alpha_ordinal`, from how many units carry each multiset of ratings
    (a unit's ratings, sorted): the same figure, without a raters-by-units matrix."""
    coincidences: defaultdict[tuple[int, int], float] = defaultdict(float)
    used_units = 0
    for values, count in units.items():
        m = len(values)
        if m < 2:
            continue
        used_units += count
        for a in range(m):
            for b in range(m):
                if a != b:
                    coincidences[(values[a], values[b])] += count / (m - 1)
    return _alpha_of_coincidences(coincidences, used_units)


def _alpha_of_coincidences(
    coincidences: Mapping[tuple[int, int], float], used_units: int
) -> Alpha | None:
    totals: defaultdict[int, float] = defaultdict(float)
    for (c, _k), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    domain = sorted(totals)
    if n < 2 or len(domain) < 2:
        return None
    position = {value: index for index, value in enumerate(domain)}
    cumulative = [0.0]
    for value in domain:
        cumulative.append(cumulative[-1] + totals[value])

    def delta2(c: int, k: int) -> float:
        low, high = sorted((position[c], position[k]))
        between = cumulative[high + 1] - cumulative[low]
        return (between - (totals[c] + totals[k]) / 2) ** 2

    observed = sum(weight * delta2(c, k) for (c, k), weight in coincidences.items())
    expected = sum(totals[c] * totals[k] * delta2(c, k) for c in domain for k in domain)
    if expected == 0:
        return None
    return Alpha(1 - (n - 1) * observed / expected, round(n), used_units)


def icc_band(value: float) -> str:
    """Koo & Li (2016)."""
    if value < 0.5:
        return "poor"
    if value < 0.75:
        return "moderate"
    if value < 0.9:
        return "good"
    return "excellent"


def alpha_band(value: float) -> str:
    """Krippendorff (2004): rely on alpha >= .800, draw tentative conclusions from .667."""
    if value >= 0.8:
        return "reliable"
    if value >= 0.667:
        return "tentative"
    return "unreliable"
