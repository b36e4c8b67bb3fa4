"""The team's signing keys in the window: your fingerprint to read out, a member's key that
waits for enrollment, enrolling only on a matching fingerprint, revoking, a new key when the
keyring lost yours; quarantined envelopes in Sync settings; a sync that cannot sign."""

from __future__ import annotations

import re

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMessageBox

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.errors import InvalidValue
from hirepartner.secrets import TEAM_KEY
from hirepartner.services.team_keys import secret_name
from hirepartner.ui.changes import Change, ChangeBus
from hirepartner.ui.exchange.enroll_dialog import EnrollDialog
from hirepartner.ui.exchange.team_dialog import TeamDialog
from hirepartner.ui.exchange.team_keys_model import PENDING_BACKGROUND, STATE_COLUMN
from hirepartner.ui.ops import BackgroundOps
from hirepartner.ui.review.people_dialog import ERROR_STYLE

TEAM_SECRET = "a team key long enough for everyone"
MANAGER = ("Hana Manager", "hana@example.com", "hiring_manager")
IVY = ("Ivy Interviewer", "ivy@example.com", "interviewer")


@pytest.fixture
def exchange(tmp_path):
    folder = tmp_path / "exchange"
    folder.mkdir()
    return folder


def join(services, exchange, person) -> None:
    """Who uses this install, the shared team key, and the team's exchange folder."""
    services.profile.set_current(*person)
    services.sync.secrets.set(TEAM_KEY, TEAM_SECRET)
    services.sync.add_target("team", "folder", {"path": str(exchange)})


@pytest.fixture
def manager(services, exchange):
    join(services, exchange, MANAGER)
    return services


@pytest.fixture
def member(tmp_path, clock, exchange):
    """Ivy's install, on her own database, sharing the folder with the manager's."""
    ivy = build_services(sqlite_location(tmp_path / "ivy.db"), clock=clock)
    join(ivy, exchange, IVY)
    yield ivy
    ivy.close()


@pytest.fixture
def open_team(qtbot):
    opened = []

    def open_(services) -> TeamDialog:
        ops, bus = BackgroundOps(), ChangeBus()
        ops.changed.connect(bus.announce_changes)  # as the window does
        dialog = TeamDialog(services.team, ops, bus)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: not ops.busy, timeout=5000)
        opened.append(ops)
        return dialog

    yield open_
    for ops in opened:
        ops.wait_idle()


def _row(dialog: TeamDialog, email: str) -> int:
    for row, key in enumerate(dialog.model.rows):
        if key.email == email and key.state != "replaced":
            return row
    raise AssertionError(f"{email} is not listed")


def _state(dialog: TeamDialog, email: str) -> str:
    return dialog.model.index(_row(dialog, email), STATE_COLUMN).data()


def _announce_ivy(manager, member) -> str:
    """Ivy's install makes its key and announces it; the manager's sync receives it."""
    fingerprint = member.team.my_key().fingerprint
    member.sync.sync()
    manager.sync.sync()
    return fingerprint


def answer(choice: str, asked: list[str]):
    def exec_(box: QMessageBox) -> int:
        asked.append(f"{box.text()} {box.informativeText()}")
        next(b for b in box.buttons() if b.text().replace("&", "") == choice).click()
        return 0

    return exec_


def test_your_fingerprint_is_shown_to_read_out_and_copies(qtbot, manager, open_team):
    dialog = open_team(manager)
    mine = manager.team.my_key()
    assert dialog.fingerprint.text() == mine.fingerprint
    assert dialog.fingerprint.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert "hana@example.com" in dialog.identity.text()
    assert "hiring manager" in dialog.identity.text()
    assert "Members read theirs out to you; enroll them below" in dialog.advice.text()
    assert not dialog.problem_box.isVisible()
    assert _state(dialog, "hana@example.com") == "this install"
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == mine.fingerprint


def test_a_member_is_told_to_read_it_out_to_their_hiring_manager(member, open_team):
    dialog = open_team(member)
    assert dialog.advice.text().startswith("Read it out to your hiring manager")
    assert "interviewer" in dialog.identity.text()


def test_the_models_pass_the_model_tester(qtmodeltester, manager, member, open_team):
    _announce_ivy(manager, member)
    dialog = open_team(manager)
    assert dialog.model.rowCount() == 2
    qtmodeltester.check(dialog.model)


