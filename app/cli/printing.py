"""``saraptama print …`` (docs/interfaces.md §4), ``saraptama documents verify TEXT`` (a QR code's
text) and ``saraptama documents verify FILE.pdf`` (the electronic signature of a result document)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..services import documents, printing
from ..services.signing import verification
from .common import iso_date, shown, subcommands, with_database, with_session
from .signing import add_key_option, document_signer



def pdf_file(text: str) -> Path:
    """An output file: a name ending in .pdf (nothing else is written by these commands)."""
    if not text.strip() or not text.lower().endswith(".pdf"):
        raise argparse.ArgumentTypeError(f"not a .pdf file name: {shown(text)}")
    return Path(text)


@with_database
def cmd_print_act(db, args):
    with db.session() as session:
        signer = document_signer(session, args)
    return printing.print_act_document(db, args.print_command, args.act, args.out, user=db.user, signer=signer)


@with_database
def cmd_print_journal(db, args):
    return printing.print_journal(db, args.department, args.out, day=args.date, month=args.month)


@with_database
def cmd_print_list(db, args):
    return printing.print_list(db, args.print_command, args.out, department=getattr(args, "department", None))


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
        p.add_argument("--out", required=True, type=pdf_file)
        add_key_option(p, optional_signing=True)
        p.set_defaults(run=cmd_print_act)
    p = group.add_parser("journal")
    p.add_argument("--department", required=True, help="department code, e.g. 75-03")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=iso_date)
    when.add_argument("--month", help="YYYY-MM")
    p.add_argument("--out", required=True, type=pdf_file)
    p.set_defaults(run=cmd_print_journal)
    for kind in printing.LIST_KINDS:
        p = group.add_parser(kind)
        p.add_argument("--out", required=True, type=pdf_file)
        if kind == "waiting-list":
            p.add_argument("--department", help="department code (default: this workstation's, as its tab shows)")
        p.set_defaults(run=cmd_print_list)

    group = subcommands(commands, "documents", "printed documents")
    p = group.add_parser("verify", help="check the text of a document's QR code, or the signature of FILE.pdf")
    p.add_argument("text", help="the QR code's text, or a signed PDF file")
    p.set_defaults(run=cmd_verify)
