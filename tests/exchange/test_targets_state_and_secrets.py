"""Targets as a user sees them: a password or token pasted into a URL is moved to the secret
store (never the database, the listing or a message) and still used on the wire; a target
whose last attempt failed reads as failed, with the problem in words and how long ago."""

from __future__ import annotations

import pytest
from exchange_world import MANAGER, build
from servers import DAV_PASSWORD, DAV_USER, WebDavServer, WebhookServer, free_port

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.errors import HirePartnerError
from hirepartner.exchange.url_secrets import redacted, split_secrets

HOOK_SECRET = "webhook signing secret 31"
TOKEN = "tok-9f8e7d6c5b4a"


@pytest.fixture
def db(tmp_path):
    return tmp_path / "manager.db"


@pytest.fixture
def manager(db, clock):
    services = build_services(sqlite_location(db), clock=clock)
    world = build(services, MANAGER)
    yield services, world
    services.close()


def _queue(services, count: int = 2) -> None:
    from hirepartner.services.outbox import enqueue

    with services.database.unit_of_work() as uow:
        for n in range(count):
            enqueue(
                uow.session,
                services.clock(),
                kind="packet",
                record_id=f"packet:test:{n}",
                version=1,
                payload={"subject": f"Packet {n}", "text": "Attached."},
                attachments={f"packet-{n}.pdf": b"%PDF-1.4 " + bytes([n]) * 2000},
            )
        uow.commit()


def _database_bytes(db) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(db.parent.glob(db.name + "*")))


def test_split_and_redact_urls():
    split = split_secrets("https://hana:p%40ss@dav.example:8443/files/?token=abc&team=7&Sig=x")
    assert split.url == "https://dav.example:8443/files/?team=7"
    assert (split.username, split.password) == ("hana", "p@ss")
    assert split.query_secret == "token=abc&Sig=x"
    assert split.moved == ("the password", "the token", "the Sig")
    shown = redacted("https://hana:p%40ss@dav.example/x?api_key=abc&team=7")
    assert shown == "https://hana:…@dav.example/x?api_key=…&team=7"
    assert "abc" not in shown
    assert "p%40ss" not in shown
    plain = "https://hooks.example/in?team=7"
    assert split_secrets(plain).url == plain
    assert redacted(plain) == plain


def test_a_password_in_a_webdav_url_moves_to_the_keyring_and_still_logs_in(
    manager, db, tmp_path, memory_keyring
):
    services, _ = manager
    root = tmp_path / "dav"
    root.mkdir()
    server = WebDavServer(root)
    try:
        url = f"http://{DAV_USER}:{DAV_PASSWORD.replace(' ', '%20')}@127.0.0.1:{server.port}/dav/"
        info = services.sync.add_target("dav", "webdav", {"url": url})
        assert info.moved_secrets == ("the password",)
        assert info.config == {"url": server.url, "username": DAV_USER}
        assert memory_keyring.store[("HirePartner", "target:dav")] == DAV_PASSWORD
        _queue(services)
        report = services.sync.sync()
        # the two packets, and this install's key announcement and roster (first sync)
        assert (report.sent, report.errors) == (4, [])
        assert len(list(root.glob("*.envelope.json"))) == 4
        listed = repr(services.sync.targets()) + repr(services.sync.status())
        assert DAV_PASSWORD not in listed
        assert DAV_PASSWORD.encode() not in _database_bytes(db)
        assert DAV_PASSWORD.replace(" ", "%20").encode() not in _database_bytes(db)
    finally:
        server.stop()


