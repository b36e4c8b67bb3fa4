"""The slate packet leads with the decision summary; candidates without ratings share one
compact table instead of a near-empty page each."""

from __future__ import annotations

import io
from dataclasses import replace

import pypdf
from packet_fixtures import WHEN, slate_packet

from hirepartner.packets.build import build_pdf
from hirepartner.packets.content import CandidateSection, CompetencyLine, SlatePacket


def _unrated(candidate: CandidateSection) -> CandidateSection:
    return replace(
        candidate,
        rank=0,
        weighted=None,
        competencies_rated=0,
        recommendations=(),
        competencies=tuple(
            CompetencyLine(line.name, line.weight, None, 0, None, None, ())
            for line in candidate.competencies
        ),
        takeaways=(),
    )


def _slate(rated: int, unrated: int, closed: int = 0) -> SlatePacket:
    """`rated` candidates in the comparison's order, then `unrated` without ratings; the last
    `closed` of the rated ones rejected."""
    packet = slate_packet(rated + unrated)
    people = list(packet.candidates)
    for n in range(rated, rated + unrated):
        people[n] = _unrated(people[n])
    for n in range(rated - closed, rated):
        people[n] = replace(people[n], status="rejected", rejection_reason="Salary")
    return replace(packet, candidates=tuple(people))


def _pages(content: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return [page.extract_text() for page in reader.pages]


def test_the_first_page_is_the_decision_summary_in_the_comparisons_order():
    packet = _slate(rated=4, unrated=2, closed=1)
    people = list(packet.candidates)
    people[1] = replace(people[1], decision="advance", decision_at=WHEN)
    first = _pages(build_pdf(replace(packet, candidates=tuple(people))).content)[0]
    lines = first.splitlines()
    ranked = [lines.index(f"Person {n:02d}") for n in range(3)]
    assert ranked == sorted(ranked)  # as the comparison ranks them
    for person in people[:4]:
        assert f"{person.weighted:.1f} of 4" in first  # the weighted score…
    assert first.count("n=6 · 1 of 1 rated") == 4  # …with its n and coverage, rejected too
    assert first.count("Yes: 2") == 3  # the recommendations tally of each rated one
    assert "Advance, 04 Mar 2026" in first  # the debrief decision
    assert "Onsite · active" in first
    assert "Rejected and withdrawn" in first
    assert "rejected at Onsite" in first
    assert "Salary" in first
    assert lines.index("Person 03") > lines.index("Rejected and withdrawn")
    assert "Not yet rated" in first
    assert lines.index("Person 04") > lines.index("Not yet rated")


def test_unrated_candidates_share_one_table_and_get_no_page_of_their_own():
    pages = _pages(build_pdf(_slate(rated=3, unrated=5)).content)
    own_pages = [p for p in pages if p.splitlines()[0].startswith("#")]
    assert [p.splitlines()[0] for p in own_pages] == [
        f"#{n + 1} · Person {n:02d}" for n in range(3)
    ]
    for n in range(3, 8):
        name = f"Person {n:02d}"
        assert sum(name in page for page in pages) == 1, name  # in the summary only


def test_sixty_candidates_forty_unrated_fit_in_about_twenty_five_pages():
    pages = build_pdf(_slate(rated=20, unrated=40)).pages
    assert 20 < pages <= 27


def test_pages_grow_with_rated_candidates_not_with_unrated_ones():
    base = build_pdf(_slate(rated=10, unrated=10)).pages
    more_rated = build_pdf(_slate(rated=20, unrated=10)).pages
    more_unrated = build_pdf(_slate(rated=10, unrated=40)).pages
    assert 10 <= more_rated - base <= 12  # a page each, and a few matrix rows
    assert more_unrated - base <= 1  # two to a row in one compact table


def test_a_shared_rank_says_how_many_are_clearly_ahead():
    """Four about level at the top, then one with one candidate clearly ahead: "=2" would read
    as second of five without the count beside it."""
    packet = _slate(rated=5, unrated=0)
    people = [
        replace(c, rank=1 if n < 4 else 2, about_level_with=("Person 00",))
        for n, c in enumerate(packet.candidates)
    ]
    first = " ".join(
        _pages(build_pdf(replace(packet, candidates=tuple(people))).content)[0].split()
    )
    assert first.count("none clearly ahead") == 4
    assert first.count("1 clearly ahead") == 1
    assert "=2" in first
    assert "Rank is 1 + the number of candidates clearly ahead" in first
