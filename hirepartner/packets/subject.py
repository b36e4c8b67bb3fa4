"""The readable summary of a subject access export: every record held about one person, as
labelled sections of fields, with a notice of what the archive holds beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from hirepartner.packets.content import PacketKind, PacketMeta, Redaction
from hirepartner.packets.document import CONTENT_WIDTH, BuiltPdf, render
from hirepartner.packets.layout import heading
from hirepartner.packets.styles import RULE, styles
from hirepartner.packets.text import para


@dataclass(frozen=True)
class SubjectRecord:
    fields: tuple[tuple[str, str], ...]  # (label, value) as a person reads them


@dataclass(frozen=True)
class SubjectSection:
    title: str  # "Applications"
    records: tuple[SubjectRecord, ...]


@dataclass(frozen=True)
class SubjectSummary:
    name: str
    prepared_by: str
    prepared_at: datetime
    notice: str
    sections: tuple[SubjectSection, ...]


def _record(record: SubjectRecord) -> Flowable:
    sheet = styles()
    rows = [
        [para(label, sheet.cell_bold), para(value, sheet.cell)] for label, value in record.fields
    ]
    table = Table(rows, colWidths=[CONTENT_WIDTH * 0.28, CONTENT_WIDTH * 0.72])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def subject_story(summary: SubjectSummary) -> list[Flowable]:
    sheet = styles()
    story: list[Flowable] = [
        para(f"Personal data held about {summary.name}", sheet.title),
        para(
            f"Prepared by {summary.prepared_by or 'HirePartner'} on {summary.prepared_at:%d %B %Y}",
            sheet.subtitle,
        ),
        Spacer(1, 4 * mm),
        para(summary.notice, sheet.body),
    ]
    for section in summary.sections:
        story += heading(f"{section.title} ({len(section.records)})", sheet)
        if not section.records:
            story.append(para("None held.", sheet.muted))
        for record in section.records:
            story += [KeepTogether([_record(record)]), Spacer(1, 2 * mm)]
    return story


def build_subject_pdf(summary: SubjectSummary) -> BuiltPdf:
    meta = PacketMeta(
        kind=PacketKind.CANDIDATE,
        title="Personal data",
        requisition=summary.name,
        prepared_by=summary.prepared_by,
        prepared_at=summary.prepared_at,
        redaction=Redaction.NONE,
        sections=(),
    )
    keywords: Sequence[str] = ["subject access", "personal data"]
    return render(subject_story(summary), meta, keywords)
