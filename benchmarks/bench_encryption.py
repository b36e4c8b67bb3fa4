"""The 10,000-application slate listing on an encrypted database, against the same listing on
the plain one, in this run (the issue's bound: at most 1.5x).

Both copies hold the same demo world; the encrypted one is converted by the app's own
`encrypt` with a random key (the keyring's kind) and, apart, with a passphrase. Key
derivation happens once per pooled connection, so it is paid before the timing starts.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from benchmarks.bench_slate_listing import CANDIDATES, best_of
from benchmarks.worlds import demo_database
from hirepartner.app import AppServices, build_services
from hirepartner.config import sqlite_location
from hirepartner.database_key import DatabaseKey

REPEATS = 9
BOUND = 1.5


def _copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    target.chmod(0o600)
    return target


def _encrypted(source: Path, folder: Path, name: str, key: DatabaseKey) -> AppServices:
    path = _copy(source, folder, name)
    services = build_services(sqlite_location(path))
    services.encryption.encrypt(key)
    services.close()
    return build_services(sqlite_location(path), key=key)


def main() -> None:
    source = demo_database(CANDIDATES, one_requisition=True)
    with tempfile.TemporaryDirectory(prefix="hp-bench-") as tmp:
        folder = Path(tmp)
        plain = build_services(sqlite_location(_copy(source, folder, "plain.sqlite3")))
        raw = _encrypted(source, folder, "raw.sqlite3", DatabaseKey.random())
        phrase = _encrypted(
            source, folder, "phrase.sqlite3", DatabaseKey.passphrase("correct horse battery")
        )
        try:
            rows = len(plain.slates.list_slate(1).rows)
            assert len(raw.slates.list_slate(1).rows) == rows
            # Interleaved rounds, so a busy moment on the machine falls on all three alike.
            plain_s = raw_s = phrase_s = float("inf")
            for _ in range(3):
                plain_s = min(plain_s, best_of(lambda: plain.slates.list_slate(1), REPEATS))
                raw_s = min(raw_s, best_of(lambda: raw.slates.list_slate(1), REPEATS))
                phrase_s = min(phrase_s, best_of(lambda: phrase.slates.list_slate(1), REPEATS))
        finally:
            for services in (plain, raw, phrase):
                services.close()
    print(
        f"slate listing on an encrypted database ({rows} applications): plain "
        f"{plain_s * 1000:.1f} ms, encrypted with a random key {raw_s * 1000:.1f} ms "
        f"(ratio {raw_s / plain_s:.2f}x), with a passphrase {phrase_s * 1000:.1f} ms "
        f"(ratio {phrase_s / plain_s:.2f}x); bound {BOUND:.1f}x"
    )


if __name__ == "__main__":
    from benchmarks.qt_warnings import run_checked

    run_checked([main])
