"""Privacy: erasing a candidate here and, through an erasure envelope written in the same
transaction, everywhere the exchange carried their data."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from hirepartner.data.models import Candidate
from hirepartner.errors import ValidationError
from hirepartner.services.base import Service
from hirepartner.services.envelope_apply import erase_candidate
from hirepartner.services.outbox import enqueue_erasure


@dataclass(frozen=True)
class ErasureResult:
    removed: int
    queued: bool


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
        return ErasureResult(found, True)
