"""The honest ranking on the services path: a single rating never ranks first over a full
panel, the rejected are listed apart, the CSV carries rank, estimate, likely range and
coverage, and a takeaway two interviewers wrote credits them both everywhere."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from pdf_reading import pdf_text

from hirepartner.data.models import Competency, Person, Rating, Scorecard
from hirepartner.packets.content import Redaction
from hirepartner.services.compare import comparison_csv

COMPETENCIES = ("Coding", "Design", "Communication", "Ownership", "Debugging")
INTERVIEWERS = (
    ("Pedro Alves", "Onsite"),
    ("Hannah Schulz", "Technical"),
    ("Ivy Chen", "Screen"),
    ("Omar Haddad", "Onsite"),
)
SHARED = "Explains trade-offs clearly and owns mistakes."


def _card(uow, app_id, stage_id, person_id, levels, takeaway="", recommendation="yes"):
    at = datetime(2026, 3, 2, 10, 0)
    card = Scorecard(
        application_id=app_id,
        stage_id=stage_id,
        interviewer_id=person_id,
        status="submitted",
        recommendation=recommendation,
        key_takeaways=takeaway,
        interview_at=at,
        submitted_at=at,
        updated_at=at,
    )
    uow.session.add(card)
    uow.session.flush()
    for competency_id, level in levels.items():
        uow.session.add(
            Rating(scorecard_id=card.id, competency_id=competency_id, level=level, evidence="Seen.")
        )


@pytest.fixture
def slate(services):
    """Five candidates on one requisition: a full panel averaging 3.6, a single 4, a rejected
    candidate with a full panel of 4s, a middling full panel, and one with no ratings."""
    req = services.requisitions.create_requisition(
        "Engineer", stages=["Screen", "Technical", "Onsite"]
    )
    stage_of = {s.name: s.stage_id for s in req.stages}
    names = ("Full Panel", "Single Rating", "Rejected Rex", "Middling Mo", "Unrated Una")
    apps = {
        name: services.pipeline.add_application(services.pipeline.add_candidate(name).id, req.id).id
        for name in names
    }
    with services.database.unit_of_work() as uow:
        people = [Person(name=name, role="interviewer") for name, _stage in INTERVIEWERS]
        competencies = [
            Competency(requisition_id=req.id, name=name, position=n)
            for n, name in enumerate(COMPETENCIES)
        ]
        uow.session.add_all([*people, *competencies])
        uow.session.flush()
        comp_ids = [c.id for c in competencies]
        for n, (person, (_name, stage)) in enumerate(zip(people, INTERVIEWERS, strict=True)):
            # Full panel: 20 ratings, twelve 4s and eight 3s: mean 3.6.
            full = {c: (4 if (n * 5 + i) % 5 < 3 else 3) for i, c in enumerate(comp_ids)}
            takeaway = SHARED if n < 2 else f"Note from {person.name}."
            _card(uow, apps["Full Panel"], stage_of[stage], person.id, full, takeaway)
            _card(uow, apps["Rejected Rex"], stage_of[stage], person.id, dict.fromkeys(comp_ids, 4))
            middling = {c: (3 if (n + i) % 2 else 2) for i, c in enumerate(comp_ids)}
            _card(uow, apps["Middling Mo"], stage_of[stage], person.id, middling, "Fine.", "no")
        _card(uow, apps["Single Rating"], stage_of["Screen"], people[2].id, {comp_ids[0]: 4})
        uow.commit()
    services.pipeline.reject(apps["Rejected Rex"], "compensation")
    return services, req.id, apps


def _columns(text: str) -> dict[str, dict[str, str]]:
    """The CSV as {candidate: {row name: cell}}."""
    records = list(csv.reader(io.StringIO(text)))
    header = records[0]
    return {
        header[col]: {record[0]: record[col] for record in records[1:]}
        for col in range(2, len(header))
    }


def test_a_single_rating_never_ranks_first_over_a_full_panel(slate):
    services, req_id, apps = slate
    compared = services.compare.requisition_comparison(req_id)
    by_id = {c.application_id: c for c in compared.candidates}
    full, single = by_id[apps["Full Panel"]], by_id[apps["Single Rating"]]
    assert single.weighted.value == 4.0 > full.weighted.value  # the raw mean says otherwise
    assert full.ranking.rank == 1
    assert single.ranking.rank is None or single.ranking.rank >= full.ranking.rank
    order = [c.label for c in compared.ranked()]
    assert order.index("Full Panel") < order.index("Single Rating")
    # The rejected candidate, with the best ratings of all, is listed apart, last.
    assert order[-1] == "Rejected Rex"
    assert by_id[apps["Rejected Rex"]].ranking.rank is None


def test_overlapping_intervals_read_about_level_in_the_comparison(slate):
    from hirepartner.services.views.comparison import standing_text

    services, _req_id, apps = slate
    compared = services.compare.compare([apps["Full Panel"], apps["Single Rating"]])
    full, single = compared.candidates
    low, high = single.ranking.estimate_low, single.ranking.estimate_high
    assert low < full.ranking.estimate < high  # one rating: a wide interval over the other
    assert standing_text(compared, single) == "=1st · none clearly ahead · level with Full Panel"
    assert standing_text(compared, full) == "=1st · none clearly ahead · level with Single Rating"
    assert [c.label for c in compared.ranked()] == ["Full Panel", "Single Rating"]


def test_the_csv_carries_the_honest_ranking_and_lists_the_rejected_apart(slate):
    services, _req_id, apps = slate
    ids = list(apps.values())[:5]
    text = comparison_csv(services.compare.compare(ids))
    header = next(csv.reader(io.StringIO(text)))
    assert header[2] == "Full Panel"  # columns in ranking order
    assert header[-1] == "Rejected Rex"  # listed apart, after the unrated
    assert header.index("Unrated Una") > header.index("Middling Mo")
    columns = _columns(text)
    full, single = columns["Full Panel"], columns["Single Rating"]
    assert full["Rank"] in ("1", "1 (shared)")  # never "=1": a spreadsheet formula
    assert full["Weighted score"] == "3.60"
    low, high = (float(x) for x in full["Likely range (95%)"].split("–"))
    assert low < 3.6 < high
    assert full["Coverage"] == "5 of 5 competencies rated"
    assert full["Ratings (n)"] == "20"
    assert 1 <= float(full["Ranking estimate"]) <= 4
    assert single["Coverage"] == "1 of 5 competencies rated · 1 by one interviewer only"
    assert single["Rank"] != "1"
    assert columns["Rejected Rex"]["Rank"] == "listed apart: rejected"
    assert columns["Rejected Rex"]["Status"] == "Rejected"
    assert columns["Unrated Una"]["Rank"] == "not ranked: no ratings yet"
    assert columns["Unrated Una"]["Likely range (95%)"] == ""
    if single["Rank"].endswith("(shared)"):  # a shared rank names who it is shared with
        assert "Full Panel" in single["About level with"]


def test_a_takeaway_two_interviewers_wrote_credits_both_everywhere(slate, tmp_path):
    services, req_id, apps = slate
    both = "Hannah Schulz, technical; Pedro Alves, onsite"
    compared = services.compare.compare([apps["Full Panel"], apps["Middling Mo"]])
    takeaways = compared.candidates[0].takeaways
    assert [t.text for t in takeaways].count(SHARED) == 1
    assert next(t for t in takeaways if t.text == SHARED).by == both
    assert f"{both}: {SHARED}" in _columns(comparison_csv(compared))["Full Panel"]["Key takeaways"]

    packet = services.export.candidate_packet(apps["Full Panel"])
    shared = [t for t in packet.candidate.takeaways if t.text == SHARED]
    assert len(shared) == 1
    assert shared[0].attribution == both
    pdf, js = tmp_path / "candidate.pdf", tmp_path / "candidate.json"
    services.export.write(packet, pdf, js)
    text = " ".join(pdf_text(pdf.read_bytes()).split())
    assert both in text
    assert text.count(SHARED) == 1
    summary = json.loads(js.read_text(encoding="utf-8"))
    assert {"by": both, "text": SHARED}.items() <= next(
        t for t in summary["content"]["candidate"]["takeaways"] if t["text"] == SHARED
    ).items()

    slate_packet = services.export.slate_packet(req_id)
    section = next(c for c in slate_packet.candidates if c.label == "Full Panel")
    assert [t.attribution for t in section.takeaways if t.text == SHARED] == [both]
    services.export.write(slate_packet, tmp_path / "slate.pdf", tmp_path / "slate.json")
    assert both in " ".join(pdf_text((tmp_path / "slate.pdf").read_bytes()).split())

    # Totals only: no interviewer named, the stages still told apart.
    totals = services.export.candidate_packet(apps["Full Panel"], Redaction.TOTALS)
    redacted = next(t for t in totals.candidate.takeaways if t.text == SHARED)
    assert redacted.interviewer == ""
    assert "Pedro" not in redacted.attribution
    assert redacted.attribution == "Technical; Onsite"
