"""Importing a recruiter's slate: preview first (what is created, updated, possible duplicates,
and every problem by row and column), then commit all of it in one transaction, or nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

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
from hirepartner.exchange.layouts import Layout, detect_layout
from hirepartner.exchange.resume_files import ResumeSet, read_resumes
from hirepartner.exchange.slate_import import (
    CandidateDraft,
    RowProblem,
    draft_candidates,
    name_key,
)
from hirepartner.exchange.tables import Table, read_table
from hirepartner.services.base import Service
from hirepartner.wording import plural

CREATE, UPDATE, ADD = "create", "update", "add to requisition"
MAILTO = "mailto:"  # a merged candidate's other address, kept among their links


@dataclass(frozen=True)
class Duplicate:
    """An existing candidate with the row's name but another email (or none on one side)."""

    candidate_id: int
    full_name: str
    email: str
    action: str  # what merging does: update (already on the requisition) / add to requisition
    others: int  # more existing candidates with that name

    @property
    def warning(self) -> str:
        who = f"{self.full_name} <{self.email}>" if self.email else f"{self.full_name} (no email)"
        more = f" (and {self.others} more with this name)" if self.others else ""
        return f"possible duplicate of {who}{more}"


@dataclass(frozen=True)
class PreviewRow:
    row: int
    full_name: str
    email: str
    action: str  # create / update / add to requisition
    resume: str  # the matched file name, "" for none
    problems: tuple[str, ...]
    duplicate: Duplicate | None = None  # a warning: the user keeps both (default) or merges

    def action_if(self, merge: bool) -> str:
        return self.duplicate.action if merge and self.duplicate else self.action


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
    file_problems: tuple[str, ...] = ()  # problems of the whole file, which no skip can pass

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def skippable(self) -> bool:
        """Every problem is a row's own: the other rows can be imported without them."""
        return bool(self.problems) and not self.file_problems and bool(self.drafts)

    @property
    def skipped_rows(self) -> tuple[int, ...]:
        """The rows an import with skip_invalid leaves out."""
        return tuple(row.row for row in self.rows if row.problems)

    @property
    def duplicates(self) -> tuple[PreviewRow, ...]:
        return tuple(row for row in self.rows if row.duplicate is not None)

    def count(self, action: str, merge_rows: Collection[int] = ()) -> int:
        """Rows that would get this action, with the rows in `merge_rows` merged."""
        return sum(
            1
            for row in self.rows
            if not row.problems and row.action_if(row.row in merge_rows) == action
        )

    def counts_text(self, merge_rows: Collection[int] = (), where: str = "this requisition") -> str:
        return (
            f"{self.count(CREATE, merge_rows)} to create, {self.count(UPDATE, merge_rows)} to "
            f"update, {self.count(ADD, merge_rows)} to add to {where}"
        )


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
        with self._read() as uow:
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
            new = [d for d in drafts if (d.email or "").lower() not in existing]
            namesakes = same_names(uow.session, [d.full_name for d in new])
        by_row: dict[int, list[RowProblem]] = {}
        for problem in problems:
            by_row.setdefault(problem.row, []).append(problem)
        rows = []
        for draft in drafts:
            known = existing.get((draft.email or "").lower())
            action = CREATE if known is None else UPDATE if known in on_requisition else ADD
            duplicate = None
            if known is None:
                # Several namesakes: the one on this requisition is the likelier, then the oldest.
                matches = sorted(
                    namesakes.get(name_key(draft.full_name), []),
                    key=lambda match: (match[0] not in on_requisition, match[0]),
                )
                if matches:
                    ident, name, email = matches[0]
                    duplicate = Duplicate(
                        ident,
                        name,
                        email or "",
                        UPDATE if ident in on_requisition else ADD,
                        len(matches) - 1,
                    )
            rows.append(
                PreviewRow(
                    draft.row,
                    draft.full_name,
                    draft.email or "",
                    action,
                    draft.resume.name if draft.resume else "",
                    (),
                    duplicate,
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
            file_problems=tuple(str(p) for p in problems if p.row <= 1),
        )

    def commit(
        self,
        preview: ImportPreview,
        merge_rows: Collection[int] = (),
        skip_invalid: bool = False,
    ) -> ImportResult:
        """Write every row of a clean preview in one transaction; any problem writes nothing,
        unless `skip_invalid`: then the valid rows are written in one transaction and the rows
        with problems are left out and listed (a problem of the whole file still stops it).
        The rows in `merge_rows` (possible duplicates) become their existing namesake; the other
        possible duplicates are created as new candidates (keep both)."""
        duplicates = {row.row: row.duplicate for row in preview.rows if row.duplicate}
        merges: dict[int, int] = {}
        for row_number in sorted(merge_rows):
            duplicate = duplicates.get(row_number)
            if duplicate is None:
                raise ValidationError(
                    "import", f"Row {row_number} has no possible duplicate to merge with."
                )
            merges[row_number] = duplicate.candidate_id
        skipped = preview.skipped_rows if skip_invalid and preview.skippable else ()
        if not preview.ok and not skipped:
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
            actor = self._actor_id(uow)
            result = write_slate(
                uow.session,
                requisition,
                preview.drafts,
                f"{preview.file} ({now:%d %b %Y})",
                f"imported from {preview.file}",
                now,
                actor,
                merges,
            )
            uow.audit.record(
                now,
                actor,
                "import_slate",
                "slate",
                result.slate_id,
                {
                    "file": preview.file,
                    "created": result.created,
                    "updated": result.updated,
                    "added": result.added,
                    "merged": result.merged,
                    "skipped_rows": list(skipped),
                },
            )
            for row_number, candidate_id in merges.items():
                uow.audit.record(
                    now,
                    actor,
                    "merge_imported_candidate",
                    "candidate",
                    candidate_id,
                    {"file": preview.file, "row": row_number},
                )
            uow.commit()
            return replace(result, skipped=skipped)


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
    )
