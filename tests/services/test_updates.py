"""The weekly update, the success summary of a hire, the weekly schedule, and slate feedback
reaching the recruiter; the figures in the slate packet."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from pdf_reading import pdf_text
from sqlalchemy import select
from test_metrics import T0, world  # noqa: F401 (the small world counted by hand)

from hirepartner.data.models import ApplicationEvent
from hirepartner.data.models.exchange import OutboxEnvelope
from hirepartner.errors import ValidationError
from hirepartner.packets.update import success_text, update_text
from hirepartner.secrets import TEAM_KEY


def test_weekly_update_says_what_moved_and_what_was_decided(world, tmp_path):  # noqa: F811
    services, req, ids, _stage, _slate = world
    services.debrief.decide(ids["D"], "hold", "Waiting for the hiring freeze to lift", ["Hana"])
    update = services.updates.weekly_update(req.id)
    assert update.since == update.until - timedelta(days=7)
    assert [line.candidate for line in update.decisions] == ["D"]
    assert any("Status active → on hold" in line.text for line in update.moved)
    text = update_text(update)
    assert "Feedback within the SLA: 50% (1 of 2), only 2" in text
    result = services.export.write(update, tmp_path / "u.pdf", tmp_path / "u.json")
    pdf = pdf_text((tmp_path / "u.pdf").read_bytes())
    assert "Weekly update" in pdf
    assert "Waiting for the hiring freeze to lift" in pdf
    assert result.pages >= 1
    assert json.loads((tmp_path / "u.json").read_text())["kind"] == "update"


def test_success_summary_of_a_hire(world, tmp_path):  # noqa: F811
    services, _req, ids, _stage, _slate = world
    summary = services.updates.success_summary(ids["A"])
    assert summary.candidate == "A"
    assert round(summary.days_to_hire) == 12
    assert summary.interviewers == ()  # the hand-made world's cards carry no ratings
    assert "We hired A for REQ-9 Platform Engineer!" in success_text(summary)
    services.export.write(summary, tmp_path / "s.pdf", send=True)
    with services.database.unit_of_work() as uow:
        kinds = uow.session.execute(select(OutboxEnvelope.kind, OutboxEnvelope.record_id)).all()
    assert ("packet", "packet:success:req-9:hire:a") in kinds
    with pytest.raises(ValidationError, match="is not marked hired"):
        services.updates.success_summary(ids["D"])


def test_a_hire_is_dated_by_its_status_change_not_by_a_note_saying_hired(world):  # noqa: F811
    services, _req, ids, stage, _slate = world
    hired_on = services.updates.success_summary(ids["A"]).hired_at
    assert hired_on == T0 + timedelta(days=12)  # the day the status became hired
    # A later history entry whose note says "hired" (here written as a synced peer would).
    with services.database.unit_of_work() as uow:
        uow.session.add(
            ApplicationEvent(
                application_id=ids["A"],
                at=T0 + timedelta(days=30),
                kind="stage",
                from_stage_id=stage["Offer"],
                to_stage_id=stage["Offer"],
                note="hired: onboarding buddy assigned",
            )
        )
        uow.commit()
    assert services.updates.success_summary(ids["A"]).hired_at == hired_on


def test_the_weekly_schedule_sends_once_a_week(world, tmp_path, clock):  # noqa: F811
    services, _req, *_ = world
    services.profile.set_current("Hana Manager", "hana@example.com", "hiring_manager")
    assert services.updates.send_due_updates() == 0  # no target: nothing
    (tmp_path / "x").mkdir()
    services.sync.add_target(
        "recruiter", "folder", {"path": str(tmp_path / "x"), "kinds": ["packet", "decision"]}
    )
    assert services.updates.send_due_updates() == 1
    assert services.updates.send_due_updates() == 0  # not a week yet
    clock.advance(days=7)
    assert services.updates.send_due_updates() == 1
    services.sync.secrets.set(TEAM_KEY, "a team key long enough")
    assert services.sync.sync().sent == 2
    names = sorted(p.name for p in (tmp_path / "x").iterdir())
    assert len([n for n in names if "weekly_update" in n and n.endswith(".pdf")]) == 2


def test_slate_feedback_reaches_the_recruiter_and_the_packet_has_the_figures(world, tmp_path):  # noqa: F811
    services, req, _ids, _stage, slate_id = world
    services.metrics.rate_slate(slate_id, 3, "Go and Kubernetes", "pure frontend")
    with services.database.unit_of_work() as uow:
        documents = uow.session.scalars(
            select(OutboxEnvelope.document).where(OutboxEnvelope.kind == "decision")
        ).all()
    payload = json.loads(documents[-1])["payload"]
    assert payload["type"] == "slate_feedback"
    assert (payload["fit"], payload["more_of"], payload["less_of"]) == (
        3,
        "Go and Kubernetes",
        "pure frontend",
    )
    assert {r["reason"] for r in payload["rejection_reasons"]} == {
        "Location",
        "Missing a must-have",
    }
    packet = services.export.slate_packet(req.id)
    figures = dict(packet.figures)
    assert figures["Feedback within the SLA"] == "50% (1 of 2), only 2"
    services.export.write(packet, tmp_path / "slate.pdf")
    assert "Shared metrics" in pdf_text((tmp_path / "slate.pdf").read_bytes())
