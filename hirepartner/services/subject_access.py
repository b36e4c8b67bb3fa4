"""Everything held about one candidate, found by walking the schema: the candidate's row,
every row that refers to it through foreign keys (and to those, and so on), and the rows
that name them without a foreign key (the audit log, the exchange's records). A table is
either reached, linked here, or declared as holding nothing about candidates: a new table
that is none of these fails tests/services/test_subject_access.py."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, LargeBinary, Table, and_, false, or_, select
from sqlalchemy.orm import Session

from hirepartner.data.models import Base, Candidate
from hirepartner.services.anonymise import names_email

# Tables about the hiring process, the team or the exchange's machinery: nothing in them is
# about one candidate.
NOT_ABOUT_CANDIDATES: Mapping[str, str] = {
    "person": "the hiring team, not candidates",
    "requisition": "the opening",
    "role_brief_version": "the opening's brief",
    "competency": "what scorecards measure",
    "competency_anchor": "what rating levels mean",
    "interview_stage": "the interview plan",
    "stage_interviewer": "the interview plan",
    "stage_focus_competency": "the interview plan",
    "stage_question": "the interview plan",
    "slate": "a batch of candidates; its feedback is about the batch",
    "goal": "the requisition's goals",
    "install_setting": "this install's settings",
    "exchange_target": "where the exchange sends",
    "team_key": "the team's signing keys",
}
# Tables that name a candidate without a foreign key; how is said in `_linked`.
LINKED = ("audit_event", "outbox_envelope", "inbox_envelope", "exchange_record")

Rows = dict[str, list[dict[str, Any]]]


def _linked(table: Table, candidate_id: int, email: str, found: Rows) -> ColumnElement[bool]:
    columns = table.c
    if table.name == "audit_event":
        owned = {
            "candidate": [candidate_id],
            "application": [r["id"] for r in found.get("application", [])],
            "scorecard": [r["id"] for r in found.get("scorecard", [])],
            "decision": [r["id"] for r in found.get("decision", [])],
            "offer": [r["id"] for r in found.get("offer", [])],
        }
        return or_(
            *(
                and_(columns.entity == entity, columns.entity_id.in_(ids))
                for entity, ids in owned.items()
            )
        )
    if "@" not in email:
        return false()
    return names_email(columns.record_id, email)


def subject_rows(session: Session, candidate_id: int) -> Rows:
    """Every row about the candidate, per table name, as column → value."""
    candidate = session.get(Candidate, candidate_id)
    email = (candidate.email or "") if candidate else ""
    tables = Base.metadata.tables
    found: Rows = {
        "candidate": _rows(session, tables["candidate"], tables["candidate"].c.id == candidate_id)
    }
    # Parents come before children in sorted_tables; the linked tables are looked up once
    # the tables they name (applications, scorecards…) are known, then their own children.
    pending = [t for t in Base.metadata.sorted_tables if t.name != "candidate"]
    for linked_pass in (False, True):
        for table in pending:
            if table.name in found or table.name in NOT_ABOUT_CANDIDATES:
                continue
            if table.name in LINKED:
                if linked_pass:
                    found[table.name] = _rows(
                        session, table, _linked(table, candidate_id, email, found)
                    )
                continue
            conditions = []
            for key in table.foreign_keys:
                parent = key.column.table.name
                if parent in found and key.column.table is not table:
                    values = {row[key.column.name] for row in found[parent]}
                    conditions.append(key.parent.in_(values))
            if conditions:
                found[table.name] = _rows(session, table, or_(*conditions))
    return found


def _rows(session: Session, table: Table, where: ColumnElement[bool]) -> list[dict[str, Any]]:
    order = list(table.primary_key.columns)
    return [
        dict(row) for row in session.execute(select(table).where(where).order_by(*order)).mappings()
    ]


def binary_columns(table_name: str) -> tuple[str, ...]:
    table = Base.metadata.tables[table_name]
    return tuple(c.name for c in table.columns if isinstance(c.type, LargeBinary))


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
