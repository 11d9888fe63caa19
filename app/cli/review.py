"""``saraptama consolidate``, ``decisions …``, ``in-person …``, ``signatures …``, ``tick``,
``outbox list``, ``acts export`` and ``acts import-decisions``: the experts decide and the
department concludes (§20.3, §42-48, §51).  On an expert's own workstation (laptop):
``acts receive FILE`` and ``decisions export --out FILE``."""

from __future__ import annotations

from pathlib import Path

from ..domain import review as rules_of_review
from ..domain.clock import KZ_TIME, now_kz
from ..domain.states import OutboxStatus
from ..errors import UserError
from ..i18n import N_, gettext
from ..services import access
from ..services.review import decisions, exchange, laptop, outbox, queues, routing, tick
from ..services.signing import acts as signed_acts
from ..storage import default_data_dir
from .signing import add_key_option, signer_for
from .common import moment, read_json_file, subcommands, whole_number, with_database, with_session

EXPERT_ID = whole_number(1, 2**31 - 1)
TRIAL_NOTE = N_("A database without accounts: a one-person trial, in which anyone acts in any expert's name. "
                "Add an administrator (users add) to switch sign-in on.")


def cmd_consolidate(args):
    payload = read_json_file(args.file)
    if not isinstance(payload, dict) or "decisions" not in payload or "expert_roles" not in payload:
        raise UserError(N_("The file must hold {keys}."), keys='{"decisions": [d1, d2, d3], "expert_roles": [...]}')
    return rules_of_review.consolidate(payload["decisions"], payload["expert_roles"]).as_dict()


def _act_answer(act, **extra) -> dict:
    conclusion = act.conclusion
    return {"number": act.number, "status": act.status,
            "due": act.due_at.astimezone(KZ_TIME).isoformat(timespec="minutes") if act.due_at else None,
            "route": conclusion.route if conclusion else None, **extra}


@with_session
def cmd_submit(session, args):
    act = decisions.act_by_number(session, args.number)
    decision = decisions.submit(session, act, args.expert, read_json_file(args.file), args.at or now_kz(),
                                confirm_warnings=args.confirm_warnings, correction=args.correction,
                                signer=signer_for(session, args))
    session.flush()
    return trial_note(session, _act_answer(act, decision=decisions.decision_record(decision)))


@with_session
def cmd_show(session, args):
    act = decisions.act_by_number(session, args.number)
    viewer = decisions.viewer_for(session, act, args.expert)
    return trial_note(session, {"number": act.number, "places": decisions.visible_decisions(act, viewer)})


def trial_note(session, answer: dict) -> dict:
    """On a database without accounts the answer says that anyone acts in any expert's name."""
    if access.trial(session):
        answer["note"] = gettext(TRIAL_NOTE)
    return answer


@with_session
def cmd_verify(session, args):
    return signed_acts.verify_act(session, decisions.act_by_number(session, args.number))


@with_session
def cmd_compare(session, args):
    act = decisions.act_by_number(session, args.number)
    return queues.comparison(act, decisions.viewer_for(session, act, args.expert))


def _step_on_act(step):
    """A command that takes one step on the act named by ``args.number`` and prints the act."""
    @with_session
    def run(session, args):
        act = decisions.act_by_number(session, args.number)
        answer = step(session, act, args, args.at or now_kz())
        return answer if isinstance(answer, dict) else _act_answer(act)
    return run


cmd_head = _step_on_act(lambda session, act, args, at: routing.head_decide(
    session, act, args.expert, read_json_file(args.file), at, confirm_warnings=args.confirm_warnings,
    signer=signer_for(session, args)))
cmd_arrived = _step_on_act(lambda session, act, args, at: routing.record_arrival(session, act, at))
cmd_refused = _step_on_act(lambda session, act, args, at: routing.close_in_person(session, act, "refused", at))
cmd_conclude = _step_on_act(lambda session, act, args, at: routing.conclude_in_person(
    session, act, args.head, read_json_file(args.file), at, confirm_warnings=args.confirm_warnings))
cmd_sign = _step_on_act(lambda session, act, args, at: routing.sign(session, act, args.head, at,
                                                                   signer=signer_for(session, args)))


@with_session
def cmd_queue(session, args):
    return queues.signature_queue(session, args.department)


def _gateways(args) -> dict:
    return outbox.file_gateways(args.data_dir or default_data_dir())


@with_database
def cmd_tick(db, args):
    return tick.tick(db, args.at or now_kz(), _gateways(args))


@with_session
def cmd_outbox(session, args):
    return outbox.listing(session, status=args.status, limit=args.limit)


@with_session
def cmd_export(session, args):
    document = exchange.export_for_expert(session, args.expert)
    laptop.write_json(args.out, document)
    return {"file": str(args.out), "acts": len(document["acts"])}


@with_session
def cmd_receive(session, args):
    return laptop.receive_acts(session, read_json_file(args.file), args.at or now_kz())


@with_session
def cmd_export_decisions(session, args):
    return laptop.write_decisions(session, args.out, args.at or now_kz(), everything=args.all)


