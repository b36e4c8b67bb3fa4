"""Agreement statistics against published worked examples and reference implementations
(the `krippendorff` and `pingouin` packages, test-only), on 200+ random panels, to 1e-9."""

import random

import pytest

from hirepartner.scoring.agreement import alpha_band, icc2, icc_band, krippendorff_alpha_ordinal

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 x 12 example.
KRIPPENDORFF_EXAMPLE = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
# Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def test_krippendorffs_own_example():
    alpha = krippendorff_alpha_ordinal(KRIPPENDORFF_EXAMPLE)
    assert alpha is not None
    assert round(alpha.value, 3) == 0.815  # the published ordinal alpha
    assert (alpha.units, alpha.pairable_values) == (11, 40)


def test_shrout_and_fleiss_table():
    result = icc2(SHROUT_FLEISS)
    assert result is not None
    assert (round(result.single, 2), round(result.average, 2)) == (0.29, 0.62)
    assert (result.targets, result.raters) == (6, 4)


def _panel(rng, missing):
    raters, units = rng.randint(2, 6), rng.randint(3, 15)
    data = [[rng.randint(1, 4) for _ in range(units)] for _ in range(raters)]
    if missing:
        for row in data:
            for u in range(units):
                if rng.random() < 0.25:
                    row[u] = None
    return data


def test_alpha_matches_the_krippendorff_package_on_random_panels_with_missing_data():
    import numpy as np
    from krippendorff import alpha as reference

    rng = random.Random(1)
    compared = 0
    while compared < 250:
        data = _panel(rng, missing=True)
        ours = krippendorff_alpha_ordinal(data)
        array = np.array([[np.nan if v is None else v for v in row] for row in data], float)
        try:
            with np.errstate(invalid="ignore", divide="ignore"):
                theirs = reference(reliability_data=array, level_of_measurement="ordinal")
        except ValueError:  # the reference refuses data with one value only
            assert ours is None
            continue
        if ours is None:
            assert np.isnan(theirs)  # nothing to compare: no statistic on either side
            continue
        assert ours.value == pytest.approx(theirs, abs=1e-9)
        compared += 1


@pytest.mark.filterwarnings(
    "ignore::DeprecationWarning", "ignore::FutureWarning", "ignore:The inplace keyword"
)
def test_icc_matches_pingouin_on_random_complete_panels():
    import pandas as pd
    import pingouin

    rng = random.Random(2)
    compared = 0
    while compared < 200:
        targets, raters = rng.randint(3, 12), rng.randint(2, 6)
        ratings = [[rng.randint(1, 4) for _ in range(raters)] for _ in range(targets)]
        ours = icc2(ratings)
        frame = pd.DataFrame(
            [(t, r, ratings[t][r]) for t in range(targets) for r in range(raters)],
            columns=["target", "rater", "rating"],
        )
        table = pingouin.intraclass_corr(
            frame, targets="target", raters="rater", ratings="rating"
        ).set_index("Type")
        # Two-way random, absolute agreement: "ICC2"/"ICC2k", named "ICC(A,1)"/"ICC(A,k)" since 0.7.
        single, average = ("ICC2", "ICC2k") if "ICC2" in table.index else ("ICC(A,1)", "ICC(A,k)")
        reference_single, reference_average = table.loc[single, "ICC"], table.loc[average, "ICC"]
        if ours is None:
            continue
        assert ours.single == pytest.approx(reference_single, abs=1e-9)
        assert ours.average == pytest.approx(reference_average, abs=1e-9)
        compared += 1


def test_too_little_data_gives_no_statistic():
    assert krippendorff_alpha_ordinal([[1, N, N], [N, 2, N]]) is None  # no unit rated twice
    assert krippendorff_alpha_ordinal([[3, 3], [3, 3]]) is None  # one value: nothing to tell
    assert icc2([[1, 2, 3]]) is None  # one target
    assert icc2([[1], [2]]) is None  # one rater
    assert icc2([[2, 2], [2, 2]]) is None  # no variance


def test_interpretation_bands():
    assert [icc_band(v) for v in (0.3, 0.6, 0.8, 0.95)] == ["poor", "moderate", "good", "excellent"]
    assert [alpha_band(v) for v in (0.5, 0.7, 0.85)] == ["unreliable", "tentative", "reliable"]


def test_alpha_from_unit_patterns_equals_alpha_from_the_matrix():
    from collections import Counter

    from hirepartner.scoring.agreement import krippendorff_alpha_of_units

    rng = random.Random(4)
    for _ in range(200):
        data = _panel(rng, missing=True)
        units = Counter(
            tuple(sorted(v for row in data if (v := row[u]) is not None))
            for u in range(len(data[0]))
        )
        ours, matrix = krippendorff_alpha_of_units(units), krippendorff_alpha_ordinal(data)
        assert (ours is None) == (matrix is None)
        if ours is not None:
            assert ours.value == pytest.approx(matrix.value, abs=1e-12)
            assert (ours.units, ours.pairable_values) == (matrix.units, matrix.pairable_values)
