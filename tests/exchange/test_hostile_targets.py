"""Hostile entries on a pullable target, named like envelopes and sorted before the valid ones: a
folder, a FIFO, a link to /dev/zero, a link to a valid envelope, a 300 MB file; on WebDAV a
collection, a huge file and an endless body. Each is quarantined once, with a sentence naming
it; the sync returns within seconds, with bounded memory, and the valid envelopes apply."""

from __future__ import annotations

import http.server
import os
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from exchange_world import (
    CODE,
    INTERVIEWER,
    MANAGER,
    build,
    join_team,
    recruiter_envelope,
    submit_scorecard,
)
from servers import DAV_PASSWORD, DAV_USER, WebDavServer, free_port
from sqlalchemy import func, select

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.models import Candidate, Scorecard
from hirepartner.exchange.envelopes import EnvelopeRejected, attachment_file, envelope_file
from hirepartner.exchange.folder import FolderTransport
from hirepartner.exchange.transport import TransportError
from hirepartner.exchange.webdav import WebDavTransport

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a POSIX system")

DEADLINE_S = 10.0  # a hang fails the test instead of hanging the suite
MEMORY_CAP = 50 * 1024 * 1024
HUGE = 300 * 1024 * 1024
# Lower than any uuid4 the tools make, so each is fetched before the valid envelopes.
BAD = [f"00000000-0000-4000-8000-{n:012d}" for n in range(5)]
PAYLOAD = {
    "requisition": CODE,
    "name": "Week 45",
    "candidates": [
        {"full_name": "Grace Hopper", "email": "grace@example.com", "resume": "grace.pdf"}
    ],
}


