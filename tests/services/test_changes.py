"""Write use cases return what they changed, as typed Changes the UI announces."""

from hirepartner.services.changes import ChangeKind, Changes


def test_a_stage_move_an_offer_and_a_decision_say_which_application_changed(services):
    services.fill_demo(candidates=20, seed=4)
    row = next(r for r in services.slates.list_slate(1).rows if r.status == "active")
    moved = services.pipeline.set_status(row.application_id, "on_hold", "budget")
    assert moved.changes == Changes.of_applications([row.application_id], [1])
    assert moved.changes.touches(ChangeKind.APPLICATION)
    assert not moved.changes.touches(ChangeKind.REQUISITION)
    decided = services.debrief.decide(row.application_id, "hold", "Still waiting", ["Mei Lin"])
    assert decided.changes.application_ids == {row.application_id}
    assert services.people.people()[0].changes == Changes.everything()  # names show everywhere


def test_changes_combine_and_everything_touches_every_kind():
    one = Changes.of_applications([3])
    both = one | Changes.of_requisition(7)
    assert both.kinds == {ChangeKind.APPLICATION, ChangeKind.REQUISITION}
    assert both.application_ids == {3}
    assert both.requisition_ids == {7}
    assert all(Changes.everything().touches(kind) for kind in ChangeKind)
