"""Reading a submitted scorecard from the candidate panel's Scorecards tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser


def _scorecards_tab(qtbot, window, wait_idle, readable=True):
    """Select a candidate with a scorecard this reader may open; show the Scorecards tab."""
    panel = window.panel
    for row in window.slate.rows():
        if not row.scorecards_submitted:
            continue
        window.slate.select_application(row.application_id)
        qtbot.waitUntil(
            lambda row=row: (
                panel.detail is not None and panel.detail.application_id == row.application_id
            ),
            timeout=5000,
        )
        cards = [c for c in panel.detail.scorecards if panel.readable(c) == readable]
        if cards:
            panel.tabs.setCurrentIndex(panel.TABS.index("Scorecards"))
            return panel, cards[0]
    pytest.fail("the demo has no such scorecard")


def _item_of(panel, card):
    tree = panel.scorecards
    return next(
        tree.topLevelItem(n)
        for n in range(tree.topLevelItemCount())
        if tree.topLevelItem(n).data(0, Qt.ItemDataRole.UserRole) == card.id
    )


def test_open_is_enabled_only_for_a_visible_selected_scorecard(qtbot, window, wait_idle):
    panel, card = _scorecards_tab(qtbot, window, wait_idle)
    assert not panel.open_scorecard_button.isEnabled()  # nothing selected yet
    panel.scorecards.setCurrentItem(_item_of(panel, card))
    assert panel.open_scorecard_button.isEnabled()
    panel.open_scorecard_button.click()
    qtbot.waitUntil(lambda: panel.scorecard_viewer is not None, timeout=5000)
    viewer = panel.scorecard_viewer
    assert card.interviewer in viewer.header.text()
    viewer.close()


def test_double_click_opens_a_read_only_scorecard_that_escape_closes(
    qtbot, window, wait_idle, artifacts_dir
):
    panel, card = _scorecards_tab(qtbot, window, wait_idle)
    item = _item_of(panel, card)
    panel.scorecards.setCurrentItem(item)
    centre = panel.scorecards.visualItemRect(item).center()
    viewport = panel.scorecards.viewport()
    # A real double-click: press and release, then the double-click event.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: panel.scorecard_viewer is not None, timeout=5000)
    viewer = panel.scorecard_viewer
    reading = viewer.reading
    assert reading.id == card.id
    text = viewer.body.toPlainText()
    for rating in reading.current.ratings:
        assert rating.competency in text
        if rating.anchor:
            assert rating.anchor in text
        if rating.evidence.strip():
            assert rating.evidence.strip().splitlines()[0] in text
    assert "private notes" not in text.lower() or reading.mine
    # Read-only: nothing in it takes typing.
    assert isinstance(viewer.body, QTextBrowser)
    assert viewer.body.isReadOnly()
    viewer.resize(1000, 680)
    viewer.grab().save(str(artifacts_dir / "scorecard-viewer.png"))
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.scorecard_viewer is None, timeout=5000)


def test_enter_opens_the_selected_scorecard(qtbot, window, wait_idle):
    panel, card = _scorecards_tab(qtbot, window, wait_idle)
    panel.scorecards.setFocus()
    panel.scorecards.setCurrentItem(_item_of(panel, card))
    qtbot.keyClick(panel.scorecards, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.scorecard_viewer is not None, timeout=5000)
    assert panel.scorecard_viewer.reading.id == card.id
    panel.scorecard_viewer.close()


def test_a_draft_cannot_be_opened_and_says_why(qtbot, window, wait_idle):
    panel, _card = _scorecards_tab(qtbot, window, wait_idle, readable=False)
    tree = panel.scorecards
    item = next(
        tree.topLevelItem(n)
        for n in range(tree.topLevelItemCount())
        if tree.topLevelItem(n).data(0, Qt.ItemDataRole.UserRole) is None
    )
    tree.setFocus()
    tree.setCurrentItem(item)
    assert not panel.open_scorecard_button.isEnabled()
    assert panel.scorecard_hint.text().endswith(".")
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    wait_idle(window)
    assert panel.scorecard_viewer is None


def test_a_mouse_click_on_a_visible_scorecard_enables_open(qtbot, window, wait_idle):
    """Seen: a click made the row current before it was selected, and Open stayed off."""
    panel, card = _scorecards_tab(qtbot, window, wait_idle)
    tree = panel.scorecards
    rect = tree.visualItemRect(_item_of(panel, card))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.open_scorecard_button.isEnabled()
    assert panel.scorecard_hint.text() == ""
