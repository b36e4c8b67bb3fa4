"""The composition root: builds the database and the services once, for the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hirepartner.clock import Clock, utc_now
from hirepartner.config import DatabaseLocation
from hirepartner.data.database import Database
from hirepartner.secrets import SecretStore
from hirepartner.services.calibration import CalibrationService
from hirepartner.services.compare import CompareService
from hirepartner.services.debrief import DebriefService
from hirepartner.services.export import ExportService
from hirepartner.services.feedback import FeedbackService
from hirepartner.services.goals import GoalService
from hirepartner.services.imports import ImportService
from hirepartner.services.intake import IntakeService
from hirepartner.services.maintenance import MaintenanceService
from hirepartner.services.metrics import MetricsService
from hirepartner.services.offers import OfferService
from hirepartner.services.packet_outbox import queue_packet
from hirepartner.services.people import PeopleService
from hirepartner.services.pipeline import PipelineService
from hirepartner.services.privacy import PrivacyService
from hirepartner.services.profile import ProfileService
from hirepartner.services.requisitions import RequisitionService
from hirepartner.services.review import ReviewService
from hirepartner.services.scorecards import ScorecardService
from hirepartner.services.slates import SlateService
from hirepartner.services.sync import SyncService
from hirepartner.services.team import TeamService
from hirepartner.services.updates import UpdateService

if TYPE_CHECKING:
    from hirepartner.demo.world import DemoSummary


@dataclass(frozen=True)
class AppServices:
    database: Database
    requisitions: RequisitionService
    pipeline: PipelineService
    slates: SlateService
    maintenance: MaintenanceService
    review: ReviewService
    profile: ProfileService
    people: PeopleService
    goals: GoalService
    scorecards: ScorecardService
    intake: IntakeService
    compare: CompareService
    debrief: DebriefService
    calibration: CalibrationService
    feedback: FeedbackService
    export: ExportService
    imports: ImportService
    sync: SyncService
    team: TeamService
    privacy: PrivacyService
    metrics: MetricsService
    updates: UpdateService
    offers: OfferService
    clock: Clock

    def fill_demo(self, candidates: int, seed: int) -> DemoSummary:
        from hirepartner.demo.world import build_demo_world  # only demos pay for its import

        return build_demo_world(self.database, candidates, seed, self.clock)

    def close(self) -> None:
        self.database.close()


def build_services(
    location: DatabaseLocation, clock: Clock = utc_now, secrets: SecretStore | None = None
) -> AppServices:
    """Open (and if needed create and upgrade) the database, and wire the services to it."""
    database = Database(location)
    secrets = secrets or SecretStore()
    pipeline = PipelineService(database, clock)
    compare = CompareService(database, clock)
    review = ReviewService(database, clock)
    metrics = MetricsService(database, clock)
    return AppServices(
        database=database,
        requisitions=RequisitionService(database, clock),
        pipeline=pipeline,
        slates=SlateService(database, clock),
        maintenance=MaintenanceService(database),
        review=review,
        profile=ProfileService(database, clock),
        people=PeopleService(database, clock),
        goals=GoalService(database, clock),
        scorecards=ScorecardService(database, clock),
        intake=IntakeService(database, clock),
        compare=compare,
        debrief=DebriefService(database, clock),
        calibration=CalibrationService(database, clock),
        feedback=FeedbackService(database, clock),
        export=ExportService(database, clock),
        imports=ImportService(database, clock),
        sync=SyncService(database, clock, secrets),
        team=TeamService(database, clock, secrets),
        privacy=PrivacyService(database, clock),
        metrics=metrics,
        updates=UpdateService(database, clock, sender=queue_packet),
        offers=OfferService(database, clock),
        clock=clock,
    )
