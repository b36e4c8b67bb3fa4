"""The audit log read back: who did what and when, filtered by candidate or by person, and
the hash chain verified (which names the first broken link)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import aliased

from hirepartner.data.audit_chain import ChainReport, chain_rows, verify
from hirepartner.data.models import (
    Application,
    AuditEvent,
    Candidate,
    Decision,
    InterviewStage,
    Offer,
    Person,
    Scorecard,
)
from hirepartner.domain import ApplicationStatus, RejectionReason, label_of
from hirepartner.errors import NotFoundError
from hirepartner.services.base import Service

LIMIT = 2000
ENTITY_WORDS = {"team_key": "team key", "interview_stage": "interview stage"}
# What each recorded action reads as, in the Audit window and `hirepartner audit`.
ACTION_WORDS = {
    "add_goal": "Added a goal",
    "add_note": "Added a note",
    "add_person": "Added a person",
    "add_tag": "Added a tag",
    "agree_brief": "Agreed the role brief",
    "amend": "Amended a scorecard",
    "anonymise": "Anonymised",
    "brief": "Edited the role brief",
    "close": "Closed the requisition",
    "consent_to_keep": "Recorded consent to keep",
    "create": "Created",
    "decide": "Recorded a decision",
    "decrypt_copy": "Wrote a plain copy of the database",
    "delete_note": "Deleted a note",
    "demo": "Wrote the demo world",
    "edit_person": "Edited a person",
    "encrypt": "Encrypted the database",
    "enroll": "Enrolled a team member's key",
    "erase": "Erased",
    "export_packet": "Exported a packet",
    "export_subject": "Exported personal data",
    "import_slate": "Imported a slate",
    "merge_imported_candidate": "Merged an imported candidate",
    "move_stage": "Moved stage",
    "new_signing_key": "Made a new signing key",
    "reinstate_person": "Reinstated a person",
    "remove_competency": "Removed a competency",
    "remove_goal": "Removed a goal",
    "remove_tag": "Removed a tag",
    "reopen": "Reopened the requisition",
    "retention_run": "Ran retention",
    "retire_person": "Retired a person",
    "reveal_comparison": "Revealed names in a comparison",
    "revoke": "Revoked a team member's key",
    "save_competency": "Saved a competency",
    "save_stage": "Saved an interview stage",
    "set_profile": "Set who uses this install",
    "set_retention": "Set the retention period",
    "set_status": "Changed status",
    "submit": "Submitted a scorecard",
    "undo": "Undid a change",
    "update_goal": "Changed a goal",
    "withdraw_decision": "Withdrew a decision",
}


def action_words(action: str) -> str:
    """How a recorded action reads; one a newer version recorded reads as stored, tidied."""
    return ACTION_WORDS.get(action) or action.replace("_", " ").capitalize()


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str  # "" when nobody was set up yet
    action: str
    entity: str
    entity_id: int | None
    candidate_id: int | None
    candidate: str
    detail: dict[str, Any]
    detail_text: str = ""  # the detail in words: stage names, status labels, no ids or codes

    @property
    def action_text(self) -> str:
        return action_words(self.action)

    about_text: str = ""  # the kind of record ("scorecard"), with its number when no candidate


@dataclass(frozen=True)
class AuditPerson:
    id: int
    name: str


@dataclass(frozen=True)
class AuditCandidate:
    id: int
    name: str


def _value_text(key: str, value: Any, stage_names: dict[int, str]) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if key == "reason":
        return label_of(RejectionReason, str(value)).lower()
    return str(value)


def detail_words(action: str, detail: dict[str, Any], stage_names: dict[int, str]) -> str:
    """An event's detail as a person reads it ("from Recruiter screen to Onsite", "from
    active to on hold, reason: level mismatch"), not as stored."""
    parts: list[str] = []
    rest = dict(detail)
    if action in ("move_stage", "set_status") and {"from", "to"} <= rest.keys():
        before, after = rest.pop("from"), rest.pop("to")
        if action == "move_stage":
            words = [
                stage_names.get(v, f"stage {v}") if isinstance(v, int) else str(v)
                for v in (before, after)
            ]
        else:
            words = [label_of(ApplicationStatus, str(v)).lower() for v in (before, after)]
        parts.append(f"from {words[0]} to {words[1]}")
    parts += [
        f"{key.replace('_', ' ')}: {_value_text(key, value, stage_names)}"
        for key, value in sorted(rest.items())
    ]
    return ", ".join(parts)


def _about_candidate(candidate_id: int) -> ColumnElement[bool]:
    """Events about a candidate: on the candidate itself, or on one of their applications,
    scorecards, decisions or offers."""
    applications = select(Application.id).where(Application.candidate_id == candidate_id)
    return or_(
        and_(AuditEvent.entity == "candidate", AuditEvent.entity_id == candidate_id),
        and_(AuditEvent.entity == "application", AuditEvent.entity_id.in_(applications)),
        and_(
            AuditEvent.entity == "scorecard",
            AuditEvent.entity_id.in_(
                select(Scorecard.id).where(Scorecard.application_id.in_(applications))
            ),
        ),
        and_(
            AuditEvent.entity == "decision",
            AuditEvent.entity_id.in_(
                select(Decision.id).where(Decision.application_id.in_(applications))
            ),
        ),
        and_(
            AuditEvent.entity == "offer",
            AuditEvent.entity_id.in_(
                select(Offer.id).where(Offer.application_id.in_(applications))
            ),
        ),
    )


