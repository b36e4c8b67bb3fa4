"""The comparison of candidates on the requisition's competencies: honest about spread and
sample size, obeying independent scoring, with an anonymous mode; any number of candidates."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hirepartner.data.models import (
    Application,
    Candidate,
    Competency,
    InterviewStage,
    Rating,
    Requisition,
    Scorecard,
)
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ApplicationStatus, ScorecardStatus, label_of
from hirepartner.errors import ValidationError
from hirepartner.scoring.ranking import Entry, panel_variance, ranking_order, standings
from hirepartner.scoring.summary import (
    CellStats,
    RowWinner,
    WeightedScore,
    cell_stats,
    row_winner,
    strongest_and_weakest,
    tally,
    weighted_score,
)
from hirepartner.services.views.requisitions import RequisitionRef
from hirepartner.services.views.scorecards import may_see_others, of_applications, panel_scorecards


@dataclass(frozen=True)
class RatingDetail:
    interviewer: str
    level: int | None
    evidence: str
    stage: str = ""


@dataclass(frozen=True)
class Takeaway:
    interviewer: str
    text: str
    stage: str = ""
    by: str = ""  # who said it, and where: "Pedro, onsite; Hannah, screen" (merged duplicates)
    said_by: tuple[tuple[str, str], ...] = ()  # (interviewer, stage) of everyone who said it


# Rejected and withdrawn candidates are listed apart, never ranked among the others.
LISTED_APART = (ApplicationStatus.REJECTED.value, ApplicationStatus.WITHDRAWN.value)


@dataclass(frozen=True)
class Ranking:
    """Where a candidate stands among those compared (scoring/ranking.py says how)."""

    rank: int | None  # 1 = first; shared by candidates about level; None: unrated or apart
    estimate: float | None  # the coverage-aware estimate the rank rests on (shrunk toward
    # the mean of those compared, the more the fewer ratings it has)
    estimate_low: float | None  # its 95% interval
    estimate_high: float | None
    about_level_with: tuple[int, ...]  # application ids with no rank between them and this one
    listed_apart: bool  # rejected or withdrawn

    @property
    def about_level(self) -> bool:
        return bool(self.about_level_with)


@dataclass(frozen=True)
class ComparedCandidate:
    application_id: int
    label: str  # the name, or "Candidate A" in anonymous mode
    name: str  # the real name: not shown in anonymous mode
    employer: str
    title: str
    stage: str
    weighted: WeightedScore  # value, interval (low, high) and coverage; see score_text
    recommendations: tuple[tuple[str, int], ...]
    takeaways: tuple[Takeaway, ...]
    strongest: tuple[str, ...]
    weakest: tuple[str, ...]
    hidden_scorecards: int  # others' scorecards the reader may not see yet
    status: str = ApplicationStatus.ACTIVE.value
    ranking: Ranking = Ranking(None, None, None, None, (), False)


@dataclass(frozen=True)
class ComparisonRow:
    competency: str
    weight: float
    cells: tuple[CellStats, ...]
    details: tuple[tuple[RatingDetail, ...], ...]
    winner: RowWinner | None


@dataclass(frozen=True)
class Comparison:
    requisition: str  # the requisition's label
    candidates: tuple[ComparedCandidate, ...]
    rows: tuple[ComparisonRow, ...]  # by weight, heaviest first
    anonymous: bool
    ref: RequisitionRef
    # application ids in ranking order: the ranked, then the unrated, then those listed apart
    ranking_order: tuple[int, ...] = ()

    def ranked(self) -> tuple[ComparedCandidate, ...]:
        """The candidates in ranking order."""
        by_id = {c.application_id: c for c in self.candidates}
        return tuple(by_id[i] for i in self.ranking_order)


def letters(n: int) -> str:
    """0 → A, 25 → Z, 26 → AA: labels for any number of anonymous candidates."""
    text = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def mask_names(text: str, names: Sequence[str], label: str) -> str:
    """Text with each name, and each part of it as a whole word, replaced by the label
    ("Van den Berg" masks "Berg" and "den" but not the "den" inside "evidence")."""
    for name in names:
        text = text.replace(name, label)
        for part in sorted(name.split(), key=len, reverse=True):
            if len(part) > 1:
                text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", label, text)
    return text


def comparison(
    uow: UnitOfWork,
    application_ids: Sequence[int],
    reader_id: int | None,
    anonymous: bool,
    evidence_lines: int | None = 2,
) -> Comparison:
    """Applications of one requisition compared, as `reader_id` may see them (None: the hiring
    team overseeing the panel); `evidence_lines` cuts each piece of evidence (None: whole)."""
    ids = list(dict.fromkeys(application_ids))
    apps = uow.session.execute(
        select(
            Application.id,
            Application.requisition_id,
            Candidate.full_name,
            Candidate.current_company,
            Candidate.current_title,
            InterviewStage.name,
            Application.status,
        )
        .join(Candidate, Candidate.id == Application.candidate_id)
        .join(InterviewStage, InterviewStage.id == Application.stage_id)
        .where(Application.id.in_(ids))
    ).all()
    if len(apps) != len(ids):
        raise ValidationError("selection", "some of these applications no longer exist")
    requisitions = {row.requisition_id for row in apps}
    if len(requisitions) != 1:
        raise ValidationError("selection", "compare candidates of one requisition")
    requisition = uow.session.get(Requisition, requisitions.pop())
    assert requisition is not None
    competencies = uow.session.execute(
        select(Competency.name, Competency.weight)
        .where(Competency.requisition_id == requisition.id, Competency.retired_at.is_(None))
        .order_by(Competency.weight.desc(), Competency.position)
    ).all()
    cards = panel_scorecards(uow, of_applications(ids))
    ratings = uow.session.execute(
        select(Rating.scorecard_id, Competency.name, Rating.level, Rating.evidence)
        .join(Competency, Competency.id == Rating.competency_id)
        .join(Scorecard, Scorecard.id == Rating.scorecard_id)
        .where(Scorecard.application_id.in_(ids))
    ).all()
    mode = requisition.scoring_visibility
    ref = RequisitionRef.of(requisition)
    order = {app_id: n for n, app_id in enumerate(ids)}
    apps = sorted(apps, key=lambda row: order[row.id])
    visible: set[int] = set()
    hidden: dict[int, int] = defaultdict(int)
    by_app: dict[int, list[Any]] = defaultdict(list)
    for card in cards:
        by_app[card.application_id].append(card)
    for app in apps:
        own = [c.status for c in by_app[app.id] if c.interviewer_id == reader_id]
        sees = may_see_others(mode, own)
        for card in by_app[app.id]:
            if card.status != ScorecardStatus.SUBMITTED:
                continue
            if card.interviewer_id == reader_id or sees:
                visible.add(card.id)
            else:
                hidden[app.id] += 1
    shown_cards = {c.id: c for c in cards if c.id in visible}
    per_cell: dict[tuple[int, str], list[RatingDetail]] = defaultdict(list)
    for scorecard_id, competency_name, level, evidence in ratings:
        shown = shown_cards.get(scorecard_id)
        if shown is not None:
            lines = evidence.strip().splitlines()
            shown_evidence = "\n".join(lines[:evidence_lines] if evidence_lines else lines)
            per_cell[(shown.application_id, competency_name)].append(
                RatingDetail(shown.interviewer, level, shown_evidence, shown.stage)
            )
    names = [app.full_name for app in apps]
    labels = [f"Candidate {letters(n)}" for n in range(len(apps))]
    rows = []
    for competency in competencies:
        details = tuple(tuple(per_cell[(app.id, competency.name)]) for app in apps)
        cells = tuple(cell_stats([d.level for d in detail]) for detail in details)
        if anonymous:
            details = tuple(
                tuple(
                    RatingDetail(
                        d.interviewer,
                        d.level,
                        mask_names(d.evidence, names, labels[n]),
                        d.stage,
                    )
                    for d in detail
                )
                for n, detail in enumerate(details)
            )
        rows.append(
            ComparisonRow(competency.name, competency.weight, cells, details, row_winner(cells))
        )
    weights = {c.name: c.weight for c in competencies}
    variance = panel_variance(cell for row in rows for cell in row.cells)
    scores = [
        weighted_score({row.competency: row.cells[n] for row in rows}, weights, variance)
        for n in range(len(apps))
    ]
    entries = [
        Entry(score.value, score.sampling_variance, app.status not in LISTED_APART)
        for score, app in zip(scores, apps, strict=True)
    ]
    found = standings(entries)
    candidates = []
    for n, app in enumerate(apps):
        column = {row.competency: row.cells[n] for row in rows}
        strongest, weakest = strongest_and_weakest(column)
        app_cards = [c for c in by_app[app.id] if c.id in visible]
        standing = found[n]
        ranking = Ranking(
            standing.rank,
            standing.estimate,
            standing.low,
            standing.high,
            tuple(apps[j].id for j in standing.about_level_with),
            app.status in LISTED_APART,
        )
        takeaways = _takeaways(
            (
                c.interviewer,
                c.stage,
                mask_names(c.key_takeaways, names, labels[n]) if anonymous else c.key_takeaways,
            )
            for c in sorted(app_cards, key=lambda c: (c.interviewer, c.id))
        )
        candidates.append(
            ComparedCandidate(
                application_id=app.id,
                label=labels[n] if anonymous else app.full_name,
                name="" if anonymous else app.full_name,
                employer="" if anonymous else app.current_company,
                title=app.current_title,
                stage=app.name,
                weighted=scores[n],
                recommendations=tuple(sorted(tally([c.recommendation for c in app_cards]).items())),
                takeaways=takeaways,
                strongest=strongest,
                weakest=weakest,
                hidden_scorecards=hidden.get(app.id, 0),
                status=app.status,
                ranking=ranking,
            )
        )
    listing = tuple(apps[i].id for i in ranking_order(entries, found))
    return Comparison(ref.label, tuple(candidates), tuple(rows), anonymous, ref, listing)


def _takeaways(said: Iterable[tuple[str, str, str]]) -> tuple[Takeaway, ...]:
    """Key takeaways (interviewer, stage, text), each attributed; the same words said twice
    (another stage, another interviewer) are shown once, with everyone who said them."""
    merged: dict[str, list[tuple[str, str, str]]] = {}
    for interviewer, stage, text in said:
        if text.strip():
            merged.setdefault(" ".join(text.split()).casefold(), []).append(
                (interviewer, stage, text.strip())
            )
    result = []
    for found in merged.values():
        interviewer, stage, text = found[0]
        said_by = tuple(dict.fromkeys((who, where) for who, where, _t in found))
        result.append(Takeaway(interviewer, text, stage, said_by_text(said_by), said_by))
    return tuple(result)


def said_by_text(said_by: Iterable[tuple[str, str]]) -> str:
    """ "Pedro Alves, onsite; Hannah Schulz, technical": who said a takeaway, and where."""
    return "; ".join(
        dict.fromkeys(f"{who}, {where.lower()}" if where else who for who, where in said_by)
    )


def requisition_applications(uow: UnitOfWork, requisition_id: int) -> list[int]:
    """Every application of a requisition, oldest first; refused when there is none."""
    ids = list(
        uow.session.scalars(
            select(Application.id)
            .where(Application.requisition_id == requisition_id)
            .order_by(Application.id)
        )
    )
    if not ids:
        if uow.session.get(Requisition, requisition_id) is None:
            raise ValidationError("requisition", f"there is no requisition {requisition_id}")
        raise ValidationError("requisition", "it has no candidates yet")
    return ids


def standing_text(comparison: Comparison, candidate: ComparedCandidate) -> str:
    """ "1st", "=2nd · 1 clearly ahead · level with Candidate C", "listed apart: rejected",
    "not ranked: no ratings yet"."""
    ranking = candidate.ranking
    if ranking.listed_apart:
        return f"listed apart: {label_of(ApplicationStatus, candidate.status).lower()}"
    if ranking.rank is None:
        return "not ranked: no ratings yet"
    place = ordinal(ranking.rank)
    if not ranking.about_level:
        return place
    # A shared rank counts who is clearly ahead, so say that: "=1st" beside "=3rd" for
    # candidates about level with each other otherwise reads as a contradiction.
    ahead = ranking.rank - 1
    shared = f"={place} · {ahead or 'none'} clearly ahead"
    labels = {c.application_id: c.label for c in comparison.candidates}
    ranked = [c for c in comparison.candidates if c.ranking.rank is not None]
    if len(ranking.about_level_with) == len(ranked) - 1 and len(ranked) > 2:
        return f"{shared} · level with all the others"
    if len(ranking.about_level_with) > 2:
        return f"{shared} · level with {len(ranking.about_level_with)} others"
    others = " and ".join(labels[i] for i in ranking.about_level_with)
    return f"{shared} · level with {others}"


def ordinal(n: int) -> str:
    """1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
