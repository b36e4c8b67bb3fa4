"""Comparison: spread and n, honest winners, independent scoring, anonymity, safe CSV."""

import csv
import io

import pytest

from hirepartner.errors import ValidationError
from hirepartner.services.compare import comparison_csv, neutralise


@pytest.fixture
def world(services):
    services.fill_demo(candidates=300, seed=4)
    rows = [r for r in services.slates.list_slate(1).rows if r.scorecards_submitted >= 2]
    return services, rows


def test_selection_rules(world):
    services, rows = world
    with pytest.raises(ValidationError, match="2 to 6"):
        services.compare.compare([rows[0].application_id])
    with pytest.raises(ValidationError, match="2 to 6"):
        services.compare.compare([r.application_id for r in rows[:7]])
    other = services.slates.list_slate(2).rows[0]
    with pytest.raises(ValidationError, match="one requisition"):
        services.compare.compare([rows[0].application_id, other.application_id])


def test_cells_carry_mean_n_and_spread_rows_by_weight(world):
    services, rows = world
    ids = [r.application_id for r in rows[:3]]
    comparison = services.compare.compare(ids)  # an overseer: sees every submitted card
    weights = [row.weight for row in comparison.rows]
    assert weights == sorted(weights, reverse=True)
    assert [c.application_id for c in comparison.candidates] == ids
    for row in comparison.rows:
        for cell, details in zip(row.cells, row.details, strict=True):
            levels = [d.level for d in details if d.level is not None]
            assert cell.n == len(levels)
            if levels:
                assert cell.mean == pytest.approx(sum(levels) / len(levels))
                assert (cell.low, cell.high) == (min(levels), max(levels))
                assert cell.disagreement == (max(levels) - min(levels) >= 2)
        if row.winner is not None and not row.winner.tie:
            best = max(c.mean for c in row.cells if c.mean is not None)
            assert row.cells[row.winner.winners[0]].mean == best


def test_anonymous_mode_leaks_no_name_and_reveal_is_audited(world):
    from sqlalchemy import select

    from hirepartner.data.models import AuditEvent

    services, rows = world
    ids = [r.application_id for r in rows[:3]]
    comparison = services.compare.compare(ids, anonymous=True)
    text = comparison_csv(comparison) + repr(comparison)
    for row in rows[:3]:
        for part in row.full_name.split():
            if len(part) > 2:
                assert part not in text
        assert row.current_company not in text
    assert [c.label for c in comparison.candidates] == ["Candidate A", "Candidate B", "Candidate C"]
    services.compare.reveal(ids)
    with services.database.unit_of_work() as uow:
        audited = uow.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "reveal_comparison")
        ).all()
    assert audited == [{"applications": ids}]


def test_csv_cells_cannot_run_as_formulas(world):
    services, rows = world
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise(f"{start}SUM(A1:A2)") == f"'{start}SUM(A1:A2)"
    assert neutralise("3.25") == "3.25"
    comparison = services.compare.compare([r.application_id for r in rows[:2]])
    for record in csv.reader(io.StringIO(comparison_csv(comparison))):
        for cell in record:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_independent_scoring_holds_in_the_comparison(world):
    services, rows = world
    me = services.profile.current()
    mine = next(
        r for r in services.slates.list_slate(1).rows if r.awaiting_me and r.scorecards_submitted
    )
    other = next(r for r in rows if r.application_id != mine.application_id)
    comparison = services.compare.compare([mine.application_id, other.application_id])
    hidden = comparison.candidates[0]
    assert hidden.hidden_scorecards > 0
    assert all(
        not row.details[0] or all(d.interviewer == me.name for d in row.details[0])
        for row in comparison.rows
    )


def test_masking_replaces_whole_name_parts_only():
    from hirepartner.services.compare import mask_names

    text = "Emma Van den Berg gave evidence; Berg was calm. Emmanuel agreed."
    masked = mask_names(text, ["Emma Van den Berg"], "Candidate A")
    assert masked == "Candidate A gave evidence; Candidate A was calm. Emmanuel agreed."
