"""A requisition as every view names it: its id, code and title, and the label they make."""

from __future__ import annotations

from dataclasses import dataclass

from hirepartner.data.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class RequisitionRef:
    id: int
    code: str
    title: str

    @property
    def label(self) -> str:
        """ "ENG-101 Senior Backend Engineer": the code is never parsed back out of this."""
        return f"{self.code} {self.title}"


def requisition_ref(uow: UnitOfWork, requisition_id: int) -> RequisitionRef:
    requisition = uow.requisitions.get(requisition_id)
    return RequisitionRef(requisition.id, requisition.code, requisition.title)