@with_session
def cmd_import(session, args):
    return exchange.import_decisions(session, read_json_file(args.file))


def _with_decision(parser, who: str = "--expert") -> None:
    parser.add_argument("number", help="draft act number")
    parser.add_argument(who, type=EXPERT_ID, help="id of the expert (staff member); with accounts the signed-in "
                        "person's own (the default), on a database without accounts required")
    parser.add_argument("file", type=Path, help="the decision (docs/interfaces.md §3)")
    parser.add_argument("--confirm-warnings", action="store_true", help="the rules' warnings are confirmed")
    parser.add_argument("--at", type=moment, help="YYYY-MM-DDTHH:MM (default: now)")


def _on_act(group, name: str, help_text: str, run, head: bool = False):
    parser = group.add_parser(name, help=help_text)
    parser.add_argument("number", help="draft act number")
    if head:
        parser.add_argument("--head", type=EXPERT_ID, help="id of the head of the department; with accounts the "
                            "signed-in head's own (the default)")
    parser.add_argument("--at", type=moment, help="YYYY-MM-DDTHH:MM (default: now)")
    parser.set_defaults(run=run)
    return parser


def register(commands) -> None:
    p = commands.add_parser("consolidate", help="route three decisions by §44-48 (changes nothing)")
    p.add_argument("file", type=Path, help='{"decisions": [d1, d2, d3], "expert_roles": ["head", ...]}')
    p.set_defaults(run=cmd_consolidate)

    group = subcommands(commands, "decisions", "experts' decisions (§42-47)")
    p = group.add_parser("submit", help="an expert's signed decision; the third routes the act")
    _with_decision(p)
    add_key_option(p)
    p.add_argument("--correction", action="store_true", help="supersede the expert's submitted decision")
    p.set_defaults(run=cmd_submit)
    p = group.add_parser("show", help="the decisions on an act, as the viewer may see them (blind, §25.5)")
    p.add_argument("number")
    p.add_argument("--expert", type=EXPERT_ID, help="as this expert of the panel sees them")
    p.set_defaults(run=cmd_show)
    p = group.add_parser("verify", help="check the signatures of the decisions and the conclusion on an act")
    p.add_argument("number")
    p.set_defaults(run=cmd_verify)
    p = group.add_parser("head", help="the head-expert's conclusion on three different decisions (§47)")
    _with_decision(p)
    add_key_option(p)
    p.set_defaults(run=cmd_head)
    p = group.add_parser("export", help="on an expert's workstation: the decisions made here, for the department")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--all", action="store_true", help="every decision made here, sent before or not")
    p.add_argument("--at", type=moment, help="YYYY-MM-DDTHH:MM (default: now)")
    p.set_defaults(run=cmd_export_decisions)
    p = group.add_parser("compare", help="the three decisions side by side with their differences (§47)")
    p.add_argument("number")
    p.add_argument("--expert", type=EXPERT_ID, help="the head-expert (with accounts: the signed-in one)")
    p.set_defaults(run=cmd_compare)

    group = subcommands(commands, "in-person", "the in-person examination after routing (§45)")
    _on_act(group, "arrived", "the person came", cmd_arrived)
    _on_act(group, "refused", "the person refused: the routing closes as poorly completed", cmd_refused)
    p = group.add_parser("conclude", help="the department's conclusion on the day of the visit")
    _with_decision(p, "--head")
    p.set_defaults(run=cmd_conclude)

    group = subcommands(commands, "signatures", "the head's signature of conclusions (§48)")
    p = group.add_parser("queue", help="what waits for signature, and since when")
    p.add_argument("--department", help="department code RR-NN (default: every department)")
    p.set_defaults(run=cmd_queue)
    p = _on_act(group, "sign", "sign a conclusion: notice, SMS and result documents follow", cmd_sign, head=True)
    add_key_option(p)

    p = commands.add_parser("tick", help="take every automatic step that is due (§45) and deliver the outbox")
    p.add_argument("--at", type=moment, help="YYYY-MM-DDTHH:MM (default: now)")
    p.set_defaults(run=cmd_tick)

    group = subcommands(commands, "outbox", "SMS and notices")
    p = group.add_parser("list", help="messages, newest first")
    p.add_argument("--status", choices=tuple(OutboxStatus))
    p.add_argument("--limit", type=whole_number(0, 1_000_000), default=100)
    p.set_defaults(run=cmd_outbox)

    group = subcommands(commands, "acts", "draft acts")
    p = group.add_parser("export", help="an expert's depersonalised acts for an offline laptop (§25.2, §25.5)")
    p.add_argument("--expert", type=EXPERT_ID, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(run=cmd_export)
    p = group.add_parser("import-decisions", help="decisions made offline; a decision already here is skipped")
    p.add_argument("file", type=Path)
    p.set_defaults(run=cmd_import)
    p = group.add_parser("receive", help="on an expert's workstation: the acts of an 'acts export' file")
    p.add_argument("file", type=Path)
    p.add_argument("--at", type=moment, help="YYYY-MM-DDTHH:MM (default: now)")
    p.set_defaults(run=cmd_receive)
