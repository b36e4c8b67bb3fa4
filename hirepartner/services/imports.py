"""Importing a recruiter's slate: preview first (what is created, updated, possible duplicates,
and every problem by row and column), then commit all of it in one transaction, or nothing."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select

from hirepartner.data.models import Application, Requisition
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
from hirepartner.services.slate_writing import (
    ImportResult,
    existing_candidates,
    same_names,
    write_slate,
)
from hirepartner.services.views.requisitions import RequisitionRef

__all__ = [
    "ADD",
    "CREATE",
    "UPDATE",
    "Duplicate",
    "ImportPreview",
    "ImportResult",
    "ImportService",
    "PreviewRow",
]

CREATE, UPDATE, ADD = "create", "update", "add to requisition"


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
            title = RequisitionRef.of(requisition).label
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
