"""A large slate paints a first page at once and lists the rest behind it: the table shows the
first candidates while the whole slate is still being listed, and once it is there the table
holds every candidate, sorted as the user asked, on the candidate they last viewed."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt

from hirepartner.ui import settings as opt
from hirepartner.ui.review import slate_loader
from hirepartner.ui.review.slate_table import Column
from hirepartner.ui.settings import Settings

PAGE = 5


@pytest.fixture
def held_listing(demo_services, monkeypatch) -> Iterator[threading.Event]:
    """Pages of PAGE rows; the whole-slate listing waits until the test sets the event."""
    monkeypatch.setattr(slate_loader, "FIRST_PAGE", PAGE)
    release = threading.Event()
    slates = demo_services.slates
    list_slate = slates.list_slate

    def held(*args, **kwargs):
        if kwargs.get("application_ids") is None:
            release.wait(20)
        return list_slate(*args, **kwargs)

    monkeypatch.setattr(slates, "list_slate", held)
    yield release
    release.set()  # never leave a worker waiting


def test_first_page_is_shown_before_the_whole_slate_is_listed(
    demo_services, make_window, qtbot, wait_loaded, held_listing
):
    window = make_window(demo_services)
    qtbot.waitUntil(lambda: window.listing is not None, timeout=10000)
    assert not window.listing.complete
    assert window.slate.table_model.total_rows == PAGE
    names = [row.full_name for row in window.slate.rows()]
    assert names == sorted(names, key=str.casefold)
    assert "listing candidates" in window.status.message.text()
    whole = window.holder.services.slates.list_slate(window.listing.requisition_id)
    # The count says how many there will be, not "200 candidates".
    assert window.slate.count_label.text() == (f"{PAGE} of {len(whole.rows):,} (loading the rest…)")
    # The UI thread is free meanwhile: searching the page answers at once.
    window.slate.search.setText(names[-1])
    assert [row.full_name for row in window.slate.rows()] == [names[-1]]
    window.slate.search.clear()

    held_listing.set()
    wait_loaded(window)
    total = window.slate.table_model.total_rows
    assert total == window.listing.summary.candidates > PAGE
    assert "listing candidates" not in window.status.message.text()
    assert f"{total} candidates" in window.status.message.text()
    assert window.slate.count_label.text() == f"{total} candidates"


def test_sorting_chosen_on_the_first_page_holds_for_the_whole_slate(
    demo_services, make_window, qtbot, wait_loaded, held_listing
):
    window = make_window(demo_services)
    qtbot.waitUntil(lambda: window.listing is not None, timeout=10000)
    window.slate.table.sortByColumn(Column.SCORE, Qt.SortOrder.DescendingOrder)
    held_listing.set()
    wait_loaded(window)
    rows = window.slate.rows()
    assert len(rows) == window.listing.summary.candidates > PAGE
    scores = [row.average_score for row in rows]
    scored = [score for score in scores if score is not None]
    assert scored
    assert len(scored) < len(scores)
    assert scores[: len(scored)] == sorted(scored, reverse=True)  # best first, unscored last


def test_the_candidate_last_viewed_is_found_past_the_first_page(
    demo_services, make_window, wait_loaded, settings_path, held_listing
):
    held_listing.set()  # this test needs no hold, only the small page
    last = max(
        demo_services.slates.list_first_page(1, 1000).rows,
        key=lambda row: (row.full_name.casefold(), row.application_id),
    )
    store = Settings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    store.set(opt.LAST_REQUISITION, 1)
    store.set(opt.LAST_APPLICATION, last.application_id)
    store.sync()
    window = make_window(demo_services)
    wait_loaded(window)
    assert window.slate.table_model.total_rows > PAGE
    assert window.panel.application_id == last.application_id
