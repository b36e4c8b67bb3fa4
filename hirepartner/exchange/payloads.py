"""The payload of every envelope kind, as a frozen dataclass, and one validator for them all.

Nothing from another install reaches the database before its payload has been checked here:
types, ranges, enumerations and lengths. Fields are declared with `Annotated` limits; a value
that does not fit raises `PayloadInvalid` naming the field ("ratings[1].level: 7 is not 1 to 4").
Keys a newer version may add are ignored; a missing required key is an error."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from hirepartner.errors import HirePartnerError
from hirepartner.exchange import signing

MAX_SAFE_INTEGER = 2**53 - 1  # what every JSON reader holds exactly


class PayloadInvalid(HirePartnerError):
    """A payload that does not match its kind's schema."""


@dataclass(frozen=True)
class Text:
    """A string of `least` to `most` characters (after stripping), without NUL."""

    most: int
    least: int = 0


@dataclass(frozen=True)
class Whole:
    """An integer from `least` to `most` (a JSON true or false is not one)."""

    least: int
    most: int


@dataclass(frozen=True)
class Many:
    """A list of at most `most` items."""

    most: int


@dataclass(frozen=True)
class Moment:
    """An ISO 8601 date and time, as a string."""


@dataclass(frozen=True)
class KeyText:
    """An Ed25519 public key: base64 of 32 bytes that make a point on the curve."""


Email = Annotated[str, Text(320, least=3)]
Name = Annotated[str, Text(300)]
Code = Annotated[str, Text(40, least=1)]
Short = Annotated[str, Text(200)]
Long = Annotated[str, Text(20_000)]
When = Annotated[str | None, Moment()]
PublicKey = Annotated[str, Text(64, least=40), KeyText()]
Role = Literal["hiring_manager", "interviewer", "recruiter"]
RecommendationValue = Literal["strong_no", "no", "yes", "strong_yes", "no_decision"]


@dataclass(frozen=True)
class PersonRef:
    email: Email
    name: Name = ""


@dataclass(frozen=True)
class RatingItem:
    competency: Short
    level: Annotated[int | None, Whole(1, 4)] = None
    evidence: Long = ""


@dataclass(frozen=True)
class ScorecardPayload:
    requisition: Code
    candidate: PersonRef
    stage: Short
    interviewer: PersonRef
    recommendation: RecommendationValue | None = "no_decision"
    key_takeaways: Long = ""
    interview_at: When = None
    submitted_at: When = None
    ratings: Annotated[tuple[RatingItem, ...], Many(100)] = ()


@dataclass(frozen=True)
class SlateCandidate:
    full_name: Annotated[str, Text(300, least=1)]
    email: Annotated[str | None, Text(320)] = None
    phone: Annotated[str, Text(60)] = ""
    location: Short = ""
    current_title: Short = ""
    current_company: Short = ""
    links: Annotated[tuple[Annotated[str, Text(2000)], ...], Many(20)] = ()
    source: Annotated[str, Text(100)] = ""
    tags: Annotated[tuple[Annotated[str, Text(80)], ...], Many(50)] = ()
    pitch: Long = ""
    resume: Annotated[str | None, Text(255)] = None


@dataclass(frozen=True)
class SlatePayload:
    requisition: Code
    candidates: Annotated[tuple[SlateCandidate, ...], Many(5000)]
    name: Short = ""


@dataclass(frozen=True)
class ErasurePayload:
    candidate: Email


@dataclass(frozen=True)
class ReasonCount:
    reason: Short
    count: Annotated[int, Whole(0, MAX_SAFE_INTEGER)]


@dataclass(frozen=True)
class DecisionPayload:
    """A debrief decision or slate feedback, for the recruiter."""

    requisition: Code
    subject: Annotated[str, Text(500)] = ""
    text: Long = ""
    type: Literal["decision", "slate_feedback"] = "decision"
    candidate: PersonRef | None = None
    outcome: Annotated[str, Text(40)] = ""
    reason: Annotated[str | None, Text(40)] = None
    rationale: Long = ""
    at: When = None
    slate: Short = ""
    fit: Annotated[int | None, Whole(1, 5)] = None
    more_of: Long = ""
    less_of: Long = ""
    rejection_reasons: Annotated[tuple[ReasonCount, ...], Many(50)] = ()


@dataclass(frozen=True)
class PacketPayload:
    requisition: Code
    subject: Annotated[str, Text(500)] = ""
    text: Long = ""
    packet: Annotated[str, Text(40)] = ""
    redaction: Annotated[str, Text(40)] = ""