def test_a_token_in_a_webhook_url_moves_to_the_keyring_and_is_sent_again(
    manager, db, memory_keyring
):
    services, _ = manager
    server = WebhookServer(HOOK_SECRET)
    try:
        info = services.sync.add_target(
            "hook",
            "webhook",
            {"url": f"{server.url}?team=7&token={TOKEN}", "allow_http": True},
            secret=HOOK_SECRET,
        )
        assert info.moved_secrets == ("the token",)
        assert info.config["url"] == f"{server.url}?team=7"
        assert memory_keyring.store[("HirePartner", "target:hook:url")] == f"token={TOKEN}"
        _queue(services, 1)
        assert services.sync.sync().sent == 1
        assert server.hooks.paths == [f"/hooks/hirepartner?team=7&token={TOKEN}"]
        assert TOKEN not in repr(services.sync.targets()) + services.sync.test_target("hook")
        assert TOKEN.encode() not in _database_bytes(db)
        services.sync.remove_target("hook")
        assert set(memory_keyring.store) == {  # the target's secrets went with it
            ("HirePartner", "team-key"),
            ("HirePartner", "signing-key:hana@example.com"),
        }
    finally:
        server.stop()


def test_url_secrets_that_cannot_be_moved_unambiguously_are_refused_in_a_sentence(manager, db):
    services, _ = manager
    cases = [
        ("webhook", "https://bob:pw-in-hook@hooks.example/in", "s3", "cannot hold a user name"),
        ("webdav", "https://bob:pw-in-dav@dav.example/x/", "another-pw", "give the password once"),
    ]
    for kind, url, secret, fragment in cases:
        with pytest.raises(HirePartnerError, match=fragment) as refused:
            services.sync.add_target("t", kind, {"url": url}, secret=secret)
        assert "pw-in" not in str(refused.value)
    assert services.sync.targets() == ()
    assert b"pw-in" not in _database_bytes(db)


def test_a_target_whose_last_attempt_failed_reads_as_failed_in_words(manager, clock):
    services, _ = manager
    server = WebhookServer(HOOK_SECRET, fail_first=100)  # answers 500
    closed = free_port()
    try:
        services.sync.add_target(
            "hook", "webhook", {"url": server.url, "allow_http": True}, secret=HOOK_SECRET
        )
        services.sync.add_target(
            "down",
            "webhook",
            {"url": f"http://127.0.0.1:{closed}/in", "allow_http": True},
            secret=HOOK_SECRET,
        )
        assert [t.state for t in services.sync.targets()] == ["never synced", "never synced"]
        _queue(services, 1)
        services.sync.sync()
        first = services.sync.target("hook").last_attempt_at
        clock.advance(seconds=10)
        # Nothing is due (backoff): a sync that does not reach out leaves the failure as it was.
        services.sync.sync()
        assert services.sync.target("hook").last_attempt_at == first
        clock.advance(minutes=5)
        down, hook = services.sync.targets()
        assert hook.failed
        assert down.failed
        assert hook.state_line == (
            "failed 5 min ago: the server had a problem (500); it will be tried again"
        )
        assert down.state_line == (
            f"failed 5 min ago: nothing answers at 127.0.0.1:{closed} (connection refused): "
            "is the server running?"
        )
        status = services.sync.status()
        assert status.last_sync_at is None  # nothing has gone well yet
        assert status.errors[0].startswith("down: failed 5 min ago: nothing answers")
        server.hooks.fail_first = 0
        clock.advance(hours=1)
        services.sync.sync(target_name="hook")
        hook = services.sync.target("hook")
        assert (hook.state, hook.last_error, hook.failed) == ("synced just now", "", False)
        assert services.sync.status().last_sync_at == clock()
    finally:
        server.stop()


def test_a_refused_webdav_password_reads_as_such(manager, tmp_path, clock):
    services, _ = manager
    root = tmp_path / "dav"
    root.mkdir()
    server = WebDavServer(root)
    try:
        services.sync.add_target(
            "dav", "webdav", {"url": server.url, "username": DAV_USER}, secret="wrong"
        )
        services.sync.sync()  # nothing to send: the listing is refused
        clock.advance(minutes=12)
        assert services.sync.target("dav").state_line == (
            "failed 12 min ago: the server refused the user name or password (401)"
        )
    finally:
        server.stop()
