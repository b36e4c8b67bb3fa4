"""Encryption at rest: whether this database is encrypted, encrypting it in place, and a plain
copy written on purpose. SQLite files only: a PostgreSQL server encrypts its own storage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hirepartner.database_key import DatabaseKey
from hirepartner.errors import HirePartnerError
from hirepartner.services.base import Service

SERVER_NOTE = (
    "Encryption at rest applies to SQLite database files; {display} is a database server, "
    "whose storage its administrator encrypts (an encrypted volume or the server's own)."
)


@dataclass(frozen=True)
class EncryptionStatus:
    applies: bool  # False for a database server: encryption is the server's business
    encrypted: bool
    note: str  # one sentence for the user: what is protected, or why this does not apply

    @property
    def summary(self) -> str:
        """A few words, for `hirepartner check` and the settings."""
        if not self.applies:
            return "the server's job (a database server, not a file)"
        if self.encrypted:
            return "encrypted (SQLCipher 4, AES-256)"
        return "not encrypted"


@dataclass(frozen=True)
class EncryptionDone:
    database: str
    backups_encrypted: int


class EncryptionService(Service):
    def status(self) -> EncryptionStatus:
        display = self._database.location.display
        if not self._database.is_sqlite:
            return EncryptionStatus(False, False, SERVER_NOTE.format(display=display))
        if self._database.encrypted:
            return EncryptionStatus(
                True,
                True,
                f"{display} is encrypted (SQLCipher 4, AES-256), and so are its backups.",
            )
        return EncryptionStatus(
            True,
            False,
            f"{display} is not encrypted: anyone who copies the file can read the candidates "
            "in it.",
        )

    @property
    def file(self) -> Path | None:
        """The database file (None for a server): the keyring names its key after it."""
        return self._database.location.path

    def _require_file(self) -> None:
        if not self._database.is_sqlite:
            raise HirePartnerError(SERVER_NOTE.format(display=self._database.location.display))

    def encrypt(self, key: DatabaseKey) -> EncryptionDone:
        """Encrypt the database (and the plain backups beside it) in place, then record it."""
        self._require_file()
        backups = self._database.encrypt(key)
        with self._uow() as uow:
            detail = {"backups_encrypted": backups, "key": "random" if key.raw else "passphrase"}
            uow.audit.record(
                self._clock(), self._actor_id(uow), "encrypt", "database", None, detail
            )
            uow.commit()
        return EncryptionDone(self._database.location.display, backups)

    def decrypt_copy(self, destination: Path) -> Path:
        """A plain copy at `destination` (the output guard must allow it); recorded."""
        self._require_file()
        (destination,) = self.outputs.check(destination)
        written = self._database.decrypt_copy(destination)
        with self._uow() as uow:
            uow.audit.record(self._clock(), self._actor_id(uow), "decrypt_copy", "database", None)
            uow.commit()
        return written
