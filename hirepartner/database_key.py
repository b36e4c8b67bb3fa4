"""The key of an encrypted database: a random 256-bit key in the OS keyring, or a passphrase
(from --passphrase-file, $HIREPARTNER_PASSPHRASE, the keyring, or asked for)."""

from __future__ import annotations

import os
import secrets as random_source
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from hirepartner.errors import HirePartnerError

if TYPE_CHECKING:
    from hirepartner.secrets import SecretStore

PASSPHRASE_ENV = "HIREPARTNER_PASSPHRASE"
WRONG_KEY_MESSAGE = "wrong passphrase or not a HirePartner database"
# A wrong passphrase is answered only after this pause, so guessing is slow even where the
# key is a raw one (no key derivation to pay for).
WRONG_KEY_DELAY_S = 1.5
_RAW_PREFIX, _PASSPHRASE_PREFIX = "raw:", "passphrase:"


@dataclass(frozen=True)
class DatabaseKey:
    """A raw 256-bit key (hex, no key derivation) or a passphrase (SQLCipher's PBKDF2)."""

    secret: str = field(repr=False)
    raw: bool = False

    @classmethod
    def random(cls) -> DatabaseKey:
        return cls(random_source.token_hex(32), raw=True)

    @classmethod
    def passphrase(cls, text: str) -> DatabaseKey:
        if not text:
            raise HirePartnerError("The passphrase is empty; type at least one character.")
        return cls(text, raw=False)

    def pragma(self) -> str:
        """The `PRAGMA key` statement: it must be the first statement on a connection."""
        if self.raw:
            return f"PRAGMA key = \"x'{self.secret}'\""
        return "PRAGMA key = '" + self.secret.replace("'", "''") + "'"

    def attach_clause(self) -> str:
        """The KEY clause of `ATTACH DATABASE … AS name KEY …` for this key."""
        if self.raw:
            return f"KEY \"x'{self.secret}'\""
        return "KEY '" + self.secret.replace("'", "''") + "'"

    def stored_form(self) -> str:
        return (_RAW_PREFIX if self.raw else _PASSPHRASE_PREFIX) + self.secret

    @classmethod
    def from_stored(cls, value: str) -> DatabaseKey | None:
        if value.startswith(_RAW_PREFIX):
            return cls(value[len(_RAW_PREFIX) :], raw=True)
        if value.startswith(_PASSPHRASE_PREFIX):
            return cls(value[len(_PASSPHRASE_PREFIX) :], raw=False)
        return None


class WrongKeyError(HirePartnerError):
    """The key does not open the file: a wrong passphrase, or not a HirePartner database."""

    def __init__(self) -> None:
        super().__init__(WRONG_KEY_MESSAGE)


def refuse_key() -> NoReturn:
    """Raise WrongKeyError after WRONG_KEY_DELAY_S: every wrong guess costs that long."""
    time.sleep(WRONG_KEY_DELAY_S)
    raise WrongKeyError()


class KeyRequired(HirePartnerError):
    """The database is encrypted and no key was given, stored or typed."""


def keyring_name(path: Path) -> str:
    """The keyring entry holding the key of the database file at `path` (one per file)."""
    return f"database-key:{path.absolute()}"


def read_passphrase_file(path: Path) -> str:
    """The first line of `path`; refused when missing, empty, or readable by everyone."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise HirePartnerError(f"The passphrase file {path} does not exist.") from None
    except OSError as error:
        raise HirePartnerError(
            f"Cannot read the passphrase file {path}: {error.strerror or error}."
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise HirePartnerError(f"The passphrase file {path} is not a regular file.")
    if os.name == "posix" and info.st_mode & stat.S_IROTH:
        raise HirePartnerError(
            f"Warning: the passphrase file {path} is readable by every user of this machine, "
            f"so the passphrase may already be known; refusing to use it. Make it private "
            f"(chmod 600 {path}) and consider a new passphrase."
        )
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise HirePartnerError(f"Cannot read the passphrase file {path}: {error}.") from None
    if not lines or not lines[0]:
        raise HirePartnerError(
            f"The passphrase file {path} is empty: its first line must be the passphrase."
        )
    return lines[0]


def given_key(
    passphrase_file: Path | None, environ: dict[str, str] | None = None
) -> DatabaseKey | None:
    """The passphrase a script gave: --passphrase-file first, then $HIREPARTNER_PASSPHRASE."""
    if passphrase_file is not None:
        return DatabaseKey.passphrase(read_passphrase_file(passphrase_file))
    env = os.environ if environ is None else environ
    text = env.get(PASSPHRASE_ENV)
    return DatabaseKey.passphrase(text) if text else None


def stored_key(path: Path, store: SecretStore) -> DatabaseKey | None:
    """The key kept in the keyring (or this session's memory) for the database at `path`."""
    value = store.get(keyring_name(path))
    return DatabaseKey.from_stored(value) if value else None


def is_encrypted_file(path: Path | None) -> bool:
    """Whether `path` is a non-empty file whose first bytes are not SQLite's plain header.

    An SQLCipher file starts with its random salt; anything else that is not SQLite looks
    the same, which is why a failure to open says "or not a HirePartner database"."""
    if path is None:
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError:
        return False
    return bool(header) and header != b"SQLite format 3\x00"


ENCRYPTED_NEEDS_KEY = (
    f"This database is encrypted: give its passphrase with --passphrase-file or ${PASSPHRASE_ENV}."
)
PAGE_MULTIPLE = 512  # SQLCipher's smallest page: its files are whole pages


def looks_like_sqlcipher(path: Path) -> bool:
    """Whether a file that is not plain SQLite has an SQLCipher file's shape: whole pages
    long, starting with a random salt (not text, not another format's magic)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            salt = handle.read(16)
    except OSError:
        return False
    if size < PAGE_MULTIPLE or size % PAGE_MULTIPLE or len(salt) < 16:
        return False
    printable = sum(32 <= byte < 127 for byte in salt)
    return printable < 14  # random bytes: about 6 of 16 are printable; a text file's are all
