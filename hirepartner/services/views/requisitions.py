"""A requisition as every view names it: its id, code and title, and the label they make."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hirepartner.data.unit_of_work import UnitOfWork


class _Named(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class RequisitionRef:
    id: int
    code: str
    title: str

    @property
    def label(self) -> str:
        """ "ENG-101 Senior Backend Engineer": the code is never parsed back out of this."""
        return f"{self.code} {self.title}"

    @classmethod
    def of(cls, requisition: _Named) -> RequisitionRef:
        """The ref of a requisition row, or of anything with its id, code and title."""
        return cls(requisition.id, requisition.code, requisition.title)


def requisition_ref(uow: UnitOfWork, requisition_id: int) -> RequisitionRef:
    requisition = uow.requisitions.get(requisition_id)
    return RequisitionRef(requisition.id, requisition.code, requisition.title)
