"""The exchange through a shared folder: the outbox written with the change, delivery and
application exactly once, higher versions win, tampering quarantined, erasure, slates."""

from __future__ import annotations

import json

import pytest
from exchange_world import (
    CANDIDATE,
    CODE,
    INTERVIEWER,
    MANAGER,
    TEAM_SECRET,
    build,
    join_team,
    recruiter_envelope,
    submit_scorecard,
)
from sqlalchemy import func, select

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.models import Candidate, Rating, Resume, Scorecard
from hirepartner.data.models.exchange import OutboxDelivery, OutboxEnvelope
from hirepartner.exchange.envelopes import attachment_file, envelope_file
from hirepartner.exchange.folder import FolderTransport
from hirepartner.secrets import TEAM_KEY, SecretUnavailable
from hirepartner.services.outbox import scorecard_record_id
from hirepartner.services.scorecards import DraftValues


@pytest.fixture
def exchange(tmp_path):
    folder = tmp_path / "exchange"
    folder.mkdir()
    return folder


@pytest.fixture
def pair(tmp_path, clock, exchange):
    """An interviewer's install and a hiring manager's, both on the same exchange folder."""
    built = []
    for name, me in (("interviewer", INTERVIEWER), ("manager", MANAGER)):
        services = build_services(sqlite_location(tmp_path / f"{name}.db"), clock=clock)
        world = build(services, me)
        services.sync.add_target("team", "folder", {"path": str(exchange)})
        built.append((services, world))
    join_team(*(services for services, _ in built))
    yield built
    for services, _world in built:
        services.close()


def _kinds(folder) -> list[str]:
    """The kind of every envelope file in the folder."""
    return [json.loads(path.read_bytes())["kind"] for path in folder.glob("*.envelope.json")]


def _count(services, query) -> int:
    with services.database.unit_of_work() as uow:
        return uow.session.scalar(query)


def _manager_card(services):
    with services.database.unit_of_work() as uow:
        card = uow.session.scalar(select(Scorecard))
        if card is None:
            return None
        ratings = uow.session.execute(
            select(Rating.level, Rating.evidence).where(Rating.scorecard_id == card.id)
        ).all()
        return card.status, card.version, card.private_notes, sorted(ratings)


def test_submit_writes_the_envelope_in_the_same_transaction(pair):
    (interviewer, world), _ = pair
    submit_scorecard(interviewer, world)
    with interviewer.database.unit_of_work() as uow:
        envelope = uow.session.scalar(
            select(OutboxEnvelope).order_by(OutboxEnvelope.id.desc()).limit(1)
        )
        kind, record, document = envelope.kind, envelope.record_id, envelope.document
        deliveries = [
            (d.target, d.state)
            for d in uow.session.scalars(
                select(OutboxDelivery).where(OutboxDelivery.envelope_id == envelope.id)
            )
        ]
    assert kind == "scorecard"
    assert record == scorecard_record_id(CODE, CANDIDATE, "Onsite", INTERVIEWER)
    assert deliveries == [("team", "pending")]
    assert "PRIVATE" not in document
    assert interviewer.sync.status().pending == 1


def test_a_failed_submit_writes_no_envelope(pair):
    (interviewer, world), _ = pair
    card = interviewer.scorecards.open_or_create(world["app"], world["stage"], world["ivy"])
    with pytest.raises(Exception, match="recommendation|rating|evidence"):
        interviewer.scorecards.submit(card, world["ivy"])
    assert (
        _count(
            interviewer,
            select(func.count())
            .select_from(OutboxEnvelope)
            .where(OutboxEnvelope.kind == "scorecard"),
        )
        == 0
    )


def test_the_scorecard_reaches_the_manager_once(pair, exchange):
    (interviewer, world), (manager, _) = pair
    submit_scorecard(interviewer, world)
    report = interviewer.sync.sync()
    assert (report.sent, report.failed) == (1, 0)
    assert interviewer.sync.status().pending == 0
    assert _kinds(exchange).count("scorecard") == 1
    report = manager.sync.sync()
    assert report.received == 1
    status, version, private, ratings = _manager_card(manager)
    assert (status, version, private) == ("submitted", 1, "")
    assert ratings == [(3, "Clean, tested code."), (4, "Sharded the ledger.")]
    again = manager.sync.sync()
    assert (again.received, again.skipped) == (0, 0)
    mine = interviewer.sync.sync()  # its own envelope is not applied back to itself
    assert mine.received == 0


