"""Reading what recruiters send as a table: CSV (comma, semicolon or tab; UTF-8, UTF-8 with a
byte order mark, UTF-16 with one, or Windows-1252), XLSX, or JSON. Everything comes back as text;
spreadsheet formulas stay the text they were typed as and are never evaluated. A cell that is not
text (a byte in another encoding, NaN, true, a list of lists) is kept out with its row and column,
so the rest of the file can still be previewed."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from hirepartner.errors import HirePartnerError
from hirepartner.exchange.regular_files import read_regular

MAX_TABLE_BYTES = 20 * 1024 * 1024  # a slate of thousands of candidates is well under this
MAX_ROWS = 20_000
DELIMITERS = (",", ";", "\t")
# A multi-byte UTF-8 sequence: its presence says the file is UTF-8, so a byte that does not
# decode is a mistake in one row, not a sign that the whole file is Windows-1252.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_HEADER_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
CellCheck = Callable[[str, int], "str | None"]  # (cell, columns) -> why it is refused


class TableError(HirePartnerError):
    """A file that cannot be read as a table; the message names the file and where."""


@dataclass(frozen=True)
class CellProblem:
    """A cell refused on its own; its row is not imported."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class Table:
    name: str  # the file's name, for messages
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # as long as headers
    first_row: int  # the file row number of rows[0] (1-based, the header is row 1)
    row_numbers: tuple[int, ...] = ()  # each row's number in the file, when rows were skipped
    problems: tuple[CellProblem, ...] = ()

    def row_number(self, index: int) -> int:
        return self.row_numbers[index] if self.row_numbers else self.first_row + index


def read_table(path: Path) -> Table:
    data = read_regular(path, MAX_TABLE_BYTES)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from hirepartner.exchange.xlsx_tables import read_xlsx_bytes

        return read_xlsx_bytes(path.name, data)
    if suffix == ".json":
        from hirepartner.exchange.json_tables import read_json_bytes

        return read_json_bytes(path.name, data)
    return read_csv_bytes(path.name, data)


def decode(name: str, data: bytes) -> str:
    """UTF-8 (with or without a byte order mark), UTF-16 with one, else Windows-1252. A byte
    that does not belong is kept as a lone surrogate (surrogateescape), reported by row
    and column; a file cut off inside a UTF-16 character is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "surrogateescape")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if len(data) % 2:
            lines = data[:-1].decode("utf-16", "surrogatepass").count("\n") + 1
            raise TableError(
                f"{name}, line {lines}: the file ends in the middle of a UTF-16 character (an odd "
                "number of bytes); it was cut short or damaged."
            )
        return data.decode("utf-16", "surrogatepass")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        return data.decode("utf-8", "surrogateescape")
    return data.decode("cp1252", "surrogateescape")


def not_text(text: str) -> str | None:
    """Why a cell is not text (a byte in another encoding, a lone surrogate), or None."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:
        return (
            f"byte 0x{code - 0xDC00:02x} is not text in the file's encoding (a byte saved "
            "from another program?); save the file again as UTF-8"
        )
    return f"a lone surrogate (U+{code:04X}) is not a character"


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
    # strict: a quote that is never closed, or closed in the middle of a cell, is an error
    # rather than a cell that swallows the rows after it.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    while True:
        starts_at = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            row = len(records) + 1
            if "unexpected end of data" in str(error):
                raise TableError(
                    f"{name}, row {row} (line {starts_at}): a quote opens in this row and is "
                    "never closed, so the rows after it would merge into one cell."
                ) from None
            raise TableError(
                f"{name}, row {row} (line {reader.line_num}): {error} (a quote in the middle "
                "of a cell? quote the whole cell)."
            ) from None
        records.append(record)
    return table_from_records(name, records, _merged_rows(delimiter))


def _merged_rows(delimiter: str) -> CellCheck:
    def check(cell: str, width: int) -> str | None:
        """A cell over several lines whose later line looks like a row of its own: a quote
        opened and closed rows later, with the candidates between swallowed."""
        if "\n" not in cell or width < 3:
            return None
        for line in cell.splitlines()[1:]:
            if line.count(delimiter) >= width - 1:
                return (
                    "the cell runs over several lines and one of them looks like a row of its "
                    "own (a quote that is not closed where it should be?)"
                )
        return None

    return check


def table_from_records(
    name: str,
    records: list[list[str]],
    check: CellCheck | None = None,
    problems: tuple[CellProblem, ...] = (),
) -> Table:
    """A table from records (the header first), numbered as the file numbers them: record n
    is row n, blank records included, so messages point at the row the user sees."""
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise TableError(f"{name} is empty: there is no header row.")
    header_number, header = numbered[0]
    headers = tuple(_HEADER_CONTROLS.sub("", cell).strip() for cell in header)
    for column, cell in enumerate(headers):
        why = not_text(cell)
        if why:
            raise TableError(f"{name}, row {header_number}, column {column + 1}: {why}.")
    if len(numbered) - 1 > MAX_ROWS:
        raise TableError(f"{name} has {len(numbered) - 1} rows; the limit is {MAX_ROWS}.")
    duplicated = {h for h in headers if h and headers.count(h) > 1}
    if duplicated:
        raise TableError(
            f"{name}, row {header_number}: the column {sorted(duplicated)[0]!r} appears twice."
        )
    rows: list[tuple[str, ...]] = []
    found = list(problems)
    for number, record in numbered[1:]:
        if len(record) > len(headers) and any(cell.strip() for cell in record[len(headers) :]):
            raise TableError(
                f"{name}, row {number}: {len(record)} cells but only {len(headers)} columns "
                "in the header (a missing quote?)."
            )
        cells = [cell.strip() for cell in record[: len(headers)]]
        cells += [""] * (len(headers) - len(cells))
        for column, cell in enumerate(cells):
            why = not_text(cell) or (check(cell, len(headers)) if check else None)
            if why:
                found.append(CellProblem(number, headers[column] or str(column + 1), why))
                cells[column] = ""
        rows.append(tuple(cells))
    return Table(
        name,
        headers,
        tuple(rows),
        numbered[1][0] if len(numbered) > 1 else header_number + 1,
        tuple(n for n, _record in numbered[1:]),
        tuple(found),
    )


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
