"""The notices the UI announces come from the Changes a use case returned, with typed kinds;
what a write changed reaches the change bus once: ops announces it, and no screen announces it
again by hand."""

from __future__ import annotations

from hirepartner.services.changes import Changes
from hirepartner.ui.changes import Change, ChangeKind, notices


def test_each_changed_application_becomes_one_notice():
    changes = Changes.of_applications([5, 2], [1])
    assert notices(changes) == (
        Change(ChangeKind.APPLICATION, 1, 2),
        Change(ChangeKind.APPLICATION, 1, 5),
    )


def test_everything_is_one_notice_and_a_requisition_names_itself():
    assert notices(Changes.everything() | Changes.of_requisition(3)) == (Change(ChangeKind.ALL),)
    assert notices(Changes.of_requisition(3)) == (Change(ChangeKind.REQUISITION, 3),)


def _notices(window) -> list[Change]:
    heard: list[Change] = []
    window.bus.changed.connect(heard.append)
    return heard


def _applications_of(window, candidate_id: int) -> set[int]:
    return {r.application_id for r in window.listing.rows if r.candidate_id == candidate_id}


def _row(window, application_id: int):
    return next(r for r in window.listing.rows if r.application_id == application_id)


def test_a_tag_and_a_note_and_their_undo_are_each_announced_once(
    qtbot, window, wait_idle, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    target = next(r for r in window.listing.rows if "keen" not in r.tags)
    window.slate.select_application(target.application_id)
    wait_idle(window)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("keen", True))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Call Friday.", True))
    heard = _notices(window)

    window.review.add_tag.trigger()
    wait_idle(window)
    # One notice per application of the candidate (each row shows the tag), none twice.
    assert len(heard) == len(set(heard))
    assert {c.application_id for c in heard} >= {target.application_id}
    assert {c.application_id for c in heard} <= _applications_of(window, target.candidate_id)
    assert {c.kind for c in heard} == {ChangeKind.APPLICATION}
    qtbot.waitUntil(lambda: "keen" in _row(window, target.application_id).tags)

    for step in (window.review.add_note.trigger, window.undo_action.trigger):
        heard.clear()
        step()
        wait_idle(window)
        assert heard == [
            Change(ChangeKind.APPLICATION, window.requisition_id, target.application_id)
        ]


def test_saving_the_brief_is_announced_once_for_its_requisition(qtbot, window, wait_idle):
    requisition_id = window.requisition_id
    window.intake.show_intake()
    dialog = window.intake.intake_dialog
    qtbot.waitUntil(lambda: dialog.plan.stages.count() > 0, timeout=5000)
    wait_idle(window)
    heard = _notices(window)
    dialog.summary.setPlainText("Owns the payments platform end to end.")
    dialog.save_brief.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved.", timeout=5000)
    wait_idle(window)
    assert heard == [Change(ChangeKind.REQUISITION, requisition_id=requisition_id)]
    dialog.close()


def test_a_new_signing_key_is_announced_once_as_a_team_change(qtbot, window, wait_idle):
    window.sync.show_team()
    dialog = window.sync.team_dialog
    qtbot.waitUntil(lambda: dialog.fingerprint.text() != "…", timeout=5000)
    wait_idle(window)
    heard = _notices(window)
    dialog.make_new_key()
    qtbot.waitUntil(lambda: "new fingerprint" in dialog.status.text(), timeout=5000)
    wait_idle(window)
    assert heard == [Change(ChangeKind.TEAM)]
    dialog.close()


def test_adding_a_person_is_announced_once(qtbot, window, wait_idle):
    window.setup.show_people()
    dialog = window.setup.people_dialog
    wait_idle(window)
    heard = _notices(window)
    dialog.on_add()
    dialog.person_dialog.submitted.emit("Rosa Diaz", "rosa@example.com", "interviewer")
    qtbot.waitUntil(lambda: dialog.status.text() == "Added Rosa Diaz.", timeout=5000)
    wait_idle(window)
    assert heard == [Change(ChangeKind.ALL)]  # names show everywhere: one reload, not two
    dialog.close()
