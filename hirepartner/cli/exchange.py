"""The command line for what crosses the machine's edge: export packets, import slates,
exchange targets, sync, the team key, and erasure."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from hirepartner.cli.output import print_json, print_table
from hirepartner.cli.privacy import add_subject_export_parser, export_subject
from hirepartner.cli.values import output_file, record_id, whole_number
from hirepartner.errors import HirePartnerError
from hirepartner.wording import plural

if TYPE_CHECKING:
    from hirepartner.app import AppServices

EXIT_USER_ERROR = 2
EXIT_SYNC_PROBLEM = 1


def add_exchange_parsers(commands: Any) -> None:
    _add_export_parser(commands)
    importing = commands.add_parser(
        "import", help="import a recruiter's slate (Greenhouse, Lever, CSV, XLSX or JSON)"
    )
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument("--requisition", type=record_id, metavar="ID", required=True)
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
        "--duplicates",
        choices=("keep", "merge"),
        default="keep",
        help="a row with an existing candidate's name but another email: keep both (create a "
        "new candidate, the default) or merge it into the existing one",
    )
    importing.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows and list the rows with problems, which are left out "
        "(without it, any problem imports nothing)",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="show what would change; write nothing"
    )
    _add_sync_parsers(commands)


def _add_sync_parsers(commands: Any) -> None:
    targets = commands.add_parser("targets", help="where the exchange sends and receives")
    action = targets.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = action.add_parser("add", help="add a target (its secret goes to the OS keyring)")
    add.add_argument("name")
    add.add_argument("--kind", required=True, choices=("folder", "webdav", "smtp", "webhook"))
    add.add_argument("--path", help="folder: the shared folder")
    add.add_argument("--url", help="webdav: the collection URL; webhook: the https URL")
    add.add_argument("--username", default="", help="webdav or smtp login")
    add.add_argument("--host", help="smtp server")
    add.add_argument(
        "--port", type=whole_number(1, 65535), help="smtp port (587 STARTTLS, 465 TLS)"
    )
    add.add_argument("--security", choices=("starttls", "tls", "none"), default="starttls")
    add.add_argument("--sender", help="smtp: the From address")
    add.add_argument("--cafile", help="smtp: a CA certificate file to trust (a company CA)")
    add.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="smtp: a recipient (repeat for several)",
    )
    add.add_argument(
        "--kinds",
        metavar="LIST",
        help="what it carries, e.g. packet,decision (default: folder and WebDAV "
        "carry everything, email and webhooks packets and decisions)",
    )
    add.add_argument(
        "--password-file",
        type=Path,
        metavar="F",
        help="the password or signing secret, first line of F (or $HIREPARTNER_SECRET_<NAME>)",
    )
    add.add_argument(
        "--session-only",
        action="store_true",
        help="keep the secret in memory for this run only, not in the keyring",
    )
    listing = action.add_parser("list", help="targets with what is pending and the last sync")
    listing.add_argument("--json", action="store_true")
    test = action.add_parser("test", help="reach a target without changing anything")
    test.add_argument("name")
    remove = action.add_parser("remove", help="remove a target and its secret")
    remove.add_argument("name")

    sync = commands.add_parser("sync", help="send the outbox and apply what arrived")
    sync.add_argument("--target", metavar="NAME", help="only this target")
    sync.add_argument("--force", action="store_true", help="retry now what waits for backoff")
    sync.add_argument(
        "--quarantine",
        action="store_true",
        help="list the envelopes quarantined (never applied), with their reasons; no sync",
    )
    sync.add_argument("--json", action="store_true", help="with --quarantine: print JSON")

    key = commands.add_parser("team-key", help="the key that signs envelopes, in the keyring")
    key_action = key.add_subparsers(dest="action", metavar="ACTION", required=True)
    key_set = key_action.add_parser("set", help="store the team's key from a file")
    key_set.add_argument("--file", type=Path, required=True, metavar="F")
    generate = key_action.add_parser(
        "generate", help="make a new key, store it, and write it to a private file to share"
    )
    generate.add_argument("-o", "--output", type=output_file, required=True, metavar="FILE")

    erase = commands.add_parser("erase", help="erase a candidate here and across the exchange")
    erase.add_argument("--candidate", required=True, metavar="EMAIL")


def _add_export_parser(commands: Any) -> None:
    export = commands.add_parser("export", help="write a PDF packet and its JSON summary")
    kinds = export.add_subparsers(dest="kind", metavar="KIND", required=True)
    packet = kinds.add_parser(
        "packet", help="a candidate's feedback packet, or a requisition's slate packet"
    )
    about = packet.add_mutually_exclusive_group(required=True)
    about.add_argument(
        "--candidate", type=record_id, metavar="ID", help="candidate feedback packet"
    )
    about.add_argument("--requisition", type=record_id, metavar="ID", help="slate packet")
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
    add_subject_export_parser(kinds)
    kit = kinds.add_parser("kit", help="an interview kit for one interviewer and one stage")
    kit.add_argument("--application", type=record_id, metavar="ID", required=True)
    kit.add_argument("--stage", metavar="NAME", required=True, help="the interview stage")
    kit.add_argument("--interviewer", type=record_id, metavar="ID", help="person id (default: you)")
    for parser in (packet, kit):
        parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", type=output_file)
        parser.add_argument(
            "--json",
            metavar="FILE",
            type=output_file,
            help="where the JSON summary goes (default: beside the PDF, .json)",
        )
        parser.add_argument(
            "--password-file",
            metavar="F",
            type=Path,
            help="protect the PDF with AES-256, using the first line of F as the password",
        )
        parser.add_argument(
            "--send", action="store_true", help="also send it to the recruiter (exchange)"
        )


def _read_password(path: Path | None) -> str | None:
    from hirepartner.secrets import read_secret_file

    return read_secret_file(path) if path is not None else None


def _export(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    from hirepartner.packets.content import Packet, Redaction, Section

    if args.kind == "subject":
        return export_subject(services, args, out)
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
    result = export.write(packet, args.output, json_path, password, send=args.send)
    protected = ", password-protected" if password else ""
    if args.send:
        protected += "; queued for the recruiter (hirepartner sync sends it)"
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
        if row.duplicate:
            choice = "merge" if args.duplicates == "merge" else "keep both"
            print(f"             warning: {row.duplicate.warning} ({choice})", file=out)
    for refused in preview.resumes_refused:
        print(f"  resume skipped: {refused}", file=out)
    skipping = args.skip_invalid and preview.skippable
    if preview.problems:
        for problem in preview.problems:
            print(f"  {'skipped' if skipping else 'problem'}: {problem}", file=out)
    if preview.problems and not skipping:
        count = len(preview.problems)
        why = ""
        if args.skip_invalid:  # and still nothing: say why skipping did not help
            why = " (a problem of the whole file)" if preview.file_problems else " (no valid row)"
        print(f"{plural(count, 'problem')}{why}: nothing was imported.", file=out)
        return EXIT_USER_ERROR
    merge_rows = {row.row for row in preview.duplicates} if args.duplicates == "merge" else set()
    summary = preview.counts_text(merge_rows, "the requisition")
    if skipping:
        summary += f"; {plural(len(preview.skipped_rows), 'row')} with problems skipped"
    if args.dry_run:
        print(f"Dry run: {summary}; nothing was written.", file=out)
        return 0
    result = services.imports.commit(preview, merge_rows, skip_invalid=skipping)
    print(f"{result.summary}.", file=out)
    print(
        f"  {result.created} created, {result.updated} updated, {result.added} added to the "
        f"requisition, {result.merged} merged; {plural(result.resumes, 'resume')} stored "
        f"(slate {result.slate_id}).",
        file=out,
    )
    return 0


def _targets(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    sync = services.sync
    if args.action == "add":
        from hirepartner.exchange.url_secrets import split_secrets
        from hirepartner.secrets import env_name

        config: dict[str, Any] = {}
        for key in ("path", "url", "username", "host", "port", "sender", "cafile"):
            value = getattr(args, key)
            if value not in (None, ""):
                config[key] = value
        if args.kind == "smtp":
            config["security"] = args.security
            config["recipients"] = args.to
        if args.kinds:
            config["kinds"] = [k.strip() for k in args.kinds.split(",") if k.strip()]
        secret = _read_password(args.password_file) or os.environ.get(env_name(args.name))
        in_url = split_secrets(args.url or "")  # a password in the URL is moved, not stored
        needs = args.kind == "webhook" or (
            args.kind in ("webdav", "smtp") and (args.username or in_url.username)
        )
        if needs and secret is None and not (args.kind == "webdav" and in_url.password):
            if not sys.stdin.isatty():
                raise HirePartnerError(
                    f"{args.name}: give the secret with --password-file or ${env_name(args.name)}."
                )
            import getpass

            secret = getpass.getpass(f"Secret for {args.name}: ")
        info = sync.add_target(args.name, args.kind, config, secret, args.session_only)
        holds = secret is not None or info.moved_secrets
        where = f"; its secret is in the {sync.secrets.describe()}" if holds else ""
        print(
            f"Added {info.kind} target {info.name!r} ({info.pending} envelopes to send){where}.",
            file=out,
        )
        if info.moved_secrets:
            print(
                f"{' and '.join(info.moved_secrets).capitalize()} in the URL was taken out of "
                f"it and kept with the secret; the URL is stored as {info.config['url']}",
                file=out,
            )
        return 0
    if args.action == "list":
        found = sync.targets()
        if args.json:
            print_json([{**asdict(t), "failed": t.failed} for t in found], out)
            return 0
        print_table(
            ("Name", "Kind", "Where", "Pending", "State"),
            [
                (
                    t.name,
                    t.kind,
                    t.config.get("path") or t.config.get("url") or t.config.get("host", ""),
                    t.pending,
                    t.state,
                )
                for t in found
            ],
            out,
        )
        for t in found:  # the problem whole, not cut to a column
            if t.failed:
                print(f"{t.name}: {t.state_line}", file=out)
        return 0
    if args.action == "test":
        print(sync.test_target(args.name), file=out)
        return 0
    sync.remove_target(args.name)
    print(f"Removed {args.name!r} and its secret.", file=out)
    return 0


def _sync(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    if args.quarantine:
        found = services.sync.quarantined()
        if args.json:
            print_json([asdict(q) for q in found], out)
        elif not found:
            print("No envelope is quarantined.", file=out)
        else:
            for q in found:
                kind = f"{q.kind} " if q.kind else ""
                print(f"{q.received_at:%Y-%m-%d %H:%M}  {kind}{q.uuid} from {q.target}", file=out)
                print(f"    {q.reason}", file=out)
        return 0
    report = services.sync.sync(args.target, force=args.force)
    print(f"Sync: {report.line()}.", file=out)
    for error in report.errors:
        print(f"  {error}", file=out)
    return EXIT_SYNC_PROBLEM if report.failed or report.quarantined else 0


def _team_key(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    from hirepartner.files import write_atomically
    from hirepartner.secrets import TEAM_KEY, read_secret_file

    shared = ""
    if args.action == "set":
        key = read_secret_file(args.file)
        if len(key) < 16:
            raise HirePartnerError(f"{args.file}: a team key needs at least 16 characters.")
    else:
        import secrets as random_secrets

        key = random_secrets.token_urlsafe(32)
        write_atomically([(args.output, (key + "\n").encode())], services.sync.outputs)
        shared = f" and written to {args.output} (share it with the team, then delete it)"
    where = services.sync.secrets.set(TEAM_KEY, key)
    place = "system keyring" if where == "keyring" else "memory of this run only (no keyring)"
    print(f"Team key stored in the {place}{shared}.", file=out)
    return 0


def _erase(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    result = services.privacy.erase_candidate(args.candidate)
    print(
        f"Erased {result.removed} candidate record{'s' if result.removed != 1 else ''}; "
        "an erasure goes to every target on the next sync.",
        file=out,
    )
    return 0


Handler = Callable[["AppServices", argparse.Namespace, TextIO], int]
EXCHANGE_HANDLERS: dict[str, Handler] = {
    "export": _export,
    "import": _import,
    "targets": _targets,
    "sync": _sync,
    "team-key": _team_key,
    "erase": _erase,
}
