"""Sync in the window: the status bar in plain words, Sync now in the background, and the
settings dialog that adds, tests and removes targets and stores the team key."""

import json
import threading
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from hirepartner.secrets import TEAM_KEY
from hirepartner.services.sync import QuarantinedEnvelope, SyncReport, SyncStatus
from hirepartner.ui.exchange.sync_dialog import AddTargetDialog


def _choose(table, row: int) -> None:
    """Select one row as a click would. Not `selectRow`: under ExtendedSelection it follows the
    keyboard modifiers Qt last saw, and a Ctrl+D sent by an earlier test leaves Ctrl "held",
    so a second selectRow(0) toggled the row off (seen when this file ran after the
    comparison's tests)."""
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag
    table.selectionModel().select(table.model().index(row, 0), flags.ClearAndSelect | flags.Rows)


def answer(choice: str, asked: list[QMessageBox]):
    """Answers a question box with the button `choice`, keeping what it asked."""

    def exec_(box: QMessageBox) -> int:
        asked.append(box)
        next(b for b in box.buttons() if b.text().replace("&", "") == choice).click()
        return 0

    return exec_


def test_status_bar_and_sync_now(qtbot, window, tmp_path, artifacts_dir):
    services = window.holder.services
    qtbot.waitUntil(lambda: window.sync.label.text() == "Sync: not set up", timeout=5000)
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    services.sync.add_target("Team exchange", "folder", {"path": str(exchange)})
    services.sync.secrets.set(TEAM_KEY, "a team key long enough")
    services.privacy.erase_candidate(window.slate.rows()[0].email)
    window.sync.refresh()
    qtbot.waitUntil(lambda: "1 item to send" in window.sync.label.text(), timeout=5000)
    window.sync.sync_action.trigger()
    qtbot.waitUntil(lambda: "up to date" in window.sync.label.text(), timeout=10000)
    assert "last" in window.sync.label.text()
    # The erasure, the first weekly update of each open requisition (on the schedule), and,
    # on this first sync, the hiring manager's key announcement and signed roster.
    open_reqs = sum(1 for r in services.requisitions.list_requisitions() if r.status == "open")
    assert f"sent {3 + open_reqs}" in window.sync.label.toolTip()
    kinds = sorted(json.loads(p.read_bytes())["kind"] for p in exchange.glob("*.envelope.json"))
    assert kinds == ["erasure", "member_key"] + ["packet"] * open_reqs + ["roster"]
    window.grab().save(str(artifacts_dir / "sync-status.png"))


def test_sync_now_with_nothing_set_up_says_where_to_set_it_up(qtbot, window):
    qtbot.waitUntil(lambda: window.sync.label.text() == "Sync: not set up", timeout=5000)
    window.sync.sync_now(force=True)
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("Sync is not"), timeout=5000)
    shown = window.sync.label.text()
    assert shown == "Sync is not set up: Sync → Sync settings… adds where to send."
    assert not window.sync.syncing  # Sync now is offered again at once


def test_sync_now_without_the_team_key_says_where_to_set_it(qtbot, window, tmp_path):
    services = window.holder.services
    services.sync.add_target("Share", "folder", {"path": str(tmp_path)})
    services.sync.secrets.delete(TEAM_KEY)
    window.sync.sync_now(force=True)
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("Sync needs"), timeout=5000)
    assert window.sync.label.text() == "Sync needs the team key: Sync → Sync settings… sets it."


def test_problems_are_shown_in_plain_words(qtbot, window, tmp_path):
    services = window.holder.services
    services.sync.add_target("Share", "folder", {"path": str(tmp_path / "gone")})
    services.sync.secrets.set(TEAM_KEY, "a team key long enough")
    window.sync.sync_now(force=True)
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("⚠"), timeout=10000)
    assert "not there (not mounted?)" in window.sync.label.text()


def test_settings_dialog_adds_tests_and_removes(
    qtbot, window, tmp_path, artifacts_dir, monkeypatch
):
    folder = tmp_path / "share"
    folder.mkdir()
    window.sync.show_settings()
    dialog = window.sync.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(
        lambda: "Secrets are kept in the system keyring" in dialog.keyring.text(), timeout=5000
    )

    def fill(add: AddTargetDialog) -> int:
        add.kind.setCurrentIndex(add.kind.findData("folder"))
        add.name.setText("Team exchange")
        add.inputs["path"].setText(str(folder))
        add.on_ok()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AddTargetDialog, "exec", fill)
    dialog.on_add()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    assert dialog.table.item(0, 0).text() == "Team exchange"
    _choose(dialog.table, 0)
    dialog.on_test()
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("✓"), timeout=5000)
    assert "with 0 envelopes" in dialog.outcome.text()
    dialog.grab().save(str(artifacts_dir / "sync-settings.png"))
    dialog.store_team_key("a team key long enough")
    qtbot.waitUntil(lambda: "Team key stored" in dialog.outcome.text(), timeout=5000)
    _choose(dialog.table, 0)
    monkeypatch.setattr(QMessageBox, "exec", answer("Remove", []))
    dialog.on_remove()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=5000)


