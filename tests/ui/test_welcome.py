"""The welcome page as a profile page: a refresh in the background never overwrites what the
user is typing, and what a save returns fills the form."""

from hirepartner.services.profile import PersonInfo
from hirepartner.ui.welcome import WelcomePage

MORGAN = PersonInfo(1, "Morgan Reyes", "morgan@acme.example", "hiring_manager")
LENA = PersonInfo(2, "Lena Fischer", "lena@acme.example", "interviewer")


def test_a_refresh_keeps_what_the_user_is_typing(qtbot):
    page = WelcomePage()
    qtbot.addWidget(page)
    page.show_profile(MORGAN)
    assert (page.name.text(), page.email.text()) == ("Morgan Reyes", "morgan@acme.example")
    page.name.clear()
    qtbot.keyClicks(page.name, "Lena Fischer")
    page.show_profile(MORGAN)  # the slate reloaded after some change, while the user typed
    assert page.name.text() == "Lena Fischer"
    assert page.email.text() == "morgan@acme.example"
    assert page.saved.text() == "Saved: Morgan Reyes"

    page.email.setText("lena@acme.example")
    page.role.setCurrentIndex(page.role.findData("interviewer"))
    with qtbot.waitSignal(page.save_profile_requested):
        page.save.click()
    page.show_profile(LENA)  # what the save returned
    assert page.saved.text() == "Saved: Lena Fischer"
    page.show_profile(
        PersonInfo(2, "Lena Fischer-Roth", "lena@acme.example", "interviewer")
    )  # renamed elsewhere; the untouched form follows
    assert page.name.text() == "Lena Fischer-Roth"