def _within(work: Callable[[], Any]) -> tuple[Any, float, int]:
    """work() in a thread: what it returned, the seconds it took and the peak memory it
    allocated; fails when it is still running at the deadline, or raised."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # reported below, with its type
            outcome["error"] = error

    tracemalloc.start()
    started = time.monotonic()
    try:
        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(DEADLINE_S)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not worker.is_alive(), f"still running after {DEADLINE_S} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value"), elapsed, peak


def _refusal(fetch: Callable[[], bytes]) -> str:
    """What the EnvelopeRejected that fetch() must raise says."""
    with pytest.raises(EnvelopeRejected) as refused:
        fetch()
    return str(refused.value)


def _plant_in_folder(folder: Path, elsewhere: Path) -> dict[str, str]:
    """The hostile entries, by uuid, with what the refusal must say about each."""
    elsewhere.mkdir(exist_ok=True)
    valid_uuid, document, _files = recruiter_envelope("slate", f"slate:{CODE}:w", 1, PAYLOAD)
    outside = elsewhere / envelope_file(valid_uuid)
    outside.write_bytes(document)
    (folder / envelope_file(BAD[0])).mkdir()
    os.mkfifo(folder / envelope_file(BAD[1]))
    (folder / envelope_file(BAD[2])).symlink_to("/dev/zero")
    (folder / envelope_file(BAD[3])).symlink_to(outside)
    huge = folder / envelope_file(BAD[4])
    huge.touch()
    os.truncate(huge, HUGE)  # sparse: costs no disk
    return {
        BAD[0]: f"{envelope_file(BAD[0])} is a folder, not an envelope file.",
        BAD[1]: f"{envelope_file(BAD[1])} is a named pipe (FIFO), not an envelope file.",
        BAD[2]: f"{envelope_file(BAD[2])} is a symbolic link, not an envelope file.",
        BAD[3]: f"{envelope_file(BAD[3])} is a symbolic link, not an envelope file.",
        BAD[4]: f"{envelope_file(BAD[4])} is larger than 5 MB, the limit for an envelope.",
    }


# -- the folder transport ----------------------------------------------------------------------


def test_the_folder_refuses_each_hostile_entry_by_name(tmp_path):
    folder = tmp_path / "exchange"
    folder.mkdir()
    expected = _plant_in_folder(folder, tmp_path / "elsewhere")
    transport = FolderTransport("team", folder)
    assert transport.incoming() == BAD  # listed whatever they are, so each is quarantined once

    def fetch_all() -> dict[str, str]:
        return {uuid: _refusal(lambda u=uuid: transport.document(u)) for uuid in BAD}

    said, elapsed, peak = _within(fetch_all)
    assert said == expected
    assert elapsed < 2.0
    assert peak < MEMORY_CAP


def test_attachments_are_capped_by_what_their_envelope_declares(tmp_path):
    folder = tmp_path / "exchange"
    folder.mkdir()
    uuid, document, files = recruiter_envelope(
        "slate", f"slate:{CODE}:w", 1, PAYLOAD, {"grace.pdf": b"%PDF-1.4 resume"}
    )
    transport = FolderTransport("team", folder)
    transport.deliver(uuid, document, files)
    assert transport.attachment(uuid, "grace.pdf", limit=15) == b"%PDF-1.4 resume"
    assert transport.attachment(uuid, "grace.pdf") == b"%PDF-1.4 resume"  # the protocol's default
    with pytest.raises(EnvelopeRejected, match=r"grace\.pdf is larger than 10 bytes, the size its"):
        transport.attachment(uuid, "grace.pdf", limit=10)
    os.truncate(folder / attachment_file(uuid, "grace.pdf"), HUGE)
    with pytest.raises(EnvelopeRejected, match="larger than 50 MB, the limit for an attachment"):
        transport.attachment(uuid, "grace.pdf")


def test_a_whole_folder_problem_is_still_a_transport_error(tmp_path):
    transport = FolderTransport("team", tmp_path / "not mounted")
    with pytest.raises(TransportError, match="not there"):
        transport.incoming()
    with pytest.raises(TransportError):
        transport.document(BAD[0])


def test_a_target_folder_reached_through_a_link_still_works(tmp_path):
    """Only the entry itself must not be a link: ~/Dropbox is often one."""
    real = tmp_path / "real"
    real.mkdir()
    uuid, document, files = recruiter_envelope("slate", f"slate:{CODE}:w", 1, PAYLOAD)
    FolderTransport("x", real).deliver(uuid, document, files)
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    transport = FolderTransport("team", tmp_path / "linked")
    assert transport.incoming() == [uuid]
    assert transport.document(uuid) == document


# -- through a real sync -----------------------------------------------------------------------


@pytest.fixture
def installs(tmp_path, clock):
    """An interviewer's install and a hiring manager's, with their worlds."""
    built = []
    for name, me in (("interviewer", INTERVIEWER), ("manager", MANAGER)):
        services = build_services(sqlite_location(tmp_path / f"{name}.db"), clock=clock)
        built.append((services, build(services, me)))
    yield built
    for services, _world in built:
        services.close()


def _count(services, model) -> int:
    with services.database.unit_of_work() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def _valid_envelopes(interviewer, world, target: str, deliver, manager) -> None:
    """The team's keys exchanged, then a submitted scorecard sent by the interviewer's sync,
    and a recruiter's slate."""
    join_team(interviewer, manager)
    submit_scorecard(interviewer, world)
    assert interviewer.sync.sync(target).sent == 1
    uuid, document, files = recruiter_envelope(
        "slate", f"slate:{CODE}:week45", 1, PAYLOAD, {"grace.pdf": b"%PDF-1.4 resume"}
    )
    deliver(uuid, document, files)


def _assert_quarantined_once(manager, target: str, expected: dict[str, str]) -> None:
    report, elapsed, peak = _within(lambda: manager.sync.sync(target))
    print(f"\n{target}: sync took {elapsed:.2f} s, tracemalloc peak {peak / 1024 / 1024:.1f} MB")
    assert elapsed < 5.0
    assert peak < MEMORY_CAP
    assert (report.received, report.quarantined) == (2, len(expected)), report.errors
    assert _count(manager, Scorecard) == 1
    assert _count(manager, Candidate) == 2  # Ada, and Grace from the slate
    reasons = {q.uuid: q.reason for q in manager.sync.quarantined()}
    assert reasons == expected
    for uuid, reason in expected.items():
        assert f"{target}: envelope {uuid} quarantined: {reason}" in report.errors
    again = manager.sync.sync(target)
    assert (again.received, again.quarantined, again.errors) == (0, 0, [])


def test_a_folder_sync_quarantines_hostile_entries_once_and_applies_the_rest(installs, tmp_path):
    (interviewer, world), (manager, _) = installs
    folder = tmp_path / "exchange"
    folder.mkdir()
    for services, _world in installs:
        services.sync.add_target("team", "folder", {"path": str(folder)})
    _valid_envelopes(interviewer, world, "team", FolderTransport("x", folder).deliver, manager)
    expected = _plant_in_folder(folder, tmp_path / "elsewhere")
    _assert_quarantined_once(manager, "team", expected)


