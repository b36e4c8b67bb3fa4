"""This install's key over time: a key changed under the app, a key the manager revoked, old
keys that waited, and a target that does not answer costing one wait, not one per file."""

from __future__ import annotations

import json
import socket

import pytest
from exchange_world import INTERVIEWER, MANAGER, build, join_team, submit_scorecard
from sqlalchemy import select

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.models.exchange import OutboxEnvelope
from hirepartner.exchange import signing
from hirepartner.services.team_keys import SIGNING_KEY_ENV, SigningKeyMissing


@pytest.fixture
def team(tmp_path, clock):
    folder = tmp_path / "exchange"
    folder.mkdir()
    installs = []
    for name, me in (("ivy", INTERVIEWER), ("hana", MANAGER)):
        services = build_services(sqlite_location(tmp_path / f"{name}.db"), clock=clock)
        world = build(services, me)
        services.sync.add_target("team", "folder", {"path": str(folder)})
        installs.append((services, world))
    (ivy, world), (hana, _) = installs
    join_team(ivy, hana)
    yield ivy, world, hana, folder
    for services, _ in installs:
        services.close()


def _announcements(services) -> list[str]:
    with services.database.unit_of_work() as uow:
        documents = uow.session.scalars(
            select(OutboxEnvelope.document).where(OutboxEnvelope.kind == "member_key")
        ).all()
    return [json.loads(d)["payload"]["key"] for d in documents]


def test_a_key_changed_under_the_app_is_the_one_shown_and_announced(team, monkeypatch):
    ivy, _, _, _ = team
    before = ivy.team.current_key()
    assert before is not None
    ivy.team.new_key()  # an announcement waits in the outbox…
    other = signing.new_private_key()
    monkeypatch.setenv(SIGNING_KEY_ENV, other)  # …then the app is started with another key
    assert ivy.team.current_key() is None  # not the recorded one: the dialog makes it current
    shown = ivy.team.my_key()
    assert shown.fingerprint == signing.fingerprint(signing.public_key_of(other))
    waiting = _announcements(ivy)[-1:]
    assert waiting == [signing.public_key_of(other)]  # the stale announcement is gone
    assert len(_announcements(ivy)) == 1
    with pytest.raises(SigningKeyMissing, match=f"comes from \\${SIGNING_KEY_ENV}"):
        ivy.team.new_key()


def test_a_member_whose_key_was_revoked_is_told_and_sends_nothing(team):
    ivy, world, hana, folder = team
    hana.team.revoke(INTERVIEWER)
    hana.sync.sync()
    ivy.sync.sync()  # the manager's roster arrives: this install's key is revoked
    submit_scorecard(ivy, world)
    files = sorted(p.name for p in folder.iterdir())
    with pytest.raises(SigningKeyMissing, match="revoked your signing key"):
        ivy.sync.sync()
    with pytest.raises(SigningKeyMissing, match="revoked your signing key"):
        ivy.team.current_key()
    assert sorted(p.name for p in folder.iterdir()) == files  # nothing was sent
    ivy.team.new_key()  # on purpose: a new key, to be enrolled again
    assert ivy.team.current_key() is not None


def test_enrolling_a_key_retires_the_older_ones_that_waited(team):
    ivy, _, hana, _ = team
    first = ivy.team.new_key().key
    ivy.sync.sync()
    second = ivy.team.new_key().key
    ivy.sync.sync()
    hana.sync.sync()
    pending = {m.fingerprint for m in hana.team.members() if m.state == "pending"}
    assert pending == {first.fingerprint, second.fingerprint}
    hana.team.enroll(INTERVIEWER, second.fingerprint)
    states = {m.fingerprint: m.state for m in hana.team.members()}
    assert states[second.fingerprint] == "active"
    assert states.get(first.fingerprint, "replaced") == "replaced"
    assert not [m for m in hana.team.members() if m.state == "pending"]


def test_a_target_that_does_not_answer_is_waited_for_once_per_sync(team):
    _, _, hana, _ = team
    with socket.socket() as probe:  # a port nobody listens on: connections are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hana.sync.add_target("dead", "webdav", {"url": f"http://127.0.0.1:{port}/dav/"})
    from hirepartner.services.outbox import enqueue

    with hana.database.unit_of_work() as uow:
        for n in range(5):
            enqueue(
                uow.session,
                hana.clock(),
                kind="packet",
                record_id=f"packet:t:{n}",
                version=1,
                payload={"requisition": "REQ-7", "subject": f"P{n}"},
            )
        uow.commit()
    report = hana.sync.sync("dead")
    assert report.failed == 1  # the first refusal ends sending to it for this sync
    assert "connection refused" in report.errors[0]
