"""Interviewer calibration: how each rates against the panel, and how far the panel agrees,
per competency and overall, each figure with its n and the usual interpretation band."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from sqlalchemy import select

from hirepartner.data.models import Application, Competency, Person, Rating, Scorecard
from hirepartner.domain import Recommendation, ScorecardStatus
from hirepartner.scoring.agreement import (
    Alpha,
    Icc,
    alpha_band,
    icc2,
    icc_band,
    krippendorff_alpha_ordinal,
)
from hirepartner.scoring.calibration import Leniency, RatingRecord, leniency, share
from hirepartner.services.base import Service
from hirepartner.services.views.requisitions import RequisitionRef
from hirepartner.services.views.scorecards import blind_applications

ALL = "All competencies"


@dataclass(frozen=True)
class RaterCalibration:
    leniency: Leniency
    recommendations: int
    no_decision_share: float | None


@dataclass(frozen=True)
class AgreementRow:
    competency: str
    icc: Icc | None  # on the largest complete panel (same raters, same candidates)
    icc_band: str
    alpha: Alpha | None  # every rater, missing ratings allowed
    alpha_band: str


@dataclass(frozen=True)
class CalibrationView:
    scope: str
    raters: tuple[RaterCalibration, ...]
    agreement: tuple[AgreementRow, ...]


def _complete_panel(by_target: dict[Hashable, dict[str, int]]) -> list[list[float]]:
    """The largest set of targets all rated by the same (2+) raters, as a matrix."""
    groups: dict[frozenset[str], list[Hashable]] = defaultdict(list)
    for target, ratings in by_target.items():
        if len(ratings) >= 2:
            groups[frozenset(ratings)].append(target)
    if not groups:
        return []
    raters, targets = max(groups.items(), key=lambda item: (len(item[1]), len(item[0])))
    order = sorted(raters)
    return [[float(by_target[t][r]) for r in order] for t in targets]


def _agreement(name: str, by_target: dict[Hashable, dict[str, int]]) -> AgreementRow:
    panel = _complete_panel(by_target)
    icc = icc2(panel) if len(panel) >= 2 else None
    raters = sorted({r for ratings in by_target.values() for r in ratings})
    targets = list(by_target)
    data = [[by_target[t].get(r) for t in targets] for r in raters]
    alpha = krippendorff_alpha_ordinal(data) if len(raters) >= 2 else None
    return AgreementRow(
        name,
        icc,
        icc_band(icc.single) if icc else "n too small",
        alpha,
        alpha_band(alpha.value) if alpha else "n too small",
    )


class CalibrationService(Service):
    def calibration(self, requisition_id: int | None = None) -> CalibrationView:
        with self._read() as uow:
            rated = (
                select(Person.name, Scorecard.application_id, Competency.name, Rating.level)
                .join(Scorecard, Scorecard.id == Rating.scorecard_id)
                .join(Person, Person.id == Scorecard.interviewer_id)
                .join(Competency, Competency.id == Rating.competency_id)
                .join(Application, Application.id == Scorecard.application_id)
                .where(
                    Scorecard.status == ScorecardStatus.SUBMITTED.value, Rating.level.is_not(None)
                )
            )
            recommended = (
                select(Person.name, Scorecard.recommendation, Scorecard.application_id)
                .join(Person, Person.id == Scorecard.interviewer_id)
                .join(Application, Application.id == Scorecard.application_id)
                .where(Scorecard.status == ScorecardStatus.SUBMITTED.value)
            )
            scope = "All requisitions"
            if requisition_id is not None:
                requisition = uow.requisitions.get(requisition_id)
                scope = RequisitionRef.of(requisition).label
                rated = rated.where(Application.requisition_id == requisition_id)
                recommended = recommended.where(Application.requisition_id == requisition_id)
            where = [] if requisition_id is None else [Application.requisition_id == requisition_id]
            # Independent scoring: what the reader may not see yet counts for nothing here.
            blind = blind_applications(uow, self._actor_id(uow), *where)
            ratings = [row for row in uow.session.execute(rated) if row[1] not in blind]
            recommendations = [
                (rater, recommendation)
                for rater, recommendation, app in uow.session.execute(recommended)
                if app not in blind
            ]
        records = [
            RatingRecord(rater, (app, competency), level)
            for rater, app, competency, level in ratings
            if level is not None
        ]
        given: dict[str, int] = defaultdict(int)
        undecided: dict[str, int] = defaultdict(int)
        for rater, recommendation in recommendations:
            given[rater] += 1
            if recommendation == Recommendation.NO_DECISION.value:
                undecided[rater] += 1
        raters = tuple(
            RaterCalibration(
                item,
                given.get(item.rater, 0),
                share(undecided.get(item.rater, 0), given.get(item.rater, 0)),
            )
            for item in leniency(records)
        )
        per_competency: dict[str, dict[Hashable, dict[str, int]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        overall: dict[Hashable, dict[str, int]] = defaultdict(dict)
        for rater, app, competency, level in ratings:
            if level is None:  # excluded by the query; keeps the types honest
                continue
            per_competency[competency][app][rater] = level
            overall[(app, competency)][rater] = level
        agreement = [
            _agreement(name, dict(by_target)) for name, by_target in sorted(per_competency.items())
        ]
        agreement.append(_agreement(ALL, dict(overall)))
        return CalibrationView(scope, raters, tuple(agreement))
