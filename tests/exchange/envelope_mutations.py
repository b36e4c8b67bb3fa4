"""Seeded random mutations of envelope payloads and headers, for the inbox fuzz test: wrong
types, huge and out-of-range numbers, unknown enumeration values, overlong text, NUL
characters, deleted and extra keys, deep nesting, lists of junk, swapped emails, wrong record
ids and versions."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from typing import Any

EMAILS = (
    "ada@example.com",
    "grace@example.com",
    "ivy@example.com",
    "otto@example.com",
    "riley@recruiting.example",
    "nell@example.com",
    "nobody",
    "",
)
HUGE = (2**70, -1, 2**53, 2**64, -(2**63), 2**53 - 1, 10**30)
OUT_OF_RANGE = (0, 5, 7, -4, 100, 6)
ENUM_JUNK = ("superb", "STRONG_YES", "strong yes", "", "admin", "revoked ", "hiring-manager")
RETYPES: tuple[Any, ...] = (
    "text",
    {"a": 1},
    [1, "x"],
    42,
    3.5,
    True,
    False,
    None,
    float("nan"),
    float("inf"),
)
JUNK_LISTS: tuple[list[Any], ...] = (
    ["x", 5],
    [None],
    [[], {}],
    [{"competency": 5, "level": "4"}],
    [{"email": ["a"]}, 7, "x"],
    [True] * 3,
)
VERSIONS = (-1, 0, 2**53, 2**53 + 1, 2**70, 2**64, 2, 3, 5, 8, 13, 21, 34)
RECORD_IDS = (
    "scorecard:anything-else",
    "",
    "x" * 401,
    "roster:someone-else",
    "slate:REQ-7:mallory:week 45",
    "bad\x00id",
)


@dataclass
class Mutant:
    """A valid envelope's parts after mutation, and what was done to them."""

    kind: str
    record_id: str
    version: Any
    payload: Any
    author: str  # whom the envelope says it is from
    key_owner: str = ""  # whose key signs it (the author's, before any swap)
    drop_attachment: bool = False
    changes: list[str] = field(default_factory=list)


def _nested(rng: random.Random) -> Any:
    depth = rng.choice((20, 100, 400))
    value: Any = rng.choice(("deep", 1, None))
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside a payload (not the payload itself)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*path, key))
            found.extend(_places(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*path, index))
            found.extend(_places(item, (*path, index)))
    return found


def _parent(payload: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        payload = payload[step]
    return payload


def _mutate_value(rng: random.Random, value: Any) -> tuple[Any, str]:
    """A replacement for one value, chosen for its type, and a word on what it is."""
    choices: list[str] = ["retype", "nest"]
    if isinstance(value, bool):
        choices += ["retype"]
    elif isinstance(value, int):
        choices += ["huge", "range", "range"]
    elif isinstance(value, str):
        choices += ["long", "nul", "enum", "empty", "blank", "garble"]
        if "@" in value:
            choices += ["email", "email", "email"]
    elif isinstance(value, list):
        choices += ["junk", "junk", "empty-list", "many"]
    elif isinstance(value, dict):
        choices += ["junk"]
    how = rng.choice(choices)
    if how == "retype":
        return copy.deepcopy(rng.choice(RETYPES)), f"retype {type(value).__name__}"
    if how == "nest":
        return _nested(rng), "deep nesting"
    if how == "huge":
        number = rng.choice(HUGE)
        return number, f"huge {number}"
    if how == "range":
        number = rng.choice(OUT_OF_RANGE)
        return number, f"out of range {number}"
    if how == "long":
        return value + "x" * 100_000, "100k characters"
    if how == "nul":
        cut = rng.randrange(len(value) + 1)
        return value[:cut] + "\x00" + value[cut:], "NUL"
    if how == "enum":
        return rng.choice(ENUM_JUNK), "unknown enum value"
    if how == "empty":
        return "", "empty text"
    if how == "garble":
        letters = list(value or "x")
        for _ in range(rng.randint(1, 3)):
            letters[rng.randrange(len(letters))] = rng.choice("!*é€ ")
        return "".join(letters), "garbled text"
    if how == "blank":
        return "   ", "blank text"
    if how == "email":
        other = rng.choice([e for e in EMAILS if e != value.lower()])
        return other, f"email {other!r}"
    if how == "junk":
        return copy.deepcopy(rng.choice(JUNK_LISTS)), "list of junk"
    if how == "empty-list":
        return [], "empty list"
    assert how == "many"
    return [copy.deepcopy(value[0]) if value else "x"] * rng.choice((101, 1001, 5001)), "many"


def _mutate_payload(rng: random.Random, mutant: Mutant) -> None:
    places = _places(mutant.payload)
    if not places or rng.random() < 0.05:
        mutant.payload, what = _mutate_value(rng, mutant.payload)
        mutant.changes.append(f"payload: {what}")
        return
    path = rng.choice(places)
    parent = _parent(mutant.payload, path)
    where = ".".join(str(step) for step in path)
    action = rng.random()
    if action < 0.15 and isinstance(parent, dict):
        del parent[path[-1]]
        mutant.changes.append(f"{where}: deleted")
    elif action < 0.25 and isinstance(parent, dict):
        parent[rng.choice(("zzz", "extra", "__proto__", "signature"))] = rng.choice(RETYPES)
        mutant.changes.append(f"{where}: extra key beside it")
    else:
        parent[path[-1]], what = _mutate_value(rng, parent[path[-1]])
        mutant.changes.append(f"{where}: {what}")


def mutate(
    rng: random.Random, mutant: Mutant, authors: tuple[str, ...], drop_attachments: bool = False
) -> Mutant:
    """One to three random changes to a copy of a valid envelope's parts (with
    `drop_attachments`, some list an attachment that is never delivered)."""
    mutant = copy.deepcopy(mutant)
    mutant.key_owner = mutant.key_owner or mutant.author
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        roll = rng.random()
        if roll < 0.72:
            _mutate_payload(rng, mutant)
        elif roll < 0.82:
            mutant.version = rng.choice(VERSIONS)
            mutant.changes.append(f"version {mutant.version}")
        elif roll < 0.88:
            mutant.record_id = rng.choice(RECORD_IDS)
            mutant.changes.append(f"record id {mutant.record_id[:30]!r}")
        elif roll < 0.96:
            mutant.author = rng.choice([a for a in authors if a != mutant.author])
            mutant.changes.append(f"signed as {mutant.author}")
        elif drop_attachments:
            mutant.drop_attachment = True
            mutant.changes.append("an attachment it lists is not on the target")
    return mutant
