"""The offer step after the last interview stage: make an offer, then record its answer
(accepted with a start date, or declined with a reason); each step audited and undoable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from hirepartner.data.models import Application, ApplicationEvent, Offer
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ApplicationStatus, DeclineReason, HistoryKind, OfferStatus
from hirepartner.errors import InvalidValue, NotFoundError
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes
from hirepartner.services.pipeline import record_status_change
from hirepartner.wording import day

# Where an application may receive an offer from; it goes to OFFER, then HIRED (accepted) or
# WITHDRAWN (declined: the candidate ended the process, which is not our rejection and has no
# rejection reason, so the rejection figures stay about the brief).
_OFFERABLE = (ApplicationStatus.ACTIVE.value, ApplicationStatus.ON_HOLD.value)


@dataclass(frozen=True)
class OfferInfo:
    id: int
    application_id: int
    candidate: str
    status: str  # OfferStatus value
    extended_on: date
    expires_on: date | None
    notes: str
    responded_on: date | None
    start_on: date | None
    decline_reason: str | None  # DeclineReason value
    decline_note: str
    created_at: datetime

    @property
    def changes(self) -> Changes:
        """What a write that returned this changed: the offer's application."""
        return Changes.of_applications([self.application_id])

    @property
    def is_open(self) -> bool:
        return self.status == OfferStatus.EXTENDED.value

    @property
    def summary(self) -> str:
        """Its state in one line: "Extended on 2 Nov 2026, expires 16 Nov 2026"."""
        if self.status == OfferStatus.ACCEPTED.value:
            return f"Accepted on {day(self.responded_on)}, starts {day(self.start_on)}"
        if self.status == OfferStatus.DECLINED.value:
            reason = DeclineReason(self.decline_reason).label if self.decline_reason else ""
            text = f"Declined on {day(self.responded_on)}: {reason}"
            return f"{text} ({self.decline_note})" if self.decline_note else text
        text = f"Extended on {day(self.extended_on)}"
        return f"{text}, expires {day(self.expires_on)}" if self.expires_on else text


def offer_info(offer: Offer, candidate: str) -> OfferInfo:
    """The offer as a value, for the candidate named."""
    return OfferInfo(
        id=offer.id,
        application_id=offer.application_id,
        candidate=candidate,
        status=offer.status,
        extended_on=offer.extended_on,
        expires_on=offer.expires_on,
        notes=offer.notes,
        responded_on=offer.responded_on,
        start_on=offer.start_on,
        decline_reason=offer.decline_reason,
        decline_note=offer.decline_note,
        created_at=offer.created_at,
    )


def latest_offer(uow: UnitOfWork, application_id: int) -> OfferInfo | None:
    """The newest offer made on an application, whatever its state (a read for any view)."""
    offer = uow.session.scalars(
        select(Offer).where(Offer.application_id == application_id).order_by(Offer.id.desc())
    ).first()
    if offer is None:
        return None
    return offer_info(offer, uow.applications.get(application_id).candidate.full_name)


