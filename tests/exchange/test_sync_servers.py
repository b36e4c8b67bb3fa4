"""The exchange against real servers on loopback, with faults: WebDAV (connections cut at
random byte offsets, 503s, a server down and back), SMTP (451 then 250), a webhook (500s, the
same envelope three times). After each: every envelope on the receiver exactly once, and no
outbox row marked sent without the target's confirmation."""

from __future__ import annotations

import hashlib
import json

import pytest
from exchange_world import INTERVIEWER, MANAGER, TEAM_SECRET, build, join_team, submit_scorecard
from servers import DAV_PASSWORD, DAV_USER, CuttingProxy, SmtpServer, WebDavServer, WebhookServer
from sqlalchemy import select

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.models.exchange import OutboxDelivery, OutboxEnvelope
from hirepartner.exchange.envelopes import envelope_file

PACKETS = 12


@pytest.fixture
def manager(tmp_path, clock):
    services = build_services(sqlite_location(tmp_path / "manager.db"), clock=clock)
    world = build(services, MANAGER)
    yield services, world
    services.close()


def _queue_packets(services, count: int = PACKETS) -> list[str]:
    """Packet envelopes as an export with "send" makes them (a PDF and its JSON summary)."""
    from hirepartner.services.outbox import enqueue

    uuids = []
    with services.database.unit_of_work() as uow:
        for n in range(count):
            envelope = enqueue(
                uow.session,
                services.clock(),
                kind="packet",
                record_id=f"packet:test:{n}",
                version=1,
                payload={"subject": f"Packet {n}", "text": "Attached."},
                attachments={
                    f"packet-{n}.pdf": b"%PDF-1.4 " + bytes([n]) * (3000 + 97 * n),
                    f"packet-{n}.json": json.dumps({"n": n}).encode(),
                },
            )
            uuids.append(envelope.uuid)
        uow.commit()
    return uuids


def _deliveries(services) -> dict[str, str]:
    with services.database.unit_of_work() as uow:
        rows = uow.session.execute(
            select(OutboxEnvelope.uuid, OutboxDelivery.state).join(
                OutboxDelivery, OutboxDelivery.envelope_id == OutboxEnvelope.id
            )
        )
        return {uuid: state for uuid, state in rows}  # noqa: C416 (rows are Row objects)


def _sync_until_done(services, clock, rounds: int = 30):
    reports = []
    for _ in range(rounds):
        reports.append(services.sync.sync())
        if services.sync.status().pending == 0:
            return reports
        clock.advance(hours=1)
    raise AssertionError(f"still pending after {rounds} rounds: {reports[-1]}")


def _assert_exactly_once(root, uuids, deliveries):
    """Every envelope once, each file under its final name whole (a cut upload may leave a
    hidden temporary file on the server; no reader looks at those)."""
    names = sorted(p.name for p in root.iterdir() if not p.name.startswith("."))
    for name in names:
        if name.endswith(".envelope.json"):
            body = json.loads((root / name).read_bytes())
            for attachment in body["attachments"]:
                content = (root / f"{body['uuid']}--{attachment['name']}").read_bytes()
                assert hashlib.sha256(content).hexdigest() == attachment["sha256"]
    for uuid in uuids:
        assert names.count(envelope_file(uuid)) == 1
        assert deliveries[uuid] == "sent"
    packet_files = [
        n
        for n in names
        if n.endswith(".envelope.json") and json.loads((root / n).read_bytes())["kind"] == "packet"
    ]
    assert len(packet_files) == len(uuids)


@pytest.mark.parametrize("seed", [7, 11, 23])
def test_webdav_with_connections_cut_at_random_offsets(manager, tmp_path, clock, seed):
    services, _ = manager
    root = tmp_path / "dav"
    root.mkdir()
    server = WebDavServer(root)
    proxy = CuttingProxy(server.port, cuts=15, seed=seed, most=9000)
    try:
        services.sync.add_target(
            "dav",
            "webdav",
            {"url": f"http://127.0.0.1:{proxy.port}/dav/", "username": DAV_USER},
            secret=DAV_PASSWORD,
        )
        uuids = _queue_packets(services)
        first = services.sync.sync()
        assert first.failed >= 1  # the proxy did cut
        # Nothing is marked sent that the server does not hold under its final name.
        on_server = {p.name for p in root.iterdir()}
        for uuid, state in _deliveries(services).items():
            if state == "sent":
                assert envelope_file(uuid) in on_server
        _sync_until_done(services, clock)
        _assert_exactly_once(root, uuids, _deliveries(services))
        assert len(proxy.cut_at) == 15
    finally:
        proxy.stop()
        server.stop()


