"""The people the user hires with: add, edit, retire and reinstate interviewers and recruiters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from hirepartner.data.models import Person, Scorecard
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import Role
from hirepartner.errors import InvalidValue
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    email: str | None
    role: str
    is_self: bool
    retired_at: datetime | None
    scorecards: int  # scorecards they wrote, kept when they retire

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    @property
    def changes(self) -> Changes:
        """What a write that returned this changed: names show on panels, scorecards, packets."""
        return Changes.everything()


def roster(uow: UnitOfWork) -> tuple[PersonRow, ...]:
    """Everyone, by name, retired or not: a read shared by the people list and the intake."""
    counts = dict(
        uow.session.execute(
            select(Scorecard.interviewer_id, func.count()).group_by(Scorecard.interviewer_id)
        ).all()
    )
    return tuple(_row(person, int(counts.get(person.id, 0))) for person in uow.people.all())


def _row(person: Person, scorecards: int) -> PersonRow:
    return PersonRow(
        person.id,
        person.name,
        person.email,
        person.role,
        person.is_self,
        person.retired_at,
        scorecards,
    )


def _clean(name: str, email: str, role: str) -> tuple[str, str, str]:
    name, email = " ".join(name.split()), email.strip()
    if not name:
        raise InvalidValue("name", "Give the person's name.")
    if not email:
        raise InvalidValue("email", f"Give {name}'s email address.")
    if not _EMAIL.match(email):
        raise InvalidValue("email", f"“{email}” is not an email address.")
    try:
        role = Role(role).value
    except ValueError:
        raise InvalidValue("role", f"Choose a role for {name}.") from None
    return name, email, role


def _check_unique(uow: UnitOfWork, email: str, person_id: int | None) -> None:
    query = select(Person.id).where(func.lower(Person.email) == email.lower())
    if person_id is not None:
        query = query.where(Person.id != person_id)
    if uow.session.scalar(query) is not None:
        raise InvalidValue("email", f"Someone else already uses {email}.")


class PeopleService(Service):
    def people(self) -> tuple[PersonRow, ...]:
        with self._read() as uow:
            return roster(uow)

    def add(self, name: str, email: str, role: str) -> PersonRow:
        name, email, role = _clean(name, email, role)
        now = self._clock()
        with self._uow() as uow:
            _check_unique(uow, email, None)
            person = Person(name=name, email=email, role=role, is_self=False)
            uow.people.add(person)
            uow.audit.record(now, self._actor_id(uow), "add_person", "person", person.id)
            uow.commit()
            return _row(person, 0)

    def edit(self, person_id: int, name: str, email: str, role: str) -> PersonRow:
        name, email, role = _clean(name, email, role)
        now = self._clock()
        with self._uow() as uow:
            person = uow.people.get(person_id)
            _check_unique(uow, email, person_id)
            person.name, person.email, person.role = name, email, role
            uow.audit.record(now, self._actor_id(uow), "edit_person", "person", person.id)
            uow.commit()
            return self._one(uow, person)

    def retire(self, person_id: int) -> PersonRow:
        """No longer offered for new interviews; their scorecards and past panels stay."""
        now = self._clock()
        with self._uow() as uow:
            person = uow.people.get(person_id)
            if person.is_self:
                raise InvalidValue(
                    "person", "You cannot retire yourself; change your profile instead."
                )
            if person.retired_at is None:
                person.retired_at = now
                uow.audit.record(now, self._actor_id(uow), "retire_person", "person", person.id)
                uow.commit()
            return self._one(uow, person)

    def reinstate(self, person_id: int) -> PersonRow:
        now = self._clock()
        with self._uow() as uow:
            person = uow.people.get(person_id)
            if person.retired_at is not None:
                person.retired_at = None
                uow.audit.record(now, self._actor_id(uow), "reinstate_person", "person", person.id)
                uow.commit()
            return self._one(uow, person)

    @staticmethod
    def _one(uow: UnitOfWork, person: Person) -> PersonRow:
        count = uow.session.scalar(
            select(func.count()).where(Scorecard.interviewer_id == person.id)
        )
        return _row(person, int(count or 0))
