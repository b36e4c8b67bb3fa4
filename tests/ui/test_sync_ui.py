"""Sync in the window: the status bar in plain words, Sync now in the background, and the
settings dialog that adds, tests and removes targets and stores the team key."""

import json

from PySide6.QtWidgets import QDialog

from hirepartner.secrets import TEAM_KEY
from hirepartner.ui.exchange.sync_dialog import AddTargetDialog


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
    dialog.table.selectRow(0)
    dialog.on_test()
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("✓"), timeout=5000)
    assert "with 0 envelopes" in dialog.outcome.text()
    dialog.grab().save(str(artifacts_dir / "sync-settings.png"))
    dialog.store_team_key("a team key long enough")
    qtbot.waitUntil(lambda: "Team key stored" in dialog.outcome.text(), timeout=5000)
    dialog.table.selectRow(0)
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
