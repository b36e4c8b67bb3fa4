"""A slate as an XLSX workbook, read as a table without trusting it: an XLSX is a ZIP, so its
declared sizes and each sheet's <dimension> are checked before anything is parsed, and reading
stops at the row limit whatever the sheet claims."""

from __future__ import annotations

import io
import re
import zipfile

from hirepartner.exchange.tables import MAX_ROWS, Table, TableError, cell_text, table_from_records

# A slate at the row limit with long notes unpacks to a few tens of MB; far beyond is a bomb.
# The declared sizes bind: zipfile never unpacks a member past the size its header declares.
MAX_XLSX_UNPACKED = 100 * 1024 * 1024
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]*)(\d*)(?::([A-Z]*)(\d+))?\"")
_SHEET_HEAD_BYTES = 64 * 1024  # the <dimension> comes before the cells, near the start
_ROW = re.compile(rb"<(?:\w+:)?row[\s>]")


def _counted_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    """The <row> elements in a sheet, counted from the unpacked bytes without parsing them:
    a sheet can understate its <dimension>, and openpyxl would believe it."""
    rows = 0
    pending = b""
    with archive.open(member) as handle:
        while chunk := handle.read(1024 * 1024):
            buffer = pending + chunk
            cut = max(0, len(buffer) - 16)  # a tag split across chunks is counted next time
            rows += sum(1 for found in _ROW.finditer(buffer) if found.start() < cut)
            pending = buffer[cut:]
            if rows - 1 > MAX_ROWS:
                break
    return rows + len(_ROW.findall(pending))


def _declared_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int | None:
    with archive.open(member) as handle:
        head = handle.read(_SHEET_HEAD_BYTES)
    found = _DIMENSION.search(head)
    if found is None:
        return None
    first, last = found.group(2), found.group(4)
    return int(last or first or 0) if (last or first) else None


def check_workbook(name: str, archive: zipfile.ZipFile) -> None:
    """Refuse a workbook that would unpack or parse far beyond any slate, from what the
    archive and its sheets declare, before openpyxl reads a byte of it."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_XLSX_UNPACKED:
        raise TableError(
            f"{name} unpacks to {unpacked // (1024 * 1024)} MB from "
            f"{max(1, sum(m.compress_size for m in members) // 1024)} KB; refused as a likely "
            f"decompression bomb (a slate unpacks to well under "
            f"{MAX_XLSX_UNPACKED // (1024 * 1024)} MB)."
        )
    for member in members:
        if not _SHEET.fullmatch(member.filename):
            continue
        sheet = member.filename.rsplit("/", 1)[-1]
        rows = _declared_rows(archive, member)
        if rows is not None and rows - 1 > MAX_ROWS:
            raise TableError(
                f"{name}: the sheet {sheet!r} declares {rows:,} rows; the limit is {MAX_ROWS:,}."
            )
        if _counted_rows(archive, member) - 1 > MAX_ROWS:
            raise TableError(f"{name}: the sheet {sheet!r} has more than {MAX_ROWS:,} rows.")


def read_xlsx_bytes(name: str, data: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_workbook(name, archive)
    except (zipfile.BadZipFile, EOFError, NotImplementedError):
        raise TableError(f"{name} is not an XLSX workbook.") from None
    import openpyxl  # only XLSX imports pay for it

    try:
        # data_only=False: a formula is kept as the text typed, never evaluated.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError(f"{name} cannot be read as a workbook: {error}.") from None
    records: list[list[str]] = []
    try:
        sheet = workbook.worksheets[0]
        # openpyxl stops at the declared <dimension>; a sheet that understates it would lose
        # its last rows without a word, so read what is there (up to the limit).
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            if len(records) > MAX_ROWS:  # the header and MAX_ROWS rows; more is refused
                raise TableError(f"{name} has more than {MAX_ROWS:,} rows, the limit.")
            records.append([cell_text(v) for v in row])
    except TableError:
        raise
    except Exception as error:  # a damaged sheet
        raise TableError(f"{name} cannot be read as a workbook: {error}.") from None
    finally:
        workbook.close()
    return table_from_records(name, records)
