"""Intervals for the agreement figures: F quantiles, McGraw & Wong's ICC intervals, a seeded
bootstrap for Krippendorff's alpha, and bands named only when the whole interval lies in one.

Why no scipy: it would add ~140 MB to the desktop bundle for one function. The F quantile
comes from the regularised incomplete beta function (a continued fraction, Lentz's method)
inverted by safeguarded Newton steps; tests/scoring/test_intervals.py checks it against
`scipy.stats.f.ppf` to 1e-9 over a grid of degrees of freedom, integer and fractional.

The alpha bootstrap resamples units (a candidate on a competency, with all its ratings), as a
nonparametric bootstrap; Hayes & Krippendorff (2007) resample pairable values from the
coincidence matrix instead, which runs narrow when units carry three or more ratings because a
unit's pairs are not independent. Units with the same ratings contribute the same cells, so
the resample is a multinomial over the distinct unit patterns: 1,000 resamples cost a few
matrix products (numpy), whatever the number of units.

Perfect agreement. When every rater gave every candidate the same rating, every bootstrap
resample agrees perfectly too and the F-based interval has no error variance to work from:
both would say 1.00 to 1.00, more certain than a few candidates can be. HirePartner then
bounds the figure the way a proportion with no failures is bounded: with N units and no
disagreement seen, Clopper & Pearson's 95% upper bound on the share of units that would draw
some disagreement is p = 1 - 0.025^(1/N) (about 3.7/N for large N). The interval's lower end
is the statistic recomputed with that share of extra units, rounded up to whole units, each
carrying the mildest disagreement possible (one rater one level off, on the most common
rating); its upper end is 1. On 5 candidates spread over the scale, rated alike by 2
interviewers, ICC(2,1)'s lower end comes out near .7 and α's near .4: no band is named; on 20
both are near .9. The screens say "perfect agreement on N candidates" beside the figure.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

CONFIDENCE = 0.95
RESAMPLES = 1000
SEED = 2007  # fixed: the same ratings always give the same interval
MIN_SUBJECTS = 5  # candidates (or units) below which no band is named
MIN_RATERS = 2

# Koo & Li (2016) for ICC; Krippendorff (2004) for alpha (rely on >= .800, tentative >= .667).
ICC_BANDS: tuple[tuple[float, str], ...] = (
    (0.5, "poor"),
    (0.75, "moderate"),
    (0.9, "good"),
    (math.inf, "excellent"),
)
ALPHA_BANDS: tuple[tuple[float, str], ...] = (
    (0.667, "unreliable"),
    (0.8, "tentative"),
    (math.inf, "reliable"),
)
TOO_FEW = "too few ratings to say"


# -- the F distribution's quantiles, without scipy ------------------------------------------


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 10_000):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1.0) < 1e-16:
            break
    return result


def _log_front(a: float, b: float, x: float) -> float:
    return (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )


def beta_cdf(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(_log_front(a, b, x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1.0 - x) / b


def beta_quantile(p: float, a: float, b: float) -> float:
    """x with I_x(a, b) = p: Newton's steps kept inside a shrinking bracket."""
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    low, high = 0.0, 1.0
    x = a / (a + b)
    for _ in range(200):
        error = beta_cdf(x, a, b) - p
        if error == 0.0:
            return x
        if error > 0:
            high = x
        else:
            low = x
        density = math.exp(_log_front(a, b, x)) / (x * (1.0 - x))
        step = x - error / density if density > 0 else math.nan
        following = step if low < step < high else (low + high) / 2
        if abs(following - x) <= 1e-15 * max(x, 1e-300):
            return following
        x = following
    return x


def f_quantile(p: float, dfn: float, dfd: float) -> float:
    """The p quantile of the F distribution with (dfn, dfd) degrees of freedom."""
    x = beta_quantile(p, dfn / 2, dfd / 2)
    if x > 0.5:  # near 1, solve for 1 - x directly so that x / (1 - x) keeps its digits
        y = beta_quantile(1.0 - p, dfd / 2, dfn / 2)
        return dfd * (1.0 - y) / (dfn * y)
    return dfd * x / (dfn * (1.0 - x))


# -- perfect agreement: a bound for what the sample did not show ----------------------------


def unseen_disagreements(units: int) -> int:
    """How many mildly disagreeing units to add to `units` that all agreed: the Clopper-Pearson
    upper bound on the share that would disagree, 1 - 0.025^(1/N), in whole units."""
    share = 1.0 - float(((1 - CONFIDENCE) / 2) ** (1 / units))
    return math.ceil(units * share / (1 - share) - 1e-9)


