"""An HTTPS webhook: a multipart POST of the envelope and its files, signed with HMAC-SHA256
over the body and carrying an idempotency key (the envelope's uuid). A 2xx confirms."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ssl
from collections.abc import Mapping
from urllib.parse import urlsplit

from hirepartner.exchange.envelopes import MAX_ATTACHMENT_BYTES, envelope_file, new_uuid
from hirepartner.exchange.problems import http_problem, network_problem, unreachable
from hirepartner.exchange.transport import TransportError
from hirepartner.exchange.url_secrets import redacted

TIMEOUT_S = 30.0
SIGNATURE_HEADER = "X-HirePartner-Signature"


def multipart(parts: list[tuple[str, str, str, bytes]]) -> tuple[bytes, str]:
    """(field, filename, content type, bytes) parts -> body and its Content-Type."""
    boundary = f"hirepartner-{new_uuid()}"
    chunks = []
    for field, filename, content_type, content in parts:
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        )
        chunks += [content, b"\r\n"]
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookTransport:
    pullable = False

    def __init__(self, name: str, url: str, secret: str, allow_http: bool = False) -> None:
        parts = urlsplit(url)
        if parts.scheme != "https" and not (allow_http and parts.scheme == "http"):
            raise TransportError(f"{redacted(url)}: a webhook must be https", transient=False)
        if not parts.hostname:
            raise TransportError(f"{redacted(url)} has no host", transient=False)
        self.name = name
        self._https = parts.scheme == "https"
        self._host, self._port = parts.hostname, parts.port or (443 if self._https else 80)
        self._path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._secret = secret

    def deliver(
        self, envelope_uuid: str, document: bytes, attachments: Mapping[str, bytes]
    ) -> None:
        parts = [("envelope", envelope_file(envelope_uuid), "application/json", document)]
        for name, content in sorted(attachments.items()):
            kind = (
                "application/pdf"
                if name.lower().endswith(".pdf")
                else "application/json"
                if name.lower().endswith(".json")
                else "application/octet-stream"
            )
            parts.append(("attachment", name, kind, content))
        body, content_type = multipart(parts)
        headers = {
            "Content-Type": content_type,
            "Content-Length": str(len(body)),
            SIGNATURE_HEADER: signature(self._secret, body),
            "Idempotency-Key": envelope_uuid,
            "User-Agent": "HirePartner",
        }
        connection = (
            http.client.HTTPSConnection(
                self._host, self._port, timeout=TIMEOUT_S, context=ssl.create_default_context()
            )
            if self._https
            else http.client.HTTPConnection(self._host, self._port, timeout=TIMEOUT_S)
        )
        try:
            connection.request("POST", self._path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            raise TransportError(
                network_problem(self._host, self._port, error, TIMEOUT_S),
                unreachable=unreachable(error),
            ) from None
        finally:
            connection.close()
        if not 200 <= response.status < 300:
            problem, transient = http_problem(response.status)
            raise TransportError(problem, transient=transient)

    def incoming(self) -> list[str]:
        return []

    def document(self, envelope_uuid: str) -> bytes:
        raise TransportError("a webhook is one-way", transient=False)

    def attachment(self, envelope_uuid: str, name: str, limit: int = MAX_ATTACHMENT_BYTES) -> bytes:
        raise TransportError("a webhook is one-way", transient=False)

    def test(self) -> str:
        scheme = "https" if self._https else "http"
        where = redacted(f"{scheme}://{self._host}:{self._port}{self._path}")
        return f"{where} (a test POST is not sent)."

    def remove_leftovers(self) -> int:
        return 0  # nothing is left on the receiver's side

    def close(self) -> None:
        return None
