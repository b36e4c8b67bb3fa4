"""A WebDAV collection target (Nextcloud, ownCloud, SharePoint): PUT under a temporary name,
then MOVE into place; only the MOVE's 201 or 204 counts as delivered. One kept-alive HTTP(S)
connection per sync. Temporary files a killed upload left are removed an hour later.

The listing asks each entry's size and type. Every envelope-like name is listed whatever it is;
fetching one the listing called a collection, or larger than its cap, raises EnvelopeRejected
without a GET (the sync quarantines it once, with the reason), and every body is read in chunks
and refused past its cap whatever Content-Length says; the connection is then closed, and the
next request opens a fresh one."""

from __future__ import annotations

import base64
import contextlib
import http.client
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import quote, unquote, urlsplit

from defusedxml import ElementTree

from hirepartner.exchange.envelopes import (
    MAX_ATTACHMENT_BYTES,
    MAX_ENVELOPE_BYTES,
    EnvelopeRejected,
    attachment_file,
    envelope_file,
    new_uuid,
    uuid_of,
)
from hirepartner.exchange.leftovers import LEFTOVER_AGE_S, is_webdav_leftover
from hirepartner.exchange.problems import http_problem, network_problem, unreachable
from hirepartner.exchange.regular_files import ENVELOPE, Purpose, amount, attachment_cap
from hirepartner.exchange.transport import TransportError
from hirepartner.exchange.url_secrets import redacted

TIMEOUT_S = 30.0
_DAV = "{DAV:}"
_LISTING = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:"><d:prop><d:getlastmodified/><d:getcontentlength/>'
    b"<d:resourcetype/></d:prop></d:propfind>"
)
MAX_LISTING_BYTES = 64 * 1024 * 1024  # some 100,000 entries
_MAX_ANSWER_BYTES = 1024 * 1024  # the body of an answer that is not a listing or a file
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class _Entry:
    name: str
    modified: float | None  # seconds since the epoch
    size: int | None  # what the server declares
    collection: bool


class _TooLarge(Exception):
    """A response body past its cap; the connection was closed unread."""


def _size(text: str | None) -> int | None:
    try:
        size = int((text or "").strip())
    except ValueError:
        return None
    return size if size >= 0 else None


def _seconds(http_date: str | None) -> float | None:
    """An HTTP date (RFC 1123) as seconds since the epoch, or None."""
    if not http_date:
        return None
    try:
        return parsedate_to_datetime(http_date.strip()).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


