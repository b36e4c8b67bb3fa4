"""A forgery suite: an insider who holds the team key (or a broken sender) tries one attack per
test. Each envelope is quarantined with its reason and the database does not change."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import pytest
from exchange_world import (
    CANDIDATE,
    CODE,
    INTERVIEWER,
    MANAGER,
    RECRUITER,
    RECRUITER_KEY,
    TEAM_SECRET,
    build,
    join_team,
    public,
    recruiter_envelope,
    submit_scorecard,
)
from sqlalchemy import select, text

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.models.exchange import OutboxEnvelope
from hirepartner.errors import InvalidValue
from hirepartner.exchange import envelopes, signing
from hirepartner.exchange.envelopes import Signer, envelope_file
from hirepartner.exchange.folder import FolderTransport
from hirepartner.services.scorecards import DraftValues
from hirepartner.services.team_keys import SigningKeyMissing, secret_name

MALLORY = "mallory@example.com"
MALLORY_KEY = signing.new_private_key()
TABLES = ("candidate", "application", "scorecard", "rating", "person", "team_key", "slate")


@pytest.fixture
def team(tmp_path, clock, memory_keyring):
    """Ivy's install and Hana's (the hiring manager), on one folder; Hana has also enrolled
    Mallory, an interviewer who holds the team key and her own enrolled key."""
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
    hana.team.enroll(
        MALLORY,
        signing.fingerprint(public(MALLORY_KEY)),
        role="interviewer",
        name="Mallory",
        public_key=public(MALLORY_KEY),
    )
    hana.sync.sync()  # the new roster goes out
    ivy.sync.sync()  # and reaches Ivy: Mallory is a known member there too
    submit_scorecard(ivy, world)
    ivy.sync.sync()
    assert hana.sync.sync().received == 1
    yield ivy, world, hana, folder
    for services, _ in installs:
        services.close()


def snapshot(services) -> dict[str, list]:
    """Every row of the tables an attack could touch."""
    with services.database.unit_of_work() as uow:
        return {
            table: sorted(map(tuple, uow.session.execute(text(f"SELECT * FROM {table}"))))
            for table in TABLES
        }


def ivy_scorecard_payload(ivy) -> dict:
    with ivy.database.unit_of_work() as uow:
        document = uow.session.scalar(
            select(OutboxEnvelope.document).where(OutboxEnvelope.kind == "scorecard")
        )
    return json.loads(document)["payload"]


def drop(folder, kind, payload, signer, *, record_id="x", version=1, key=TEAM_SECRET) -> str:
    """An envelope signed by `signer` and the team key, left in the exchange folder."""
    envelope_uuid = envelopes.new_uuid()
    body = envelopes.unsigned(
        envelope_uuid=envelope_uuid,
        kind=kind,
        author=signer.email,
        device=f"device-of-{signer.email}",
        created_at=datetime(2026, 11, 3, 9, 0),
        record_id=record_id,
        version=version,
        payload=payload,
        attachments={},
    )
    FolderTransport("x", folder).deliver(
        envelope_uuid, envelopes.sign(body, key.encode(), signer), {}
    )
    return envelope_uuid


def assert_quarantined(services, envelope_uuid, *words) -> None:
    report = services.sync.sync()
    assert (report.received, report.quarantined) == (0, 1), report
    found = {q.uuid: q.reason for q in services.sync.quarantined()}
    assert envelope_uuid in found
    for word in words:
        assert word in found[envelope_uuid]


mallory = Signer(MALLORY, MALLORY_KEY)


def test_another_members_scorecard_is_quarantined(team):
    ivy, _, hana, folder = team
    before = snapshot(hana)
    forged = ivy_scorecard_payload(ivy)
    forged["recommendation"] = "strong_no"
    forged["ratings"][0]["level"] = 1
    record = f"scorecard:{CODE}:{CANDIDATE}:onsite:{INTERVIEWER}"
    uuid = drop(folder, "scorecard", forged, mallory, record_id=record, version=99)
    assert_quarantined(hana, uuid, MALLORY, "only the interviewer writes their scorecard")
    assert snapshot(hana) == before


def test_a_fresh_record_id_cannot_reach_an_existing_scorecard(team):
    ivy, _, hana, folder = team
    before = snapshot(hana)
    forged = ivy_scorecard_payload(ivy)
    forged["ratings"][0]["level"] = 1
    uuid = drop(folder, "scorecard", forged, mallory, record_id="scorecard:anything-else")
    assert_quarantined(hana, uuid, "only the interviewer writes")
    assert snapshot(hana) == before


def test_a_version_rollback_by_the_writer_is_quarantined(team, clock):
    ivy, _world, hana, folder = team
    with ivy.database.unit_of_work() as uow:  # Ivy's own key, as her install holds it
        from hirepartner.services.team_keys import own_signer

        signer = own_signer(uow.session, ivy.sync.secrets, clock())
    payload = ivy_scorecard_payload(ivy)
    newer = drop(folder, "scorecard", {**payload, "key_takeaways": "v5"}, signer, version=5)
    assert hana.sync.sync().received == 1
    before = snapshot(hana)
    # Under a fresh record id, the receiver still works out it is the same scorecard.
    older = drop(folder, "scorecard", payload, signer, record_id="scorecard:new", version=3)
    assert_quarantined(hana, older, "version 3 is older than version 5")
    assert snapshot(hana) == before
    assert newer not in {q.uuid for q in hana.sync.quarantined()}


@pytest.mark.parametrize("version", [2**53, 2**70, -1])
def test_a_version_outside_its_range_is_quarantined(team, version):
    ivy, _, hana, folder = team
    before = snapshot(hana)
    uuid = drop(folder, "scorecard", ivy_scorecard_payload(ivy), mallory, version=version)
    assert_quarantined(hana, uuid, "version")
    assert snapshot(hana) == before


def test_a_revoked_member_is_quarantined(team):
    ivy, _, hana, folder = team
    hana.team.revoke(MALLORY)
    before = snapshot(hana)
    own = ivy_scorecard_payload(ivy)
    own["interviewer"] = {"email": MALLORY, "name": "Mallory"}
    uuid = drop(folder, "scorecard", own, mallory, version=1)
    assert_quarantined(hana, uuid, "revoked")
    assert snapshot(hana) == before
    # The revocation reaches Ivy's install with the manager's roster: quarantined there too.
    hana.sync.sync()
    ivy_before = snapshot(ivy)
    report = ivy.sync.sync()
    assert report.quarantined == 1
    assert "revoked" in ivy.sync.quarantined()[0].reason
    assert snapshot(ivy)["scorecard"] == ivy_before["scorecard"]


def test_a_decision_by_someone_other_than_the_hiring_manager_is_quarantined(team):
    ivy, _, _hana, folder = team
    decision = {
        "requisition": CODE,
        "subject": "Decision on Ada",
        "text": "Rejected",
        "candidate": {"email": CANDIDATE, "name": "Ada"},
        "outcome": "reject",
    }
    before = snapshot(ivy)
    uuid = drop(folder, "decision", decision, mallory, record_id=f"decision:{CODE}:{CANDIDATE}")
    assert_quarantined(ivy, uuid, "not enrolled as a hiring manager")
    assert snapshot(ivy) == before


def test_a_slate_by_an_interviewer_is_quarantined(team):
    _ivy, _, hana, folder = team
    before = snapshot(hana)
    slate = {"requisition": CODE, "name": "Week 46", "candidates": [{"full_name": "Eve"}]}
    uuid = drop(folder, "slate", slate, mallory)
    assert_quarantined(hana, uuid, "neither the recruiter nor the hiring manager")
    assert snapshot(hana) == before
    # The recruiter's own slate applies.
    good, document, files = recruiter_envelope("slate", "s", 1, slate)
    FolderTransport("x", folder).deliver(good, document, files)
    assert hana.sync.sync().received == 1


def test_a_replay_under_a_new_file_name_is_quarantined(team):
    _ivy, _, hana, folder = team
    before = snapshot(hana)
    original = next(
        p
        for p in folder.glob("*.envelope.json")
        if json.loads(p.read_bytes())["kind"] == "scorecard"
    )
    copy = envelopes.new_uuid()
    shutil.copy(original, folder / envelope_file(copy))
    assert_quarantined(hana, copy, "uuid differs from its file name")
    assert snapshot(hana) == before


def test_a_roster_not_signed_by_the_hiring_manager_is_quarantined(team):
    ivy, _, _hana, folder = team
    before = snapshot(ivy)
    eve = signing.new_private_key()
    roster = {
        "manager": {
            "email": MALLORY,
            "name": "Mallory",
            "role": "hiring_manager",
            "key": public(MALLORY_KEY),
        },
        "members": [
            {"email": "eve@example.com", "name": "Eve", "role": "interviewer", "key": public(eve)}
        ],
    }
    uuid = drop(folder, "roster", roster, mallory, record_id=f"roster:{MALLORY}")
    assert_quarantined(ivy, uuid, "not a hiring manager enrolled here")
    assert snapshot(ivy) == before


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda p: p.update(candidate="ada@example.com"), "payload.candidate"),
        (lambda p: p.update(ratings=[["x", 5]]), "payload.ratings[0]"),
        (lambda p: p.update(recommendation="maybe"), "payload.recommendation"),
        (lambda p: p["ratings"][0].update(level=2**70), "payload.ratings[0].level"),
        (lambda p: p["ratings"][0].update(level="3"), "payload.ratings[0].level"),
        (lambda p: p.update(key_takeaways="x" * 30_000), "payload.key_takeaways"),
    ],
)
def test_a_malformed_payload_is_quarantined_and_the_inbox_goes_on(team, clock, damage, words):
    ivy, _world, hana, folder = team
    from hirepartner.services.team_keys import own_signer

    with ivy.database.unit_of_work() as uow:
        signer = own_signer(uow.session, ivy.sync.secrets, clock())
    payload = ivy_scorecard_payload(ivy)
    damage(payload)
    bad = drop(folder, "scorecard", payload, signer, version=7)
    # A valid envelope after it, from the recruiter: it still applies.
    good, document, files = recruiter_envelope(
        "slate",
        "s",
        1,
        {"requisition": CODE, "name": "Week 46", "candidates": [{"full_name": "Zoe"}]},
    )
    FolderTransport("x", folder).deliver(good, document, files)
    report = hana.sync.sync()
    assert (report.received, report.quarantined) == (1, 1), report
    reason = {q.uuid: q.reason for q in hana.sync.quarantined()}[bad]
    assert words in reason
    assert "could not be applied" not in reason  # caught by validation, not the safety net


def test_enrolling_with_a_fingerprint_that_does_not_match_is_refused(team):
    _ivy, _, hana, _folder = team
    before = snapshot(hana)
    someone = signing.new_private_key()
    wrong = signing.fingerprint(public(signing.new_private_key()))
    with pytest.raises(InvalidValue, match="does not match the key received"):
        hana.team.enroll("sam@example.com", wrong, public_key=public(someone))
    with pytest.raises(InvalidValue, match="four groups"):
        hana.team.enroll("sam@example.com", "ABCD", public_key=public(someone))
    with pytest.raises(InvalidValue, match="No key from sam@example.com has arrived"):
        hana.team.enroll("sam@example.com", wrong)
    assert snapshot(hana) == before


def test_a_wiped_keyring_leads_to_a_new_key_never_to_unsigned_sending(team, memory_keyring):
    ivy, world, hana, folder = team
    old = ivy.team.my_key()
    del memory_keyring.store[("HirePartner", secret_name(INTERVIEWER))]
    card = ivy.scorecards.open_or_create(world["app"], world["stage"], world["ivy"])
    form = ivy.scorecards.form(card, world["ivy"])
    changed = DraftValues(**{**form.values.__dict__, "key_takeaways": "After the wipe."})
    ivy.scorecards.amend(card, world["ivy"], "a clearer takeaway", changed)
    files_before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(SigningKeyMissing, match="no longer in the keyring.*enroll it again"):
        ivy.sync.sync()
    assert sorted(p.name for p in folder.iterdir()) == files_before  # nothing sent
    new = ivy.team.new_key().key
    assert new.fingerprint != old.fingerprint
    ivy.sync.sync()  # the scorecard, signed with the new key, and the new key's announcement
    report = hana.sync.sync()
    assert report.waiting == 1  # the scorecard waits: its key is not enrolled yet
    pending = [m for m in hana.team.members() if m.state == "pending"]
    assert [m.fingerprint for m in pending] == [new.fingerprint]
    hana.team.enroll(INTERVIEWER, new.fingerprint)
    assert hana.sync.sync().received == 1
    states = {m.fingerprint: m.state for m in hana.team.members()}
    assert (states[old.fingerprint], states[new.fingerprint]) == ("replaced", "active")


def test_a_roster_cannot_lock_out_the_manager_or_move_an_enrolled_key(team, clock):
    ivy, _, hana, _folder = team
    from hirepartner.services.outbox import enqueue, next_version

    hana_key = hana.team.current_key()
    odd = {
        "manager": {
            "email": MANAGER,
            "name": "Hana",
            "role": "hiring_manager",
            "key": hana_key.public_key,
        },
        "members": [
            # the manager's own email under Mallory's key, and Hana's key under another email
            {"email": MANAGER, "name": "H", "role": "hiring_manager", "key": public(MALLORY_KEY)},
            {
                "email": "x@example.com",
                "name": "X",
                "role": "recruiter",
                "key": hana_key.public_key,
            },
            # the recruiter Ivy enrolled by fingerprint, moved to another email and role
            {
                "email": "y@example.com",
                "name": "Y",
                "role": "hiring_manager",
                "key": public(RECRUITER_KEY),
            },
        ],
    }
    with hana.database.unit_of_work() as uow:  # sent by the manager's own install (a bug, say)
        record = f"roster:{MANAGER}"
        enqueue(
            uow.session,
            clock(),
            kind="roster",
            record_id=record,
            version=next_version(uow.session, record),
            payload=odd,
        )
        uow.commit()
    hana.sync.sync()
    assert ivy.sync.sync().received == 1
    keys = {m.fingerprint: m for m in ivy.team.members()}
    manager_row = keys[hana_key.fingerprint]
    assert (manager_row.email, manager_row.state, manager_row.role) == (
        MANAGER,
        "active",
        "hiring_manager",
    )
    recruiter_row = keys[signing.fingerprint(public(RECRUITER_KEY))]
    assert (recruiter_row.email, recruiter_row.role) == (RECRUITER, "recruiter")
    # The manager's next roster still applies: nobody was locked out.
    hana.team.revoke(MALLORY)
    hana.sync.sync()
    assert ivy.sync.sync().quarantined == 0
    states = {m.email: m.state for m in ivy.team.members()}
    assert states[MALLORY] == "revoked"
