"""The command line for the partnership: metrics, goals, slate feedback, the weekly update
and the success summary of a hire."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

from hirepartner.cli.output import print_table
from hirepartner.cli.values import output_file, record_id, whole_number
from hirepartner.errors import HirePartnerError

if TYPE_CHECKING:
    from hirepartner.app import AppServices


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-03-01") from None


def add_partnership_parsers(commands: Any) -> None:
    metrics = commands.add_parser("metrics", help="the shared dashboard's figures, with their n")
    metrics.add_argument("--requisition", type=record_id, metavar="ID", help="default: all")
    metrics.add_argument("--csv", type=output_file, metavar="FILE", help="write them as CSV")

    goals = commands.add_parser("goals", help="goals agreed with the recruiter")
    action = goals.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = action.add_parser(
        "add",
        help="e.g. --feedback-hours 24 --share 90, "
        "or --stage Onsite --count 3 --by 2027-03-01, or --hires 1 --by …",
    )
    add.add_argument("--requisition", type=record_id, metavar="ID", required=True)
    add.add_argument("--feedback-hours", type=whole_number(1, 24 * 365), metavar="H")
    add.add_argument("--share", type=float, metavar="PERCENT")
    add.add_argument("--stage", metavar="NAME")
    add.add_argument("--count", type=whole_number(1, 100_000), metavar="N")
    add.add_argument("--hires", type=whole_number(1, 100_000), metavar="N")
    add.add_argument("--by", type=_date, metavar="DATE")
    listing = action.add_parser("list", help="goals with whether they are on track")
    listing.add_argument("--requisition", type=record_id, metavar="ID", required=True)
    remove = action.add_parser("remove", help="remove a goal")
    remove.add_argument("goal", type=record_id, metavar="GOAL_ID")

    rate = commands.add_parser("rate-slate", help="your feedback on a slate, for the recruiter")
    rate.add_argument("slate", type=record_id, metavar="SLATE_ID")
    rate.add_argument("--fit", type=whole_number(1, 5), metavar="1-5", required=True)
    rate.add_argument("--more-of", default="", metavar="TEXT")
    rate.add_argument("--less-of", default="", metavar="TEXT")

    update = commands.add_parser("update", help="the weekly update for the recruiter (PDF)")
    update.add_argument("--requisition", type=record_id, metavar="ID", required=True)
    update.add_argument("--since", type=_date, metavar="DATE", help="default: a week ago")
    update.add_argument("-o", "--output", type=output_file, required=True, metavar="FILE.pdf")
    update.add_argument("--send", action="store_true", help="also send it (email or folder)")

    hired = commands.add_parser("success", help="the success summary of a hire (PDF)")
    hired.add_argument("--application", type=record_id, metavar="ID", required=True)
    hired.add_argument("-o", "--output", type=output_file, required=True, metavar="FILE.pdf")
    hired.add_argument("--send", action="store_true", help="also share it with the recruiter")


def _metrics(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    from hirepartner.files import write_atomically
    from hirepartner.services.metrics import metrics_csv
    from hirepartner.services.views.dashboard import FigureKind, figures

    board = services.metrics.dashboard(args.requisition)
    if args.csv:
        write_atomically([(args.csv, metrics_csv(board).encode("utf-8"))], services.metrics.outputs)
        print(f"Wrote {args.csv}", file=out)
        return 0
    print(f"{board.scope}, as of {board.as_of:%Y-%m-%d %H:%M}", file=out)
    print_table(
        ("Stage", "Reached", "Onward", "Days in stage"),
        [
            (s.stage, s.reached, s.onward.label(), s.time_in_stage_days.label("d"))
            for s in board.funnel
        ],
        out,
    )
    for figure in figures(board):
        if figure.kind not in (FigureKind.FUNNEL, FigureKind.GOAL):  # the table, the goals below
            print(f"{figure.name}: {figure.value}", file=out)
    print("Rejections: " + (", ".join(f"{r} {n}" for r, n in board.reasons) or "none"), file=out)
    print(
        f"Offers accepted: {board.acceptance.label()} · "
        f"time to hire {board.time_to_hire_days.label('d')}",
        file=out,
    )
    for goal in board.goals:
        print(f"Goal {goal.id}: {goal.text}: {goal.status} ({goal.detail})", file=out)
    return 0


def _goals(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    goals = services.goals
    if args.action == "add":
        if args.feedback_hours is not None:
            share = (args.share or 90) / 100
            ident = goals.add_goal(
                args.requisition, "feedback_sla", share=share, hours=args.feedback_hours
            )
        elif args.hires is not None:
            ident = goals.add_goal(args.requisition, "hires", count=args.hires, due_on=args.by)
        elif args.stage is not None:
            ident = goals.add_goal(
                args.requisition,
                "candidates_at_stage",
                stage=args.stage,
                count=args.count,
                due_on=args.by,
            )
        else:
            raise HirePartnerError("goals add: say --feedback-hours, --stage or --hires.")
        print(f"Added goal {ident}.", file=out)
        return 0
    if args.action == "remove":
        goals.remove_goal(args.goal)
        print(f"Removed goal {args.goal}.", file=out)
        return 0
    for goal in services.metrics.dashboard(args.requisition).goals:
        print(f"{goal.id}  {goal.text}: {goal.status} ({goal.detail})", file=out)
    return 0


def _rate_slate(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    services.metrics.rate_slate(args.slate, args.fit, args.more_of, args.less_of)
    print(f"Slate {args.slate} rated {args.fit}/5.", file=out)
    return 0


def _update(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    from hirepartner.packets.update import update_text

    since = datetime.combine(args.since, datetime.min.time()) if args.since else None
    update = services.updates.weekly_update(args.requisition, since)
    result = services.export.write(
        update,
        args.output,
        args.output.with_suffix(".json"),
        send=args.send,
    )
    sent = "; queued to send on the next sync" if args.send else ""
    print(f"Wrote {result.pdf} ({result.pages} pages){sent}.", file=out)
    print(update_text(update), file=out)
    return 0


def _success(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    from hirepartner.packets.update import success_text

    summary = services.updates.success_summary(args.application)
    result = services.export.write(
        summary,
        args.output,
        args.output.with_suffix(".json"),
        send=args.send,
    )
    print(f"Wrote {result.pdf}.", file=out)
    print(success_text(summary), file=out)
    return 0


Handler = Callable[["AppServices", argparse.Namespace, TextIO], int]
PARTNERSHIP_HANDLERS: dict[str, Handler] = {
    "metrics": _metrics,
    "goals": _goals,
    "rate-slate": _rate_slate,
    "update": _update,
    "success": _success,
}
