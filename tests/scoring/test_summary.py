"""Summaries and calibration on small hand-computed panels, including single raters."""

import pytest

from hirepartner.scoring.calibration import RatingRecord, leniency, share
from hirepartner.scoring.summary import (
    cell_stats,
    row_winner,
    strongest_and_weakest,
    tally,
    weighted_score,
)


def test_cell_stats_leave_not_assessed_out_and_flag_disagreement():
    cell = cell_stats([4, None, 2, 3])
    assert (cell.mean, cell.n, cell.low, cell.high) == (3.0, 3, 2, 4)
    assert cell.disagreement
    assert not cell_stats([3, 4]).disagreement
    assert cell_stats([None]).mean is None
    assert not cell_stats([1]).disagreement  # one rating cannot disagree


def test_weighted_score_and_the_confidence_note():
    cells = {"Coding": cell_stats([4, 4]), "Design": cell_stats([2]), "Comms": cell_stats([])}
    score = weighted_score(cells, {"Coding": 3, "Design": 1, "Comms": 2})
    assert score.value == pytest.approx((4 * 3 + 2 * 1) / 4)
    assert (score.competencies_rated, score.competencies, score.single_rating_cells) == (2, 3, 1)
    assert weighted_score({}, {"Coding": 1}).value is None


def test_strongest_weakest_tally_and_winners():
    cells = {n: cell_stats([v]) for n, v in zip("ABCDE", (4, 1, 3, 2, 4), strict=True)}
    strongest, weakest = strongest_and_weakest(cells)
    assert set(strongest[:2]) == {"A", "E"}
    assert weakest[0] == "B"
    assert tally(["yes", "no", None, "yes"]) == {"yes": 2, "no": 1}
    win = row_winner([cell_stats([3, 3]), cell_stats([4, 4]), cell_stats([])])
    assert (win.winners, win.tie, win.resting_on_one_rating) == ((1,), False, False)
    tie = row_winner([cell_stats([4]), cell_stats([4, 4])])
    assert tie.tie
    assert tie.resting_on_one_rating
    assert row_winner([cell_stats([4]), cell_stats([])]) is None  # nothing to compare


def test_leniency_against_the_others_on_the_same_targets():
    records = [
        RatingRecord("lenient", "t1", 4),
        RatingRecord("fair", "t1", 3),
        RatingRecord("severe", "t1", 1),
        RatingRecord("lenient", "t2", 4),
        RatingRecord("fair", "t2", 2),
        RatingRecord("alone", "t3", 3),
    ]
    found = {item.rater: item for item in leniency(records)}
    # lenient: 4 - mean(3, 1) = 2 on t1; 4 - 2 = 2 on t2
    assert found["lenient"].mean_deviation == pytest.approx(2.0)
    assert found["lenient"].standard_error == pytest.approx(0.0)
    assert found["lenient"].n == 2
    assert found["severe"].mean_deviation == pytest.approx(1 - 3.5)
    assert found["severe"].standard_error is None  # one comparison: no SE
    assert found["alone"].mean_deviation is None  # nobody else rated t3
    assert found["alone"].n == 0
    assert found["fair"].distribution == (0, 1, 1, 0)


def test_share_never_invents_a_percentage():
    assert share(0, 0) is None
    assert share(1, 4) == 0.25


def test_strongest_and_weakest_never_overlap():
    cells = {n: cell_stats([v]) for n, v in zip("XYZ", (4, 2, 3), strict=True)}
    strongest, weakest = strongest_and_weakest(cells)
    assert (strongest, weakest) == (("X",), ("Y",))
    assert strongest_and_weakest({"only": cell_stats([3])}) == ((), ())
