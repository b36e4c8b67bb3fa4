"""The SQLCipher DB-API driver (the `sqlcipher3` wheel) and keyed connections to a file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from hirepartner.database_key import DatabaseKey

_SILENCED = False


def driver() -> Any:
    """sqlcipher3's DB-API module, with SQLCipher's own logging to stderr turned off (it would
    print lines naming pages after every wrong passphrase)."""
    global _SILENCED
    from sqlcipher3 import dbapi2

    if not _SILENCED:
        probe = dbapi2.connect(":memory:")
        probe.execute("PRAGMA cipher_log_level = NONE")
        probe.close()
        _SILENCED = True
    return dbapi2


def is_driver_error(error: BaseException) -> bool:
    """Whether `error` comes from either SQLite driver (the standard one or SQLCipher's)."""
    return isinstance(error, sqlite3.Error | driver().Error)


def connect(path: Path, key: DatabaseKey | None, *, flags: str = "", timeout: float = 5.0) -> Any:
    """A connection to `path` (URI `flags` such as "mode=ro"), keyed before anything else;
    `timeout`: how long to wait for another process's lock."""
    uri = path.absolute().as_uri() + (f"?{flags}" if flags else "")
    connection = driver().connect(uri, uri=True, check_same_thread=False, timeout=timeout)
    if key is not None:
        connection.execute(key.pragma())
    return connection
