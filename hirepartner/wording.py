"""Small helpers for the words the app, the CLI and the services show."""


def plural(count: int, noun: str) -> str:
    """ "1 candidate", "2 candidates"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
