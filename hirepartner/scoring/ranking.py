"""Ranking candidates honestly: the panel's rating variance, a coverage-aware estimate
(empirical-Bayes shrinkage toward the slate mean), and "about level" where the data cannot
tell two candidates apart.

The method, chosen over a bootstrap over raters because panels are small (2-4 interviewers:
too few raters to resample) and because it needs no random numbers:

- A candidate's weighted score S (summary.weighted_score) has a sampling variance
  v = s^2 * sum(w_c^2 / n_c) / (sum w_c)^2, where n_c is the number of ratings on competency c
  and s^2 the panel's variance of one rating about its competency mean, pooled over every
  candidate and competency compared (with a weak prior, 0.5 worth 4 ratings, so that a slate
  of single ratings still has one). Its interval ("likely") is S +/- 1.96 sqrt(v).
- The estimate used for ranking shrinks S toward the slate mean by the share of its variance
  that is noise: theta = mu + B (S - mu), B = tau^2 / (tau^2 + v), where tau^2, the real
  spread between candidates, is estimated by DerSimonian & Laird's method of moments and mu
  is the precision-weighted slate mean. A candidate resting on one rating has a large v and
  is pulled most of the way to the mean; one with twenty ratings keeps nearly its own score.
  Its variance is B v + (1 - B)^2 Var(mu) (Morris 1983).
- Two candidates are "about level" when the 95% interval of the difference of their estimates
  contains zero (their 83% intervals overlap). A candidate's rank is 1 + the number of
  candidates clearly ahead of them, so "about level" candidates share a rank.
- Within a shared rank the listing goes by the lower end of each estimate's interval, the
  most the data assure: a single rating of 4 about level with twenty ratings averaging 3.6
  is listed after them, not first on the strength of one interview.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hirepartner.scoring.summary import Z95, CellStats

PRIOR_VARIANCE = 0.5  # of one rating about its competency mean, on the 1-4 scale
PRIOR_RATINGS = 4  # how much the prior weighs, in ratings (degrees of freedom)


def panel_variance(cells: Iterable[CellStats]) -> float:
    """The variance of one rating about its cell's mean, pooled over cells, with a weak prior."""
    squares, freedom = PRIOR_VARIANCE * PRIOR_RATINGS, float(PRIOR_RATINGS)
    for cell in cells:
        if cell.n >= 2:
            squares += cell.sum_squares
            freedom += cell.n - 1
    return squares / freedom


@dataclass(frozen=True)
class Entry:
    """One candidate as the ranking sees them."""

    score: float | None  # the weighted score; None when unrated
    variance: float | None  # its sampling variance
    ranked: bool  # False for the rejected and the withdrawn: listed apart, never ranked


@dataclass(frozen=True)
class Standing:
    rank: int | None  # 1 = first; shared by candidates about level; None when not ranked
    estimate: float | None  # shrunk toward the slate mean: what the rank rests on
    low: float | None  # the estimate's 95% interval
    high: float | None
    about_level_with: tuple[int, ...]  # indexes (into the entries) of candidates with no rank
    # between them and this one


def standings(entries: Sequence[Entry]) -> tuple[Standing, ...]:
    """Each entry's standing, in the entries' order (see `ranking_order` for the listing)."""
    scored = [
        i
        for i, e in enumerate(entries)
        if e.score is not None and e.variance is not None and e.variance > 0
    ]
    none = Standing(None, None, None, None, ())
    if not scored:
        return tuple(none for _ in entries)
    score = {i: float(entries[i].score or 0.0) for i in scored}
    variance = {i: float(entries[i].variance or 0.0) for i in scored}
    tau2 = _between_variance([score[i] for i in scored], [variance[i] for i in scored])
    weights = {i: 1 / (variance[i] + tau2) for i in scored}
    mu = sum(weights[i] * score[i] for i in scored) / sum(weights.values())
    mu_variance = 1 / sum(weights.values())
    estimate, spread = {}, {}
    for i in scored:
        share = tau2 / (tau2 + variance[i])
        estimate[i] = mu + share * (score[i] - mu)
        spread[i] = share * variance[i] + (1 - share) ** 2 * mu_variance
    ranked = [i for i in scored if entries[i].ranked]

    def level(i: int, j: int) -> bool:
        return abs(estimate[i] - estimate[j]) <= Z95 * math.sqrt(spread[i] + spread[j])

    result = []
    for i, entry in enumerate(entries):
        if i not in estimate:
            result.append(none)
            continue
        half = Z95 * math.sqrt(spread[i])
        if not entry.ranked:
            result.append(Standing(None, estimate[i], estimate[i] - half, estimate[i] + half, ()))
            continue
        ahead = sum(1 for j in ranked if estimate[j] > estimate[i] and not level(i, j))
        level_with = tuple(j for j in ranked if j != i and level(i, j))
        result.append(
            Standing(1 + ahead, estimate[i], estimate[i] - half, estimate[i] + half, level_with)
        )
    return tuple(result)


def ranking_order(entries: Sequence[Entry], found: Sequence[Standing]) -> list[int]:
    """Indexes in listing order: ranked by rank, then by the lower end of the estimate's
    interval (the surer first), then estimate; then the unrated; then those listed apart
    (rejected, withdrawn)."""

    def key(i: int) -> tuple[int, int, float, float, float, float]:
        standing = found[i]
        group = 0 if standing.rank is not None else (2 if not entries[i].ranked else 1)
        return (
            group,
            standing.rank or 0,
            -round(standing.low or 0.0, 9),
            -round(standing.estimate or 0.0, 9),
            (standing.high or 0.0) - (standing.low or 0.0),
            entries[i].variance or 0.0,  # level estimates: the one resting on more first
        )

    return sorted(range(len(entries)), key=key)


def _between_variance(scores: Sequence[float], variances: Sequence[float]) -> float:
    """DerSimonian & Laird's estimate of the real spread between candidates (0 when the
    differences are no larger than their noise)."""
    if len(scores) < 2:
        return 0.0
    weights = [1 / v for v in variances]
    total = sum(weights)
    mean = sum(w * s for w, s in zip(weights, scores, strict=True)) / total
    q = sum(w * (s - mean) ** 2 for w, s in zip(weights, scores, strict=True))
    scale = total - sum(w * w for w in weights) / total
    return max(0.0, (q - (len(scores) - 1)) / scale) if scale > 0 else 0.0
