"""Importing a recruiter's slate: preview first (what is created, updated, and every problem by
row and column), then commit all of it in one transaction, or nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
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
from hirepartner.exchange.layouts import Layout, detect_layout
from hirepartner.exchange.resume_files import ResumeSet, read_resumes
from hirepartner.exchange.slate_import import CandidateDraft, RowProblem, draft_candidates
from hirepartner.exchange.tables import Table, read_table
from hirepartner.services.base import Service

CREATE, UPDATE, ADD = "create", "update", "add to requisition"


@dataclass(frozen=True)
class PreviewRow:
    row: int
    full_name: str
    email: str
    action: str  # create / update / add to requisition
    resume: str  # the matched file name, "" for none
    problems: tuple[str, ...]


@dataclass(frozen=True)
class ImportPreview:
    file: str
    requisition_id: int
    requisition: str
    layout: str
    headers: tuple[str, ...]
    mapping: Mapping[str, tuple[str, ...]]
    rows: tuple[PreviewRow, ...]
    problems: tuple[str, ...]
    resumes_refused: tuple[str, ...]
    drafts: tuple[CandidateDraft, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.problems)


@dataclass(frozen=True)
class ImportResult:
    slate_id: int
    created: int
    updated: int
    resumes: int


class ImportService(Service):
    def read(self, path: Path) -> Table:
        return read_table(path)

    def preview(
        self,
        path: Path,
        requisition_id: int,
        resumes: Path | None = None,
        mapping: Mapping[str, Sequence[str]] | None = None,
        table: Table | None = None,
    ) -> ImportPreview:
        table = table or read_table(path)
        layout = detect_layout(table.headers)
        if mapping is not None:
            unknown = [c for cols in mapping.values() for c in cols if c not in table.headers]
            if unknown:
                raise ValidationError("mapping", f"{path.name} has no column {unknown[0]!r}")
            layout = Layout(
                layout.name if layout.is_known else "Other (mapped)",
                {k: tuple(v) for k, v in mapping.items() if v},
                layout.separators,
            )
        resume_set: ResumeSet | None = read_resumes(resumes) if resumes else None
        drafts, problems = draft_candidates(table, layout, resume_set)
        with self._uow() as uow:
            requisition = uow.session.get(Requisition, requisition_id)
            if requisition is None:
                raise ValidationError("requisition", f"there is no requisition {requisition_id}")
            title = f"{requisition.code} {requisition.title}"
            existing = existing_candidates(uow.session, [d.email for d in drafts if d.email])
            on_requisition = set(
                uow.session.scalars(
                    select(Application.candidate_id).where(
                        Application.requisition_id == requisition_id
                    )
                )
            )
        by_row: dict[int, list[RowProblem]] = {}
        for problem in problems:
            by_row.setdefault(problem.row, []).append(problem)
        rows = []
        for draft in drafts:
            known = existing.get((draft.email or "").lower())
            action = CREATE if known is None else UPDATE if known in on_requisition else ADD
            rows.append(
                PreviewRow(
                    draft.row,
                    draft.full_name,
                    draft.email or "",
                    action,
                    draft.resume.name if draft.resume else "",
                    (),
                )
            )
        for row_number, row_problems in by_row.items():
            if row_number > 1:
                rows.append(
                    PreviewRow(row_number, "", "", "", "", tuple(str(p) for p in row_problems))
                )
        rows.sort(key=lambda r: r.row)
        return ImportPreview(
            file=path.name,
            requisition_id=requisition_id,
            requisition=title,
            layout=layout.name,
            headers=table.headers,
            mapping=layout.mapping,
            rows=tuple(rows),
            problems=tuple(str(p) for p in problems),
            resumes_refused=resume_set.refused if resume_set else (),
            drafts=tuple(drafts),
        )

    def commit(self, preview: ImportPreview) -> ImportResult:
        """Write every row of a clean preview in one transaction; any problem writes nothing."""
        if not preview.ok:
            raise ValidationError(
                "import",
                f"{len(preview.problems)} problems; nothing was imported. First: "
                f"{preview.problems[0]}",
            )
        if not preview.drafts:
            raise ValidationError("import", f"{preview.file} has no candidates to import")
        now = self._clock()
        with self._uow() as uow:
            requisition = uow.requisitions.get(preview.requisition_id)
            result = write_slate(
                uow.session,
                requisition,
                preview.drafts,
                f"{preview.file} ({now:%d %b %Y})",
                f"imported from {preview.file}",
                now,
                self._actor_id(uow),
            )
            uow.audit.record(
                now,
                self._actor_id(uow),
                "import_slate",
                "slate",
                result.slate_id,
                {"file": preview.file, "created": result.created, "updated": result.updated},
            )
            uow.commit()
            return result


def existing_candidates(session: Session, emails: Sequence[str | None]) -> dict[str, int]:
    """Candidate ids by lower-cased email, for the emails given."""
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
) -> ImportResult:
    """Create or update each candidate (by email), put them on a new slate of the requisition
    at its first stage, attach their resumes. In the caller's transaction."""
    created = updated = resumes = 0
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
    for draft in drafts:
        known_id = existing.get((draft.email or "").lower())
        if known_id is None:
            candidate = Candidate(full_name=draft.full_name, email=draft.email, created_at=now)
            session.add(candidate)
            created += 1
        else:
            found = session.get(Candidate, known_id)
            assert found is not None
            candidate = found
            updated += 1
        for name in ("phone", "location", "current_title", "current_company"):
            value = getattr(draft, name)
            if value:
                setattr(candidate, name, value)
        candidate.full_name = draft.full_name
        candidate.links = list(dict.fromkeys([*(candidate.links or []), *draft.links]))
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
    session.flush()
    return ImportResult(slate.id, created, updated, resumes)
