"""``saraptama demo``, ``acts …`` and ``experts …``."""

from __future__ import annotations

from ..domain.states import RegistryStatus
from ..services import act_list
from .common import subcommands, whole_number, with_connection, with_database, with_session


@with_database
def cmd_demo(db, args):
    from ..services import demo   # the demo's reportlab and the rest only for this command

    db.ensure_sound()
    return demo.generate(db, acts=args.acts, experts=args.experts, seed=args.seed)


@with_connection
def cmd_acts_list(db, args):
    return act_list.list_acts(db, status=args.status, limit=args.limit)


@with_session
def cmd_acts_show(session, args):
    from ..services import acts

    return acts.show_act(session, args.number, as_expert=args.as_ == "expert")


@with_session
def cmd_experts_list(session, args):
    from ..services import acts

    return acts.list_experts(session, status=args.status)


def register(commands) -> None:
    p = commands.add_parser("demo", help="fill the database with demonstration data")
    p.add_argument("--acts", type=whole_number(0, 1_000_000), default=2000)
    p.add_argument("--experts", type=whole_number(3, 20_000), default=150)
    p.add_argument("--seed", type=whole_number(0, 2**63), default=1)
    p.set_defaults(run=cmd_demo)

    group = subcommands(commands, "acts", "draft acts")
    p = group.add_parser("list")
    p.add_argument("--status", choices=act_list.STATUS_NAMES)
    p.add_argument("--limit", type=whole_number(0, 1_000_000), default=100)
    p.set_defaults(run=cmd_acts_list)
    p = group.add_parser("show")
    p.add_argument("number")
    p.add_argument("--as", dest="as_", choices=("expert",))
    p.set_defaults(run=cmd_acts_show)

    group = subcommands(commands, "experts", "experts")
    p = group.add_parser("list")
    p.add_argument("--status", choices=[s.value for s in RegistryStatus])
    p.set_defaults(run=cmd_experts_list)
