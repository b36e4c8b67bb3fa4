"""Pushing 1,000 packet envelopes (a real packet PDF, its JSON summary, the signed envelope) to
a WebDAV server on loopback through the outbox relay, against raw PUTs of the same bytes with
the same HTTP client (one kept-alive connection) in the same run. Target: at most 2x."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

PACKETS = 1000
ROUNDS = 3


def _servers_module() -> object:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "exchange"))
    import servers  # the tests' loopback WebDAV server (wsgidav under cheroot)

    return servers


def _packet_bytes(work: Path) -> tuple[bytes, bytes]:
    from benchmarks.worlds import demo_database
    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location

    services = build_services(sqlite_location(demo_database(60)))
    try:
        packet = services.export.slate_packet(1)
        result = services.export.write(packet, work / "p.pdf", work / "p.json")
        return result.pdf.read_bytes(), (work / "p.json").read_bytes()
    finally:
        services.close()


def _relay_round(work: Path, server: object, pdf: bytes, summary: bytes) -> float:
    from hirepartner.app import build_services
    from hirepartner.config import sqlite_location
    from hirepartner.secrets import TEAM_KEY, SecretStore
    from hirepartner.services.outbox import enqueue

    servers = _servers_module()
    database = work / f"relay-{time.monotonic_ns()}.db"
    secrets = SecretStore()
    services = build_services(sqlite_location(database), secrets=secrets)
    try:
        secrets.set(TEAM_KEY, "benchmark team key, long enough", session_only=True)
        # What is sent is signed with the sender's own key: a profile to sign as, and the
        # key from $HIREPARTNER_SIGNING_KEY (set in main), as a script would.
        services.profile.set_current("Bench Interviewer", "bench@example.com", "interviewer")
        services.team.my_key()
        services.sync.add_target(
            "dav",
            "webdav",
            {"url": server.url, "username": servers.DAV_USER},  # type: ignore[attr-defined]
            secret=servers.DAV_PASSWORD,
            session_only=True,  # type: ignore[attr-defined]
        )
        announced = services.sync.sync(pull=False)  # the key's announcement, before the clock
        assert announced.sent == 1, announced.line()
        with services.database.unit_of_work() as uow:
            for n in range(PACKETS):
                enqueue(
                    uow.session,
                    services.clock(),
                    kind="packet",
                    record_id=f"packet:b:{n}",
                    version=1,
                    payload={"subject": f"Packet {n}"},
                    attachments={f"packet-{n}.pdf": pdf, f"packet-{n}.json": summary},
                )
            uow.commit()
        started = time.perf_counter()
        report = services.sync.sync(pull=False)
        elapsed = time.perf_counter() - started
        assert report.sent == PACKETS, report.line()
        assert not report.failed, report.line()
        return elapsed
    finally:
        services.close()


def _raw_round(server: object, pdf: bytes, summary: bytes) -> float:
    from hirepartner.exchange.webdav import WebDavTransport

    servers = _servers_module()
    client = WebDavTransport("raw", server.url, servers.DAV_USER, servers.DAV_PASSWORD)  # type: ignore[attr-defined]
    envelope = json.dumps({"payload": {"subject": "Packet"}, "pad": "x" * 700}).encode()
    started = time.perf_counter()
    for n in range(PACKETS):
        for name, content in (
            (f"raw-{n}.pdf", pdf),
            (f"raw-{n}.json", summary),
            (f"raw-{n}.envelope.json", envelope),
        ):
            status, _ = client.request("PUT", client._path(name), content)
            assert status in (200, 201, 204), status
    elapsed = time.perf_counter() - started
    client.close()
    return elapsed


def main() -> None:
    from hirepartner.exchange.signing import new_private_key
    from hirepartner.services.team_keys import SIGNING_KEY_ENV

    os.environ.setdefault(SIGNING_KEY_ENV, new_private_key())
    servers = _servers_module()
    work = Path(tempfile.mkdtemp(prefix="hp-bench-exchange-"))
    try:
        pdf, summary = _packet_bytes(work)
        print(
            f"Exchange: {PACKETS} packets ({len(pdf) // 1024} KB PDF + "
            f"{len(summary) // 1024} KB JSON + envelope) to WebDAV on loopback"
        )
        ours, raw = [], []
        for n in range(ROUNDS):  # each measurement on a fresh, empty collection
            for name, measure in (("raw", raw), ("relay", ours)):
                root = work / f"dav-{name}-{n}"
                root.mkdir()
                server = servers.WebDavServer(root)  # type: ignore[attr-defined]
                try:
                    if name == "raw":
                        measure.append(_raw_round(server, pdf, summary))
                    else:
                        measure.append(_relay_round(work, server, pdf, summary))
                finally:
                    server.stop()
        ours_s, raw_s = statistics.median(ours), statistics.median(raw)
        print(
            f"  relay (PUT temp + MOVE per file, signed, outbox updated): {ours_s:.2f} s "
            f"({PACKETS / ours_s:.0f} packets/s)"
        )
        print(f"  raw PUTs of the same bytes, same client: {raw_s:.2f} s")
        print(f"  ratio: {ours_s / raw_s:.2f}x (target <= 2x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    from benchmarks.qt_warnings import run_checked

    run_checked([main])
