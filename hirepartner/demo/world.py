"""Fill an empty database with a deterministic hiring world (same seed, same world).

Content (names, ratings, evidence, stages) depends only on the seed; dates are laid out
relative to now, so that "days in stage" and overdue feedback look alive whenever it runs.
Everything is written in one transaction: an interrupted run leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

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
from hirepartner.demo import vocabulary as words
from hirepartner.demo.plans import PLANS, RequisitionPlan
from hirepartner.demo.resume_pdf import resume_pdf
from hirepartner.domain import ApplicationStatus, DeclineReason, RejectionReason
from hirepartner.errors import HirePartnerError
from hirepartner.wording import day

SLATE_SIZE = 10
# (name, email, role, rating bias): a lenient and a severe rater among the panel.
PANEL = (
    ("Morgan Avery", "morgan.avery@example.com", "hiring_manager", 0.0),
    ("Riley Recruiter", "riley@example.com", "recruiter", 0.0),
    ("Sasha Petrenko", "sasha@example.com", "interviewer", 0.0),
    ("Jordan Blake", "jordan@example.com", "interviewer", 0.7),
    ("Kwame Asante", "kwame@example.com", "interviewer", -0.7),
    ("Mei Lin", "mei@example.com", "interviewer", 0.1),
    ("Pedro Alves", "pedro@example.com", "interviewer", -0.2),
    ("Hannah Schulz", "hannah@example.com", "interviewer", 0.3),
    ("Yusuf Demir", "yusuf@example.com", "interviewer", 0.0),
    ("Elena Marchetti", "elena@example.com", "interviewer", -0.1),
)


@dataclass(frozen=True)
class DemoSummary:
    requisitions: int
    candidates: int
    scorecards: int
    ratings: int


@dataclass
class _Tables:
    rows: dict[type, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, model: type, **values: Any) -> None:
        self.rows.setdefault(model, []).append(values)

    def count(self, model: type) -> int:
        return len(self.rows.get(model, []))


@dataclass
class _ReqContext:
    requisition_id: int
    plan: RequisitionPlan
    stage_ids: list[int]
    competency_ids: dict[str, int]
    stage_panels: list[list[int]]
    slate_ids: list[int] = field(default_factory=list)
    members: int = 0


_AFTER_OFFER = {"extended": "offer", "accepted": "hired", "declined": "withdrawn"}


def _ascii_slug(text: str) -> str:
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ".".join(part for part in "".join(c if c.isalnum() else " " for c in flat).split())


class DemoWorldBuilder:
    def __init__(
        self,
        candidates: int,
        seed: int,
        now: datetime,
        id_offsets: Mapping[type, int] | None = None,
        has_self: bool = False,
        shares: Sequence[float] | None = None,
    ) -> None:
        self.candidate_count = candidates
        self.rng = random.Random(seed)
        self.now = now
        self.tables = _Tables()
        self.ids: dict[type, int] = dict(id_offsets or {})
        self.bias: dict[int, float] = {}
        self.has_self = has_self
        self.manager_id = self.recruiter_id = 0
        self.shares = shares
        # Offers draw from their own sequence, so the rest of the world is the same with them.
        self.offer_rng = random.Random(seed * 7919 + 12)
        self.offers_made = 0

    def next_id(self, model: type) -> int:
        self.ids[model] = self.ids.get(model, 0) + 1
        return self.ids[model]

    def build(self) -> _Tables:
        people = self._people()
        contexts = [self._requisition(plan, people) for plan in PLANS]
        shares = list(self.shares or [ctx.plan.share for ctx in contexts])
        for index in range(self.candidate_count):
            ctx = self.rng.choices(contexts, weights=shares)[0]
            self._candidate(index, ctx)
        return self.tables

    def _people(self) -> list[int]:
        ids: list[int] = []
        for name, email, role, bias in PANEL:
            person_id = self.next_id(Person)
            is_self = not ids and not self.has_self
            self.tables.add(
                Person, id=person_id, name=name, email=email, role=role, is_self=is_self
            )
            self.bias[person_id] = bias
            ids.append(person_id)
        self.manager_id, self.recruiter_id = ids[0], ids[1]
        return ids

    def _requisition(self, plan: RequisitionPlan, people: list[int]) -> _ReqContext:
        req_id = self.next_id(Requisition)
        opened = self.now - timedelta(days=self.rng.randint(30, 75))
        self.tables.add(
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
        self.tables.add(
            RoleBriefVersion,
            id=self.next_id(RoleBriefVersion),
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
            comp_id = self.next_id(Competency)
            competency_ids[competency.name] = comp_id
            self.tables.add(
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
                self.tables.add(CompetencyAnchor, competency_id=comp_id, level=level, text=anchor)
        stage_ids, panels = [], []
        interviewers = people[2:]
        for position, stage in enumerate(plan.stages):
            stage_id = self.next_id(InterviewStage)
            stage_ids.append(stage_id)
            self.tables.add(
                InterviewStage,
                id=stage_id,
                requisition_id=req_id,
                name=stage.name,
                position=position,
                target_date=(opened + timedelta(days=14 * (position + 1))).date(),
            )
            panel = self.rng.sample(interviewers, stage.interviewers)
            if position == len(plan.stages) - 1:
                panel[0] = people[0]  # the hiring manager sits on the final panel
            panels.append(panel)
            for person_id in panel:
                self.tables.add(StageInterviewer, stage_id=stage_id, person_id=person_id)
            for name in stage.focus:
                self.tables.add(
                    StageFocusCompetency, stage_id=stage_id, competency_id=competency_ids[name]
                )
            for order, question in enumerate(stage.questions):
                self.tables.add(
                    StageQuestion,
                    id=self.next_id(StageQuestion),
                    stage_id=stage_id,
                    competency_id=competency_ids[stage.focus[0]] if stage.focus else None,
                    position=order,
                    text=question,
                )
        return _ReqContext(req_id, plan, stage_ids, competency_ids, panels)

    def _slate_for(self, ctx: _ReqContext, joined: datetime) -> int:
        if ctx.members % SLATE_SIZE == 0:
            slate_id = self.next_id(Slate)
            ctx.slate_ids.append(slate_id)
            self.tables.add(
                Slate,
                id=slate_id,
                requisition_id=ctx.requisition_id,
                name=f"Slate {len(ctx.slate_ids)}",
                recruiter_id=self.recruiter_id,
                presented_at=joined,
                feedback_rating=None,
                feedback_note="",
            )
        ctx.members += 1
        return ctx.slate_ids[-1]

    def _candidate(self, index: int, ctx: _ReqContext) -> None:
        rng = self.rng
        if index < len(words.NAMES) or rng.random() < 0.12:
            name, latin = words.NAMES[index % len(words.NAMES)]
        else:
            name = latin = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
        email = f"{_ascii_slug(latin).lower()}.{index}@example.com"
        company = rng.choice(words.COMPANIES)
        role = ctx.plan.title.split(",")[0].removeprefix("Senior ")
        title = rng.choice(("Senior ", "", "Staff ", "Lead ")) + role
        city = rng.choice(words.CITIES)
        candidate_id = self.next_id(Candidate)
        stage_index = rng.choices(range(len(ctx.stage_ids)), weights=(35, 25, 22, 18))[0]
        in_stage_days = rng.randint(0, 24)
        entered = self.now - timedelta(days=in_stage_days, hours=rng.randint(0, 20))
        created = entered - timedelta(days=stage_index * rng.randint(4, 9))
        self.tables.add(
            Candidate,
            id=candidate_id,
            full_name=name,
            email=email,
            phone=f"+49 30 {rng.randint(1000000, 9999999)}",
            location=city,
            current_title=title,
            current_company=company,
            links=[f"https://www.linkedin.com/in/{_ascii_slug(latin).lower()}-{index}"],
            notes=rng.choice(("", "", "Prefers hybrid work.", "Notice period 3 months.")),
            created_at=created,
        )
        for tag in sorted(set(rng.sample(words.TAGS, rng.randint(0, 2)))):
            self.tables.add(CandidateTag, candidate_id=candidate_id, tag=tag)
        self._resume(candidate_id, latin, email, title, company, city, ctx)
        status, reason, note = self._status(stage_index, len(ctx.stage_ids))
        step = self._offer_step(stage_index == len(ctx.stage_ids) - 1, status)
        app_id = self.next_id(Application)
        self.tables.add(
            Application,
            id=app_id,
            candidate_id=candidate_id,
            requisition_id=ctx.requisition_id,
            slate_id=self._slate_for(ctx, created),
            stage_id=ctx.stage_ids[stage_index],
            status=_AFTER_OFFER[step] if step else status,
            source=rng.choice(words.SOURCES),
            pitch=rng.choice(words.PITCHES)
            + "\nAvailable in "
            + rng.choice(("1 month", "2 months", "3 months"))
            + ".",
            rejection_reason=reason,
            rejection_note=note,
            entered_stage_at=entered,
            created_at=created,
        )
        self._history(app_id, ctx, stage_index, created, entered, "active" if step else status)
        if step:
            self._offer(app_id, entered, step)
        ability = {name: rng.gauss(2.7, 0.6) for name in ctx.competency_ids}
        for position in range(1, stage_index + 1):
            stage_start = created + (entered - created) * (position / max(stage_index, 1))
            finished = position < stage_index or status != ApplicationStatus.ACTIVE.value
            not_yet = position == stage_index and status == ApplicationStatus.ACTIVE.value
            if not_yet and rng.random() < 0.4:
                continue  # not interviewed at the current stage yet
            for interviewer in ctx.stage_panels[position]:
                self._scorecard(app_id, ctx, position, interviewer, stage_start, ability, finished)

    def _status(self, stage: int, stages: int) -> tuple[str, str | None, str]:
        roll = self.rng.random()
        if stage == stages - 1 and roll < 0.12:
            return (self.rng.choice(("offer", "hired")), None, "")
        if roll < 0.22:
            reason = self.rng.choice(list(RejectionReason))
            note = "Compensation expectations far above band." if reason == "compensation" else ""
            if reason is RejectionReason.OTHER:
                note = "Timing: cannot start this year."
            return ("rejected", reason.value, note)
        if roll < 0.27:
            return ("on_hold", None, "")
        if roll < 0.30:
            return ("withdrawn", None, "")
        return ("active", None, "")

    def _offer_step(self, at_last_stage: bool, status: str) -> str | None:
        """How far a candidate at the last stage got with an offer (an OfferStatus value)."""
        if not at_last_stage:
            return None
        if status in ("offer", "hired"):
            return "extended" if status == "offer" else "accepted"
        if status == "active" and self.offer_rng.random() < 0.6:
            # In turn, so that even a small world shows each state of an offer.
            self.offers_made += 1
            return ("accepted", "extended", "declined")[self.offers_made % 3]
        return None

    def _offer(self, app_id: int, entered: datetime, step: str) -> None:
        """The offer and its answer, with the application's status history to match."""
        rng = self.offer_rng
        made = min(self.now, entered + timedelta(days=1))
        answered = min(self.now, made + timedelta(days=rng.randint(1, 6)))
        extended_on = made.date()
        expires_on = extended_on + timedelta(days=14)
        values: dict[str, Any] = {
            "status": step,
            "responded_on": None,
            "start_on": None,
            "decline_reason": None,
            "decline_note": "",
        }
        events = [("active", "offer", made, f"offer made on {day(extended_on)}")]
        if step == "accepted":
            start = answered.date() + timedelta(days=rng.choice((14, 28, 42)))
            values |= {"responded_on": answered.date(), "start_on": start}
            events.append(("offer", "hired", answered, f"accepted the offer, starts {day(start)}"))
        elif step == "declined":
            reason = rng.choice(list(DeclineReason))
            note = "Wants to stay closer to family." if reason is DeclineReason.OTHER else ""
            values |= {"responded_on": answered.date(), "decline_reason": reason.value}
            values["decline_note"] = note
            events.append(("offer", "withdrawn", answered, f"declined the offer: {reason.label}"))
        self.tables.add(
            Offer,
            id=self.next_id(Offer),
            application_id=app_id,
            extended_on=extended_on,
            expires_on=expires_on,
            notes=rng.choice(("", "Top of the band; sign-on bonus agreed.", "Relocation paid.")),
            author_id=self.manager_id,
            created_at=made,
            **values,
        )
        for before, after, at, note in events:
            self.tables.add(
                ApplicationEvent,
                id=self.next_id(ApplicationEvent),
                application_id=app_id,
                at=at,
                kind="status",
                from_status=before,
                to_status=after,
                actor_id=self.manager_id,
                note=note,
            )

    def _history(
        self,
        app_id: int,
        ctx: _ReqContext,
        stage_index: int,
        created: datetime,
        entered: datetime,
        status: str,
    ) -> None:
        self.tables.add(
            ApplicationEvent,
            id=self.next_id(ApplicationEvent),
            application_id=app_id,
            at=created,
            kind="created",
            to_stage_id=ctx.stage_ids[0],
            to_status="active",
            actor_id=self.recruiter_id,
            note="",
        )
        for position in range(1, stage_index + 1):
            at = created + (entered - created) * (position / stage_index)
            self.tables.add(
                ApplicationEvent,
                id=self.next_id(ApplicationEvent),
                application_id=app_id,
                at=at,
                kind="stage",
                from_stage_id=ctx.stage_ids[position - 1],
                to_stage_id=ctx.stage_ids[position],
                actor_id=self.manager_id,
                note="",
            )
        if status != "active":
            self.tables.add(
                ApplicationEvent,
                id=self.next_id(ApplicationEvent),
                application_id=app_id,
                at=min(self.now, entered + timedelta(days=1)),
                kind="status",
                from_status="active",
                to_status=status,
                actor_id=self.manager_id,
                note="",
            )

    def _scorecard(
        self,
        app_id: int,
        ctx: _ReqContext,
        position: int,
        interviewer: int,
        stage_start: datetime,
        ability: dict[str, float],
        finished: bool,
    ) -> None:
        rng = self.rng
        interview_at = min(self.now - timedelta(hours=1), stage_start + timedelta(hours=30))
        due = interview_at + timedelta(hours=ctx.plan.sla_hours)
        submitted = finished or (due < self.now and rng.random() < 0.7) or rng.random() < 0.4
        scorecard_id = self.next_id(Scorecard)
        focus = ctx.plan.stages[position].focus
        levels: list[int] = []
        for name in focus:
            if not submitted and rng.random() < 0.5:
                continue  # a draft in progress
            drawn = round(ability[name] + self.bias[interviewer] + rng.gauss(0, 0.45))
            level: int | None = min(4, max(1, drawn))
            if rng.random() < 0.04:
                level = None
            else:
                levels.append(min(4, max(1, drawn)))
            self.tables.add(
                Rating,
                scorecard_id=scorecard_id,
                competency_id=ctx.competency_ids[name],
                level=level,
                evidence=rng.choice(words.EVIDENCE[level]) if level else "Not covered.",
            )
        recommendation = None
        if submitted:
            mean = sum(levels) / len(levels) if levels else 0
            recommendation = (
                "no_decision"
                if not levels or rng.random() < 0.05
                else ("strong_no", "no", "yes", "strong_yes")[min(3, max(0, round(mean) - 1))]
            )
        submitted_at = (
            min(self.now, interview_at + timedelta(hours=rng.uniform(2, ctx.plan.sla_hours * 1.4)))
            if submitted
            else None
        )
        self.tables.add(
            Scorecard,
            id=scorecard_id,
            application_id=app_id,
            stage_id=ctx.stage_ids[position],
            interviewer_id=interviewer,
            status="submitted" if submitted else "draft",
            recommendation=recommendation,
            key_takeaways=rng.choice(words.TAKEAWAYS) if submitted else "",
            private_notes=rng.choice(("", "", "Seemed tired; interview ran late.")),
            interview_at=interview_at,
            submitted_at=submitted_at,
            updated_at=submitted_at or interview_at,
            version=1,
        )

    def _resume(
        self,
        candidate_id: int,
        latin: str,
        email: str,
        title: str,
        company: str,
        city: str,
        ctx: _ReqContext,
    ) -> None:
        rng = self.rng
        years = rng.randint(3, 15)
        content = resume_pdf(
            latin,
            f"{title} at {company}  |  {city}  |  {email}",
            (
                ("Summary", (f"{years} years of experience. " + rng.choice(words.PITCHES),)),
                (
                    "Experience",
                    (
                        f"{title}, {company} ({2026 - min(years, 4)}-present)",
                        "  - " + rng.choice(words.EVIDENCE[4]),
                        "  - " + rng.choice(words.EVIDENCE[3]),
                        f"Engineer, {rng.choice(words.COMPANIES)} ({2026 - years}-{2026 - 4})",
                        "  - " + rng.choice(words.PITCHES),
                    ),
                ),
                ("Skills", (", ".join(ctx.plan.must_haves),)),
                ("Education", ("MSc Computer Science",)),
            ),
            document_title=f"Resume - {latin}",
        )
        self.tables.add(
            Resume,
            id=self.next_id(Resume),
            candidate_id=candidate_id,
            filename=f"{_ascii_slug(latin) or 'resume'}.pdf",
            media_type="application/pdf",
            size_bytes=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            added_at=self.now - timedelta(days=30),
        )


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
