"""The intervals behind the agreement figures: F quantiles against scipy, ICC intervals against
McGraw & Wong's closed forms and pingouin, the alpha bootstrap's coverage by simulation, and
bands named only when the interval and the panel hold them."""

import math
import random

import pytest
from test_agreement import SHROUT_FLEISS

from hirepartner.scoring.agreement import icc2, krippendorff_alpha_ordinal
from hirepartner.scoring.intervals import (
    ALPHA_BANDS,
    ICC_BANDS,
    alpha_interval,
    f_quantile,
    interval_band,
    interval_reading,
    unseen_disagreements,
)

pytestmark = pytest.mark.filterwarnings(
    "ignore::DeprecationWarning", "ignore::FutureWarning", "ignore:The inplace keyword"
)

DEGREES = (1, 1.5, 2, 3, 4.7, 5, 9, 20, 55.3, 120, 999, 5000)
SHARES = (0.001, 0.025, 0.5, 0.9, 0.975)


def test_f_quantiles_match_scipy_to_1e_9_over_a_grid():
    from scipy.stats import f

    worst = 0.0
    for dfn in DEGREES:
        for dfd in (*DEGREES, 20_000):
            for p in SHARES:
                ours, theirs = f_quantile(p, dfn, dfd), f.ppf(p, dfn, dfd)
                worst = max(worst, abs(ours - theirs) / theirs)
    assert worst < 1e-9


def _mean_squares(ratings):
    n, k = len(ratings), len(ratings[0])
    grand = sum(map(sum, ratings)) / (n * k)
    rows = [sum(r) / k for r in ratings]
    cols = [sum(r[j] for r in ratings) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in rows)
    ss_cols = n * sum((m - grand) ** 2 for m in cols)
    ss_total = sum((v - grand) ** 2 for r in ratings for v in r)
    ms_error = (ss_total - ss_rows - ss_cols) / ((n - 1) * (k - 1))
    return ss_rows / (n - 1), ss_cols / (k - 1), ms_error


def _mcgraw_wong(ratings):
    """McGraw & Wong (1996), case 2A, written out here with scipy's F quantiles."""
    from scipy.stats import f

    n, k = len(ratings), len(ratings[0])
    msr, msc, mse = _mean_squares(ratings)
    icc = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
    a = k * icc / (n * (1 - icc))
    b = 1 + k * icc * (n - 1) / (n * (1 - icc))
    v = (a * msc + b * mse) ** 2 / ((a * msc) ** 2 / (k - 1) + (b * mse) ** 2 / ((n - 1) * (k - 1)))
    fl, fu = f.ppf(0.975, n - 1, v), f.ppf(0.975, v, n - 1)
    return (
        n * (msr - fl * mse) / (fl * (k * msc + (k * n - k - n) * mse) + n * msr),
        n * (fu * msr - mse) / (k * msc + (k * n - k - n) * mse + n * fu * msr),
        n * (msr - fl * mse) / (fl * (msc - mse) + n * msr),
        n * (fu * msr - mse) / (msc - mse + n * fu * msr),
    )


def _pingouin(ratings):
    import pandas as pd
    import pingouin

    frame = pd.DataFrame(
        [(t, r, v) for t, row in enumerate(ratings) for r, v in enumerate(row)],
        columns=["target", "rater", "rating"],
    )
    table = pingouin.intraclass_corr(
        frame, targets="target", raters="rater", ratings="rating"
    ).set_index("Type")
    single, average = ("ICC2", "ICC2k") if "ICC2" in table.index else ("ICC(A,1)", "ICC(A,k)")
    table = table.rename(columns={"CI95%": "CI95"})  # renamed in pingouin 0.7
    return table.loc[single], table.loc[average]


def _check_against_references(ratings):
    ours = icc2(ratings)
    assert ours is not None
    closed = _mcgraw_wong(ratings)
    ci = ours.interval
    single_ref, average_ref = _pingouin(ratings)
    assert ours.single == pytest.approx(single_ref["ICC"], abs=1e-9)
    assert ours.average == pytest.approx(average_ref["ICC"], abs=1e-9)
    assert ci.single_low == pytest.approx(max(-1.0, closed[0]), abs=1e-9)
    assert ci.single_high == pytest.approx(min(1.0, closed[1]), abs=1e-9)
    low_ref, high_ref = single_ref["CI95"]
    assert ci.single_low == pytest.approx(low_ref, abs=0.005) or closed[0] < -1
    assert ci.single_high == pytest.approx(high_ref, abs=0.005)
    average_low, average_high = closed[2], closed[3]
    inverted = average_low > average_high or (average_low > 1)
    if inverted:
        # Past the Spearman-Brown pole the closed form (and pingouin's printout) inverts: the
        # bound is unbounded below, reported as -1; never an interval above its own estimate.
        assert ci.average_low == -1.0 <= ci.average_high
        if -1 <= ours.average <= 1:  # the estimate itself can be past the pole (pingouin too)
            assert ours.average <= ci.average_high
        return "inverted"
    assert ci.average_low == pytest.approx(max(-1.0, average_low), abs=1e-9)
    assert ci.average_high == pytest.approx(min(1.0, average_high), abs=1e-9)
    low_ref, high_ref = average_ref["CI95"]
    assert ci.average_low == pytest.approx(low_ref, abs=0.005) or average_low < -1
    assert ci.average_high == pytest.approx(high_ref, abs=0.005)
    return "checked"


