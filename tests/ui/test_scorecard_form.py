"""The scorecard form as an interviewer uses it: anchors on view, keys, autosave, submit."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from hirepartner.ui.scorecards.scorecard_form import AUTOSAVE_MS, ScorecardDialog


@pytest.fixture
def onsite(demo_services):
    """The demo manager's own draft scorecard on an onsite candidate, opened fresh."""
    services = demo_services
    me = services.profile.current()
    rows = services.slates.list_slate(1).rows
    for row in rows:
        if row.stage == "Onsite" and row.status == "active":
            card = services.scorecards.open_or_create(row.application_id, row.stage_id, me.id)
            form = services.scorecards.form(card, me.id)
            if form.status == "draft" and not form.has_draft_content:
                return services, card, me.id
    raise AssertionError("the demo world has no onsite candidate without my scorecard")


def answer(monkeypatch, choice: str) -> list[QMessageBox]:
    """Answers the submit question with the button `choice`; returns the boxes asked."""
    asked: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box)
        next(b for b in box.buttons() if b.text().replace("&", "") == choice).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


@pytest.fixture
def dialog(qtbot, onsite):
    from hirepartner.ui.ops import BackgroundOps

    services, card, me = onsite
    ops = BackgroundOps()
    form = services.scorecards.form(card, me)
    view = ScorecardDialog(services.scorecards, ops, form, me)
    qtbot.addWidget(view)
    view.show()
    yield view
    ops.wait_idle()


def test_the_form_comes_from_the_plan_with_anchors_in_view(dialog):
    names = [block.item.name for block in dialog.blocks]
    focus = [block.item.focus for block in dialog.blocks]
    assert focus == sorted(focus, reverse=True)  # focus competencies first
    assert "System design" in names[:4]
    first = dialog.blocks[0]
    anchor_texts = [label.text() for label in first.findChildren(QLabel)]
    for anchor in first.item.anchors:
        assert anchor in anchor_texts  # on view, not in a tooltip
        assert next(label for label in first.findChildren(QLabel) if label.text() == anchor)\
            .isVisible()  # fmt: skip


def test_keys_rate_the_focused_competency_and_tab_reaches_its_evidence(qtbot, dialog):
    block = dialog.blocks[0]
    block.setFocus()
    qtbot.keyClick(block, Qt.Key.Key_3)
    assert block.level == 3
    qtbot.keyClick(block, Qt.Key.Key_0)
    assert block.level is None
    qtbot.keyClick(block, Qt.Key.Key_4)
    assert block.level == 4
    qtbot.keyClick(block, Qt.Key.Key_Tab)
    assert block.evidence.hasFocus()


