"""Errors a user can act on: each carries one clear sentence and never a traceback."""


class HirePartnerError(Exception):
    """A problem the user can fix; `str(error)` is the whole message shown to them.
    `script_hint` is a further sentence for the command line (an environment variable, a
    command to run): windows keep it out of their text (a tooltip at most)."""

    script_hint = ""


class DatabaseOpenError(HirePartnerError):
    """The database cannot be opened: missing, not a database, read-only, or from elsewhere."""


class SchemaTooNewError(DatabaseOpenError):
    """The database was written by a newer HirePartner than this one."""

    def __init__(self, path: str, found: str, supported: str) -> None:
        super().__init__(
            f"{path} uses database schema {found}, newer than this HirePartner supports "
            f"(schema {supported}); install a newer HirePartner to open it."
        )
        self.found = found
        self.supported = supported


class ForeignSchemaError(DatabaseOpenError):
    """The database names a schema revision no HirePartner release has used."""

    def __init__(self, path: str, found: str) -> None:
        super().__init__(
            f"{path} has schema revision {found!r}, which no HirePartner release uses: it is "
            "from another application or a damaged database, and was left untouched."
        )
        self.found = found


class DatabaseBusyError(HirePartnerError):
    """Another process held the database's write lock for longer than the busy timeout."""

    def __init__(self) -> None:
        super().__init__("The database is busy (another HirePartner is writing); try again.")


class DatabaseReadOnlyError(HirePartnerError):
    """The database became read-only while open (permissions, mount, or a full disk)."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"Cannot write to the database {path}: it is read-only now "
            "(check its permissions, owner and disk); nothing was saved."
        )


class MigrationError(DatabaseOpenError):
    """An upgrade of the database schema failed; the database is unchanged."""


class NotFoundError(HirePartnerError):
    """An id given by the user names nothing."""

    def __init__(self, kind: str, ident: object) -> None:
        super().__init__(f"No {kind} with id {ident}.")
        self.kind = kind
        self.ident = ident


class ValidationError(HirePartnerError):
    """A value given by the user breaks a rule; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class InvalidValue(ValidationError):
    """A value breaks a rule; the message is already a whole sentence naming the field."""

    def __init__(self, field: str, sentence: str) -> None:
        HirePartnerError.__init__(self, sentence)
        self.field = field