def unanimous(rows: Iterable[Sequence[float]]) -> bool:
    """Whether every unit's ratings are all the same."""
    return all(len(set(row)) <= 1 for row in rows)


def mildly_disagreeing_rows(rows: Sequence[Sequence[float]]) -> list[list[float]]:
    """Extra rows for a unanimous panel: the most common rating, one rater (in turn) one
    level off, in the number `unseen_disagreements` gives."""
    common = Counter(row[0] for row in rows).most_common()
    value = min(v for v, n in common if n == common[0][1])
    top = max(row[0] for row in rows)
    other = value + 1 if value < top else value - 1
    k = len(rows[0])
    extra = []
    for n in range(unseen_disagreements(len(rows))):
        row = [value] * k
        row[n % k] = other
        extra.append(row)
    return extra


# -- ICC(2,1) and ICC(2,k) intervals (McGraw & Wong 1996, case 2A) --------------------------


@dataclass(frozen=True)
class IccInterval:
    single_low: float
    single_high: float
    average_low: float
    average_high: float


def icc_interval(
    icc: float, ms_rows: float, ms_cols: float, ms_error: float, n: int, k: int
) -> IccInterval:
    """The F-based 95% intervals of ICC(A,1) and ICC(A,k); `icc` is ICC(A,1).

    ICC(A,k)'s bounds are the closed forms of McGraw & Wong (the Spearman-Brown step of the
    single bounds, algebraically). Where a panel's raters differ less than chance
    (MS columns < MS error) that step can pass through its pole and come out above the upper
    bound (pingouin then prints an inverted interval): the bound is then unbounded below, and
    is reported as -1, below every band. No error variance at all leaves nothing to estimate an
    interval from: the interval is the estimate.
    """
    if ms_error <= 0:
        average = n * (ms_rows - ms_error) / (n * ms_rows + ms_cols - ms_error)
        return IccInterval(icc, icc, average, average)
    alpha = 1 - CONFIDENCE
    ratio = ms_cols / ms_error
    spread = n * (1 + (k - 1) * icc) - k * icc
    v = ((k - 1) * (n - 1) * (k * icc * ratio + spread) ** 2) / (
        (n - 1) * k**2 * icc**2 * ratio**2 + spread**2
    )
    upper_f = f_quantile(1 - alpha / 2, n - 1, v)
    lower_f = f_quantile(1 - alpha / 2, v, n - 1)
    shared = k * ms_cols + (k * n - k - n) * ms_error
    single_low = n * (ms_rows - upper_f * ms_error) / (upper_f * shared + n * ms_rows)
    single_high = n * (lower_f * ms_rows - ms_error) / (shared + n * lower_f * ms_rows)
    low_denominator = upper_f * (ms_cols - ms_error) + n * ms_rows
    high_denominator = ms_cols - ms_error + n * lower_f * ms_rows
    average_low = (
        n * (ms_rows - upper_f * ms_error) / low_denominator if low_denominator > 0 else -1.0
    )
    average_high = (
        n * (lower_f * ms_rows - ms_error) / high_denominator if high_denominator > 0 else -1.0
    )
    if average_low > average_high:
        average_low = -1.0
    return IccInterval(
        max(-1.0, single_low),
        min(1.0, single_high),
        max(-1.0, average_low),
        min(1.0, average_high),
    )


# -- Krippendorff's alpha: a seeded bootstrap over units -------------------------------------


