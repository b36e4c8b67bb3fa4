"""The composition root: opens the database once and wires the services to it, for the CLI and
the GUI. Each service (and so its module, with what it imports: the exchange, packets, scoring)
is built on first use, so the first screen pays only for the services it shows."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from hirepartner.clock import Clock, utc_now
from hirepartner.config import DatabaseLocation
from hirepartner.data.database import Database
from hirepartner.database_key import DatabaseKey
from hirepartner.secrets import SecretStore

if TYPE_CHECKING:
    from hirepartner.demo.world import DemoSummary
    from hirepartner.services.audit import AuditService
    from hirepartner.services.calibration import CalibrationService
    from hirepartner.services.compare import CompareService
    from hirepartner.services.debrief import DebriefService
    from hirepartner.services.encryption import EncryptionService
    from hirepartner.services.export import ExportService
    from hirepartner.services.feedback import FeedbackService
    from hirepartner.services.goals import GoalService
    from hirepartner.services.imports import ImportService
    from hirepartner.services.intake import IntakeService
    from hirepartner.services.maintenance import MaintenanceService
    from hirepartner.services.metrics import MetricsService
    from hirepartner.services.offers import OfferService
    from hirepartner.services.people import PeopleService
    from hirepartner.services.pipeline import PipelineService
    from hirepartner.services.privacy import PrivacyService
    from hirepartner.services.profile import ProfileService
    from hirepartner.services.requisitions import RequisitionService
    from hirepartner.services.retention import RetentionService
    from hirepartner.services.review import ReviewService
    from hirepartner.services.scorecards import ScorecardService
    from hirepartner.services.slates import SlateService
    from hirepartner.services.subject_export import SubjectExportService
    from hirepartner.services.sync import SyncService
    from hirepartner.services.team import TeamService
    from hirepartner.services.updates import UpdateService

S = TypeVar("S")


class AppServices:
    """The database, the clock and every service; a service is built the first time it is
    asked for (from any thread; once)."""

    def __init__(self, database: Database, clock: Clock, secrets: SecretStore) -> None:
        self.database, self.clock, self.secrets = database, clock, secrets
        self._built: dict[str, object] = {}
        self._lock = threading.RLock()  # a service built from others asks for them inside

    def _one(self, name: str, build: Callable[[], S]) -> S:
        service = self._built.get(name)
        if service is None:
            with self._lock:
                service = self._built.get(name)
                if service is None:
                    service = self._built[name] = build()
        return service  # type: ignore[return-value]

    @property
    def requisitions(self) -> RequisitionService:
        from hirepartner.services.requisitions import RequisitionService

        return self._one("requisitions", lambda: RequisitionService(self.database, self.clock))

    @property
    def pipeline(self) -> PipelineService:
        from hirepartner.services.pipeline import PipelineService

        return self._one("pipeline", lambda: PipelineService(self.database, self.clock))

    @property
    def slates(self) -> SlateService:
        from hirepartner.services.slates import SlateService

        return self._one("slates", lambda: SlateService(self.database, self.clock))

    @property
    def maintenance(self) -> MaintenanceService:
        from hirepartner.services.maintenance import MaintenanceService

        return self._one("maintenance", lambda: MaintenanceService(self.database))

    @property
    def review(self) -> ReviewService:
        from hirepartner.services.review import ReviewService

        return self._one("review", lambda: ReviewService(self.database, self.clock))

    @property
    def profile(self) -> ProfileService:
        from hirepartner.services.profile import ProfileService

        return self._one("profile", lambda: ProfileService(self.database, self.clock))

    @property
    def people(self) -> PeopleService:
        from hirepartner.services.people import PeopleService

        return self._one("people", lambda: PeopleService(self.database, self.clock))

    @property
    def goals(self) -> GoalService:
        from hirepartner.services.goals import GoalService

        return self._one("goals", lambda: GoalService(self.database, self.clock))

    @property
    def scorecards(self) -> ScorecardService:
        from hirepartner.services.scorecards import ScorecardService

        return self._one("scorecards", lambda: ScorecardService(self.database, self.clock))

    @property
    def intake(self) -> IntakeService:
        from hirepartner.services.intake import IntakeService

        return self._one("intake", lambda: IntakeService(self.database, self.clock))

    @property
    def compare(self) -> CompareService:
        from hirepartner.services.compare import CompareService

        return self._one("compare", lambda: CompareService(self.database, self.clock))

    @property
    def debrief(self) -> DebriefService:
        from hirepartner.services.debrief import DebriefService

        return self._one(
            "debrief",
            lambda: DebriefService(self.database, self.clock),
        )

    @property
    def calibration(self) -> CalibrationService:
        from hirepartner.services.calibration import CalibrationService

        return self._one("calibration", lambda: CalibrationService(self.database, self.clock))

    @property
    def feedback(self) -> FeedbackService:
        from hirepartner.services.feedback import FeedbackService

        return self._one("feedback", lambda: FeedbackService(self.database, self.clock))

    @property
    def export(self) -> ExportService:
        from hirepartner.services.export import ExportService

        return self._one(
            "export",
            lambda: ExportService(self.database, self.clock),
        )

    @property
    def imports(self) -> ImportService:
        from hirepartner.services.imports import ImportService

        return self._one("imports", lambda: ImportService(self.database, self.clock))

    @property
    def sync(self) -> SyncService:
        from hirepartner.services.sync import SyncService

        return self._one("sync", lambda: SyncService(self.database, self.clock, self.secrets))

    @property
    def team(self) -> TeamService:
        from hirepartner.services.team import TeamService

        return self._one("team", lambda: TeamService(self.database, self.clock, self.secrets))

    @property
    def privacy(self) -> PrivacyService:
        from hirepartner.services.privacy import PrivacyService

        return self._one("privacy", lambda: PrivacyService(self.database, self.clock))

    @property
    def audit(self) -> AuditService:
        from hirepartner.services.audit import AuditService

        return self._one("audit", lambda: AuditService(self.database, self.clock))

    @property
    def retention(self) -> RetentionService:
        from hirepartner.services.retention import RetentionService

        return self._one("retention", lambda: RetentionService(self.database, self.clock))

    @property
    def subject_export(self) -> SubjectExportService:
        from hirepartner.services.subject_export import SubjectExportService

        return self._one("subject_export", lambda: SubjectExportService(self.database, self.clock))

    @property
    def metrics(self) -> MetricsService:
        from hirepartner.services.metrics import MetricsService

        return self._one("metrics", lambda: MetricsService(self.database, self.clock))

    @property
    def updates(self) -> UpdateService:
        from hirepartner.services.packet_outbox import queue_packet
        from hirepartner.services.updates import UpdateService

        return self._one(
            "updates", lambda: UpdateService(self.database, self.clock, sender=queue_packet)
        )

    @property
    def offers(self) -> OfferService:
        from hirepartner.services.offers import OfferService

        return self._one("offers", lambda: OfferService(self.database, self.clock))

    @property
    def encryption(self) -> EncryptionService:
        from hirepartner.services.encryption import EncryptionService

        return self._one("encryption", lambda: EncryptionService(self.database, self.clock))

    def fill_demo(self, candidates: int, seed: int) -> DemoSummary:
        from hirepartner.demo.world import build_demo_world  # only demos pay for its import

        return build_demo_world(self.database, candidates, seed, self.clock)

    def close(self) -> None:
        self.database.close()


def build_services(
    location: DatabaseLocation,
    clock: Clock = utc_now,
    secrets: SecretStore | None = None,
    key: DatabaseKey | None = None,
) -> AppServices:
    """Open (and if needed create and upgrade) the database; services follow on first use.

    `key` opens an encrypted database file (WrongKeyError when it does not)."""
    return AppServices(Database(location, key=key), clock, secrets or SecretStore())
