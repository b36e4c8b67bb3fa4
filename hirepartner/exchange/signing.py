"""Per-person signing keys: Ed25519 key pairs, their signatures and short fingerprints.

Each person's install signs what it sends with its own private key (kept in the keyring); the
team's roster binds each person's email to a public key. A fingerprint is the first 80 bits of
the SHA-256 of the raw public key, written as four groups of four base32 letters, short enough
to read out over a phone and compare in both apps."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
from typing import TYPE_CHECKING

from hirepartner.errors import HirePartnerError

# cryptography (7 MiB, 50 ms) loads on the first key made, signed or checked, not with the
# modules that merely name this one: the first screen needs no key.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FINGERPRINT_GROUPS = 4
_FINGERPRINT_CHARS = 16  # 80 bits in base32


class BadKey(HirePartnerError):
    """Text that is not an Ed25519 key or a fingerprint."""


def new_private_key() -> str:
    """A fresh private key, as base64 of its 32-byte seed (what the keyring keeps)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    seed = Ed25519PrivateKey.generate().private_bytes_raw()
    return base64.b64encode(seed).decode("ascii")


@functools.lru_cache(maxsize=8)  # a sync signs a thousand envelopes with one key
def _private(private_key: str) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        seed = base64.b64decode(private_key.strip(), validate=True)
        return Ed25519PrivateKey.from_private_bytes(seed)
    except (binascii.Error, ValueError):
        raise BadKey(
            "The signing key is not an Ed25519 private key (base64 of 32 bytes)."
        ) from None


@functools.lru_cache(maxsize=8)
def public_key_of(private_key: str) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = _private(private_key).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def check_public_key(public_key: str) -> str:
    """The public key, checked to be base64 of 32 bytes; raises BadKey."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw = base64.b64decode(public_key.strip(), validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise BadKey("That is not an Ed25519 public key (base64 of 32 bytes).") from None
    return base64.b64encode(raw).decode("ascii")


@functools.lru_cache(maxsize=256)
def fingerprint(public_key: str) -> str:
    """e.g. "K7QF-2M9X-P4TA-Q8ZD": what two people read out to each other before enrolling."""
    raw = base64.b64decode(check_public_key(public_key))
    letters = base64.b32encode(hashlib.sha256(raw).digest()).decode("ascii")[:_FINGERPRINT_CHARS]
    size = _FINGERPRINT_CHARS // FINGERPRINT_GROUPS
    return "-".join(letters[i : i + size] for i in range(0, _FINGERPRINT_CHARS, size))


def normal_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, spaces or dashes, 0/1 for O/I) in its shown form."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    letters = letters.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(letters) != _FINGERPRINT_CHARS:
        raise BadKey(
            f"A fingerprint has {_FINGERPRINT_CHARS} letters and digits in four groups "
            f"(like K7QF-2M9X-P4TA-Q8ZD); {text.strip()!r} has {len(letters)}."
        )
    size = _FINGERPRINT_CHARS // FINGERPRINT_GROUPS
    return "-".join(letters[i : i + size] for i in range(0, _FINGERPRINT_CHARS, size))


def sign(message: bytes, private_key: str) -> str:
    return base64.b64encode(_private(private_key).sign(message)).decode("ascii")


def verify(message: bytes, signature: str, public_key: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), message)
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True
