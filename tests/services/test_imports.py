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

    monkeypatch.setattr("hirepartner.services.slate_writing._attach", explode)
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


def test_the_result_says_what_the_import_did(services, req):
    other = services.requisitions.create_requisition("Data Engineer", stages=["Screen"])
    services.imports.commit(services.imports.preview(SAMPLES / "lever_import.csv", other.id))
    preview = services.imports.preview(
        SAMPLES / "greenhouse_bulk_import.csv", req.id, SAMPLES / "resumes.zip"
    )
    result = services.imports.commit(preview)
    assert (result.created, result.updated, result.added, result.merged) == (9, 0, 11, 0)
    assert result.resumes_matched == 20
    assert result.requisition_code == req.code
    assert result.summary == f"Imported 20 candidates into {req.code} (20 resumes matched)"
    listing = services.slates.list_slate(req.id)
    assert sorted(result.application_ids) == sorted(row.application_id for row in listing.rows)

    again = services.imports.commit(services.imports.preview(SAMPLES / "lever_import.csv", req.id))
    assert (again.created, again.updated, again.added) == (0, 11, 0)
    assert again.summary == f"Imported 11 candidates into {req.code} (11 already there, updated)"


def test_one_candidate_one_resume_in_the_singular(services, req, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("Full name,Email\nAmelia Schneider,cand7_0@example.com\n", encoding="utf-8")
    result = services.imports.commit(
        services.imports.preview(path, req.id, SAMPLES / "resumes.zip")
    )
    assert result.summary == f"Imported 1 candidate into {req.code} (1 resume matched)"


def _ada(services, req, tmp_path):
    """Ada is known with her old address; the new file brings her with another one."""
    services.imports.commit(
        services.imports.preview(_csv(tmp_path / "old.csv", "Ada Lovelace,ada@old.example"), req.id)
    )
    return _csv(
        tmp_path / "new.csv",
        "  ADA   lovelacé ,ada@new.example",  # case, accents and spaces do not count
        "Grace Hopper,grace@example.com",
        "Ada Byron,ada@old-too.example",  # another name: not a duplicate
    )


def _csv(path, *lines):
    path.write_text("Full name,Email\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_namesake_with_another_email_is_a_possible_duplicate(services, req, tmp_path):
    path = _ada(services, req, tmp_path)
    preview = services.imports.preview(path, req.id)
    assert preview.ok  # a warning, not a problem
    [row] = preview.duplicates
    assert row.row == 2
    assert row.action == "create"
    assert row.duplicate.warning == "possible duplicate of Ada Lovelace <ada@old.example>"
    assert row.duplicate.action == "update"  # Ada is already on this requisition
    assert preview.count("create") == 3
    assert preview.count("create", merge_rows={2}) == 2
    assert preview.count("update", merge_rows={2}) == 1


def test_keep_both_creates_a_second_candidate(services, req, tmp_path):
    preview = services.imports.preview(_ada(services, req, tmp_path), req.id)
    result = services.imports.commit(preview)
    assert (result.created, result.merged) == (3, 0)
    assert _count(services, Candidate) == 4
    names = [row.full_name for row in services.slates.list_slate(req.id).rows]
    assert sorted(names) == ["ADA   lovelacé", "Ada Byron", "Ada Lovelace", "Grace Hopper"]


def test_merge_updates_the_existing_candidate_and_keeps_the_new_address(services, req, tmp_path):
    preview = services.imports.preview(_ada(services, req, tmp_path), req.id)
    result = services.imports.commit(preview, merge_rows={2})
    assert (result.created, result.updated, result.added, result.merged) == (2, 1, 0, 1)
    assert (
        result.summary
        == f"Imported 3 candidates into {req.code} (1 merged with an existing candidate)"
    )
    assert _count(services, Candidate) == 3
    assert _count(services, Application) == 3
    with services.database.unit_of_work() as uow:
        ada = uow.session.scalars(
            select(Candidate).where(Candidate.full_name == "Ada Lovelace")
        ).one()
        assert ada.email == "ada@old.example"  # the address everyone knows stays hers
        assert "mailto:ada@new.example" in ada.links
    # The next file with the new address updates her: the merge is remembered.
    again = services.imports.preview(
        _csv(tmp_path / "next.csv", "Ada Lovelace,ADA@new.example"), req.id
    )
    assert [(row.action, row.duplicate) for row in again.rows] == [("update", None)]


def test_a_candidate_without_email_is_a_possible_duplicate_and_merges(services, req, tmp_path):
    services.imports.commit(
        services.imports.preview(_csv(tmp_path / "a.csv", "José Núñez,"), req.id)
    )
    other = services.requisitions.create_requisition("Data Engineer", stages=["Screen"])
    preview = services.imports.preview(
        _csv(tmp_path / "b.csv", "jose nunez,jose@example.com"), other.id
    )
    [row] = preview.duplicates
    assert row.duplicate.warning == "possible duplicate of José Núñez (no email)"
    assert row.duplicate.action == "add to requisition"
    result = services.imports.commit(preview, merge_rows={row.row})
    assert (result.created, result.added, result.merged) == (0, 1, 1)
    with services.database.unit_of_work() as uow:
        jose = uow.session.scalars(select(Candidate)).one()
        assert (jose.full_name, jose.email) == ("José Núñez", "jose@example.com")


def test_merging_two_rows_into_one_candidate_writes_nothing(services, req, tmp_path):
    services.imports.commit(
        services.imports.preview(_csv(tmp_path / "old.csv", "Ada Lovelace,ada@old.example"), req.id)
    )
    path = _csv(
        tmp_path / "new.csv", "Ada Lovelace,ada@new.example", "Ada Lovelace,ada@old.example"
    )
    preview = services.imports.preview(path, req.id)
    assert [row.row for row in preview.duplicates] == [2]
    with pytest.raises(ValidationError, match="Rows 2 and 3 would both become the same candidate"):
        services.imports.commit(preview, merge_rows={2})
    with pytest.raises(ValidationError, match="Row 3 has no possible duplicate to merge with"):
        services.imports.commit(preview, merge_rows={3})
    assert _count(services, Candidate) == 1
    assert _count(services, Application) == 1


def _mixed_quality(tmp_path: Path) -> Path:
    """200 rows, one with a broken email and one with a byte from another encoding."""
    rows = [f"Person {n},p{n}@example.com" for n in range(1, 201)]
    rows[41] = "Broken Mail,not-an-email"  # row 43 of the file
    path = tmp_path / "slate.csv"
    body = (
        "\n".join(["Full name,Email", *rows[:99]]).encode()
        + "\nZoë Weiß,zoe@example.com\n".encode()
    )
    body += "Zoë Brandt,zb@example.com\n".encode("cp1252")  # row 102: one Windows-1252 byte
    body += "\n".join(rows[101:]).encode() + b"\n"
    path.write_bytes(body)
    return path


def test_skip_invalid_imports_the_valid_rows_and_lists_the_others(services, req, tmp_path):
    from hirepartner.data.models import AuditEvent

    preview = services.imports.preview(_mixed_quality(tmp_path), req.id)
    assert preview.skippable
    assert preview.skipped_rows == (43, 102)
    assert "slate.csv, row 102, column 'Full name': byte 0xeb" in preview.problems[1]
    with pytest.raises(ValidationError, match="2 problems; nothing was imported"):
        services.imports.commit(preview)  # without the choice: all or nothing, as before
    assert _count(services, Candidate) == 0

    result = services.imports.commit(preview, skip_invalid=True)
    assert result.created == 198
    assert result.skipped == (43, 102)
    assert result.summary.endswith("; skipped 2 rows with problems (43, 102)")
    names = {row.full_name for row in services.slates.list_slate(req.id).rows}
    assert "Zoë Weiß" in names  # the UTF-8 rows stay UTF-8: no "ZoÃ«"
    assert not {"Broken Mail", "Zoë Brandt", "ZoÃ« Weiß"} & names
    with services.database.unit_of_work() as uow:
        detail = uow.session.scalar(
            select(AuditEvent.detail).where(AuditEvent.action == "import_slate")
        )
    assert detail["skipped_rows"] == [43, 102]


def test_skip_invalid_cannot_pass_a_problem_of_the_whole_file(services, req, tmp_path):
    path = tmp_path / "nameless.csv"
    path.write_text("Kandidat,Email\nAda,ada@example.com\n", encoding="utf-8")
    preview = services.imports.preview(path, req.id)
    assert not preview.skippable
    with pytest.raises(ValidationError, match="no column is mapped to the name"):
        services.imports.commit(preview, skip_invalid=True)
    assert _count(services, Candidate) == 0


def test_control_characters_are_stripped_on_import(services, req, tmp_path):
    path = tmp_path / "controls.csv"
    path.write_text(
        "Full name,Email,Company,Notes\n"
        '"\x1b]0;pwned\x07Eve\x9b Evans",eve@example.com,"Acme\tLtd\x08",'
        '"line\x1b one\n\tline two"\n',
        encoding="utf-8",
    )
    preview = services.imports.preview(path, req.id)
    assert preview.ok, preview.problems
    services.imports.commit(preview)
    with services.database.unit_of_work() as uow:
        candidate = uow.session.scalars(select(Candidate)).one()
        application = uow.session.scalars(select(Application)).one()
        assert (candidate.full_name, candidate.current_company) == ("]0;pwnedEve Evans", "Acme Ltd")
        assert application.pitch == "line one\n\tline two"  # notes keep their lines and tabs
