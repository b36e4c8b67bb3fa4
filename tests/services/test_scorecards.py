"""Scorecards: drafts, merging, submit validation, amendments, and independent scoring."""

import os
import signal
import subprocess
import sys
import time
from datetime import datetime

import pytest
from sqlalchemy import update

from hirepartner.data.models import (
    Competency,
    CompetencyAnchor,
    Person,
    Requisition,
    StageFocusCompetency,
)
from hirepartner.errors import ValidationError
from hirepartner.services.scorecard_reading import ScorecardHidden
from hirepartner.services.scorecards import MERGE_MARK, DraftValues, ScorecardIncomplete


@pytest.fixture
def panel(services):
    """One application, a technical stage focused on Coding and Design, three people."""
    req = services.requisitions.create_requisition("Engineer", stages=["Screen", "Technical"])
    with services.database.unit_of_work() as uow:
        people = [
            Person(name=n, role=r)
            for n, r in (
                ("Ivy Interviewer", "interviewer"),
                ("Ian Interviewer", "interviewer"),
                ("Hana Manager", "hiring_manager"),
            )
        ]
        uow.session.add_all(people)
        comps = [
            Competency(requisition_id=req.id, name=n, position=i)
            for i, n in enumerate(("Coding", "Design", "Communication"))
        ]
        uow.session.add_all(comps)
        uow.session.flush()
        for comp in comps:
            for level in range(1, 5):
                uow.session.add(
                    CompetencyAnchor(
                        competency_id=comp.id, level=level, text=f"{comp.name} at level {level}"
                    )
                )
        technical = req.stages[1].stage_id
        for comp in comps[:2]:
            uow.session.add(StageFocusCompetency(stage_id=technical, competency_id=comp.id))
        uow.commit()
        ids = [p.id for p in people] + [c.id for c in comps]
    candidate = services.pipeline.add_candidate("Ada Lovelace")
    app = services.pipeline.add_application(candidate.id, req.id)
    ivy, ian, hana, coding, design, communication = ids
    return {
        "req": req,
        "app": app,
        "stage": technical,
        "ivy": ivy,
        "ian": ian,
        "hana": hana,
        "coding": coding,
        "design": design,
        "communication": communication,
    }


def _complete(p, recommendation="yes"):
    return DraftValues(
        levels={p["coding"]: 3, p["design"]: 4},
        evidence={p["coding"]: "Clean, tested code.", p["design"]: "Sharded the ledger."},
        key_takeaways="Strong hire.",
        recommendation=recommendation,
        private_notes="Reminded me of Grace.",
        interview_at=datetime(2026, 11, 1, 10, 0),
    )


def _card(services, p, who):
    return services.scorecards.open_or_create(p["app"].id, p["stage"], p[who])


def test_the_form_puts_focus_competencies_first_with_every_anchor(services, panel):
    card = _card(services, panel, "ivy")
    form = services.scorecards.form(card, panel["ivy"])
    assert [i.name for i in form.items] == ["Coding", "Design", "Communication"]
    assert [i.focus for i in form.items] == [True, True, False]
    assert form.items[0].anchors == tuple(f"Coding at level {n}" for n in range(1, 5))
    assert _card(services, panel, "ivy") == card  # opening again finds the same one
    with pytest.raises(ValidationError, match="only its interviewer"):
        services.scorecards.form(card, panel["ian"])


def test_submit_names_every_missing_field(services, panel):
    card = _card(services, panel, "ivy")
    form = services.scorecards.form(card, panel["ivy"])
    half = DraftValues(levels={panel["coding"]: 3}, evidence={panel["design"]: "Good"})
    services.scorecards.save_draft(card, panel["ivy"], form.revision, form.values, half)
    with pytest.raises(ScorecardIncomplete) as info:
        services.scorecards.submit(card, panel["ivy"])
    fields = {error.field for error in info.value.errors}
    assert fields == {f"evidence:{panel['coding']}", f"rating:{panel['design']}", "recommendation"}
    still = services.scorecards.form(card, panel["ivy"])
    assert still.status == "draft"
    assert still.values.evidence[panel["design"]] == "Good"  # nothing typed is lost


