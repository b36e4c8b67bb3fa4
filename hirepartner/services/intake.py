"""Intake: the role brief (versioned, agreed by both sides), competencies with anchors, and the
interview plan (stages, interviewers, focus competencies, questions). What each part reads lives
in role_brief, competency_list and interview_plan; the changes are here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from sqlalchemy import delete, func, select, update

from hirepartner.data.models import (
    Competency,
    CompetencyAnchor,
    InterviewStage,
    Rating,
    RoleBriefVersion,
    StageFocusCompetency,
    StageInterviewer,
    StageQuestion,
)
from hirepartner.domain import RATING_MAX, Role, ScoringVisibility
from hirepartner.errors import InvalidValue, ValidationError
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes
from hirepartner.services.competency_list import (
    CompetencyInfo,
    active_competencies,
    carry_over,
    rated_counts,
)
from hirepartner.services.competency_templates import TEMPLATES, CompetencyTemplate
from hirepartner.services.interview_plan import (
    PersonChoice,
    StagePlan,
    interview_plan,
    panel_choices,
)
from hirepartner.services.role_brief import (
    BriefView,
    brief_versions,
    brief_view,
    clean_list,
)

# The intake dialog imports these from here.
__all__ = [
    "BriefView",
    "CompetencyInfo",
    "IntakeSaved",
    "IntakeService",
    "PersonChoice",
    "StagePlan",
]


T = TypeVar("T")


@dataclass(frozen=True)
class IntakeSaved(Generic[T]):
    """What an intake write leaves: the brief, the competencies or the plan as they now stand,
    and what changed (that requisition)."""

    requisition_id: int
    value: T

    @property
    def changes(self) -> Changes:
        return Changes.of_requisition(self.requisition_id)


class IntakeService(Service):
    # The role brief ------------------------------------------------------------------------------

    def brief(self, requisition_id: int) -> BriefView:
        with self._read() as uow:
            return brief_view(uow, requisition_id)

    def save_brief(
        self,
        requisition_id: int,
        *,
        summary: str,
        must_haves: Sequence[str],
        nice_to_haves: Sequence[str],
        deal_breakers: Sequence[str],
        ideal_profile: str,
        feedback_sla_hours: int,
        target_hire_date: date | None,
        scoring_visibility: str,
    ) -> IntakeSaved[BriefView]:
        """A new brief version when its words changed (agreement starts over), and the
        timeline and scoring settings."""
        if feedback_sla_hours < 1:
            raise ValidationError("feedback SLA", "must be at least 1 hour")
        try:
            ScoringVisibility(scoring_visibility)
        except ValueError:
            raise ValidationError(
                "scoring visibility", f"{scoring_visibility!r} is unknown"
            ) from None
        now = self._clock()
        with self._uow() as uow:
            requisition = uow.requisitions.get(requisition_id)
            versions = brief_versions(uow, requisition_id)
            words = (
                summary.strip(),
                tuple(clean_list(must_haves)),
                tuple(clean_list(nice_to_haves)),
                tuple(clean_list(deal_breakers)),
                ideal_profile.strip(),
            )
            current = versions[-1] if versions else None
            if current is None or words != (
                current.summary,
                current.must_haves,
                current.nice_to_haves,
                current.deal_breakers,
                current.ideal_profile,
            ):
                uow.session.add(
                    RoleBriefVersion(
                        requisition_id=requisition_id,
                        version=len(versions) + 1,
                        summary=words[0],
                        must_haves=list(words[1]),
                        nice_to_haves=list(words[2]),
                        deal_breakers=list(words[3]),
                        ideal_profile=words[4],
                        author_id=self._actor_id(uow),
                        created_at=now,
                    )
                )
                uow.audit.record(
                    now,
                    self._actor_id(uow),
                    "brief",
                    "requisition",
                    requisition_id,
                    {"version": len(versions) + 1},
                )
            requisition.feedback_sla_hours = feedback_sla_hours
            requisition.target_hire_date = target_hire_date
            requisition.scoring_visibility = scoring_visibility
            uow.commit()
        return IntakeSaved(requisition_id, self.brief(requisition_id))

    def agree_brief(self, requisition_id: int) -> IntakeSaved[BriefView]:
        """Mark the current version agreed, on the side (manager or recruiter) of the user."""
        now = self._clock()
        with self._uow() as uow:
            me = uow.people.self_person()
            if me is None:
                raise ValidationError("profile", "say who you are before agreeing a brief")
            latest = uow.session.scalars(
                select(RoleBriefVersion)
                .where(RoleBriefVersion.requisition_id == requisition_id)
                .order_by(RoleBriefVersion.version.desc())
            ).first()
            if latest is None:
                raise ValidationError("brief", "there is no brief to agree yet")
            if me.role == Role.RECRUITER.value:
                latest.agreed_by_recruiter_at = now
            else:
                latest.agreed_by_manager_at = now
            uow.audit.record(
                now,
                me.id,
                "agree_brief",
                "requisition",
                requisition_id,
                {"version": latest.version},
            )
            uow.commit()
        return IntakeSaved(requisition_id, self.brief(requisition_id))

    # Competencies -------------------------------------------------------------------------------

    def competencies(self, requisition_id: int) -> tuple[CompetencyInfo, ...]:
        with self._read() as uow:
            uow.requisitions.get(requisition_id)
            return tuple(active_competencies(uow, requisition_id))

    def save_competency(
        self,
        requisition_id: int,
        competency_id: int | None,
        *,
        name: str,
        description: str,
        category: str,
        weight: float,
        anchors: Sequence[str],
    ) -> IntakeSaved[tuple[CompetencyInfo, ...]]:
        """Add or edit. An edit to one that submitted scorecards rated keeps the old version
        for them and carries on with a new one (drafts move with it)."""
        name = " ".join(name.split())
        if not name:
            raise ValidationError("name", "a competency needs a name")
        if weight <= 0:
            raise ValidationError("weight", "must be more than 0")
        anchors = [anchor.strip() for anchor in anchors]
        if len(anchors) != RATING_MAX or not all(anchors):
            raise ValidationError("anchors", f"describe all {RATING_MAX} levels")
        now = self._clock()
        with self._uow() as uow:
            uow.requisitions.get(requisition_id)
            active = {c.name.casefold(): c.id for c in active_competencies(uow, requisition_id)}
            if active.get(name.casefold(), competency_id) != competency_id:
                raise ValidationError("name", f"{name!r} is already a competency here")
            values = {
                "name": name,
                "description": description.strip(),
                "category": category.strip(),
                "weight": weight,
            }
            if competency_id is None:
                position = len(active)
                competency = Competency(requisition_id=requisition_id, position=position, **values)
                uow.session.add(competency)
            else:
                old = uow.session.get(Competency, competency_id)
                if old is None or old.requisition_id != requisition_id or old.retired_at:
                    raise ValidationError("competency", f"{competency_id} is not active here")
                if rated_counts(uow, [competency_id]).get(competency_id):
                    competency = Competency(
                        requisition_id=requisition_id,
                        position=old.position,
                        replaces_id=old.id,
                        **values,
                    )
                    uow.session.add(competency)
                    uow.session.flush()
                    old.retired_at = now
                    carry_over(uow, old.id, competency.id)
                else:
                    competency = old
                    for key, value in values.items():
                        setattr(competency, key, value)
                    uow.session.execute(
                        delete(CompetencyAnchor).where(
                            CompetencyAnchor.competency_id == competency.id
                        )
                    )
            uow.session.flush()
            for level, text in enumerate(anchors, start=1):
                uow.session.add(
                    CompetencyAnchor(competency_id=competency.id, level=level, text=text)
                )
            uow.audit.record(
                now, self._actor_id(uow), "save_competency", "competency", competency.id
            )
            uow.commit()
            return IntakeSaved(requisition_id, tuple(active_competencies(uow, requisition_id)))

    def move_competency(
        self, competency_id: int, delta: int
    ) -> IntakeSaved[tuple[CompetencyInfo, ...]]:
        with self._uow() as uow:
            competency = uow.session.get(Competency, competency_id)
            if competency is None:
                raise ValidationError("competency", f"no competency {competency_id}")
            ordered = [c.id for c in active_competencies(uow, competency.requisition_id)]
            index = ordered.index(competency_id)
            target = max(0, min(len(ordered) - 1, index + delta))
            ordered.insert(target, ordered.pop(index))
            for position, ident in enumerate(ordered):
                uow.session.execute(
                    update(Competency).where(Competency.id == ident).values(position=position)
                )
            uow.commit()
            requisition_id = competency.requisition_id
            return IntakeSaved(requisition_id, tuple(active_competencies(uow, requisition_id)))

    def remove_competency(self, competency_id: int) -> IntakeSaved[tuple[CompetencyInfo, ...]]:
        now = self._clock()
        with self._uow() as uow:
            competency = uow.session.get(Competency, competency_id)
            if competency is None:
                raise ValidationError("competency", f"no competency {competency_id}")
            requisition_id = competency.requisition_id
            used = uow.session.scalar(
                select(func.count())
                .select_from(Rating)
                .where(Rating.competency_id == competency_id)
            )
            if used:
                competency.retired_at = now  # its ratings keep their words
            else:
                uow.session.delete(competency)
            uow.audit.record(
                now, self._actor_id(uow), "remove_competency", "competency", competency_id
            )
            uow.commit()
            return IntakeSaved(requisition_id, tuple(active_competencies(uow, requisition_id)))

    def template_names(self) -> tuple[str, ...]:
        return tuple(TEMPLATES)

    def apply_template(
        self, requisition_id: int, template: str
    ) -> IntakeSaved[tuple[CompetencyInfo, ...]]:
        """Add a template's competencies (those not already there by name)."""
        if template not in TEMPLATES:
            raise ValidationError("template", f"no template called {template!r}")
        return self._add_missing(requisition_id, TEMPLATES[template])

    def copy_competencies(
        self, from_requisition: int, to_requisition: int
    ) -> IntakeSaved[tuple[CompetencyInfo, ...]]:
        """Add another requisition's competencies (those not already there by name)."""
        return self._add_missing(to_requisition, self.competencies(from_requisition))

    def _add_missing(
        self, requisition_id: int, items: Sequence[CompetencyTemplate | CompetencyInfo]
    ) -> IntakeSaved[tuple[CompetencyInfo, ...]]:
        result = self.competencies(requisition_id)
        have = {c.name.casefold() for c in result}
        for item in items:
            if item.name.casefold() not in have:
                result = self.save_competency(
                    requisition_id,
                    None,
                    name=item.name,
                    description=item.description,
                    category=item.category,
                    weight=item.weight,
                    anchors=item.anchors,
                ).value
        return IntakeSaved(requisition_id, result)

    # The interview plan ------------------------------------------------------------------------

    def people(self) -> tuple[PersonChoice, ...]:
        """Everyone who can be on a panel; retired people only show where they already are."""
        with self._read() as uow:
            return panel_choices(uow)

    def plan(self, requisition_id: int) -> tuple[StagePlan, ...]:
        with self._read() as uow:
            return interview_plan(uow, requisition_id)

    def save_stage(
        self,
        requisition_id: int,
        stage_id: int | None,
        *,
        name: str,
        target_date: date | None,
        interviewer_ids: Sequence[int],
        focus_ids: Sequence[int],
        questions: Sequence[str],
    ) -> IntakeSaved[tuple[StagePlan, ...]]:
        name = " ".join(name.split())
        if not name:
            raise ValidationError("stage name", "a stage needs a name")
        now = self._clock()
        with self._uow() as uow:
            stages = uow.requisitions.stages([requisition_id])
            if any(s.name.casefold() == name.casefold() and s.id != stage_id for s in stages):
                raise ValidationError("stage name", f"{name!r} is already a stage here")
            active = {c.id for c in active_competencies(uow, requisition_id)}
            if set(focus_ids) - active:
                raise ValidationError("focus", "focus competencies must belong to this requisition")
            already = set(
                uow.session.scalars(
                    select(StageInterviewer.person_id).where(StageInterviewer.stage_id == stage_id)
                )
                if stage_id is not None
                else ()
            )
            for person_id in interviewer_ids:
                person = uow.people.get(person_id)
                if person.retired_at is not None and person_id not in already:
                    raise InvalidValue(
                        "interviewers",
                        f"{person.name} is retired; reinstate them under People to add them "
                        "to a panel.",
                    )
            if stage_id is None:
                stage = InterviewStage(
                    requisition_id=requisition_id,
                    name=name,
                    position=len(stages),
                    target_date=target_date,
                )
                uow.session.add(stage)
                uow.session.flush()
            else:
                stage = uow.requisitions.stage(stage_id)
                if stage.requisition_id != requisition_id:
                    raise ValidationError("stage", "belongs to another requisition")
                stage.name, stage.target_date = name, target_date
            for model in (StageInterviewer, StageFocusCompetency, StageQuestion):
                uow.session.execute(delete(model).where(model.stage_id == stage.id))
            for person_id in sorted(set(interviewer_ids)):
                uow.session.add(StageInterviewer(stage_id=stage.id, person_id=person_id))
            for competency_id in sorted(set(focus_ids)):
                uow.session.add(
                    StageFocusCompetency(stage_id=stage.id, competency_id=competency_id)
                )
            for position, text in enumerate(clean_list(questions)):
                uow.session.add(StageQuestion(stage_id=stage.id, position=position, text=text))
            uow.audit.record(now, self._actor_id(uow), "save_stage", "interview_stage", stage.id)
            uow.commit()
        return IntakeSaved(requisition_id, self.plan(requisition_id))

    def move_stage_in_plan(self, stage_id: int, delta: int) -> IntakeSaved[tuple[StagePlan, ...]]:
        with self._uow() as uow:
            stage = uow.requisitions.stage(stage_id)
            ordered = [s.id for s in uow.requisitions.stages([stage.requisition_id])]
            index = ordered.index(stage_id)
            target = max(0, min(len(ordered) - 1, index + delta))
            ordered.insert(target, ordered.pop(index))
            # Two passes keep (requisition, position) unique at every step.
            for position, ident in enumerate(ordered):
                uow.session.execute(
                    update(InterviewStage)
                    .where(InterviewStage.id == ident)
                    .values(position=-1 - position)
                )
            for position, ident in enumerate(ordered):
                uow.session.execute(
                    update(InterviewStage)
                    .where(InterviewStage.id == ident)
                    .values(position=position)
                )
            uow.commit()
            requisition_id = stage.requisition_id
        return IntakeSaved(requisition_id, self.plan(requisition_id))
