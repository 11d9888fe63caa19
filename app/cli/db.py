"""``saraptama db …``: check, back up and restore the database (docs/admin-guide.md, "Backups and recovery")."""

from __future__ import annotations

from pathlib import Path

from ..services import backups
from ..storage import Database
from .common import signed_in, subcommands, whole_number, with_database


def _connect(args) -> Database:
    """The database as it is: not migrated, so a damaged one can still be checked or replaced."""
    return signed_in(Database.connect(data_dir=args.data_dir, db_url=args.db_url, user="cli"), args)


def _on_database(function):
    return with_database(function, _connect)


@_on_database
def cmd_check(db, _args):
    return backups.check(db)


@_on_database
def cmd_backup(db, args):
    return backups.backup(db, args.out)


@_on_database
def cmd_restore(db, args):
    return backups.restore(db, args.file)


@_on_database
def cmd_keep(db, args):
    return backups.set_kept_backups(db, args.count)


def register(commands) -> None:
    group = subcommands(commands, "db", "check, back up and restore the database")
    p = group.add_parser("check", help='{"ok": bool, "problems": [...]}')
    p.set_defaults(run=cmd_check)
    p = group.add_parser("backup", help="copy the whole database into a new file")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(run=cmd_backup)
    p = group.add_parser("restore", help="put a backup in place of the database (close every window first)")
    p.add_argument("file", type=Path)
    p.set_defaults(run=cmd_restore)
    p = group.add_parser("keep-backups", help="how many daily backups a workstation keeps")
    p.add_argument("count", type=whole_number(1, 365))
    p.set_defaults(run=cmd_keep)