def test_icc_intervals_on_shrout_and_fleiss_table():
    assert _check_against_references(SHROUT_FLEISS) == "checked"
    ci = icc2(SHROUT_FLEISS).interval
    # pingouin prints [0.02, 0.76] and [0.07, 0.93] for this table.
    assert (round(ci.single_low, 2), round(ci.single_high, 2)) == (0.02, 0.76)
    assert (round(ci.average_low, 2), round(ci.average_high, 2)) == (0.07, 0.93)


def test_icc_and_its_intervals_on_200_random_complete_panels():
    rng = random.Random(3)
    outcomes = []
    while len(outcomes) < 200:
        targets, raters = rng.randint(3, 14), rng.randint(2, 6)
        # A real signal plus noise, so that the intervals have something to bound.
        truth = [rng.gauss(2.5, 0.8) for _ in range(targets)]
        ratings = [
            [min(4, max(1, round(t + rng.gauss(0, 0.7)))) for _ in range(raters)] for t in truth
        ]
        if icc2(ratings) is None or _mean_squares(ratings)[2] <= 0:
            continue
        outcomes.append(_check_against_references(ratings))
    assert outcomes.count("checked") > 150


def test_a_constant_offset_between_raters_gives_the_estimate_as_its_interval():
    offset = [[1, 2], [2, 3], [3, 4], [1, 2], [2, 3]]  # no error variance, but no perfect match
    result = icc2(offset)
    assert result.single < 1.0
    assert (result.interval.single_low, result.interval.single_high) == (result.single,) * 2


def test_the_unseen_disagreement_bound_is_clopper_pearsons():
    from scipy.stats import beta

    for units in (3, 5, 8, 20, 100, 1000):
        share = beta.ppf(0.975, 1, units)  # the exact upper bound for 0 of `units`
        extra = unseen_disagreements(units)
        assert extra / (units + extra) >= share - 1e-12
        assert (extra - 1) / (units + extra - 1) < share  # whole units, rounded up once


@pytest.mark.parametrize("units", [5, 8, 20, 100])
def test_perfect_agreement_is_bounded_not_certain(units):
    """Every rater agreeing on every candidate: not 1.00 to 1.00, and a band only when the
    number of candidates supports it."""
    rows = [[u % 4 + 1] * 2 for u in range(units)]
    icc = icc2(rows)
    assert icc.single == 1.0
    assert icc.interval.single_high == icc.interval.average_high == 1.0
    assert icc.interval.single_low < 1.0
    assert icc.interval.single_low <= icc.interval.average_low < 1.0
    data = [[row[r] for row in rows] for r in range(2)]
    assert krippendorff_alpha_ordinal(data).value == 1.0
    low, high = alpha_interval(data)
    assert high == 1.0
    assert low < 1.0
    assert alpha_interval(data) == (low, high)  # no randomness in the bound
    icc_band = interval_band(icc.interval.single_low, 1.0, ICC_BANDS, enough=True)
    alpha_band = interval_band(low, 1.0, ALPHA_BANDS, enough=True)
    if units <= 8:
        assert icc_band is None
        assert alpha_band is None
    if units == 100:
        assert icc_band == "excellent"
        assert alpha_band == "reliable"


def test_perfect_agreement_grows_surer_with_more_candidates():
    lows = []
    for units in (5, 10, 20, 50, 100):
        rows = [[u % 4 + 1] * 3 for u in range(units)]
        lows.append(icc2(rows).interval.single_low)
    assert lows == sorted(lows)
    assert lows[0] < 0.9 < lows[-1]


def _population_panel(rng, units, raters, spread=1.0, noise=0.8):
    data = [[None] * units for _ in range(raters)]
    for u in range(units):
        truth = rng.gauss(2.5, spread)
        for r in range(raters):
            data[r][u] = min(4, max(1, round(truth + rng.gauss(0, noise))))
    return data


def test_the_alpha_bootstrap_is_seeded_and_covers_the_true_alpha():
    rng = random.Random(11)
    population = _population_panel(rng, 100_000, 2)
    truth = krippendorff_alpha_ordinal(population).value
    sample = _population_panel(random.Random(5), 40, 2)
    assert alpha_interval(sample) == alpha_interval(sample)  # same data, same interval
    covered = 0
    for run in range(200):
        data = _population_panel(random.Random(1000 + run), 40, 2)
        low, high = alpha_interval(data)
        estimate = krippendorff_alpha_ordinal(data).value
        assert low <= high
        assert low - 1e-9 <= estimate or math.isclose(low, estimate)
        covered += low <= truth <= high
    assert 180 <= covered <= 198  # 90-99% of 200 seeded runs


def test_bands_are_named_only_inside_one_band_on_a_big_enough_panel():
    assert interval_band(0.78, 0.88, ICC_BANDS, enough=True) == "good"
    assert interval_band(0.6, 0.95, ICC_BANDS, enough=True) is None
    assert interval_reading(0.6, 0.95, ICC_BANDS, True) == "between moderate and excellent"
    assert interval_band(0.95, 0.99, ICC_BANDS, enough=False) is None
    assert interval_reading(0.95, 0.99, ICC_BANDS, False) == "too few ratings to say"
    assert interval_reading(-0.2, 0.6, ALPHA_BANDS, True) == "unreliable"
