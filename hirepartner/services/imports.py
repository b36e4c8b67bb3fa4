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
            existing = self._existing(uow.session, [d.email for d in drafts if d.email])
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

    @staticmethod
    def _existing(session: Session, emails: Sequence[str | None]) -> dict[str, int]:
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
        created = updated = resumes = 0
        with self._uow() as uow:
            requisition = uow.requisitions.get(preview.requisition_id)
            actor = self._actor_id(uow)
            slate = Slate(
                requisition_id=requisition.id,
                name=f"{preview.file} ({now:%d %b %Y})",
                recruiter_id=requisition.recruiter_id,
                presented_at=now,
            )
            uow.session.add(slate)
            uow.session.flush()
            existing = self._existing(uow.session, [d.email for d in preview.drafts if d.email])
            first_stage = requisition.stages[0]
            for draft in preview.drafts:
                known_id = existing.get((draft.email or "").lower())
                if known_id is None:
                    candidate = Candidate(
                        full_name=draft.full_name, email=draft.email, created_at=now
                    )
                    uow.session.add(candidate)
                    created += 1
                else:
                    candidate = uow.candidates.get(known_id)
                    updated += 1
                for name in ("phone", "location", "current_title", "current_company"):
                    value = getattr(draft, name)
                    if value:
                        setattr(candidate, name, value)
                candidate.full_name = draft.full_name
                candidate.links = list(dict.fromkeys([*(candidate.links or []), *draft.links]))
                uow.session.flush()
                have = set(uow.candidates.tags([candidate.id]).get(candidate.id, []))
                for tag in draft.tags:
                    if tag not in have:
                        uow.session.add(CandidateTag(candidate_id=candidate.id, tag=tag))
                if draft.resume is not None and self._attach(uow.session, candidate.id, draft, now):
                    resumes += 1
                application = uow.session.scalar(
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
                    uow.session.add(application)
                    uow.session.flush()
                    uow.session.add(
                        ApplicationEvent(
                            application_id=application.id,
                            at=now,
                            kind=HistoryKind.CREATED.value,
                            to_stage_id=first_stage.id,
                            to_status=application.status,
                            actor_id=actor,
                            note=f"imported from {preview.file}",
                        )
                    )
                else:
                    application.pitch = draft.pitch or application.pitch
                    application.source = draft.source or application.source
            uow.audit.record(
                now,
                actor,
                "import_slate",
                "slate",
                slate.id,
                {"file": preview.file, "created": created, "updated": updated},
            )
            uow.commit()
            return ImportResult(slate.id, created, updated, resumes)

    @staticmethod
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
