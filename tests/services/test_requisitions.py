"""Creating and listing requisitions with their pipeline figures."""

import pytest

from hirepartner.errors import NotFoundError, ValidationError
from hirepartner.services.requisitions import DEFAULT_STAGES


def test_a_new_requisition_gets_a_code_and_the_default_plan(services):
    req = services.requisitions.create_requisition("Backend Engineer", team="Payments")
    assert req.code == "REQ-1001"
    assert [stage.name for stage in req.stages] == list(DEFAULT_STAGES)
    assert req.candidates_in_process == 0
    assert services.requisitions.list_requisitions() == (req,)


def test_counts_per_stage_leave_out_closed_applications(services):
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen", "Onsite"])
    apps = [
        services.pipeline.add_application(
            services.pipeline.add_candidate(f"Candidate {i}").id, req.id
        )
        for i in range(3)
    ]
    services.pipeline.move_stage(apps[0].id, req.stages[1].stage_id)
    services.pipeline.reject(apps[1].id, "level_mismatch")
    listed = services.requisitions.get_requisition(req.id)
    assert [(s.name, s.candidates) for s in listed.stages] == [("Screen", 1), ("Onsite", 1)]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "X", "headcount": 0}, "headcount"),
        ({"title": "X", "feedback_sla_hours": 0}, "feedback SLA"),
        ({"title": "X", "stages": ["A", "A"]}, "stages"),
        ({"title": "X", "stages": []}, "stages"),
        ({"title": "X", "hiring_manager_id": 99}, None),
    ],
)
def test_bad_values_are_refused_naming_the_field(services, kwargs, field):
    with pytest.raises((ValidationError, NotFoundError)) as info:
        services.requisitions.create_requisition(**kwargs)
    if field:
        assert str(info.value).startswith(field)
    assert services.requisitions.list_requisitions() == ()


def test_duplicate_codes_are_refused(services):
    services.requisitions.create_requisition("A", code="ENG-1")
    with pytest.raises(ValidationError, match="ENG-1 is already used"):
        services.requisitions.create_requisition("B", code="ENG-1")


def test_unknown_requisition_is_a_clear_error(services):
    with pytest.raises(NotFoundError, match="No requisition with id 42"):
        services.requisitions.get_requisition(42)
