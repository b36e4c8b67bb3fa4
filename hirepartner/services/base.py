"""What every service shares: the database, the clock, and who is acting."""

from __future__ import annotations

from hirepartner.clock import Clock, utc_now
from hirepartner.data.database import Database
from hirepartner.data.unit_of_work import UnitOfWork


class Service:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    def _uow(self) -> UnitOfWork:
        return self._database.unit_of_work()

    @staticmethod
    def _actor_id(uow: UnitOfWork) -> int | None:
        """The person using this install, to whom changes are attributed."""
        person = uow.people.self_person()
        return person.id if person else None
