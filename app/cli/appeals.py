"""``saraptama appeals …``: appeals against proactive conclusions (§56, docs/interfaces.md §4: file,
register, forward, conclude), appeals against in-person conclusions and complaints about the
service (§54-55: file --kind, conclude, answer), control re-examinations (§73-73-3: reexamine,
letter-received, no-show, conclude), and the journal (list, show).  Each step prints the record
``{"id", "status", "due", "messages", ...}``."""

from __future__ import annotations

from pathlib import Path

from ..adapters.lookups import load_registers
from ..domain import appeals as rules
from ..domain.clock import now_kz
from ..services import appeals
from .common import iso_date, moment, read_json_file, subcommands, whole_number, with_session

CASE_ID = whole_number(1, 10**15)
STAFF_ID = whole_number(1, 2**31 - 1)
STATUSES = tuple(rules.STATES)


@with_session
def cmd_file(session, args):
    return appeals.file_appeal(session, args.act, args.at or now_kz(), kind=args.kind, received_on=args.received,
                               text=args.text or "", actor_role=args.acting_as)


@with_session
def cmd_register(session, args):
    return appeals.register(session, args.id, args.at or now_kz(), staff_id=args.staff, actor_role=args.acting_as)


@with_session
def cmd_forward(session, args):
    return appeals.forward(session, args.id, args.at or now_kz(), staff_id=args.staff, actor_role=args.acting_as)


@with_session
def cmd_conclude(session, args):
    return appeals.conclude(session, args.id, read_json_file(args.decision), args.at or now_kz(),
                            confirm_warnings=not args.strict, actor_role=args.acting_as)


@with_session
def cmd_answer(session, args):
    return appeals.answer(session, args.id, args.text, args.at or now_kz(), actor_role=args.acting_as)


@with_session
def cmd_reexamine(session, args):
    base = load_registers(args.lookups).mobile_citizens if args.lookups else None
    return appeals.open_control(session, args.act, args.ground, args.at or now_kz(), mobile_base=base,
                                actor_role=args.acting_as)


@with_session
def cmd_letter_received(session, args):
    return appeals.letter_received(session, args.id, args.at or now_kz(), actor_role=args.acting_as)


@with_session
def cmd_no_show(session, args):
    return appeals.no_show(session, args.id, args.at or now_kz(), actor_role=args.acting_as)


@with_session
def cmd_list(session, args):
    return appeals.list_appeals(session, status=args.status, kind=args.kind, overdue=args.overdue, limit=args.limit)


@with_session
def cmd_show(session, args):
    return appeals.show(session, args.id, role=args.acting_as)


def _step(group, name: str, help_text: str, run, on: str | None = "id"):
    parser = group.add_parser(name, help=help_text)
    if on == "id":
        parser.add_argument("id", type=CASE_ID, help="the appeal's id")
    elif on == "act":
        parser.add_argument("--act", required=True, help="the act's number (14 digits)")
    parser.add_argument("--at", type=moment, help="the moment of the step, YYYY-MM-DDTHH:MM (default: now)")
    parser.add_argument("--as", dest="acting_as", choices=tuple(str(role) for role in rules.ROLES),
                        help="the acting role, checked against the step (default: the role the step needs)")
    parser.set_defaults(run=run)
    return parser


def register(commands) -> None:
    group = subcommands(commands, "appeals", "appeals (§54-56) and control re-examinations (§73)")
    p = _step(group, "file", "a complaint (§56 by default; due: registration, 2 working days)", cmd_file, "act")
    p.add_argument("--kind", choices=tuple(k for k in rules.KINDS if k != rules.CONTROL), default=rules.PROACTIVE)
    p.add_argument("--received", type=iso_date, help="§54: the day the conclusion was received (default: signed)")
    p.add_argument("--text", help="what the complaint says")
    p = _step(group, "register", "registered by the deputy head (§56; due: forwarding, 2 working days)",
              cmd_register)
    p.add_argument("--staff", type=STAFF_ID, help="the deputy head's staff id (default: of the act's region)")
    p = _step(group, "forward", "sent to an extraterritorial control department chosen automatically (§56)",
              cmd_forward)
    p.add_argument("--staff", type=STAFF_ID, help="the Committee specialist's staff id")
    p = _step(group, "conclude", "the control department's conclusion (docs/interfaces.md §3)", cmd_conclude)
    p.add_argument("--decision", type=Path, required=True, help="the decision, a JSON file")
    p.add_argument("--strict", action="store_true",
                   help="refuse a decision the rules warn about (default: record it and print the warnings)")
    p = _step(group, "answer", "the answer to a complaint about the service (§55)", cmd_answer)
    p.add_argument("--text", required=True, help="the answer")
    p = _step(group, "reexamine", "opens a control re-examination and invites the person (§73, §73-1)",
              cmd_reexamine, "act")
    p.add_argument("--ground", choices=tuple(rules.GROUNDS), required=True)
    p.add_argument("--lookups", type=Path, help="folder of register stand-ins: the БМГ check of the phone")
    _step(group, "letter-received", "the postal invitation was received (§73-1)", cmd_letter_received)
    _step(group, "no-show", "no visit within 3 working days: App 26 protocol, payments suspended (§73-2)",
          cmd_no_show)
    p = group.add_parser("list", help="appeals and control re-examinations, as records")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--kind", choices=tuple(rules.KINDS))
    p.add_argument("--overdue", action="store_true", help="only those past their due date")
    p.add_argument("--limit", type=whole_number(0, 1_000_000), default=100)
    p.set_defaults(run=cmd_list)
    p = group.add_parser("show", help="an appeal with its history and act; --as control: depersonalised")
    p.add_argument("id", type=CASE_ID)
    p.add_argument("--as", dest="acting_as", choices=tuple(str(role) for role in rules.ROLES))
    p.set_defaults(run=cmd_show)
