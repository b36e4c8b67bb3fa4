"""Export: what packets may and may not say (private notes, redaction), deterministic files,
the interview kit, and writes that are all-or-nothing."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from pdf_reading import pdf_text
from sqlalchemy import func, select, update

from hirepartner.data.models import (
    Application,
    ApplicationNote,
    Candidate,
    Person,
    Scorecard,
)
from hirepartner.errors import ValidationError
from hirepartner.packets.content import Redaction, Section
from hirepartner.packets.progress import ExportCancelled

PRIVATE = "PRIVATE-7f3a"


@pytest.fixture
def world(services):
    services.fill_demo(candidates=60, seed=7)
    with services.database.unit_of_work() as uow:
        uow.session.execute(update(Scorecard).values(private_notes=f"{PRIVATE} scorecard"))
        uow.session.execute(update(Candidate).values(notes=f"{PRIVATE} candidate"))
        for app_id in uow.session.scalars(select(Application.id)):
            uow.session.add(
                ApplicationNote(application_id=app_id, at=services.clock(), text=f"{PRIVATE} note")
            )
        uow.commit()
        busiest = uow.session.execute(
            select(Scorecard.application_id, Application.requisition_id)
            .join(Application, Application.id == Scorecard.application_id)
            .where(Scorecard.status == "submitted")
            .group_by(Scorecard.application_id, Application.requisition_id)
            .order_by(func.count().desc(), Scorecard.application_id)
        ).first()
    return services, busiest.application_id, busiest.requisition_id


def _export(services, packet, tmp_path: Path, name: str = "packet"):
    pdf, js = tmp_path / f"{name}.pdf", tmp_path / f"{name}.json"
    result = services.export.write(packet, pdf, js)
    return result, pdf.read_bytes(), js.read_text(encoding="utf-8")


def _interviewers(services, application_id: int) -> set[str]:
    with services.database.unit_of_work() as uow:
        return set(
            uow.session.scalars(
                select(Person.name)
                .join(Scorecard, Scorecard.interviewer_id == Person.id)
                .where(Scorecard.application_id == application_id, Scorecard.status == "submitted")
            )
        )


def test_private_notes_never_reach_a_packet_or_its_summary(world, tmp_path):
    services, app_id, req_id = world
    for packet in (
        services.export.candidate_packet(app_id),
        services.export.slate_packet(req_id),
    ):
        _result, pdf, summary = _export(services, packet, tmp_path)
        assert PRIVATE not in pdf_text(pdf)
        assert PRIVATE.encode() not in pdf
        assert PRIVATE not in summary


def test_candidate_packet_says_who_rated_what_with_evidence(world, tmp_path):
    services, app_id, _req = world
    packet = services.export.candidate_packet(app_id)
    _result, pdf, summary = _export(services, packet, tmp_path)
    text = pdf_text(pdf)
    assert packet.candidate.label in text
    for name in _interviewers(services, app_id):
        assert name in text
    data = json.loads(summary)
    assert data["kind"] == "candidate"
    ratings = [r for line in data["content"]["candidate"]["competencies"] for r in line["ratings"]]
    assert ratings
    assert all(r["interviewer"] for r in ratings)
    evidence = next(r["evidence"] for r in ratings if r["evidence"])
    assert "".join(evidence.split()) in "".join(text.split())


def test_totals_only_hides_interviewers_and_their_ratings(world, tmp_path):
    services, app_id, _req = world
    packet = services.export.candidate_packet(app_id, Redaction.TOTALS)
    _result, pdf, summary = _export(services, packet, tmp_path)
    text = pdf_text(pdf)
    hidden = _interviewers(services, app_id) - {packet.meta.prepared_by}
    assert hidden
    for name in hidden:
        assert name not in text
        assert name not in summary
    data = json.loads(summary)
    ratings = [r for line in data["content"]["candidate"]["competencies"] for r in line["ratings"]]
    assert all(r["level"] is None and r["interviewer"] == "" for r in ratings)
    assert all(t["interviewer"] == "" for t in data["content"]["candidate"]["takeaways"])
    assert not re.search(r"[1-4] · (Strong )?(yes|no)", text, re.IGNORECASE)  # "3 · Yes"
    assert "Totals only" in text


def test_anonymous_masks_the_candidates_identity(world, tmp_path):
    services, app_id, req_id = world
    detail = services.review.application_detail(app_id)
    for packet in (
        services.export.candidate_packet(app_id, Redaction.ANONYMOUS),
        services.export.slate_packet(req_id, Redaction.ANONYMOUS),
    ):
        _result, pdf, summary = _export(services, packet, tmp_path)
        text = pdf_text(pdf)
        for part in detail.full_name.split():
            word = re.compile(rf"(?<!\w){re.escape(part)}(?!\w)")
            assert not word.search(text)
            assert not word.search(summary)
        assert detail.current_company not in text
        assert "Candidate A" in text


def test_same_data_same_file_and_a_change_moves_the_date(world, tmp_path, clock):
    services, app_id, req_id = world
    first = _export(services, services.export.slate_packet(req_id), tmp_path, "a")[1]
    clock.advance(days=3)
    second = _export(services, services.export.slate_packet(req_id), tmp_path, "b")[1]
    assert first == second
    services.pipeline.set_status(app_id, "on_hold", "waiting for references")
    third = _export(services, services.export.slate_packet(req_id), tmp_path, "c")[1]
    assert third != first


def test_slate_packet_ranks_and_lists_rejections_with_reasons(world, tmp_path):
    services, _app, req_id = world
    packet = services.export.slate_packet(req_id)
    ranked = [c for c in packet.candidates if c.rank]
    assert ranked[0].rank == 1
    assert [c.rank for c in ranked] == sorted(c.rank for c in ranked)
    for candidate in ranked:  # a shared rank is "about level", never a silent tie
        if sum(other.rank == candidate.rank for other in ranked) > 1:
            assert candidate.about_level_with
    assert all(c.weighted_low <= c.weighted <= c.weighted_high for c in ranked)
    apart = [c for c in packet.candidates if c.listed_apart]
    assert apart
    assert all(c.status in ("rejected", "withdrawn") and not c.rank for c in apart)
    assert list(packet.candidates[-len(apart) :]) == apart  # listed apart, after the others
    unranked = [c for c in packet.candidates if not c.rank and not c.listed_apart]
    assert all(c.weighted is None for c in unranked)
    rejected = [c for c in packet.candidates if c.status == "rejected"]
    assert len(packet.rejections) == len(rejected) > 0
    assert all(line.reason for line in packet.rejections)
    assert sum(count for _reason, count in packet.reason_counts) == len(rejected)
    result, pdf, _summary = _export(services, packet, tmp_path)
    rated = [c for c in packet.candidates if c.weighted is not None]
    assert len(rated) < len(packet.candidates)  # some have no ratings yet: no page of their own
    assert len(rated) + 2 <= result.pages < len(packet.candidates) + 2
    text = pdf_text(pdf)
    for line in packet.rejections:
        assert line.reason in text
    for candidate in packet.candidates:
        assert candidate.label in text  # every one in the decision summary


def test_sections_can_be_left_out(world, tmp_path):
    services, app_id, _req = world
    packet = services.export.candidate_packet(app_id, sections=[Section.SUMMARY])
    text = pdf_text(_export(services, packet, tmp_path)[1])
    assert "Summary" in text
    assert "Stage history" not in text
    assert "Competencies and evidence" not in text
    with pytest.raises(ValidationError, match="matrix is not part of this packet"):
        services.export.candidate_packet(app_id, sections=[Section.MATRIX])


def test_interview_kit_has_the_brief_anchors_questions_and_room_for_notes(world, tmp_path):
    services, app_id, _req = world
    detail = services.review.application_detail(app_id)
    kit = services.export.interview_kit(app_id, detail.stage.upper())
    assert kit.stage == detail.stage
    text = pdf_text(_export(services, kit, tmp_path)[1])
    assert detail.full_name in text
    for item in kit.must_haves:
        assert item in text
    for competency in kit.competencies:
        assert competency.name in text
        for _level, anchor in competency.anchors:
            assert "".join(anchor.split()) in "".join(text.split())
    for question in kit.questions:
        assert "".join(question.text.split()) in "".join(text.split())
    assert "Notes" in text
    with pytest.raises(ValidationError, match="is not a stage here; choose one of"):
        services.export.interview_kit(app_id, "Lunch")


def test_a_cancelled_export_writes_nothing_and_keeps_the_old_file(world, tmp_path):
    services, _app, req_id = world
    out = tmp_path / "out"
    out.mkdir()
    target = out / "slate.pdf"
    target.write_bytes(b"the previous packet")
    with pytest.raises(ExportCancelled):
        services.export.write(
            services.export.slate_packet(req_id),
            target,
            tmp_path / "slate.json",
            cancelled=lambda: True,
        )
    assert target.read_bytes() == b"the previous packet"
    assert sorted(p.name for p in out.iterdir()) == ["slate.pdf"]


def test_exported_files_are_private(world, tmp_path):
    services, app_id, _req = world
    out = tmp_path / "out"
    out.mkdir()
    _export(services, services.export.candidate_packet(app_id), out)
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_missing_folder_is_named(world, tmp_path):
    services, app_id, _req = world
    with pytest.raises(Exception, match="does not exist"):
        services.export.write(
            services.export.candidate_packet(app_id), tmp_path / "nowhere" / "p.pdf"
        )
