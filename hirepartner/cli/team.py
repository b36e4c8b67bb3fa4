"""`hirepartner team`: this install's signing key and fingerprint, the members known here,
enrolling a member after comparing fingerprints, revoking one who left, a new key."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO

from hirepartner.cli.output import print_json, print_table
from hirepartner.domain import Role

if TYPE_CHECKING:
    from hirepartner.app import AppServices

STATES = {
    "active": "enrolled",
    "pending": "waits for enrollment",
    "revoked": "revoked",
    "replaced": "old key",
}


def add_team_parsers(commands: Any) -> None:
    team = commands.add_parser(
        "team", help="signing keys: yours, the team's roster, enrolling and revoking members"
    )
    action = team.add_subparsers(dest="action", metavar="ACTION", required=True)
    action.add_parser("key", help="your key's fingerprint, to read out to your hiring manager")
    listing = action.add_parser("list", help="every key known here, with its state")
    listing.add_argument("--json", action="store_true")
    enroll = action.add_parser(
        "enroll", help="enroll a member's key after comparing its fingerprint with them"
    )
    enroll.add_argument("email")
    enroll.add_argument(
        "--fingerprint", required=True, metavar="FP", help="as the member reads it from their app"
    )
    enroll.add_argument("--role", choices=[r.value for r in Role])
    enroll.add_argument("--name")
    enroll.add_argument(
        "--public-key",
        metavar="KEY",
        help="the member's public key, when it did not arrive through the exchange",
    )
    revoke = action.add_parser("revoke", help="revoke a member who left the team")
    revoke.add_argument("email")
    new_key = action.add_parser(
        "new-key", help="make a new key (after the keyring lost yours); enroll it again"
    )
    new_key.add_argument(
        "--print",
        action="store_true",
        help="print a new private key for $HIREPARTNER_SIGNING_KEY (scripts without a "
        "keyring) instead of storing one",
    )


def _team(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    team = services.team
    if args.action == "key":
        mine = team.my_key()
        print(f"Your fingerprint: {mine.fingerprint}  ({mine.email}, {mine.role})", file=out)
        print(f"Public key: {mine.public_key}", file=out)
        if mine.role == Role.HIRING_MANAGER.value:
            advice = (
                "Members read theirs out to you: enroll each with `hirepartner team enroll`. "
                "Read yours out to them: each enrolls you once."
            )
        else:
            advice = "Read the fingerprint out to your hiring manager; they enroll you with it."
        print(advice, file=out)
        return 0
    if args.action == "list":
        members = team.members()
        if args.json:
            print_json([asdict(m) for m in members], out)
            return 0
        print_table(
            ("Email", "Name", "Role", "Fingerprint", "State", "Since"),
            [
                (
                    m.email,
                    m.name,
                    m.role,
                    "(ask them)" if m.state == "pending" else m.fingerprint,
                    "this install" if m.source == "self" else STATES[m.state],
                    m.changed_at.strftime("%Y-%m-%d"),
                )
                for m in members
            ],
            out,
        )
        return 0
    if args.action == "enroll":
        info = team.enroll(
            args.email,
            args.fingerprint,
            role=args.role,
            name=args.name,
            public_key=args.public_key,
        ).key
        print(f"Enrolled {info.name} <{info.email}> as {info.role} ({info.fingerprint}).", file=out)
        return 0
    if args.action == "revoke":
        count = team.revoke(args.email).count
        print(
            f"Revoked {count} key{'s' if count != 1 else ''} of {args.email}; what they sign "
            "from now on is quarantined.",
            file=out,
        )
        return 0
    if args.print:
        from hirepartner.exchange.signing import fingerprint, new_private_key, public_key_of

        private = new_private_key()
        print(private, file=out)
        print(f"# fingerprint {fingerprint(public_key_of(private))}", file=out)
        return 0
    info = team.new_key().key
    print(
        f"New key {info.fingerprint}: it is announced with the next sync; ask your hiring "
        "manager to enroll it.",
        file=out,
    )
    return 0


TEAM_HANDLERS = {"team": _team}
