"""`hirepartner calibration --json` on small panels: a 3 × 2 panel gets no band, and a panel
that agrees perfectly is bounded, not certain, and says so."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from hirepartner.cli import main
from hirepartner.data.models import Competency, Person, Rating, Scorecard


def _panel(services, levels: list[int] | list[tuple[int, int]]) -> None:
    """One competency, two interviewers who each give candidate n the rating levels[n] (or
    the first and the second of its pair)."""
    req = services.requisitions.create_requisition("Engineer", stages=["Onsite"])
    stage = req.stages[0].stage_id
    apps = [
        services.pipeline.add_application(services.pipeline.add_candidate(f"C{n}").id, req.id).id
        for n in range(len(levels))
    ]
    at = datetime(2026, 3, 2, 10, 0)
    with services.database.unit_of_work() as uow:
        people = [Person(name=n, role="interviewer") for n in ("Pedro Alves", "Hannah Schulz")]
        coding = Competency(requisition_id=req.id, name="Coding", position=0)
        uow.session.add_all([*people, coding])
        uow.session.flush()
        for app, given in zip(apps, levels, strict=True):
            pair = given if isinstance(given, tuple) else (given, given)
            for person, level in zip(people, pair, strict=True):
                card = Scorecard(
                    application_id=app,
                    stage_id=stage,
                    interviewer_id=person.id,
                    status="submitted",
                    recommendation="yes",
                    interview_at=at,
                    submitted_at=at,
                    updated_at=at,
                )
                uow.session.add(card)
                uow.session.flush()
                uow.session.add(Rating(scorecard_id=card.id, competency_id=coding.id, level=level))
        uow.commit()


def _calibration(db_path, capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main(["--db", str(db_path), "calibration", "--requisition", "1", *args]) == 0
    return json.loads(capsys.readouterr().out) if "--json" in args else capsys.readouterr().out


def test_a_three_by_two_panel_gets_no_band(services, db_path, capsys):
    _panel(services, [1, 3, 4])
    data = _calibration(db_path, capsys, "--json")
    for row in (data["competencies"][0], data["overall"]):
        icc = row["icc21"]
        assert (icc["value"], icc["n_subjects"], icc["n_raters"]) == (1.0, 3, 2)
        assert icc["ci_low"] < icc["ci_high"] == 1.0  # not "1.00 to 1.00"
        for name in ("icc21", "icc2k", "alpha"):
            assert row[name]["band"] is None
            assert row[name]["perfect"] is True
    text = _calibration(db_path, capsys)
    assert "too few ratings to say" in text
    assert "perfect agreement on 3 candidates" in text
    assert "excellent" not in text.split("Bands:")[0]


@pytest.mark.parametrize(("candidates", "band"), [(6, None), (100, "excellent")])
def test_perfect_agreement_names_a_band_only_when_the_candidates_hold_it(
    services, db_path, capsys, candidates, band
):
    _panel(services, [n % 4 + 1 for n in range(candidates)])
    icc = _calibration(db_path, capsys, "--json")["overall"]["icc21"]
    assert icc["value"] == 1.0
    assert icc["perfect"] is True
    assert icc["band"] == band
    assert icc["ci_low"] < 1.0


def test_below_the_minimum_panel_no_interval_is_shown_only_a_rough_estimate(
    services, db_path, capsys
):
    """Resampling 2 or 3 candidates gives an interval that ends at the estimate ("0.54 (95%:
    -0.25 to 0.54)"); below 5 candidates × 2 interviewers the figure is marked rough and no
    interval is printed. The JSON keeps the bounds, with band null (issue 15)."""
    _panel(services, [(1, 2), (3, 3), (4, 2)])
    data = _calibration(db_path, capsys, "--json")
    for name in ("icc21", "icc2k", "alpha"):
        figure = data["competencies"][0][name]
        assert figure["band"] is None
        assert figure["ci_low"] <= figure["value"] <= figure["ci_high"]
    text = _calibration(db_path, capsys)
    table = text.split("Bands:")[0]
    coding = [line for line in table.splitlines() if "ICC" in line or "α" in line][:3]
    assert len(coding) == 3
    for line in coding:
        assert "(rough estimate)" in line
        assert "too few ratings to say" in line
        assert " to " not in line.replace("ratings to say", "")  # no "0.54 to 0.54"
