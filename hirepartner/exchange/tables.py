"""Reading what recruiters send as a table: CSV (comma, semicolon or tab; UTF-8, UTF-8 with a
byte order mark, or Windows-1252), XLSX, or JSON. Everything comes back as text; spreadsheet
formulas stay the text they were typed as and are never evaluated."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from hirepartner.errors import HirePartnerError

MAX_TABLE_BYTES = 20 * 1024 * 1024  # a slate of thousands of candidates is well under this
MAX_XLSX_UNPACKED = 200 * 1024 * 1024  # an XLSX is a ZIP: refuse a decompression bomb
MAX_ROWS = 20_000
DELIMITERS = (",", ";", "\t")


class TableError(HirePartnerError):
    """A file that cannot be read as a table; the message names the file and where."""


@dataclass(frozen=True)
class Table:
    name: str  # the file's name, for messages
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # as long as headers
    first_row: int  # the file row number of rows[0] (1-based, the header is row 1)

    def row_number(self, index: int) -> int:
        return self.first_row + index


def read_table(path: Path) -> Table:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise TableError(f"Cannot read {path}: {error.strerror or error}.") from error
    if size > MAX_TABLE_BYTES:
        raise TableError(
            f"{path.name} is {size // (1024 * 1024)} MB; the limit is "
            f"{MAX_TABLE_BYTES // (1024 * 1024)} MB."
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    data = path.read_bytes()
    if suffix == ".json":
        return _read_json(path.name, data)
    return read_csv_bytes(path.name, data)


def decode(name: str, data: bytes) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252, else a clear refusal."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TableError(
            f"{name}, line {line}: not text in UTF-8 or Windows-1252 (byte "
            f"0x{data[error.start]:02x})."
        ) from None


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return max(DELIMITERS, key=header.count)


def read_csv_bytes(name: str, data: bytes) -> Table:
    text = decode(name, data)
    if "\x00" in text:
        raise TableError(f"{name} is not a text table (it holds NUL bytes).")
    delimiter = _delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise TableError(f"{name}: {error}.") from None
    return _table(name, records)


def _table(name: str, records: list[list[str]]) -> Table:
    records = [r for r in records if any(cell.strip() for cell in r)]
    if not records:
        raise TableError(f"{name} is empty: there is no header row.")
    headers = tuple(cell.strip() for cell in records[0])
    if len(records) - 1 > MAX_ROWS:
        raise TableError(f"{name} has {len(records) - 1} rows; the limit is {MAX_ROWS}.")
    duplicated = {h for h in headers if h and headers.count(h) > 1}
    if duplicated:
        raise TableError(f"{name}, row 1: the column {sorted(duplicated)[0]!r} appears twice.")
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if len(record) > len(headers) and any(cell.strip() for cell in record[len(headers) :]):
            raise TableError(
                f"{name}, row {number}: {len(record)} cells but only {len(headers)} columns "
                "in the header (a missing quote?)."
            )
        cells = [cell.strip() for cell in record[: len(headers)]]
        rows.append(tuple(cells + [""] * (len(headers) - len(cells))))
    return Table(name, headers, tuple(rows), 2)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path) -> Table:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise TableError(f"{path.name} is not an XLSX workbook.") from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise TableError(
            f"{path.name} unpacks to {unpacked // (1024 * 1024)} MB; refused as a likely "
            "decompression bomb."
        )
    import openpyxl  # only XLSX imports pay for it

    try:
        # data_only=False: a formula is kept as the text typed, never evaluated.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError(f"{path.name} cannot be read as a workbook: {error}.") from None
    try:
        sheet = workbook.worksheets[0]
        records = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(path.name, records)


def _read_json(name: str, data: bytes) -> Table:
    try:
        document = json.loads(decode(name, data))
    except json.JSONDecodeError as error:
        raise TableError(f"{name}, line {error.lineno}: not valid JSON ({error.msg}).") from None
    items = document.get("candidates") if isinstance(document, dict) else document
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise TableError(
            f'{name}: expected a list of candidate objects, or {{"candidates": [...]}}.'
        )
    headers: list[str] = []
    for item in items:
        headers += [key for key in item if key not in headers]
    records = [headers]
    for item in items:
        record = []
        for key in headers:
            value = item.get(key)
            if isinstance(value, list):
                record.append(", ".join(_cell_text(v) for v in value))
            elif isinstance(value, dict):
                raise TableError(f"{name}: the field {key!r} holds an object, not text.")
            else:
                record.append(_cell_text(value))
        records.append(record)
    return _table(name, records)