def test_an_amendment_wins_and_an_old_copy_loses(pair, exchange):
    (interviewer, world), (manager, _) = pair
    card = submit_scorecard(interviewer, world)
    interviewer.sync.sync()
    old = next(
        p.read_bytes()
        for p in exchange.glob("*.envelope.json")
        if json.loads(p.read_bytes())["kind"] == "scorecard"
    )
    form = interviewer.scorecards.form(card, world["ivy"])
    changed = DraftValues(
        **{
            **form.values.__dict__,
            "evidence": {
                world["coding"]: "Re-read my notes: excellent tests.",
                world["design"]: "Sharded.",
            },
        }
    )
    interviewer.scorecards.amend(card, world["ivy"], "typo in the evidence", changed)
    interviewer.sync.sync()
    report = manager.sync.sync()  # both versions arrive, in any order: the higher one wins
    assert report.received + report.skipped == 2
    assert report.received >= 1
    assert _manager_card(manager)[1] == 2
    # The old version again, under a new uuid, signed by the interviewer (a re-send from a
    # restored backup): versions only move forward, so it is quarantined, and changes nothing.
    body = json.loads(old)
    for field in ("signature", "author_signature", "signer"):
        body.pop(field)
    from hirepartner.exchange import envelopes
    from hirepartner.services.team_keys import own_signer

    body["uuid"] = envelopes.new_uuid()
    with interviewer.database.unit_of_work() as uow:
        ivy = own_signer(uow.session, interviewer.sync.secrets, interviewer.clock())
    (exchange / envelope_file(body["uuid"])).write_bytes(
        envelopes.sign(body, manager.sync.team_key(), ivy)
    )
    report = manager.sync.sync()
    assert (report.received, report.skipped, report.quarantined) == (0, 0, 1)
    assert "older than version 2" in manager.sync.quarantined()[0].reason
    assert _manager_card(manager)[3][0][1] == "Re-read my notes: excellent tests."


@pytest.mark.parametrize("damage", ["tamper", "unsign", "attachment", "foreign key"])
def test_damaged_envelopes_are_quarantined_never_applied(pair, exchange, damage):
    (_, _), (manager, _) = pair
    payload = {
        "requisition": CODE,
        "name": "Week 45",
        "candidates": [
            {"full_name": "Grace Hopper", "email": "grace@example.com", "resume": "grace.pdf"}
        ],
    }
    key = "someone else's key" if damage == "foreign key" else TEAM_SECRET
    uuid, document, files = recruiter_envelope(
        "slate", f"slate:{CODE}:week45", 1, payload, {"grace.pdf": b"%PDF-1.4 resume"}, key=key
    )
    if damage == "tamper":
        document = document.replace(b"Grace Hopper", b"Mallory Evil")
    elif damage == "unsign":
        body = json.loads(document)
        body.pop("signature")
        document = json.dumps(body).encode()
    elif damage == "attachment":
        files = {"grace.pdf": b"%PDF-1.4 swapped"}
    FolderTransport("x", exchange).deliver(uuid, document, files)
    report = manager.sync.sync()
    assert report.quarantined == 1
    assert report.received == 0
    assert any("quarantined" in e for e in report.errors)
    assert (
        _count(
            manager,
            select(func.count())
            .select_from(Candidate)
            .where(Candidate.email == "grace@example.com"),
        )
        == 0
    )
    assert [q.uuid for q in manager.sync.quarantined()] == [uuid]
    assert manager.sync.sync().quarantined == 0  # reported once, not re-read every sync


def test_a_recruiters_slate_arrives_with_resumes(pair, exchange):
    (_, _), (manager, _) = pair
    payload = {
        "requisition": CODE,
        "name": "Week 45",
        "candidates": [
            {
                "full_name": "Grace Hopper",
                "email": "grace@example.com",
                "current_company": "Navy",
                "tags": ["cobol"],
                "resume": "grace.pdf",
            },
            {"full_name": "Ada Lovelace", "email": CANDIDATE, "current_title": "Analyst"},
        ],
    }
    uuid, document, files = recruiter_envelope(
        "slate", f"slate:{CODE}:week45", 1, payload, {"grace.pdf": b"%PDF-1.4 resume"}
    )
    for _ in range(3):  # the same envelope delivered three times
        FolderTransport("x", exchange).deliver(uuid, document, files)
    report = manager.sync.sync()
    assert report.received == 1
    assert manager.sync.sync().received == 0
    rows = {r.full_name: r for r in manager.slates.list_slate(1).rows}
    assert rows["Grace Hopper"].current_company == "Navy"
    assert rows["Ada Lovelace"].current_title == "Analyst"
    assert _count(manager, select(func.count()).select_from(Resume)) == 1
    assert _count(manager, select(func.count()).select_from(Candidate)) == 2


def test_a_scorecard_before_its_slate_waits_on_the_target(pair, exchange):
    (interviewer, world), (manager, _) = pair
    with manager.database.unit_of_work() as uow:  # the manager has not received Ada yet
        uow.session.delete(uow.session.get(Candidate, 1))
        uow.commit()
    submit_scorecard(interviewer, world)
    interviewer.sync.sync()
    report = manager.sync.sync()
    assert (report.received, report.waiting) == (0, 1)
    manager.pipeline.add_application(
        manager.pipeline.add_candidate("Ada Lovelace", email=CANDIDATE).id, 1
    )
    assert manager.sync.sync().received == 1


