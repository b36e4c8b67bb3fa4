"""Export use cases: gather what a packet says (redacted before it leaves this module, private
notes never read), build the PDF and its JSON summary, and write both atomically."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select

from hirepartner.clock import Clock
from hirepartner.data.database import Database
from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    Competency,
    CompetencyAnchor,
    Decision,
    InterviewStage,
    Person,
    Requisition,
    RoleBriefVersion,
    Scorecard,
    StageFocusCompetency,
    StageQuestion,
)
from hirepartner.domain import ApplicationStatus, rejection_label
from hirepartner.errors import ValidationError
from hirepartner.files import write_atomically
from hirepartner.packets.content import (
    CANDIDATE_SECTIONS,
    SLATE_SECTIONS,
    CandidatePacket,
    CandidateSection,
    CompetencyLine,
    HistoryLine,
    InterviewKit,
    KitCompetency,
    KitQuestion,
    Packet,
    PacketKind,
    PacketMeta,
    RatingLine,
    Redaction,
    RejectionLine,
    Section,
    SlatePacket,
    Takeaway,
    WeeklyUpdate,
)
from hirepartner.packets.progress import Cancelled, Progress
from hirepartner.packets.summary import summary_json
from hirepartner.services.base import Service
from hirepartner.services.compare import CompareService, Comparison, mask_names
from hirepartner.services.metrics import MetricsService
from hirepartner.services.outbox import enqueue, next_version
from hirepartner.services.review import ReviewService

TITLES = {
    PacketKind.CANDIDATE: "Candidate feedback packet",
    PacketKind.SLATE: "Slate packet",
    PacketKind.KIT: "Interview kit",
}


@dataclass(frozen=True)
class ExportResult:
    pdf: Path
    json: Path | None
    pages: int
    size_bytes: int


def _sections(asked: Sequence[Section] | None, allowed: Sequence[Section]) -> tuple[Section, ...]:
    if asked is None:
        return tuple(allowed)
    wrong = [s for s in asked if s not in allowed]
    if wrong:
        raise ValidationError("sections", f"{', '.join(wrong)} is not part of this packet")
    return tuple(s for s in allowed if s in asked)  # always in the packet's own order


class ExportService(Service):
    def __init__(
        self,
        database: Database,
        clock: Clock,
        compare: CompareService,
        review: ReviewService,
        metrics: MetricsService | None = None,
    ) -> None:
        super().__init__(database, clock)
        self._compare = compare
        self._review = review
        self._metrics = metrics

    # -- content ---------------------------------------------------------------------------

    def candidate_packet(
        self,
        application_id: int,
        redaction: Redaction = Redaction.NONE,
        sections: Sequence[Section] | None = None,
    ) -> CandidatePacket:
        comparison = self._compare.packet_comparison(
            [application_id], anonymous=redaction is Redaction.ANONYMOUS
        )
        candidate = self._candidates(comparison, redaction, ranked=False)[0]
        meta = self._meta(
            PacketKind.CANDIDATE,
            comparison.requisition,
            [application_id],
            redaction,
            _sections(sections, CANDIDATE_SECTIONS),
        )
        return CandidatePacket(meta, candidate)

    def application_for_candidate(self, candidate_id: int) -> int:
        """The candidate's most recent application (a packet is about one application)."""
        with self._read() as uow:
            ident = uow.session.scalar(
                select(Application.id)
                .where(Application.candidate_id == candidate_id)
                .order_by(Application.created_at.desc(), Application.id.desc())
                .limit(1)
            )
        if ident is None:
            raise ValidationError(
                "candidate", f"there is no candidate {candidate_id} with an application"
            )
        return ident

    def slate_packet(
        self,
        requisition_id: int,
        redaction: Redaction = Redaction.NONE,
        sections: Sequence[Section] | None = None,
    ) -> SlatePacket:
        comparison = self._compare.requisition_comparison(
            requisition_id, None, anonymous=redaction is Redaction.ANONYMOUS
        )
        candidates = self._candidates(comparison, redaction, ranked=True)
        rejections = tuple(
            RejectionLine(c.label, c.rejection_reason, c.rejection_note)
            for c in candidates
            if c.status == ApplicationStatus.REJECTED.value
        )
        counts = Counter(line.reason for line in rejections)
        meta = self._meta(
            PacketKind.SLATE,
            comparison.requisition,
            [c.application_id for c in candidates],
            redaction,
            _sections(sections, SLATE_SECTIONS),
        )
        return SlatePacket(
            meta,
            tuple((row.competency, row.weight) for row in comparison.rows),
            candidates,
            rejections,
            tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
            self._figures(requisition_id),
        )

    def _figures(self, requisition_id: int) -> tuple[tuple[str, str], ...]:
        """The shared metrics the slate packet carries, each with its n."""
        if self._metrics is None:
            return ()
        board = self._metrics.dashboard(requisition_id)
        figures = [
            ("Feedback within the SLA", board.feedback.within_sla.label()),
            ("Time to feedback", board.feedback.hours.label("h")),
            *[(f"Onward from {s.stage}", s.onward.label()) for s in board.funnel[:-1]],
            ("Slate candidates past the first stage", board.slates_advanced.label()),
            ("Stalled (no move for 14 days)", f"{board.stalled} of {board.active} open"),
            ("Offers and hires", f"{board.offers} offers out, {board.hires} hired"),
        ]
        figures += [(f"Goal: {g.text}", f"{g.status} ({g.detail})") for g in board.goals]
        return tuple(figures)

    def interview_kit(
        self, application_id: int, stage_name: str, interviewer_id: int | None = None
    ) -> InterviewKit:
        detail = self._review.application_detail(application_id)
        with self._read() as uow:
            stage = uow.session.scalar(
                select(InterviewStage).where(
                    InterviewStage.requisition_id == detail.requisition_id,
                    func.lower(InterviewStage.name) == stage_name.strip().lower(),
                )
            )
            if stage is None:
                names = uow.session.scalars(
                    select(InterviewStage.name)
                    .where(InterviewStage.requisition_id == detail.requisition_id)
                    .order_by(InterviewStage.position)
                ).all()
                raise ValidationError(
                    "stage", f"{stage_name!r} is not a stage here; choose one of {', '.join(names)}"
                )
            if interviewer_id is None:
                interviewer_id = self._actor_id(uow)
            interviewer = uow.session.get(Person, interviewer_id) if interviewer_id else None
            card = uow.session.scalar(
                select(Scorecard).where(
                    Scorecard.application_id == application_id,
                    Scorecard.stage_id == stage.id,
                    Scorecard.interviewer_id == interviewer_id,
                )
            )
            brief = uow.session.scalar(
                select(RoleBriefVersion)
                .where(RoleBriefVersion.requisition_id == detail.requisition_id)
                .order_by(RoleBriefVersion.version.desc())
                .limit(1)
            )
            focus = uow.session.scalars(
                select(Competency)
                .join(StageFocusCompetency, StageFocusCompetency.competency_id == Competency.id)
                .where(StageFocusCompetency.stage_id == stage.id, Competency.retired_at.is_(None))
                .order_by(Competency.position, Competency.id)
            ).all()
            anchors: dict[int, list[tuple[int, str]]] = {}
            for anchor in uow.session.scalars(
                select(CompetencyAnchor)
                .where(CompetencyAnchor.competency_id.in_([c.id for c in focus]))
                .order_by(CompetencyAnchor.level)
            ):
                anchors.setdefault(anchor.competency_id, []).append((anchor.level, anchor.text))
            questions = uow.session.execute(
                select(StageQuestion.text, Competency.name)
                .outerjoin(Competency, Competency.id == StageQuestion.competency_id)
                .where(StageQuestion.stage_id == stage.id)
                .order_by(StageQuestion.position, StageQuestion.id)
            ).all()
            times = [t for t in (detail.entered_stage_at, brief.created_at if brief else None) if t]
            meta = PacketMeta(
                PacketKind.KIT,
                f"{TITLES[PacketKind.KIT]}: {stage.name}",
                detail.requisition,
                interviewer.name if interviewer else "",
                max(times),
                Redaction.NONE,
                (),
            )
            return InterviewKit(
                meta=meta,
                interviewer=interviewer.name if interviewer else "",
                stage=stage.name,
                interview_at=card.interview_at if card else None,
                brief_summary=brief.summary if brief else "",
                must_haves=tuple(brief.must_haves) if brief else (),
                nice_to_haves=tuple(brief.nice_to_haves) if brief else (),
                deal_breakers=tuple(brief.deal_breakers) if brief else (),
                ideal_profile=brief.ideal_profile if brief else "",
                competencies=tuple(
                    KitCompetency(c.name, c.description, tuple(anchors.get(c.id, ())))
                    for c in focus
                ),
                questions=tuple(KitQuestion(name or "", text) for text, name in questions),
                candidate=detail.full_name,
                candidate_title=detail.current_title,
                candidate_employer=detail.current_company,
                candidate_location=detail.location,
                pitch=detail.pitch,
            )

    def _candidates(
        self, comparison: Comparison, redaction: Redaction, ranked: bool
    ) -> tuple[CandidateSection, ...]:
        anonymous = redaction is Redaction.ANONYMOUS
        totals = redaction is Redaction.TOTALS
        ids = [c.application_id for c in comparison.candidates]
        decisions = self._latest_decisions(ids)
        sections = []
        for n, compared in enumerate(comparison.candidates):
            detail = self._review.application_detail(compared.application_id)
            names = [detail.full_name]

            def hide(text: str, label: str = compared.label, names: list[str] = names) -> str:
                return mask_names(text, names, label) if anonymous else text

            lines = []
            for row in comparison.rows:
                cell = row.cells[n]
                ratings = tuple(
                    RatingLine("", None, d.evidence, d.stage)
                    if totals
                    else RatingLine(d.interviewer, d.level, d.evidence, d.stage)
                    for d in sorted(row.details[n], key=lambda d: (d.interviewer, d.stage))
                )
                lines.append(
                    CompetencyLine(
                        row.competency, row.weight, cell.mean, cell.n, cell.low, cell.high, ratings
                    )
                )
            decision = decisions.get(compared.application_id)
            rejected = detail.status == ApplicationStatus.REJECTED.value
            sections.append(
                CandidateSection(
                    application_id=compared.application_id,
                    label=compared.label,
                    title=detail.current_title,
                    employer="" if anonymous else detail.current_company,
                    location="" if anonymous else detail.location,
                    stage=detail.stage,
                    status=detail.status,
                    rank=0,
                    weighted=compared.weighted.value,
                    competencies_rated=compared.weighted.competencies_rated,
                    competencies_total=compared.weighted.competencies,
                    recommendations=compared.recommendations,
                    strongest=compared.strongest,
                    weakest=compared.weakest,
                    decision=decision.outcome if decision else "",
                    decision_rationale=hide(decision.rationale) if decision else "",
                    decision_at=decision.at if decision else None,
                    rejection_reason=rejection_label(detail.rejection_reason) if rejected else "",
                    rejection_note=hide(detail.rejection_note) if rejected else "",
                    competencies=tuple(lines),
                    takeaways=tuple(
                        Takeaway("" if totals else t.interviewer, t.text, t.stage)
                        for t in compared.takeaways
                    ),
                    history=tuple(HistoryLine(h.at, hide(h.text)) for h in detail.history),
                )
            )
        if ranked:
            order = sorted(
                sections,
                key=lambda s: (s.weighted is None, -(s.weighted or 0.0), s.label, s.application_id),
            )
            rank = 0
            ranked_sections = []
            for section in order:
                if section.weighted is not None:
                    rank += 1
                ranked_sections.append(
                    replace(section, rank=rank if section.weighted is not None else 0)
                )
            return tuple(ranked_sections)
        return tuple(sections)

    def _latest_decisions(self, application_ids: Sequence[int]) -> dict[int, Decision]:
        with self._read() as uow:
            found: dict[int, Decision] = {}
            for decision in uow.session.scalars(
                select(Decision)
                .where(Decision.application_id.in_(application_ids))
                .order_by(Decision.at, Decision.id)
            ):
                found[decision.application_id] = decision
                uow.session.expunge(decision)
            return found

    def _meta(
        self,
        kind: PacketKind,
        requisition: str,
        application_ids: Sequence[int],
        redaction: Redaction,
        sections: tuple[Section, ...],
    ) -> PacketMeta:
        """The packet's metadata; its date is the newest change in the data it shows, so the
        same data always gives the same file."""
        with self._read() as uow:
            me = uow.people.self_person()
            prepared_by = me.name if me else ""
            newest = [
                uow.session.scalar(
                    select(func.max(ApplicationEvent.at)).where(
                        ApplicationEvent.application_id.in_(application_ids)
                    )
                ),
                uow.session.scalar(
                    select(func.max(Scorecard.updated_at)).where(
                        Scorecard.application_id.in_(application_ids)
                    )
                ),
                uow.session.scalar(
                    select(func.max(Decision.at)).where(
                        Decision.application_id.in_(application_ids)
                    )
                ),
                uow.session.scalar(
                    select(func.max(Application.created_at)).where(
                        Application.id.in_(application_ids)
                    )
                ),
                uow.session.scalar(select(func.min(Requisition.created_at))),
            ]
        prepared_at = max(t for t in newest if t is not None)
        return PacketMeta(
            kind,
            TITLES[kind],
            requisition,
            prepared_by,
            prepared_at,
            redaction,
            sections,
        )

    # -- files -----------------------------------------------------------------------------

    def write(
        self,
        packet: Packet,
        pdf_path: Path,
        json_path: Path | None = None,
        password: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        send: bool = False,
    ) -> ExportResult:
        """Build the PDF (and JSON) and write them; a cancelled or failed export writes nothing.
        With `send`, the PDF and its summary also go to the recruiter through the exchange."""
        from hirepartner.packets.build import build_pdf  # reportlab is imported on first export

        outputs = (pdf_path,) if json_path is None else (pdf_path, json_path)
        self.outputs.check(*outputs)  # refuse before the work, not after it
        pdf = build_pdf(packet, password, progress, cancelled)
        summary = summary_json(packet)
        files = [(pdf_path, pdf.content)]
        if json_path is not None:
            files.append((json_path, summary))
        write_atomically(files, self.outputs)
        if send:
            self.send(packet, pdf_path.name, pdf.content, summary)
        return ExportResult(pdf_path, json_path, pdf.pages, len(pdf.content))

    def send(self, packet: Packet, file_name: str, pdf: bytes, summary: bytes) -> None:
        """Queue a packet envelope (the PDF and its JSON summary) for the recruiter."""
        from hirepartner.packets.update import body_text

        text = body_text(packet)
        meta = packet.meta
        code = meta.requisition.split(" ")[0]
        if isinstance(packet, CandidatePacket):
            about = (
                f"anon:{packet.candidate.application_id}"
                if (meta.redaction is Redaction.ANONYMOUS)
                else self._email(packet.candidate.application_id)
            )
        elif isinstance(packet, SlatePacket):
            about = "slate"
        elif isinstance(packet, InterviewKit):
            about = f"kit:{packet.stage}"
        elif isinstance(packet, WeeklyUpdate):
            about = f"update:{packet.until:%Y-%m-%d}"
        else:
            about = f"hire:{packet.candidate}"
        record_id = f"packet:{meta.kind.value}:{code}:{about}".lower()
        stem = file_name[:-4] if file_name.lower().endswith(".pdf") else file_name
        payload = {
            "subject": f"{meta.title}: {meta.requisition}",
            "text": text
            or f"{meta.title} for {meta.requisition}, prepared by {meta.prepared_by}.\n"
            "The PDF and its machine-readable summary are attached.",
            "packet": meta.kind.value,
            "requisition": code,
            "redaction": meta.redaction.value,
        }
        now = self._clock()
        with self._uow() as uow:
            enqueue(
                uow.session,
                now,
                kind="packet",
                record_id=record_id,
                version=next_version(uow.session, record_id),
                payload=payload,
                attachments={f"{stem}.pdf": pdf, f"{stem}.json": summary},
            )
            uow.commit()

    def _email(self, application_id: int) -> str:
        with self._read() as uow:
            application = uow.applications.get(application_id)
            return application.candidate.email or f"application-{application_id}"
