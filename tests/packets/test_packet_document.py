"""The packet as a document: page furniture, metadata, same data same bytes, encryption,
long text that flows, pages that grow with the slate, and cancellation."""

from __future__ import annotations

import hashlib
import io

import pypdf
import pytest
from packet_fixtures import WHEN, candidate_packet, slate_packet
from pdf_reading import pdf_text

from hirepartner.packets.build import build_pdf
from hirepartner.packets.progress import ExportCancelled
from hirepartner.packets.summary import SCHEMA, summary


def test_same_data_gives_the_same_bytes():
    first = build_pdf(slate_packet(6)).content
    second = build_pdf(slate_packet(6)).content
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    assert (
        build_pdf(candidate_packet(label="Someone else")).content
        != build_pdf(candidate_packet()).content
    )


def test_metadata_and_dates_come_from_the_data():
    content = build_pdf(candidate_packet()).content
    reader = pypdf.PdfReader(io.BytesIO(content))
    info = reader.metadata
    assert info.title == "Candidate feedback packet"
    assert info.author == "Morgan Avery"
    assert info.subject == "Candidate feedback packet: REQ-7 Platform Engineer"
    assert "REQ-7 Platform Engineer" in info["/Keywords"]
    assert info.creation_date.replace(tzinfo=None) == WHEN
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_every_page_has_its_number_of_the_total_and_the_requisition():
    content = build_pdf(slate_packet(6)).content
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    assert len(pages) > 6
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {len(pages)}" in text
        if number > 1:
            assert "REQ-7 Platform Engineer" in text


def test_long_evidence_flows_across_pages_and_nothing_is_cut():
    words = [f"word{n:04d}" for n in range(2500)]
    content = build_pdf(candidate_packet(evidence={"Systems": " ".join(words)})).content
    text = pdf_text(content)
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    assert len(pages) >= 4
    found = [w for w in words if w in text]
    assert found == words
    # The table's header row repeats on the pages the long row spills onto.
    spilled = [p.extract_text() for p in pages[2:-1]]
    assert all("Evidence" in page for page in spilled)


def test_a_long_name_wraps_instead_of_running_off_the_page():
    name = "Maria-Fernanda de los Ángeles Rodríguez-Villanueva y Castillo-Montenegro Bustamante"
    content = build_pdf(candidate_packet(label=name)).content
    assert "".join(name.split()) in "".join(pdf_text(content).split())


def test_pages_grow_linearly_with_the_candidates():
    pages = {n: build_pdf(slate_packet(n)).pages for n in (6, 30, 54)}
    first, second = pages[30] - pages[6], pages[54] - pages[30]
    assert 24 <= first <= 30  # one page per candidate, plus a share of the matrix
    assert abs(first - second) <= 1


def test_a_password_protects_the_packet_with_aes_256():
    content = build_pdf(candidate_packet(), password="correct horse").content
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == pypdf.PasswordType.NOT_DECRYPTED
    assert reader.decrypt("correct horse") != pypdf.PasswordType.NOT_DECRYPTED
    assert "Ada Lovelace" in reader.pages[0].extract_text()
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
    assert b"Ada Lovelace" not in content


def test_cancelling_stops_the_build():
    seen: list[float] = []

    def cancelled() -> bool:
        return len(seen) >= 3

    with pytest.raises(ExportCancelled):
        build_pdf(slate_packet(20), progress=seen.append, cancelled=cancelled)
    assert seen
    assert all(0 <= f < 1 for f in seen)


def test_progress_reaches_the_end():
    seen: list[float] = []
    build_pdf(slate_packet(6), progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 1.0


def test_the_json_summary_names_its_schema_and_carries_the_content():
    data = summary(slate_packet(3))
    assert data["schema"] == SCHEMA
    assert data["kind"] == "slate"
    assert data["meta"]["prepared_at"] == WHEN.isoformat()
    assert [c["label"] for c in data["content"]["candidates"]] == [
        "Person 00",
        "Person 01",
        "Person 02",
    ]
