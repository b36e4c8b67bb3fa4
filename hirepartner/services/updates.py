"""Regular communication with the recruiter: the weekly update (what moved, what is overdue,
decisions, upcoming interviews, the key figures) and the success summary of a hire."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from hirepartner.clock import Clock
from hirepartner.data.database import Database
from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    Candidate,
    Competency,
    Decision,
    Person,
    Rating,
    Requisition,
    Scorecard,
)
from hirepartner.data.models.exchange import ExchangeTarget, InstallSetting
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import (
    ApplicationStatus,
    HistoryKind,
    OfferStatus,
    RequisitionStatus,
    ScorecardStatus,
)
from hirepartner.errors import ValidationError
from hirepartner.packets.content import (
    PacketKind,
    PacketMeta,
    Redaction,
    SuccessSummary,
    UpdateLine,
    WeeklyUpdate,
)
from hirepartner.services.base import Service
from hirepartner.services.feedback import is_overdue
from hirepartner.services.packet_outbox import PacketSender
from hirepartner.services.views.applications import application_details, describe_event
from hirepartner.services.views.dashboard import FigureKind, dashboard, figures
from hirepartner.services.views.requisitions import RequisitionRef
from hirepartner.services.views.scorecards import (
    blind_applications,
    of_requisitions,
    panel_scorecards,
)

LAST_UPDATE_KEY = "weekly_update_sent_at"


# The headline figures a weekly update carries (the funnel and the goals have their own lines).
UPDATE_FIGURES = (FigureKind.FEEDBACK, FigureKind.SLATES, FigureKind.PIPELINE, FigureKind.OUTCOMES)


class UpdateService(Service):
    def __init__(self, database: Database, clock: Clock, sender: PacketSender) -> None:
        super().__init__(database, clock)
        self._send = sender  # how a due weekly update goes out (the composition root says)

    def weekly_update(self, requisition_id: int, since: datetime | None = None) -> WeeklyUpdate:
        now = self._clock()
        with self._read() as uow:
            return _weekly_update(uow, now, requisition_id, since or now - timedelta(days=7))

    def success_summary(self, application_id: int) -> SuccessSummary:
        now = self._clock()
        with self._read() as uow:
            detail = application_details(uow, [application_id], now, None)[application_id]
            if detail.status != ApplicationStatus.HIRED.value:
                raise ValidationError("application", f"{detail.full_name} is not marked hired")
            # The status change itself, as the metrics read it: never a note that says "hired".
            hired_at = uow.session.scalar(
                select(ApplicationEvent.at)
                .where(
                    ApplicationEvent.application_id == application_id,
                    ApplicationEvent.kind == HistoryKind.STATUS.value,
                    ApplicationEvent.to_status == ApplicationStatus.HIRED.value,
                )
                .order_by(ApplicationEvent.at.desc(), ApplicationEvent.id.desc())
                .limit(1)
            )
            application = uow.session.get(Application, application_id)
            assert application is not None
            created = application.created_at
            offer = detail.offer
            accepted = offer if offer and offer.status == OfferStatus.ACCEPTED.value else None
            me = uow.people.self_person()
            prepared_by = me.name if me else ""
            # Independent scoring: a reader blind to the panel quotes only their own evidence.
            blind = blind_applications(
                uow, me.id if me else None, Scorecard.application_id == application_id
            )
            evidence = uow.session.execute(
                select(Competency.name, Person.name, Rating.level, Rating.evidence)
                .join(Scorecard, Scorecard.id == Rating.scorecard_id)
                .join(Competency, Competency.id == Rating.competency_id)
                .join(Person, Person.id == Scorecard.interviewer_id)
                .where(
                    Scorecard.application_id == application_id,
                    Scorecard.status == ScorecardStatus.SUBMITTED.value,
                    Rating.level.is_not(None),
                    *([Scorecard.interviewer_id == me.id] if blind and me else []),
                )
                .order_by(Rating.level.desc(), Competency.weight.desc(), Competency.name)
            ).all()
            board = dashboard(uow, now, detail.requisition_id)
        interviewers = tuple(sorted({who for _c, who, _l, _e in evidence}))
        winning = tuple((c, who, e) for c, who, _level, e in evidence if e.strip())[:5]
        hired = hired_at or now
        if accepted is not None and accepted.responded_on is not None:
            # Time to hire runs to the day the offer was accepted, as on the dashboard.
            days_to_hire: float | None = (accepted.responded_on - created.date()).days
        else:
            days_to_hire = (hired - created).total_seconds() / 86400 if hired_at else None
        meta = PacketMeta(
            PacketKind.SUCCESS,
            "Hire",
            detail.ref.label,
            prepared_by,
            hired,
            Redaction.NONE,
            (),
            detail.ref.code,
        )
        return SuccessSummary(
            meta=meta,
            candidate=detail.full_name,
            title=detail.current_title,
            hired_at=hired,
            days_to_hire=days_to_hire,
            interviewers=interviewers,
            winning_evidence=winning,
            goals=tuple((g.text, g.status, g.detail) for g in board.goals),
            start_on=accepted.start_on if accepted else None,
        )

    def send_due_updates(self, every_days: int = 7) -> int:
        """On a schedule: when a week has passed since the last, queue a weekly update for
        every open requisition to the targets that carry packets. Returns how many."""
        now = self._clock()
        with self._read() as uow:
            last = uow.session.get(InstallSetting, LAST_UPDATE_KEY)
            if last is not None and now - datetime.fromisoformat(last.value) < timedelta(
                days=every_days
            ):
                return 0
            has_target = uow.session.scalar(
                select(ExchangeTarget.name).where(ExchangeTarget.enabled.is_(True)).limit(1)
            )
            if has_target is None:
                return 0
            updates = [
                _weekly_update(uow, now, requisition_id, now - timedelta(days=7))
                for requisition_id in uow.session.scalars(
                    select(Requisition.id).where(Requisition.status == RequisitionStatus.OPEN.value)
                )
            ]
        from hirepartner.packets.build import build_pdf
        from hirepartner.packets.summary import summary_json

        built = [(update, build_pdf(update).content, summary_json(update)) for update in updates]
        with self._uow() as uow:
            for update, pdf, summary in built:
                name = f"{update.meta.requisition_code} weekly update {now:%Y-%m-%d}.pdf"
                self._send(uow, now, update, name, pdf, summary)
            uow.session.merge(InstallSetting(key=LAST_UPDATE_KEY, value=now.isoformat()))
            uow.commit()
        return len(updates)


def _weekly_update(
    uow: UnitOfWork, now: datetime, requisition_id: int, since: datetime
) -> WeeklyUpdate:
    """What moved since `since`, what is overdue, the decisions, what comes next, the figures."""
    requisition = uow.session.get(Requisition, requisition_id)
    if requisition is None:
        raise ValidationError("requisition", f"there is no requisition {requisition_id}")
    board = dashboard(uow, now, requisition_id)
    me = uow.people.self_person()
    prepared_by = me.name if me else ""
    names: dict[int, str] = dict(
        uow.session.execute(
            select(Application.id, Candidate.full_name)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .where(Application.requisition_id == requisition_id)
        ).all()
    )
    decisions = uow.session.execute(
        select(Decision.application_id, Decision.at, Decision.outcome, Decision.rationale)
        .join(Application, Application.id == Decision.application_id)
        .where(Application.requisition_id == requisition_id, Decision.at >= since)
        .order_by(Decision.at)
    ).all()
    drafts = sorted(
        panel_scorecards(
            uow,
            of_requisitions([requisition_id]),
            Scorecard.status == ScorecardStatus.DRAFT.value,
            Scorecard.interview_at.is_not(None),
        ),
        key=lambda row: row.interview_at,
    )
    stage_names = {stage.id: stage.name for stage in requisition.stages}
    events = uow.session.scalars(
        select(ApplicationEvent)
        .join(Application, Application.id == ApplicationEvent.application_id)
        .where(Application.requisition_id == requisition_id, ApplicationEvent.at >= since)
        .order_by(ApplicationEvent.at, ApplicationEvent.id)
    ).all()
    moved = sorted(
        (
            UpdateLine(
                event.at, names.get(event.application_id, "?"), describe_event(event, stage_names)
            )
            for event in events
        ),
        key=lambda line: (line.at or now, line.candidate),
    )
    sla = requisition.feedback_sla_hours
    scheduled = [
        (row.application_id, row.interview_at, row.interviewer, row.stage) for row in drafts
    ]
    overdue = tuple(
        UpdateLine(
            at,
            names.get(app, "?"),
            f"{who}, {stage}: due {at + timedelta(hours=sla):%d %b %H:%M}",
        )
        for app, at, who, stage in scheduled
        if at <= now and is_overdue(at, sla, now)
    )
    upcoming = tuple(
        UpdateLine(at, names.get(app, "?"), f"{stage} with {who}")
        for app, at, who, stage in scheduled
        if at > now
    )
    meta = PacketMeta(
        PacketKind.UPDATE,
        "Weekly update",
        RequisitionRef.of(requisition).label,
        prepared_by,
        now,
        Redaction.NONE,
        (),
        requisition.code,
    )
    return WeeklyUpdate(
        meta=meta,
        since=since,
        until=now,
        moved=tuple(moved[:200]),
        overdue=overdue,
        decisions=tuple(
            UpdateLine(at, names.get(app, "?"), f"{outcome}: {why}")
            for app, at, outcome, why in decisions
        ),
        upcoming=upcoming,
        figures=tuple((f.name, f.value) for f in figures(board) if f.kind in UPDATE_FIGURES),
        goals=tuple((g.text, g.status, g.detail) for g in board.goals),
    )