def test_add_dialog_shows_the_fields_of_each_kind(qtbot, artifacts_dir):
    add = AddTargetDialog()
    qtbot.addWidget(add)
    add.show()
    add.kind.setCurrentIndex(add.kind.findData("smtp"))
    assert add.inputs["host"].isVisible()
    assert not add.inputs["path"].isVisible()
    add.grab().save(str(artifacts_dir / "sync-add-smtp.png"))
    add.name.setText("Riley")
    add.on_ok()
    assert add.error.text() == "Fill in the host."


def test_secrets_typed_in_the_dialog_stay_in_the_keyring(
    qtbot, window, tmp_path, db_path, settings_path, memory_keyring, monkeypatch
):
    secret, team_key = "dialog secret 4711", "dialog team key 0815!"

    def fill(add: AddTargetDialog) -> int:
        add.kind.setCurrentIndex(add.kind.findData("webdav"))
        add.name.setText("Cloud")
        add.inputs["url"].setText("https://dav.example/remote.php/dav/files/hana/exchange/")
        add.inputs["username"].setText("hana")
        add.inputs["secret"].setText(secret)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AddTargetDialog, "exec", fill)
    window.sync.show_settings()
    dialog = window.sync.dialog
    dialog.on_add()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    dialog.store_team_key(team_key)
    qtbot.waitUntil(lambda: "Team key stored" in dialog.outcome.text(), timeout=5000)
    window.save_layout()
    window.settings.sync()
    assert ("HirePartner", "target:Cloud") in memory_keyring.store
    files = [settings_path, *db_path.parent.glob(db_path.name + "*")]
    assert settings_path.exists()
    for path in files:
        data = path.read_bytes()
        assert secret.encode() not in data, path
        assert team_key.encode() not in data, path


def test_a_failed_target_reads_as_failed_in_the_dialog_and_the_status_bar(
    qtbot, window, tmp_path, artifacts_dir
):
    import socket

    services = window.holder.services
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    share = tmp_path / "share"
    share.mkdir()
    services.sync.add_target("Team exchange", "folder", {"path": str(share)})
    services.sync.add_target(
        "Riley's webhook",
        "webhook",
        {"url": f"http://127.0.0.1:{closed}/in?token=abc123", "allow_http": True},
        secret="signing secret 77",
    )
    services.sync.secrets.set(TEAM_KEY, "a team key long enough")
    services.privacy.erase_candidate(window.slate.rows()[0].email)
    window.sync.sync_now(force=True)
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("⚠"), timeout=10000)
    assert "Riley's webhook: failed just now: nothing answers at 127.0.0.1" in (
        window.sync.label.text()
    )
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=5000)
    assert window.sync.label.isVisible()
    window.grab().save(str(artifacts_dir / "sync-status-failed.png"))
    window.sync.show_settings()
    dialog = window.sync.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    states = [dialog.table.item(row, 3).text() for row in range(2)]
    assert states[0].startswith("⚠ failed just now: nothing answers at 127.0.0.1:")
    assert states[1] == "synced just now"
    assert dialog.problems.isVisible()
    assert dialog.problems.text().startswith(
        f"⚠ Riley's webhook: failed just now: nothing answers at 127.0.0.1:{closed} "
        "(connection refused): is the server running?"
    )
    where = dialog.table.item(0, 4).text()
    assert "abc123" not in where
    assert where.endswith("/in (+ token from the secret store)")
    dialog.grab().save(str(artifacts_dir / "sync-settings-failed.png"))


def _open_settings(qtbot, window, targets: int):
    window.sync.show_settings()
    dialog = window.sync.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == targets, timeout=5000)
    return dialog


def test_remove_asks_first_naming_the_target_and_what_waits_for_it(
    qtbot, window, tmp_path, monkeypatch
):
    services = window.holder.services
    for name in ("backup", "team"):
        (tmp_path / name).mkdir()
        services.sync.add_target(name, "folder", {"path": str(tmp_path / name)})
    for row in window.slate.rows()[:2]:
        services.privacy.erase_candidate(row.email)
    waiting = services.sync.target("team").pending
    assert waiting >= 2
    dialog = _open_settings(qtbot, window, 2)
    _choose(dialog.table, 1)  # team
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answer("Cancel", asked))
    dialog.remove_button.click()
    (box,) = asked
    assert box.text() == "Remove the target “team”?"
    assert box.informativeText().startswith(
        f"{waiting} items waiting for it will not be sent there."
    )
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.wait(50)
    assert [t.name for t in services.sync.targets()] == ["backup", "team"]

    monkeypatch.setattr(QMessageBox, "exec", answer("Remove", asked))
    dialog.remove_button.setFocus()
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    assert [t.name for t in services.sync.targets()] == ["backup"]
    assert "Removed 'team'" in dialog.outcome.text()
    # Not left on Remove with "backup" chosen, one key press away from removing it too.
    assert dialog.focusWidget() is dialog.table


