"""The shared dashboard as a view: time to feedback, the pipeline funnel, slate quality, the
timeline and its projection, outcomes and goals, for one requisition or all; a handful of
queries, then plain arithmetic (scoring/metrics.py); and `figures`, its headline in words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select

from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    InterviewStage,
    Offer,
    Requisition,
    Scorecard,
    Slate,
)
from hirepartner.data.models.partnership import Goal
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import (
    ApplicationStatus,
    DeclineReason,
    HistoryKind,
    OfferStatus,
    rejection_label,
)
from hirepartner.errors import ValidationError
from hirepartner.scoring.metrics import (
    FunnelStep,
    Rate,
    Spread,
    days_between,
    funnel,
    project_fill,
    spread,
    top_reasons,
)
from hirepartner.services.views.requisitions import RequisitionRef
from hirepartner.services.views.scorecards import of_requisitions, panel_scorecards, submitted

STALLED_DAYS = 14
# Plain strings: these are compared tens of thousands of times per dashboard.
OPEN = (ApplicationStatus.ACTIVE.value, ApplicationStatus.ON_HOLD.value)
MOVES = (HistoryKind.CREATED.value, HistoryKind.STAGE.value)
HIRED = ApplicationStatus.HIRED.value
OFFER = ApplicationStatus.OFFER.value
REJECTED = ApplicationStatus.REJECTED.value
ACCEPTED = OfferStatus.ACCEPTED.value
DECLINED = OfferStatus.DECLINED.value


@dataclass(frozen=True)
class FeedbackFigure:
    label: str
    hours: Spread
    within_sla: Rate


@dataclass(frozen=True)
class SlateFigure:
    name: str
    presented_at: datetime
    advanced: Rate  # past the first stage
    rating: int | None
    more_of: str
    less_of: str


@dataclass(frozen=True)
class GoalStatus:
    id: int
    text: str
    status: str  # met, on track, behind, missed, no data
    detail: str


@dataclass(frozen=True)
class Dashboard:
    scope: str
    requisition_id: int | None
    as_of: datetime
    sla_hours: int | None
    feedback: FeedbackFigure
    feedback_by_interviewer: tuple[FeedbackFigure, ...]
    feedback_by_stage: tuple[FeedbackFigure, ...]
    funnel: tuple[FunnelStep, ...]
    active: int
    stalled: int
    slates: tuple[SlateFigure, ...]
    slates_advanced: Rate
    reasons: tuple[tuple[str, int], ...]
    rejected: int
    target_hire_date: date | None
    projected_fill: date | None
    projection_basis: str
    offers: int
    hires: int
    acceptance: Rate
    time_to_hire_days: Spread
    goals: tuple[GoalStatus, ...]
    slate_ids: tuple[tuple[int, str], ...] = ()  # every slate (id, name), newest first
    declined_reasons: tuple[tuple[str, int], ...] = ()  # why offers were declined, most first


def _feedback(label: str, rows: Sequence[tuple[float, int]]) -> FeedbackFigure:
    """rows: (hours to feedback, SLA hours) of submitted scorecards."""
    return FeedbackFigure(
        label, spread(h for h, _sla in rows), Rate(sum(1 for h, sla in rows if h <= sla), len(rows))
    )


def dashboard(uow: UnitOfWork, now: datetime, requisition_id: int | None = None) -> Dashboard:
    """The figures for one requisition, or for all of them (None)."""
    s = uow.session
    core = s.connection()  # plain rows: no ORM processing for 10,000s of them
    query = select(
        Requisition.id,
        Requisition.code,
        Requisition.title,
        Requisition.opened_on,
        Requisition.target_hire_date,
        Requisition.feedback_sla_hours,
    )
    if requisition_id is not None:
        query = query.where(Requisition.id == requisition_id)
    reqs = s.execute(query).all()
    if requisition_id is not None and not reqs:
        raise ValidationError("requisition", f"there is no requisition {requisition_id}")
    ids = [r.id for r in reqs]
    stages = core.execute(
        select(
            InterviewStage.id,
            InterviewStage.requisition_id,
            InterviewStage.name,
            InterviewStage.position,
            InterviewStage.target_date,
        )
        .where(InterviewStage.requisition_id.in_(ids))
        .order_by(InterviewStage.requisition_id, InterviewStage.position)
    ).all()
    apps = core.execute(
        select(
            Application.id,
            Application.requisition_id,
            Application.slate_id,
            Application.stage_id,
            Application.status,
            Application.rejection_reason,
        ).where(Application.requisition_id.in_(ids))
    ).all()
    # Dates only where a figure needs them: most applications are neither open for
    # long nor hired, and turning 20,000 timestamps into datetimes costs.
    entered_open: dict[int, datetime] = {  # noqa: C416 (rows, not a mapping)
        ident: at
        for ident, at in core.execute(
            select(Application.id, Application.entered_stage_at).where(
                Application.requisition_id.in_(ids), Application.status.in_(OPEN)
            )
        )
    }
    created_hired: dict[int, datetime] = {  # noqa: C416 (rows, not a mapping)
        ident: at
        for ident, at in core.execute(
            select(Application.id, Application.created_at).where(
                Application.requisition_id.in_(ids), Application.status == HIRED
            )
        )
    }
    events = core.execute(
        select(
            ApplicationEvent.application_id,
            ApplicationEvent.at,
            ApplicationEvent.kind,
            ApplicationEvent.to_stage_id,
            ApplicationEvent.to_status,
        )
        .join(Application, Application.id == ApplicationEvent.application_id)
        .where(
            Application.requisition_id.in_(ids),
            (ApplicationEvent.kind != "status") | (ApplicationEvent.to_status == HIRED),
        )
        .order_by(ApplicationEvent.application_id, ApplicationEvent.at, ApplicationEvent.id)
    ).all()
    cards = [
        (
            row.interviewer,
            row.stage,
            row.interview_at,
            row.submitted_at,
            row.requisition_id,
        )
        for row in panel_scorecards(
            uow,
            of_requisitions(ids),
            submitted(),
            Scorecard.interview_at.is_not(None),
            Scorecard.submitted_at.is_not(None),
            lean=True,
        )
    ]
    slates = s.execute(
        select(
            Slate.id,
            Slate.requisition_id,
            Slate.name,
            Slate.presented_at,
            Slate.feedback_rating,
            Slate.more_of,
            Slate.less_of,
        )
        .where(Slate.requisition_id.in_(ids))
        .order_by(Slate.presented_at, Slate.id)
    ).all()
    # Answered offers: acceptance, declines and time to hire (to the day of acceptance).
    offers = core.execute(
        select(
            Offer.application_id,
            Offer.status,
            Offer.responded_on,
            Offer.decline_reason,
            Application.created_at,
        )
        .join(Application, Application.id == Offer.application_id)
        .where(Application.requisition_id.in_(ids), Offer.status != "extended")
        .order_by(Offer.id)
    ).all()
    goals = s.scalars(select(Goal).where(Goal.requisition_id.in_(ids)).order_by(Goal.id)).all()
    return _compute(
        now,
        requisition_id,
        reqs,
        stages,
        apps,
        entered_open,
        created_hired,
        events,
        cards,
        slates,
        goals,
        offers,
    )


def _compute(
    now: datetime,
    requisition_id: int | None,
    reqs: Sequence[Any],
    stages: Sequence[Any],
    apps: Sequence[Any],
    entered_open: dict[int, datetime],
    created_hired: dict[int, datetime],
    events: Sequence[Any],
    cards: Sequence[Any],
    slates: Sequence[Any],
    goals: Sequence[Goal],
    answered_offers: Sequence[Any] = (),
) -> Dashboard:
    sla = {r.id: r.feedback_sla_hours for r in reqs}
    position = {st.id: st.position for st in stages}
    # Feedback: hours from interview to submitted scorecard, against each requisition's SLA.
    rows_all: list[tuple[float, int]] = []
    by_person: dict[str, list[tuple[float, int]]] = defaultdict(list)
    by_stage: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for person, stage, interview_at, submitted_at, req in cards:
        row = ((submitted_at - interview_at).total_seconds() / 3600, sla[req])
        rows_all.append(row)
        by_person[person].append(row)
        by_stage[stage].append(row)
    # Pipeline: the furthest stage each application reached, stays, first arrivals.
    furthest: dict[int, int] = {a.id: position.get(a.stage_id, 0) for a in apps}
    stays: dict[int, list[float]] = defaultdict(list)
    first_at: dict[int, datetime] = {}
    hired_at: dict[int, datetime] = {}
    entered: dict[int, tuple[int, datetime]] = {}
    for app_id, at, kind, to_stage, to_status in events:
        if kind in MOVES and to_stage:
            pos = position.get(to_stage, 0)
            if pos > furthest[app_id]:
                furthest[app_id] = pos
            if pos not in first_at or at < first_at[pos]:
                first_at[pos] = at
            if app_id in entered:
                before, since = entered[app_id]
                stays[before].append((at - since).total_seconds() / 86400)
            entered[app_id] = (pos, at)
        elif to_status == HIRED:
            hired_at[app_id] = at
    first_reached = {pos: at.date() for pos, at in first_at.items()}
    active = [a for a in apps if a.status in OPEN]
    for a in active:
        if a.id in entered:
            pos, since = entered[a.id]
            stays[pos].append(days_between(since, now))
    stalled = sum(1 for a in active if days_between(entered_open[a.id], now) >= STALLED_DAYS)
    if requisition_id is not None:
        plan = [(st.name, st.position, st.target_date) for st in stages]
    else:  # across requisitions, stage k of each plan lines up with stage k of the others
        names: dict[int, str] = {}
        for st in stages:
            names.setdefault(st.position, st.name)
        plan = [(f"Stage {p + 1}: {names[p]}", p, None) for p in sorted(names)]
    steps = funnel(plan, list(furthest.values()), stays, first_reached)
    # Slate quality: the share of each slate's candidates who got past the first stage.
    first = min((p for _n, p, _t in plan), default=0)
    per_slate: dict[int, list[int]] = defaultdict(list)
    for a in apps:
        if a.slate_id is not None:
            per_slate[a.slate_id].append(furthest[a.id])
    codes = {r.id: r.code for r in reqs}
    slate_figures = tuple(
        SlateFigure(
            sl.name if requisition_id is not None else f"{codes[sl.requisition_id]} {sl.name}",
            sl.presented_at,
            Rate(sum(1 for f in per_slate[sl.id] if f > first), len(per_slate[sl.id])),
            sl.feedback_rating,
            sl.more_of,
            sl.less_of,
        )
        for sl in slates
        if per_slate[sl.id]
    )
    on_slates = [f for sl in slates for f in per_slate[sl.id]]
    rejected = [a for a in apps if a.status == REJECTED]
    # Offers out: the offer step keeps an application at OFFER exactly while its offer is
    # extended (also counts an offer recorded as a bare status, without its dates).
    offers = sum(1 for a in apps if a.status == OFFER)
    hires = [a for a in apps if a.status == HIRED]
    accepted_on = {
        app_id: (responded_on - created.date()).days
        for app_id, status, responded_on, _reason, created in answered_offers
        if status == ACCEPTED
    }
    declines = [reason for _a, status, _r, reason, _c in answered_offers if status == DECLINED]
    # A hire without a recorded offer accepted one all the same; its time to hire runs to
    # the day it was marked hired.
    bare_hires = [a for a in hires if a.id not in accepted_on]
    accepted = len(accepted_on) + len(bare_hires)
    times_to_hire = list(accepted_on.values()) + [
        days_between(created_hired[a.id], hired_at[a.id]) for a in bare_hires if a.id in hired_at
    ]
    target = reqs[0].target_hire_date if requisition_id is not None else None
    projected, basis = (None, "choose one requisition above for its time-to-fill projection")
    if requisition_id is not None:
        last_position = max((p for _n, p, _t in plan), default=0)
        reached = max(furthest.values(), default=None)
        hired_on = min((at.date() for at in hired_at.values()), default=None)
        projected, basis = project_fill(
            reqs[0].opened_on, now.date(), reached, last_position, bool(hires), hired_on
        )
    statuses = tuple(
        _goal_status(goal, reqs, stages, furthest, rows_all, len(hires), now) for goal in goals
    )
    scope = (
        RequisitionRef.of(reqs[0]).label
        if requisition_id is not None
        else f"All requisitions ({len(reqs)})"
    )
    return Dashboard(
        scope=scope,
        requisition_id=requisition_id,
        as_of=now,
        sla_hours=sla[requisition_id] if requisition_id is not None else None,
        feedback=_feedback("All interviews", rows_all),
        feedback_by_interviewer=tuple(_feedback(k, v) for k, v in sorted(by_person.items())),
        feedback_by_stage=tuple(_feedback(k, v) for k, v in sorted(by_stage.items())),
        funnel=steps,
        active=len(active),
        stalled=stalled,
        slates=slate_figures,
        slates_advanced=Rate(sum(1 for f in on_slates if f > first), len(on_slates)),
        reasons=tuple(
            (rejection_label(r), n)
            for r, n in top_reasons(a.rejection_reason or "" for a in rejected)
        ),
        rejected=len(rejected),
        target_hire_date=target,
        projected_fill=projected,
        projection_basis=basis,
        offers=offers,
        hires=len(hires),
        acceptance=Rate(accepted, accepted + len(declines)),
        time_to_hire_days=spread(times_to_hire),
        goals=statuses,
        slate_ids=tuple(
            (sl.id, f"{sl.name} ({sl.presented_at:%d %b %Y})") for sl in reversed(slates)
        ),
        declined_reasons=tuple(
            (DeclineReason(r).label, n) for r, n in top_reasons(declines, limit=len(declines))
        ),
    )


def _goal_status(
    goal: Goal,
    reqs: Sequence[Any],
    stages: Sequence[Any],
    furthest: dict[int, int],
    feedback_rows: Sequence[tuple[float, int]],
    hires: int,
    now: datetime,
) -> GoalStatus:
    opened = next(r.opened_on for r in reqs if r.id == goal.requisition_id)
    if goal.kind == "feedback_sla":
        hours, share = goal.hours or 24, goal.share or 0.9
        rate = Rate(sum(1 for h, _sla in feedback_rows if h <= hours), len(feedback_rows))
        text = f"Feedback within {hours} h for {round(share * 100)}% of interviews"
        if rate.value is None:
            return GoalStatus(goal.id, text, "no data", "no submitted scorecards yet")
        return GoalStatus(
            goal.id, text, "on track" if rate.value >= share else "behind", rate.label()
        )
    due, count = goal.due_on, goal.count or 1
    if goal.kind == "hires":
        done, what = hires, f"{count} hire{'s' if count != 1 else ''}"
    else:
        stage = next((st for st in stages if st.id == goal.stage_id), None)
        where = stage.name if stage else "?"
        done = sum(1 for f in furthest.values() if stage and f >= stage.position)
        what = f"{count} candidate{'s' if count != 1 else ''} at {where}"
    text = f"{what} by {due:%d %b %Y}" if due else what
    detail = f"{done} of {count}"
    if done >= count:
        return GoalStatus(goal.id, text, "met", detail)
    if due is None:
        return GoalStatus(goal.id, text, "on track", detail)
    if now.date() > due:
        return GoalStatus(goal.id, text, "missed", detail)
    span = max(1, (due - opened).days)
    expected = count * min(1.0, max(0, (now.date() - opened).days) / span)
    return GoalStatus(
        goal.id,
        text,
        "on track" if done >= expected else "behind",
        f"{detail}; {expected:.1f} expected by now at an even pace",
    )


class FigureKind(Enum):
    FEEDBACK = "feedback"
    PIPELINE = "pipeline"
    FUNNEL = "funnel"  # onward from each stage but the last
    SLATES = "slates"
    OUTCOMES = "outcomes"
    GOAL = "goal"


@dataclass(frozen=True)
class Figure:
    kind: FigureKind
    name: str
    value: str


def figures(board: Dashboard) -> tuple[Figure, ...]:
    """The dashboard's headline figures in words, each with its n: the one phrasing the CLI,
    the dashboard, the weekly update and the slate packet share."""
    return (
        Figure(FigureKind.FEEDBACK, "Feedback within the SLA", board.feedback.within_sla.label()),
        Figure(FigureKind.FEEDBACK, "Time to feedback", board.feedback.hours.label("h")),
        *[
            Figure(FigureKind.FUNNEL, f"Onward from {s.stage}", s.onward.label())
            for s in board.funnel[:-1]
        ],
        Figure(
            FigureKind.SLATES,
            "Slate candidates past the first stage",
            board.slates_advanced.label(),
        ),
        Figure(
            FigureKind.PIPELINE,
            f"Stalled (no move for {STALLED_DAYS} days)",
            f"{board.stalled} of {board.active} open",
        ),
        Figure(
            FigureKind.OUTCOMES,
            "Offers and hires",
            f"{board.offers} offers out, {board.hires} hired",
        ),
        *[
            Figure(FigureKind.GOAL, f"Goal: {g.text}", f"{g.status} ({g.detail})")
            for g in board.goals
        ],
    )