class OfferService(Service):
    def current_offer(self, application_id: int) -> OfferInfo | None:
        """The newest offer on the application (extended, accepted or declined), or None."""
        with self._read() as uow:
            uow.applications.get(application_id)
            return latest_offer(uow, application_id)

    def make_offer(
        self,
        application_id: int,
        extended_on: date,
        expires_on: date | None = None,
        notes: str = "",
    ) -> OfferInfo:
        """Make an offer to a candidate at the requisition's last interview stage."""
        if expires_on is not None and expires_on < extended_on:
            raise InvalidValue(
                "expiry date",
                f"The expiry date ({day(expires_on)}) is before the offer date "
                f"({day(extended_on)}); choose a later expiry date.",
            )
        now = self._clock()
        with self._uow() as uow:
            application = uow.applications.get(application_id)
            name = application.candidate.full_name
            open_offer = self._open_offer(uow, application_id)
            if open_offer is not None or application.status == ApplicationStatus.OFFER.value:
                since = f" (made on {day(open_offer.extended_on)})" if open_offer else ""
                raise InvalidValue(
                    "offer",
                    f"{name} already has an open offer{since}; record their answer "
                    "before making another.",
                )
            if application.status not in _OFFERABLE:
                raise InvalidValue(
                    "status",
                    f"{name}'s application is {application.status.replace('_', ' ')}; "
                    "reopen it before making an offer.",
                )
            last = uow.requisitions.get(application.requisition_id).stages[-1]
            if application.stage_id != last.id:
                raise InvalidValue(
                    "stage",
                    f"Move {name} to the last interview stage ({last.name}) before making "
                    "an offer.",
                )
            offer = Offer(
                application_id=application_id,
                status=OfferStatus.EXTENDED.value,
                extended_on=extended_on,
                expires_on=expires_on,
                notes=notes.strip(),
                decline_note="",
                author_id=self._actor_id(uow),
                created_at=now,
            )
            uow.session.add(offer)
            uow.session.flush()
            previous = application.status
            application.status = ApplicationStatus.OFFER.value
            expiry = f", expires {day(expires_on)}" if expires_on else ""
            note = f"offer made on {day(extended_on)}{expiry}"
            record_status_change(uow, application, previous, note, now)
            self._audit(uow, "make", offer, now, {"from_status": previous})
            uow.commit()
            return offer_info(offer, name)

    def accept_offer(
        self, application_id: int, start_on: date | None, responded_on: date | None = None
    ) -> OfferInfo:
        """The candidate accepted the open offer: they start on `start_on` and are hired."""
        if start_on is None:
            raise InvalidValue("start date", "Choose a start date for the accepted offer.")
        now = self._clock()
        responded_on = responded_on or now.date()
        with self._uow() as uow:
            application, offer = self._answerable(uow, application_id, responded_on, "accept")
            if start_on < responded_on:
                raise InvalidValue(
                    "start date",
                    f"The start date ({day(start_on)}) is before the offer was accepted "
                    f"({day(responded_on)}); choose a later start date.",
                )
            offer.status = OfferStatus.ACCEPTED.value
            offer.responded_on = responded_on
            offer.start_on = start_on
            previous = application.status
            application.status = ApplicationStatus.HIRED.value
            note = f"accepted the offer, starts {day(start_on)}"
            record_status_change(uow, application, previous, note, now)
            self._audit(uow, "accept", offer, now, {"start_on": start_on.isoformat()})
            uow.commit()
            return offer_info(offer, application.candidate.full_name)

    def decline_offer(
        self,
        application_id: int,
        reason: DeclineReason | str,
        note: str = "",
        responded_on: date | None = None,
    ) -> OfferInfo:
        """The candidate declined the open offer, for a structured reason; their application
        is withdrawn (their choice, not a rejection)."""
        try:
            structured = DeclineReason(reason)
        except ValueError:
            raise InvalidValue("reason", "Choose why the offer was declined.") from None
        note = note.strip()
        now = self._clock()
        responded_on = responded_on or now.date()
        with self._uow() as uow:
            application, offer = self._answerable(uow, application_id, responded_on, "decline")
            if structured is DeclineReason.OTHER and not note:
                raise InvalidValue(
                    "note",
                    f"Say in the note why {application.candidate.full_name} declined "
                    "(the reason is Other).",
                )
            offer.status = OfferStatus.DECLINED.value
            offer.responded_on = responded_on
            offer.decline_reason = structured.value
            offer.decline_note = note
            previous = application.status
            application.status = ApplicationStatus.WITHDRAWN.value
            history = f"declined the offer: {structured.label}"
            record_status_change(uow, application, previous, history, now)
            self._audit(uow, "decline", offer, now, {"reason": structured.value})
            uow.commit()
            return offer_info(offer, application.candidate.full_name)

    # Undo ----------------------------------------------------------------------------------------

    def retract_offer(self, offer_id: int) -> None:
        """Undo of making an offer: the offer goes, the application returns to the status it
        had before the offer (active or on hold)."""
        now = self._clock()
        with self._uow() as uow:
            offer = self._offer(uow, offer_id)
            application = uow.applications.get(offer.application_id)
            if offer.status != OfferStatus.EXTENDED.value:
                raise InvalidValue(
                    "offer",
                    f"The offer to {application.candidate.full_name} was already answered; "
                    "undo the answer first.",
                )
            before = self._status_before_offer(uow, application.id)
            self._audit(uow, "retract", offer, now, {"to_status": before})
            uow.session.delete(offer)
            if application.status == ApplicationStatus.OFFER.value:
                application.status = before
                record_status_change(
                    uow, application, ApplicationStatus.OFFER.value, "offer undone", now
                )
            uow.commit()

    def reopen_offer(self, offer_id: int) -> OfferInfo:
        """Undo of an answer (accepted or declined): the offer is open again and the
        application is back at the offer step."""
        now = self._clock()
        with self._uow() as uow:
            offer = self._offer(uow, offer_id)
            application = uow.applications.get(offer.application_id)
            answer = offer.status
            if answer == OfferStatus.EXTENDED.value:
                return offer_info(offer, application.candidate.full_name)
            offer.status = OfferStatus.EXTENDED.value
            offer.responded_on = offer.start_on = offer.decline_reason = None
            offer.decline_note = ""
            previous = application.status
            if previous != ApplicationStatus.OFFER.value:
                application.status = ApplicationStatus.OFFER.value
                record_status_change(uow, application, previous, f"{answer} offer undone", now)
            self._audit(uow, "reopen", offer, now, {"from": answer})
            uow.commit()
            return offer_info(offer, application.candidate.full_name)

    # Shared --------------------------------------------------------------------------------------

    @staticmethod
    def _open_offer(uow: UnitOfWork, application_id: int) -> Offer | None:
        return uow.session.scalars(
            select(Offer).where(
                Offer.application_id == application_id,
                Offer.status == OfferStatus.EXTENDED.value,
            )
        ).first()

    @staticmethod
    def _offer(uow: UnitOfWork, offer_id: int) -> Offer:
        offer = uow.session.get(Offer, offer_id)
        if offer is None:
            raise NotFoundError("offer", offer_id)
        return offer

    def _answerable(
        self, uow: UnitOfWork, application_id: int, responded_on: date, verb: str
    ) -> tuple[Application, Offer]:
        application = uow.applications.get(application_id)
        name = application.candidate.full_name
        offer = self._open_offer(uow, application_id)
        if offer is None or application.status != ApplicationStatus.OFFER.value:
            raise InvalidValue(
                "offer", f"There is no open offer to {name} to {verb}; make an offer first."
            )
        if responded_on < offer.extended_on:
            raise InvalidValue(
                "answer date",
                f"The answer date ({day(responded_on)}) is before the offer was made "
                f"({day(offer.extended_on)}); choose a later date.",
            )
        return application, offer

    @staticmethod
    def _status_before_offer(uow: UnitOfWork, application_id: int) -> str:
        """What the application was before its latest move to the offer step."""
        previous = uow.session.scalars(
            select(ApplicationEvent.from_status)
            .where(
                ApplicationEvent.application_id == application_id,
                ApplicationEvent.kind == HistoryKind.STATUS.value,
                ApplicationEvent.to_status == ApplicationStatus.OFFER.value,
            )
            .order_by(ApplicationEvent.at.desc(), ApplicationEvent.id.desc())
        ).first()
        return previous if previous in _OFFERABLE else ApplicationStatus.ACTIVE.value

    def _audit(
        self, uow: UnitOfWork, action: str, offer: Offer, now: datetime, detail: dict[str, str]
    ) -> None:
        full = {"application": offer.application_id, **detail}
        uow.audit.record(now, self._actor_id(uow), f"{action}_offer", "offer", offer.id, full)
