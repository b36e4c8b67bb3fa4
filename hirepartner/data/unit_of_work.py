"""A unit of work: one session and transaction per use case, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from hirepartner.data.repositories import (
    ApplicationRepository,
    AuditRepository,
    CandidateRepository,
    PersonRepository,
    RequisitionRepository,
    ReviewRepository,
)
from hirepartner.errors import DatabaseBusyError, DatabaseReadOnlyError, HirePartnerError


def _sqlite_problem(error: BaseException, display: str) -> HirePartnerError | None:
    """The one-line error for SQLite's "locked" and "readonly" failures, else None."""
    if not isinstance(error, OperationalError):
        return None
    detail = str(error.orig)
    if "database is locked" in detail or "database is busy" in detail:
        return DatabaseBusyError()
    if "readonly database" in detail:
        return DatabaseReadOnlyError(display)
    return None


class UnitOfWork:
    """`with uow: ...; uow.commit()`; leaving the block without commit rolls everything back.

    A writing unit of work takes the database's write lock on entering (BEGIN IMMEDIATE on
    SQLite, waiting for another writer up to the busy timeout); a reading one takes none.
    """

    session: Session

    def __init__(
        self, session_factory: sessionmaker[Session], display: str = "", *, write: bool = True
    ) -> None:
        self._session_factory = session_factory
        self._display = display
        self.write = write

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        if self.write:
            try:
                self.session.connection()  # begins now: the lock is taken up front
            except OperationalError as error:
                self.session.close()
                problem = _sqlite_problem(error, self._display)
                if problem is None:
                    raise
                raise problem from error
        self.people = PersonRepository(self.session)
        self.requisitions = RequisitionRepository(self.session)
        self.candidates = CandidateRepository(self.session)
        self.applications = ApplicationRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.review = ReviewRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        problem = None if exc is None else _sqlite_problem(exc, self._display)
        # In a reading unit of work "readonly" means it tried to write: a bug, left loud.
        if problem is not None and (self.write or isinstance(problem, DatabaseBusyError)):
            raise problem from exc

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
