"""Export use cases: gather what a packet says (redacted before it leaves this module, private
notes never read), build the PDF and its JSON summary, and write both atomically."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select

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
from hirepartner.data.unit_of_work import UnitOfWork
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
)
from hirepartner.packets.progress import Cancelled, Progress
from hirepartner.packets.summary import summary_json
from hirepartner.services.base import Service
from hirepartner.services.packet_outbox import queue_packet
from hirepartner.services.views.applications import ApplicationDetail, application_details
from hirepartner.services.views.comparison import (
    Comparison,
    comparison,
    mask_names,
    requisition_applications,
    said_by_text,
)
from hirepartner.services.views.comparison import Takeaway as ComparedTakeaway
from hirepartner.services.views.dashboard import dashboard, figures
from hirepartner.services.views.requisitions import RequisitionRef

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
    # -- content: each packet is one snapshot, read in one unit of work -------------------

    def candidate_packet(
        self,
        application_id: int,
        redaction: Redaction = Redaction.NONE,
        sections: Sequence[Section] | None = None,
    ) -> CandidatePacket:
        now = self._clock()
        with self._read() as uow:
            reader = self._actor_id(uow)  # who prepares it sees what they may see, no more
            compared = comparison(
                uow, [application_id], reader, redaction is Redaction.ANONYMOUS, None
            )
            details = application_details(uow, [application_id], now, reader)
            candidate = _candidates(
                compared, details, latest_decisions(uow, [application_id]), redaction, False
            )[0]
            meta = _meta(
                uow,
                PacketKind.CANDIDATE,
                compared.ref,
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
        now = self._clock()
        with self._read() as uow:
            ids = requisition_applications(uow, requisition_id)
            reader = self._actor_id(uow)  # who prepares it sees what they may see, no more
            compared = comparison(uow, ids, reader, redaction is Redaction.ANONYMOUS, None)
            details = application_details(uow, ids, now, reader)
            candidates = _candidates(compared, details, latest_decisions(uow, ids), redaction, True)
            meta = _meta(
                uow,
                PacketKind.SLATE,
                compared.ref,
                [c.application_id for c in candidates],
                redaction,
                _sections(sections, SLATE_SECTIONS),
            )
            board = dashboard(uow, now, requisition_id)
        rejections = tuple(
            RejectionLine(c.label, c.rejection_reason, c.rejection_note)
            for c in candidates
            if c.status == ApplicationStatus.REJECTED.value
        )
        counts = Counter(line.reason for line in rejections)
        return SlatePacket(
            meta,
            tuple((row.competency, row.weight) for row in compared.rows),
            candidates,
            rejections,
            tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
            tuple((figure.name, figure.value) for figure in figures(board)),
        )

    def interview_kit(
        self, application_id: int, stage_name: str, interviewer_id: int | None = None
    ) -> InterviewKit:
        now = self._clock()
        with self._read() as uow:
            detail = application_details(uow, [application_id], now, None)[application_id]
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
                detail.ref.code,
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
        with self._uow() as uow:  # exports are audited (reading is not)
            meta = packet.meta
            about = packet.candidate if isinstance(packet, CandidatePacket) else None
            uow.audit.record(
                self._clock(),
                self._actor_id(uow),
                "export_packet",
                "application" if about is not None else "packet",
                about.application_id if about is not None else None,
                {"kind": meta.kind.value, "requisition": meta.requisition_code, "sent": send},
            )
            uow.commit()
        return ExportResult(pdf_path, json_path, pdf.pages, len(pdf.content))

    def send(self, packet: Packet, file_name: str, pdf: bytes, summary: bytes) -> None:
        """Queue a packet envelope (the PDF and its JSON summary) for the recruiter."""
        now = self._clock()
        with self._uow() as uow:
            queue_packet(uow, now, packet, file_name, pdf, summary)
            uow.commit()


def _candidates(
    comparison: Comparison,
    details: Mapping[int, ApplicationDetail],
    decisions: Mapping[int, Decision],
    redaction: Redaction,
    ranked: bool,
) -> tuple[CandidateSection, ...]:
    """Each candidate's section, from the comparison and their details (ranked: by weighted
    score, the unscored last)."""
    anonymous = redaction is Redaction.ANONYMOUS
    totals = redaction is Redaction.TOTALS
    sections = []
    labels = {c.application_id: c.label for c in comparison.candidates}
    for n, compared in enumerate(comparison.candidates):
        detail = details[compared.application_id]
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
                takeaways=tuple(_takeaway(t, totals) for t in compared.takeaways),
                history=tuple(HistoryLine(h.at, hide(h.text)) for h in detail.history),
                weighted_low=compared.weighted.low,
                weighted_high=compared.weighted.high,
                single_rating_competencies=compared.weighted.single_rating_cells,
                about_level_with=tuple(
                    labels[i] for i in compared.ranking.about_level_with if ranked
                ),
                listed_apart=compared.ranking.listed_apart,
                hidden_scorecards=compared.hidden_scorecards,
            )
        )
    if ranked:
        # The comparison's ranking: a coverage-aware estimate, about level shares a rank, the
        # rejected and withdrawn listed apart (scoring/ranking.py).
        by_id = {s.application_id: s for s in sections}
        rank_of = {c.application_id: c.ranking.rank or 0 for c in comparison.candidates}
        return tuple(replace(by_id[i], rank=rank_of[i]) for i in comparison.ranking_order)
    return tuple(sections)


def _takeaway(said: ComparedTakeaway, totals: bool) -> Takeaway:
    """A takeaway for a packet, crediting everyone who wrote it; under totals-only redaction
    no interviewer is named, only the stages."""
    if len(said.said_by) < 2:
        return Takeaway("" if totals else said.interviewer, said.text, said.stage)
    if totals:
        stages = dict.fromkeys(stage for _who, stage in said.said_by if stage)
        by = "; ".join(stages) if len(stages) > 1 else ""
        return Takeaway("", said.text, said.stage, by)
    return Takeaway(said.interviewer, said.text, said.stage, said_by_text(said.said_by))


def latest_decisions(uow: UnitOfWork, application_ids: Sequence[int]) -> dict[int, Decision]:
    """Each application's newest decision, by application id."""
    found: dict[int, Decision] = {}
    for decision in uow.session.scalars(
        select(Decision)
        .where(Decision.application_id.in_(application_ids))
        .order_by(Decision.at, Decision.id)
    ):
        found[decision.application_id] = decision
    return found


def _meta(
    uow: UnitOfWork,
    kind: PacketKind,
    requisition: RequisitionRef,
    application_ids: Sequence[int],
    redaction: Redaction,
    sections: tuple[Section, ...],
) -> PacketMeta:
    """The packet's metadata; its date is the newest change in the data it shows, so the
    same data always gives the same file."""
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
            select(func.max(Decision.at)).where(Decision.application_id.in_(application_ids))
        ),
        uow.session.scalar(
            select(func.max(Application.created_at)).where(Application.id.in_(application_ids))
        ),
        uow.session.scalar(select(func.min(Requisition.created_at))),
    ]
    prepared_at = max(t for t in newest if t is not None)
    return PacketMeta(
        kind,
        TITLES[kind],
        requisition.label,
        prepared_by,
        prepared_at,
        redaction,
        sections,
        requisition.code,
    )
