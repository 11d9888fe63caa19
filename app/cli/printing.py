"""``saraptama print …`` (docs/interfaces.md §4), ``saraptama documents verify TEXT`` (a QR code's
text) and ``saraptama documents verify FILE.pdf`` (the electronic signature of a result document).

``--printer NAME`` sends the pages to an installed printer instead of (or as well as) a file,
through ``ui.printing.printers`` — the same code the window's Print button runs, so a script and
the window print the same paper on Linux (CUPS), macOS and Windows alike.  That module needs Qt's
print system, so it is imported only when ``--printer`` is given: the rest of ``app/`` (and every
other command) still runs where no Qt is installed."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..documents.build import build
from ..errors import UserError
from ..i18n import N_
from ..services import documents, printing
from ..services.signing import verification
from .common import iso_date, shown, subcommands, with_database, with_session
from .signing import add_key_option, document_signer

def pdf_file(text: str) -> Path:
    """An output file: a name ending in .pdf (nothing else is written by these commands)."""
    if not text.strip() or not text.lower().endswith(".pdf"):
        raise argparse.ArgumentTypeError(f"not a .pdf file name: {shown(text)}")
    return Path(text)


def to_printer(printer_name: str, title: str) -> Callable[[printing.Rendered], dict]:
    def send(rendered: printing.Rendered) -> dict:
        from ui.printing.printers import print_to_named  # Qt only for --printer (see above)
        return {**print_to_named(rendered.pdf, printer_name, title), "pages": rendered.pages}
    return send


def destination(args, title: str) -> Callable[[printing.Rendered], dict]:
    """``--out FILE``, ``--printer NAME``, or both (the file first)."""
    if not args.out and not args.printer:
        raise UserError(N_("Give --out FILE, --printer NAME or both."))
    targets = ([printing.to_file(args.out)] if args.out else []) + \
        ([to_printer(args.printer, title)] if args.printer else [])

    def deliver(rendered: printing.Rendered) -> dict:
        result: dict = {}
        for target in targets:
            result.update(target(rendered))
        return result
    return deliver


@with_database
def cmd_print_act(db, args):
    with db.session() as session:
        signer = document_signer(session, args)
    deliver = destination(args, f"{args.act}-{args.print_command}")
    return printing.issue_act_document(db, args.print_command, args.act, deliver, user=db.user, signer=signer)


@with_database
def cmd_print_journal(db, args):
    deliver = destination(args, f"{args.department}-{args.date or args.month}")
    return deliver(build(printing.describe_journal(db, args.department, day=args.date, month=args.month)))


@with_database
def cmd_print_list(db, args):
    deliver = destination(args, args.print_command)
    return deliver(build(printing.describe_list(db, args.print_command, department=getattr(args, "department", None))))


def add_destination(parser) -> None:
    where = parser.add_argument_group("where to (one or both)")
    where.add_argument("--out", type=pdf_file, help="write the PDF to this file")
    where.add_argument("--printer", help="print on this installed printer (lpstat -p; the Windows printers list)")


@with_session
def cmd_verify(session, args):
    if args.text.lower().endswith(".pdf"):
        return verification.verify_pdf_file(session, Path(args.text))
    return documents.verify(session, args.text)


def register(commands) -> None:
    group = subcommands(commands, "print", "print a form to a PDF file")
    for kind in printing.ACT_DOCUMENTS:
        p = group.add_parser(kind)
        p.add_argument("--act", required=True, help="the act's 14-digit number")
        add_destination(p)
        add_key_option(p, optional_signing=True)
        p.set_defaults(run=cmd_print_act)
    p = group.add_parser("journal")
    p.add_argument("--department", required=True, help="department code, e.g. 75-03")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=iso_date)
    when.add_argument("--month", help="YYYY-MM")
    add_destination(p)
    p.set_defaults(run=cmd_print_journal)
    for kind in printing.LIST_KINDS:
        p = group.add_parser(kind)
        add_destination(p)
        if kind == "waiting-list":
            p.add_argument("--department", help="department code (default: this workstation's, as its tab shows)")
        p.set_defaults(run=cmd_print_list)

    group = subcommands(commands, "documents", "printed documents")
    p = group.add_parser("verify", help="check the text of a document's QR code, or the signature of FILE.pdf")
    p.add_argument("text", help="the QR code's text, or a signed PDF file")
    p.set_defaults(run=cmd_verify)
