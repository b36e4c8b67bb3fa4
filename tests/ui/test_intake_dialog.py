"""The intake editor: brief versions with the change banner, competencies, the plan."""

from datetime import date

import pytest

from hirepartner.ui.intake.intake_dialog import IntakeDialog
from hirepartner.ui.ops import BackgroundOps


@pytest.fixture
def intake(qtbot, demo_services):
    ops = BackgroundOps()
    dialog = IntakeDialog(
        demo_services.intake,
        ops,
        1,
        "REQ-1042 Senior Backend Engineer",
        [(2, "REQ-1043 Engineering Manager, Platform")],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan.stages.count() > 0, timeout=5000)
    yield dialog
    ops.wait_idle()


def test_editing_the_brief_after_a_slate_shows_what_changed(qtbot, intake, artifacts_dir):
    assert intake.brief_state.text().startswith("Version 1 · agreed by manager and recruiter")
    intake.must_haves.setPlainText(intake.must_haves.toPlainText() + "\nRust in production")
    intake.sla.setValue(36)
    intake.save_brief.click()
    qtbot.waitUntil(lambda: intake.brief_state.text().startswith("Version 2"), timeout=5000)
    assert "agreed by nobody yet" in intake.brief_state.text()
    assert intake.brief_banner.isVisible()
    assert "Must-haves added: Rust in production" in intake.brief_banner.text()
    intake.agree.click()
    qtbot.waitUntil(lambda: "agreed by manager" in intake.brief_state.text(), timeout=5000)
    assert intake.service.brief(1).feedback_sla_hours == 36
    intake.grab().save(str(artifacts_dir / "intake-brief.png"))


def test_competencies_from_a_template_and_edited_anchors(qtbot, intake, artifacts_dir):
    intake.tabs.setCurrentIndex(1)
    before = intake.competencies.count()
    intake.apply_template("Engineering manager")
    qtbot.waitUntil(lambda: intake.competencies.count() > before, timeout=5000)
    intake.competencies.setCurrentRow(0)
    assert intake.c_name.text() == intake.competency_list[0].name
    assert all(box.toPlainText() for box in intake.c_anchors)
    intake.c_anchors[3].setPlainText("Designs for a decade; teaches the whole floor.")
    intake.save_competency.click()
    qtbot.waitUntil(
        lambda: any("teaches the whole floor" in c.anchors[3] for c in intake.competency_list),
        timeout=5000,
    )
    intake.grab().save(str(artifacts_dir / "intake-competencies.png"))


def test_adding_a_stage_to_the_plan(qtbot, intake, artifacts_dir):
    intake.tabs.setCurrentIndex(2)
    stages = intake.plan.stages.count()
    intake.plan.add_stage.click()
    intake.plan.s_name.setText("Reference check")
    intake.plan.s_date.setDate(intake.plan.s_date.date().currentDate())
    intake.plan.s_interviewers.item(0).setCheckState(
        intake.plan.s_interviewers.item(0).checkState().Checked
    )
    intake.plan.s_focus.item(0).setCheckState(intake.plan.s_focus.item(0).checkState().Checked)
    intake.plan.s_questions.setPlainText(
        "How did they handle feedback?\nWould you work with them again?"
    )
    intake.plan.save_stage.click()
    qtbot.waitUntil(lambda: intake.plan.stages.count() == stages + 1, timeout=5000)
    added = intake.plan.stage_list[-1]
    assert added.name == "Reference check"
    assert added.target_date == date.today()
    assert len(added.interviewer_ids) == 1
    assert len(added.focus_ids) == 1
    assert added.questions == ("How did they handle feedback?", "Would you work with them again?")
    intake.plan.stages.setCurrentRow(0)
    intake.grab().save(str(artifacts_dir / "intake-plan.png"))


def test_the_plan_offers_people_added_in_the_app_and_marks_retired_ones(
    qtbot, demo_services, intake
):
    plan = demo_services.intake.plan(1)
    row, stage = next((n, s) for n, s in enumerate(plan) if s.interviewer_ids)
    on_stage = stage.interviewer_ids[0]
    not_on_stage = next(
        p
        for p in demo_services.people.people()
        if p.id not in stage.interviewer_ids and not p.is_self
    )
    demo_services.people.retire(on_stage)
    demo_services.people.retire(not_on_stage.id)
    added = demo_services.people.add("Zora Newhire", "zora@example.com", "interviewer")
    intake.reload()
    qtbot.waitUntil(lambda: any(p.id == added.id for p in intake.plan.people), timeout=5000)
    intake.tabs.setCurrentIndex(2)
    intake.plan.stages.setCurrentRow(-1)
    intake.plan.stages.setCurrentRow(row)
    offered = {
        intake.plan.s_interviewers.item(row).data(0x0100): intake.plan.s_interviewers.item(
            row
        ).text()
        for row in range(intake.plan.s_interviewers.count())
    }
    assert offered[added.id] == "Zora Newhire (interviewer)"
    assert offered[on_stage].endswith(", retired)")
    assert not_on_stage.id not in offered
