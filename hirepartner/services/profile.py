"""Who is using this install: their name, email and role, to whom changes are attributed."""

from __future__ import annotations

from dataclasses import dataclass

from hirepartner.data.models import Person
from hirepartner.domain import Role
from hirepartner.errors import ValidationError
from hirepartner.services.base import Service


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    email: str | None
    role: str


class ProfileService(Service):
    def current(self) -> PersonInfo | None:
        with self._read() as uow:
            person = uow.people.self_person()
            return PersonInfo(person.id, person.name, person.email, person.role) if person else None

    def set_current(self, name: str, email: str, role: str) -> PersonInfo:
        """Say who I am: updates my profile, or adopts a colleague's entry with that email."""
        name, email = name.strip(), email.strip()
        if not name:
            raise ValidationError("name", "please give your name")
        if "@" not in email:
            raise ValidationError("email", f"{email!r} is not an email address")
        try:
            role = Role(role).value
        except ValueError:
            raise ValidationError("role", f"{role!r} is not a role") from None
        now = self._clock()
        with self._uow() as uow:
            previous = uow.people.self_person()
            person = uow.people.by_email(email) or previous
            if person is None:
                person = Person(name=name, email=email, role=role, is_self=True)
                uow.people.add(person)
            if previous is not None and previous is not person:
                previous.is_self = False
            person.name, person.email, person.role, person.is_self = name, email, role, True
            uow.session.flush()
            uow.audit.record(now, person.id, "set_profile", "person", person.id)
            uow.commit()
            return PersonInfo(person.id, person.name, person.email, person.role)

    def is_empty(self) -> bool:
        """True on first run: nobody has said who they are and there are no requisitions."""
        with self._read() as uow:
            return uow.people.self_person() is None and not uow.requisitions.all()