@dataclass(frozen=True)
class MemberKeyPayload:
    """A person announcing their public key, for the hiring manager to enroll."""

    email: Email
    name: Name
    role: Role
    key: PublicKey


@dataclass(frozen=True)
class RosterMember:
    email: Email
    name: Name
    role: Role
    key: PublicKey
    state: Literal["active", "revoked"] = "active"


@dataclass(frozen=True)
class RosterPayload:
    """The team as the hiring manager enrolled it, signed with the manager's key."""

    manager: RosterMember
    members: Annotated[tuple[RosterMember, ...], Many(1000)]


PAYLOADS: dict[str, type] = {
    "scorecard": ScorecardPayload,
    "slate": SlatePayload,
    "erasure": ErasurePayload,
    "decision": DecisionPayload,
    "packet": PacketPayload,
    "member_key": MemberKeyPayload,
    "roster": RosterPayload,
}


def parse_payload(kind: str, data: object) -> Any:
    """The payload of an envelope of `kind`, checked; raises PayloadInvalid."""
    schema = PAYLOADS.get(kind)
    if schema is None:
        raise PayloadInvalid(f"no payload schema for the kind {kind!r}")
    return _value(schema, data, "payload", ())


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _value(hint: Any, value: object, where: str, limits: tuple[object, ...]) -> Any:
    origin = get_origin(hint)
    if origin is Annotated:
        base, *extra = get_args(hint)
        return _value(base, value, where, tuple(extra))
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        if value is None and type(None) in options:
            return None
        (inner,) = (option for option in options if option is not type(None))
        return _value(inner, value, where, limits)
    if origin is Literal:
        allowed = get_args(hint)
        if value not in allowed or not isinstance(value, str):
            raise PayloadInvalid(f"{where}: {_describe(value)} is not one of {', '.join(allowed)}")
        return value
    if origin is tuple:
        item_hint = get_args(hint)[0]
        if not isinstance(value, list):
            raise PayloadInvalid(f"{where}: a list was expected, not {_describe(value)}")
        most = next((limit.most for limit in limits if isinstance(limit, Many)), 1000)
        if len(value) > most:
            raise PayloadInvalid(f"{where}: {len(value)} items, more than {most}")
        return tuple(_value(item_hint, item, f"{where}[{n}]", ()) for n, item in enumerate(value))
    if dataclasses.is_dataclass(hint):
        return _record(typing.cast(type, hint), value, where)
    if hint is str:
        return _string(value, where, limits)
    if hint is int:
        return _integer(value, where, limits)
    raise TypeError(f"unsupported payload type {hint!r}")  # a schema bug, not bad input


def _string(value: object, where: str, limits: tuple[object, ...]) -> str:
    if not isinstance(value, str):
        raise PayloadInvalid(f"{where}: text was expected, not {_describe(value)}")
    if "\x00" in value:
        raise PayloadInvalid(f"{where}: holds a NUL character")
    for limit in limits:
        if isinstance(limit, Text):
            size = len(value.strip())
            if size > limit.most or size < limit.least:
                raise PayloadInvalid(
                    f"{where}: {size} characters, not {limit.least} to {limit.most}"
                )
        if isinstance(limit, KeyText):
            try:
                signing.check_public_key(value)
            except signing.BadKey:
                raise PayloadInvalid(f"{where}: not an Ed25519 public key") from None
        if isinstance(limit, Moment) and value:
            try:
                datetime.fromisoformat(value)
            except ValueError:
                raise PayloadInvalid(
                    f"{where}: {_describe(value)} is not a date and time"
                ) from None
    return value


def _integer(value: object, where: str, limits: tuple[object, ...]) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise PayloadInvalid(f"{where}: a whole number was expected, not {_describe(value)}")
    for limit in limits:
        if isinstance(limit, Whole) and not limit.least <= value <= limit.most:
            raise PayloadInvalid(
                f"{where}: {_describe(value)} is not {limit.least} to {limit.most}"
            )
    return value


def _record(schema: type, value: object, where: str) -> Any:
    if not isinstance(value, Mapping):
        raise PayloadInvalid(f"{where}: an object was expected, not {_describe(value)}")
    hints = typing.get_type_hints(schema, include_extras=True)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(schema):
        if field.name not in value:
            if field.default is dataclasses.MISSING:
                raise PayloadInvalid(f"{where}.{field.name} is missing")
            continue
        values[field.name] = _value(
            hints[field.name], value[field.name], f"{where}.{field.name}", ()
        )
    return schema(**values)
