"""Writing a slate into the caller's transaction: candidates matched by email (or merged into a
namesake), their tags and resumes, and their applications at the requisition's first stage."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    Candidate,
    CandidateTag,
    Requisition,
    Resume,
    Slate,
)
from hirepartner.domain import ApplicationStatus, HistoryKind
from hirepartner.errors import ValidationError
from hirepartner.exchange.slate_import import CandidateDraft, name_key
from hirepartner.services.changes import ChangeKind, Changes
from hirepartner.wording import plural

MAILTO = "mailto:"  # a merged candidate's other address, kept among their links


@dataclass(frozen=True)
class ImportResult:
    """What an import did, counted once for the dialog, the status bar and the CLI."""

    slate_id: int
    requisition_code: str
    created: int  # new candidates
    updated: int  # known candidates already on the requisition
    added: int  # known candidates put on the requisition
    merged: int  # rows merged into an existing candidate of the same name
    resumes_matched: int  # rows that came with a resume
    resumes: int  # resumes stored (one already on file is not stored twice)
    application_ids: tuple[int, ...]  # the applications the slate holds, in row order
    skipped: tuple[int, ...] = ()  # rows left out for their problems (skip_invalid)
    requisition_id: int | None = None

    @property
    def changes(self) -> Changes:
        """A slate arrived: the requisition's listing and the applications it holds."""
        ids = () if self.requisition_id is None else (self.requisition_id,)
        return Changes(
            frozenset({ChangeKind.REQUISITION, ChangeKind.APPLICATION}),
            frozenset(self.application_ids),
            frozenset(ids),
        )

    @property
    def candidates(self) -> int:
        return self.created + self.updated + self.added

    @property
    def summary(self) -> str:
        """ "Imported 20 candidates into REQ-1042 (3 resumes matched)"."""
        details = []
        if self.resumes_matched:
            details.append(f"{plural(self.resumes_matched, 'resume')} matched")
        already = self.updated - self.merged  # a merge counts as an update too
        if already:  # a second import of a slate must not read like the first
            details.append(f"{already} already there, updated")
        if self.merged:
            details.append(f"{self.merged} merged with an existing candidate")
        text = f"Imported {plural(self.candidates, 'candidate')} into {self.requisition_code}"
        text = f"{text} ({', '.join(details)})" if details else text
        if self.skipped:
            rows = ", ".join(str(row) for row in self.skipped[:10])
            rows += ", …" if len(self.skipped) > 10 else ""
            text += f"; skipped {plural(len(self.skipped), 'row')} with problems ({rows})"
        return text


def existing_candidates(session: Session, emails: Sequence[str | None]) -> dict[str, int]:
    """Candidate ids by lower-cased email, for the emails given: a candidate's own email, or
    the other address an earlier merge kept among their links."""
    lowered = sorted({e.lower() for e in emails if e})
    found: dict[str, int] = {}
    for start in range(0, len(lowered), 500):
        for ident, email in session.execute(
            select(Candidate.id, Candidate.email).where(
                func.lower(Candidate.email).in_(lowered[start : start + 500])
            )
        ):
            if email:
                found.setdefault(email.lower(), ident)
    missing = set(lowered) - set(found)
    if missing:  # only merged candidates carry a mailto link: few rows
        for ident, links in session.execute(
            select(Candidate.id, Candidate.links)
            .where(cast(Candidate.links, String).like(f"%{MAILTO}%"))
            .order_by(Candidate.id)
        ):
            for link in links or []:
                address = link.removeprefix(MAILTO).lower() if link.startswith(MAILTO) else ""
                if address in missing:
                    found.setdefault(address, ident)
    return found


def same_names(
    session: Session, names: Sequence[str]
) -> dict[str, list[tuple[int, str, str | None]]]:
    """Existing candidates (id, name, email) by name key, for the names given, oldest first.
    Accents and case cannot be compared in SQL on every backend, so the names are read once."""
    wanted = {name_key(name) for name in names}
    found: dict[str, list[tuple[int, str, str | None]]] = {}
    if not wanted:
        return found
    for ident, full_name, email in session.execute(
        select(Candidate.id, Candidate.full_name, Candidate.email).order_by(Candidate.id)
    ):
        key = name_key(full_name)
        if key in wanted:
            found.setdefault(key, []).append((ident, full_name, email))
    return found


def _attach(session: Session, candidate_id: int, draft: CandidateDraft, now: datetime) -> bool:
    assert draft.resume is not None
    digest = hashlib.sha256(draft.resume.content).hexdigest()
    known = session.scalar(
        select(Resume.id).where(Resume.candidate_id == candidate_id, Resume.sha256 == digest)
    )
    if known is not None:
        return False
    session.add(
        Resume(
            candidate_id=candidate_id,
            filename=draft.resume.name,
            media_type=draft.resume.media_type,
            size_bytes=len(draft.resume.content),
            sha256=digest,
            content=draft.resume.content,
            added_at=now,
        )
    )
    return True


