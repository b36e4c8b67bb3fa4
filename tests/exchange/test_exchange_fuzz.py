"""Fuzzing the inbox: 1,000 seeded random mutations of valid envelopes of every kind an
interviewer's install receives, each re-signed with the right keys (the author's own and the
team key), so only the payload schema, the header checks and the authorship rules stand
between them and the database. Valid envelopes are interleaved, and placed after them."""

from __future__ import annotations

import base64
import copy
import random
import sqlite3
import time
import uuid as uuid_module
from datetime import datetime

import pytest
from envelope_mutations import Mutant, mutate
from exchange_world import CANDIDATE, CODE, INTERVIEWER, MANAGER, RECRUITER, RECRUITER_KEY, build
from sqlalchemy import select

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.models import Rating, Scorecard
from hirepartner.data.models.exchange import InboxEnvelope
from hirepartner.exchange import envelopes, signing
from hirepartner.exchange.envelopes import Signer
from hirepartner.exchange.folder import FolderTransport
from hirepartner.exchange.payloads import PayloadInvalid, parse_payload
from hirepartner.services.outbox import scorecard_record_id

SEED = 20261102
MUTANTS = 1000
VALID_AMONG = 100
PER_SYNC = 100
FINAL_VERSION = 10**6  # past every version the stream uses
SAFETY_NET = "could not be applied here"
OTTO, NELL = "otto@example.com", "nell@example.com"
_keys = random.Random(SEED)


def _private_key() -> str:
    return base64.b64encode(_keys.randbytes(32)).decode("ascii")


MANAGER_KEY, OTTO_KEY, NELL_KEY = _private_key(), _private_key(), _private_key()
KEYS = {MANAGER: MANAGER_KEY, OTTO: OTTO_KEY, RECRUITER: RECRUITER_KEY, NELL: NELL_KEY}
PDF = b"%PDF-1.4 Grace's resume"


def _public(private_key: str) -> str:
    return signing.public_key_of(private_key)


def _member(email: str, name: str, role: str, key: str) -> dict[str, str]:
    return {"email": email, "name": name, "role": role, "key": key, "state": "active"}


def _bases(ivy_key: str) -> list[Mutant]:
    """One valid envelope of each kind (two decisions: a debrief's and slate feedback), as
    their authors would send them to an interviewer's install."""
    card = {
        "requisition": CODE,
        "candidate": {"email": CANDIDATE, "name": "Ada Lovelace"},
        "stage": "Onsite",
        "interviewer": {"email": OTTO, "name": "Otto Interviewer"},
        "recommendation": "yes",
        "key_takeaways": "Careful, fast.",
        "interview_at": "2026-11-01T10:00:00",
        "submitted_at": "2026-11-01T12:00:00+01:00",
        "ratings": [
            {"competency": "Coding", "level": 3, "evidence": "Clean code."},
            {"competency": "Design", "level": None, "evidence": ""},
        ],
    }
    slate = {
        "requisition": CODE,
        "name": "Week 45",
        "candidates": [
            {
                "full_name": "Grace Hopper",
                "email": "grace@example.com",
                "links": ["https://example.com/grace"],
                "tags": ["cobol", "compilers"],
                "resume": "grace.pdf",
            },
            {"full_name": "Ada Lovelace", "email": CANDIDATE, "current_title": "Analyst"},
        ],
    }
    decision = {
        "requisition": CODE,
        "type": "decision",
        "candidate": {"email": CANDIDATE, "name": "Ada Lovelace"},
        "outcome": "advance",
        "rationale": "Strong signal.",
        "at": "2026-11-02T09:00:00",
    }
    feedback = {
        "requisition": CODE,
        "type": "slate_feedback",
        "slate": "Week 45",
        "fit": 4,
        "more_of": "Compilers.",
        "rejection_reasons": [{"reason": "location", "count": 2}],
    }
    roster = {
        "manager": _member(MANAGER, "Hana Manager", "hiring_manager", _public(MANAGER_KEY)),
        "members": [
            _member(OTTO, "Otto Interviewer", "interviewer", _public(OTTO_KEY)),
            _member(INTERVIEWER, "Ivy Interviewer", "interviewer", ivy_key),
            _member(RECRUITER, "Riley Recruiter", "recruiter", _public(RECRUITER_KEY)),
        ],
    }
    announcement = {"email": NELL, "name": "Nell", "role": "interviewer", "key": _public(NELL_KEY)}
    record = scorecard_record_id(CODE, CANDIDATE, "Onsite", OTTO)
    erasure = {"candidate": "grace@example.com"}
    packet = {"requisition": CODE, "subject": "Packet"}
    return [
        Mutant("scorecard", record, 1, card, OTTO),
        Mutant("slate", f"slate:{CODE}:week45", 1, slate, RECRUITER),
        Mutant("erasure", "erasure:grace@example.com", 1, erasure, RECRUITER),
        Mutant("decision", f"decision:{CODE}:ada", 1, decision, MANAGER),
        Mutant("decision", f"slate-feedback:{CODE}:week45", 1, feedback, MANAGER),
        Mutant("packet", f"packet:{CODE}:1", 1, packet, MANAGER),
        Mutant("member_key", f"member-key:{NELL}", 1, announcement, NELL),
        Mutant("roster", f"roster:{MANAGER}", 1, roster, MANAGER),
    ]


