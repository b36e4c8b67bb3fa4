"""The People dialog: add, edit, retire and reinstate, with errors shown in the form."""

import pytest
from PySide6.QtCore import Qt

from hirepartner.ui.review.people_dialog import PeopleDialog, PeopleModel


def _row_of(dialog: PeopleDialog, name: str) -> int:
    for row in range(dialog.proxy.rowCount()):
        if dialog.proxy.index(row, 0).data() == name:
            return row
    raise AssertionError(f"{name} is not listed")


def _cells(dialog: PeopleDialog, name: str) -> list[str]:
    row = _row_of(dialog, name)
    return [dialog.proxy.index(row, column).data() for column in range(dialog.proxy.columnCount())]


@pytest.fixture
def people(qtbot, window):
    """The dialog, opened from the File menu's action on the demo database."""
    window.setup.people_action.trigger()
    dialog = window.setup.people_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5000)
    return dialog


def test_the_model_passes_the_model_tester(qtmodeltester, people):
    qtmodeltester.check(people.model)
    qtmodeltester.check(PeopleModel())


def test_people_is_in_the_file_menu_without_a_shortcut(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert window.setup.people_action in file_menu.actions()
    assert window.setup.people_action.shortcut().isEmpty()


def test_add_a_person_and_a_duplicate_email_is_refused_in_the_form(
    qtbot, window, people, artifacts_dir
):
    people.add_button.click()
    form = people.person_dialog
    qtbot.waitExposed(form)
    form.name.setText("Zora Newhire")
    form.email.setText("zora@example.com")
    form.role.setCurrentIndex(form.role.findData("recruiter"))
    form.grab().save(str(artifacts_dir / "people-add.png"))
    with qtbot.waitSignal(form.accepted, timeout=5000):
        form.buttons.button(form.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "Added Zora Newhire." in people.status.text(), timeout=5000)
    qtbot.waitUntil(lambda: people.selected() is not None, timeout=5000)
    assert _cells(people, "Zora Newhire") == [
        "Zora Newhire",
        "zora@example.com",
        "Recruiter",
        "Active",
        "0",
    ]
    assert people.selected().name == "Zora Newhire"

    people.add_button.click()
    second = people.person_dialog
    qtbot.waitExposed(second)
    second.name.setText("Zora Again")
    second.email.setText("ZORA@example.com")
    second.buttons.button(second.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: second.error.text() != "", timeout=5000)
    assert second.error.text() == "Someone else already uses ZORA@example.com."
    assert second.isVisible()
    assert second.email.hasFocus()
    second.grab().save(str(artifacts_dir / "people-duplicate.png"))
    with qtbot.waitSignal(second.rejected, timeout=1000):
        qtbot.keyClick(second, Qt.Key.Key_Escape)
    names = [p.name for p in window.holder.services.people.people()]
    assert "Zora Again" not in names


def test_edit_retire_reinstate_and_filter(qtbot, window, people, artifacts_dir):
    services = window.holder.services
    target = next(p for p in people.model.rows if not p.is_self and p.scorecards)
    people.table.selectRow(_row_of(people, target.name))
    people.edit_button.click()
    form = people.person_dialog
    qtbot.waitExposed(form)
    assert form.email.text() == target.email
    form.name.setText(target.name + " Jr")
    with qtbot.waitSignal(form.accepted, timeout=5000):
        form.buttons.button(form.buttons.StandardButton.Save).click()
    renamed = target.name + " Jr"
    qtbot.waitUntil(lambda: any(p.name == renamed for p in people.model.rows), timeout=5000)

    people.table.selectRow(_row_of(people, renamed))
    assert people.retire_button.text() == "Retire"
    people.retire_button.click()
    qtbot.waitUntil(lambda: "is retired" in people.status.text(), timeout=5000)
    assert f"their {target.scorecards} scorecards stay theirs" in people.status.text()
    qtbot.waitUntil(lambda: _cells(people, renamed)[3].startswith("Retired "), timeout=5000)
    assert people.retire_button.text() == "Reinstate"
    assert next(p for p in services.people.people() if p.id == target.id).retired

    people.filter.setText("retired")
    assert people.proxy.rowCount() == 1
    people.grab().save(str(artifacts_dir / "people-filtered.png"))
    people.filter.clear()
    people.resize(1024, 700)
    people.grab().save(str(artifacts_dir / "people.png"))

    people.table.selectRow(_row_of(people, renamed))
    people.retire_button.click()
    qtbot.waitUntil(lambda: "is active again" in people.status.text(), timeout=5000)
    qtbot.waitUntil(lambda: _cells(people, renamed)[3] == "Active", timeout=5000)


def test_the_user_cannot_be_retired_and_escape_closes(qtbot, people):
    me = next(p for p in people.model.rows if p.is_self)
    people.table.selectRow(_row_of(people, me.name))
    assert not people.retire_button.isEnabled()
    assert _cells(people, me.name)[3] == "Active (you)"
    qtbot.keyClick(people, Qt.Key.Key_Escape)
    assert not people.isVisible()
