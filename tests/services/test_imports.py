"""Importing slates: preview, what is created or updated, problems by row and column, and
all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from hirepartner.data.models import Application, Candidate, Resume
from hirepartner.errors import ValidationError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def req(services):
    return services.requisitions.create_requisition(
        "Platform Engineer", stages=["Screen", "Onsite"]
    )


def _count(services, model) -> int:
    with services.database.unit_of_work() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_greenhouse_then_lever_creates_then_updates(services, req):
    preview = services.imports.preview(
        SAMPLES / "greenhouse_bulk_import.csv", req.id, SAMPLES / "resumes.zip"
    )
    assert preview.layout == "Greenhouse bulk import"
    assert preview.ok
    assert preview.count("create") == 20
    assert all(row.resume for row in preview.rows)
    assert _count(services, Candidate) == 0  # a preview writes nothing
    result = services.imports.commit(preview)
    assert (result.created, result.updated, result.resumes) == (20, 0, 20)
    listing = services.slates.list_slate(req.id)
    names = {row.full_name for row in listing.rows}
    assert {"Ada <Lovelace>", "Tobias =SUM(A1:A2)", "Noa כהן", "Wei 张"} <= names
    assert all(row.stage == "Screen" for row in listing.rows)

    lever = services.imports.preview(SAMPLES / "lever_import.csv", req.id, SAMPLES / "resumes.zip")
    assert lever.layout == "Lever import"
    assert lever.count("update") == 11
    result = services.imports.commit(lever)
    assert (result.created, result.updated, result.resumes) == (0, 11, 0)  # same resumes
    assert _count(services, Candidate) == 20
    assert _count(services, Resume) == 20
    with services.database.unit_of_work() as uow:
        tags = uow.candidates.tags()
    assert any(set(t) >= {"senior", "remote"} for t in tags.values())  # Lever's comma list


def test_a_candidate_from_another_requisition_is_added_not_duplicated(services, req):
    other = services.requisitions.create_requisition("Data Engineer", stages=["Screen"])
    services.imports.commit(services.imports.preview(SAMPLES / "lever_import.csv", other.id))
    preview = services.imports.preview(SAMPLES / "lever_import.csv", req.id)
    assert preview.count("add to requisition") == 11
    services.imports.commit(preview)
    assert _count(services, Candidate) == 11
    assert _count(services, Application) == 22


def test_any_problem_names_row_and_column_and_nothing_is_written(services, req, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Full name,Email,Company\n"
        "Good One,good@example.com,Acme\n"
        ",blank@example.com,Acme\n"
        "Bad Mail,not-mail,Acme\n"
        "Twice,good@example.com,Acme\n",
        encoding="utf-8",
    )
    preview = services.imports.preview(path, req.id)
    assert not preview.ok
    assert "mixed.csv, row 3, column 'Full name': the name is empty" in preview.problems
    assert (
        "mixed.csv, row 4, column 'Email': 'not-mail' is not an email address" in preview.problems
    )
    assert any("row 5" in p and "the same email as row 2" in p for p in preview.problems)
    with pytest.raises(ValidationError, match="3 problems; nothing was imported"):
        services.imports.commit(preview)
    assert _count(services, Candidate) == 0


def test_a_generic_table_with_a_chosen_mapping(services, req, tmp_path):
    path = tmp_path / "agency.csv"
    path.write_bytes(
        "Kandidat;Mail;Firma;Skills\r\nJosé Núñez;jose@example.com;Café;go;k8s\r\n".replace(
            "go;k8s", '"go;k8s"'
        ).encode("cp1252")
    )
    guessed = services.imports.preview(path, req.id)
    assert guessed.layout.startswith("Other")
    assert not guessed.ok  # nothing maps to the name
    mapping = {
        "full_name": ["Kandidat"],
        "email": ["Mail"],
        "current_company": ["Firma"],
        "tags": ["Skills"],
    }
    preview = services.imports.preview(path, req.id, mapping=mapping)
    assert preview.ok
    services.imports.commit(preview)
    row = services.slates.list_slate(req.id).rows[0]
    assert (row.full_name, row.current_company) == ("José Núñez", "Café")
    assert set(row.tags) == {"go", "k8s"}
    with pytest.raises(ValidationError, match="agency.csv has no column 'Nope'"):
        services.imports.preview(path, req.id, mapping={"full_name": ["Nope"]})


def test_a_failure_midway_rolls_everything_back(services, req, monkeypatch):
    preview = services.imports.preview(SAMPLES / "greenhouse_bulk_import.csv", req.id)
    calls = {"n": 0}

    def explode(*args, **kwargs):
        calls["n"] += 1
        raise OSError("disk full")

    monkeypatch.setattr("hirepartner.services.imports._attach", explode)
    preview_with_resumes = services.imports.preview(
        SAMPLES / "greenhouse_bulk_import.csv", req.id, SAMPLES / "resumes.zip"
    )
    with pytest.raises(OSError, match="disk full"):
        services.imports.commit(preview_with_resumes)
    assert calls["n"] == 1
    assert _count(services, Candidate) == 0
    assert _count(services, Application) == 0
    monkeypatch.undo()
    assert services.imports.commit(preview).created == 20
