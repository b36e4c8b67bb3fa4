"""Side-by-side comparison of 2-6 candidates on the requisition's competencies, honest about
spread and sample size, obeying independent scoring, with an anonymous mode and CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from hirepartner.errors import ValidationError
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
