"""Secrets pasted into a URL (https://user:password@host/…, ?token=…): found, taken out so the
URL can be stored and shown, and put back only when the transport connects."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that carry a credential (compared in lower case).
SECRET_PARAMETERS = frozenset(
    {
        "token",
        "key",
        "secret",
        "signature",
        "sig",
        "password",
        "passwd",
        "pwd",
        "access_token",
        "auth_token",
        "api_key",
        "apikey",
        "api-key",
        "client_secret",
        "code",
    }
)
_SECRET_WORDS = ("token", "secret", "password", "passwd", "signature", "apikey", "api_key")
HIDDEN = "…"


def is_secret_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in SECRET_PARAMETERS or any(word in lowered for word in _SECRET_WORDS)


@dataclass(frozen=True)
class SplitUrl:
    url: str  # what may be stored and shown: no password, no secret query parameter
    username: str  # from user:password@ (or user@), "" if none
    password: str  # from user:password@, "" if none
    query_secret: str  # the secret query parameters, url-encoded ("token=abc"), "" if none
    parameters: tuple[str, ...]  # their names, to say what was moved

    @property
    def moved(self) -> tuple[str, ...]:
        """What was taken out, in words: ("the password", "the token")."""
        words = ("the password",) if self.password else ()
        return words + tuple(f"the {name}" for name in self.parameters)


def split_secrets(url: str) -> SplitUrl:
    parts = urlsplit(url.strip())
    kept: list[tuple[str, str]] = []
    secret: list[tuple[str, str]] = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        (secret if is_secret_parameter(name) and value else kept).append((name, value))
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if _port(url) else "")
    clean = str(
        urlunsplit(
            (parts.scheme, netloc, parts.path, urlencode(kept, quote_via=quote), parts.fragment)
        )
    )
    return SplitUrl(
        url=clean,
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        query_secret=urlencode(secret, quote_via=quote),
        parameters=tuple(dict.fromkeys(name for name, _value in secret)),
    )


def _port(url: str) -> int | None:
    try:
        return urlsplit(url.strip()).port
    except ValueError:
        return None


def with_query_secret(url: str, query_secret: str) -> str:
    """The stored URL with its secret query parameters put back, for the connection only."""
    if not query_secret:
        return url
    parts = urlsplit(url)
    query = f"{parts.query}&{query_secret}" if parts.query else query_secret
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def redacted(url: str) -> str:
    """A URL safe to show or put in a message: a password or secret parameter becomes …."""
    try:
        parts = urlsplit(url)
        split = split_secrets(url)
    except ValueError:
        return "(a URL that cannot be read)"
    if not split.password and not split.query_secret and not split.username:
        return url
    netloc = parts.netloc.rpartition("@")[2]
    if split.username:
        netloc = f"{quote(split.username)}{':' + HIDDEN if split.password else ''}@{netloc}"
    query = [
        f"{name}={HIDDEN}" if is_secret_parameter(name) and value else f"{name}={value}"
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit((parts.scheme, netloc, parts.path, "&".join(query), parts.fragment))
