"""The command line's printing: JSON, and plain tables that fit a terminal."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO


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