class Stream:
    """Envelopes written to the exchange folder, remembered by uuid with what they were."""

    def __init__(self, rng: random.Random, folder, team_key: bytes) -> None:
        self.rng = rng
        self.transport = FolderTransport("fuzz", folder)
        self.team_key = team_key
        self.sent: dict[str, Mutant] = {}

    def place(self, mutant: Mutant) -> str:
        """Sign and write one envelope; a swapped author keeps the original author's key, so it
        claims to be someone it cannot prove to be."""
        envelope_uuid = str(uuid_module.UUID(int=self.rng.getrandbits(128), version=4))
        attachments = {"grace.pdf": PDF} if mutant.kind == "slate" else {}
        listed = dict(attachments)
        if mutant.drop_attachment:
            listed["missing.pdf"] = b"%PDF-1.4 never delivered"
            attachments.pop("grace.pdf", None)
        body = envelopes.unsigned(
            envelope_uuid=envelope_uuid,
            kind=mutant.kind,
            author=mutant.author,
            device="fuzz-device",
            created_at=datetime(2026, 11, 2, 8, 0),
            record_id=mutant.record_id,
            version=0,
            payload={},
            attachments=listed,
        )
        body["record"]["version"] = mutant.version
        body["payload"] = mutant.payload
        signer = Signer(mutant.author, KEYS[mutant.key_owner or mutant.author])
        self.transport.deliver(
            envelope_uuid, envelopes.sign(body, self.team_key, signer), attachments
        )
        self.sent[envelope_uuid] = mutant
        return envelope_uuid


def _invalid(mutant: Mutant) -> str | None:
    """Why this envelope must not apply (its payload, header or author), or None if it may."""
    owner = mutant.key_owner or mutant.author
    version = mutant.version
    if not isinstance(version, int) or isinstance(version, bool) or not 0 <= version < 2**53:
        return "version"
    if not isinstance(mutant.record_id, str) or not 0 < len(mutant.record_id) <= 400:
        return "record id"
    if "\x00" in mutant.record_id or mutant.drop_attachment:
        return "header"
    if mutant.author.lower() != owner:
        return f"signed by {owner} as {mutant.author}"
    try:
        payload = parse_payload(mutant.kind, mutant.payload)
    except PayloadInvalid as problem:
        return str(problem)
    writers = {
        "scorecard": {OTTO, INTERVIEWER},
        "slate": {RECRUITER, MANAGER},
        "erasure": {RECRUITER, MANAGER},
        "decision": {MANAGER},
        "packet": {MANAGER},
        "roster": {MANAGER},
        "member_key": {owner},
    }[mutant.kind]
    if owner not in writers:
        return f"{owner} may not write a {mutant.kind}"
    if mutant.kind == "scorecard" and payload.interviewer.email.strip().lower() != owner:
        return "another interviewer's scorecard"
    if mutant.kind == "roster" and payload.manager.key != _public(MANAGER_KEY):
        return "a roster naming another manager's key"
    if mutant.kind == "member_key" and (
        payload.email.lower() != owner or payload.key != _public(KEYS[owner])
    ):
        return "an announcement of another key"
    return None


@pytest.fixture
def receiver(tmp_path, clock):
    """Ivy's install, with the hiring manager, Otto and the recruiter enrolled by fingerprint."""
    folder = tmp_path / "exchange"
    folder.mkdir()
    path = tmp_path / "ivy.db"
    services = build_services(sqlite_location(path), clock=clock)
    build(services, INTERVIEWER)
    services.sync.add_target("team", "folder", {"path": str(folder)})
    for email, name, role in (
        (MANAGER, "Hana Manager", "hiring_manager"),
        (OTTO, "Otto Interviewer", "interviewer"),
        (RECRUITER, "Riley Recruiter", "recruiter"),
    ):
        public = _public(KEYS[email])
        services.team.enroll(
            email, signing.fingerprint(public), role=role, name=name, public_key=public
        )
    yield services, folder, path
    services.close()


def _inbox(services) -> dict[str, tuple[str, str]]:
    with services.database.unit_of_work() as uow:
        return {
            row.uuid: (row.state, row.reason) for row in uow.session.scalars(select(InboxEnvelope))
        }


