"""`hirepartner retention` (what the policy would anonymise, running it, setting it),
`hirepartner export subject` (everything held about one candidate) and `hirepartner audit`
(who did what, when)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from hirepartner.cli.output import print_json, print_table
from hirepartner.cli.values import output_file, record_id, whole_number
from hirepartner.wording import plural

if TYPE_CHECKING:
    from hirepartner.app import AppServices
    from hirepartner.services.retention import RetentionPolicy

MAX_MONTHS = 240


def add_privacy_parsers(commands: Any) -> None:
    retention = commands.add_parser(
        "retention", help="anonymise candidates not hired, some months after they closed"
    )
    mode = retention.add_mutually_exclusive_group()
    mode.add_argument(
        "--dry-run", action="store_true", help="list who is due (the default); change nothing"
    )
    mode.add_argument("--apply", action="store_true", help="anonymise everyone due now")
    action = retention.add_subparsers(dest="action", metavar="ACTION")
    setting = action.add_parser("set", help="the install's policy, or one requisition's")
    months = setting.add_mutually_exclusive_group(required=True)
    months.add_argument(
        "--months", type=whole_number(1, MAX_MONTHS), metavar="N", help="anonymise N months after"
    )
    months.add_argument(
        "--off", action="store_true", help="no period (for --requisition: follow the install's)"
    )
    months.add_argument(
        "--unattended",
        choices=("yes", "no"),
        help="yes: the app runs retention without asking first (for administrators)",
    )
    setting.add_argument(
        "--requisition", type=record_id, metavar="ID", help="this requisition's own period"
    )

    audit = commands.add_parser("audit", help="who did what, when (newest first)")
    audit.add_argument("--candidate", type=record_id, metavar="ID", help="only about them")
    audit.add_argument("--person", type=record_id, metavar="ID", help="only what they did")
    audit.add_argument(
        "--limit", type=whole_number(1, 1_000_000), default=200, metavar="N", help="default 200"
    )
    audit.add_argument("--json", action="store_true")


def add_subject_export_parser(kinds: Any) -> None:
    subject = kinds.add_parser(
        "subject",
        help="everything held about one candidate (an access request): a ZIP with every "
        "record as JSON, their resumes and a PDF summary; private notes included",
    )
    subject.add_argument("--candidate", type=record_id, metavar="ID", required=True)
    subject.add_argument("-o", "--output", required=True, metavar="FILE.zip", type=output_file)


def export_subject(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    result = services.subject_export.export(args.candidate, args.output)
    print(
        f"Wrote {result.path}: {plural(result.records, 'record')} and "
        f"{plural(result.resumes, 'resume')} (private notes included).",
        file=out,
    )
    return 0


def _policy_line(policy: RetentionPolicy) -> str:
    """The policy, one fact a sentence: the general period, the requisitions' own, the runs."""
    period = (
        f"Retention: candidates not hired are anonymised {plural(policy.months, 'month')} "
        "after their last application closed."
        if policy.months
        else "Retention: no general period is set."
    )
    sentences = [period]
    if policy.overrides:
        own = "; ".join(f"{code}: {plural(n, 'month')}" for _id, code, n in policy.overrides)
        sentences.append(f"Requisitions with their own period: {own}.")
    sentences.append(
        "Runs: without asking first."
        if policy.unattended
        else "Runs: the app asks before each run."
    )
    return "\n".join(sentences)


def _retention(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    retention = services.retention
    if args.action == "set":
        if args.unattended is not None:
            if args.requisition is not None:
                print(
                    "hirepartner: --unattended is the install's setting, not a requisition's.",
                    file=sys.stderr,
                )
                return 2
            policy = retention.set_unattended(args.unattended == "yes")
        elif args.requisition is not None:
            retention.set_requisition_months(args.requisition, None if args.off else args.months)
            policy = retention.policy()
        else:
            policy = retention.set_months(None if args.off else args.months)
        print(_policy_line(policy), file=out)
        return 0
    if args.apply:
        run = retention.apply()
        print(f"Anonymised {plural(len(run.anonymised), 'candidate')}.", file=out)
        return 0
    print(_policy_line(retention.policy()), file=out)
    plan = retention.plan()
    if plan.empty:
        print("Nobody is due for anonymising.", file=out)
    else:
        print(f"Due for anonymising ({len(plan.due)}):", file=out)
        print_table(
            ("ID", "Name", "Closed", "Due"),
            [(d.candidate_id, d.name, d.closed_on, d.due_on) for d in plan.due],
            out,
        )
    if plan.kept_by_consent:
        print(f"Kept by their consent: {plural(plan.kept_by_consent, 'candidate')}.", file=out)
    return 0


def _audit(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    rows = services.audit.events(args.candidate, args.person, args.limit)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "at": r.at.isoformat(),
                    "actor": r.actor,
                    "action": r.action,
                    "entity": r.entity,
                    "entity_id": r.entity_id,
                    "candidate_id": r.candidate_id,
                    "detail": r.detail,
                }
                for r in rows
            ],
            out,
        )
        return 0
    print_table(
        ("ID", "When", "Who", "What", "About", "Candidate", "Detail"),
        [
            (
                r.id,
                f"{r.at:%Y-%m-%d %H:%M}",
                r.actor or "—",
                r.action_text,
                r.about_text,
                r.candidate or "",
                r.detail_text,
            )
            for r in rows
        ],
        out,
    )
    return 0


Handler = Callable[["AppServices", argparse.Namespace, TextIO], int]
PRIVACY_HANDLERS: dict[str, Handler] = {"retention": _retention, "audit": _audit}
