"""The `hirepartner` command line; Qt is imported only when the GUI starts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from hirepartner import __version__
from hirepartner.config import DB_ENV_VAR, DatabaseLocation, resolve_location
from hirepartner.errors import HirePartnerError

if TYPE_CHECKING:
    from hirepartner.app import AppServices

EXIT_USER_ERROR = 2
EXIT_CHECK_FAILED = 1
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
        "--database-url", metavar="URL", help="any SQLAlchemy URL, e.g. a shared PostgreSQL"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill an empty database with a demo hiring world")
    demo.add_argument("--candidates", type=int, default=60, metavar="N", help="default: 60")
    demo.add_argument("--seed", type=int, default=7, metavar="S", help="default: 7")

    listing = commands.add_parser("list", help="list requisitions or candidates")
    what = listing.add_subparsers(dest="what", metavar="WHAT", required=True)
    reqs = what.add_parser("requisitions", help="requisitions with their pipeline")
    reqs.add_argument("--json", action="store_true", help="print JSON")
    cands = what.add_parser("candidates", help="candidates, or one requisition's slate")
    cands.add_argument("--requisition", type=int, metavar="ID", help="only this requisition")
    cands.add_argument("--json", action="store_true", help="print JSON")

    commands.add_parser("check", help="check the database's integrity and schema version")
    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("-o", "--output", required=True, metavar="FILE", type=Path)
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", metavar="FILE", type=Path)
    _add_export_parser(commands)
    importing = commands.add_parser(
        "import", help="import a recruiter's slate (Greenhouse, Lever, CSV, XLSX or JSON)"
    )
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument("--requisition", type=int, metavar="ID", required=True)
    importing.add_argument(
        "--resumes", metavar="ZIP_OR_DIR", type=Path, help="resumes, matched by email or name"
    )
    importing.add_argument(
        "--map",
        metavar="FIELD=COLUMN,...",
        help="for another layout: which column holds which field, e.g. "
        "'full_name=Candidate,email=E-mail' (fields: full_name, first_name, last_name, email, "
        "phone, location, current_title, current_company, links, source, tags, pitch)",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="show what would change; write nothing"
    )
    return parser


def _add_export_parser(commands: Any) -> None:
    export = commands.add_parser("export", help="write a PDF packet and its JSON summary")
    kinds = export.add_subparsers(dest="kind", metavar="KIND", required=True)
    packet = kinds.add_parser(
        "packet", help="a candidate's feedback packet, or a requisition's slate packet"
    )
    about = packet.add_mutually_exclusive_group(required=True)
    about.add_argument("--candidate", type=int, metavar="ID", help="candidate feedback packet")
    about.add_argument("--requisition", type=int, metavar="ID", help="slate packet")
    packet.add_argument(
        "--redact",
        choices=("totals", "anonymous"),
        help="totals: no interviewer names or individual ratings; "
        "anonymous: the candidates' identities masked",
    )
    packet.add_argument(
        "--sections",
        metavar="LIST",
        help="comma-separated sections to include (default: all); candidate: "
        "summary,competencies,takeaways,chart,history; slate: "
        "matrix,slate_feedback,candidate_pages",
    )
    kit = kinds.add_parser("kit", help="an interview kit for one interviewer and one stage")
    kit.add_argument("--application", type=int, metavar="ID", required=True)
    kit.add_argument("--stage", metavar="NAME", required=True, help="the interview stage")
    kit.add_argument("--interviewer", type=int, metavar="ID", help="person id (default: you)")
    for parser in (packet, kit):
        parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", type=Path)
        parser.add_argument(
            "--json",
            metavar="FILE",
            type=Path,
            help="where the JSON summary goes (default: beside the PDF, .json)",
        )
        parser.add_argument(
            "--password-file",
            metavar="F",
            type=Path,
            help="protect the PDF with AES-256, using the first line of F as the password",
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    location = resolve_location(args.db, args.database_url)
    if args.command is None:
        return _open_gui(location)
    handler = _HANDLERS[args.command]
    services: AppServices | None = None
    try:
        from hirepartner.app import build_services  # after parsing: --help stays instant

        services = build_services(location)
        return handler(services, args, sys.stdout)
    except HirePartnerError as error:
        print(f"hirepartner: {error}", file=sys.stderr)
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


def _open_gui(location: DatabaseLocation) -> int:
    from hirepartner.ui.application import run_gui

    return run_gui(location)


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
            _print_json([asdict(req) for req in requisitions], out)
        else:
            _print_table(
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
            _print_json([asdict(row) for row in listing.rows], out)
        else:
            _print_table(
                ("App", "Name", "Title", "Company", "Stage", "Status", "Score"),
                [
                    (
                        row.application_id,
                        row.full_name,
                        row.current_title,
                        row.current_company,
                        row.stage,
                        row.status,
                        f"{row.average_score:.2f}" if row.average_score is not None else "–",
                    )
                    for row in listing.rows
                ],
                out,
            )
        return 0
    candidates = services.pipeline.list_candidates()
    if args.json:
        _print_json([asdict(candidate) for candidate in candidates], out)
    else:
        _print_table(
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
    return 0 if report.ok else EXIT_CHECK_FAILED


def _backup(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    path = services.maintenance.backup(args.output)
    print(f"Backup written to {path}", file=out)
    return 0


def _restore(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    kept = services.maintenance.restore(args.file)
    print(f"Restored {args.file}; the replaced database was kept at {kept}", file=out)
    return 0


def _read_password(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise HirePartnerError(f"Cannot read the password file {path}: {error}.") from error
    if not lines or not lines[0]:
        raise HirePartnerError(
            f"The password file {path} is empty: its first line is the password."
        )
    return lines[0]


def _export(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    from hirepartner.packets.content import Packet, Redaction, Section

    password = _read_password(args.password_file)
    export = services.export
    packet: Packet
    if args.kind == "kit":
        packet = export.interview_kit(args.application, args.stage, args.interviewer)
    else:
        redaction = Redaction(args.redact or "none")
        sections = None
        if args.sections:
            try:
                sections = [Section(s.strip()) for s in args.sections.split(",") if s.strip()]
            except ValueError as error:
                raise HirePartnerError(f"--sections: {error}") from None
        if args.candidate is not None:
            application = export.application_for_candidate(args.candidate)
            packet = export.candidate_packet(application, redaction, sections)
        else:
            packet = export.slate_packet(args.requisition, redaction, sections)
    json_path = args.json or args.output.with_suffix(".json")
    result = export.write(packet, args.output, json_path, password)
    protected = ", password-protected" if password else ""
    print(
        f"Wrote {result.pdf} ({result.pages} pages, {result.size_bytes // 1024 + 1} KB"
        f"{protected}) and {result.json}",
        file=out,
    )
    return 0


def _parse_mapping(text: str | None) -> dict[str, list[str]] | None:
    from hirepartner.exchange.layouts import FIELD_NAMES

    if not text:
        return None
    mapping: dict[str, list[str]] = {}
    for part in text.split(","):
        field_name, sep, column = part.partition("=")
        if not sep or field_name.strip() not in FIELD_NAMES or not column.strip():
            raise HirePartnerError(
                f"--map: {part.strip()!r} is not FIELD=COLUMN with FIELD one of "
                f"{', '.join(FIELD_NAMES)}."
            )
        mapping.setdefault(field_name.strip(), []).append(column.strip())
    return mapping


def _import(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    preview = services.imports.preview(
        args.file, args.requisition, args.resumes, _parse_mapping(args.map)
    )
    print(f"{preview.file}: {preview.layout}, into {preview.requisition}", file=out)
    for row in preview.rows:
        if row.problems:
            continue
        resume = f"  resume: {row.resume}" if row.resume else ""
        print(
            f"  row {row.row:>4}  {row.action:<18} {row.full_name} <{row.email}>{resume}", file=out
        )
    for refused in preview.resumes_refused:
        print(f"  resume skipped: {refused}", file=out)
    if preview.problems:
        for problem in preview.problems:
            print(f"  problem: {problem}", file=out)
        count = len(preview.problems)
        print(f"{count} problem{'s' if count != 1 else ''}: nothing was imported.", file=out)
        return EXIT_USER_ERROR
    summary = (
        f"{preview.count('create')} to create, {preview.count('update')} to update, "
        f"{preview.count('add to requisition')} to add to the requisition"
    )
    if args.dry_run:
        print(f"Dry run: {summary}; nothing was written.", file=out)
        return 0
    result = services.imports.commit(preview)
    print(
        f"Imported: {result.created} created, {result.updated} updated, "
        f"{result.resumes} resumes attached (slate {result.slate_id}).",
        file=out,
    )
    return 0


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO) -> None:
    cells = [[str(value) for value in row] for row in rows]
    widths = [
        min(40, max([len(header)] + [len(row[i]) for row in cells]))
        for i, header in enumerate(headers)
    ]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), file=out)
    for row in cells:
        fitted = [v if len(v) <= w else v[: w - 1] + "…" for v, w in zip(row, widths, strict=True)]
        print("  ".join(v.ljust(w) for v, w in zip(fitted, widths, strict=True)).rstrip(), file=out)


_HANDLERS: dict[str, Callable[[AppServices, argparse.Namespace, TextIO], int]] = {
    "demo": _demo,
    "list": _list,
    "check": _check,
    "backup": _backup,
    "restore": _restore,
    "export": _export,
    "import": _import,
}
