"""What every command accepts as an id, a count or an output file: checked while the arguments
are read, so a value out of range is one line, never an OverflowError from the database."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

MAX_ID = 2**63 - 1  # the largest integer SQLite stores, so the largest id there can be
_LONGEST_SHOWN = 24


class CommandLineParser(argparse.ArgumentParser):
    """argparse that reports a wrong argument in one line, pointing at --help for the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _LONGEST_SHOWN else f"{text[: _LONGEST_SHOWN - 1]}…"


def _whole(text: str, low: int, high: int) -> int:
    digits = text.strip().lstrip("+-")
    try:
        # More digits than the bound has cannot be in range; do not parse thousands of them.
        value = int(text) if len(digits) <= len(str(high)) + 1 else None
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_shown(text)!r} is not a whole number") from None
    if value is None or not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"{_shown(text)} is out of range; give a whole number from {low:,} to {high:,}"
        )
    return value


def record_id(text: str) -> int:
    """An id of something stored: 1 up to SQLite's largest integer."""
    return _whole(text, 1, MAX_ID)


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """A count or amount within [low, high], e.g. `whole_number(1, 100_000)`."""

    def parse(text: str) -> int:
        return _whole(text, low, high)

    return parse


def output_file(text: str) -> Path:
    """A file to write; an empty name would otherwise mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name is not a file; say where to write it")
    return Path(text)
