"""The first page of a slate packet, the decision summary: who is ahead in the order the
comparison ranks them, with what evidence behind each score; who is out; who has no ratings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from hirepartner.domain import RATING_MAX, ApplicationStatus
from hirepartner.packets.content import CandidateSection, SlatePacket
from hirepartner.packets.document import CONTENT_WIDTH
from hirepartner.packets.layout import (
    NOTICE,
    REDACTION_WORDING,
    grid,
    recommendation_text,
    status_text,
    when,
    when_time,
)
from hirepartner.packets.styles import NOTICE_FILL, RULE, Styles
from hirepartner.packets.text import escape, para

CLOSED = frozenset({ApplicationStatus.REJECTED.value, ApplicationStatus.WITHDRAWN.value})


@dataclass(frozen=True)
class SlateGroups:
    """The slate's candidates in the comparison's order, split the way a recruiter acts on
    them: still in the running with ratings, still in the running without, and out."""

    ranked: tuple[CandidateSection, ...]
    unrated: tuple[CandidateSection, ...]
    closed: tuple[CandidateSection, ...]


def groups(candidates: Sequence[CandidateSection]) -> SlateGroups:
    open_ = [c for c in candidates if c.status not in CLOSED]
    return SlateGroups(
        ranked=tuple(c for c in open_ if c.weighted is not None),
        unrated=tuple(c for c in open_ if c.weighted is None),
        closed=tuple(c for c in candidates if c.status in CLOSED),
    )


def rated(candidate: CandidateSection) -> bool:
    """Whether the candidate has ratings to show (a page of their own, a matrix row)."""
    return candidate.weighted is not None


def rank_text(candidate: CandidateSection) -> str:
    """ "1", "=2" when about level with another, "–" when not ranked."""
    if not candidate.rank:
        return "–"
    return f"={candidate.rank}" if candidate.about_level_with else str(candidate.rank)


def ahead_text(candidate: CandidateSection) -> str:
    """What the rank means: "none clearly ahead", "1 clearly ahead"; "" when not ranked. A
    rank is 1 + the candidates clearly ahead, so a shared "=2" after many "=1" is not 14th."""
    if not candidate.rank:
        return ""
    ahead = candidate.rank - 1
    return f"{ahead or 'none'} clearly ahead"


def _rank(candidate: CandidateSection, sheet: Styles) -> Paragraph:
    ahead = ahead_text(candidate)
    detail = f"<br/><font size=6>{escape(ahead)}</font>" if ahead else ""
    return Paragraph(f"<b>{escape(rank_text(candidate))}</b>{detail}", sheet.cell)


def score_lines(candidate: CandidateSection) -> tuple[str, str]:
    """The weighted score and what it rests on: ("3.25 of 4", "n=12 · 3 of 5 rated")."""
    if candidate.weighted is None and candidate.hidden_scorecards:
        return "hidden from you", candidate.hidden_why
    if candidate.weighted is None:
        return "no ratings", f"0 of {candidate.competencies_total} rated"
    likely = (
        f" (likely {candidate.weighted_low:.1f}–{candidate.weighted_high:.1f})"
        if candidate.weighted_low is not None and candidate.weighted_high is not None
        else ""
    )
    single = candidate.single_rating_competencies
    return (
        f"{candidate.weighted:.1f} of {RATING_MAX}{likely}",
        f"n={candidate.ratings_total} · "
        f"{candidate.competencies_rated} of {candidate.competencies_total} rated"
        + (f", {single} by one interviewer only" if single else ""),
    )


def _decision(candidate: CandidateSection) -> str:
    if not candidate.decision:
        return "–"
    return f"{candidate.decision.capitalize()}, {when(candidate.decision_at)}"


def _who(candidate: CandidateSection, sheet: Styles, with_status: bool = True) -> list[Flowable]:
    detail = f"{candidate.stage} · {status_text(candidate.status)}" if with_status else ""
    cell = [para(candidate.label, sheet.cell_bold)]
    if detail:
        cell.append(para(detail, sheet.small))
    return cell


def _score(candidate: CandidateSection, sheet: Styles) -> Paragraph:
    value, basis = score_lines(candidate)
    return Paragraph(f"<b>{escape(value)}</b><br/><font size=7>{escape(basis)}</font>", sheet.cell)


def _ranked_table(ranked: Sequence[CandidateSection], sheet: Styles) -> Table:
    rows: list[list[Flowable | str | list[Flowable]]] = [
        [
            Paragraph(text, sheet.header_cell)
            for text in ("Rank", "Candidate", "Weighted score", "Recommendations", "Debrief")
        ]
    ]
    rows += [
        [
            _rank(c, sheet),
            _who(c, sheet),
            _score(c, sheet),
            Paragraph(escape(recommendation_text(c.recommendations)), sheet.cell),
            para(_decision(c), sheet.cell),
        ]
        for c in ranked
    ]
    return grid(rows, [21 * mm, 41 * mm, 42 * mm, 36 * mm, CONTENT_WIDTH - 140 * mm])


def _closed_table(closed: Sequence[CandidateSection], sheet: Styles) -> Table:
    rows: list[list[Flowable | str | list[Flowable]]] = [
        [
            Paragraph(text, sheet.header_cell)
            for text in ("Candidate", "Status", "Reason", "Weighted score")
        ]
    ]
    rows += [
        [
            para(c.label, sheet.cell),
            Paragraph(escape(f"{status_text(c.status)} at {c.stage}"), sheet.cell),
            para(c.rejection_reason or "–", sheet.cell),
            Paragraph(escape(" · ".join(score_lines(c))), sheet.small),
        ]
        for c in closed
    ]
    return grid(rows, [52 * mm, 34 * mm, 48 * mm, CONTENT_WIDTH - 134 * mm])


def _unrated_table(unrated: Sequence[CandidateSection], sheet: Styles) -> Table:
    """Two candidates a row: a name and where they stand is all there is to say yet."""
    half = (CONTENT_WIDTH - 4 * mm) / 2
    header = [Paragraph(text, sheet.header_cell) for text in ("Candidate", "Stage · status")]
    rows: list[list[Flowable | str | list[Flowable]]] = [[*header, "", *header]]
    for n in range(0, len(unrated), 2):
        cells: list[list[Flowable | str | list[Flowable]]] = [
            [
                para(c.label, sheet.cell),
                Paragraph(
                    escape(
                        " · ".join(filter(None, (c.stage, status_text(c.status), c.hidden_why)))
                    ),
                    sheet.small,
                ),
            ]
            for c in unrated[n : n + 2]
        ]
        right = cells[1] if len(cells) > 1 else ["", ""]
        rows.append([*cells[0], "", *right])
    return grid(
        rows,
        [half * 0.6, half * 0.4, 4 * mm, half * 0.6, half * 0.4],
        extra=[
            ("BACKGROUND", (2, 0), (2, -1), "white"),
            ("LINEBELOW", (2, 0), (2, -1), 0, "white"),
        ],
    )


def _notice(sheet: Styles) -> Table:
    notice = Table([[Paragraph(escape(NOTICE), sheet.small)]], colWidths=[CONTENT_WIDTH])
    notice.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), NOTICE_FILL),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return notice


def _subheading(text: str, sheet: Styles) -> list[Flowable]:
    """A heading the table after it may follow onto the next page: kept with a few rows,
    not with the whole table (which would leave the rest of a page empty)."""
    style = ParagraphStyle(f"{sheet.h2.name}-flowing", parent=sheet.h2, keepWithNext=0)
    return [CondPageBreak(30 * mm), Paragraph(escape(text), style)]


def decision_summary(packet: SlatePacket, sheet: Styles) -> list[Flowable]:
    """The first page: the requisition, then the candidates in the comparison's order."""
    meta = packet.meta
    split = groups(packet.candidates)
    counts = (
        f"{len(packet.candidates)} candidates: {len(split.ranked)} rated and in the running, "
        f"{len(split.unrated)} not yet rated, {len(split.closed)} rejected or withdrawn."
    )
    prepared = " · ".join(
        part
        for part in (
            f"Prepared by {meta.prepared_by}" if meta.prepared_by else "",
            f"data as of {when_time(meta.prepared_at)}",
            REDACTION_WORDING[meta.redaction],
        )
        if part
    )
    story: list[Flowable] = [
        Paragraph("SLATE PACKET · DECISION SUMMARY", sheet.muted),
        Spacer(1, 2 * mm),
        para(meta.requisition, sheet.title),
        para(prepared, sheet.muted),
        Paragraph(escape(counts), sheet.body),
        Spacer(1, 3 * mm),
        _notice(sheet),
        Spacer(1, 4 * mm),
    ]
    if split.ranked:
        story += [
            *_subheading("Rated, in the order of the comparison", sheet),
            _ranked_table(split.ranked, sheet),
            Spacer(1, 1.5 * mm),
            Paragraph(
                "Weighted score: the weight-averaged mean rating with its likely range (95%), "
                "the number of ratings (n) and how many of the planned competencies it covers. "
                "The order rests on an estimate that pulls scores resting on few ratings toward "
                "the slate's mean. Rank is 1 + the number of candidates clearly ahead (by more "
                "than the noise); “=” marks a rank shared with candidates about level. So “=1” "
                "means no one is clearly ahead, however many share it, and “=2” that exactly "
                "one candidate is. Within a shared rank, the candidate surest to score high "
                "comes first (the low end of the estimate's range), so a score resting on many "
                "ratings leads one resting on a few. Recommendations are the interviewers' "
                "overall calls; Debrief is the latest decision.",
                sheet.muted,
            ),
        ]
    else:
        story.append(Paragraph("No candidate in the running has ratings yet.", sheet.muted))
    if split.closed:
        story += [
            *_subheading("Rejected and withdrawn", sheet),
            _closed_table(split.closed, sheet),
        ]
    if split.unrated:
        story += [
            *_subheading("Not yet rated", sheet),
            _unrated_table(split.unrated, sheet),
        ]
    return story