def test_a_key_rates_the_first_focus_competency_as_soon_as_the_form_opens(qtbot, dialog):
    """Seen under X: pressing 3 right after Ctrl+E did nothing, no competency had the keys."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=3000)
    first = next(b for b in dialog.blocks if b.item.focus)
    assert dialog.focusWidget() is first
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_3)
    assert first.level == 3


def test_drafts_autosave_within_a_second(qtbot, dialog, onsite):
    services, card, me = onsite
    block = dialog.blocks[0]
    block.evidence.setFocus()
    qtbot.keyClicks(block.evidence, "Drew the failure modes first")
    qtbot.wait(AUTOSAVE_MS + 300)
    qtbot.waitUntil(lambda: dialog.save_state.text().startswith("Draft saved"), timeout=3000)
    stored = services.scorecards.form(card, me).values
    assert stored.evidence[block.item.competency_id] == "Drew the failure modes first"


def test_submit_shows_what_is_missing_next_to_each_field(qtbot, dialog, onsite, monkeypatch):
    services, card, me = onsite
    answer(monkeypatch, "Submit")
    first = dialog.blocks[0]
    first.rate(2)
    first.evidence.setPlainText("Needed hints.")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.recommendation_error.isVisible(), timeout=5000)
    focus_blocks = [b for b in dialog.blocks if b.item.focus]
    assert not first.rating_error.isVisible()
    assert all(b.rating_error.isVisible() for b in focus_blocks[1:])
    assert first.evidence.toPlainText() == "Needed hints."  # nothing typed is lost
    assert services.scorecards.form(card, me).status == "draft"


def test_a_problem_scrolled_out_of_view_is_brought_into_view_and_stays_said(
    qtbot, dialog, onsite, monkeypatch
):
    """Seen: only the last competency unrated, Submit seemed to do nothing ("Draft saved")."""
    answer(monkeypatch, "Submit")
    dialog.resize(700, 420)
    missing = [b for b in dialog.blocks if b.item.focus][-1]
    for block in dialog.blocks:
        if block is not missing:
            block.rate(3)
        block.evidence.setPlainText("Clear evidence.")
    dialog.takeaways.setPlainText("Strong.")
    dialog.recommendation.setCurrentIndex(dialog.recommendation.findData("yes"))
    dialog.body_scroll.verticalScrollBar().setValue(0)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: missing.rating_error.isVisible(), timeout=5000)
    viewport = dialog.body_scroll.viewport()
    top_left = missing.rating_error.mapTo(viewport, missing.rating_error.rect().topLeft())
    assert 0 <= top_left.y() < viewport.height()  # scrolled to, not left below the fold
    assert "to complete before submitting" in dialog.save_state.text()
    qtbot.wait(AUTOSAVE_MS + 600)  # the autosave that follows keeps saying it
    assert "to complete before submitting" in dialog.save_state.text()


def fill_in(dialog: ScorecardDialog) -> None:
    for block in dialog.blocks:
        if block.item.focus:
            block.rate(3)
            block.evidence.setPlainText(f"Evidence on {block.item.name}.")
    dialog.recommendation.setCurrentIndex(dialog.recommendation.findData("yes"))


def test_submit_asks_once_and_keep_editing_is_the_safe_default(qtbot, dialog, onsite, monkeypatch):
    services, card, me = onsite
    fill_in(dialog)
    asked = answer(monkeypatch, "Keep editing")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [box.text() for box in asked] == [f"Submit your scorecard for {dialog.form.candidate}?"]
    assert "only be amended, with a reason" in asked[0].informativeText()
    assert asked[0].defaultButton().text() == "Keep editing"  # Enter alone never submits
    assert asked[0].escapeButton() is asked[0].defaultButton()
    dialog.ops.wait_idle()
    assert services.scorecards.form(card, me).status == "draft"
    assert not dialog.blocks[0].evidence.isReadOnly()  # still editing
    asked = answer(monkeypatch, "Submit")
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: dialog.form.status == "submitted", timeout=5000)
    assert len(asked) == 1
    assert services.scorecards.form(card, me).status == "submitted"


def test_after_submit_the_status_bar_says_so(qtbot, window, monkeypatch):
    services = window.holder.services
    me = services.profile.current()
    row = next(r for r in window.slate.rows() if r.status == "active" and r.stage == "Onsite")
    card = services.scorecards.open_or_create(row.application_id, row.stage_id, me.id)
    window.scorecards.open_scorecard(card)
    qtbot.waitUntil(lambda: window.scorecards.scorecard_dialog is not None, timeout=5000)
    dialog = window.scorecards.scorecard_dialog
    fill_in(dialog)
    answer(monkeypatch, "Submit")
    dialog.on_submit()
    qtbot.waitUntil(lambda: dialog.form.status == "submitted", timeout=5000)
    expected = f"Submitted your scorecard for {row.full_name}."
    qtbot.waitUntil(lambda: window.status_message.text() == expected, timeout=5000)
    dialog.close()


def test_submit_then_amend_with_a_reason(qtbot, dialog, onsite, monkeypatch):
    services, card, me = onsite
    fill_in(dialog)
    asked = answer(monkeypatch, "Submit")
    dialog.on_submit()
    qtbot.waitUntil(lambda: dialog.form.status == "submitted", timeout=5000)
    assert dialog.blocks[0].evidence.isReadOnly()
    assert dialog.amend_button.isVisible()
    # Read-only fields look it: not the input's white, and no date drop-down that opens nothing.
    from PySide6.QtGui import QPalette

    standard = dialog.style().standardPalette()
    window, base = (standard.color(r) for r in (QPalette.ColorRole.Window, QPalette.ColorRole.Base))
    assert window != base
    for field in (dialog.takeaways, dialog.private_notes, dialog.interview_at):
        assert field.palette().color(QPalette.ColorRole.Base) == window
    assert dialog.blocks[0].evidence.palette().color(QPalette.ColorRole.Base) == window
    assert not dialog.interview_at.calendarPopup()
    assert dialog.private_notes.placeholderText() == "Nothing written."
    dialog.on_amend("Second look at the design answer")
    assert dialog.private_notes.palette().color(QPalette.ColorRole.Base) == base
    assert dialog.interview_at.calendarPopup()
    assert dialog.private_notes.placeholderText().startswith("Private: never leaves")
    dialog.recommendation.setCurrentIndex(dialog.recommendation.findData("strong_yes"))
    dialog.on_submit()
    qtbot.waitUntil(lambda: dialog.form.version == 2, timeout=5000)
    assert len(asked) == 1  # the amendment asked for its reason instead
    form = services.scorecards.form(card, me)
    assert form.values.recommendation == "strong_yes"
    assert [v.reason for v in form.history] == ["Second look at the design answer"]
    assert "amended" in dialog.save_state.text()


def test_a_restored_draft_is_announced(qtbot, onsite, artifacts_dir):
    from hirepartner.services.scorecards import DraftValues
    from hirepartner.ui.ops import BackgroundOps

    services, card, me = onsite
    form = services.scorecards.form(card, me)
    item = form.items[0]
    services.scorecards.save_draft(
        card,
        me,
        form.revision,
        form.values,
        DraftValues(levels={item.competency_id: 2}, evidence={item.competency_id: "Typed before"}),
    )
    ops = BackgroundOps()
    view = ScorecardDialog(services.scorecards, ops, services.scorecards.form(card, me), me)
    qtbot.addWidget(view)
    view.resize(780, 900)
    view.show()
    assert view.banner.isVisible()
    assert "restored" in view.banner.text()
    assert view.blocks[0].level == 2
    assert view.blocks[0].evidence.toPlainText() == "Typed before"
    qtbot.wait(50)
    view.grab().save(str(artifacts_dir / "scorecard-form.png"))
    ops.wait_idle()


def test_closing_right_after_typing_keeps_the_last_words(qtbot, dialog, onsite):
    services, card, me = onsite
    block = dialog.blocks[0]
    block.evidence.setPlainText("First thought")
    dialog.save_now()  # a save is in flight…
    block.evidence.setPlainText("First thought, then the last words")
    dialog.close()  # …and the window closes before the autosave timer fires
    qtbot.waitUntil(lambda: not dialog.ops.busy, timeout=5000)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not dialog.ops.busy, timeout=5000)
    stored = services.scorecards.form(card, me).values
    assert stored.evidence[block.item.competency_id] == "First thought, then the last words"


def test_a_complaint_goes_once_its_field_is_filled(qtbot, dialog, monkeypatch):
    answer(monkeypatch, "Submit")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    focus = next(b for b in dialog.blocks if b.item.focus)
    qtbot.waitUntil(lambda: focus.rating_error.isVisible(), timeout=5000)
    focus.rate(3)
    assert not focus.rating_error.isVisible()
    if focus.evidence_error.isVisible():
        focus.evidence.setPlainText("Walked through the trade-offs.")
        assert not focus.evidence_error.isVisible()