def test_a_pending_key_waits_and_only_the_fingerprint_read_out_enrolls_it(
    qtbot, manager, member, open_team
):
    dialog = open_team(manager)
    fingerprint = _announce_ivy(manager, member)
    dialog.bus.announce(Change("all"))  # as the window does after a sync that received
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 2, timeout=5000)
    assert _state(dialog, IVY[1]) == "waits for enrollment"
    index = dialog.model.index(_row(dialog, IVY[1]), 0)
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == PENDING_BACKGROUND
    assert "1 waiting for enrollment (Ivy Interviewer)" in dialog.summary.text()

    dialog.table.selectRow(_row(dialog, IVY[1]))
    dialog.enroll_button.click()
    enroll = dialog.enroll_dialog
    qtbot.waitExposed(enroll)
    assert enroll.email.text() == IVY[1]
    assert enroll.role.currentData() == "interviewer"
    enroll.enroll_button.click()
    assert enroll.error.text() == "Type the fingerprint they read out to you."
    enroll.fingerprint.setText("AAAA-BBBB-CCCC-DDDD")
    enroll.enroll_button.click()
    qtbot.waitUntil(lambda: enroll.error.text() != "", timeout=5000)
    assert "does not match the key received for ivy@example.com" in enroll.error.text()
    assert enroll.isVisible()  # nothing enrolled; they can type it again
    assert [k.state for k in manager.team.members() if k.email == IVY[1]] == ["pending"]

    enroll.fingerprint.setText(fingerprint.lower().replace("-", " "))  # as typed while heard
    with qtbot.waitSignal(enroll.finished, timeout=5000):  # closed, once enrolled
        enroll.enroll_button.click()
    qtbot.waitUntil(lambda: _state(dialog, IVY[1]) == "enrolled", timeout=5000)
    assert dialog.status.text().startswith("Enrolled Ivy Interviewer <ivy@example.com>")
    assert "roster goes to the team" in dialog.status.text()
    assert dialog.summary.text() == "1 member can send to this install."


def test_revoke_asks_naming_the_person_then_revokes(qtbot, manager, member, open_team, monkeypatch):
    manager.team.enroll(IVY[1], _announce_ivy(manager, member))
    dialog = open_team(manager)
    assert not dialog.revoke_button.isEnabled()  # nothing chosen
    dialog.table.selectRow(_row(dialog, "hana@example.com"))
    assert not dialog.revoke_button.isEnabled()  # never your own key
    dialog.table.selectRow(_row(dialog, IVY[1]))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", answer("Cancel", asked))
    dialog.revoke_button.click()
    assert "Ivy Interviewer <ivy@example.com>" in asked[0]
    assert "signs from now on is quarantined" in asked[0]
    qtbot.waitUntil(lambda: not dialog.ops.busy, timeout=5000)
    assert _state(dialog, IVY[1]) == "enrolled"
    monkeypatch.setattr(QMessageBox, "exec", answer("Revoke", asked))
    dialog.revoke_button.click()
    qtbot.waitUntil(lambda: _state(dialog, IVY[1]) == "revoked", timeout=5000)
    assert "Revoked Ivy Interviewer's key" in dialog.status.text()
    assert [k.state for k in manager.team.members() if k.email == IVY[1]] == ["revoked"]


def test_a_new_key_asks_first_and_replaces_the_old_one(qtbot, member, open_team, monkeypatch):
    dialog = open_team(member)
    old = dialog.fingerprint.text()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", answer("Make a new key", asked))
    dialog.new_key_button.click()
    assert "your hiring manager must enroll it again" in asked[0]
    qtbot.waitUntil(lambda: dialog.fingerprint.text() not in (old, "…"), timeout=5000)
    assert dialog.fingerprint.text() == member.team.my_key().fingerprint
    qtbot.waitUntil(
        lambda: (
            [dialog.model.index(r, STATE_COLUMN).data() for r in range(2)]
            == ["this install", "old key"]
        ),
        timeout=5000,
    )


def test_a_key_lost_from_the_keyring_is_said_in_words_with_a_new_one_offered(
    qtbot, member, open_team, memory_keyring
):
    old = member.team.my_key().fingerprint
    for entry in [k for k in memory_keyring.store if k[1] == secret_name(IVY[1])]:
        del memory_keyring.store[entry]
    dialog = open_team(member)
    qtbot.waitUntil(lambda: dialog.problem_box.isVisible(), timeout=5000)
    assert f"Your signing key ({old}) is no longer in the keyring" in dialog.problem.text()
    assert not dialog.card.isVisible()
    assert dialog.make_key_button.isVisible()
    assert _state(dialog, IVY[1]) == "this install, lost from the keyring"
    dialog.make_key_button.click()
    qtbot.waitUntil(lambda: dialog.card.isVisible(), timeout=5000)
    assert not dialog.problem_box.isVisible()
    assert dialog.fingerprint.text() not in (old, "…")
    assert "read it out to your hiring manager" in dialog.status.text()
    qtbot.waitUntil(lambda: _state(dialog, IVY[1]) == "this install", timeout=5000)


