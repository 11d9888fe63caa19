"""``saraptama assign``, ``experts absence …``, ``experts why``, ``acts history`` and ``acts
panel``: expert selection (§25.4), absences and reassignment (Registry Rules p. 14)."""

from __future__ import annotations

from ..domain.clock import now_kz
from ..services import assignment
from .common import iso_date, moment, subcommands, with_session


@with_session
def cmd_assign(session, args):
    return assignment.assign(session, args.at or now_kz(), seed=args.seed)


@with_session
def cmd_absence_add(session, args):
    return assignment.add_absence(session, args.expert_id, args.kind, args.start, args.end, args.at or now_kz(),
                                  seed=args.seed)


@with_session
def cmd_absence_edit(session, args):
    return assignment.edit_absence(session, args.absence_id, args.at or now_kz(), kind=args.kind, start=args.start,
                                   end=args.end, seed=args.seed)


@with_session
def cmd_absence_delete(session, args):
    return assignment.delete_absence(session, args.absence_id)


@with_session
def cmd_absence_list(session, args):
    return assignment.list_absences(session, args.expert_id)


@with_session
def cmd_why(session, args):
    return assignment.why(session, args.number, args.expert_id, args.at or now_kz())


@with_session
def cmd_history(session, args):
    return assignment.events(session, assignment.act_by_number(session, args.number))


@with_session
def cmd_panel(session, args):
    return assignment.panel_of(assignment.act_by_number(session, args.number))


def _moment_and_seed(parser) -> None:
    parser.add_argument("--at", type=moment, help="the moment of the step, YYYY-MM-DDTHH:MM (default: now)")
    parser.add_argument("--seed", type=int, help="seed of the draws between equally loaded experts")


def _absence_fields(parser, required: bool) -> None:
    parser.add_argument("--kind", choices=tuple(assignment.KINDS), required=required)
    parser.add_argument("--from", dest="start", type=iso_date, required=required, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=iso_date, required=required, help="last day, YYYY-MM-DD")


def _command(group, name: str, help_text: str, run, *positionals: str):
    parser = group.add_parser(name, help=help_text)
    for positional in positionals:
        parser.add_argument(positional)
    parser.set_defaults(run=run)
    return parser


def register(commands) -> None:
    _moment_and_seed(_command(commands, "assign", "choose three extraterritorial experts for every waiting act "
                                                  "(§25.4)", cmd_assign))

    experts = subcommands(commands, "experts", "experts")
    absence = subcommands(experts, "absence", "leave, sick leave and field sessions of an expert")
    p = _command(absence, "add", "enter an absence; undecided acts it overlaps move to other experts",
                 cmd_absence_add, "expert_id")
    _absence_fields(p, required=True)
    _moment_and_seed(p)
    p = _command(absence, "edit", "change an absence", cmd_absence_edit, "absence_id")
    _absence_fields(p, required=False)
    _moment_and_seed(p)
    _command(absence, "delete", "remove an absence", cmd_absence_delete, "absence_id")
    _command(absence, "list", "an expert's absences", cmd_absence_list, "expert_id")
    p = _command(experts, "why", "why an expert was or was not chosen for a draft act", cmd_why, "number", "expert_id")
    p.add_argument("--at", type=moment, help="for a waiting act: as if chosen at YYYY-MM-DDTHH:MM (default: now)")

    acts = subcommands(commands, "acts", "draft acts")
    _command(acts, "history", "a draft act's history", cmd_history, "number")
    _command(acts, "panel", "a draft act's experts, their due dates, or why a place is empty", cmd_panel, "number")
