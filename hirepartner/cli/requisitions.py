"""`hirepartner requisition close ID --filled|--cancelled` and `requisition reopen ID`: a
requisition's end, from which retention counts for the candidates still in process on it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from hirepartner.cli.values import record_id
from hirepartner.domain import RequisitionStatus

if TYPE_CHECKING:
    from hirepartner.app import AppServices


def add_requisition_parsers(commands: Any) -> None:
    requisition = commands.add_parser(
        "requisition", help="close a requisition as filled or cancelled, or reopen it"
    )
    action = requisition.add_subparsers(dest="action", metavar="ACTION", required=True)
    close = action.add_parser(
        "close",
        help="close as filled or cancelled today; candidates still in process keep their "
        "status, and retention counts from today for them",
    )
    close.add_argument("id", type=record_id, metavar="ID", help="the requisition's id")
    outcome = close.add_mutually_exclusive_group(required=True)
    outcome.add_argument(
        "--filled",
        dest="outcome",
        action="store_const",
        const=RequisitionStatus.FILLED.value,
        help="the role was filled",
    )
    outcome.add_argument(
        "--cancelled",
        dest="outcome",
        action="store_const",
        const=RequisitionStatus.CANCELLED.value,
        help="the role will not be filled",
    )
    close.add_argument("--note", default="", metavar="TEXT", help="why, for the record")
    reopen = action.add_parser("reopen", help="open a filled or cancelled requisition again")
    reopen.add_argument("id", type=record_id, metavar="ID", help="the requisition's id")


def _requisition(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    requisitions = services.requisitions
    if args.action == "close":
        done = requisitions.close_requisition(args.id, args.outcome, args.note)
    else:
        done = requisitions.reopen_requisition(args.id)
    print(done.text, file=out)
    return 0


Handler = Callable[["AppServices", argparse.Namespace, TextIO], int]
REQUISITION_HANDLERS: dict[str, Handler] = {"requisition": _requisition}
