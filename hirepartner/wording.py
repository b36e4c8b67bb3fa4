"""Small helpers for the words the app, the CLI and the services show."""

from datetime import datetime


def plural(count: int, noun: str) -> str:
    """ "1 candidate", "2 candidates"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def ago(moment: datetime, now: datetime) -> str:
    """ "just now", "5 min ago", "3 h ago", "2 days ago"; a moment ahead of the clock is "just
    now" (another machine's clock, or a clock changed by hand)."""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 48 * 3600:
        return f"{int(seconds // 3600)} h ago"
    return f"{int(seconds // 86400)} days ago"
