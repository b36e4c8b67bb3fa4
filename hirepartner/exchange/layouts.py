"""Which column holds what: the layouts of Greenhouse's bulk import and Lever's candidate import,
and a guessed mapping for any other table, which the user can correct."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Our fields, in the order a mapping dialog shows them.
FIELDS: tuple[tuple[str, str], ...] = (
    ("full_name", "Full name"),
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("location", "Location"),
    ("current_title", "Current title"),
    ("current_company", "Current company"),
    ("links", "Links"),
    ("source", "Source"),
    ("tags", "Tags"),
    ("pitch", "Recruiter's note"),
)
FIELD_NAMES = dict(FIELDS)
MULTI_VALUE = frozenset({"links", "tags"})

Mapping_ = dict[str, tuple[str, ...]]  # our field -> the columns it is read from


@dataclass(frozen=True)
class Layout:
    name: str  # "Greenhouse bulk import", "Lever import", "Other"
    mapping: Mapping_
    # How a multi-value cell of this ATS separates its values.
    separators: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_known(self) -> bool:
        return self.name != OTHER


OTHER = "Other (map the columns)"

GREENHOUSE = Layout(
    "Greenhouse bulk import",
    {
        "first_name": ("First Name",),
        "last_name": ("Last Name",),
        "current_company": ("Company",),
        "current_title": ("Title",),
        "pitch": ("Notes",),
        "email": ("Email",),
        "phone": ("Phone",),
        "links": ("Social Media", "Website"),
        "location": ("Address",),
        "source": ("Source",),
    },
    # Greenhouse's template takes several profiles or sites in one cell, one per line or
    # separated by commas.
    {"links": r"[\n,]+"},
)
LEVER = Layout(
    "Lever import",
    {
        "full_name": ("Full name",),
        "email": ("Email",),
        "phone": ("Phone",),
        "current_company": ("Current company",),
        "current_title": ("Headline",),
        "location": ("Location",),
        "links": ("Links",),
        "source": ("Sources",),
        "tags": ("Tags",),
    },
    # Lever writes every multi-value cell (emails, phones, links, sources, tags) comma-separated.
    {"links": r",", "tags": r",", "email": r",", "phone": r",", "source": r","},
)

_SYNONYMS = {
    "full_name": ("full name", "name", "candidate", "candidate name"),
    "first_name": ("first name", "given name", "firstname", "forename"),
    "last_name": ("last name", "surname", "family name", "lastname"),
    "email": ("email", "e-mail", "email address", "mail"),
    "phone": ("phone", "phone number", "mobile", "telephone"),
    "location": ("location", "city", "address", "based in"),
    "current_title": ("title", "current title", "job title", "headline", "position", "role"),
    "current_company": ("company", "current company", "employer", "organisation", "organization"),
    "links": ("links", "linkedin", "url", "website", "profile", "social media", "github"),
    "source": ("source", "sources", "channel"),
    "tags": ("tags", "labels", "skills"),
    "pitch": ("notes", "pitch", "summary", "recruiter note", "comments"),
}


def _norm(header: str) -> str:
    return re.sub(r"[\s_]+", " ", header.strip().lower())


def detect_layout(headers: Sequence[str]) -> Layout:
    present = set(headers)
    for layout, markers in (
        (GREENHOUSE, {"Milestone", "Who gets credit", "Social Media"}),
        (LEVER, {"Lever Posting URL", "Headline", "Origin"}),
    ):
        needed = {column for columns in layout.mapping.values() for column in columns}
        if len(needed & present) >= len(needed) - 2 and markers & present:
            return Layout(
                layout.name,
                {f: tuple(c for c in cols if c in present) for f, cols in layout.mapping.items()},
                layout.separators,
            )
    return Layout(OTHER, guess_mapping(headers), {"links": r"[\n,; ]+", "tags": r"[,;]"})


def guess_mapping(headers: Sequence[str]) -> Mapping_:
    """Our best guess from the header names; each column serves one field at most."""
    mapping: Mapping_ = {}
    used: set[str] = set()
    for field_name, synonyms in _SYNONYMS.items():
        found = tuple(h for h in headers if _norm(h) in synonyms and h not in used)
        if field_name not in MULTI_VALUE:
            found = found[:1]
        if found:
            mapping[field_name] = found
            used.update(found)
    if "full_name" in mapping:
        mapping.pop("first_name", None)
        mapping.pop("last_name", None)
    return mapping


def mapping_key(headers: Sequence[str]) -> str:
    """A stable key for a header row, to remember the mapping the user chose for it."""
    return "|".join(_norm(h) for h in headers)
