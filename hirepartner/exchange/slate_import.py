"""From a table and a column mapping to candidate drafts, with every problem named by file, row
and column. Pure: the service decides what is created or updated and writes it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hirepartner.exchange.layouts import Layout
from hirepartner.exchange.resume_files import ResumeFile, ResumeSet
from hirepartner.exchange.tables import Table

LIMITS = {
    "full_name": 300,
    "email": 320,
    "phone": 60,
    "location": 200,
    "current_title": 200,
    "current_company": 200,
    "source": 100,
}
MAX_TAG = 80
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CandidateDraft:
    row: int
    full_name: str
    email: str | None
    phone: str
    location: str
    current_title: str
    current_company: str
    links: tuple[str, ...]
    source: str
    tags: tuple[str, ...]
    pitch: str
    resume: ResumeFile | None


def name_key(full_name: str) -> str:
    """A name as a duplicate check compares it: case, accents and spacing do not count."""
    decomposed = unicodedata.normalize("NFKD", full_name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def _values(table: Table, record: tuple[str, ...], columns: tuple[str, ...]) -> list[str]:
    return [record[table.headers.index(c)] for c in columns if c in table.headers]


# C0 and C1 controls and DEL: an ESC or BEL in a name would reach a terminal, a PDF or a log.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile("\r\n?|[\n\x0b\x0c\x85\u2028\u2029]")
# Fields of one line: a line break in one means two rows ran together (a quote left open).
ONE_LINE = frozenset(
    {"full_name", "first_name", "last_name", "email", "phone", "current_title", "current_company"}
)


def clean_cell(field_name: str, text: str) -> str:
    """The cell without control characters; only the recruiter's note keeps tabs and line
    breaks, an address's lines become commas, and elsewhere a tab or line break is a space."""
    if field_name == "pitch":
        return _CONTROLS.sub("", _LINE_BREAK.sub("\n", text))
    if field_name == "location":
        text = ", ".join(line.strip() for line in _LINE_BREAK.split(text) if line.strip())
    return _CONTROLS.sub("", _LINE_BREAK.sub(" ", text).replace("\t", " "))


def draft_candidates(
    table: Table, layout: Layout, resumes: ResumeSet | None = None
) -> tuple[list[CandidateDraft], list[RowProblem]]:
    drafts: list[CandidateDraft] = []
    problems: list[RowProblem] = []
    seen_emails: dict[str, int] = {}
    mapping = layout.mapping
    if not mapping.get("full_name") and not (mapping.get("first_name") or mapping.get("last_name")):
        problems.append(RowProblem(table.name, 1, "", "no column is mapped to the name"))
        return drafts, problems
    refused_cells: dict[int, list[RowProblem]] = {}
    for cell in table.problems:
        refused_cells.setdefault(cell.row, []).append(
            RowProblem(table.name, cell.row, cell.column, cell.message)
        )
    rows_seen: set[int] = set()
    for index, record in enumerate(table.rows):
        row = table.row_number(index)
        rows_seen.add(row)
        if row in refused_cells:  # its refused cells are blank: other checks would only echo
            problems += refused_cells[row]
            continue
        values: dict[str, list[str]] = {}
        row_problems: list[RowProblem] = []
        for field_name, columns in mapping.items():
            raw = _values(table, record, columns)
            if field_name in ONE_LINE:
                for column in columns:
                    if column in table.headers and _LINE_BREAK.search(
                        record[table.headers.index(column)]
                    ):
                        row_problems.append(
                            RowProblem(
                                table.name,
                                row,
                                column,
                                "a line break inside the cell; it holds one line (in a CSV, a "
                                "quote left open joins two rows into one)",
                            )
                        )
            separator = layout.separators.get(field_name)
            parts = [
                clean_cell(field_name, part).strip()
                for cell in raw
                for part in (re.split(separator, cell) if separator else [cell])
                if clean_cell(field_name, part).strip()
            ]
            values[field_name] = parts

        def one(field_name: str, joiner: str = " ", _values: dict[str, list[str]] = values) -> str:
            parts = _values.get(field_name, [])
            if field_name in ("email", "phone", "source") and parts:
                return parts[0]  # the first of several, as the ATS lists its primary first
            return joiner.join(parts)

        def column_of(field_name: str) -> str:
            return ", ".join(mapping.get(field_name, ()))

        full_name = one("full_name") or " ".join(
            p for p in (one("first_name"), one("last_name")) if p
        )
        name_column = column_of("full_name") or column_of("first_name")
        if not full_name:
            row_problems.append(RowProblem(table.name, row, name_column, "the name is empty"))
        email = one("email").strip() or None
        if email is not None and not _EMAIL.match(email):
            row_problems.append(
                RowProblem(
                    table.name, row, column_of("email"), f"{email!r} is not an email address"
                )
            )
        elif email is not None:
            key = email.lower()
            if key in seen_emails:
                row_problems.append(
                    RowProblem(
                        table.name,
                        row,
                        column_of("email"),
                        f"the same email as row {seen_emails[key]}: one candidate, one row",
                    )
                )
            seen_emails.setdefault(key, row)
        fields = {
            "full_name": full_name,
            "email": email or "",
            "phone": one("phone"),
            "location": one("location", ", "),
            "current_title": one("current_title"),
            "current_company": one("current_company"),
            "source": one("source"),
        }
        for field_name, limit in LIMITS.items():
            if len(fields[field_name]) > limit:
                row_problems.append(
                    RowProblem(
                        table.name,
                        row,
                        column_of(field_name) or name_column,
                        f"{len(fields[field_name])} characters; at most {limit}",
                    )
                )
        tags = tuple(dict.fromkeys(values.get("tags", [])))
        for tag in tags:
            if len(tag) > MAX_TAG:
                row_problems.append(
                    RowProblem(table.name, row, column_of("tags"), f"a tag longer than {MAX_TAG}")
                )
        problems += row_problems
        if row_problems:
            continue
        drafts.append(
            CandidateDraft(
                row=row,
                full_name=full_name,
                email=email,
                phone=fields["phone"],
                location=fields["location"],
                current_title=fields["current_title"],
                current_company=fields["current_company"],
                links=tuple(dict.fromkeys(values.get("links", []))),
                source=fields["source"],
                tags=tags,
                pitch=one("pitch", "\n"),
                resume=resumes.match(email, full_name) if resumes else None,
            )
        )
    for row, refused in sorted(refused_cells.items()):
        if row not in rows_seen:  # a row with nothing else in it, dropped as blank
            problems += refused
    problems.sort(key=lambda problem: problem.row)
    return drafts, problems
