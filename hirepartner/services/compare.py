"""Side-by-side comparison of 2-6 candidates on the requisition's competencies, honest about
spread and sample size, obeying independent scoring, with an anonymous mode and CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from hirepartner.domain import ApplicationStatus, Recommendation, label_of
from hirepartner.errors import ValidationError
from hirepartner.scoring.summary import coverage_words
from hirepartner.services.base import Service
from hirepartner.services.views.comparison import (
    ComparedCandidate,
    Comparison,
    ComparisonRow,
    RatingDetail,
    Takeaway,
    comparison,
    letters,
    mask_names,
    requisition_applications,
    standing_text,
)

__all__ = [
    "CompareService",
    "ComparedCandidate",
    "Comparison",
    "ComparisonRow",
    "RatingDetail",
    "Takeaway",
    "comparison_csv",
    "letters",
    "mask_names",
    "neutralise",
]

MIN_COMPARED, MAX_COMPARED = 2, 6
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


class CompareService(Service):
    def compare(self, application_ids: Sequence[int], anonymous: bool = False) -> Comparison:
        """The selected applications side by side, as the person using this install may see
        them (independent scoring)."""
        ids = list(dict.fromkeys(application_ids))
        if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
            raise ValidationError(
                "selection", f"compare {MIN_COMPARED} to {MAX_COMPARED} candidates at a time"
            )
        with self._read() as uow:
            return comparison(uow, ids, self._actor_id(uow), anonymous)

    def packet_comparison(self, application_ids: Sequence[int], anonymous: bool) -> Comparison:
        """Any number of applications of one requisition, evidence whole, as the hiring team
        overseeing the panel sees them (submitted scorecards only)."""
        with self._read() as uow:
            return comparison(uow, application_ids, None, anonymous, None)

    def requisition_comparison(self, requisition_id: int, anonymous: bool = False) -> Comparison:
        """Every application of a requisition compared, with the evidence whole, as the person
        using this install may see them."""
        with self._read() as uow:
            ids = requisition_applications(uow, requisition_id)
            return comparison(uow, ids, self._actor_id(uow), anonymous, evidence_lines=None)

    def single(self, application_id: int) -> Comparison:
        """One candidate's column, as the debrief shows it: the evidence whole."""
        with self._read() as uow:
            reader = self._actor_id(uow)
            return comparison(uow, [application_id], reader, False, evidence_lines=None)

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


def rank_cell(comparison: Comparison, candidate: ComparedCandidate) -> str:
    """ "1", "2 (shared)" (a rank shared by candidates about level: the view's "=2", which a
    spreadsheet would take for a formula), "listed apart: rejected", "not ranked: no ratings
    yet"."""
    ranking = candidate.ranking
    if ranking.listed_apart or ranking.rank is None:
        return standing_text(comparison, candidate)
    return f"{ranking.rank} (shared)" if ranking.about_level else str(ranking.rank)


def comparison_csv(comparison: Comparison) -> str:
    """The comparison as CSV, a column per candidate in the order of the honest ranking
    (scoring/ranking.py): the ranked, then the unrated, then the rejected and withdrawn,
    listed apart; every cell neutralised against formula injection."""
    candidates = comparison.ranked() or comparison.candidates
    labels = {c.application_id: c.label for c in comparison.candidates}
    columns = [comparison.candidates.index(c) for c in candidates]

    def line(name: str, cells: Sequence[str], weight: str = "") -> list[str]:
        return [name, weight, *cells]

    def number(value: float | None, digits: int = 2) -> str:
        return "" if value is None else f"{value:.{digits}f}"

    def likely(low: float | None, high: float | None) -> str:
        return "" if low is None or high is None else f"{low:.1f}–{high:.1f}"

    rows = [
        line("Competency", [c.label for c in candidates], "Weight"),
        line("Rank", [rank_cell(comparison, c) for c in candidates]),
        line(
            "About level with",
            [", ".join(labels[i] for i in c.ranking.about_level_with) for c in candidates],
        ),
        line("Status", [label_of(ApplicationStatus, c.status) for c in candidates]),
        line("Weighted score", [number(c.weighted.value) for c in candidates]),
        line("Likely range (95%)", [likely(c.weighted.low, c.weighted.high) for c in candidates]),
        line(
            "Coverage",
            [
                coverage_words(
                    c.weighted.competencies_rated,
                    c.weighted.competencies,
                    c.weighted.single_rating_cells,
                )
                for c in candidates
            ],
        ),
        line("Ratings (n)", [str(c.weighted.ratings) for c in candidates]),
        line("Ranking estimate", [number(c.ranking.estimate) for c in candidates]),
    ]
    for row in comparison.rows:
        cells = [row.cells[n] for n in columns]
        rows.append(
            line(
                row.competency,
                [
                    ""
                    if cell.mean is None
                    else f"{cell.mean:.2f} (n={cell.n}, {cell.low}-{cell.high})"
                    for cell in cells
                ],
                f"{row.weight:g}",
            )
        )
    rows.append(
        line(
            "Recommendations",
            [
                ", ".join(
                    f"{label_of(Recommendation, k).lower()} {v}" for k, v in c.recommendations
                )
                for c in candidates
            ],
        )
    )
    rows.append(
        line(
            "Key takeaways",
            [
                " | ".join(f"{t.by or t.interviewer}: {t.text}" for t in c.takeaways)
                for c in candidates
            ],
        )
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for record in rows:
        writer.writerow([neutralise(cell) for cell in record])
    return buffer.getvalue()
