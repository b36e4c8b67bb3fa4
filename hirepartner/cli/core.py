"""The `hirepartner` command line; Qt is imported only when the GUI starts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hirepartner import __version__
from hirepartner.cli.calibration import CALIBRATION_HANDLERS, add_calibration_parser
from hirepartner.cli.desktop import add_self_test_parser, open_window, self_test
from hirepartner.cli.encryption import (
    ENCRYPTION_HANDLERS,
    add_encryption_parsers,
    add_passphrase_option,
    database_key,
)
from hirepartner.cli.exchange import EXCHANGE_HANDLERS, add_exchange_parsers
from hirepartner.cli.output import print_json, print_table, terminal_safe, terminal_text
from hirepartner.cli.partnership import PARTNERSHIP_HANDLERS, add_partnership_parsers
from hirepartner.cli.privacy import PRIVACY_HANDLERS, add_privacy_parsers
from hirepartner.cli.requisitions import REQUISITION_HANDLERS, add_requisition_parsers
from hirepartner.cli.team import TEAM_HANDLERS, add_team_parsers
from hirepartner.cli.values import CommandLineParser, output_file, record_id, whole_number
from hirepartner.config import DB_ENV_VAR, resolve_location
from hirepartner.database_key import given_key
from hirepartner.demo import MAX_CANDIDATES
from hirepartner.domain import ApplicationStatus, label_of
from hirepartner.errors import HirePartnerError

if TYPE_CHECKING:
    from hirepartner.app import AppServices

EXIT_USER_ERROR = 2
EXIT_CHECK_FAILED = 1
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = CommandLineParser(
        prog="hirepartner",
        description="Review candidate slates, score interviews and send feedback to recruiters. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--db",
        metavar="PATH",
        help=f"SQLite database file (default: ${DB_ENV_VAR}, then the user data folder)",
    )
    where.add_argument(
        "--database-url",
        metavar="URL",
        help="a SQLite or PostgreSQL URL, e.g. postgresql://host/hirepartner",
    )
    add_passphrase_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill an empty database with a demo hiring world")
    demo.add_argument(
        "--candidates",
        type=whole_number(1, MAX_CANDIDATES),
        default=60,
        metavar="N",
        help=f"default: 60, at most {MAX_CANDIDATES:,}",
    )
    demo.add_argument(
        "--seed",
        type=whole_number(0, 2**32 - 1),
        default=7,
        metavar="S",
        help="default: 7",
    )

    listing = commands.add_parser("list", help="list requisitions or candidates")
    what = listing.add_subparsers(dest="what", metavar="WHAT", required=True)
    reqs = what.add_parser("requisitions", help="requisitions with their pipeline")
    reqs.add_argument("--json", action="store_true", help="print JSON")
    cands = what.add_parser("candidates", help="candidates, or one requisition's slate")
    cands.add_argument("--requisition", type=record_id, metavar="ID", help="only this requisition")
    cands.add_argument("--json", action="store_true", help="print JSON")

    commands.add_parser("check", help="check the database's integrity and schema version")
    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("-o", "--output", required=True, metavar="FILE", type=output_file)
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", metavar="FILE", type=Path)
    add_exchange_parsers(commands)
    add_partnership_parsers(commands)
    add_team_parsers(commands)
    add_self_test_parser(commands)
    add_privacy_parsers(commands)
    add_calibration_parser(commands)
    add_encryption_parsers(commands)
    add_requisition_parsers(commands)
    return parser


# The commands that may start a database file that does not exist yet.
CREATES = frozenset({"demo", "restore"})


def said(error: HirePartnerError) -> str:
    """The error's sentence, and on the command line its script hint too."""
    return f"{error} {error.script_hint}" if error.script_hint else str(error)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        location = resolve_location(args.db, args.database_url)
        given = given_key(args.passphrase_file)  # a bad passphrase file is refused here
    except HirePartnerError as error:
        print(f"hirepartner: {terminal_safe(said(error))}", file=sys.stderr)
        return EXIT_USER_ERROR
    if args.command is None:
        return open_window(location, given)
    if args.command == "self-test":
        return self_test(location, args)
    handler = _HANDLERS[args.command]
    if location.path is not None and not location.path.exists() and args.command not in CREATES:
        # A mistyped path must not quietly become a new, empty, healthy-looking database.
        print(
            f"hirepartner: there is no database at {terminal_safe(str(location.path))}: check "
            "the path, or create one with `hirepartner --db PATH demo` or by opening the app",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    services: AppServices | None = None
    try:
        from hirepartner.app import build_services  # after parsing: --help stays instant

        services = build_services(location, key=database_key(location, args.passphrase_file))
        return handler(services, args, terminal_text(sys.stdout))
    except HirePartnerError as error:
        print(f"hirepartner: {terminal_safe(said(error))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("hirepartner: interrupted; nothing was written.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone; stop writing quietly, as other tools do.
        sys.stdout = None
        return 0
    finally:
        if services is not None:
            services.close()


def _demo(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    summary = services.fill_demo(args.candidates, args.seed)
    print(
        f"Demo world written to {services.maintenance.location_display}: "
        f"{summary.requisitions} requisitions, {summary.candidates} candidates, "
        f"{summary.scorecards} scorecards, {summary.ratings} ratings.",
        file=out,
    )
    return 0


def _list(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    if args.what == "requisitions":
        requisitions = services.requisitions.list_requisitions()
        if args.json:
            print_json([asdict(req) for req in requisitions], out)
        else:
            print_table(
                ("ID", "Code", "Title", "In process", "Overdue", "Pipeline"),
                [
                    (
                        req.id,
                        req.code,
                        req.title,
                        req.candidates_in_process,
                        req.overdue_feedback,
                        "  ".join(f"{stage.name}: {stage.candidates}" for stage in req.stages),
                    )
                    for req in requisitions
                ],
                out,
            )
        return 0
    if args.requisition is not None:
        listing = services.slates.list_slate(args.requisition)
        if args.json:
            print_json([asdict(row) for row in listing.rows], out)
        else:
            print_table(
                ("App", "Name", "Title", "Company", "Stage", "Status", "Score"),
                [
                    (
                        row.application_id,
                        row.full_name,
                        row.current_title,
                        row.current_company,
                        row.stage,
                        label_of(ApplicationStatus, row.status).lower(),
                        f"{row.average_score:.2f}" if row.average_score is not None else "–",
                    )
                    for row in listing.rows
                ],
                out,
            )
        return 0
    candidates = services.pipeline.list_candidates()
    if args.json:
        print_json([asdict(candidate) for candidate in candidates], out)
    else:
        print_table(
            ("ID", "Name", "Email", "Title", "Company", "Applications"),
            [
                (
                    c.id,
                    c.full_name,
                    c.email or "",
                    c.current_title,
                    c.current_company,
                    c.applications,
                )
                for c in candidates
            ],
            out,
        )
    return 0


def _check(services: AppServices, _args: argparse.Namespace, out: TextIO) -> int:
    report = services.maintenance.check()
    print(f"Database:      {services.maintenance.location_display}", file=out)
    print(f"Integrity:     {'ok' if report.integrity == ('ok',) else 'FAILED'}", file=out)
    for problem in report.integrity if report.integrity != ("ok",) else ():
        print(f"  {problem}", file=out)
    print(f"Foreign keys:  {'ok' if not report.foreign_keys else 'FAILED'}", file=out)
    for problem in report.foreign_keys:
        print(f"  {problem}", file=out)
    schema_ok = report.schema_current == report.schema_head
    print(
        f"Schema:        {report.schema_current} "
        f"({'newest' if schema_ok else 'expected ' + report.schema_head})",
        file=out,
    )
    print(f"Encryption:    {services.encryption.status().summary}", file=out)
    chain = services.audit.verify_chain()
    print(f"Audit chain:   {'ok' if chain.ok else 'FAILED'} ({chain.events} events)", file=out)
    if not chain.ok:
        print(f"  {chain.problem}", file=out)
    return 0 if report.ok and chain.ok else EXIT_CHECK_FAILED


def _backup(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    path = services.maintenance.backup(args.output)
    print(f"Backup written to {path}", file=out)
    return 0


def _restore(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    kept = services.maintenance.restore(args.file)
    print(f"Restored {args.file}; the replaced database was kept at {kept}", file=out)
    return 0


_HANDLERS: dict[str, Callable[[AppServices, argparse.Namespace, TextIO], int]] = {
    "demo": _demo,
    "list": _list,
    "check": _check,
    "backup": _backup,
    "restore": _restore,
    **EXCHANGE_HANDLERS,
    **PARTNERSHIP_HANDLERS,
    **TEAM_HANDLERS,
    **PRIVACY_HANDLERS,
    **CALIBRATION_HANDLERS,
    **ENCRYPTION_HANDLERS,
    **REQUISITION_HANDLERS,
}