def test_submit_locks_and_amend_keeps_history(services, panel, clock):
    card = _card(services, panel, "ivy")
    form = services.scorecards.form(card, panel["ivy"])
    services.scorecards.save_draft(card, panel["ivy"], form.revision, form.values, _complete(panel))
    submitted = services.scorecards.submit(card, panel["ivy"])
    assert (submitted.status, submitted.version) == ("submitted", 1)
    with pytest.raises(ValidationError, match="amend it with a reason"):
        services.scorecards.save_draft(
            card, panel["ivy"], submitted.revision, submitted.values, _complete(panel, "strong_yes")
        )
    with pytest.raises(ScorecardIncomplete, match="Say why"):
        services.scorecards.amend(card, panel["ivy"], "  ", _complete(panel, "strong_yes"))
    clock.advance(hours=3)
    amended = services.scorecards.amend(
        card, panel["ivy"], "Reread my notes", _complete(panel, "strong_yes")
    )
    assert (amended.version, amended.values.recommendation) == (2, "strong_yes")
    assert [(v.version, v.reason) for v in amended.history] == [(1, "Reread my notes")]


def test_ratings_out_of_range_and_unknown_competencies_are_refused(services, panel):
    card = _card(services, panel, "ivy")
    form = services.scorecards.form(card, panel["ivy"])
    for bad in (
        DraftValues(levels={panel["coding"]: 5}),
        DraftValues(levels={99999: 3}),
        DraftValues(recommendation="maybe"),
    ):
        with pytest.raises(ValidationError):
            services.scorecards.save_draft(card, panel["ivy"], form.revision, form.values, bad)


def test_two_windows_on_one_draft_lose_neither_text(services, panel):
    card = _card(services, panel, "ivy")
    base = services.scorecards.form(card, panel["ivy"])
    coding = panel["coding"]
    first = DraftValues(evidence={coding: "Wrote a parser."}, key_takeaways="Solid")
    second = DraftValues(evidence={coding: "Explained complexity."}, key_takeaways="Solid")
    saved_first = services.scorecards.save_draft(
        card, panel["ivy"], base.revision, base.values, first
    )
    saved_second = services.scorecards.save_draft(
        card, panel["ivy"], base.revision, base.values, second
    )
    assert not saved_first.merged
    assert saved_second.merged
    assert saved_second.values.evidence[coding] == (
        "Wrote a parser." + MERGE_MARK + "Explained complexity."
    )
    assert saved_second.values.key_takeaways == "Solid"


def _submit(services, p, who, recommendation="yes"):
    card = _card(services, p, who)
    form = services.scorecards.form(card, p[who])
    services.scorecards.save_draft(
        card, p[who], form.revision, form.values, _complete(p, recommendation)
    )
    services.scorecards.submit(card, p[who])
    return card


def _set_mode(services, p, mode):
    with services.database.unit_of_work() as uow:
        uow.session.execute(
            update(Requisition).where(Requisition.id == p["req"].id).values(scoring_visibility=mode)
        )
        uow.commit()


def _seen(services, p, who):
    return {
        card.interviewer for card in services.scorecards.visible_scorecards(p["app"].id, p[who])
    }


@pytest.mark.parametrize(
    ("mode", "ian_before", "ian_after", "manager"),
    [
        # mode, Ian's view while his own is a draft, after he submits, the manager off-panel
        (
            "after_submit",
            {"Ian Interviewer"},
            {"Ian Interviewer", "Ivy Interviewer"},
            {"Ivy Interviewer", "Ian Interviewer"},
        ),
        (
            "always",
            {"Ian Interviewer", "Ivy Interviewer"},
            {"Ian Interviewer", "Ivy Interviewer"},
            {"Ivy Interviewer", "Ian Interviewer"},
        ),
        ("never", {"Ian Interviewer"}, {"Ian Interviewer"}, {"Ivy Interviewer", "Ian Interviewer"}),
    ],
)
def test_independent_scoring_for_each_mode_and_role(
    services, panel, mode, ian_before, ian_after, manager
):
    _set_mode(services, panel, mode)
    _submit(services, panel, "ivy")
    _card(services, panel, "ian")  # Ian's draft exists
    assert _seen(services, panel, "ian") == ian_before
    assert services.scorecards.hidden_from(panel["app"].id, panel["ian"]) == (
        "Ivy Interviewer" not in ian_before
    )
    _submit(services, panel, "ian", "no")
    assert _seen(services, panel, "ian") == ian_after
    assert _seen(services, panel, "hana") == manager


