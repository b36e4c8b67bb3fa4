"""The role brief as read: its versions, what the current one changed, and whether it moved
after the recruiter sent a slate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from hirepartner.data.models import RoleBriefVersion, Slate
from hirepartner.data.unit_of_work import UnitOfWork

BRIEF_LISTS = ("must_haves", "nice_to_haves", "deal_breakers")


@dataclass(frozen=True)
class BriefVersion:
    version: int
    summary: str
    must_haves: tuple[str, ...]
    nice_to_haves: tuple[str, ...]
    deal_breakers: tuple[str, ...]
    ideal_profile: str
    created_at: datetime
    agreed_by_manager_at: datetime | None
    agreed_by_recruiter_at: datetime | None


@dataclass(frozen=True)
class BriefView:
    requisition_id: int
    current: BriefVersion | None
    changes: tuple[str, ...]  # what the current version changed from the one before
    changed_after_slate: bool  # the brief moved after the recruiter sent a slate
    feedback_sla_hours: int
    target_hire_date: date | None
    scoring_visibility: str


def clean_list(items: Sequence[str]) -> list[str]:
    """The non-empty items, each with its whitespace collapsed."""
    return [" ".join(item.split()) for item in items if item.strip()]


def brief_changes(before: BriefVersion | None, after: BriefVersion) -> tuple[str, ...]:
    """Plain-language differences between two brief versions, list items item by item."""
    if before is None:
        return ()
    changes: list[str] = []
    for field, label in (("summary", "Summary"), ("ideal_profile", "Ideal profile")):
        if getattr(before, field) != getattr(after, field):
            changes.append(f"{label} changed")
    for field in BRIEF_LISTS:
        label = field.replace("_", "-").capitalize()
        old, new = getattr(before, field), getattr(after, field)
        changes += [f"{label} added: {item}" for item in new if item not in old]
        changes += [f"{label} removed: {item}" for item in old if item not in new]
    return tuple(changes)


def brief_versions(uow: UnitOfWork, requisition_id: int) -> list[BriefVersion]:
    """Every version of a requisition's brief, oldest first."""
    rows = uow.session.scalars(
        select(RoleBriefVersion)
        .where(RoleBriefVersion.requisition_id == requisition_id)
        .order_by(RoleBriefVersion.version)
    ).all()
    return [
        BriefVersion(
            r.version,
            r.summary,
            tuple(r.must_haves),
            tuple(r.nice_to_haves),
            tuple(r.deal_breakers),
            r.ideal_profile,
            r.created_at,
            r.agreed_by_manager_at,
            r.agreed_by_recruiter_at,
        )
        for r in rows
    ]


def brief_view(uow: UnitOfWork, requisition_id: int) -> BriefView:
    """The current brief with its changes, and the requisition's timeline and scoring rule."""
    requisition = uow.requisitions.get(requisition_id)
    versions = brief_versions(uow, requisition_id)
    current = versions[-1] if versions else None
    previous = versions[-2] if len(versions) > 1 else None
    first_slate = uow.session.scalar(
        select(func.min(Slate.presented_at)).where(Slate.requisition_id == requisition_id)
    )
    changed_after_slate = bool(
        current and previous and first_slate and current.created_at > first_slate
    )
    return BriefView(
        requisition_id,
        current,
        brief_changes(previous, current) if current else (),
        changed_after_slate,
        requisition.feedback_sla_hours,
        requisition.target_hire_date,
        requisition.scoring_visibility,
    )
