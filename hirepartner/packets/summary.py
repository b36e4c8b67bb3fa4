"""The machine-readable JSON summary sent beside every PDF: the same content, with a schema id,
stable key order and no private notes (the content never holds them)."""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass
from datetime import date
from enum import Enum
from typing import Any

from hirepartner.packets.content import Packet

SCHEMA = "https://schemas.hirepartner.app/packet-summary/v1"


def _plain(value: Any) -> Any:
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def summary(packet: Packet) -> dict[str, Any]:
    assert is_dataclass(packet)
    body = _plain(asdict(packet))
    meta = body.pop("meta")
    return {"schema": SCHEMA, "kind": meta["kind"], "meta": meta, "content": body}


def summary_json(packet: Packet) -> bytes:
    return (
        json.dumps(summary(packet), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")
