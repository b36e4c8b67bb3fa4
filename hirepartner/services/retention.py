"""Retention: candidates who were not hired are anonymised N months after their last
application closed (the install's policy, or a requisition's own), unless they consented to
be kept until a later day. An application closes when it is rejected or withdrawn, or, while
still open, when its requisition is filled or cancelled. The plan lists who is due; applying
it anonymises only those the user saw (and who are still due), in one unit of work, and
audits the run."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from sqlalchemy import func, select

from hirepartner.data.models import Application, ApplicationEvent, Candidate, Requisition
from hirepartner.data.models.exchange import InstallSetting
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ApplicationStatus
from hirepartner.errors import ValidationError
from hirepartner.services.anonymise import anonymise_candidate
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes

MONTHS_KEY = "retention_months"
UNATTENDED_KEY = "retention_unattended"
CLOSED = (ApplicationStatus.REJECTED.value, ApplicationStatus.WITHDRAWN.value)
HIRED = ApplicationStatus.HIRED.value
MAX_MONTHS = 240


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day
    (31 January + 1 month = 28 or 29 February)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class RetentionPolicy:
    months: int | None  # None: no policy, nothing is anonymised (unless a requisition says)
    unattended: bool  # run without asking (an administrator's choice)
    overrides: tuple[tuple[int, str, int], ...]  # (requisition id, code, months)


@dataclass(frozen=True)
class DueCandidate:
    candidate_id: int
    name: str
    closed_on: date  # their last application closed that day
    due_on: date  # and the policy lets them be kept until the day before this one


@dataclass(frozen=True)
class RetentionPlan:
    today: date
    due: tuple[DueCandidate, ...]
    kept_by_consent: int  # due, but kept: they consented until a later day

    @property
    def empty(self) -> bool:
        return not self.due


@dataclass(frozen=True)
class ConsentChange:
    keep_until: date | None  # None: no consent on record
    changed: bool  # False when this was already what the record said

    @property
    def text(self) -> str:
        if not self.changed:
            return "Consent to keep unchanged."
        if self.keep_until is None:
            return "Consent to keep withdrawn."
        return f"Consent to keep recorded until {self.keep_until:%d %b %Y}."


@dataclass(frozen=True)
class RetentionRun:
    anonymised: tuple[int, ...]
    changes: Changes


def _setting(uow: UnitOfWork, key: str) -> str | None:
    found = uow.session.get(InstallSetting, key)
    return found.value if found else None


def _store(uow: UnitOfWork, key: str, value: str | None) -> None:
    found = uow.session.get(InstallSetting, key)
    if value is None:
        if found is not None:
            uow.session.delete(found)
    elif found is None:
        uow.session.add(InstallSetting(key=key, value=value))
    else:
        found.value = value


def _check_months(months: int | None) -> None:
    if months is not None and not 1 <= months <= MAX_MONTHS:
        raise ValidationError("months", f"Choose a retention period of 1 to {MAX_MONTHS} months.")


def _policy(uow: UnitOfWork) -> RetentionPolicy:
    months = _setting(uow, MONTHS_KEY)
    overrides = uow.session.execute(
        select(Requisition.id, Requisition.code, Requisition.retention_months)
        .where(Requisition.retention_months.is_not(None))
        .order_by(Requisition.code)
    ).all()
    return RetentionPolicy(
        int(months) if months else None,
        _setting(uow, UNATTENDED_KEY) == "1",
        tuple((ident, code, int(n or 0)) for ident, code, n in overrides),
    )


def retention_plan(uow: UnitOfWork, today: date) -> RetentionPlan:
    """Who is due for anonymising on `today`, in one snapshot."""
    policy = _policy(uow)
    closed_at = (
        select(
            ApplicationEvent.application_id,
            func.max(ApplicationEvent.at).label("at"),
        )
        .join(Application, Application.id == ApplicationEvent.application_id)
        .where(ApplicationEvent.to_status == Application.status)
        .group_by(ApplicationEvent.application_id)
        .subquery()
    )
    rows = uow.session.execute(
        select(
            Candidate.id,
            Candidate.full_name,
            Candidate.keep_until,
            Application.status,
            func.coalesce(closed_at.c.at, Application.entered_stage_at),
            Requisition.retention_months,
            Requisition.closed_on,
        )
        .join(Application, Application.candidate_id == Candidate.id)
        .join(Requisition, Requisition.id == Application.requisition_id)
        .outerjoin(closed_at, closed_at.c.application_id == Application.id)
        .where(Candidate.anonymised_at.is_(None))
    ).all()
    # Per candidate, each application's close day (None: still open, or hired) and period.
    by_candidate: dict[int, list[tuple[date | None, int | None]]] = defaultdict(list)
    names: dict[int, tuple[str, date | None]] = {}
    for ident, name, keep_until, status, closed, months, requisition_closed in rows:
        closed_on: date | None = closed.date() if hasattr(closed, "date") else closed
        if status == HIRED:
            closed_on = None  # a hired candidate is never due
        elif status not in CLOSED:
            closed_on = requisition_closed  # open on a requisition filled or cancelled then
        by_candidate[ident].append((closed_on, months))
        names[ident] = (name, keep_until)
    due: list[DueCandidate] = []
    kept = 0
    for ident, applications in by_candidate.items():
        closed = [(on, months) for on, months in applications if on is not None]
        if len(closed) < len(applications):
            continue  # still in process, on hold or offered on an open requisition, or hired
        dues = []
        for closed_on, months in closed:
            period = months if months is not None else policy.months
            if period is None:
                break
            dues.append(add_months(closed_on, period))
        else:
            due_on = max(dues)
            if due_on > today:
                continue
            name, keep_until = names[ident]
            if keep_until is not None and keep_until >= today:
                kept += 1
                continue
            last_closed = max(on for on, _m in closed)
            due.append(DueCandidate(ident, name, last_closed, due_on))
    due.sort(key=lambda d: (d.due_on, d.name.casefold(), d.candidate_id))
    return RetentionPlan(today, tuple(due), kept)


class RetentionService(Service):
    def policy(self) -> RetentionPolicy:
        with self._read() as uow:
            return _policy(uow)

    def set_months(self, months: int | None) -> RetentionPolicy:
        """The install's policy: anonymise `months` after the last application closed; None
        turns it off (requisitions' own periods still apply)."""
        _check_months(months)
        return self._save(MONTHS_KEY, None if months is None else str(months), months)

    def set_unattended(self, unattended: bool) -> RetentionPolicy:
        """Run retention without asking first (for administrators who choose that)."""
        return self._save(UNATTENDED_KEY, "1" if unattended else None, unattended)

    def _save(self, key: str, value: str | None, shown: object) -> RetentionPolicy:
        now = self._clock()
        with self._uow() as uow:
            _store(uow, key, value)
            uow.audit.record(
                now, self._actor_id(uow), "set_retention", "database", None, {key: shown}
            )
            uow.session.flush()
            policy = _policy(uow)
            uow.commit()
        return policy

    def save_policy(
        self,
        months: int | None,
        unattended: bool,
        overrides: Mapping[int, int | None] = MappingProxyType({}),
    ) -> RetentionPolicy:
        """The privacy settings in one unit of work: the install's period (None: off), running
        without asking, and requisitions' own periods (None: the install's). Each change that
        differs from what is stored is audited; nothing is recorded when nothing changed."""
        _check_months(months)
        for period in overrides.values():
            _check_months(period)
        now = self._clock()
        with self._uow() as uow:
            before = _policy(uow)
            actor = self._actor_id(uow)
            if months != before.months:
                _store(uow, MONTHS_KEY, None if months is None else str(months))
                detail: dict[str, object] = {MONTHS_KEY: months}
                uow.audit.record(now, actor, "set_retention", "database", None, detail)
            if unattended != before.unattended:
                _store(uow, UNATTENDED_KEY, "1" if unattended else None)
                detail = {UNATTENDED_KEY: unattended}
                uow.audit.record(now, actor, "set_retention", "database", None, detail)
            for requisition_id, period in sorted(overrides.items()):
                requisition = uow.requisitions.get(requisition_id)
                if requisition.retention_months != period:
                    requisition.retention_months = period
                    uow.audit.record(
                        now,
                        actor,
                        "set_retention",
                        "requisition",
                        requisition_id,
                        {"months": period},
                    )
            uow.session.flush()
            policy = _policy(uow)
            uow.commit()
        return policy

    def set_requisition_months(self, requisition_id: int, months: int | None) -> None:
        _check_months(months)
        now = self._clock()
        with self._uow() as uow:
            requisition = uow.requisitions.get(requisition_id)
            requisition.retention_months = months
            uow.audit.record(
                now,
                self._actor_id(uow),
                "set_retention",
                "requisition",
                requisition_id,
                {"months": months},
            )
            uow.commit()

    def set_consent(self, candidate_id: int, keep_until: date | None) -> ConsentChange:
        """The candidate agreed to be kept until `keep_until` (None: no consent). Saying again
        what is already recorded changes nothing and leaves no audit event."""
        now = self._clock()
        if keep_until is not None and keep_until <= now.date():
            raise ValidationError("keep_until", "Choose a day after today for the consent.")
        with self._uow() as uow:
            candidate = uow.candidates.get(candidate_id)
            if candidate.keep_until == keep_until:
                return ConsentChange(keep_until, changed=False)
            candidate.keep_until = keep_until
            uow.audit.record(
                now,
                self._actor_id(uow),
                "consent_to_keep",
                "candidate",
                candidate_id,
                {"until": keep_until.isoformat() if keep_until else "withdrawn"},
            )
            uow.commit()
        return ConsentChange(keep_until, changed=True)

    def consent(self, candidate_id: int) -> date | None:
        with self._read() as uow:
            return uow.candidates.get(candidate_id).keep_until

    def plan(self) -> RetentionPlan:
        with self._read() as uow:
            return retention_plan(uow, self._clock().date())

    def apply(self, candidate_ids: tuple[int, ...] | None = None) -> RetentionRun:
        """Anonymise who is due now and among `candidate_ids` (what the user was shown; None:
        everyone due, for unattended runs and `--apply`). One audited run."""
        now = self._clock()
        with self._uow() as uow:
            plan = retention_plan(uow, now.date())
            chosen = [
                d.candidate_id
                for d in plan.due
                if candidate_ids is None or d.candidate_id in candidate_ids
            ]
            if not chosen:
                return RetentionRun((), Changes(frozenset()))
            actor = self._actor_id(uow)
            for ident in chosen:
                anonymise_candidate(uow.session, ident, now)
                uow.audit.record(now, actor, "anonymise", "candidate", ident, {})
            uow.audit.record(
                now,
                actor,
                "retention_run",
                "database",
                None,
                {"anonymised": len(chosen), "due": len(plan.due)},
            )
            uow.commit()
        return RetentionRun(tuple(chosen), Changes.everything())
