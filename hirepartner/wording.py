"""Small helpers for the words the app, the CLI and the services show."""

from datetime import date, datetime


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


def day(value: date | None) -> str:
    """A date as a person reads it in HirePartner: "4 Jan 2027" ("–" for none)."""
    return f"{value.day} {value:%b %Y}" if value else "–"


def moment(value: datetime | None) -> str:
    """A time as the panels show it: "04 Jan 2027 14:30" ("–" for none)."""
    return value.strftime("%d %b %Y %H:%M") if value else "–"
