"""Privacy: erasing a candidate here and, through an erasure envelope written in the same
transaction, everywhere the exchange carried their data; what an erasure would remove."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select

from hirepartner.data.models import Application, Candidate
from hirepartner.data.models.exchange import ExchangeTarget
from hirepartner.errors import ValidationError
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes
from hirepartner.services.envelope_apply import erase_candidate
from hirepartner.services.outbox import carries, enqueue_erasure
from hirepartner.services.subject_access import subject_rows


@dataclass(frozen=True)
class ErasureResult:
    removed: int
    queued: bool
    changes: Changes


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing a candidate removes here, and where the erasure goes."""

    candidate_id: int
    name: str
    email: str
    counts: tuple[tuple[str, int], ...]  # (what, in the singular; how many): ("application", 2)
    targets: tuple[str, ...]  # exchange targets the erasure envelope goes to
    propagates: bool  # False when the candidate has no email: the exchange cannot name them


_COUNTED = (
    ("application", "application"),
    ("scorecard", "scorecard"),
    ("rating", "rating"),
    ("application_note", "note"),
    ("resume", "resume"),
    ("decision", "decision"),
    ("offer", "offer"),
    ("candidate_tag", "tag"),
    ("outbox_envelope", "recruiter message"),
)


class PrivacyService(Service):
    def erase_candidate(self, email: str) -> ErasureResult:
        email = email.strip()
        if "@" not in email:
            raise ValidationError("email", f"{email!r} is not an email address")
        now = self._clock()
        with self._uow() as uow:
            found = (
                uow.session.scalar(
                    select(func.count())
                    .select_from(Candidate)
                    .where(func.lower(Candidate.email) == email.lower())
                )
                or 0
            )
            if not found:
                raise ValidationError("email", "no candidate here has that email")
            envelope = enqueue_erasure(uow.session, email, now)
            erase_candidate(uow.session, email)
            uow.audit.record(
                now, self._actor_id(uow), "erase", "candidate", None, {"envelope": envelope.uuid}
            )
            uow.commit()
        return ErasureResult(found, True, Changes.everything())

    def erasure_preview(self, candidate_id: int) -> ErasurePreview:
        with self._read() as uow:
            candidate = uow.candidates.get(candidate_id)
            rows = subject_rows(uow.session, candidate_id)
            email = (candidate.email or "").strip()
            targets = tuple(
                target.name
                for target in uow.session.scalars(
                    select(ExchangeTarget)
                    .where(ExchangeTarget.enabled.is_(True))
                    .order_by(ExchangeTarget.name)
                )
                if carries(target, "erasure")
            )
            counts = tuple(
                (label, len(rows.get(table, []))) for table, label in _COUNTED if rows.get(table)
            )
            return ErasurePreview(
                candidate_id, candidate.full_name, email, counts, targets, "@" in email
            )

    def erase(self, candidate_id: int, reason: str) -> ErasureResult:
        """Erase one candidate with a reason (audited); with an email, an erasure envelope
        tells every target of the exchange, in the same transaction."""
        reason = reason.strip()
        if not reason:
            raise ValidationError("reason", "Say why this candidate is erased.")
        now = self._clock()
        with self._uow() as uow:
            candidate = uow.candidates.get(candidate_id)
            email = (candidate.email or "").strip()
            actor = self._actor_id(uow)
            detail: dict[str, object] = {"reason": reason}
            if "@" in email:
                envelope = enqueue_erasure(uow.session, email, now)
                detail["envelope"] = envelope.uuid
                removed = erase_candidate(uow.session, email)
            else:
                uow.session.execute(
                    delete(Application).where(Application.candidate_id == candidate_id)
                )
                uow.session.delete(candidate)
                removed = 1
            uow.audit.record(now, actor, "erase", "candidate", candidate_id, detail)
            uow.commit()
        return ErasureResult(removed, "envelope" in detail, Changes.everything())
