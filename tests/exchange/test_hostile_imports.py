"""Hostile files given to `hirepartner import`: each is generated here, and each must end within a
deadline in one line naming the file (and the row and column where that applies), with no
traceback, memory kept small, and nothing imported."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from hirepartner.cli import main

DEADLINE = 30.0  # seconds; each case takes well under one
MEMORY_CAP = 150 * 1024 * 1024  # peak Python allocation per case
HEADER = "Full name,Email,Company\n"
ROW2 = "Ada Lovelace,ada@example.com,Analytical\n"


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _folder(folder: Path) -> Path:
    path = folder / "slate.csv"
    path.mkdir()
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.csv"
    os.mkfifo(path)  # nobody ever writes to it: reading it would wait forever
    return path


def _dev_zero(_folder: Path) -> Path:
    return Path("/dev/zero")


def _evil_name(folder: Path) -> Path:
    path = folder / "\x1b]0;pwned\x07.csv"
    path.mkdir()
    return path


def _workbook_with_sheet(path: Path, write_sheet: Callable[[zipfile.ZipFile], None]) -> Path:
    """A real workbook from openpyxl, its first sheet replaced by one streamed into the ZIP."""
    template = path.with_suffix(".template.xlsx")
    workbook = openpyxl.Workbook()
    workbook.active.append(["Full name", "Email"])
    workbook.save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            if member.filename != "xl/worksheets/sheet1.xml":
                target.writestr(member, source.read(member))
        write_sheet(target)
    template.unlink()
    return path


def _sheet(rows: int, dimension: str | None) -> Callable[[zipfile.ZipFile], None]:
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + "<sheetData>"
        '<row><c t="inlineStr"><is><t>Full name</t></is></c>'
        '<c t="inlineStr"><is><t>Email</t></is></c></row>'
    ).encode()
    chunk = b"<row><c><v>1234567</v></c><c><v>7654321</v></c></row>" * 10_000

    def write(archive: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as sheet:
            sheet.write(head)
            for _ in range(rows // 10_000):
                sheet.write(chunk)
            sheet.write(chunk[: (rows % 10_000) * (len(chunk) // 10_000)])
            sheet.write(b"</sheetData></worksheet>")

    return write


def _xlsx(name: str, rows: int, dimension: str | None) -> Callable[[Path], Path]:
    return lambda folder: _workbook_with_sheet(folder / name, _sheet(rows, dimension))


def _json(name: str, text: str) -> Callable[[Path], Path]:
    return _write(name, text.encode())


CASES: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    # Encodings
    "utf-16 with an odd byte count": (
        _write("odd.csv", (HEADER + "Zoë Weiß,zoe@example.com,Acme\n").encode("utf-16") + b"\x00"),
        ("odd.csv, line 3", "the middle of a UTF-16 character"),
    ),
    "a lone surrogate in UTF-8 bytes": (
        _write("surrogate.csv", (HEADER + ROW2).encode() + b"Eve \xed\xa0\x80,eve@example.com,X\n"),
        ("surrogate.csv, row 3, column 'Full name'", "byte 0xed"),
    ),
    "a lone surrogate in UTF-16": (
        _write(
            "surrogate16.csv",
            (HEADER + ROW2 + "Eve \ud800,eve@example.com,X\n").encode("utf-16", "surrogatepass"),
        ),
        ("surrogate16.csv, row 3, column 'Full name'", "lone surrogate (U+D800)"),
    ),
    "a lone surrogate escaped in JSON": (
        _json("surrogate.json", '[{"Full name": "Eve \\ud800", "Email": "eve@example.com"}]'),
        ("surrogate.json, row 2, column 'Full name'", "lone surrogate (U+D800)"),
    ),
    "one cp1252 byte in a UTF-8 file": (
        _write(
            "mixed.csv",
            (HEADER + "Zoë Weiß,zoe@example.com,Acme\n").encode()
            + "Zoë Brandt,zb@example.com,Beta\n".encode("cp1252"),
        ),
        ("mixed.csv, row 3, column 'Full name'", "byte 0xeb"),
    ),
    # Structure
    "a quote never closed": (
        _write(
            "open.csv", (HEADER + ROW2 + '"Bob,bob@example.com,B\nCy,cy@example.com,C\n').encode()
        ),
        ("open.csv, row 3 (line 3)", "never closed"),
    ),
    "a quote closed rows later, in the name": (
        _write("merged.csv", (HEADER + '"Bob,bob@example.com,B\nCy,cy@example.com",C\n').encode()),
        ("merged.csv, row 2, column 'Full name'", "line break"),
    ),
    "a quote closed rows later, in a note": (
        _write(
            "merged-note.csv",
            (
                b"Full name,Email,Notes\n"
                b'Bob Byte,bob@example.com,"Strong\nCy,cy@example.com,"\n'
                b"Di,di@example.com,ok\n"
            ),
        ),
        ("merged-note.csv, row 2, column 'Notes'", "looks like a row of its own"),
    ),
    "JSON nested 200,000 deep": (
        _json("deep.json", "[" * 200_000 + "]" * 200_000),
        ("deep.json", "nested too deep"),
    ),
    "a 5,000-digit JSON number": (
        _json(
            "digits.json",
            '[{"Full name": "Ada", "Email": "ada@example.com", "Phone": ' + "7" * 5000 + "}]",
        ),
        ("digits.json, row 2, column 'Phone'", "5000 digits"),
    ),
    "NaN as a name": (
        _json("nan.json", '[{"Full name": "Ada", "Email": "a@example.com"}, {"Full name": NaN}]'),
        ("nan.json, row 3, column 'Full name'", "NaN is not text"),
    ),
    "true as a name": (
        _json("true.json", '[{"Full name": true, "Email": "t@example.com"}]'),
        ("true.json, row 2, column 'Full name'", "true is a yes/no value"),
    ),
    "nested lists as a name": (
        _json("nested.json", json.dumps([{"Full name": [["deep"]], "Email": "n@example.com"}])),
        ("nested.json, row 2, column 'Full name'", "a list holding lists"),
    ),
    # Not regular files
    "a folder as FILE": (_folder, ("slate.csv is a folder",)),
    "a FIFO": (_fifo, ("pipe.csv is a named pipe (FIFO)",)),
    "/dev/zero": (_dev_zero, ("/dev/zero is a device",)),
    "a file name with terminal escapes": (_evil_name, ("\\u001b]0;pwned\\u0007.csv is a folder",)),
    # XLSX that unpacks huge
    "an XLSX bomb (3.2 M rows, 150 MB)": (
        _xlsx("bomb.xlsx", 3_200_000, "A1:B3200001"),
        ("bomb.xlsx unpacks to 1", "decompression bomb"),
    ),
    "an XLSX whose dimension declares 3.2 M rows": (
        _xlsx("wide.xlsx", 10, "A1:B3200001"),
        ("wide.xlsx: the sheet 'sheet1.xml' declares 3,200,001 rows",),
    ),
    "an XLSX with more rows than its dimension says": (
        _xlsx("liar.xlsx", 20_001, "A1:B11"),
        ("liar.xlsx: the sheet 'sheet1.xml' has more than 20,000 rows",),
    ),
}


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "template.sqlite3"
    assert main(["--db", str(path), "demo", "--candidates", "5"]) == 0
    return path


def _counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return tuple(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("candidate", "application", "slate", "resume")
        )


def _run_with_deadline(argv: list[str]) -> tuple[int | None, BaseException | None, int]:
    """main(argv) in a worker thread: its exit code (None if it is still running at the
    deadline), what it raised, and the peak memory it allocated."""
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["code"] = main(argv)
        except BaseException as error:  # a traceback, which the test reports
            outcome["error"] = error

    tracemalloc.start()
    try:
        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        worker.join(DEADLINE)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    if worker.is_alive():
        return None, None, peak
    error = outcome.get("error")
    code = outcome.get("code")
    return (
        code if isinstance(code, int) else None,
        error if isinstance(error, BaseException) else None,
        peak,
    )


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_file_is_refused_in_one_line(case, template_db, tmp_path, capsys):
    make, expected = CASES[case]
    if make in (_fifo, _dev_zero) and not hasattr(os, "mkfifo"):
        pytest.skip("needs a POSIX system")
    db = tmp_path / "hp.sqlite3"
    shutil.copy(template_db, db)
    before = _counts(db)
    path = make(tmp_path)
    capsys.readouterr()

    code, error, peak = _run_with_deadline(
        ["--db", str(db), "import", str(path), "--requisition", "1"]
    )

    assert error is None, f"{case}: raised {error!r}"
    assert code is not None, f"{case}: still running after {DEADLINE} s"
    output = capsys.readouterr()
    said = output.out + output.err
    assert code == 2, said
    for fragment in expected:
        assert fragment in said
    assert "Traceback" not in said
    assert not any(ch in said for ch in "\x1b\x07\x9b"), "a raw control character was printed"
    assert peak < MEMORY_CAP, f"{case}: {peak // (1024 * 1024)} MB"
    assert _counts(db) == before  # nothing imported, not even the valid rows
