"""The demo world's rows drawn from one seed: the panel, the requisitions, and each
candidate with their application, history, offer, scorecards and resume."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    Candidate,
    CandidateTag,
    Offer,
    Person,
    Rating,
    Scorecard,
    Slate,
)
from hirepartner.demo import vocabulary as words
from hirepartner.demo.plans import PLANS
from hirepartner.demo.requisitions import RequisitionContext, add_requisition, slate_for
from hirepartner.demo.resumes import add_resume, ascii_slug
from hirepartner.demo.rows import DemoRows
from hirepartner.domain import ApplicationStatus, DeclineReason, RejectionReason
from hirepartner.wording import day

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


_AFTER_OFFER = {"extended": "offer", "accepted": "hired", "declined": "withdrawn"}
OFFERED_ABILITY = 3.4  # an offered candidate's weakest competency at least: the panel leans yes


def _sign(recommendation: str | None) -> str:
    """ "yes", "no" or "no_decision": which takeaways agree with the recommendation."""
    if recommendation in ("yes", "strong_yes"):
        return "yes"
    return "no" if recommendation in ("no", "strong_no") else "no_decision"


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
        self.tables = DemoRows.after(id_offsets)
        self.bias: dict[int, float] = {}
        self.has_self = has_self
        self.manager_id = self.recruiter_id = 0
        self.shares = shares
        # Offers draw from their own sequence, so the rest of the world is the same with them.
        self.offer_rng = random.Random(seed * 7919 + 12)
        self.offers_made = 0

    def build(self) -> DemoRows:
        people = self._people()
        contexts = [
            add_requisition(self.tables, self.rng, self.now, plan, people) for plan in PLANS
        ]
        shares = list(self.shares or [ctx.plan.share for ctx in contexts])
        for index in range(self.candidate_count):
            ctx = self.rng.choices(contexts, weights=shares)[0]
            self._candidate(index, ctx)
        self._name_slates_in_order()
        return self.tables

    def _name_slates_in_order(self) -> None:
        """Candidates are drawn in no order of date, so a requisition's third slate may have
        arrived first: slates are named by when they arrived (Slate 1 the earliest)."""
        by_requisition: dict[int, list[dict[str, Any]]] = {}
        for row in self.tables.rows.get(Slate, []):
            by_requisition.setdefault(row["requisition_id"], []).append(row)
        for rows in by_requisition.values():
            arrived = sorted(rows, key=lambda row: (row["presented_at"], row["id"]))
            for number, row in enumerate(arrived, 1):
                row["name"] = f"Slate {number}"

    def _people(self) -> list[int]:
        ids: list[int] = []
        for name, email, role, bias in PANEL:
            person_id = self.tables.next_id(Person)
            is_self = not ids and not self.has_self
            self.tables.add(
                Person, id=person_id, name=name, email=email, role=role, is_self=is_self
            )
            self.bias[person_id] = bias
            ids.append(person_id)
        self.manager_id, self.recruiter_id = ids[0], ids[1]
        return ids

    def _candidate(self, index: int, ctx: RequisitionContext) -> None:
        rng = self.rng
        if index < len(words.NAMES) or rng.random() < 0.12:
            name, latin = words.NAMES[index % len(words.NAMES)]
        else:
            name = latin = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
        email = f"{ascii_slug(latin).lower()}.{index}@example.com"
        company = rng.choice(words.COMPANIES)
        role = ctx.plan.title.split(",")[0].removeprefix("Senior ")
        title = rng.choice(("Senior ", "", "Staff ", "Lead ")) + role
        city = rng.choice(words.CITIES)
        candidate_id = self.tables.next_id(Candidate)
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
            links=[f"https://www.linkedin.com/in/{ascii_slug(latin).lower()}-{index}"],
            notes=rng.choice(("", "", "Prefers hybrid work.", "Notice period 3 months.")),
            created_at=created,
        )
        for tag in sorted(set(rng.sample(words.TAGS, rng.randint(0, 2)))):
            self.tables.add(CandidateTag, candidate_id=candidate_id, tag=tag)
        add_resume(
            self.tables, rng, self.now, candidate_id, latin, email, title, company, city, ctx.plan
        )
        status, reason, note = self._status(stage_index, len(ctx.stage_ids))
        step = self._offer_step(stage_index == len(ctx.stage_ids) - 1, status)
        app_id = self.tables.next_id(Application)
        self.tables.add(
            Application,
            id=app_id,
            candidate_id=candidate_id,
            requisition_id=ctx.requisition_id,
            slate_id=slate_for(self.tables, ctx, created, self.recruiter_id),
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
        if step:  # an offer goes to someone the panel leaned yes on: same profile, lifted
            lift = max(0.0, OFFERED_ABILITY - min(ability.values()))
            ability = {name: value + lift for name, value in ability.items()}
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
            id=self.tables.next_id(Offer),
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
                id=self.tables.next_id(ApplicationEvent),
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
        ctx: RequisitionContext,
        stage_index: int,
        created: datetime,
        entered: datetime,
        status: str,
    ) -> None:
        self.tables.add(
            ApplicationEvent,
            id=self.tables.next_id(ApplicationEvent),
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
                id=self.tables.next_id(ApplicationEvent),
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
                id=self.tables.next_id(ApplicationEvent),
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
        ctx: RequisitionContext,
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
        scorecard_id = self.tables.next_id(Scorecard)
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
            key_takeaways=rng.choice(words.TAKEAWAYS[_sign(recommendation)]) if submitted else "",
            private_notes=rng.choice(("", "", "Seemed tired; interview ran late.")),
            interview_at=interview_at,
            submitted_at=submitted_at,
            updated_at=submitted_at or interview_at,
            version=1,
        )
