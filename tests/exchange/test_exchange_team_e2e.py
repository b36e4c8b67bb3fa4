"""End to end: a hiring manager's install and three interviewers', each with its own signing
key, exchanging through a real WebDAV server on loopback. Enrollment goes the real way (keys
announced by sync, enrolled by fingerprint, the roster following); then scorecards, a forgery,
and a revocation."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from exchange_world import INTERVIEWER, MANAGER, build, submit_scorecard
from servers import DAV_PASSWORD, DAV_USER, WebDavServer
from sqlalchemy import select

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.models import Person, Scorecard
from hirepartner.errors import InvalidValue
from hirepartner.exchange import envelopes
from hirepartner.exchange.envelopes import Signer
from hirepartner.exchange.webdav import WebDavTransport
from hirepartner.services.scorecards import DraftValues
from hirepartner.services.team_keys import own_signer

OTTO, UMA = "otto@example.com", "uma@example.com"
REVOKED = f"signed by {UMA}, whose key was revoked on"
INTERVIEWERS = {
    INTERVIEWER: "Ivy Interviewer",
    OTTO: "Otto Interviewer",
    UMA: "Uma Interviewer",
}


@pytest.fixture
def team(tmp_path, clock):
    """The four installs on one WebDAV collection: {email: (services, world)}."""
    root = tmp_path / "dav"
    root.mkdir()
    server = WebDavServer(root)
    installs = {}
    try:
        for email in (MANAGER, *INTERVIEWERS):
            services = build_services(sqlite_location(tmp_path / f"{email}.db"), clock=clock)
            world = build(services, MANAGER if email == MANAGER else INTERVIEWER)
            if email in (OTTO, UMA):  # the same world, used by another interviewer
                services.profile.set_current(INTERVIEWERS[email], email, "interviewer")
            services.sync.add_target(
                "team", "webdav", {"url": server.url, "username": DAV_USER}, secret=DAV_PASSWORD
            )
            installs[email] = (services, world)
        yield installs, server
    finally:
        for services, _world in installs.values():
            services.close()
        server.stop()


def _keys(services) -> dict[str, tuple[str, str]]:
    """The keys an install knows: {email: (state, source)} of each one not replaced."""
    return {
        key.email: (key.state, key.source)
        for key in services.team.members()
        if key.state != "replaced"
    }


def _cards(services) -> dict[str, tuple[int, str]]:
    """The scorecards an install holds: {interviewer email: (version, recommendation)}."""
    with services.database.unit_of_work() as uow:
        rows = uow.session.execute(
            select(Person.email, Scorecard.version, Scorecard.recommendation).join(
                Person, Person.id == Scorecard.interviewer_id
            )
        ).all()
    return {email: (version, recommendation) for email, version, recommendation in rows}


def _quarantined(services) -> list[str]:
    return [entry.reason for entry in services.sync.quarantined()]


def _enroll_the_team(installs) -> None:
    manager = installs[MANAGER][0]
    interviewers = [installs[email][0] for email in INTERVIEWERS]
    for services in interviewers:
        assert services.sync.sync().errors == []  # each announces its key
    manager.sync.sync()  # the three announcements arrive, and the manager's goes out
    assert {email: state for email, (state, _) in _keys(manager).items()} == {
        MANAGER: "active",
        INTERVIEWER: "pending",
        OTTO: "pending",
        UMA: "pending",
    }
    # A fingerprint read out wrong (Uma's, for Otto) is refused in words; nothing is enrolled.
    with pytest.raises(InvalidValue, match="does not match the key received for otto"):
        manager.team.enroll(OTTO, installs[UMA][0].team.my_key().fingerprint)
    assert _keys(manager)[OTTO] == ("pending", "enrolled")
    for email in INTERVIEWERS:
        shown = installs[email][0].team.my_key().fingerprint  # what the interviewer reads out
        manager.team.enroll(email, shown.lower().replace("-", " "))  # typed as heard
    manager_fingerprint = manager.team.my_key().fingerprint
    for services in interviewers:
        services.sync.sync()  # the manager's announcement arrives
        services.team.enroll(MANAGER, manager_fingerprint)
    for services in interviewers:  # the others announced keys, which nobody enrolled here
        assert {_keys(services)[other][0] for other in INTERVIEWERS} == {"active", "pending"}
    manager.sync.sync()  # the roster goes out
    for services in interviewers:
        services.sync.sync()  # and arrives


def test_three_interviewers_and_their_manager_exchange_through_webdav(team):
    installs, server = team
    manager = installs[MANAGER][0]
    _enroll_the_team(installs)

    # The roster made every interviewer known to every other, by the manager's word.
    for email in INTERVIEWERS:
        keys = _keys(installs[email][0])
        assert {other: state for other, (state, _) in keys.items()} == dict.fromkeys(
            (MANAGER, *INTERVIEWERS), "active"
        )
        assert keys[MANAGER] == ("active", "enrolled")

    # Each interviewer scores Ada; the manager receives all three.
    for email in INTERVIEWERS:
        services, own_world = installs[email]
        submit_scorecard(services, own_world, evidence=f"Seen by {email}.")
        assert services.sync.sync().errors == []
    report = manager.sync.sync()
    assert (report.received, report.quarantined) == (3, 0)
    assert _cards(manager) == dict.fromkeys(INTERVIEWERS, (1, "yes"))
    for email in INTERVIEWERS:  # and each interviewer the other two
        installs[email][0].sync.sync()
        assert _cards(installs[email][0]) == dict.fromkeys(INTERVIEWERS, (1, "yes"))

    # Otto sends a scorecard in Uma's name, signed with his own key, once as himself and once
    # claiming to be Uma: both quarantined, her scorecard unchanged.
    otto = installs[OTTO][0]
    with otto.database.unit_of_work() as uow:
        otto_key = own_signer(uow.session, otto.sync.secrets, otto.clock()).private_key
    transport = WebDavTransport("dav", server.url, DAV_USER, DAV_PASSWORD)
    try:
        documents = (json.loads(transport.document(u)) for u in transport.incoming())
        uma_card = next(b for b in documents if b["kind"] == "scorecard" and b["author"] == UMA)
        for claimed in (OTTO, UMA):
            forged = envelopes.unsigned(
                envelope_uuid=envelopes.new_uuid(),
                kind="scorecard",
                author=claimed,
                device=uma_card["device"],
                created_at=datetime(2026, 11, 2, 10, 0),
                record_id=uma_card["record"]["id"],
                version=7,
                payload={**uma_card["payload"], "recommendation": "strong_no"},
                attachments={},
            )
            document = envelopes.sign(forged, otto.sync.team_key(), Signer(claimed, otto_key))
            transport.deliver(forged["uuid"], document, {})
    finally:
        transport.close()
    report = manager.sync.sync()
    assert (report.received, report.quarantined) == (0, 2)
    assert sorted(_quarantined(manager)) == [
        f"signed by {OTTO}, but the scorecard is {UMA}'s: only the interviewer writes their "
        "scorecard",
        f"signed with the key of {OTTO}, but it claims to be from {UMA}",
    ]
    assert _cards(manager)[UMA] == (1, "yes")

    # The manager revokes Uma; her amendment is quarantined everywhere the roster reached.
    assert manager.team.revoke(UMA).count == 1
    manager.sync.sync()  # the roster goes out
    uma, uma_world = installs[UMA]
    card = next(iter(_card_ids(uma)))
    form = uma.scorecards.form(card, uma_world["ivy"])
    changed = DraftValues(**{**form.values.__dict__, "recommendation": "strong_yes"})
    uma.scorecards.amend(card, uma_world["ivy"], "second thoughts", changed)
    uma.sync.sync()
    report = manager.sync.sync()
    assert report.quarantined == 1
    assert sum(REVOKED in reason for reason in _quarantined(manager)) == 1
    assert _cards(manager)[UMA] == (1, "yes")
    for email in (INTERVIEWER, OTTO):
        services = installs[email][0]
        before = _cards(services)[UMA]
        services.sync.sync()  # the roster first, then Uma's amendment
        assert _keys(services)[UMA][0] == "revoked"
        assert sum(REVOKED in reason for reason in _quarantined(services)) == 1
        assert _cards(services)[UMA] == before == (1, "yes")


def _card_ids(services) -> list[int]:
    with services.database.unit_of_work() as uow:
        return list(uow.session.scalars(select(Scorecard.id)))