def test_a_sync_that_cannot_sign_offers_the_team_dialog(qtbot, window, tmp_path, memory_keyring):
    services = window.holder.services
    services.sync.add_target("team", "folder", {"path": str(tmp_path)})
    services.sync.secrets.set(TEAM_KEY, TEAM_SECRET)
    services.team.my_key()
    me = services.profile.current()
    del memory_keyring.store[next(k for k in memory_keyring.store if k[1] == secret_name(me.email))]
    assert not window.sync.keys_button.isVisible()
    window.sync.sync_now(force=True)
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("⚠"), timeout=10000)
    assert "no longer in the keyring" in window.sync.label.toolTip()
    assert "enroll it again" in window.sync.label.toolTip()
    assert window.sync.keys_button.isVisible()
    window.sync.keys_button.click()
    dialog = window.sync.team_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.make_key_button.isVisible(), timeout=5000)
    assert "no longer in the keyring" in dialog.problem.text()


def test_team_and_signing_keys_is_in_the_sync_menu_and_sync_settings(qtbot, window):
    sync_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Sync")
    assert window.sync.team_action in sync_menu.actions()
    window.sync.show_settings()
    settings = window.sync.dialog
    qtbot.waitExposed(settings)
    settings.signing_button.click()
    dialog = window.sync.team_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.fingerprint.text() != "…", timeout=5000)
    assert "morgan.avery@example.com" in dialog.identity.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_tampered_envelope_shows_in_the_quarantine_with_its_reason(
    qtbot, window, member, exchange, wait_idle
):
    services = window.holder.services
    services.sync.add_target("team", "folder", {"path": str(exchange)})
    services.sync.secrets.set(TEAM_KEY, TEAM_SECRET)
    window.sync.show_settings()
    settings = window.sync.dialog
    qtbot.waitExposed(settings)
    qtbot.waitUntil(lambda: settings.table.rowCount() == 1, timeout=5000)
    assert settings.quarantine.stack.currentWidget() is settings.quarantine.empty
    assert settings.quarantine.empty.text() == "Nothing is quarantined."
    member.team.my_key()
    member.sync.sync()  # Ivy's key announcement lands in the folder…
    (announcement,) = exchange.glob("*.envelope.json")
    announcement.write_bytes(announcement.read_bytes().replace(b"Ivy Interviewer", b"Mallory"))
    window.sync.sync_now(force=True)  # … altered on the way: never applied
    qtbot.waitUntil(lambda: settings.quarantine.model.rowCount() == 1, timeout=10000)
    wait_idle(window)
    quarantine = settings.quarantine
    assert quarantine.stack.currentWidget() is quarantine.table
    assert settings.tabs.tabText(1) == "Quarantined (1)"
    (item,) = services.sync.quarantined()
    assert quarantine.model.index(0, 3).data() == item.reason
    assert item.reason in quarantine.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert item.reason in quarantine.detail.text()
    assert quarantine.model.index(0, 2).data() == "team"
    assert [k.email for k in services.team.members() if k.state == "pending"] == []


def test_sync_settings_closed_at_once_ignores_late_answers_and_later_syncs(qtbot, window, tmp_path):
    services = window.holder.services
    services.sync.add_target("team", "folder", {"path": str(tmp_path)})
    services.sync.secrets.set(TEAM_KEY, TEAM_SECRET)
    window.sync.show_settings()
    settings = window.sync.dialog
    qtbot.waitExposed(settings)
    with qtbot.waitSignal(settings.destroyed, timeout=5000):
        qtbot.keyClick(settings, Qt.Key.Key_Escape)  # closes, and is deleted on close
    window.sync.sync_now(force=True)
    qtbot.waitUntil(lambda: "up to date" in window.sync.label.text(), timeout=10000)


def test_asking_for_the_team_dialog_twice_brings_up_the_one_open(qtbot, window):
    window.sync.team_action.trigger()
    first = window.sync.team_dialog
    qtbot.waitExposed(first)
    window.sync.team_action.trigger()
    assert window.sync.team_dialog is first
    with qtbot.waitSignal(first.destroyed, timeout=5000):
        first.close()
    window.sync.team_action.trigger()
    assert window.sync.team_dialog is not first
    qtbot.waitExposed(window.sync.team_dialog)


def test_opening_the_dialog_again_is_a_read_and_keeps_the_redo_history(qtbot, manager, open_team):
    open_team(manager)  # the first time makes the key: a write
    ops = BackgroundOps()
    writes: list[str] = []
    ops.untracked_write.connect(writes.append)
    dialog = TeamDialog(manager.team, ops, ChangeBus())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.fingerprint.text() != "…", timeout=5000)
    ops.wait_idle()
    assert writes == []  # nothing that would forget what Redo could do again
    assert dialog.fingerprint.text() == manager.team.current_key().fingerprint


def _pending_ivy(qtbot, manager, member, open_team) -> TeamDialog:
    _announce_ivy(manager, member)
    dialog = open_team(manager)
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 2, timeout=5000)
    return dialog


