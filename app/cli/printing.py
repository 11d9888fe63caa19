"""``saraptama print …`` (INTERFACES.md §4) and ``saraptama documents verify TEXT``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..services import documents, printing
from .common import iso_date, shown, subcommands, with_database, with_session


def pdf_file(text: str) -> Path:
    """An output file: a name ending in .pdf (nothing else is written by these commands)."""
    if not text.strip() or not text.lower().endswith(".pdf"):
        raise argparse.ArgumentTypeError(f"not a .pdf file name: {shown(text)}")
    return Path(text)


@with_database
def cmd_print_act(db, args):
    return printing.print_act_document(db, args.print_command, args.act, args.out, user=db.user)


@with_database
def cmd_print_journal(db, args):
    return printing.print_journal(db, args.department, args.out, day=args.date, month=args.month)


@with_database
def cmd_print_list(db, args):
    return printing.print_list(db, args.print_command, args.out)


@with_session
def cmd_verify(session, args):
    return documents.verify(session, args.text)


def register(commands) -> None:
    group = subcommands(commands, "print", "print a form to a PDF file")
    for kind in printing.ACT_DOCUMENTS:
        p = group.add_parser(kind)
        p.add_argument("--act", required=True, help="the act's 14-digit number")
        p.add_argument("--out", required=True, type=pdf_file)
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
        p.set_defaults(run=cmd_print_list)

    group = subcommands(commands, "documents", "printed documents")
    p = group.add_parser("verify", help="check the text of a document's QR code")
    p.add_argument("text")
    p.set_defaults(run=cmd_verify)
