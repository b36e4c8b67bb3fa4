"""The one gate every file the user names passes before it is written: never the open
database, its companions or its backups, never a folder, device or pipe, never one file twice."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from hirepartner.errors import HirePartnerError

# What SQLite and HirePartner keep beside a database file; writing over any of them loses data.
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal", ".lock")
BACKUPS_FOLDER = "backups"


class OutputRefused(HirePartnerError):
    """A path the user chose for an output must not be written; the message says why.

    `reason` is the sentence without the path, for a form that shows the path beside it."""

    def __init__(self, path: Path | None, reason: str) -> None:
        super().__init__(f"Cannot write {path}: {reason}" if path is not None else reason)
        self.path = path
        self.reason = reason[:1].upper() + reason[1:]


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's (device, inode), following symlinks; None when nothing is there."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare what can be compared
        return path.absolute()


def _same(a: Path, b: Path) -> bool:
    """Whether a and b name one file: the same resolved path, the same inode (a hard link or
    symlink), or the same name in one folder differing only in case (macOS, Windows)."""
    if _resolved(a) == _resolved(b):
        return True
    ident = _identity(a)
    if ident is not None and ident == _identity(b):
        return True
    parent = _identity(a.parent)
    return (
        parent is not None
        and parent == _identity(b.parent)
        and a.name.casefold() == b.name.casefold()
    )


def _inside(path: Path, folder: Path) -> bool:
    folder_id = _identity(folder)
    if folder_id is None:
        return False
    resolved = _resolved(path)
    if _resolved(folder) in resolved.parents:
        return True
    return any(_identity(parent) == folder_id for parent in resolved.parents)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


@dataclass(frozen=True)
class OutputGuard:
    """Checks output paths against the open database (`None` for a database server)."""

    database: Path | None = None

    def protected_files(self) -> tuple[Path, ...]:
        if self.database is None:
            return ()
        db = self.database
        return (db, *(db.with_name(db.name + suffix) for suffix in DATABASE_COMPANIONS))

    @property
    def backups_folder(self) -> Path | None:
        return None if self.database is None else self.database.parent / BACKUPS_FOLDER

    def check(self, *paths: Path | str, new_folders: bool = False) -> tuple[Path, ...]:
        """Refuse with one sentence any path that must not be written; returns them absolute.

        Several paths are one export's files (a PDF and its JSON summary): they must differ.
        `new_folders`: the writer creates a missing folder itself (a backup does)."""
        checked: list[Path] = []
        for given in paths:
            path = self._check_one(given, new_folders)
            for earlier in checked:
                if _same(path, earlier):
                    both = f"{path} twice" if path == earlier else f"both {earlier} and {path}"
                    raise OutputRefused(
                        None,
                        f"Cannot write {both}: one export's files (a PDF and its JSON "
                        "summary) must be different files.",
                    )
            checked.append(path)
        return tuple(checked)

    def problem(self, *paths: Path | str) -> str:
        """The refusal's sentence, or "" when every path may be written (for forms)."""
        try:
            self.check(*paths)
        except OutputRefused as refused:
            return str(refused)
        return ""

    def folder_problem(self, folder: Path) -> str:
        """Why files named later cannot go into `folder`, or "" (for a chosen export folder)."""
        backups = self.backups_folder
        if backups is not None and (_same(folder, backups) or _inside(folder, backups)):
            return f"{folder} keeps the database's safety copies; choose another export folder."
        if not folder.is_dir():
            return f"The export folder {folder} does not exist; choose another one."
        return ""

    def _check_one(self, given: Path | str, new_folders: bool) -> Path:
        if not str(given).strip():
            raise OutputRefused(None, "No file name was given; say where to write the file.")
        path = Path(given).expanduser().absolute()
        for protected in self.protected_files():
            if _same(path, protected):
                what = (
                    "the open database"
                    if protected == self.database
                    else f"a companion of the open database {self.database}"
                )
                raise OutputRefused(
                    path, f"it is {what}, which it would destroy; choose another file."
                )
        backups = self.backups_folder
        if backups is not None and (_same(path, backups) or _inside(path, backups)):
            raise OutputRefused(
                path, f"{backups} keeps the database's safety copies; choose another folder."
            )
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            mode = None
        except OSError as error:
            raise OutputRefused(path, f"{error.strerror or error}.") from error
        if mode is not None and not stat.S_ISREG(mode):
            raise OutputRefused(path, f"it is {_kind(mode)}, not a file; choose a file name.")
        parent = path.parent
        if parent.exists() and not parent.is_dir():
            raise OutputRefused(path, f"{parent} is not a folder.")
        if not parent.exists() and not new_folders:
            raise OutputRefused(path, f"the folder {parent} does not exist.")
        return path
