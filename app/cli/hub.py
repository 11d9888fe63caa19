"""``saraptama hub serve``, ``hub add-user`` and ``sync`` (docs/interfaces.md §4): the
region's hub, its users' tokens, and one full sync of this device with a hub."""

from __future__ import annotations

import json
import sys

from ..storage import Database
from .common import signed_in, subcommands, whole_number, with_database

PORT = whole_number(0, 65535)
EXPERT_ID = whole_number(1, 2**31 - 1)
SETTLE_SECONDS = whole_number(0, 60)
ROLES = ("expert", "department", "committee", "admin")


def open_hub_database(args) -> Database:
    """The hub's database: ``hub … --db-url``, else the one named before the command."""
    return Database.open(data_dir=args.data_dir, db_url=args.hub_db_url or args.db_url, user="hub")


def open_hub_signed_in(args) -> Database:
    """The hub's database with ``--user`` signed in: tokens are an administrator's acts."""
    return signed_in(open_hub_database(args), args)


def _announce(address: dict) -> None:
    sys.stdout.write(json.dumps(address) + "\n")
    sys.stdout.flush()


def _serve(db, args) -> None:
    from ..hub import server  # FastAPI and uvicorn load only for the hub

    server.serve(db, args.host, args.port, certfile=args.certfile, keyfile=args.keyfile, settle=args.settle,
                 announce=_announce)


def _add_user(db, args) -> dict:
    from ..hub import users

    with db.session() as session:
        return users.add_user(session, args.role, expert_id=args.expert_id, department=args.department)


def _users(db, _args) -> list:
    from ..hub import users

    with db.session() as session:
        return users.list_users(session)


def _revoke_user(db, args) -> dict:
    from ..hub import users

    with db.session() as session:
        return users.revoke_user(session, args.name)


def _sync(db, args) -> dict:
    from ..sync import client

    return client.sync(db, args.hub, args.token)


def register(commands) -> None:
    group = subcommands(commands, "hub", "the region's hub that workstations and expert laptops sync with")
    p = group.add_parser("serve", help="run the hub until stopped; prints its address as JSON on start")
    p.add_argument("--db-url", dest="hub_db_url", help="the hub's database (PostgreSQL in production)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=PORT, default=8765, help="port (default 8765; 0 = any free port)")
    p.add_argument("--certfile", help="TLS certificate (PEM): serve https")
    p.add_argument("--keyfile", help="TLS private key (PEM) of the certificate")
    p.add_argument("--settle", type=SETTLE_SECONDS, default=2,
                   help="seconds a change waits before devices pull it (default 2)")
    p.set_defaults(run=with_database(_serve, open_hub_database), runs_until_stopped=True)

    p = group.add_parser("add-user", help="a user of the hub with a new token (shown once)")
    p.add_argument("--db-url", dest="hub_db_url", help="the hub's database")
    p.add_argument("--role", choices=ROLES, required=True)
    p.add_argument("--expert-id", type=EXPERT_ID, help="for an expert: the expert's id (staff member)")
    p.add_argument("--department", help="for a department: its code RR-NN")
    p.set_defaults(run=with_database(_add_user, open_hub_signed_in))

    p = group.add_parser("users", help="the hub's users (tokens are never shown again)")
    p.add_argument("--db-url", dest="hub_db_url", help="the hub's database")
    p.set_defaults(run=with_database(_users, open_hub_signed_in))

    p = group.add_parser("revoke-user", help="refuse a user's token from now on")
    p.add_argument("name", help="the user's name, as add-user printed it")
    p.add_argument("--db-url", dest="hub_db_url", help="the hub's database")
    p.set_defaults(run=with_database(_revoke_user, open_hub_signed_in))

    p = commands.add_parser("sync", help="one full sync of this device with a hub")
    p.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.kz:8765")
    p.add_argument("--token", required=True, help="this device's token from 'saraptama hub add-user'")
    p.set_defaults(run=with_database(_sync))
