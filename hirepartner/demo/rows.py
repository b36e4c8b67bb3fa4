"""The rows a demo world is made of, gathered per table, with the ids handed out so far."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoRows:
    rows: dict[type, list[dict[str, Any]]] = field(default_factory=dict)
    ids: dict[type, int] = field(default_factory=dict)  # the last id given, per table

    @classmethod
    def after(cls, id_offsets: Mapping[type, int] | None) -> DemoRows:
        """Rows whose ids follow those already in the database."""
        return cls(ids=dict(id_offsets or {}))

    def next_id(self, model: type) -> int:
        self.ids[model] = self.ids.get(model, 0) + 1
        return self.ids[model]

    def add(self, model: type, **values: Any) -> None:
        self.rows.setdefault(model, []).append(values)

    def count(self, model: type) -> int:
        return len(self.rows.get(model, []))
