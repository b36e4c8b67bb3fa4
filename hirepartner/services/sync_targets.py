"""The targets' side of sync, for the sync service: a target's config cleaned of secrets pasted
into its URL, its state in words ("failed 5 min ago: …"), and the transport built for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hirepartner.data.models.exchange import ExchangeTarget
from hirepartner.errors import InvalidValue
from hirepartner.exchange.transport import Transport
from hirepartner.exchange.url_secrets import redacted, split_secrets, with_query_secret
from hirepartner.secrets import secret_name
from hirepartner.wording import ago

URL_KINDS = ("webdav", "webhook")
URL_SECRET = "url_secret"  # config key: the names of the query parameters kept in the keyring


def url_secret_name(target: str) -> str:
    """The keyring entry holding the secret query parameters taken out of a target's URL."""
    return f"{secret_name(target)}:url"


@dataclass(frozen=True)
class TargetInfo:
    name: str
    kind: str
    config: dict[str, Any]  # never a secret: a URL shows … where a secret was
    enabled: bool
    pending: int
    last_attempt_at: datetime | None  # the last sync that reached out to it, good or not
    last_error: str  # what went wrong that time; "" when it went well
    state: str  # "never synced", "synced 5 min ago", "failed 5 min ago"
    moved_secrets: tuple[str, ...] = ()  # on adding: what was taken out of the URL

    @property
    def failed(self) -> bool:
        return bool(self.last_error)

    @property
    def state_line(self) -> str:
        """The state with its problem: "failed 5 min ago: the server refused the password"."""
        return f"{self.state}: {self.last_error}" if self.last_error else self.state


def state_text(last_attempt_at: datetime | None, last_error: str, now: datetime) -> str:
    """ "synced 5 min ago", "failed 5 min ago" (the problem goes beside it), "never synced"."""
    if last_attempt_at is None:
        return "failed" if last_error else "never synced"
    return f"{'failed' if last_error else 'synced'} {ago(last_attempt_at, now)}"


def target_info(target: ExchangeTarget, pending: int, now: datetime) -> TargetInfo:
    config = dict(target.config)
    if "url" in config:  # also a URL stored before secrets were taken out of URLs
        config["url"] = redacted(str(config["url"]))
    return TargetInfo(
        target.name,
        target.kind,
        config,
        target.enabled,
        pending,
        target.last_sync_at,
        target.last_error,
        state_text(target.last_sync_at, target.last_error, now),
    )


@dataclass(frozen=True)
class CleanConfig:
    config: dict[str, Any]
    secret: str | None  # the password or signing secret, given or taken from the URL
    url_secret: str  # secret query parameters taken from the URL ("token=…"), or ""
    moved: tuple[str, ...]  # what was taken out, in words


def clean_config(kind: str, config: dict[str, Any], secret: str | None) -> CleanConfig:
    """Take any password or token out of the URL: it goes to the keyring, never the database.
    Refused (in a sentence) only where it cannot be moved unambiguously."""
    never = ("password", "secret", "token", URL_SECRET)
    clean = {k: v for k, v in config.items() if k not in never}
    if kind not in URL_KINDS or not clean.get("url"):
        return CleanConfig(clean, secret, "", ())
    try:
        split = split_secrets(str(clean["url"]))
    except ValueError:
        raise InvalidValue("url", "The URL cannot be read; check it for typos.") from None
    clean["url"] = split.url
    if split.username or split.password:
        if kind == "webhook":
            raise InvalidValue(
                "url",
                "A webhook URL cannot hold a user name or password; take it out of the URL "
                "and give the signing secret with --password-file or the Signing secret field.",
            )
        given = str(clean.get("username") or "")
        if given and split.username and given != split.username:
            raise InvalidValue(
                "url", "The URL names another user than the User field; give the user once."
            )
        clean["username"] = given or split.username
        if split.password:
            if secret and secret != split.password:
                raise InvalidValue(
                    "url",
                    "The URL holds a password and another one was given; give the password "
                    "once, with --password-file or the Password field.",
                )
            secret = split.password
    if split.query_secret:
        clean[URL_SECRET] = list(split.parameters)
    return CleanConfig(clean, secret, split.query_secret, split.moved)


def connection_target(target: ExchangeTarget, url_secret: str | None) -> ExchangeTarget:
    """A detached copy whose URL carries its secret query parameters again, for the transport
    only; the stored row keeps the URL without them."""
    config = dict(target.config)
    if url_secret and config.get("url"):
        config["url"] = with_query_secret(str(config["url"]), url_secret)
    return ExchangeTarget(name=target.name, kind=target.kind, config=config)


def make_transport(target: ExchangeTarget, secret: str | None) -> Transport:
    from hirepartner.exchange.folder import FolderTransport
    from hirepartner.exchange.smtp import SmtpTransport
    from hirepartner.exchange.webdav import WebDavTransport
    from hirepartner.exchange.webhook import WebhookTransport

    config = target.config
    if target.kind == "folder":
        return FolderTransport(target.name, Path(config["path"]).expanduser())
    if target.kind == "webdav":
        return WebDavTransport(target.name, config["url"], config.get("username", ""), secret or "")
    if target.kind == "smtp":
        return SmtpTransport(
            target.name,
            config["host"],
            int(config["port"]),
            config.get("security", "starttls"),
            config["sender"],
            list(config["recipients"]),
            config.get("username", ""),
            secret or "",
            config.get("cafile", ""),
        )
    return WebhookTransport(
        target.name, config["url"], secret or "", allow_http=bool(config.get("allow_http", False))
    )
