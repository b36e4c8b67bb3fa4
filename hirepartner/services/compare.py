"""Side-by-side comparison of 2-6 candidates on the requisition's competencies, honest about
spread and sample size, obeying independent scoring, with an anonymous mode and CSV export."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from hirepartner.data.models import (
    Application,
    Candidate,
    Competency,
    InterviewStage,
    Person,
    Rating,
    Requisition,
    Scorecard,
)
from hirepartner.domain import ScorecardStatus
from hirepartner.errors import ValidationError
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
from hirepartner.services.base import Service
from hirepartner.services.scorecards import may_see_others

MIN_COMPARED, MAX_COMPARED = 2, 6
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


@dataclass(frozen=True)
class ComparedCandidate:
    application_id: int
    label: str  # the name, or "Candidate A" in anonymous mode
    name: str  # the real name: not shown in anonymous mode
    employer: str
    title: str
    stage: str
    weighted: WeightedScore
    recommendations: tuple[tuple[str, int], ...]
    takeaways: tuple[Takeaway, ...]
    strongest: tuple[str, ...]
    weakest: tuple[str, ...]
    hidden_scorecards: int  # others' scorecards the reader may not see yet


@dataclass(frozen=True)
class ComparisonRow:
    competency: str
    weight: float
    cells: tuple[CellStats, ...]
    details: tuple[tuple[RatingDetail, ...], ...]
    winner: RowWinner | None


@dataclass(frozen=True)
class Comparison:
    requisition: str
    candidates: tuple[ComparedCandidate, ...]
    rows: tuple[ComparisonRow, ...]  # by weight, heaviest first
    anonymous: bool


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


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


class CompareService(Service):
    def compare(
        self, application_ids: Sequence[int], reader_id: int | None, anonymous: bool = False
    ) -> Comparison:
        ids = list(dict.fromkeys(application_ids))
        if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
            raise ValidationError(
                "selection", f"compare {MIN_COMPARED} to {MAX_COMPARED} candidates at a time"
            )
        return self._build(ids, reader_id, anonymous)

    def packet_comparison(self, application_ids: Sequence[int], anonymous: bool) -> Comparison:
        """Any number of applications of one requisition, evidence whole, as the hiring team
        overseeing the panel sees them (submitted scorecards only)."""
        return self._build(list(dict.fromkeys(application_ids)), None, anonymous, None)

    def requisition_comparison(
        self, requisition_id: int, reader_id: int | None, anonymous: bool = False
    ) -> Comparison:
        """Every application of a requisition compared, with the evidence whole (for packets)."""
        with self._read() as uow:
            ids = list(
                uow.session.scalars(
                    select(Application.id)
                    .where(Application.requisition_id == requisition_id)
                    .order_by(Application.id)
                )
            )
            if not ids:
                if uow.session.get(Requisition, requisition_id) is None:
                    raise ValidationError(
                        "requisition", f"there is no requisition {requisition_id}"
                    )
                raise ValidationError("requisition", "it has no candidates yet")
        return self._build(ids, reader_id, anonymous, evidence_lines=None)

    def _build(
        self,
        ids: list[int],
        reader_id: int | None,
        anonymous: bool,
        evidence_lines: int | None = 2,
    ) -> Comparison:
        """The comparison; `evidence_lines` cuts each piece of evidence (None keeps it whole)."""
        with self._read() as uow:
            apps = uow.session.execute(
                select(
                    Application.id,
                    Application.requisition_id,
                    Candidate.full_name,
                    Candidate.current_company,
                    Candidate.current_title,
                    InterviewStage.name,
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
            cards = uow.session.execute(
                select(
                    Scorecard.id,
                    Scorecard.application_id,
                    Scorecard.interviewer_id,
                    Scorecard.status,
                    Scorecard.recommendation,
                    Scorecard.key_takeaways,
                    Person.name,
                    InterviewStage.name.label("stage_name"),
                )
                .join(Person, Person.id == Scorecard.interviewer_id)
                .join(InterviewStage, InterviewStage.id == Scorecard.stage_id)
                .where(Scorecard.application_id.in_(ids))
            ).all()
            ratings = uow.session.execute(
                select(Rating.scorecard_id, Competency.name, Rating.level, Rating.evidence)
                .join(Competency, Competency.id == Rating.competency_id)
                .join(Scorecard, Scorecard.id == Rating.scorecard_id)
                .where(Scorecard.application_id.in_(ids))
            ).all()
            mode = requisition.scoring_visibility
            title = f"{requisition.code} {requisition.title}"
        order = {app_id: n for n, app_id in enumerate(ids)}
        apps = sorted(apps, key=lambda row: order[row.id])
        visible: set[int] = set()
        hidden: dict[int, int] = defaultdict(int)
        for app in apps:
            own = [
                c.status
                for c in cards
                if c.application_id == app.id and c.interviewer_id == reader_id
            ]
            sees = may_see_others(mode, own)
            for card in cards:
                if card.application_id != app.id or card.status != ScorecardStatus.SUBMITTED:
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
                    RatingDetail(shown.name, level, shown_evidence, shown.stage_name)
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
        candidates = []
        for n, app in enumerate(apps):
            column = {row.competency: row.cells[n] for row in rows}
            strongest, weakest = strongest_and_weakest(column)
            app_cards = [c for c in shown_cards.values() if c.application_id == app.id]
            takeaways = tuple(
                Takeaway(
                    c.name,
                    mask_names(c.key_takeaways, names, labels[n]) if anonymous else c.key_takeaways,
                    c.stage_name,
                )
                for c in sorted(app_cards, key=lambda c: (c.name, c.id))
                if c.key_takeaways.strip()
            )
            candidates.append(
                ComparedCandidate(
                    application_id=app.id,
                    label=labels[n] if anonymous else app.full_name,
                    name="" if anonymous else app.full_name,
                    employer="" if anonymous else app.current_company,
                    title=app.current_title,
                    stage=app.name,
                    weighted=weighted_score(column, weights),
                    recommendations=tuple(
                        sorted(tally([c.recommendation for c in app_cards]).items())
                    ),
                    takeaways=takeaways,
                    strongest=strongest,
                    weakest=weakest,
                    hidden_scorecards=hidden.get(app.id, 0),
                )
            )
        return Comparison(title, tuple(candidates), tuple(rows), anonymous)

    def single(self, application_id: int, reader_id: int | None) -> Comparison:
        """One candidate's column, as the debrief shows it: the evidence whole."""
        return self._build([application_id], reader_id, anonymous=False, evidence_lines=None)

    def reveal(self, application_ids: Sequence[int]) -> None:
        """Record that an anonymous comparison was revealed: who, when, which candidates."""
        now = self._clock()
        with self._uow() as uow:
            uow.audit.record(
                now,
                self._actor_id(uow),
                "reveal_comparison",
                "application",
                None,
                {"applications": list(application_ids)},
            )
            uow.commit()


def comparison_csv(comparison: Comparison) -> str:
    """The comparison as CSV, every cell neutralised against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Competency", "Weight", *[c.label for c in comparison.candidates]])
    for row in comparison.rows:
        cells = [
            "" if cell.mean is None else f"{cell.mean:.2f} (n={cell.n}, {cell.low}-{cell.high})"
            for cell in row.cells
        ]
        writer.writerow([row.competency, f"{row.weight:g}", *cells])
    writer.writerow(
        [
            "Weighted score",
            "",
            *[
                "" if c.weighted.value is None else f"{c.weighted.value:.2f}"
                for c in comparison.candidates
            ],
        ]
    )
    writer.writerow(
        [
            "Recommendations",
            "",
            *[", ".join(f"{k} {v}" for k, v in c.recommendations) for c in comparison.candidates],
        ]
    )
    writer.writerow(
        [
            "Key takeaways",
            "",
            *[" | ".join(t.text for t in c.takeaways) for c in comparison.candidates],
        ]
    )
    text = buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for record in csv.reader(io.StringIO(text)):
        writer.writerow([neutralise(cell) for cell in record])
    return buffer.getvalue()
