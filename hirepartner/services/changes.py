"""What a write changed, as the use case returns it (like Anki's OpChanges): the kinds of
thing touched and which ones, so each view refreshes itself without guessing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class ChangeKind(StrEnum):
    APPLICATION = "application"  # an application: stage, status, history, scorecards, offer
    REQUISITION = "requisition"  # a requisition: its brief, competencies, plan, slates
    TEAM = "team"  # the team's keys and roster
    ALL = "all"  # anything may have changed (people's names, an import, a sync)


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[ChangeKind]
    application_ids: frozenset[int] = frozenset()
    requisition_ids: frozenset[int] = frozenset()

    @classmethod
    def of_applications(
        cls, application_ids: Iterable[int], requisition_ids: Iterable[int] = ()
    ) -> Changes:
        return cls(
            frozenset({ChangeKind.APPLICATION}),
            frozenset(application_ids),
            frozenset(requisition_ids),
        )

    @classmethod
    def of_requisition(cls, requisition_id: int) -> Changes:
        return cls(frozenset({ChangeKind.REQUISITION}), requisition_ids=frozenset({requisition_id}))

    @classmethod
    def everything(cls) -> Changes:
        return cls(frozenset({ChangeKind.ALL}))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.kinds | other.kinds,
            self.application_ids | other.application_ids,
            self.requisition_ids | other.requisition_ids,
        )

    def touches(self, kind: ChangeKind) -> bool:
        return kind in self.kinds or ChangeKind.ALL in self.kinds
