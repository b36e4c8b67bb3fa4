"""Regular communication with the recruiter: the weekly update (what moved, what is overdue,
decisions, upcoming interviews, the key figures) and the success summary of a hire."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from hirepartner.clock import Clock
from hirepartner.data.database import Database
from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    Candidate,
    Competency,
    Decision,
    InterviewStage,
    Person,
    Rating,
    Requisition,
    Scorecard,
)
from hirepartner.data.models.exchange import ExchangeTarget, InstallSetting
from hirepartner.domain import (
    ApplicationStatus,
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
from hirepartner.services.metrics import MetricsService
from hirepartner.services.offers import latest_offer
from hirepartner.services.review import ReviewService, describe_event

LAST_UPDATE_KEY = "weekly_update_sent_at"


class UpdateService(Service):
    def __init__(
        self, database: Database, clock: Clock, metrics: MetricsService, review: ReviewService
    ) -> None:
        super().__init__(database, clock)
        self._metrics = metrics
        self._review = review

    def weekly_update(self, requisition_id: int, since: datetime | None = None) -> WeeklyUpdate:
        now = self._clock()
        since = since or now - timedelta(days=7)
        board = self._metrics.dashboard(requisition_id)
        with self._read() as uow:
            requisition = uow.session.get(Requisition, requisition_id)
            if requisition is None:
                raise ValidationError("requisition", f"there is no requisition {requisition_id}")
            me = uow.people.self_person()
            prepared_by = me.name if me else ""
            apps = uow.session.execute(
                select(Application.id, Candidate.full_name)
                .join(Candidate, Candidate.id == Application.candidate_id)
                .where(Application.requisition_id == requisition_id)
            ).all()
            names = dict(apps)
            decisions = uow.session.execute(
                select(Decision.application_id, Decision.at, Decision.outcome, Decision.rationale)
                .join(Application, Application.id == Decision.application_id)
                .where(Application.requisition_id == requisition_id, Decision.at >= since)
                .order_by(Decision.at)
            ).all()
            cards = uow.session.execute(
                select(
                    Scorecard.application_id,
                    Scorecard.interview_at,
                    Scorecard.status,
                    Person.name,
                    InterviewStage.name,
                )
                .join(Person, Person.id == Scorecard.interviewer_id)
                .join(InterviewStage, InterviewStage.id == Scorecard.stage_id)
                .join(Application, Application.id == Scorecard.application_id)
                .where(
                    Application.requisition_id == requisition_id,
                    Scorecard.status == ScorecardStatus.DRAFT.value,
                    Scorecard.interview_at.is_not(None),
                )
                .order_by(Scorecard.interview_at)
            ).all()
            stage_names = {stage.id: stage.name for stage in requisition.stages}
            events = uow.session.scalars(
                select(ApplicationEvent)
                .join(Application, Application.id == ApplicationEvent.application_id)
                .where(Application.requisition_id == requisition_id, ApplicationEvent.at >= since)
                .order_by(ApplicationEvent.at, ApplicationEvent.id)
            ).all()
            happened = [
                (event.at, event.application_id, describe_event(event, stage_names))
                for event in events
            ]
            sla = requisition.feedback_sla_hours
            title = f"{requisition.code} {requisition.title}"
        moved = sorted(
            (UpdateLine(at, names.get(app, "?"), text) for at, app, text in happened),
            key=lambda line: (line.at or now, line.candidate),
        )
        scheduled = [(app, at, who, stage) for app, at, _status, who, stage in cards if at]
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
        figures = (
            ("Feedback within the SLA", board.feedback.within_sla.label()),
            ("Time to feedback", board.feedback.hours.label("h")),
            ("In the pipeline", f"{board.active} open, {board.stalled} stalled for 14+ days"),
            ("Slate candidates past the first stage", board.slates_advanced.label()),
            ("Offers and hires", f"{board.offers} offers out, {board.hires} hired"),
        )
        meta = PacketMeta(
            PacketKind.UPDATE, "Weekly update", title, prepared_by, now, Redaction.NONE, ()
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
            figures=figures,
            goals=tuple((g.text, g.status, g.detail) for g in board.goals),
        )

    def success_summary(self, application_id: int) -> SuccessSummary:
        detail = self._review.application_detail(application_id)
        if detail.status != ApplicationStatus.HIRED.value:
            raise ValidationError("application", f"{detail.full_name} is not marked hired")
        hired_at = next((h.at for h in reversed(detail.history) if "hired" in h.text), None)
        with self._read() as uow:
            application = uow.session.get(Application, application_id)
            assert application is not None
            created = application.created_at
            offer = latest_offer(uow, application_id)
            accepted = offer if offer and offer.status == OfferStatus.ACCEPTED.value else None
            me = uow.people.self_person()
            prepared_by = me.name if me else ""
            evidence = uow.session.execute(
                select(Competency.name, Person.name, Rating.level, Rating.evidence)
                .join(Scorecard, Scorecard.id == Rating.scorecard_id)
                .join(Competency, Competency.id == Rating.competency_id)
                .join(Person, Person.id == Scorecard.interviewer_id)
                .where(
                    Scorecard.application_id == application_id,
                    Scorecard.status == ScorecardStatus.SUBMITTED.value,
                    Rating.level.is_not(None),
                )
                .order_by(Rating.level.desc(), Competency.weight.desc(), Competency.name)
            ).all()
        interviewers = tuple(sorted({who for _c, who, _l, _e in evidence}))
        winning = tuple((c, who, e) for c, who, _level, e in evidence if e.strip())[:5]
        board = self._metrics.dashboard(detail.requisition_id)
        hired = hired_at or self._clock()
        if accepted is not None and accepted.responded_on is not None:
            # Time to hire runs to the day the offer was accepted, as on the dashboard.
            days_to_hire: float | None = (accepted.responded_on - created.date()).days
        else:
            days_to_hire = (hired - created).total_seconds() / 86400 if hired_at else None
        meta = PacketMeta(
            PacketKind.SUCCESS, "Hire", detail.requisition, prepared_by, hired, Redaction.NONE, ()
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

    def send_due_updates(self, export: Any, every_days: int = 7) -> int:
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
            open_ids = list(
                uow.session.scalars(
                    select(Requisition.id).where(Requisition.status == RequisitionStatus.OPEN.value)
                )
            )
        if has_target is None:
            return 0
        from hirepartner.packets.build import build_pdf
        from hirepartner.packets.summary import summary_json

        for requisition_id in open_ids:
            update = self.weekly_update(requisition_id)
            pdf = build_pdf(update).content
            code = update.meta.requisition.split(" ")[0]
            export.send(
                update,
                f"{code} weekly update {now:%Y-%m-%d}.pdf",
                pdf,
                summary_json(update),
            )
        with self._uow() as uow:
            uow.session.merge(InstallSetting(key=LAST_UPDATE_KEY, value=now.isoformat()))
            uow.commit()
        return len(open_ids)
