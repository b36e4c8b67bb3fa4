"""The slate's first page: the first applications by name, with the figures the whole listing
gives them; a requisition that fits on a page comes back whole."""

import pytest


@pytest.fixture
def demo(services):
    services.fill_demo(candidates=40, seed=4)
    return services


def test_first_page_is_the_first_rows_by_name_with_the_same_figures(demo):
    whole = demo.slates.list_slate(1)
    assert whole.complete
    page = demo.slates.list_first_page(1, 5)
    assert not page.complete
    by_name = sorted(whole.rows, key=lambda r: (r.full_name.casefold(), r.application_id))
    assert page.rows == tuple(by_name[:5])  # every field: scores, tags, scorecards, stage
    assert page.summary.candidates == 5
    assert (page.requisition_code, page.requisition_title) == (
        whole.requisition_code,
        whole.requisition_title,
    )


def test_a_requisition_that_fits_on_a_page_is_listed_whole(demo):
    whole = demo.slates.list_slate(1)
    exact = demo.slates.list_first_page(1, len(whole.rows))
    assert exact.complete
    assert exact.rows == whole.rows
    assert exact.summary == whole.summary
    roomy = demo.slates.list_first_page(1, len(whole.rows) + 50)
    assert roomy.complete
    assert roomy.rows == whole.rows


def test_first_page_keeps_independent_scoring(demo):
    """A hidden average stays hidden on the first page too (same rule, same reason)."""
    whole = {row.application_id: row for row in demo.slates.list_slate(1).rows}
    for row in demo.slates.list_first_page(1, 10).rows:
        assert row.average_score == whole[row.application_id].average_score
        assert row.score_hidden == whole[row.application_id].score_hidden
