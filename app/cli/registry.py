"""``saraptama registry …``: admission to the registry of independent experts, exclusion and the
automatic refusals (Registry Rules ch. 2-4; docs/interfaces.md §4)."""

from __future__ import annotations

from pathlib import Path

from ..domain import registry as rules
from ..domain.clock import now_kz
from ..services import registry
from .common import moment, read_json_file, subcommands, whole_number, with_session

application_id = whole_number(1, 10**15)


@with_session
def cmd_apply(session, args):
    return registry.apply(session, read_json_file(args.file), args.at or now_kz())


@with_session
def cmd_check(session, args):
    return registry.check(session, args.id, args.at or now_kz(), complete=args.complete, reasons=args.refuse or [])


@with_session
def cmd_test(session, args):
    return registry.record_test(session, args.id, args.at or now_kz(), score=args.score,
                                proctoring_passed=args.proctoring == "pass", technical_failure=args.technical_failure)


@with_session
def cmd_contract(session, args):
    return registry.contract(session, args.id, args.at or now_kz())


@with_session
def cmd_sign(session, args):
    return registry.sign(session, args.id, args.at or now_kz())


@with_session
def cmd_include(session, args):
    return registry.include(session, args.id, args.at or now_kz())


@with_session
def cmd_exclude(session, args):
    return registry.exclude(session, args.expert_id, args.reason, args.at or now_kz())


@with_session
def cmd_tick(session, args):
    return registry.tick(session, args.at or now_kz())


def _step(group, name: str, help_text: str, run, positional: str | None = "id"):
    parser = group.add_parser(name, help=help_text)
    if positional == "id":
        parser.add_argument("id", type=application_id, help="the application's id")
    elif positional:
        parser.add_argument(positional, type=Path, help="the application, a JSON file (App 2)")
    parser.add_argument("--at", type=moment, help="the moment of the step, YYYY-MM-DDTHH:MM (default: now)")
    parser.set_defaults(run=run)
    return parser


def register(commands) -> None:
    group = subcommands(commands, "registry", "admission to the registry of independent experts and exclusion")
    _step(group, "apply", "a new application (App 2); due: the document check, 5 working days", cmd_apply, "file")
    p = _step(group, "check", "documents checked: SMS of App 3 (test within 10 days) or refusal (App 4)", cmd_check)
    outcome = p.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--complete", action="store_true", help="the package is complete")
    outcome.add_argument("--refuse", nargs="+", choices=tuple(rules.CHECK_REFUSALS), metavar="REASON",
                         help="reasons of App 4: " + ", ".join(rules.CHECK_REFUSALS))
    p = _step(group, "test", "a test result out of 90 with proctoring (p. 8-9)", cmd_test)
    p.add_argument("--score", type=whole_number(0, rules.QUESTIONS), required=True, help="right answers of 90")
    p.add_argument("--proctoring", choices=("pass", "fail"), required=True)
    p.add_argument("--technical-failure", action="store_true", help="a technical failure confirmed by an act")
    _step(group, "contract", "decision to include, contract sent for signature (p. 10)", cmd_contract)
    _step(group, "sign", "contract signed (p. 10)", cmd_sign)
    _step(group, "include", "entered into the registry (p. 11)", cmd_include)
    p = _step(group, "exclude", "exclusion for a reason of p. 13; undecided acts move to others (p. 14)",
              cmd_exclude, None)
    p.add_argument("expert_id", type=application_id, help="the expert's id")
    p.add_argument("--reason", type=whole_number(1, 6), required=True, help="p. 13 (1)-(6)")
    _step(group, "tick", "refuses every application whose test or signing window has run out", cmd_tick, None)
