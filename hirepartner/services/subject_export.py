"""A subject access export: one ZIP with every record held about one candidate (JSON), their
resumes as files, and a readable PDF summary. Private notes are included: the person has a
right to them. The export is audited; reading is not."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from hirepartner.files import write_atomically
from hirepartner.services.base import Service
from hirepartner.services.subject_access import Rows, binary_columns, sha256, subject_rows

SCHEMA = "https://schemas.hirepartner.app/subject-access/v1"
NOTICE = (
    "This is everything HirePartner holds about you on this machine: your profile, your "
    "applications and their history, the interviewers' scorecards with their ratings, "
    "evidence and private notes, notes about you, decisions, offers, and the audit log's "
    "entries about you. records.json in the same archive holds every record in full; your "
    "resumes are in the folder resumes/."
)
# How each table reads in the summary, in the order shown.
SECTIONS = {
    "candidate": "Profile",
    "candidate_tag": "Tags",
    "resume": "Resumes",
    "application": "Applications",
    "application_event": "Application history",
    "application_note": "Notes about an application (private)",
    "scorecard": "Scorecards",
    "rating": "Ratings",
    "scorecard_version": "Earlier versions of scorecards",
    "decision": "Decisions",
    "offer": "Offers",
    "audit_event": "Audit log entries",
    "outbox_envelope": "Messages for the recruiter (sent or waiting to be sent)",
    "outbox_delivery": "Deliveries of those messages",
    "outbox_attachment": "Files attached to those messages",
    "inbox_envelope": "Messages received from the recruiter",
    "exchange_record": "Records kept in step with the recruiter",
}
# How many of each a person reads in the export dialog: (one, many).
NOUNS = {
    "candidate": ("profile", "profiles"),
    "candidate_tag": ("tag", "tags"),
    "resume": ("resume", "resumes"),
    "application": ("application", "applications"),
    "application_event": (
        "entry in the application history",
        "entries in the application history",
    ),
    "application_note": (
        "private note about an application",
        "private notes about an application",
    ),
    "scorecard": ("scorecard", "scorecards"),
    "rating": ("rating", "ratings"),
    "scorecard_version": ("earlier version of a scorecard", "earlier versions of scorecards"),
    "decision": ("decision", "decisions"),
    "offer": ("offer", "offers"),
    "audit_event": ("audit log entry", "audit log entries"),
    "inbox_envelope": (
        "message received from the recruiter",
        "messages received from the recruiter",
    ),
    "exchange_record": (
        "record kept in step with the recruiter",
        "records kept in step with the recruiter",
    ),
}
_HIDDEN = {"id", "candidate_id", "prev_hash", "hash"}


@dataclass(frozen=True)
class SubjectPreview:
    candidate_id: int
    name: str
    counts: tuple[tuple[str, int], ...]  # (section title, records)
    private_notes: int  # private texts included (scorecards' private notes, notes)
    lines: tuple[str, ...] = ()  # what it holds, as a person reads it: "18 ratings (…)"


@dataclass(frozen=True)
class SubjectExport:
    path: Path
    records: int
    resumes: int


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _readable(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, datetime):
        return f"{value:%d %b %Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def _title(table: str) -> str:
    return SECTIONS.get(table, table.replace("_", " ").capitalize())


def _ordered(rows: Rows) -> list[str]:
    known = [t for t in SECTIONS if t in rows]
    return known + sorted(t for t in rows if t not in SECTIONS)


def _how_many(n: int, table: str) -> str:
    if table not in NOUNS:
        return f"{_title(table)}: {n}"
    one, many = NOUNS[table]
    return f"{n} {one if n == 1 else many}"


def _held_lines(rows: Rows) -> tuple[str, ...]:
    """Each kind of record held, counted in words; ratings say how many carry a level and
    messages for the recruiter how many still wait, so the figures agree with the panels."""
    lines: list[str] = []
    for table in _ordered(rows):
        found = rows[table]
        if not found or table in ("outbox_delivery", "outbox_attachment"):
            continue
        line = _how_many(len(found), table)
        if table == "rating":
            levelled = sum(1 for r in found if r.get("level") is not None)
            if levelled != len(found):
                line += f" ({levelled} with a level, {len(found) - levelled} not assessed)"
        elif table == "outbox_envelope":
            deliveries = rows.get("outbox_delivery", [])
            delivered = {d["envelope_id"] for d in deliveries}
            unsent = {d["envelope_id"] for d in deliveries if d["state"] != "sent"}
            waiting = sum(1 for r in found if r["id"] in unsent or r["id"] not in delivered)
            message = "message" if len(found) == 1 else "messages"
            if waiting == len(found):
                line = f"{waiting} {message} waiting to be sent to the recruiter"
            elif not waiting:
                line = f"{len(found)} {message} sent to the recruiter"
            else:
                line = f"{len(found)} {message} for the recruiter ({waiting} waiting to be sent)"
        lines.append(line)
    return tuple(lines)


def _private_count(rows: Rows) -> int:
    cards = sum(1 for r in rows.get("scorecard", []) if (r.get("private_notes") or "").strip())
    notes = len(rows.get("application_note", []))
    profile = sum(1 for r in rows.get("candidate", []) if (r.get("notes") or "").strip())
    return cards + notes + profile


def _archive(rows: Rows, candidate_id: int, now: datetime, by: str) -> tuple[bytes, int, int]:
    """The ZIP's bytes, with how many records and resumes it holds."""
    from hirepartner.packets.subject import (
        SubjectRecord,
        SubjectSection,
        SubjectSummary,
        build_subject_pdf,
    )

    buffer = io.BytesIO()
    records = resumes = 0
    tables: dict[str, list[dict[str, Any]]] = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in _ordered(rows):
            blobs = binary_columns(table)
            out = []
            for n, row in enumerate(rows[table], 1):
                plain = {key: _plain(value) for key, value in row.items() if key not in blobs}
                for column in blobs:
                    content = row[column] or b""
                    if table == "resume":
                        name = PurePosixPath(str(row.get("filename") or "resume")).name
                        member = f"resumes/{row['id']}-{name}"
                        resumes += 1
                    else:
                        member = f"files/{table}/{n}-{column}.bin"
                    archive.writestr(member, content)
                    plain[column] = {"file": member, "sha256": sha256(content)}
                out.append(plain)
            tables[table] = out
            records += len(out)
        document = {
            "schema": SCHEMA,
            "candidate_id": candidate_id,
            "exported_at": now.isoformat(),
            "tables": tables,
        }
        archive.writestr(
            "records.json", json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
        )
        profile = rows["candidate"][0]
        summary = SubjectSummary(
            name=profile["full_name"],
            prepared_by=by,
            prepared_at=now,
            notice=NOTICE,
            sections=tuple(
                SubjectSection(
                    _title(table),
                    tuple(
                        SubjectRecord(
                            tuple(
                                (key.replace("_", " ").capitalize(), _readable(value))
                                for key, value in row.items()
                                if key not in _HIDDEN and key not in binary_columns(table)
                            )
                        )
                        for row in rows[table]
                    ),
                )
                for table in _ordered(rows)
            ),
        )
        archive.writestr("summary.pdf", build_subject_pdf(summary).content)
    return buffer.getvalue(), records, resumes


class SubjectExportService(Service):
    def preview(self, candidate_id: int) -> SubjectPreview:
        with self._read() as uow:
            name = uow.candidates.get(candidate_id).full_name
            rows = subject_rows(uow.session, candidate_id)
        return SubjectPreview(
            candidate_id,
            name,
            tuple((_title(t), len(rows[t])) for t in _ordered(rows) if rows[t]),
            _private_count(rows),
            _held_lines(rows),
        )

    def export(self, candidate_id: int, destination: Path) -> SubjectExport:
        """Write the archive (checked by the output guard first); then audit the export."""
        (destination,) = self.outputs.check(destination)
        now = self._clock()
        with self._read() as uow:
            uow.candidates.get(candidate_id)
            me = uow.people.self_person()
            by = me.name if me else ""
            rows = subject_rows(uow.session, candidate_id)
        content, records, resumes = _archive(rows, candidate_id, now, by)
        write_atomically([(destination, content)], self.outputs)
        with self._uow() as uow:
            uow.audit.record(
                now,
                self._actor_id(uow),
                "export_subject",
                "candidate",
                candidate_id,
                {"records": records},
            )
            uow.commit()
        return SubjectExport(destination, records, resumes)