def write_slate(
    session: Session,
    requisition: Requisition,
    drafts: Sequence[CandidateDraft],
    slate_name: str,
    note: str,
    now: datetime,
    actor: int | None,
    merges: Mapping[int, int] | None = None,
) -> ImportResult:
    """Create or update each candidate (by email), put them on a new slate of the requisition
    at its first stage, attach their resumes. In the caller's transaction.

    `merges` maps a draft's row to the existing candidate it is (same name, another email): that
    candidate is updated and keeps their name and email; the row's email is kept among their
    links as a mailto: address (or becomes their email if they had none)."""
    merges = merges or {}
    created = updated = added = merged = resumes = 0
    application_ids: list[int] = []
    slate = Slate(
        requisition_id=requisition.id,
        name=slate_name[:200],
        recruiter_id=requisition.recruiter_id,
        presented_at=now,
    )
    session.add(slate)
    session.flush()
    existing = existing_candidates(session, [d.email for d in drafts if d.email])
    first_stage = requisition.stages[0]
    rows_by_target: dict[int, int] = {}
    for draft in drafts:  # a merge must not fold two rows into one candidate
        target = merges.get(draft.row) or existing.get((draft.email or "").lower())
        if target is None:
            continue
        other = rows_by_target.setdefault(target, draft.row)
        if other != draft.row and (other in merges or draft.row in merges):
            raise ValidationError(
                "import",
                f"Rows {other} and {draft.row} would both become the same candidate; "
                "keep one of them apart.",
            )
    for draft in drafts:
        merge_into = merges.get(draft.row)
        known_id = merge_into or existing.get((draft.email or "").lower())
        extra_links: list[str] = []
        if known_id is None:
            candidate = Candidate(full_name=draft.full_name, email=draft.email, created_at=now)
            session.add(candidate)
            created += 1
        else:
            found = session.get(Candidate, known_id)
            if found is None:
                raise ValidationError(
                    "import",
                    f"The candidate row {draft.row} was to be merged into is gone; "
                    "preview the file again.",
                )
            candidate = found
            if merge_into is None:
                candidate.full_name = draft.full_name
            else:
                merged += 1
                if not candidate.email:
                    candidate.email = draft.email
                elif draft.email and draft.email.lower() != candidate.email.lower():
                    extra_links.append(f"{MAILTO}{draft.email}")
        for name in ("phone", "location", "current_title", "current_company"):
            value = getattr(draft, name)
            if value:
                setattr(candidate, name, value)
        candidate.links = list(
            dict.fromkeys([*(candidate.links or []), *draft.links, *extra_links])
        )
        session.flush()
        have = set(
            session.scalars(
                select(CandidateTag.tag).where(CandidateTag.candidate_id == candidate.id)
            )
        )
        for tag in draft.tags:
            if tag not in have:
                session.add(CandidateTag(candidate_id=candidate.id, tag=tag))
        if draft.resume is not None and _attach(session, candidate.id, draft, now):
            resumes += 1
        application = session.scalar(
            select(Application).where(
                Application.candidate_id == candidate.id,
                Application.requisition_id == requisition.id,
            )
        )
        if known_id is not None:
            if application is None:
                added += 1
            else:
                updated += 1
        if application is None:
            application = Application(
                candidate_id=candidate.id,
                requisition_id=requisition.id,
                slate_id=slate.id,
                stage_id=first_stage.id,
                status=ApplicationStatus.ACTIVE.value,
                source=draft.source,
                pitch=draft.pitch,
                entered_stage_at=now,
                created_at=now,
            )
            session.add(application)
            session.flush()
            session.add(
                ApplicationEvent(
                    application_id=application.id,
                    at=now,
                    kind=HistoryKind.CREATED.value,
                    to_stage_id=first_stage.id,
                    to_status=application.status,
                    actor_id=actor,
                    note=note,
                )
            )
        else:
            application.pitch = draft.pitch or application.pitch
            application.source = draft.source or application.source
        application_ids.append(application.id)
    session.flush()
    return ImportResult(
        slate_id=slate.id,
        requisition_code=requisition.code,
        created=created,
        updated=updated,
        added=added,
        merged=merged,
        resumes_matched=sum(1 for draft in drafts if draft.resume is not None),
        resumes=resumes,
        application_ids=tuple(application_ids),
        requisition_id=requisition.id,
    )
