"""A candidate's score with its interval, and the coverage-aware ranking: a single rating never
outranks a full panel, overlapping candidates are about level, the rejected are listed apart;
and leniency named only when the data hold it."""

import statistics

import pytest

from hirepartner.scoring.calibration import Leniency, Tendency
from hirepartner.scoring.ranking import Entry, panel_variance, ranking_order, standings
from hirepartner.scoring.summary import cell_stats, score_text, weighted_score

WEIGHTS = {"Coding": 3, "Design": 2, "Ownership": 1, "Collaboration": 1, "Craft": 1}


def _full_panel(levels_by_competency):
    return {name: cell_stats(levels) for name, levels in levels_by_competency.items()}


def test_the_score_interval_is_the_normal_approximation_with_the_panel_variance():
    cells = {"Coding": cell_stats([4, 3]), "Design": cell_stats([2])}
    score = weighted_score(cells, {"Coding": 3, "Design": 1, "Comms": 2}, variance=0.5)
    assert score.value == pytest.approx((3.5 * 3 + 2 * 1) / 4)
    expected = (0.5 * (3**2 / 2 + 1**2 / 1)) ** 0.5 / 4
    assert score.standard_error == pytest.approx(expected)
    assert score.low == pytest.approx(score.value - 1.959963984540054 * expected)
    assert (score.competencies_rated, score.competencies, score.ratings) == (2, 3, 3)
    assert score_text(score) == (
        f"{score.value:.1f} (likely {score.low:.1f}–{score.high:.1f}) · 2 of 3 competencies "
        "rated · 1 by one interviewer only"
    )


def test_fewer_ratings_give_a_wider_interval_within_the_scale():
    one = weighted_score({"Coding": cell_stats([4])}, WEIGHTS, variance=0.5)
    many = weighted_score(_full_panel({n: [4, 4, 3, 4] for n in WEIGHTS}), WEIGHTS, 0.5)
    assert (one.high - one.low) > 2 * (many.high - many.low)
    assert one.high == 4.0  # clipped to the rating scale


def test_the_panel_variance_pools_cells_with_a_weak_prior():
    assert panel_variance([]) == 0.5
    cells = [cell_stats([1, 3]), cell_stats([2, 2, 2]), cell_stats([4])]
    assert panel_variance(cells) == pytest.approx((0.5 * 4 + 2.0 + 0.0) / (4 + 1 + 2))


def _entries(scores, variance=None, ranked=None):
    variance = variance or panel_variance([])
    return [
        Entry(s.value, s.sampling_variance, True if ranked is None else ranked[n])
        for n, s in enumerate(scores)
    ]


def test_one_rating_of_4_does_not_outrank_twenty_averaging_3_6():
    twenty = {n: [4, 4, 3, 3] for n in WEIGHTS}  # 20 ratings, 3.5 each... make it 3.6:
    twenty["Coding"] = [4, 4, 4, 3]
    twenty["Design"] = [4, 4, 4, 3]
    levels = [v for values in twenty.values() for v in values]
    assert statistics.fmean(levels) == pytest.approx(3.6)
    cells = [{"Coding": cell_stats([4])}, _full_panel(twenty)]
    variance = panel_variance(c for column in cells for c in column.values())
    scores = [weighted_score(column, WEIGHTS, variance) for column in cells]
    assert scores[0].value > scores[1].value  # raw means would put the single 4 first
    found = standings(_entries(scores))
    single, full = found
    assert full.rank == 1
    assert single.rank >= full.rank
    assert single.estimate <= full.estimate + 1e-9
    assert ranking_order(_entries(scores), found)[0] == 1  # the full panel is listed first


def test_clearly_apart_candidates_are_ranked_and_overlapping_ones_are_about_level():
    strong = _full_panel({n: [4, 4, 4, 4] for n in WEIGHTS})
    weak = _full_panel({n: [1, 2, 1, 1] for n in WEIGHTS})
    close = _full_panel({n: [4, 4, 3, 4] for n in WEIGHTS})
    columns = [weak, strong, close]
    variance = panel_variance(c for column in columns for c in column.values())
    scores = [weighted_score(column, WEIGHTS, variance) for column in columns]
    found = standings(_entries(scores))
    assert [s.rank for s in found] == [3, 1, 1]
    assert found[1].about_level_with == (2,)
    assert found[2].about_level_with == (1,)
    assert found[0].about_level_with == ()
    assert ranking_order(_entries(scores), found)[-1] == 0


def test_the_rejected_are_listed_apart_and_never_ranked():
    best = _full_panel({n: [4, 4, 4] for n in WEIGHTS})
    other = _full_panel({n: [2, 3, 2] for n in WEIGHTS})
    scores = [weighted_score(c, WEIGHTS, 0.5) for c in (best, other)]
    entries = _entries(scores, ranked=[False, True])
    found = standings(entries)
    assert found[0].rank is None
    assert found[1].rank == 1
    assert found[1].about_level_with == ()  # nobody ranked is level with the rejected one
    assert ranking_order(entries, found) == [1, 0]


def test_unrated_candidates_have_no_rank_and_come_after_the_ranked():
    scores = [
        weighted_score({}, WEIGHTS, 0.5),
        weighted_score({"Coding": cell_stats([2])}, WEIGHTS, 0.5),
    ]
    found = standings(_entries(scores))
    assert found[0].rank is None
    assert found[1].rank == 1
    assert ranking_order(_entries(scores), found) == [1, 0]


@pytest.mark.parametrize(
    ("deviation", "error", "n", "tendency"),
    [
        (0.13, 0.13, 12, Tendency.IN_LINE),  # the "+0.13 ± 0.13" is not lenient
        (0.6, 0.1, 12, Tendency.LENIENT),
        (-0.6, 0.2, 5, Tendency.SEVERE),
        (-0.9, 0.1, 4, Tendency.TOO_FEW),  # below 5 compared ratings: too few, however large
        (None, None, 0, Tendency.TOO_FEW),
    ],
)
def test_leniency_is_named_only_at_two_standard_errors_on_five_ratings(
    deviation, error, n, tendency
):
    assert Leniency("Pedro", deviation, error, n, (0, 0, 0, 0)).tendency is tendency
