"""Resumes from a ZIP archive or a folder, read defensively: no path escapes (zip slip), no
symlinks, no decompression bombs, no oversized files, and a ".pdf" must really be a PDF."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from hirepartner.errors import HirePartnerError
from hirepartner.exchange.regular_files import NotARegularFile, open_regular, read_regular

MAX_MEMBERS = 5_000
MAX_RESUME_BYTES = 15 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100  # unpacked / packed: beyond this a member is a bomb, not a resume
MEDIA_TYPES = {".pdf": "application/pdf", ".txt": "text/plain", ".md": "text/plain"}
_SYMLINK = 0o120000


class ResumeArchiveError(HirePartnerError):
    """An archive or folder of resumes refused as a whole."""


@dataclass(frozen=True)
class ResumeFile:
    name: str  # the member's file name, without folders
    media_type: str
    content: bytes = field(repr=False)  # personal data: never in a log line


@dataclass(frozen=True)
class ResumeSet:
    files: tuple[ResumeFile, ...]
    refused: tuple[str, ...]  # "name: why", for files skipped one by one

    def match(self, email: str | None, full_name: str) -> ResumeFile | None:
        """The resume named after the email ("ada@example.com.pdf"), else after the name."""
        by_stem = {_stem(f.name).lower(): f for f in self.files}
        if email and email.lower() in by_stem:
            return by_stem[email.lower()]
        key = _name_key(full_name)
        return next((f for f in self.files if key and _name_key(_stem(f.name)) == key), None)


def _stem(name: str) -> str:
    suffix = Path(name).suffix
    return name[: -len(suffix)] if suffix else name


def _name_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _check_content(name: str, content: bytes) -> str | None:
    """The media type, or None with the reason kept by the caller."""
    suffix = Path(name).suffix.lower()
    if suffix not in MEDIA_TYPES:
        return None
    if suffix == ".pdf" and not content.startswith(b"%PDF-"):
        raise ValueError("named .pdf but it is not a PDF")
    if suffix != ".pdf":
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 text") from None
    return MEDIA_TYPES[suffix]


def _unsafe_member(info: zipfile.ZipInfo) -> str | None:
    path = PurePosixPath(info.filename.replace("\\", "/"))
    if info.filename.startswith(("/", "\\")) or (
        len(info.filename) > 1 and info.filename[1] == ":"
    ):
        return "an absolute path"
    if ".." in path.parts:
        return "a path that climbs out of the archive (..)"
    if (info.external_attr >> 16) & 0o170000 == _SYMLINK:
        return "a symbolic link"
    return None


def read_zip(path: Path) -> ResumeSet:
    with open_regular(path) as handle:  # never a FIFO or a device: they would never end
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError) as error:
            raise ResumeArchiveError(f"{path.name} is not a ZIP archive ({error}).") from None
        with archive:
            return _read_archive(path, archive)


def _read_archive(path: Path, archive: zipfile.ZipFile) -> ResumeSet:
    files: list[ResumeFile] = []
    refused: list[str] = []
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_MEMBERS:
        raise ResumeArchiveError(
            f"{path.name} holds {len(members)} files; the limit is {MAX_MEMBERS}."
        )
    for member in members:
        why = _unsafe_member(member)
        if why:
            raise ResumeArchiveError(
                f"{path.name}: the member {member.filename!r} is {why}; the archive is refused."
            )
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise ResumeArchiveError(
            f"{path.name} unpacks to {total // (1024 * 1024)} MB; the limit is "
            f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB."
        )
    for member in members:
        name = PurePosixPath(member.filename.replace("\\", "/")).name
        if member.file_size > MAX_RESUME_BYTES:
            refused.append(f"{name}: larger than {MAX_RESUME_BYTES // (1024 * 1024)} MB")
            continue
        if member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
            ratio = member.file_size // max(1, member.compress_size)
            raise ResumeArchiveError(
                f"{path.name}: {member.filename!r} expands {ratio}-fold; refused as a "
                "decompression bomb."
            )
        with archive.open(member) as handle:
            content = handle.read(MAX_RESUME_BYTES + 1)  # never trust the declared size
        if len(content) > MAX_RESUME_BYTES:
            refused.append(f"{name}: larger than {MAX_RESUME_BYTES // (1024 * 1024)} MB")
            continue
        _add(files, refused, name, content)
    return ResumeSet(tuple(files), tuple(refused))


def read_folder(folder: Path) -> ResumeSet:
    files: list[ResumeFile] = []
    refused: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            refused.append(f"{path.name}: a symbolic link")
            continue
        if not path.is_file():
            continue
        if path.stat().st_size > MAX_RESUME_BYTES:
            refused.append(f"{path.name}: larger than {MAX_RESUME_BYTES // (1024 * 1024)} MB")
            continue
        try:
            content = read_regular(path, MAX_RESUME_BYTES)  # it may have grown since
        except NotARegularFile as error:
            refused.append(f"{path.name}: {error}")
            continue
        _add(files, refused, path.name, content)
    return ResumeSet(tuple(files), tuple(refused))


def _add(files: list[ResumeFile], refused: list[str], name: str, content: bytes) -> None:
    try:
        media_type = _check_content(name, content)
    except ValueError as error:
        refused.append(f"{name}: {error}")
        return
    if media_type is None:
        refused.append(f"{name}: not a PDF or text file")
        return
    files.append(ResumeFile(name, media_type, content))


def read_resumes(path: Path) -> ResumeSet:
    if path.is_dir():
        return read_folder(path)
    if not path.exists():
        raise ResumeArchiveError(f"{path} does not exist.")
    return read_zip(path)