def test_a_thousand_mutated_envelopes_never_get_past_validation(receiver):
    services, folder, path = receiver
    rng = random.Random(SEED)
    bases = _bases(services.team.my_key().public_key)
    stream = Stream(rng, folder, services.sync.team_key())
    authors = tuple(KEYS)
    # Each envelope a version past the last (unless a mutation changes it), so that most reach
    # the checks past "versions only move forward"; valid ones interleaved at random.
    queue = []
    for n in range(MUTANTS):
        base = Mutant(**{**rng.choice(bases).__dict__, "version": 100 + n})
        queue.append(mutate(rng, base, authors))
    for _ in range(VALID_AMONG):
        valid = Mutant(**{**rng.choice(bases).__dict__, "version": rng.randint(1, 100 + MUTANTS)})
        queue.insert(rng.randrange(len(queue) + 1), valid)
    escaped: list[str] = []
    started = time.monotonic()
    for start in range(0, len(queue), PER_SYNC):
        for mutant in queue[start : start + PER_SYNC]:
            stream.place(mutant)
        try:
            services.sync.sync()
        except Exception as error:  # counted, and shown by the assertion below
            escaped.append(f"{type(error).__name__}: {error}"[:300])
    # Every kind once more, valid, with versions past any the mutants used: all apply.
    final = {}
    for base in _bases(services.team.my_key().public_key):
        final[stream.place(Mutant(**{**base.__dict__, "version": FINAL_VERSION}))] = base.kind
    report = services.sync.sync()
    elapsed = time.monotonic() - started

    assert escaped == []
    inbox = _inbox(services)
    caught = {u: inbox[u][1] for u in inbox if SAFETY_NET in inbox[u][1]}
    details = [
        f"{stream.sent[u].kind} {stream.sent[u].changes}: {why}" for u, why in caught.items()
    ]
    assert details == []
    wrongly = []
    for envelope_uuid, (state, reason) in inbox.items():
        if envelope_uuid not in stream.sent or state == "quarantined":
            continue
        mutant = stream.sent[envelope_uuid]
        why = _invalid(mutant)
        if why is not None:
            wrongly.append(f"{mutant.kind} {state} ({reason}) though {why}: {mutant.changes}")
    assert wrongly == []
    outcomes = {final[u]: inbox.get(u, ("waiting", report.line()))[0] for u in final}
    assert outcomes == {
        "scorecard": "applied",
        "slate": "applied",
        "erasure": "applied",
        "decision": "skipped",
        "packet": "skipped",
        "member_key": "applied",
        "roster": "applied",
    }
    with services.database.unit_of_work() as uow:
        levels = set(uow.session.scalars(select(Rating.level)))
        versions = set(uow.session.scalars(select(Scorecard.version)))
    assert levels <= {None, 1, 2, 3, 4}
    assert max(versions) < 2**53
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert elapsed < 60


# What the fuzzing found, one case each: each failed before its fix.


def _one(receiver, kind: str, version: int) -> tuple[Mutant, Stream]:
    services, folder, _path = receiver
    base = next(b for b in _bases(services.team.my_key().public_key) if b.kind == kind)
    stream = Stream(random.Random(SEED), folder, services.sync.team_key())
    return Mutant(**{**copy.deepcopy(base).__dict__, "version": version}), stream


def test_a_roster_naming_a_key_that_is_not_one_is_quarantined_by_validation(receiver):
    services = receiver[0]
    roster, stream = _one(receiver, "roster", 5)
    roster.payload["members"][0]["key"] = "!" * 44
    envelope_uuid = stream.place(roster)
    services.sync.sync()
    state, reason = _inbox(services)[envelope_uuid]
    assert state == "quarantined"
    assert SAFETY_NET not in reason


def test_an_envelope_whose_attachment_is_missing_does_not_stall_the_inbox(receiver):
    services = receiver[0]
    broken, stream = _one(receiver, "slate", 5)
    broken.drop_attachment = True
    stream.place(broken)
    card, _ = _one(receiver, "scorecard", 5)
    card_uuid = stream.place(card)
    services.sync.sync()
    assert _inbox(services).get(card_uuid, ("not read",))[0] == "applied"


def test_an_erasure_with_wildcards_does_not_reopen_rollbacks(receiver):
    services = receiver[0]
    card, stream = _one(receiver, "scorecard", 5)
    stream.place(card)
    services.sync.sync()
    erasure, _ = _one(receiver, "erasure", 1)
    erasure.payload["candidate"] = "%@%"
    stream.place(erasure)
    services.sync.sync()
    older, _ = _one(receiver, "scorecard", 2)
    older.payload["recommendation"] = "strong_no"
    older_uuid = stream.place(older)
    services.sync.sync()
    assert _inbox(services)[older_uuid][0] == "quarantined"
