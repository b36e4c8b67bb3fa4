"""The packet's document: A4 pages with a header (the requisition) and a footer (confidential,
"page X of Y"), PDF metadata, byte-identical output for the same data, optional AES-256, and
progress and cancellation while it is built."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate

from hirepartner.packets.content import PacketMeta
from hirepartner.packets.encryption import encrypt
from hirepartner.packets.fonts import BASE
from hirepartner.packets.progress import Cancelled, ExportCancelled, Progress
from hirepartner.packets.styles import MUTED, RULE, styles
from hirepartner.packets.text import para

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
HEADER_SPACE = 12 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CREATOR = "HirePartner"


@dataclass(frozen=True)
class BuiltPdf:
    content: bytes
    pages: int


def _timestamp(at: datetime) -> TimeStamp:
    """reportlab's creation and modification date, taken from the data instead of the clock."""
    stamp = TimeStamp(invariant=True)
    stamp.t = at.timestamp() if at.tzinfo else at.replace(tzinfo=None).timestamp()
    stamp.lt = at.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


def _numbered_canvas(meta: PacketMeta) -> type[Canvas]:
    """A canvas that holds its pages until the end, to write "page X of Y" and the header."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _timestamp(meta.prepared_at)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = self.page_total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            page = self._pageNumber
            sheet = styles()
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            if page > 1:
                header = para(meta.requisition, sheet.muted)
                header.wrapOn(self, CONTENT_WIDTH * 0.6, HEADER_SPACE)
                header.drawOn(self, MARGIN, PAGE_HEIGHT - MARGIN + 3 * mm)
                # The title may hold user text (a stage name): a paragraph, so it renders too.
                title = para(
                    meta.title, ParagraphStyle("title", parent=sheet.muted, alignment=TA_RIGHT)
                )
                title.wrapOn(self, CONTENT_WIDTH * 0.4, HEADER_SPACE)
                title.drawOn(self, MARGIN + CONTENT_WIDTH * 0.6, PAGE_HEIGHT - MARGIN + 3 * mm)
                self.line(
                    MARGIN,
                    PAGE_HEIGHT - MARGIN + 1.5 * mm,
                    PAGE_WIDTH - MARGIN,
                    PAGE_HEIGHT - MARGIN + 1.5 * mm,
                )
            self.line(MARGIN, MARGIN - 4 * mm, PAGE_WIDTH - MARGIN, MARGIN - 4 * mm)
            self.setFont(BASE.regular, 8)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, MARGIN - 8 * mm, "Confidential: for the hiring team only")
            self.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 8 * mm, f"Page {page} of {total}")
            self.restoreState()

    return NumberedCanvas


class PacketDocument(BaseDocTemplate):  # type: ignore[misc]
    """Page templates (cover, then body) and progress reporting per flowable laid out."""

    def __init__(
        self,
        target: io.BytesIO,
        meta: PacketMeta,
        keywords: Sequence[str],
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=meta.title,
            author=meta.prepared_by,
            subject=f"{meta.title}: {meta.requisition}",
            keywords=list(keywords),
            creator=CREATOR,
            producer=CREATOR,
            lang="en",
            invariant=1,
        )
        frame = Frame(MARGIN, MARGIN, CONTENT_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body")
        self.addPageTemplates(
            [PageTemplate(id="cover", frames=[frame]), PageTemplate(id="body", frames=[frame])]
        )
        self._progress = progress
        self._cancelled = cancelled
        self._total = 1
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        self._done += 1
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled()
        if self._progress is not None:
            self._progress(min(0.99, self._done / self._total))

    def render(self, story: list[Flowable], meta: PacketMeta) -> int:
        """Lay out the story; returns the number of pages."""
        self._total = max(1, len(story))
        self.build([NextPageTemplate("body"), *story], canvasmaker=_numbered_canvas(meta))
        return int(self.canv.page_total)


def render(
    story: list[Flowable],
    meta: PacketMeta,
    keywords: Sequence[str],
    password: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BuiltPdf:
    """The PDF of a story; raises ExportCancelled if `cancelled` turns true on the way."""
    target = io.BytesIO()
    document = PacketDocument(target, meta, keywords, progress, cancelled)
    pages = document.render(story, meta)
    content = target.getvalue()
    if password:
        content = encrypt(content, password)
    if progress is not None:
        progress(1.0)
    return BuiltPdf(content, pages)
