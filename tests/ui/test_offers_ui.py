"""The offer step in the window: make an offer through the Candidate menu's dialog, record the
answer, see it on the candidate panel, undo both; and the dialogs' own checks."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from hirepartner.domain import DeclineReason
from hirepartner.ui.review.offer_dialog import (
    MakeOfferDialog,
    OfferAcceptedDialog,
    OfferDeclinedDialog,
)


def _rows(window):
    return [window.slate.proxy.row_at(i) for i in range(window.slate.proxy.rowCount())]


def _row_of(window, application_id):
    return next(r for r in window.listing.rows if r.application_id == application_id)


def _select_at_last_stage(qtbot, window, status):
    last = window.review.stages[-1].stage_id
    target = next(r for r in _rows(window) if r.stage_id == last and r.status == status)
    window.slate.select_application(target.application_id)
    qtbot.waitUntil(
        lambda: (
            window.panel.detail is not None
            and window.panel.detail.application_id == target.application_id
        )
    )
    return target


def _candidate_menu_texts(window):
    return [a.text() for a in window.candidate_menu.actions()]


def test_make_an_offer_accept_it_and_undo_both(qtbot, window, wait_idle, monkeypatch):
    assert {"Make an o&ffer…", "Offer &accepted…", "Offer &declined…"} <= set(
        _candidate_menu_texts(window)
    )
    target = _select_at_last_stage(qtbot, window, "active")
    app_id, today = target.application_id, window.holder.services.clock().date()
    assert window.review.make_offer.isEnabled()
    assert not window.review.offer_accepted.isEnabled()

    def make(dialog):
        assert dialog.extended_on == today
        dialog.expires_check.setChecked(True)
        dialog.notes.setPlainText("Level 5, relocation paid")
        return MakeOfferDialog.DialogCode.Accepted

    monkeypatch.setattr(MakeOfferDialog, "exec", make)
    window.review.make_offer.trigger()
    qtbot.waitUntil(lambda: _row_of(window, app_id).status == "offer")
    assert window.undo_stack.undoText() == f"Make an offer to {target.full_name}"
    qtbot.waitUntil(lambda: window.panel.offer.isVisible())
    assert window.panel.offer.text().startswith(f"Extended on {today.day} {today:%b %Y}, expires")
    assert "Level 5, relocation paid" in window.panel.offer.text()

    window.slate.select_application(app_id)
    qtbot.waitUntil(lambda: window.review.offer_accepted.isEnabled())
    assert not window.review.make_offer.isEnabled()
    start = date(today.year + 1, 1, 4)

    def accept(dialog):
        dialog.start.setDate(QDate(start))
        return OfferAcceptedDialog.DialogCode.Accepted

    monkeypatch.setattr(OfferAcceptedDialog, "exec", accept)
    window.review.offer_accepted.trigger()
    qtbot.waitUntil(lambda: _row_of(window, app_id).status == "hired")
    qtbot.waitUntil(lambda: "starts 4 Jan" in window.panel.offer.text())
    assert window.panel.offer.text().startswith(f"Accepted on {today.day} {today:%b %Y}")

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: _row_of(window, app_id).status == "offer")
    qtbot.waitUntil(lambda: window.panel.offer.text().startswith("Extended on"))
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: _row_of(window, app_id).status == "active")
    qtbot.waitUntil(lambda: not window.panel.offer.isVisible())
    wait_idle(window)
    assert window.holder.services.offers.current_offer(app_id) is None


def test_a_declined_offer_shows_its_reason(qtbot, window, monkeypatch):
    target = _select_at_last_stage(qtbot, window, "offer")
    app_id = target.application_id
    qtbot.waitUntil(lambda: window.review.offer_declined.isEnabled())

    def decline(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData("other_offer"))
        return OfferDeclinedDialog.DialogCode.Accepted

    monkeypatch.setattr(OfferDeclinedDialog, "exec", decline)
    window.review.offer_declined.trigger()
    qtbot.waitUntil(lambda: _row_of(window, app_id).status == "withdrawn")
    qtbot.waitUntil(lambda: "Declined on" in window.panel.offer.text())
    assert window.panel.offer.text().splitlines()[0].endswith(": Took another offer")
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: _row_of(window, app_id).status == "offer")


def test_offer_actions_are_off_before_the_last_stage(qtbot, window):
    last = window.review.stages[-1].stage_id
    target = next(r for r in _rows(window) if r.stage_id != last and r.status == "active")
    window.slate.select_application(target.application_id)
    qtbot.waitUntil(lambda: window.review.current.application_id == target.application_id)
    assert not window.review.make_offer.isEnabled()
    assert not window.review.offer_accepted.isEnabled()
    assert not window.review.offer_declined.isEnabled()


def test_the_dialogs_say_what_is_wrong_and_close_with_escape(qtbot):
    made = date(2026, 11, 2)
    dialog = MakeOfferDialog("Ada Lovelace", made)
    qtbot.addWidget(dialog)
    assert dialog.expires_on is None  # no expiry unless ticked
    dialog.expires_check.setChecked(True)
    dialog.expires.setDate(QDate(2026, 11, 1))
    dialog.accept()
    assert dialog.result() != MakeOfferDialog.DialogCode.Accepted
    assert dialog.error.text().startswith("The expiry date (1 Nov 2026) is before")

    accepted = OfferAcceptedDialog("Ada Lovelace", made, date(2026, 11, 5))
    qtbot.addWidget(accepted)
    assert accepted.start_on is None
    assert accepted.start.text() == "Choose a date"
    accepted.accept()
    assert accepted.error.text() == "Choose a start date for the accepted offer."
    assert accepted.responded.minimumDate() == QDate(2026, 11, 2)

    declined = OfferDeclinedDialog("Ada Lovelace", made, date(2026, 11, 5))
    qtbot.addWidget(declined)
    assert [declined.reason.itemText(i) for i in range(declined.reason.count())] == [
        r.label for r in DeclineReason
    ]
    declined.reason.setCurrentIndex(declined.reason.findData("other"))
    declined.accept()
    assert declined.error.text() == (
        "Say in the note why Ada Lovelace declined (the reason is Other)."
    )
    declined.show()
    qtbot.waitExposed(declined)
    qtbot.keyClick(declined, Qt.Key.Key_Escape)
    assert not declined.isVisible()
