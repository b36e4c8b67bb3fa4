"""Debrief agenda and decisions; calibration figures with their n."""

import pytest

from hirepartner.errors import ValidationError
from hirepartner.scoring.summary import cell_stats
from hirepartner.services.debrief import agenda


def test_agenda_puts_disagreement_first_then_single_ratings_then_none():
    items = agenda(
        [
            ("Agreed", cell_stats([3, 3])),
            ("Unrated", cell_stats([])),
            ("Split", cell_stats([1, 4])),
            ("Alone", cell_stats([2])),
            ("Close", cell_stats([2, 3])),
        ]
    )
    assert [i.competency for i in items] == ["Split", "Close", "Alone", "Unrated", "Agreed"]
    assert items[0].why == "raters 3 levels apart"
    assert items[2].why == "one rating only"


@pytest.fixture
def demo(services):
    services.fill_demo(candidates=150, seed=8)
    return services


def test_a_decision_moves_the_application_and_is_kept(demo):
    rows = demo.slates.list_slate(1).rows
    row = next(r for r in rows if r.status == "active" and r.stage_position == 1)
    view = demo.debrief.debrief(row.application_id, None)
    assert view.agenda
    with pytest.raises(ValidationError, match="^rationale"):
        demo.debrief.decide(row.application_id, "advance", "  ", [])
    with pytest.raises(ValidationError, match="^reason"):
        demo.debrief.decide(row.application_id, "reject", "Not now", [])
    after = demo.debrief.decide(
        row.application_id, "advance", "Strong on design", ["Morgan Avery", "Mei Lin"]
    )
    assert after.stage != row.stage
    assert [(d.outcome, d.present) for d in after.decisions] == [
        ("advance", ("Morgan Avery", "Mei Lin"))
    ]
    rejected = demo.debrief.decide(row.application_id, "reject", "Level", [], "level_mismatch")
    assert rejected.decisions[-1].outcome == "reject"
    assert demo.pipeline.get_application(row.application_id).rejection_reason == "level_mismatch"


def test_calibration_finds_the_lenient_and_the_severe_rater(demo):
    view = demo.calibration.calibration()
    by_name = {r.leniency.rater: r for r in view.raters}
    assert by_name["Jordan Blake"].leniency.mean_deviation > 0.3  # built lenient
    assert by_name["Kwame Asante"].leniency.mean_deviation < -0.3  # built severe
    for rater in view.raters:
        if rater.leniency.n >= 2:
            assert rater.leniency.standard_error is not None
        assert sum(rater.leniency.distribution) >= rater.leniency.n
    overall = view.agreement[-1]
    assert overall.competency == "All competencies"
    assert overall.alpha is not None
    assert overall.alpha.units > 10
    assert overall.icc is not None
    assert overall.icc.raters >= 2


def test_calibration_with_too_little_data_says_so(services):
    view = services.calibration.calibration()
    assert view.raters == ()
    assert [(a.icc_band, a.alpha_band) for a in view.agreement] == [("n too small", "n too small")]
