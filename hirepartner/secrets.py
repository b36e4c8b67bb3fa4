"""Secrets (target passwords, tokens, the team key) in the OS keyring through `keyring`, and
nowhere else: not the database, settings, logs, exports or envelopes.

Every keyring call is time-boxed, so a hung D-Bus cannot freeze the app. Where no keyring
backend exists (a headless Linux machine), the store says so plainly and can keep a secret for
this session only, in memory; it never falls back to a plaintext file. For scripting, a secret
can also come from an environment variable or a file (`--password-file`)."""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

from hirepartner.errors import HirePartnerError

SERVICE = "HirePartner"
TIMEOUT_S = 5.0
TEAM_KEY = "team-key"
TEAM_KEY_ENV = "HIREPARTNER_TEAM_KEY"


class SecretUnavailable(HirePartnerError):
    """No secret, or no way to read one (no keyring backend, or it did not answer)."""


def secret_name(target: str) -> str:
    return f"target:{target}"


def env_name(target: str) -> str:
    """HIREPARTNER_SECRET_<TARGET>, the target name upper-cased with non-alphanumerics as _."""
    cleaned = "".join(ch if ch.isalnum() else "_" for ch in target.upper())
    return f"HIREPARTNER_SECRET_{cleaned}"


def read_secret_file(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise HirePartnerError(f"Cannot read the password file {path}: {error}.") from error
    if not lines or not lines[0]:
        raise HirePartnerError(f"The password file {path} is empty: its first line is the secret.")
    return lines[0]


class SecretStore:
    """The keyring, time-boxed, with an in-memory session store when there is no backend."""

    def __init__(self, timeout_s: float = TIMEOUT_S) -> None:
        self._timeout = timeout_s
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="keyring")

    def _call(self, what: str, fn: Callable[..., object], *args: str) -> object:
        future = self._pool.submit(fn, *args)
        try:
            return future.result(timeout=self._timeout)
        except concurrent.futures.TimeoutError:
            # The stuck call keeps its thread; a fresh pool serves the next call.
            self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="keyring")
            raise SecretUnavailable(
                f"The system keyring did not answer within {self._timeout:g} s ({what})."
            ) from None
        except SecretUnavailable:
            raise
        except Exception as error:
            raise SecretUnavailable(f"The system keyring refused to {what}: {error}") from None

    def backend_available(self) -> bool:
        import keyring
        from keyring.backends import fail

        def probe() -> bool:
            backend = keyring.get_keyring()
            return not isinstance(backend, fail.Keyring) and backend.priority > 0

        try:
            return bool(self._call("find a backend", probe))
        except SecretUnavailable:
            return False

    def describe(self) -> str:
        if self.backend_available():
            import keyring

            return f"system keyring ({type(keyring.get_keyring()).__name__})"
        return (
            "no system keyring: secrets are kept for this session only and asked for "
            "again next time"
        )

    def get(self, name: str, env: str | None = None) -> str | None:
        if env and os.environ.get(env):
            return os.environ[env]
        with self._lock:
            if name in self._session:
                return self._session[name]
        if not self.backend_available():
            return None
        import keyring

        value = self._call("read a secret", keyring.get_password, SERVICE, name)
        return value if isinstance(value, str) else None

    def set(self, name: str, value: str, session_only: bool = False) -> str:
        """Store a secret; returns where it went ("keyring" or "session")."""
        if session_only or not self.backend_available():
            with self._lock:
                self._session[name] = value
            return "session"
        import keyring

        self._call("store a secret", keyring.set_password, SERVICE, name, value)
        return "keyring"

    def delete(self, name: str) -> None:
        with self._lock:
            self._session.pop(name, None)
        if not self.backend_available():
            return
        import keyring
        from keyring.errors import PasswordDeleteError

        def forget() -> None:
            with contextlib.suppress(PasswordDeleteError):
                keyring.delete_password(SERVICE, name)

        self._call("delete a secret", forget)

    def require(self, name: str, what: str, env: str | None = None) -> str:
        value = self.get(name, env)
        if value is None:
            hint = f" or set ${env}" if env else ""
            raise SecretUnavailable(f"No {what} is stored{hint}; {self.describe()}.")
        return value
