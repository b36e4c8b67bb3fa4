"""Encryption at rest on the command line: the global --passphrase-file, finding the key of an
encrypted database, and the `encrypt` and `decrypt` commands."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hirepartner.cli.values import output_file
from hirepartner.config import DatabaseLocation
from hirepartner.database_key import (
    ENCRYPTED_NEEDS_KEY,
    PASSPHRASE_ENV,
    DatabaseKey,
    KeyRequired,
    given_key,
    is_encrypted_file,
    keyring_name,
    looks_like_sqlcipher,
    stored_key,
)
from hirepartner.errors import HirePartnerError
from hirepartner.secrets import SecretStore

if TYPE_CHECKING:
    from hirepartner.app import AppServices

NO_KEYRING = (
    "there is no system keyring on this machine, so HirePartner cannot keep the key and asks "
    "for the passphrase every time"
)


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    """The global option scripts use to open (or encrypt) an encrypted database."""
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        help=f"first line: the passphrase of an encrypted database (or ${PASSPHRASE_ENV}); "
        "SQLite files only",
    )


def add_encryption_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    encrypt = commands.add_parser(
        "encrypt",
        help="encrypt this database file in place (SQLCipher; SQLite files only)",
        description="Encrypt the database file in place, and the plain backups HirePartner "
        "keeps beside it. The key is a random one kept in the system keyring, or a passphrase "
        f"(--passphrase-file, ${PASSPHRASE_ENV}, --ask-passphrase, or asked for when there is "
        "no keyring). A PostgreSQL server is not concerned: its administrator encrypts it.",
    )
    encrypt.add_argument(
        "--ask-passphrase",
        action="store_true",
        help="choose a passphrase (typed twice) instead of a random key in the keyring",
    )
    decrypt = commands.add_parser(
        "decrypt", help="write a plain (unencrypted) copy of an encrypted database"
    )
    decrypt.add_argument("-o", "--output", required=True, metavar="PLAIN.db", type=output_file)


def _ask(prompt: str) -> str:
    return getpass.getpass(prompt)


def database_key(
    location: DatabaseLocation,
    passphrase_file: Path | None,
    store: SecretStore | None = None,
    ask: Callable[[str], str] = _ask,
    interactive: bool | None = None,
) -> DatabaseKey | None:
    """The key that opens `location`: None for a plain file or a server; else the passphrase
    given (file, environment), the key in the keyring, or one typed at the terminal.

    A passphrase file is checked (and refused when missing, empty or readable by everyone)
    whenever it is given, before anything is opened."""
    given = given_key(passphrase_file)
    path = location.path
    if path is None:
        if given is not None:
            print(
                "hirepartner: note: encryption at rest applies to SQLite files only; the "
                "passphrase is not used for a database server.",
                file=sys.stderr,
            )
        return None
    if not is_encrypted_file(path):
        return None
    if given is not None:
        return given
    store = store or SecretStore()
    kept = stored_key(path, store)
    if kept is not None:
        return kept
    if interactive if interactive is not None else sys.stdin.isatty():
        if not store.backend_available():
            print(f"hirepartner: {NO_KEYRING}.", file=sys.stderr)
        return DatabaseKey.passphrase(ask(f"Passphrase for {path}: "))
    if looks_like_sqlcipher(path):
        raise KeyRequired(ENCRYPTED_NEEDS_KEY)
    raise KeyRequired(f"{path} is not a HirePartner database (not an SQLite file).")


def _new_key(
    args: argparse.Namespace, store: SecretStore, out: TextIO, ask: Callable[[str], str]
) -> tuple[DatabaseKey, str]:
    """The key to encrypt with, and a sentence saying where it is kept."""
    given = given_key(args.passphrase_file)
    if given is not None:
        return given, "Open it with the same passphrase (--passphrase-file or the environment)."
    keyring = store.backend_available()
    if keyring and not args.ask_passphrase:
        return DatabaseKey.random(), f"Its random key is kept in the {store.describe()}."
    if not sys.stdin.isatty():
        why = "" if keyring else f" ({NO_KEYRING})"
        raise KeyRequired(
            f"Give the passphrase to encrypt with: --passphrase-file FILE or ${PASSPHRASE_ENV}"
            f"{why}."
        )
    if not keyring:
        print(f"Note: {NO_KEYRING}.", file=out)
    first = ask("New passphrase: ")
    if ask("The same passphrase again: ") != first:
        raise HirePartnerError("The two passphrases differ; nothing was changed.")
    return DatabaseKey.passphrase(
        first
    ), "HirePartner will ask for the passphrase when it opens it."


def _encrypt(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    status = services.encryption.status()
    if not status.applies or status.encrypted:
        raise HirePartnerError(status.note)
    store = services.secrets
    key, kept = _new_key(args, store, out, _ask)
    path = services.encryption.file
    assert path is not None
    name = keyring_name(path)
    if key.raw:
        # Stored and read back before the file changes: a key lost now would lose the data.
        store.set(name, key.stored_form())
        if stored_key(path, store) != key:
            raise HirePartnerError("The keyring did not keep the key; nothing was changed.")
    try:
        done = services.encryption.encrypt(key)
    except BaseException:
        if key.raw and not services.encryption.status().encrypted:
            store.delete(name)
        raise
    print(f"Encrypted {done.database}. {kept}", file=out)
    if done.backups_encrypted:
        print(f"Encrypted its {done.backups_encrypted} backups in the backups folder.", file=out)
    print(
        "Backups you exported elsewhere earlier stay as they were; new ones are encrypted.",
        file=out,
    )
    return 0


def _decrypt(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    written = services.encryption.decrypt_copy(args.output)
    print(
        f"Wrote a plain, unencrypted copy to {written}: anyone who can read that file can read "
        "the candidates in it; remove it when you are done.",
        file=out,
    )
    return 0


ENCRYPTION_HANDLERS: dict[str, Callable[[AppServices, argparse.Namespace, TextIO], int]] = {
    "encrypt": _encrypt,
    "decrypt": _decrypt,
}