def test_webdav_503s_and_a_server_that_goes_away_and_comes_back(manager, tmp_path, clock):
    services, _ = manager
    root = tmp_path / "dav"
    root.mkdir()
    server = WebDavServer(root, fail={2, 5, 9, 14})
    services.sync.add_target(
        "dav", "webdav", {"url": server.url, "username": DAV_USER}, secret=DAV_PASSWORD
    )
    uuids = _queue_packets(services)
    report = services.sync.sync()
    assert report.failed >= 1
    assert any("503" in e for e in report.errors)
    port = server.port
    server.stop()
    down = services.sync.sync(force=True)
    assert down.sent == 0
    assert "dav" in services.sync.status().errors[0]
    server = WebDavServer(root, port=port)
    try:
        _sync_until_done(services, clock)
        _assert_exactly_once(root, uuids, _deliveries(services))
    finally:
        server.stop()


def test_webdav_wrong_password_is_said_plainly_and_not_hammered(manager, tmp_path):
    services, _ = manager
    root = tmp_path / "dav"
    root.mkdir()
    server = WebDavServer(root)
    try:
        services.sync.add_target(
            "dav", "webdav", {"url": server.url, "username": DAV_USER}, secret="wrong"
        )
        _queue_packets(services, 5)
        report = services.sync.sync()
        assert report.failed == 1  # stops after the first refusal
        assert report.errors[0] == "dav: the server refused the user name or password (401)"
        assert list(root.iterdir()) == []
    finally:
        server.stop()


def test_smtp_451_then_250_sends_each_packet_once(manager, clock):
    services, _ = manager
    server = SmtpServer(refuse_first=3)
    try:
        services.sync.add_target(
            "recruiter mail",
            "smtp",
            {
                "host": "127.0.0.1",
                "port": server.port,
                "security": "none",
                "sender": "hana@example.com",
                "recipients": ["riley@recruiting.example"],
            },
        )
        uuids = _queue_packets(services, 4)
        first = services.sync.sync()
        assert first.failed == 3
        assert any("451" in e for e in first.errors)
        _sync_until_done(services, clock)
        ids = [m["Message-ID"] for m in server.box.messages]
        assert sorted(ids) == sorted(f"<{u}@hirepartner>" for u in uuids)
        message = server.box.messages[0]
        names = sorted(part.get_filename() for part in message.iter_attachments())
        assert names[0].endswith(".envelope.json")
        assert any(n.endswith(".pdf") for n in names)
        assert any(n.endswith(".json") and not n.endswith(".envelope.json") for n in names)
        assert set(_deliveries(services).values()) == {"sent"}
    finally:
        server.stop()


def test_webhook_500s_then_2xx_signed_and_idempotent(manager, clock, memory_keyring):
    services, _ = manager
    secret = "webhook signing secret"
    server = WebhookServer(secret, fail_first=2)
    try:
        services.sync.add_target(
            "hook", "webhook", {"url": server.url, "allow_http": True}, secret=secret
        )
        uuids = _queue_packets(services, 3)
        _sync_until_done(services, clock)
        assert sorted(server.hooks.by_key) == sorted(uuids)
        assert server.hooks.bad_signatures == 0
        # The same envelope three times (a lost confirmation, a re-sync): stored once.
        for _ in range(2):
            with services.database.unit_of_work() as uow:
                for delivery in uow.session.scalars(select(OutboxDelivery)):
                    delivery.state = "pending"
                uow.commit()
            services.sync.sync(force=True)
        assert sorted(server.hooks.by_key) == sorted(uuids)
        assert server.hooks.seen == 2 + 3 * 3
    finally:
        server.stop()


