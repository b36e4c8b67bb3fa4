"""The command line's printing: JSON, plain tables that fit a terminal, and never a raw control
character from the data (an ESC or BEL in a name could retitle or rewrite the terminal)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from typing import Any, TextIO, cast

# C0 but tab and newline, DEL, and C1 (U+009B is a CSI on many terminals).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Control characters written as \\u001b: readable on a terminal, and in JSON output the
    very escape JSON uses, so the document stays exact."""
    return _CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class _TerminalText(io.TextIOBase):
    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


def terminal_text(stream: TextIO) -> TextIO:
    """The stream, writing every text through `terminal_safe`."""
    return cast(TextIO, _TerminalText(stream))


def print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO) -> None:
    cells = [[str(value) for value in row] for row in rows]
    widths = [
        min(40, max([len(header)] + [len(row[i]) for row in cells]))
        for i, header in enumerate(headers)
    ]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), file=out)
    for row in cells:
        fitted = [v if len(v) <= w else v[: w - 1] + "…" for v, w in zip(row, widths, strict=True)]
        print("  ".join(v.ljust(w) for v, w in zip(fitted, widths, strict=True)).rstrip(), file=out)