def test_private_notes_and_drafts_of_others_never_show(services, panel):
    _submit(services, panel, "ivy")
    ian_card = _card(services, panel, "ian")
    form = services.scorecards.form(ian_card, panel["ian"])
    services.scorecards.save_draft(
        ian_card,
        panel["ian"],
        form.revision,
        form.values,
        DraftValues(private_notes="Ian's secret"),
    )
    seen_by_hana = services.scorecards.visible_scorecards(panel["app"].id, panel["hana"])
    assert [c.interviewer for c in seen_by_hana] == ["Ivy Interviewer"]  # Ian's is a draft
    assert all(c.private_notes == "" for c in seen_by_hana)
    own = services.scorecards.visible_scorecards(panel["app"].id, panel["ian"])
    assert [c.private_notes for c in own if c.interviewer == "Ian Interviewer"] == ["Ian's secret"]


def test_my_interviews_with_due_times(services, panel, clock):
    card = _card(services, panel, "ivy")
    form = services.scorecards.form(card, panel["ivy"])
    services.scorecards.save_draft(
        card,
        panel["ivy"],
        form.revision,
        form.values,
        DraftValues(interview_at=datetime(2026, 10, 1, 9, 0)),
    )
    [item] = services.scorecards.my_interviews(panel["ivy"])
    assert item.candidate == "Ada Lovelace"
    assert item.due_at == datetime(2026, 10, 3, 9, 0)  # 48 h SLA
    assert item.overdue


WRITER = """
import sys, time
from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.services.scorecards import DraftValues
services = build_services(sqlite_location(sys.argv[1]))
card, editor, coding = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
form = services.scorecards.form(card, editor)
revision, base, text = form.revision, form.values, ""
for n in range(100000):
    text += f"word{n} "
    saved = services.scorecards.save_draft(card, editor, revision, base,
                                           DraftValues(evidence={coding: text}))
    revision, base = saved.revision, saved.values
    print(n, flush=True)
"""


def test_a_draft_survives_the_writer_being_killed(services, panel, db_path):
    card = _card(services, panel, "ivy")
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            WRITER,
            str(db_path),
            str(card),
            str(panel["ivy"]),
            str(panel["coding"]),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    last = -1
    deadline = time.monotonic() + 60
    while last < 40 and time.monotonic() < deadline:
        last = int(writer.stdout.readline())
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    recovered = services.scorecards.form(card, panel["ivy"])
    text = recovered.values.evidence[panel["coding"]]
    words = text.split()
    # Every save the writer reported as done is there, in order, and nothing half-written.
    assert len(words) >= last + 1
    assert words == [f"word{n}" for n in range(len(words))]
    assert recovered.has_draft_content
    assert services.maintenance.check().ok


def test_time_to_feedback_per_interviewer(services, panel, clock):
    """Hand-computed: Ivy submits after 10 h and 30 h (SLA 48 h); Ian has one overdue draft."""
    from datetime import timedelta

    second = services.pipeline.add_application(
        services.pipeline.add_candidate("Grace Hopper").id, panel["req"].id
    )
    for app, delay in ((panel["app"], 10), (second, 30)):
        card = services.scorecards.open_or_create(app.id, panel["stage"], panel["ivy"])
        form = services.scorecards.form(card, panel["ivy"])
        values = _complete(panel)
        interview = clock.now
        values = DraftValues(
            values.levels,
            values.evidence,
            values.key_takeaways,
            values.recommendation,
            "",
            interview,
        )
        services.scorecards.save_draft(card, panel["ivy"], form.revision, form.values, values)
        clock.advance(hours=delay)
        services.scorecards.submit(card, panel["ivy"])
    card = services.scorecards.open_or_create(panel["app"].id, panel["stage"], panel["ian"])
    form = services.scorecards.form(card, panel["ian"])
    services.scorecards.save_draft(
        card,
        panel["ian"],
        form.revision,
        form.values,
        DraftValues(interview_at=clock.now - timedelta(hours=60)),
    )
    times = {t.interviewer: t for t in services.feedback.feedback_times(panel["req"].id)}
    ivy, ian = times["Ivy Interviewer"], times["Ian Interviewer"]
    assert (ivy.submitted, ivy.median_hours, ivy.p90_hours, ivy.within_sla) == (2, 20.0, 30.0, 1.0)
    assert (ian.submitted, ian.median_hours, ian.within_sla, ian.pending, ian.overdue) == (
        0,
        None,
        None,
        1,
        1,
    )


# Reading one scorecard -----------------------------------------------------------------------


