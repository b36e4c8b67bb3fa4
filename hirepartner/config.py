"""Where the database lives: `--database-url`, `--db`, `$HIREPARTNER_DB`, or the data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from hirepartner import APP_NAME
from hirepartner.errors import HirePartnerError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DB_ENV_VAR = "HIREPARTNER_DB"
DEFAULT_DB_NAME = "hirepartner.sqlite3"


@dataclass(frozen=True)
class DatabaseLocation:
    """A SQLAlchemy URL, and for SQLite files the path, which gets file-level care."""

    url: str
    path: Path | None

    @property
    def display(self) -> str:
        """How to name this database to a user: the file path, or the URL without password."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def sqlite_location(path: str | os.PathLike[str]) -> DatabaseLocation:
    resolved = Path(path).expanduser().absolute()
    return DatabaseLocation(url=f"sqlite+pysqlite:///{resolved}", path=resolved)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def resolve_location(
    db_path: str | None = None,
    database_url: str | None = None,
    environ: dict[str, str] | None = None,
) -> DatabaseLocation:
    """The first of: an explicit URL, an explicit path, the env var, the platform default."""
    env = os.environ if environ is None else environ
    if database_url:
        url = _supported_url(database_url)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return sqlite_location(url.database)
        return DatabaseLocation(url=database_url, path=None)
    if db_path:
        return sqlite_location(db_path)
    if env.get(DB_ENV_VAR):
        return sqlite_location(env[DB_ENV_VAR])
    return sqlite_location(default_data_dir() / DEFAULT_DB_NAME)


SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def _supported_url(database_url: str) -> URL:
    """The URL parsed, when it names a database HirePartner works with (SQLite, PostgreSQL)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(database_url)
    except ArgumentError:
        raise HirePartnerError(
            "--database-url is not a database URL; give one like "
            "postgresql://user@host/hirepartner, or a file with --db."
        ) from None
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise HirePartnerError(
            f"{url.render_as_string(hide_password=True)}: unsupported database "
            f"({url.get_backend_name()}); HirePartner works with SQLite files and PostgreSQL."
        )
    return url
