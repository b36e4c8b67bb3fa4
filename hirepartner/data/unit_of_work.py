"""A unit of work: one session and transaction per use case, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from hirepartner.data.repositories import (
    ApplicationRepository,
    AuditRepository,
    CandidateRepository,
    PersonRepository,
    RequisitionRepository,
    ReviewRepository,
)


class UnitOfWork:
    """`with uow: ...; uow.commit()`; leaving the block without commit rolls everything back."""

    session: Session

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self._session_factory()
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

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