def test_reading_a_scorecard_shows_each_rating_with_its_anchor_and_evidence(services, panel):
    card = _submit(services, panel, "ivy")
    reading = services.scorecards.read(card, panel["hana"])
    assert (reading.candidate, reading.stage, reading.interviewer) == (
        "Ada Lovelace",
        "Technical",
        "Ivy Interviewer",
    )
    assert reading.status == "submitted"
    assert reading.submitted_at is not None
    current = reading.current
    assert [
        (r.competency, r.level, r.level_label, r.anchor, r.evidence) for r in current.ratings
    ] == [
        ("Coding", 3, "Yes", "Coding at level 3", "Clean, tested code."),
        ("Design", 4, "Strong yes", "Design at level 4", "Sharded the ledger."),
    ]  # Communication was neither rated nor a focus: not shown
    assert (current.key_takeaways, current.recommendation) == ("Strong hire.", "yes")
    assert current.private_notes == ""  # Ivy's own notes are not Hana's to read
    assert services.scorecards.read(card, panel["ivy"]).current.private_notes == (
        "Reminded me of Grace."
    )


def test_reading_keeps_the_anchor_the_scorecard_was_rated_against(services, panel):
    card = _submit(services, panel, "ivy")
    services.intake.save_competency(  # reworded after Ivy rated it: a new version
        panel["req"].id,
        panel["coding"],
        name="Coding",
        description="",
        category="",
        weight=1.0,
        anchors=[f"Reworded level {n}" for n in range(1, 5)],
    )
    ratings = services.scorecards.read(card, panel["hana"]).current.ratings
    assert [(r.competency, r.anchor) for r in ratings if r.competency == "Coding"] == [
        ("Coding", "Coding at level 3")
    ]
    fresh = _card(services, panel, "ian")
    assert services.scorecards.form(fresh, panel["ian"]).items[0].anchors[2] == "Reworded level 3"


def test_reading_lists_every_version_with_its_reason(services, panel, clock):
    card = _submit(services, panel, "ivy")
    submitted_at = services.scorecards.read(card, panel["ivy"]).submitted_at
    clock.advance(hours=5)
    changed = _complete(panel, "strong_yes")
    changed = DraftValues(
        {**changed.levels, panel["coding"]: 4},
        {**changed.evidence, panel["coding"]: "Also wrote the tests first."},
        changed.key_takeaways,
        changed.recommendation,
        changed.private_notes,
        changed.interview_at,
    )
    services.scorecards.amend(card, panel["ivy"], "Reread my notes", changed)
    reading = services.scorecards.read(card, panel["hana"])
    first, second = reading.versions
    assert (first.version, first.at, first.reason, first.current) == (1, submitted_at, "", False)
    assert (second.version, second.at, second.reason, second.current) == (
        2,
        clock.now,
        "Reread my notes",
        True,
    )
    assert (first.recommendation, first.ratings[0].level, first.ratings[0].evidence) == (
        "yes",
        3,
        "Clean, tested code.",
    )
    assert (second.recommendation, second.ratings[0].anchor) == ("strong_yes", "Coding at level 4")
    assert all(v.private_notes == "" for v in reading.versions)  # nor in kept versions


@pytest.mark.parametrize(
    ("mode", "ian_reads_before", "ian_reads_after"),
    [("after_submit", False, True), ("always", True, True), ("never", False, False)],
)
def test_reading_one_scorecard_obeys_independent_scoring(
    services, panel, mode, ian_reads_before, ian_reads_after
):
    _set_mode(services, panel, mode)
    ivy_card = _submit(services, panel, "ivy")
    ian_card = _card(services, panel, "ian")  # Ian's own draft exists

    def ian_reads() -> bool:
        try:
            services.scorecards.read(ivy_card, panel["ian"])
        except ScorecardHidden as error:
            refusals.append(str(error))
            return False
        return True

    refusals: list[str] = []

    assert ian_reads() == ian_reads_before
    assert services.scorecards.read(ian_card, panel["ian"]).status == "draft"  # own: always
    with pytest.raises(ScorecardHidden, match="still a draft"):
        services.scorecards.read(ian_card, panel["ivy"])  # others' drafts: never
    _submit(services, panel, "ian", "no")
    assert ian_reads() == ian_reads_after
    assert services.scorecards.read(ivy_card, panel["hana"]).interviewer == "Ivy Interviewer"
    # The single read and the listing agree.
    listed = {c.id for c in services.scorecards.visible_scorecards(panel["app"].id, panel["ian"])}
    assert (ivy_card in listed) == ian_reads_after
    assert all(text.endswith(".") and "scorecard" in text for text in refusals)  # sentences
