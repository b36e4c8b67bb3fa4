"""A demo requisition as its plan describes it: the brief, competencies with anchors, the
interview stages with their panels, focus and questions, and the slates candidates arrive on."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hirepartner.data.models import (
    Competency,
    CompetencyAnchor,
    InterviewStage,
    Requisition,
    RoleBriefVersion,
    Slate,
    StageFocusCompetency,
    StageInterviewer,
    StageQuestion,
)
from hirepartner.demo.plans import RequisitionPlan
from hirepartner.demo.rows import DemoRows

SLATE_SIZE = 10


@dataclass
class RequisitionContext:
    """What the candidates of one requisition are drawn against."""

    requisition_id: int
    plan: RequisitionPlan
    stage_ids: list[int]
    competency_ids: dict[str, int]
    stage_panels: list[list[int]]
    slate_ids: list[int] = field(default_factory=list)
    members: int = 0


def add_requisition(
    tables: DemoRows,
    rng: random.Random,
    now: datetime,
    plan: RequisitionPlan,
    people: list[int],
) -> RequisitionContext:
    """The requisition, its agreed brief, competencies and interview plan; `people` starts with
    the hiring manager and the recruiter, then the interviewers."""
    req_id = tables.next_id(Requisition)
    opened = now - timedelta(days=rng.randint(30, 75))
    tables.add(
        Requisition,
        id=req_id,
        code=plan.code,
        title=plan.title,
        team=plan.team,
        location=plan.location,
        hiring_manager_id=people[0],
        recruiter_id=people[1],
        headcount=plan.headcount,
        status="open",
        opened_on=opened.date(),
        target_hire_date=(opened + timedelta(days=90)).date(),
        feedback_sla_hours=plan.sla_hours,
        scoring_visibility="after_submit",
        created_at=opened,
    )
    tables.add(
        RoleBriefVersion,
        id=tables.next_id(RoleBriefVersion),
        requisition_id=req_id,
        version=1,
        summary=plan.summary,
        must_haves=list(plan.must_haves),
        nice_to_haves=list(plan.nice_to_haves),
        deal_breakers=list(plan.deal_breakers),
        ideal_profile=plan.ideal_profile,
        author_id=people[0],
        created_at=opened,
        agreed_by_manager_at=opened + timedelta(hours=2),
        agreed_by_recruiter_at=opened + timedelta(hours=5),
    )
    competency_ids: dict[str, int] = {}
    for position, competency in enumerate(plan.competencies):
        comp_id = tables.next_id(Competency)
        competency_ids[competency.name] = comp_id
        tables.add(
            Competency,
            id=comp_id,
            requisition_id=req_id,
            name=competency.name,
            description=competency.description,
            category=competency.category,
            weight=competency.weight,
            position=position,
        )
        for level, anchor in enumerate(competency.anchors, start=1):
            tables.add(CompetencyAnchor, competency_id=comp_id, level=level, text=anchor)
    stage_ids, panels = [], []
    interviewers = people[2:]
    for position, stage in enumerate(plan.stages):
        stage_id = tables.next_id(InterviewStage)
        stage_ids.append(stage_id)
        tables.add(
            InterviewStage,
            id=stage_id,
            requisition_id=req_id,
            name=stage.name,
            position=position,
            target_date=(opened + timedelta(days=14 * (position + 1))).date(),
        )
        panel = rng.sample(interviewers, stage.interviewers)
        if position == len(plan.stages) - 1:
            panel[0] = people[0]  # the hiring manager sits on the final panel
        panels.append(panel)
        for person_id in panel:
            tables.add(StageInterviewer, stage_id=stage_id, person_id=person_id)
        for name in stage.focus:
            tables.add(StageFocusCompetency, stage_id=stage_id, competency_id=competency_ids[name])
        for order, question in enumerate(stage.questions):
            tables.add(
                StageQuestion,
                id=tables.next_id(StageQuestion),
                stage_id=stage_id,
                competency_id=competency_ids[stage.focus[0]] if stage.focus else None,
                position=order,
                text=question,
            )
    return RequisitionContext(req_id, plan, stage_ids, competency_ids, panels)


def slate_for(
    tables: DemoRows, ctx: RequisitionContext, joined: datetime, recruiter_id: int
) -> int:
    """The slate a new candidate arrives on: a fresh one every SLATE_SIZE candidates."""
    if ctx.members % SLATE_SIZE == 0:
        slate_id = tables.next_id(Slate)
        ctx.slate_ids.append(slate_id)
        tables.add(
            Slate,
            id=slate_id,
            requisition_id=ctx.requisition_id,
            name=f"Slate {len(ctx.slate_ids)}",
            recruiter_id=recruiter_id,
            presented_at=joined,
            feedback_rating=None,
            feedback_note="",
        )
    ctx.members += 1
    return ctx.slate_ids[-1]
