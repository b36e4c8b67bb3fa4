"""Small helpers for the words the app shows (defined once, outside ui/, for the CLI too)."""

from hirepartner.wording import plural

__all__ = ["plural"]
