"""What went wrong on the way to a target, in words a hiring manager can act on: a refused
password, a server that is down, a name that is not known, an untrusted certificate."""

from __future__ import annotations

import http.client
import socket
import ssl


def http_problem(status: int) -> tuple[str, bool]:
    """A server's HTTP answer in words, and whether trying again later can help."""
    if status == 401:
        return "the server refused the user name or password (401)", False
    if status == 403:
        return "the server refused access (403): check the user and password and its rights", False
    if status == 404:
        return "the server has nothing at that address (404): check the URL", False
    if status in (408, 429):
        return f"the server is busy ({status}); it will be tried again", True
    if status == 507:
        return "the server is out of space (507)", True
    if status >= 500:
        return f"the server had a problem ({status}); it will be tried again", True
    if status == 423:
        return "the file is locked on the server (423); it will be tried again", True
    return f"the server answered {status}", False


def network_problem(host: str, port: int, error: BaseException, timeout_s: float) -> str:
    """A connection that failed, in words."""
    where = f"{host}:{port}"
    if isinstance(error, ssl.SSLCertVerificationError):
        detail = error.verify_message or "not trusted"
        return f"the certificate of {host} is not trusted: {detail} ({error.reason})"
    if isinstance(error, ConnectionRefusedError):
        return f"nothing answers at {where} (connection refused): is the server running?"
    if isinstance(error, socket.gaierror):
        return f"the server name {host} is not known (offline, or a typo in the address?)"
    if isinstance(error, TimeoutError):
        return f"{where} did not answer within {timeout_s:g} s"
    if isinstance(error, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)):
        return f"{where} closed the connection before answering"
    if isinstance(error, OSError) and error.strerror:
        return f"cannot reach {where}: {error.strerror}"
    return f"cannot reach {where}: {error}"


def unreachable(error: BaseException) -> bool:
    """Whether the target itself cannot be reached (no answer, refused, unknown name): every
    other file sent now would wait the same way, so a sync stops sending to it."""
    return isinstance(error, (TimeoutError, ConnectionRefusedError, socket.gaierror))