def test_an_erasure_removes_the_candidate_everywhere_it_was_applied(pair, exchange):
    (interviewer, world), (manager, _) = pair
    submit_scorecard(interviewer, world)
    interviewer.sync.sync()
    manager.sync.sync()
    uuid, document, files = recruiter_envelope(
        "erasure", f"erasure:{CANDIDATE}", 1, {"candidate": CANDIDATE}
    )
    FolderTransport("x", exchange).deliver(uuid, document, files)
    for services in (manager, interviewer):
        assert services.sync.sync().received == 1
        assert _count(services, select(func.count()).select_from(Candidate)) == 0
        assert _count(services, select(func.count()).select_from(Scorecard)) == 0
        with services.database.unit_of_work() as uow:
            leftovers = uow.session.scalars(select(OutboxEnvelope.document)).all()
        assert not any(CANDIDATE in doc for doc in leftovers)


def test_the_outbox_survives_a_restart(tmp_path, clock, exchange):
    path = tmp_path / "solo.db"
    services = build_services(sqlite_location(path), clock=clock)
    world = build(services, INTERVIEWER)
    submit_scorecard(services, world)  # offline: no target yet
    services.close()
    services = build_services(sqlite_location(path), clock=clock)
    try:
        services.sync.add_target("team", "folder", {"path": str(exchange)})
        assert services.sync.status().pending == 1
        # the scorecard, and the announcement of the key this first sync made to sign it
        assert services.sync.sync().sent == 2
        assert sorted(_kinds(exchange)) == ["member_key", "scorecard"]
    finally:
        services.close()


def test_without_a_team_key_sync_says_so(pair, memory_keyring):
    (interviewer, _), _ = pair
    interviewer.sync.secrets.delete(TEAM_KEY)
    with pytest.raises(
        SecretUnavailable, match="No team key is stored or set \\$HIREPARTNER_TEAM_KEY"
    ):
        interviewer.sync.sync()


def test_a_missing_folder_is_reported_and_retried_with_backoff(pair, exchange, clock):
    (interviewer, world), _ = pair
    submit_scorecard(interviewer, world)
    exchange.rename(exchange.with_name("unmounted"))
    report = interviewer.sync.sync()
    assert report.sent == 0
    assert "not there" in report.errors[0]
    assert "not there" in interviewer.sync.status().errors[0]
    assert interviewer.sync.status().pending == 1
    exchange.with_name("unmounted").rename(exchange)
    assert interviewer.sync.sync().sent == 0  # not due yet: the folder check failed first
    clock.advance(minutes=2)
    assert interviewer.sync.sync().sent == 1
    assert interviewer.sync.status().errors == ()


def test_attachment_names_cannot_escape_the_folder(exchange):
    assert attachment_file("u", "../../etc/passwd") == "u--etc_passwd"


def test_erasing_here_erases_there(pair):
    (interviewer, world), (manager, _) = pair
    submit_scorecard(interviewer, world)
    interviewer.sync.sync()
    manager.sync.sync()
    result = manager.privacy.erase_candidate(CANDIDATE.upper())
    assert result.removed == 1
    assert _count(manager, select(func.count()).select_from(Candidate)) == 0
    assert manager.sync.sync().sent == 1
    assert interviewer.sync.sync().received == 1
    assert _count(interviewer, select(func.count()).select_from(Candidate)) == 0


def test_a_decision_goes_to_the_recruiter_folder(pair, tmp_path):
    (_, _), (manager, world) = pair
    recruiter = tmp_path / "recruiter"
    recruiter.mkdir()
    manager.sync.add_target(
        "recruiter", "folder", {"path": str(recruiter), "kinds": ["packet", "decision"]}
    )
    manager.debrief.decide(world["app"], "advance", "Strong signal on coding.", ["Hana"])
    manager.sync.sync()
    documents = [json.loads(p.read_bytes()) for p in recruiter.glob("*.envelope.json")]
    assert [d["kind"] for d in documents] == ["decision"]
    assert documents[0]["payload"]["outcome"] == "advance"
    assert documents[0]["signature"]


def test_an_envelope_whose_attachment_is_not_there_yet_waits_and_the_rest_apply(pair, exchange):
    (interviewer, world), (manager, _) = pair
    payload = {
        "requisition": CODE,
        "name": "Week 47",
        "candidates": [{"full_name": "Grace Hopper", "email": "g@example.com", "resume": "g.pdf"}],
    }
    uuid, document, files = recruiter_envelope("slate", "s", 1, payload, {"g.pdf": b"%PDF-1.4 r"})
    FolderTransport("x", exchange).deliver(uuid, document, files)
    resume = exchange / attachment_file(uuid, "g.pdf")
    held = resume.read_bytes()
    resume.unlink()  # a cloud drive that synced the envelope before its attachment
    submit_scorecard(interviewer, world)
    interviewer.sync.sync()
    report = manager.sync.sync()
    assert (report.received, report.waiting, report.quarantined) == (1, 1, 0)
    assert _manager_card(manager) is not None
    resume.write_bytes(held)
    assert manager.sync.sync().received == 1
