"""`hirepartner export`: packets, slate packets and kits from the command line."""

import io
import json

import pypdf
import pytest
from pdf_reading import pdf_text

from hirepartner.cli import main


@pytest.fixture
def demo_db(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo", "--candidates", "40"]) == 0
    capsys.readouterr()
    return db


def _candidate_id(db, capsys) -> int:
    assert main(["--db", str(db), "list", "candidates", "--json"]) == 0
    return json.loads(capsys.readouterr().out)[0]["id"]


def test_candidate_packet_with_json_beside_it(demo_db, tmp_path, capsys):
    candidate = _candidate_id(demo_db, capsys)
    out = tmp_path / "packet.pdf"
    assert (
        main(
            [
                "--db",
                str(demo_db),
                "export",
                "packet",
                "--candidate",
                str(candidate),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert f"Wrote {out}" in printed
    assert "pages" in printed
    summary = json.loads((tmp_path / "packet.json").read_text(encoding="utf-8"))
    assert summary["kind"] == "candidate"
    assert summary["content"]["candidate"]["label"] in pdf_text(out.read_bytes())


def test_slate_packet_redacted_and_password_protected(demo_db, tmp_path, capsys):
    password = tmp_path / "pw.txt"
    password.write_text("s3cret phrase\n", encoding="utf-8")
    out, js = tmp_path / "slate.pdf", tmp_path / "elsewhere.json"
    code = main(
        [
            "--db",
            str(demo_db),
            "export",
            "packet",
            "--requisition",
            "1",
            "--redact",
            "anonymous",
            "--password-file",
            str(password),
            "--json",
            str(js),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert "password-protected" in capsys.readouterr().out
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert reader.is_encrypted
    text = pdf_text(out.read_bytes(), password="s3cret phrase")
    assert "Candidate A" in text
    assert json.loads(js.read_text(encoding="utf-8"))["meta"]["redaction"] == "anonymous"
    assert b"s3cret" not in out.read_bytes() + js.read_bytes()


def test_interview_kit(demo_db, tmp_path, capsys):
    assert main(["--db", str(demo_db), "list", "candidates", "--requisition", "1", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    out = tmp_path / "kit.pdf"
    code = main(
        [
            "--db",
            str(demo_db),
            "export",
            "kit",
            "--application",
            str(row["application_id"]),
            "--stage",
            "onsite",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    text = pdf_text(out.read_bytes())
    assert "Interview kit" in text
    assert row["full_name"] in text


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["packet", "--requisition", "99"], "there is no requisition 99"),
        (["packet", "--candidate", "9999"], "there is no candidate 9999"),
        (["kit", "--application", "1", "--stage", "Lunch"], "choose one of"),
        (["packet", "--requisition", "1", "--sections", "matrix,nope"], "--sections"),
        (["packet", "--requisition", "1", "--password-file", "/nonexistent/pw"], "/nonexistent/pw"),
    ],
)
def test_mistakes_are_one_line_and_write_nothing(demo_db, tmp_path, capsys, args, fragment):
    out = tmp_path / "x.pdf"
    code = main(["--db", str(demo_db), "export", *args, "-o", str(out)])
    assert code == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert fragment in error
    assert not out.exists()