@pytest.mark.parametrize("hostile", ["fifo", "huge"])
def test_a_hostile_attachment_quarantines_its_envelope_only(installs, tmp_path, hostile):
    (interviewer, world), (manager, _) = installs
    folder = tmp_path / "exchange"
    folder.mkdir()
    for services, _world in installs:
        services.sync.add_target("team", "folder", {"path": str(folder)})
    _valid_envelopes(interviewer, world, "team", FolderTransport("x", folder).deliver, manager)
    uuid, document, files = recruiter_envelope(
        "slate", f"slate:{CODE}:week46", 1, PAYLOAD, {"grace.pdf": b"%PDF-1.4 resume"}
    )
    FolderTransport("x", folder).deliver(uuid, document, files)
    resume = folder / attachment_file(uuid, "grace.pdf")
    resume.unlink()
    if hostile == "fifo":
        os.mkfifo(resume)
        reason = f"{resume.name} is a named pipe (FIFO), not an attachment file."
    else:
        resume.touch()
        os.truncate(resume, HUGE)
        # refused from its size on disk against the size its envelope declares
        reason = f"{resume.name} is larger than 15 bytes, the size its envelope declares."
    _assert_quarantined_once(manager, "team", {uuid: reason})


# -- WebDAV ------------------------------------------------------------------------------------


def _plant_on_server(root: Path) -> dict[str, str]:
    (root / envelope_file(BAD[0])).mkdir()
    huge = root / envelope_file(BAD[1])
    huge.touch()
    os.truncate(huge, HUGE)
    return {
        BAD[0]: f"{envelope_file(BAD[0])} is a folder (a WebDAV collection), not an envelope file.",
        BAD[1]: f"{envelope_file(BAD[1])} is larger than 5 MB, the limit for an envelope.",
    }


@pytest.fixture
def dav(tmp_path):
    root = tmp_path / "dav"
    root.mkdir()
    server = WebDavServer(root)
    yield server
    server.stop()


def test_a_webdav_sync_quarantines_a_collection_and_a_huge_file_once(installs, dav):
    (interviewer, world), (manager, _) = installs
    for services, _world in installs:
        services.sync.add_target(
            "dav", "webdav", {"url": dav.url, "username": DAV_USER}, secret=DAV_PASSWORD
        )
    _valid_envelopes(interviewer, world, "dav", FolderTransport("x", dav.root).deliver, manager)
    expected = _plant_on_server(dav.root)
    _assert_quarantined_once(manager, "dav", expected)


def test_a_huge_webdav_body_is_refused_unread_and_the_transport_goes_on(dav):
    _plant_on_server(dav.root)
    uuid, document, files = recruiter_envelope("slate", f"slate:{CODE}:w", 1, PAYLOAD)
    FolderTransport("x", dav.root).deliver(uuid, document, files)
    transport = WebDavTransport("dav", dav.url, DAV_USER, DAV_PASSWORD)
    try:
        assert transport.document(uuid) == document  # a kept-alive connection
        # No listing first: the GET itself is refused on its Content-Length, not read.
        said, _elapsed, peak = _within(lambda: _refusal(lambda: transport.document(BAD[1])))
        assert said == f"{envelope_file(BAD[1])} is larger than 5 MB, the limit for an envelope."
        assert peak < MEMORY_CAP
        assert transport.document(uuid) == document  # a fresh connection
    finally:
        transport.close()


class _EndlessHandler(http.server.BaseHTTPRequestHandler):
    """Answers every GET with a chunked body that never ends, and no Content-Length."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"%x\r\n%s\r\n" % (65536, b"{" * 65536)
        try:
            for _ in range(10_000):  # 640 MB, unless the reader hangs up first
                self.wfile.write(chunk)
        except OSError:
            return

    def log_message(self, *args: object) -> None:
        return None


def test_a_body_without_a_length_is_cut_at_the_cap():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _EndlessHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    transport = WebDavTransport("endless", f"http://127.0.0.1:{server.server_port}/dav/")
    try:
        said, elapsed, peak = _within(lambda: _refusal(lambda: transport.document(BAD[0])))
        assert said == f"{envelope_file(BAD[0])} is larger than 5 MB, the limit for an envelope."
        assert elapsed < 5.0
        assert peak < MEMORY_CAP
        said = _refusal(lambda: transport.attachment(BAD[0], "grace.pdf", limit=1000))
        assert said == (
            f"{attachment_file(BAD[0], 'grace.pdf')} is larger than 1,000 bytes, "
            "the size its envelope declares."
        )
    finally:
        transport.close()
        server.shutdown()
        server.server_close()
