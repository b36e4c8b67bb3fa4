"""Fill an empty database with a deterministic hiring world (same seed, same world).

Content (names, ratings, evidence, stages) depends only on the seed; dates are laid out
relative to now, so that "days in stage" and overdue feedback look alive whenever it runs.
Everything is written in one transaction: an interrupted run leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, insert, select, text

from hirepartner.clock import Clock, utc_now
from hirepartner.data.database import Database
from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    AuditEvent,
    Candidate,
    CandidateTag,
    Competency,
    CompetencyAnchor,
    InterviewStage,
    Offer,
    Person,
    Rating,
    Requisition,
    Resume,
    RoleBriefVersion,
    Scorecard,
    Slate,
    StageFocusCompetency,
    StageInterviewer,
    StageQuestion,
)
from hirepartner.demo import MAX_CANDIDATES
from hirepartner.demo.builder import PANEL, DemoWorldBuilder
from hirepartner.errors import HirePartnerError
from hirepartner.services.changes import Changes


@dataclass(frozen=True)
class DemoSummary:
    requisitions: int
    candidates: int
    scorecards: int
    ratings: int

    @property
    def changes(self) -> Changes:
        return Changes.everything()


INSERT_ORDER = (
    Person,
    Requisition,
    RoleBriefVersion,
    Competency,
    CompetencyAnchor,
    InterviewStage,
    StageInterviewer,
    StageFocusCompetency,
    StageQuestion,
    Slate,
    Candidate,
    CandidateTag,
    Resume,
    Application,
    ApplicationEvent,
    Offer,
    Scorecard,
    Rating,
)


def build_demo_world(
    database: Database,
    candidates: int = 60,
    seed: int = 7,
    clock: Clock = utc_now,
    shares: Sequence[float] | None = None,
) -> DemoSummary:
    """Write the demo world into an empty database in one transaction.

    `shares` weighs how candidates spread over the demo requisitions (benchmarks put them all
    on one); by default each requisition gets its plan's share.
    """
    if not 1 <= candidates <= MAX_CANDIDATES:
        raise HirePartnerError(
            f"A demo world holds from 1 to {MAX_CANDIDATES:,} candidates, not {candidates:,}."
        )
    now = clock()
    with database.unit_of_work() as uow:
        if uow.session.scalar(select(func.count(Requisition.id))):
            raise HirePartnerError(
                f"{database.location.display} already holds requisitions; "
                "the demo fills only a database without any (use another --db)."
            )
        if uow.session.scalar(
            select(func.count(Person.id)).where(Person.email.in_([p[1] for p in PANEL]))
        ):
            raise HirePartnerError(
                f"{database.location.display} already has the demo's people; use another --db."
            )
        offsets: dict[type, int] = {
            model: int(uow.session.scalar(select(func.max(model.id))) or 0)
            for model in INSERT_ORDER
            if hasattr(model, "id")
        }
        builder = DemoWorldBuilder(
            candidates,
            seed,
            now,
            offsets,
            has_self=uow.people.self_person() is not None,
            shares=shares,
        )
        tables = builder.build()
        for model in INSERT_ORDER:
            rows = tables.rows.get(model)
            if rows:
                uow.session.execute(insert(model), rows)
        if uow.session.get_bind().dialect.name == "postgresql":
            # Rows came with their ids; move each id sequence past them for later inserts.
            for model in INSERT_ORDER:
                if hasattr(model, "id") and tables.rows.get(model):
                    table = model.__tablename__
                    uow.session.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}))"
                        )
                    )
        uow.session.add(
            AuditEvent(
                at=now,
                actor_id=builder.manager_id,
                action="demo",
                entity="database",
                entity_id=None,
                detail={"candidates": candidates, "seed": seed},
            )
        )
        uow.commit()
    return DemoSummary(
        requisitions=tables.count(Requisition),
        candidates=tables.count(Candidate),
        scorecards=tables.count(Scorecard),
        ratings=tables.count(Rating),
    )