def test_tab_leaves_the_targets_and_quarantine_tables(qtbot, window, tmp_path):
    window.holder.services.sync.add_target("team", "folder", {"path": str(tmp_path)})
    dialog = _open_settings(qtbot, window, 1)
    _choose(dialog.table, 0)
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        dialog.table.setFocus()
        qtbot.keyClick(dialog.table, key)
        assert dialog.focusWidget() is not dialog.table, key
    received = datetime(2024, 12, 1, 18, 5)
    dialog.tabs.setCurrentWidget(dialog.quarantine)
    dialog.show_quarantined(
        tuple(
            QuarantinedEnvelope(f"uuid-{n}", "team", "scorecard", "a broken signature", received)
            for n in range(3)
        )
    )
    table = dialog.quarantine.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is not table


def test_f9_syncs_while_sync_settings_has_the_focus(qtbot, window, wait_idle):
    dialog = _open_settings(qtbot, window, 0)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=3000)
    with qtbot.waitSignal(window.sync.sync_action.triggered, timeout=3000):
        qtbot.keyClick(dialog.table, Qt.Key.Key_F9)
    wait_idle(window)


def test_testing_a_target_that_does_not_answer_leaves_the_reads_free(
    qtbot, window, tmp_path, monkeypatch
):
    services = window.holder.services
    for name in ("dead", "dead too"):
        services.sync.add_target(name, "folder", {"path": str(tmp_path)})
    release = threading.Event()
    monkeypatch.setattr(services.sync, "test_target", lambda _name: release.wait(10) and "")
    dialog = _open_settings(qtbot, window, 2)
    read: list[str] = []
    try:
        for row in range(2):
            _choose(dialog.table, row)
            dialog.test_button.click()
        window.ops.run(lambda _s: "the next candidate", label="candidate").on_success(
            read.append
        ).start()
        qtbot.waitUntil(lambda: read == ["the next candidate"], timeout=3000)
    finally:
        release.set()


def test_the_whole_sync_line_shows_in_a_wide_window(qtbot, window):
    label = window.sync.label
    status = SyncStatus(0, datetime(2024, 12, 1, 18, 5), (), 1)
    for width, height in ((1920, 1080), (1024, 700)):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w, timeout=5000)
        window.sync.show_status(status)
        qtbot.wait(20)  # the status bar lays the new text out
        assert label.text() == "Sync: up to date · last 01 Dec 18:05"
        assert QLabel.text(label) == label.text(), width  # what is painted: not cut
    problem = "team: failed just now: nothing answers at 127.0.0.1:4711 (connection refused)"
    window.sync.show_status(SyncStatus(3, None, (problem + ": is the server running?" * 4,), 1))
    qtbot.wait(20)
    assert QLabel.text(label).endswith("…")  # 1024 wide: this one is too long, and shortened
    assert label.toolTip().startswith(problem)


def _stuck_sync(monkeypatch, services) -> list[bool]:
    """A sync blocked on a server that does not answer: it notices a cancel between items."""
    cancelled_seen: list[bool] = []

    def sync(target_name=None, force=False, cancelled=lambda: False, pull=True):
        for _ in range(1000):  # 10 s, then it gives up (and the test fails)
            if cancelled():
                cancelled_seen.append(True)
                break
            threading.Event().wait(0.01)
        return SyncReport()

    monkeypatch.setattr(services.sync, "sync", sync)
    services.sync.secrets.set(TEAM_KEY, "a team key long enough")  # else Sync now asks for it
    return cancelled_seen


def test_sync_now_reads_cancel_sync_while_one_runs_and_cancels_it(
    qtbot, window, tmp_path, monkeypatch
):
    services = window.holder.services
    services.sync.add_target("team", "folder", {"path": str(tmp_path)})
    cancelled = _stuck_sync(monkeypatch, services)
    action = window.sync.sync_action
    action.trigger()
    assert window.sync.label.text() == "Syncing…"
    assert action.text() == "&Cancel sync"
    action.trigger()
    qtbot.waitUntil(lambda: action.text() == "Sync &now", timeout=5000)
    assert cancelled == [True]
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("Sync:"), timeout=5000)


def test_quitting_during_a_stuck_sync_hides_the_window_and_cancels_it(
    qtbot, window, tmp_path, monkeypatch
):
    services = window.holder.services
    services.sync.add_target("team", "folder", {"path": str(tmp_path)})
    cancelled = _stuck_sync(monkeypatch, services)
    window.sync.sync_now(force=True)
    shown_while_waiting: list[bool] = []
    wait_idle = window.ops.wait_idle

    def wait(timeout_ms: int = 30000) -> bool:
        shown_while_waiting.append(window.isVisible())
        return wait_idle(timeout_ms)

    monkeypatch.setattr(window.ops, "wait_idle", wait)
    window.close()
    assert shown_while_waiting[0] is False  # nobody looks at a frozen window
    assert cancelled == [True]
