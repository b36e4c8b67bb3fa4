"""A small hiring world built the same way in several databases (a hiring manager's, an
interviewer's), so envelopes between them refer to the same requisition, candidate, stage."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from hirepartner.data.models import Competency, CompetencyAnchor, Person, StageFocusCompetency
from hirepartner.exchange import envelopes, signing
from hirepartner.exchange.envelopes import Signer
from hirepartner.secrets import TEAM_KEY
from hirepartner.services.scorecards import DraftValues

CODE = "REQ-7"
CANDIDATE = "ada@example.com"
INTERVIEWER = "ivy@example.com"
MANAGER = "hana@example.com"
TEAM_SECRET = "correct horse battery staple, team edition"
RECRUITER = "riley@recruiting.example"
RECRUITER_KEY = signing.new_private_key()  # the recruiter's tool's own signing key


def public(private_key: str) -> str:
    return signing.public_key_of(private_key)


def join_team(*installs) -> None:
    """Each install makes its key; every hiring manager enrolls every other member and each
    member enrolls the hiring manager, each after comparing fingerprints (here, read from the
    other install); all enroll the recruiter's tool. Then the key and roster envelopes are
    drained through the installs' targets, so a test starts from a quiet exchange."""
    keys = {services: services.team.my_key() for services in installs}
    for services in installs:
        services.team.enroll(
            RECRUITER,
            signing.fingerprint(public(RECRUITER_KEY)),
            role="recruiter",
            name="Riley Recruiter",
            public_key=public(RECRUITER_KEY),
        )
    managers = [s for s, key in keys.items() if key.role == "hiring_manager"]
    for services in installs:
        for other, key in keys.items():
            if other is not services and (services in managers or other in managers):
                services.team.enroll(
                    key.email,
                    key.fingerprint,
                    role=key.role,
                    name=key.name,
                    public_key=key.public_key,
                )
    for _ in range(2):
        for services in installs:
            if services.sync.targets():
                services.sync.sync()


def build(services, me: str) -> dict[str, int]:
    """The requisition REQ-7 with a candidate, competencies and an Onsite stage; `me` is who
    uses this install (INTERVIEWER or MANAGER)."""
    req = services.requisitions.create_requisition(
        "Platform Engineer", stages=["Screen", "Onsite"], code=CODE
    )
    names = {INTERVIEWER: "Ivy Interviewer", MANAGER: "Hana Manager"}
    services.profile.set_current(
        names[me], me, "interviewer" if me == INTERVIEWER else "hiring_manager"
    )
    with services.database.unit_of_work() as uow:
        for email, name in names.items():
            if uow.people.by_email(email) is None:
                uow.session.add(Person(name=name, email=email, role="interviewer"))
        comps = [
            Competency(requisition_id=req.id, name=n, position=i)
            for i, n in enumerate(("Coding", "Design"))
        ]
        uow.session.add_all(comps)
        uow.session.flush()
        for comp in comps:
            for level in range(1, 5):
                uow.session.add(
                    CompetencyAnchor(
                        competency_id=comp.id, level=level, text=f"{comp.name} {level}"
                    )
                )
            uow.session.add(
                StageFocusCompetency(stage_id=req.stages[1].stage_id, competency_id=comp.id)
            )
        uow.commit()
        ivy = uow.session.scalar(select(Person.id).where(Person.email == INTERVIEWER))
        coding, design = (c.id for c in comps)
    candidate = services.pipeline.add_candidate("Ada Lovelace", email=CANDIDATE)
    app = services.pipeline.add_application(candidate.id, req.id)
    services.sync.secrets.set(TEAM_KEY, TEAM_SECRET)
    return {
        "req": req.id,
        "app": app.id,
        "stage": req.stages[1].stage_id,
        "ivy": ivy,
        "coding": coding,
        "design": design,
        "candidate": candidate.id,
    }


def submit_scorecard(services, world, evidence: str = "Clean, tested code.") -> int:
    card = services.scorecards.open_or_create(world["app"], world["stage"], world["ivy"])
    form = services.scorecards.form(card, world["ivy"])
    values = DraftValues(
        levels={world["coding"]: 3, world["design"]: 4},
        evidence={world["coding"]: evidence, world["design"]: "Sharded the ledger."},
        key_takeaways="Strong hire.",
        recommendation="yes",
        private_notes="PRIVATE: reminded me of Grace.",
        interview_at=datetime(2026, 11, 1, 10, 0),
    )
    services.scorecards.save_draft(card, world["ivy"], form.revision, form.values, values)
    services.scorecards.submit(card, world["ivy"])
    return card


def recruiter_envelope(
    kind: str,
    record_id: str,
    version: int,
    payload: dict,
    attachments: dict[str, bytes] | None = None,
    key: str = TEAM_SECRET,
    signer: Signer | None = None,
) -> tuple[str, bytes, dict[str, bytes]]:
    """An envelope as the recruiter's tool would publish it: signed with the recruiter's own
    key and authenticated with the team key."""
    signer = signer or Signer(RECRUITER, RECRUITER_KEY)
    envelope_uuid = envelopes.new_uuid()
    attachments = attachments or {}
    body = envelopes.unsigned(
        envelope_uuid=envelope_uuid,
        kind=kind,
        author=signer.email,
        device="recruiter-tool",
        created_at=datetime(2026, 11, 2, 8, 0),
        record_id=record_id,
        version=version,
        payload=payload,
        attachments=attachments,
    )
    return envelope_uuid, envelopes.sign(body, key.encode(), signer), attachments