def test_tab_leaves_the_keys_table_and_enter_enrolls_a_waiting_key(
    qtbot, manager, member, open_team
):
    dialog = _pending_ivy(qtbot, manager, member, open_team)
    table = dialog.table
    dialog.table.selectRow(_row(dialog, "hana@example.com"))
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        table.setFocus()
        qtbot.keyClick(table, key)
        assert dialog.focusWidget() is not table, key
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)  # your own key: nothing to enroll
    assert dialog.enroll_dialog is None
    table.selectRow(_row(dialog, IVY[1]))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    enroll = dialog.enroll_dialog
    assert enroll is not None
    qtbot.waitExposed(enroll)
    assert enroll.email.text() == IVY[1]
    enroll.reject()


def test_the_buttons_have_mnemonics_that_do_not_clash(manager, open_team):
    dialog = open_team(manager)
    assert [
        b.text()
        for b in (
            dialog.enroll_button,
            dialog.revoke_button,
            dialog.new_key_button,
            dialog.copy_button,
        )
    ] == ["&Enroll…", "&Revoke…", "&New signing key…", "Cop&y"]
    letters = [
        m.group(1).lower()
        for b in dialog.findChildren(QAbstractButton)
        if (m := re.search(r"&([^&])", b.text()))
    ]
    assert len(letters) >= 6
    assert len(letters) == len(set(letters)), letters


def test_f9_syncs_while_the_team_dialog_has_the_focus(qtbot, window, wait_idle):
    window.sync.show_team()
    dialog = window.sync.team_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=3000)
    with qtbot.waitSignal(window.sync.sync_action.triggered, timeout=3000):
        qtbot.keyClick(dialog.table, Qt.Key.Key_F9)
    wait_idle(window)


def test_your_public_key_is_shown_for_a_manager_who_asks_for_it(qtbot, member, open_team):
    dialog = open_team(member)
    mine = member.team.my_key()
    assert dialog.public_key.text() == mine.public_key
    assert dialog.public_key.isVisible()
    assert dialog.public_key_heading.text() == (
        "Public key (only if your hiring manager asks for it):"
    )
    assert dialog.public_key.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    dialog.copy_public_key_button.click()
    assert QGuiApplication.clipboard().text() == mine.public_key
    assert dialog.status.text().startswith("Your public key is copied.")


def test_the_enroll_dialog_grows_to_show_why_instead_of_squashing_the_fields(qtbot):
    dialog = EnrollDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.failed(
        InvalidValue(
            "fingerprint",
            "The fingerprint AAAA-BBBB-CCCC-DDDD does not match the key received for "
            "ivy@example.com: ask them to read it out again, slowly, group by group, and type "
            "what you hear. If it still differs, do not enroll: the key may not be theirs.",
        )
    )
    qtbot.wait(20)
    for field in dialog.findChildren(QLineEdit):
        assert field.height() >= field.sizeHint().height(), field.accessibleName()
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())


def test_without_a_keyring_the_problem_is_on_top_and_a_failed_new_key_says_none_was_made(
    qtbot, member, open_team
):
    old = member.team.my_key().fingerprint
    keyring.set_keyring(fail.Keyring())  # the desktop has no keyring (any more)
    dialog = open_team(member)
    qtbot.waitUntil(lambda: dialog.problem_box.isVisible(), timeout=5000)
    assert dialog.layout().indexOf(dialog.problem_box) == 0  # at the top
    assert dialog.problem.styleSheet() == ERROR_STYLE
    assert f"Your signing key ({old}) is no longer in the keyring" in dialog.problem.text()
    dialog.make_key_button.click()
    qtbot.waitUntil(lambda: dialog.problem.text().startswith("No new key was made."), timeout=5000)
    assert "There is no system keyring" in dialog.problem.text()
    assert "$HIREPARTNER_SIGNING_KEY" not in dialog.problem.text()  # a script's way...
    assert "hirepartner team new-key" not in dialog.problem.text()
    assert "$HIREPARTNER_SIGNING_KEY" in dialog.problem.toolTip()  # ...is in the tooltip
    assert "no longer in the keyring" not in dialog.problem.text()  # replaced, not added to
    assert dialog.problem_box.isVisible()
    assert dialog.status.text() == ""
    assert [k.fingerprint for k in member.team.members() if k.state == "active"] == [old]


def test_a_waiting_key_does_not_show_its_fingerprint_to_copy(qtbot, manager, member, open_team):
    fingerprint = _announce_ivy(manager, member)
    dialog = open_team(manager)
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 2, timeout=5000)
    row = _row(dialog, IVY[1])
    shown = [
        dialog.table.model().index(row, column).data()
        for column in range(dialog.table.model().columnCount())
    ]
    assert fingerprint not in shown
    assert "ask them to read it out" in shown
