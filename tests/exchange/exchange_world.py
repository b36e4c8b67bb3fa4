"""A small hiring world built the same way in several databases (a hiring manager's, an
interviewer's), so envelopes between them refer to the same requisition, candidate, stage."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from hirepartner.data.models import Competency, CompetencyAnchor, Person, StageFocusCompetency
from hirepartner.exchange import envelopes
from hirepartner.secrets import TEAM_KEY
from hirepartner.services.scorecards import DraftValues

CODE = "REQ-7"
CANDIDATE = "ada@example.com"
INTERVIEWER = "ivy@example.com"
MANAGER = "hana@example.com"
TEAM_SECRET = "correct horse battery staple, team edition"


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
) -> tuple[str, bytes, dict[str, bytes]]:
    """An envelope as the recruiter's tool would publish it, signed with the team key."""
    envelope_uuid = envelopes.new_uuid()
    attachments = attachments or {}
    body = envelopes.unsigned(
        envelope_uuid=envelope_uuid,
        kind=kind,
        author="riley@recruiting.example",
        device="recruiter-tool",
        created_at=datetime(2026, 11, 2, 8, 0),
        record_id=record_id,
        version=version,
        payload=payload,
        attachments=attachments,
    )
    return envelope_uuid, envelopes.sign(body, key.encode()), attachments