class WebDavTransport:
    pullable = True

    def __init__(self, name: str, url: str, username: str = "", password: str = "") -> None:
        self.name = name
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TransportError(f"{redacted(url)} is not an http(s) URL", transient=False)
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)
        self._root = parts.path.rstrip("/") + "/"
        self._auth = (
            "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
            if username
            else ""
        )
        self._connection: http.client.HTTPConnection | None = None
        self._entries: dict[str, _Entry] = {}  # the last listing's, by name

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            if self._https:
                self._connection = http.client.HTTPSConnection(
                    self._host,
                    self._port,
                    timeout=TIMEOUT_S,
                    context=ssl.create_default_context(),
                )
            else:
                self._connection = http.client.HTTPConnection(
                    self._host, self._port, timeout=TIMEOUT_S
                )
        return self._connection

    def _path(self, file_name: str) -> str:
        return self._root + quote(file_name)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        retry: bool = True,
    ) -> tuple[int, bytes]:
        try:
            status, data, _date = self._exchange(method, path, body, headers, retry)
        except _TooLarge:
            raise TransportError(f"the server's answer to {method} is too large") from None
        return status, data

    def _exchange(
        self,
        method: str,
        path: str,
        body: bytes | None,
        headers: dict[str, str] | None,
        retry: bool,
        limit: int = _MAX_ANSWER_BYTES,
    ) -> tuple[int, bytes, str | None]:
        """One request: the status, the body (at most `limit` bytes when the status is 2xx,
        else raises _TooLarge) and the server's Date header."""
        all_headers = {"Content-Length": str(len(body or b"")), **(headers or {})}
        if self._auth:
            all_headers["Authorization"] = self._auth
        for attempt in (1, 2):  # a kept-alive connection the server closed: reconnect once
            connection = self._connect()
            try:
                connection.request(method, path, body=body, headers=all_headers)
                response = connection.getresponse()
                ok = 200 <= response.status < 300
                data = self._body(response, limit if ok else _MAX_ANSWER_BYTES)
                if data is None:  # the rest is left unread: this connection is done
                    self.close()
                    if ok:
                        raise _TooLarge()
                    data = b""
                elif response.will_close:
                    self.close()
                return response.status, data, response.getheader("Date")
            except (OSError, http.client.HTTPException) as error:
                self.close()
                if (
                    attempt == 2
                    or not retry
                    or not isinstance(
                        error,
                        (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError),
                    )
                ):
                    raise TransportError(
                        network_problem(self._host, self._port, error, TIMEOUT_S),
                        unreachable=unreachable(error),
                    ) from error
        raise AssertionError("unreachable")

    @staticmethod
    def _body(response: http.client.HTTPResponse, limit: int) -> bytes | None:
        """The body read in chunks, or None past `limit` bytes (declared or received)."""
        if response.length is not None and response.length > limit:
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= limit and (chunk := response.read(min(_CHUNK, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
        return None if size > limit else b"".join(chunks)

    def _check(self, method: str, status: int, accepted: tuple[int, ...], what: str) -> None:
        if status in accepted:
            return
        if status == 404 and method != "GET":
            raise TransportError(
                f"the folder {self._root} is not on the server (404): check the URL",
                transient=False,
            )
        problem, transient = http_problem(status)
        if status not in (401, 403):  # which file: of use when one file is refused
            problem += f" ({method} {what})"
        raise TransportError(problem, transient=transient)

    def _put(self, file_name: str, content: bytes) -> str:
        """PUT under a fresh temporary name; returns it. A failed attempt is never repeated
        on the same name: a server may still be writing the first one when the second lands."""
        for attempt in (1, 2):  # the second only for a kept-alive connection found closed
            partial = f".{file_name}.{new_uuid()}.part"
            try:
                status, _ = self.request(
                    "PUT",
                    self._path(partial),
                    content,
                    {"Content-Type": "application/octet-stream"},
                    retry=False,
                )
            except TransportError as error:
                self._forget(partial)
                if attempt == 2 or not isinstance(
                    error.__cause__, (http.client.RemoteDisconnected, BrokenPipeError)
                ):
                    raise
                continue
            self._check("PUT", status, (200, 201, 204), file_name)
            return partial
        raise AssertionError("unreachable")

    def put_atomically(self, file_name: str, content: bytes) -> None:
        partial = self._put(file_name, content)
        destination = f"{'https' if self._https else 'http'}://{self._host}:{self._port}"
        move = {"Destination": destination + self._path(file_name), "Overwrite": "F"}
        status, _ = self.request("MOVE", self._path(partial), None, move)
        if status == 412:  # already there: a re-send after a lost confirmation; same bytes
            status, _ = self.request("MOVE", self._path(partial), None, {**move, "Overwrite": "T"})
        self._check("MOVE", status, (201, 204), file_name)

    def _forget(self, partial: str) -> None:
        """Best effort: a server may keep what arrived of a cut upload under our temporary
        (hidden, never read) name; remove it if the server lets us now."""
        with contextlib.suppress(TransportError):
            self.request("DELETE", self._path(partial))

    def deliver(
        self, envelope_uuid: str, document: bytes, attachments: Mapping[str, bytes]
    ) -> None:
        for name, content in attachments.items():
            self.put_atomically(attachment_file(envelope_uuid, name), content)
        self.put_atomically(envelope_file(envelope_uuid), document)

    def _listing(self) -> tuple[list[_Entry], float]:
        """The collection's entries, and the server's time now (its Date header; ours if it
        sent none). Remembers each entry's size and type for the fetches that follow."""
        try:
            status, body, date = self._exchange(
                "PROPFIND",
                self._root,
                _LISTING,
                {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
                True,
                MAX_LISTING_BYTES,
            )
        except _TooLarge:
            raise TransportError(
                f"the server's listing of {self._root} is larger than {amount(MAX_LISTING_BYTES)}"
            ) from None
        self._check("PROPFIND", status, (207,), "the collection")
        try:
            tree = ElementTree.fromstring(body)
        except Exception as error:
            raise TransportError(f"the server's listing is not WebDAV XML ({error})") from None
        found = []
        for response in tree.iter(f"{_DAV}response"):
            href = response.find(f"{_DAV}href")
            if href is None or not href.text:
                continue
            modified = response.find(f".//{_DAV}getlastmodified")
            length = response.find(f".//{_DAV}getcontentlength")
            found.append(
                _Entry(
                    name=unquote(href.text.rstrip("/").rsplit("/", 1)[-1]),
                    modified=_seconds(modified.text if modified is not None else None),
                    size=_size(length.text if length is not None else None),
                    collection=response.find(f".//{_DAV}resourcetype/{_DAV}collection") is not None,
                )
            )
        self._entries = {entry.name: entry for entry in found}
        return found, _seconds(date) or time.time()

    def incoming(self) -> list[str]:
        listing, _now = self._listing()
        return sorted(u for u in (uuid_of(entry.name) for entry in listing) if u)

    def remove_leftovers(self) -> int:
        """DELETE our own temporary files an hour old by the server's clock; a file whose
        age the server does not say is left alone."""
        try:
            listing, now = self._listing()
        except TransportError:
            return 0
        removed = 0
        for entry in listing:
            if not is_webdav_leftover(entry.name) or entry.modified is None:
                continue
            if now - entry.modified < LEFTOVER_AGE_S:
                continue
            try:
                status, _ = self.request("DELETE", self._path(entry.name))
            except TransportError:
                return removed
            if status in (200, 204):
                removed += 1
        return removed

    def _get(self, file_name: str, limit: int, purpose: Purpose) -> bytes:
        """The file's body; EnvelopeRejected for a collection or a body past `limit`."""
        too_large = f"{file_name} is larger than {amount(limit)}, {purpose.over_limit}."
        entry = self._entries.get(file_name)
        if entry is not None and entry.collection:
            raise EnvelopeRejected(
                f"{file_name} is a folder (a WebDAV collection), not {purpose.noun}."
            )
        if entry is not None and entry.size is not None and entry.size > limit:
            raise EnvelopeRejected(too_large)
        try:
            status, body, _date = self._exchange(
                "GET", self._path(file_name), None, None, True, limit
            )
        except _TooLarge:
            raise EnvelopeRejected(too_large) from None
        self._check("GET", status, (200,), file_name)
        return body

    def document(self, envelope_uuid: str) -> bytes:
        return self._get(envelope_file(envelope_uuid), MAX_ENVELOPE_BYTES, ENVELOPE)

    def attachment(self, envelope_uuid: str, name: str, limit: int = MAX_ATTACHMENT_BYTES) -> bytes:
        """At most `limit` bytes (pass the size the envelope declares), never more than
        MAX_ATTACHMENT_BYTES."""
        cap, purpose = attachment_cap(limit, MAX_ATTACHMENT_BYTES)
        return self._get(attachment_file(envelope_uuid, name), cap, purpose)

    def test(self) -> str:
        return f"{self._root} answers, with {len(self.incoming())} envelopes."

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
