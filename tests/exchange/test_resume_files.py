"""Resumes from archives and folders: matched by email or name; hostile archives refused."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from hirepartner.exchange.resume_files import ResumeArchiveError, read_folder, read_zip

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDF = b"%PDF-1.4\n%fake but with the header\n"


def test_sample_archive_matches_by_email():
    resumes = read_zip(SAMPLES / "resumes.zip")
    assert len(resumes.files) == 20
    assert resumes.refused == ()
    found = resumes.match("CAND7_3@example.com", "whoever")
    assert found is not None
    assert found.name == "cand7_3@example.com.pdf"
    assert found.content.startswith(b"%PDF-")


def test_match_by_name_when_no_email(tmp_path):
    (tmp_path / "Ada-Lovelace.pdf").write_bytes(PDF)
    resumes = read_folder(tmp_path)
    found = resumes.match(None, "Ada Lovelace")
    assert found is not None
    assert found.name == "Ada-Lovelace.pdf"


def _zip(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize(
    ("members", "symlink", "fragment"),
    [
        ({"../../evil.pdf": PDF}, None, "climbs out of the archive"),
        ({"/etc/evil.pdf": PDF}, None, "an absolute path"),
        ({"ok.pdf": PDF}, "link.pdf", "a symbolic link"),
        ({"bomb.pdf": b"%PDF-" + b"\0" * (5 * 1024 * 1024)}, None, "decompression bomb"),
    ],
)
def test_hostile_archives_are_refused_whole(tmp_path, members, symlink, fragment):
    path = _zip(tmp_path / "resumes.zip", members, symlink)
    with pytest.raises(ResumeArchiveError, match=fragment):
        read_zip(path)


def test_a_fake_pdf_and_odd_files_are_skipped_by_name(tmp_path):
    path = _zip(
        tmp_path / "r.zip",
        {"a@example.com.pdf": b"MZ\x90 not a pdf", "b@example.com.pdf": PDF, "c.exe": b"MZ"},
    )
    resumes = read_zip(path)
    assert [f.name for f in resumes.files] == ["b@example.com.pdf"]
    assert "a@example.com.pdf: named .pdf but it is not a PDF" in resumes.refused
    assert "c.exe: not a PDF or text file" in resumes.refused


def test_folder_symlinks_are_not_followed(tmp_path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(PDF)
    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / "x@example.com.pdf").symlink_to(secret)
    resumes = read_folder(folder)
    assert resumes.files == ()
    assert resumes.refused == ("x@example.com.pdf: a symbolic link",)
