"""What every service shares: the database, the clock, who is acting, and the output guard."""

from __future__ import annotations

from hirepartner.clock import Clock, utc_now
from hirepartner.data.database import Database
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.output_guard import OutputGuard


class Service:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    @property
    def outputs(self) -> OutputGuard:
        """The guard for files the user names: never this database, its companions or backups."""
        return OutputGuard(self._database.location.path)

    def _uow(self) -> UnitOfWork:
        """A writing unit of work: it waits its turn for the write lock, then holds it."""
        return self._database.unit_of_work()

    def _read(self) -> UnitOfWork:
        """A reading unit of work: a snapshot that takes no lock and cannot write."""
        return self._database.unit_of_work(write=False)

    @staticmethod
    def _actor_id(uow: UnitOfWork) -> int | None:
        """The person using this install, to whom changes are attributed."""
        person = uow.people.self_person()
        return person.id if person else None