def test_end_to_end_interviewer_manager_and_recruiter(tmp_path, clock):
    """Two app databases and a recruiter's folder, all through one WebDAV exchange."""
    root = tmp_path / "dav"
    root.mkdir()
    recruiter_folder = tmp_path / "recruiter"
    recruiter_folder.mkdir()
    server = WebDavServer(root)
    installs = {}
    try:
        for name, me in (("interviewer", INTERVIEWER), ("manager", MANAGER)):
            services = build_services(sqlite_location(tmp_path / f"{name}.db"), clock=clock)
            world = build(services, me)
            services.sync.add_target(
                "team", "webdav", {"url": server.url, "username": DAV_USER}, secret=DAV_PASSWORD
            )
            installs[name] = (services, world)
        join_team(*(services for services, _ in installs.values()))
        manager, manager_world = installs["manager"]
        manager.sync.add_target(
            "recruiter", "folder", {"path": str(recruiter_folder), "kinds": ["packet", "decision"]}
        )
        interviewer, world = installs["interviewer"]
        submit_scorecard(interviewer, world)
        assert interviewer.sync.sync().sent == 1
        assert manager.sync.sync().received == 1
        packet = manager.export.candidate_packet(manager_world["app"])
        manager.export.write(packet, tmp_path / "ada.pdf", tmp_path / "ada.json", send=True)
        report = manager.sync.sync()
        assert report.sent == 2  # the packet to the team exchange and to the recruiter folder
        # Synced again: nothing is sent or applied twice; the interviewer's app passes over the
        # manager's packet (it means nothing there), and nothing fails or waits.
        again = {name: services.sync.sync() for name, (services, _) in installs.items()}
        assert again["interviewer"].line() == "sent 0, received 0, skipped 1, failed 0"
        assert again["manager"].line() == "sent 0, received 0, skipped 0, failed 0"
        assert again["interviewer"].errors == again["manager"].errors == []
        recruiter_files = sorted(p.name for p in recruiter_folder.iterdir())
        assert len([n for n in recruiter_files if n.endswith(".envelope.json")]) == 1
        assert any(n.endswith("--ada.pdf") for n in recruiter_files)
        kinds = [
            json.loads(p.read_bytes())["kind"]
            for p in root.iterdir()
            if p.name.endswith(".envelope.json")
        ]
        assert (kinds.count("scorecard"), kinds.count("packet")) == (1, 1)
        interviewer_view = interviewer.sync.sync()
        assert interviewer_view.received == 0  # a packet means nothing to an interviewer's app
    finally:
        for services, _ in installs.values():
            services.close()
        server.stop()


def test_secrets_never_reach_the_database_settings_logs_or_exports(tmp_path, clock, memory_keyring):
    services = build_services(sqlite_location(tmp_path / "hp.db"), clock=clock)
    root = tmp_path / "dav"
    root.mkdir()
    server = WebDavServer(root)
    secret = DAV_PASSWORD
    try:
        world = build(services, MANAGER)
        services.sync.add_target(
            "dav",
            "webdav",
            {"url": server.url, "username": DAV_USER, "password": secret},
            secret=secret,
        )
        _queue_packets(services, 2)
        services.sync.sync()
        packet = services.export.candidate_packet(world["app"])
        services.export.write(packet, tmp_path / "p.pdf", tmp_path / "p.json", send=True)
        services.sync.sync()
    finally:
        services.close()
        server.stop()
    assert memory_keyring.store  # the secrets are in the keyring …
    for path in tmp_path.rglob("*"):  # … and nowhere else: database, WAL, exports, the server
        if path.is_file():
            data = path.read_bytes()
            assert secret.encode() not in data, path
            assert TEAM_SECRET.encode() not in data, path


def test_smtp_starttls_with_a_login(manager, tmp_path, clock):
    services, _ = manager
    server = SmtpServer(tls_folder=tmp_path, login=("hana", "smtp pass 9"))
    try:
        services.sync.add_target(
            "mail",
            "smtp",
            {
                "host": "127.0.0.1",
                "port": server.port,
                "security": "starttls",
                "username": "hana",
                "sender": "hana@example.com",
                "recipients": ["riley@recruiting.example"],
                "cafile": str(server.cert),
            },
            secret="smtp pass 9",
        )
        assert "starttls" in services.sync.test_target("mail")
        uuids = _queue_packets(services, 2)
        report = services.sync.sync()
        assert report.sent == 2, report.errors
        assert server.logins == ["hana", "hana", "hana"]  # the test, then one per message
        assert sorted(m["Message-ID"] for m in server.box.messages) == sorted(
            f"<{u}@hirepartner>" for u in uuids
        )
    finally:
        server.stop()


def test_smtp_refuses_an_untrusted_certificate(manager, tmp_path):
    services, _ = manager
    server = SmtpServer(tls_folder=tmp_path)
    try:
        services.sync.add_target(
            "mail",
            "smtp",
            {
                "host": "127.0.0.1",
                "port": server.port,
                "security": "starttls",
                "sender": "hana@example.com",
                "recipients": ["riley@recruiting.example"],
            },
        )
        _queue_packets(services, 1)
        report = services.sync.sync()
        assert report.sent == 0
        assert "CERTIFICATE_VERIFY_FAILED" in report.errors[0]
        assert server.box.messages == []
    finally:
        server.stop()
