"""The notices the UI announces come from the Changes a use case returned, with typed kinds."""

from hirepartner.services.changes import ChangeKind, Changes
from hirepartner.ui.changes import Change, notices


def test_each_changed_application_becomes_one_notice():
    changes = Changes.of_applications([5, 2], [1])
    assert notices(changes) == (
        Change(ChangeKind.APPLICATION, 1, 2),
        Change(ChangeKind.APPLICATION, 1, 5),
    )


def test_everything_is_one_notice_and_a_requisition_names_itself():
    assert notices(Changes.everything() | Changes.of_requisition(3)) == (Change(ChangeKind.ALL),)
    assert notices(Changes.of_requisition(3)) == (Change(ChangeKind.REQUISITION, 3),)
