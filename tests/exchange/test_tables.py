"""Reading tables as recruiters send them: delimiters, encodings, XLSX, JSON, bad files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hirepartner.exchange.tables import TableError, read_table

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ROWS = [
    ["Full name", "Email", "Company"],
    ["José Núñez", "jose@example.com", "Café; Ltd"],
    ["Zoë Weiß", "zoe@example.com", "Müller & Söhne"],
]


def _csv(rows, delimiter):
    return (
        "\r\n".join(delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in rows)
        + "\r\n"
    )


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_delimiters_and_encodings(tmp_path, delimiter, encoding):
    path = tmp_path / "slate.csv"
    path.write_bytes(_csv(ROWS, delimiter).encode(encoding))
    table = read_table(path)
    assert table.headers == tuple(ROWS[0])
    assert [list(r) for r in table.rows] == ROWS[1:]


def test_greenhouse_sample_keeps_crlf_quotes_and_hostile_cells():
    table = read_table(SAMPLES / "greenhouse_bulk_import.csv")
    assert len(table.rows) == 20
    assert table.headers[:2] == ("First Name", "Last Name")
    last_names = [row[1] for row in table.rows]
    assert "=SUM(A1:A2)" in last_names
    assert "<Lovelace>" in last_names


def test_xlsx_formulas_stay_text(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in ROWS:
        sheet.append(row)
    sheet.append(["=1+1", "calc@example.com", '=HYPERLINK("http://127.0.0.1:9/")'])
    sheet.append([12345, "n@example.com", None])
    path = tmp_path / "slate.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.rows[2] == ("=1+1", "calc@example.com", '=HYPERLINK("http://127.0.0.1:9/")')
    assert table.rows[3] == ("12345", "n@example.com", "")


def test_json_list_or_object(tmp_path):
    path = tmp_path / "slate.json"
    path.write_text(
        json.dumps(
            {
                "candidates": [
                    {"Full name": "Ana", "Email": "ana@example.com", "Tags": ["go", "k8s"]},
                    {"Full name": "Ben", "Email": "ben@example.com"},
                ]
            }
        ),
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.headers == ("Full name", "Email", "Tags")
    assert table.rows[0][2] == "go, k8s"
    assert table.rows[1][2] == ""


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.csv", b"", "empty.csv is empty"),
        ("nul.csv", b"a,b\x00\n1,2\n", "not a text table"),
        ("ragged.csv", b"a,b\n1,2,3\n", "ragged.csv, row 2: 3 cells but only 2 columns"),
        ("twice.csv", b"Email,Email\nx,y\n", "row 1: the column 'Email' appears twice"),
        ("bad.json", b"{not json", "bad.json, line 1: not valid JSON"),
        ("shape.json", b'{"a": 1}', "expected a list of candidate objects"),
        ("fake.xlsx", b"not a zip", "fake.xlsx is not an XLSX workbook"),
    ],
)
def test_unreadable_files_are_named(tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError, match=fragment.replace("(", r"\(")):
        read_table(path)


def test_an_xlsx_bomb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (210 * 1024 * 1024))
    with pytest.raises(TableError, match="decompression bomb"):
        read_table(path)
