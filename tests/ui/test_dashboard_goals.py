"""Goals in the dashboard: add, change and remove a goal through the goal dialog."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea


def _goals_text(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def _button(dialog, name: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.accessibleName() == name)


def _open(qtbot, window):
    window.partnership.dashboard_action.trigger()
    dialog = window.partnership.dashboard_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.board is not None, timeout=10000)
    return dialog


def test_add_change_and_remove_a_goal(qtbot, window, artifacts_dir, monkeypatch):
    services = window.holder.services
    dialog = _open(qtbot, window)
    assert dialog.board.requisition_id == window.requisition_id
    assert "hirepartner goals add" not in _goals_text(dialog)
    assert "No goals agreed with the recruiter" in _goals_text(dialog)

    dialog.add_goal_button.click()
    form = dialog.goal_dialog
    qtbot.waitExposed(form)
    assert form.hours.isVisible()
    assert not form.stage.isVisible()
    form.kind.setCurrentIndex(form.kind.findData("candidates_at_stage"))
    assert form.stage.isVisible()
    assert not form.hours.isVisible()
    stages = [form.stage.itemText(i) for i in range(form.stage.count())]
    assert stages == [s.name for s in services.goals.stages(window.requisition_id)]
    form.stage.setCurrentIndex(stages.index("Onsite"))
    form.count.setValue(3)
    form.has_due.setChecked(True)
    form.due.setDate(form.due.date().fromString("2027-03-01", "yyyy-MM-dd"))
    assert form.sentence.text() == "3 candidates at Onsite by 01 Mar 2027."
    form.grab().save(str(artifacts_dir / "goal-dialog.png"))
    with qtbot.waitSignal(form.accepted, timeout=5000):
        form.buttons.button(form.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: len(dialog.board.goals) == 1, timeout=10000)
    assert dialog.board.goals[0].text == "3 candidates at Onsite by 01 Mar 2027"
    qtbot.waitUntil(lambda: "3 candidates at Onsite" in _goals_text(dialog), timeout=5000)
    dialog.resize(1024, 700)
    qtbot.wait(50)
    dialog.findChild(QScrollArea).ensureWidgetVisible(dialog.add_goal_button)
    qtbot.wait(50)
    dialog.grab().save(str(artifacts_dir / "dashboard-goals.png"))

    _button(dialog, "Edit the goal 3 candidates at Onsite by 01 Mar 2027").click()
    form = dialog.goal_dialog
    qtbot.waitExposed(form)
    assert form.count.value() == 3
    assert form.stage.currentText() == "Onsite"
    form.kind.setCurrentIndex(form.kind.findData("feedback_sla"))
    form.hours.setValue(36)
    form.share.setValue(80)
    with qtbot.waitSignal(form.accepted, timeout=5000):
        form.buttons.button(form.buttons.StandardButton.Save).click()
    qtbot.waitUntil(
        lambda: (
            [g.text for g in dialog.board.goals] == ["Feedback within 36 h for 80% of interviews"]
        ),
        timeout=10000,
    )

    asked: list[str] = []
    monkeypatch.setattr(dialog, "confirm_remove", lambda text: asked.append(text) or False)
    _button(dialog, "Remove the goal Feedback within 36 h for 80% of interviews").click()
    assert asked == ["Feedback within 36 h for 80% of interviews"]
    assert len(services.goals.goals(window.requisition_id)) == 1  # declined: still there
    monkeypatch.setattr(dialog, "confirm_remove", lambda text: True)
    _button(dialog, "Remove the goal Feedback within 36 h for 80% of interviews").click()
    qtbot.waitUntil(lambda: dialog.board.goals == (), timeout=10000)
    assert services.goals.goals(window.requisition_id) == ()


def test_a_refused_goal_keeps_the_dialog_open_with_the_reason(qtbot, window):
    dialog = _open(qtbot, window)
    dialog.add_goal_button.click()
    form = dialog.goal_dialog
    qtbot.waitExposed(form)
    form.kind.setCurrentIndex(form.kind.findData("candidates_at_stage"))
    form.stage.clear()  # as if the stage was deleted meanwhile
    form.buttons.button(form.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: form.error.text() != "", timeout=5000)
    assert form.error.text() == "Choose the stage the candidates should reach."
    assert form.isVisible()
    with qtbot.waitSignal(form.rejected, timeout=1000):
        qtbot.keyClick(form, Qt.Key.Key_Escape)


def test_all_requisitions_say_to_choose_one(qtbot, window, artifacts_dir):
    services = window.holder.services
    services.goals.add_goal(window.requisition_id, "hires", count=2)
    dialog = _open(qtbot, window)
    dialog.scope.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.board.requisition_id is None, timeout=10000)
    qtbot.waitUntil(lambda: "Choose one requisition above" in _goals_text(dialog), timeout=5000)
    assert "2 hires" in _goals_text(dialog)
    qtbot.waitUntil(  # the previous scope's widgets are deleted once the event loop turns
        lambda: not [b for b in dialog.findChildren(QPushButton) if b.text() == "Add goal…"],
        timeout=5000,
    )
    dialog.resize(1024, 700)
    qtbot.wait(50)
    dialog.findChild(QScrollArea).verticalScrollBar().setValue(10_000)
    qtbot.wait(50)
    dialog.grab().save(str(artifacts_dir / "dashboard-goals-all.png"))