def alpha_interval(
    reliability_data: Sequence[Sequence[int | None]],
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> tuple[float, float] | None:
    """The 95% percentile interval of ordinal alpha, resampling units with replacement.

    None when there is nothing to resample (fewer than 2 units with 2+ ratings, one value).
    """
    units = len(reliability_data[0]) if reliability_data else 0
    patterns: Counter[tuple[int, ...]] = Counter()
    for u in range(units):
        values = tuple(sorted(v for row in reliability_data if (v := row[u]) is not None))
        if len(values) >= 2:
            patterns[values] += 1
    return alpha_interval_of_patterns(patterns, resamples, seed)


def alpha_interval_of_patterns(
    patterns: Counter[tuple[int, ...]], resamples: int = RESAMPLES, seed: int = SEED
) -> tuple[float, float] | None:
    """As `alpha_interval`, from the count of each unit pattern (its sorted ratings)."""
    domain = sorted({v for values in patterns for v in values})
    if len(patterns) < 1 or sum(patterns.values()) < 2 or len(domain) < 2:
        return None
    size = len(domain)
    position = {value: index for index, value in enumerate(domain)}
    kinds = list(patterns)
    cells = _pair_cells(kinds, position, size)
    counts = np.array([patterns[kind] for kind in kinds], dtype=float)
    if unanimous(kinds):  # every resample would agree perfectly: bound it instead
        return _perfect_alpha_interval(patterns, domain)
    rng = np.random.default_rng(seed)
    drawn = rng.multinomial(int(counts.sum()), counts / counts.sum(), size=resamples)
    alphas = _alphas(drawn, cells, size)
    if alphas.size == 0:
        return None
    half = (1 - CONFIDENCE) / 2
    low, high = np.quantile(alphas, [half, 1 - half])
    return float(low), float(high)


def _pair_cells(
    kinds: Sequence[tuple[int, ...]], position: dict[int, int], size: int
) -> np.ndarray:
    """Each unit pattern's contribution to the coincidence matrix (pairs weighted 1/(m-1))."""
    cells = np.zeros((len(kinds), size, size))
    for p, values in enumerate(kinds):
        m = len(values)
        for a in range(m):
            for b in range(m):
                if a != b:
                    cells[p, position[values[a]], position[values[b]]] += 1 / (m - 1)
    return cells


def _perfect_alpha_interval(
    patterns: Counter[tuple[int, ...]], domain: Sequence[int]
) -> tuple[float, float]:
    """Alpha's interval when every unit is unanimous (see the module's docstring)."""
    kinds = list(patterns)
    common = max(kinds, key=lambda kind: (patterns[kind], -kind[0]))
    value = common[0]
    at = domain.index(value)
    other = domain[at + 1] if at + 1 < len(domain) else domain[at - 1]
    worse = Counter(patterns)
    worse[tuple(sorted((*common[:-1], other)))] += unseen_disagreements(sum(patterns.values()))
    size = len(domain)
    position = {v: index for index, v in enumerate(domain)}
    kinds = list(worse)
    cells = _pair_cells(kinds, position, size)
    counts = np.array([[worse[kind] for kind in kinds]], dtype=float)
    return float(_alphas(counts, cells, size)[0]), 1.0


def _alphas(drawn: np.ndarray, cells: np.ndarray, size: int) -> np.ndarray:
    """Ordinal alpha for each row of unit-pattern counts (rows with no expected
    disagreement left out)."""
    resamples = drawn.shape[0]
    coincidences = (drawn @ cells.reshape(cells.shape[0], -1)).reshape(resamples, size, size)
    totals = coincidences.sum(axis=2)  # n_c per resample
    n = totals.sum(axis=1)
    cumulative = np.concatenate([np.zeros((resamples, 1)), np.cumsum(totals, axis=1)], axis=1)
    low_index = np.minimum.outer(np.arange(size), np.arange(size))
    high_index = np.maximum.outer(np.arange(size), np.arange(size))
    between = cumulative[:, high_index + 1] - cumulative[:, low_index]
    delta2 = (between - (totals[:, :, None] + totals[:, None, :]) / 2) ** 2
    observed = (coincidences * delta2).sum(axis=(1, 2))
    expected = (totals[:, :, None] * totals[:, None, :] * delta2).sum(axis=(1, 2))
    valid = expected > 0
    result: np.ndarray = 1 - (n[valid] - 1) * observed[valid] / expected[valid]
    return result


# -- bands ------------------------------------------------------------------------------------


def band_of(value: float, bands: Sequence[tuple[float, str]]) -> str:
    return next(name for limit, name in bands if value < limit)


def interval_band(
    low: float, high: float, bands: Sequence[tuple[float, str]], enough: bool
) -> str | None:
    """The band's name when the panel is big enough and the whole interval lies in it."""
    if not enough:
        return None
    first, last = band_of(low, bands), band_of(high, bands)
    return first if first == last else None


def interval_reading(
    low: float, high: float, bands: Sequence[tuple[float, str]], enough: bool
) -> str:
    """ "good", "between moderate and excellent", or "too few ratings to say"."""
    if not enough:
        return TOO_FEW
    first, last = band_of(low, bands), band_of(high, bands)
    return first if first == last else f"between {first} and {last}"