class AuditService(Service):
    def verify_chain(self) -> ChainReport:
        """Recompute every event's hash in order; the first that does not hold is named."""
        with self._read() as uow:
            return verify(chain_rows(uow.session))

    def events(
        self, candidate_id: int | None = None, actor_id: int | None = None, limit: int = LIMIT
    ) -> tuple[AuditRow, ...]:
        """The newest events first, at most `limit`, optionally about one candidate or by
        one person. An id that names nobody, and no event either, is NotFoundError (an erased
        candidate's trail still reads)."""
        with self._read() as uow:
            app = aliased(Application)
            card = aliased(Scorecard)
            offer = aliased(Offer)
            decision = aliased(Decision)
            query = (
                select(
                    AuditEvent.id,
                    AuditEvent.at,
                    Person.name,
                    AuditEvent.action,
                    AuditEvent.entity,
                    AuditEvent.entity_id,
                    AuditEvent.detail,
                    app.candidate_id,
                    card.application_id.label("card_app"),
                    offer.application_id.label("offer_app"),
                    decision.application_id.label("decision_app"),
                )
                .outerjoin(Person, Person.id == AuditEvent.actor_id)
                .outerjoin(
                    app, and_(AuditEvent.entity == "application", app.id == AuditEvent.entity_id)
                )
                .outerjoin(
                    card, and_(AuditEvent.entity == "scorecard", card.id == AuditEvent.entity_id)
                )
                .outerjoin(
                    offer, and_(AuditEvent.entity == "offer", offer.id == AuditEvent.entity_id)
                )
                .outerjoin(
                    decision,
                    and_(AuditEvent.entity == "decision", decision.id == AuditEvent.entity_id),
                )
                .order_by(AuditEvent.id.desc())
                .limit(limit)
            )
            if candidate_id is not None:
                query = query.where(_about_candidate(candidate_id))
            if actor_id is not None:
                query = query.where(AuditEvent.actor_id == actor_id)
            rows = uow.session.execute(query).all()
            if not rows:
                for kind, model, ident in (
                    ("candidate", Candidate, candidate_id),
                    ("person", Person, actor_id),
                ):
                    if ident is not None and uow.session.get(model, ident) is None:
                        raise NotFoundError(kind, ident)
            via_application = {
                app_id
                for row in rows
                for app_id in (row.card_app, row.offer_app, row.decision_app)
                if app_id is not None
            }
            owners: dict[int, int] = dict(
                uow.session.execute(
                    select(Application.id, Application.candidate_id).where(
                        Application.id.in_(via_application)
                    )
                ).all()
            )
            found: list[tuple[Any, int | None]] = []
            for row in rows:
                owner = row.candidate_id
                if row.entity == "candidate":
                    owner = row.entity_id
                for app_id in (row.card_app, row.offer_app, row.decision_app):
                    if owner is None and app_id is not None:
                        owner = owners.get(app_id)
                found.append((row, owner))
            names: dict[int, str] = dict(
                uow.session.execute(
                    select(Candidate.id, Candidate.full_name).where(
                        Candidate.id.in_({owner for _row, owner in found if owner is not None})
                    )
                ).all()
            )
            stage_names: dict[int, str] = dict(
                uow.session.execute(select(InterviewStage.id, InterviewStage.name)).all()
            )
            return tuple(
                AuditRow(
                    row.id,
                    row.at,
                    row.name or "",
                    row.action,
                    row.entity,
                    row.entity_id,
                    owner,
                    names.get(owner, "") if owner is not None else "",
                    dict(row.detail or {}),
                    detail_words(row.action, dict(row.detail or {}), stage_names),
                    ENTITY_WORDS.get(row.entity, row.entity)
                    + (
                        ""
                        if names.get(owner or 0) or row.entity_id is None
                        else f" {row.entity_id}"
                    ),
                )
                for row, owner in found
            )

    def people(self) -> tuple[AuditPerson, ...]:
        """Everyone who appears as the actor of an event."""
        with self._read() as uow:
            rows = uow.session.execute(
                select(Person.id, Person.name)
                .where(Person.id.in_(select(AuditEvent.actor_id)))
                .order_by(Person.name)
            ).all()
            return tuple(AuditPerson(row.id, row.name) for row in rows)

    def candidates(self) -> tuple[AuditCandidate, ...]:
        with self._read() as uow:
            rows = uow.session.execute(
                select(Candidate.id, Candidate.full_name).order_by(Candidate.full_name)
            ).all()
            return tuple(AuditCandidate(row.id, row.full_name) for row in rows)
