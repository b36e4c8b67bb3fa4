"""Interviewer calibration: how each rates against the panel, and how far the panel agrees,
per competency and overall, each figure with its 95% interval, its n, and a band named only
when the whole interval lies in it (scoring/intervals.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from sqlalchemy import select

from hirepartner.data.models import Application, Competency, Person, Rating, Scorecard
from hirepartner.domain import Recommendation, ScorecardStatus
from hirepartner.scoring.agreement import Alpha, Icc, icc2, krippendorff_alpha_of_units
from hirepartner.scoring.calibration import Leniency, RatingRecord, leniency, share
from hirepartner.scoring.intervals import (
    ALPHA_BANDS,
    ICC_BANDS,
    MIN_RATERS,
    MIN_SUBJECTS,
    alpha_interval_of_patterns,
    interval_band,
    interval_reading,
    unanimous,
)
from hirepartner.services.base import Service
from hirepartner.services.views.requisitions import RequisitionRef
from hirepartner.services.views.scorecards import blind_applications
from hirepartner.wording import plural

ALL = "All competencies"
BandTable = tuple[tuple[float, str], ...]


@dataclass(frozen=True)
class RaterCalibration:
    leniency: Leniency
    recommendations: int
    no_decision_share: float | None


@dataclass(frozen=True)
class AgreementFigure:
    """One agreement statistic with its 95% interval and what it rests on."""

    value: float
    ci_low: float
    ci_high: float
    n_subjects: int  # candidates (ICC) or units (alpha) it rests on
    n_raters: int
    band: str | None  # None when the interval spans bands or the panel is below the minimum
    reading: str  # "good", "between moderate and excellent", "too few ratings to say"
    # Every rater agreed on every candidate: the interval is then a bound on what the sample
    # did not show, not a spread it showed (scoring/intervals.py).
    perfect: bool = False
    # The panel reaches the minimum (5 candidates × 2 raters). Below it the interval is kept
    # for --json but never shown: resampling 2 or 3 candidates draws the same few over and
    # over, and the interval ends at the estimate. The figure is then a rough estimate.
    enough: bool = True

    @property
    def estimate_text(self) -> str:
        """ "0.81", or "0.54 (rough estimate)" below the minimum panel."""
        return f"{self.value:.2f}" if self.enough else f"{self.value:.2f} (rough estimate)"

    @property
    def interval_text(self) -> str:
        """ "0.42 to 0.88", or "" below the minimum panel (no interval is shown then)."""
        return f"{self.ci_low:.2f} to {self.ci_high:.2f}" if self.enough else ""

    @property
    def perfect_text(self) -> str:
        """ "perfect agreement on 5 candidates", or ""."""
        if not self.perfect:
            return ""
        return f"perfect agreement on {plural(self.n_subjects, 'candidate')}"


@dataclass(frozen=True)
class AgreementRow:
    competency: str
    icc: Icc | None  # on the largest complete panel (same raters, same candidates)
    alpha: Alpha | None  # every rater, missing ratings allowed
    icc21: AgreementFigure | None
    icc2k: AgreementFigure | None
    alpha_figure: AgreementFigure | None
    ratings: int  # submitted ratings with a level
    not_assessed: int  # submitted "not assessed": with `ratings`, the intake screen's count


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


def _figure(
    value: float,
    low: float,
    high: float,
    subjects: int,
    raters: int,
    bands: BandTable,
    perfect: bool,
) -> AgreementFigure:
    enough = subjects >= MIN_SUBJECTS and raters >= MIN_RATERS
    return AgreementFigure(
        value,
        low,
        high,
        subjects,
        raters,
        interval_band(low, high, bands, enough),
        interval_reading(low, high, bands, enough),
        perfect,
        enough,
    )


def _agreement(
    name: str, by_target: dict[Hashable, dict[str, int]], ratings: int, not_assessed: int
) -> AgreementRow:
    panel = _complete_panel(by_target)
    icc = icc2(panel) if len(panel) >= 2 else None
    raters = {r for ratings in by_target.values() for r in ratings}
    patterns = Counter(
        tuple(sorted(ratings.values())) for ratings in by_target.values() if len(ratings) >= 2
    )
    alpha = krippendorff_alpha_of_units(patterns) if len(raters) >= 2 else None
    icc21 = icc2k = alpha_figure = None
    if icc is not None:
        ci = icc.interval
        perfect = unanimous(panel)
        icc21 = _figure(
            icc.single, ci.single_low, ci.single_high, icc.targets, icc.raters, ICC_BANDS, perfect
        )
        icc2k = _figure(
            icc.average,
            ci.average_low,
            ci.average_high,
            icc.targets,
            icc.raters,
            ICC_BANDS,
            perfect,
        )
    if alpha is not None and alpha.units >= 2:  # one candidate: nothing to resample
        bounds = alpha_interval_of_patterns(patterns)
        low, high = bounds if bounds is not None else (alpha.value, alpha.value)
        alpha_figure = _figure(
            alpha.value, low, high, alpha.units, len(raters), ALPHA_BANDS, unanimous(patterns)
        )
    return AgreementRow(name, icc, alpha, icc21, icc2k, alpha_figure, ratings, not_assessed)


class CalibrationService(Service):
    def calibration(self, requisition_id: int | None = None) -> CalibrationView:
        with self._read() as uow:
            rated = (
                select(Person.name, Scorecard.application_id, Competency.name, Rating.level)
                .join(Scorecard, Scorecard.id == Rating.scorecard_id)
                .join(Person, Person.id == Scorecard.interviewer_id)
                .join(Competency, Competency.id == Rating.competency_id)
                .join(Application, Application.id == Scorecard.application_id)
                .where(Scorecard.status == ScorecardStatus.SUBMITTED.value)
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
        not_assessed: Counter[str] = Counter()
        levelled: Counter[str] = Counter()
        for rater, app, competency, level in ratings:
            if level is None:
                not_assessed[competency] += 1
                per_competency[competency]
                continue
            levelled[competency] += 1
            # A second rating by the same interviewer (another stage) counts in n, but the
            # agreement statistics take one rating per interviewer per candidate: the latest.
            per_competency[competency][app][rater] = level
            overall[(app, competency)][rater] = level
        agreement = [
            _agreement(name, dict(by_target), levelled[name], not_assessed[name])
            for name, by_target in sorted(per_competency.items())
        ]
        agreement.append(
            _agreement(ALL, dict(overall), sum(levelled.values()), sum(not_assessed.values()))
        )
        return CalibrationView(scope, raters, tuple(agreement))
