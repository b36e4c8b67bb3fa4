"""Goals agreed per requisition ("feedback within 24 h for 90% of interviews", "3 onsite
candidates by March 1", "2 hires by April"), measured by the dashboard."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Float, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from hirepartner.data.models.base import Base, _one_of

GOAL_KINDS = ("feedback_sla", "candidates_at_stage", "hires")


class Goal(Base):
    __tablename__ = "goal"
    __table_args__ = (
        CheckConstraint(_one_of("kind", GOAL_KINDS), name="kind"),
        CheckConstraint("share IS NULL OR (share > 0 AND share <= 1)", name="share"),
        CheckConstraint("count IS NULL OR count > 0", name="count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(
        ForeignKey("requisition.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str]
    share: Mapped[float | None] = mapped_column(Float)  # feedback_sla: 0.9
    hours: Mapped[int | None]  # feedback_sla: 24
    stage_id: Mapped[int | None] = mapped_column(
        ForeignKey("interview_stage.id", ondelete="CASCADE")
    )
    count: Mapped[int | None]  # candidates_at_stage, hires
    due_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
