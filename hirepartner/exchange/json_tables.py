"""A slate as JSON (a list of candidate objects, or {"candidates": [...]}) read as a table: a
value that is not text (NaN, true, an object, a list of lists, a number too long to be one) is
kept out with its row and field, and nesting too deep is refused rather than recursed into."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from hirepartner.exchange.tables import (
    CellProblem,
    Table,
    TableError,
    cell_text,
    decode,
    table_from_records,
)

MAX_NUMBER_DIGITS = 40  # a phone number as a number fits; 5,000 digits is no field of ours


@dataclass(frozen=True)
class _NotText:
    why: str


def _number(text: str) -> object:
    if len(text) > MAX_NUMBER_DIGITS:
        return _NotText(f"a number of {len(text)} digits is not text")
    value = float(text)
    return cell_text(value) if math.isfinite(value) else _NotText(f"{text} is not text")


def _integer(text: str) -> object:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        return _NotText(f"a number of {len(text.lstrip('-'))} digits is not text")
    return text


def _constant(text: str) -> object:
    return _NotText(f"{text} is not text")


def _cell(value: object) -> tuple[str, str | None]:
    """The cell's text, or "" and why the value is not text."""
    if isinstance(value, _NotText):
        return "", value.why
    if isinstance(value, bool):
        return "", f"{'true' if value else 'false'} is a yes/no value, not text"
    if isinstance(value, dict):
        return "", "an object, not text"
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, list | dict):
                return "", "a list holding lists or objects, not text"
            text, why = _cell(item)
            if why:
                return "", f"a list holding a value that is not text ({why})"
            if text:
                parts.append(text)
        return ", ".join(parts), None
    return cell_text(value), None


def read_json_bytes(name: str, data: bytes) -> Table:
    try:
        document = json.loads(
            decode(name, data),
            parse_float=_number,
            parse_int=_integer,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise TableError(f"{name}, line {error.lineno}: not valid JSON ({error.msg}).") from None
    except RecursionError:
        raise TableError(
            f"{name}: lists or objects nested too deep to be a slate (a slate is a list of "
            "candidate objects)."
        ) from None
    items = document.get("candidates") if isinstance(document, dict) else document
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise TableError(
            f'{name}: expected a list of candidate objects, or {{"candidates": [...]}}.'
        )
    headers: list[str] = []
    for item in items:
        headers += [key for key in item if key not in headers]
    records = [headers]
    problems: list[CellProblem] = []
    for row, item in enumerate(items, start=2):
        record = []
        for key in headers:
            text, why = _cell(item.get(key))
            if why:
                problems.append(CellProblem(row, key, why))
            record.append(text)
        records.append(record)
    return table_from_records(name, records, problems=tuple(problems))
