"""Subject access: the export holds every table's rows about the person and nobody else's.
The tables are found by introspecting the schema, so a new table cannot be forgotten."""

import json
import zipfile

import pytest
from sqlalchemy import select

from hirepartner.data.models import (
    Application,
    Base,
    Candidate,
    Rating,
    Scorecard,
    ScorecardVersion,
)
from hirepartner.data.models.exchange import (
    ExchangeRecord,
    InboxEnvelope,
    OutboxAttachment,
    OutboxEnvelope,
)
from hirepartner.services.subject_access import LINKED, NOT_ABOUT_CANDIDATES, subject_rows
from tests.pdf_reading import pdf_text


@pytest.fixture
def demo(services, clock, tmp_path):
    """A demo world where every table about candidates has rows: notes, a decision (and its
    envelope to a folder target), a kept scorecard version."""
    services.fill_demo(candidates=24, seed=11)
    services.sync.add_target("share", "folder", {"path": str(tmp_path / "share")})
    rows = services.slates.list_slate(services.requisitions.list_requisitions()[0].id).rows
    for row in rows[:3]:
        services.review.add_note(row.application_id, f"Private note on {row.full_name}")
        services.debrief.decide(row.application_id, "hold", "Waiting for references", ["Mei"])
    with services.database.unit_of_work() as uow:
        card = uow.session.scalars(select(Scorecard).where(Scorecard.status == "submitted")).first()
        uow.session.add(
            ScorecardVersion(
                scorecard_id=card.id,
                version=1,
                snapshot={"evidence": {}, "private_notes": "x"},
                reason="typo",
                created_at=clock(),
            )
        )
        # What a recruiter's envelope about one candidate left here.
        email = uow.session.scalar(select(Candidate.email).where(Candidate.email.is_not(None)))
        record = f"slate:req-1042:{email}"
        uow.session.add(
            InboxEnvelope(
                uuid="u-1",
                target="share",
                kind="slate",
                record_id=record,
                record_version=1,
                state="applied",
                received_at=clock(),
            )
        )
        uow.session.add(ExchangeRecord(record_id=record, version=1, envelope_uuid="u-1"))
        envelope = uow.session.scalar(select(OutboxEnvelope.id).limit(1))
        uow.session.add(OutboxAttachment(envelope_id=envelope, name="a.pdf", content=b"%PDF-"))
        uow.commit()
    return services


def _key(table, row):
    return tuple(row[c.name] for c in Base.metadata.tables[table].primary_key.columns)


def test_every_table_is_reached_linked_or_declared_unrelated(demo):
    with demo.database.unit_of_work(write=False) as uow:
        first = uow.session.scalar(select(Candidate.id).limit(1))
        reached = set(subject_rows(uow.session, first))
    tables = set(Base.metadata.tables)
    assert reached | set(NOT_ABOUT_CANDIDATES) == tables, (
        "a table is neither reached from candidate by a foreign key, nor linked, nor declared "
        "as holding nothing about candidates: "
        f"{sorted(tables - reached - set(NOT_ABOUT_CANDIDATES))}"
    )
    assert not reached & set(NOT_ABOUT_CANDIDATES)
    assert set(LINKED) <= reached


def test_exports_partition_the_rows_about_candidates(demo):
    """Exported for every candidate, each row about candidates appears in exactly one
    export: nobody else's row is in anyone's, and none is left out."""
    with demo.database.unit_of_work(write=False) as uow:
        ids = uow.session.scalars(select(Candidate.id)).all()
        exports = {ident: subject_rows(uow.session, ident) for ident in ids}
        everything = {
            table.name: {
                _key(table.name, row) for row in uow.session.execute(select(table)).mappings()
            }
            for table in Base.metadata.sorted_tables
        }
    about_candidates = set(everything) - set(NOT_ABOUT_CANDIDATES)
    for table in about_candidates:
        seen: dict[tuple, int] = {}
        for ident, rows in exports.items():
            for row in rows.get(table, []):
                key = _key(table, row)
                assert key not in seen, (
                    f"{table} {key} is in the exports of {seen.get(key)} and {ident}"
                )
                seen[key] = ident
        if table == "audit_event":
            continue  # events about the team or the database belong to no candidate
        assert set(seen) == everything[table], f"{table}: rows about nobody, or left out"
        assert everything[table], f"the world has no {table} rows: the test would prove nothing"


def test_the_archive_holds_json_resumes_and_a_readable_summary(demo, tmp_path):
    listing = demo.slates.list_slate(demo.requisitions.list_requisitions()[0].id).rows[0]
    with demo.database.unit_of_work(write=False) as uow:
        candidate = uow.session.scalar(
            select(Candidate).where(Candidate.full_name == listing.full_name)
        )
        ident, name, email = candidate.id, candidate.full_name, candidate.email
    preview = demo.subject_export.preview(ident)
    assert preview.private_notes >= 1
    result = demo.subject_export.export(ident, tmp_path / "subject.zip")
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
        document = json.loads(archive.read("records.json"))
        pdf = archive.read("summary.pdf")
        resumes = [n for n in names if n.startswith("resumes/")]
        assert resumes
        assert archive.read(resumes[0]).startswith(b"%PDF")
    assert document["tables"]["candidate"][0]["email"] == email
    assert any(
        n["text"] == f"Private note on {name}" for n in document["tables"]["application_note"]
    )
    assert document["tables"]["resume"][0]["content"]["file"] == resumes[0]
    text = pdf_text(pdf)
    assert f"Personal data held about {name}" in " ".join(text.split())
    assert "Private note on" in text
    events = demo.audit.events(candidate_id=ident)
    assert events[0].action == "export_subject"
    assert (result.path.stat().st_mode & 0o777) == 0o600


def test_the_export_refuses_to_overwrite_the_database(demo, db_path):
    from hirepartner.errors import HirePartnerError

    before = len(demo.audit.events())
    with pytest.raises(HirePartnerError):
        demo.subject_export.export(1, db_path)
    assert len(demo.audit.events()) == before  # no export happened, none is logged


def test_the_preview_counts_in_words_with_ratings_and_messages_explained(demo):
    """'1 application', not 'Applications: 1'; ratings say how many carry a level, so the
    figure agrees with the panels' n; the outbox is messages for the recruiter."""
    with demo.database.unit_of_work() as uow:
        candidate_id = next(
            c
            for c in uow.session.scalars(select(Candidate.id).order_by(Candidate.id))
            if subject_rows(uow.session, c).get("outbox_envelope")
            and subject_rows(uow.session, c).get("rating")
        )
        ratings = uow.session.scalars(
            select(Rating)
            .join(Scorecard)
            .join(Application)
            .where(Application.candidate_id == candidate_id)
        ).all()
        ratings[0].level = None  # not assessed
        levelled = sum(1 for r in ratings if r.level is not None)
        unrated = len(ratings) - levelled
        uow.commit()
    preview = demo.subject_export.preview(candidate_id)
    lines = " / ".join(preview.lines)
    assert preview.lines[0] == "1 profile"
    assert f"{len(ratings)} ratings ({levelled} with a level, {unrated} not assessed)" in (
        preview.lines
    )
    # The folder target has not synced yet.
    assert "1 message waiting to be sent to the recruiter" in preview.lines
    assert "envelope" not in lines.lower()
    assert ": " not in lines  # no "Applications: 1"
