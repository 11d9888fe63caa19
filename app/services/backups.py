"""Checking, backing up and restoring the database (``saraptama db …``, the window's daily backup).

SQLite: ``PRAGMA integrity_check`` and ``foreign_key_check``; copies through SQLite's online
backup API (consistent while other programs write), written to a temporary name and renamed, so
a backup is whole or absent.  PostgreSQL: the server keeps its own files sound; ``db check``
checks the schema version and, where the ``amcheck`` extension is installed, every B-tree
index; backups are ``pg_dump``'s business (run for the user when it is installed).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from ..domain.clock import now_kz, today_kz
from ..domain.settings import BACKUPS_KEPT
from ..errors import UserError
from ..output_files import checked_target, output_file, write_error
from ..storage import BACKUP_SUFFIX, Database, DatabaseDamaged, StorageError, prune_backups, record_audit, schema_head
from . import access, workstation

log = logging.getLogger(__name__)

DEFAULT_KEEP = BACKUPS_KEPT.default
DAILY = "daily"


# -- check --------------------------------------------------------------------------------------
def check(db: Database) -> dict:
    """``{"ok": bool, "problems": [...], "checks": [...]}``; a database too damaged to read is
    itself the problem, never an exception."""
    problems: list[str] = []
    checks: list[str] = []
    try:
        with db.engine.connect() as connection:
            if db.is_sqlite:
                checks += ["integrity_check", "foreign_key_check"]
                problems += _sqlite_problems(connection)
            else:
                checks += _postgres_checks(connection, problems)
            checks.append("schema_version")
            problems += _schema_problems(connection)
    except DBAPIError as error:
        problems.append(_first_line(getattr(error, "orig", None) or error))
    return {"ok": not problems, "problems": problems, "checks": checks}


def _sqlite_problems(connection) -> list[str]:
    found = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    problems = [] if found == ["ok"] else found
    problems += [f"foreign key: {table} row {rowid} points to a missing {parent}"
                 for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check")]
    return problems


def _postgres_checks(connection, problems: list[str]) -> list[str]:
    has_amcheck = connection.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'")).first()
    if not has_amcheck:
        return []  # the server checks its pages itself; amcheck needs an administrator to install it
    indexes = connection.execute(text(
        "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE a.amname = 'btree' AND n.nspname = current_schema()")).all()
    for oid, name in indexes:
        try:
            with connection.begin_nested():
                connection.execute(text("SELECT bt_index_check(:oid)"), {"oid": oid})
        except DBAPIError as error:
            problems.append(f"index {name}: {_first_line(getattr(error, 'orig', None) or error)}")
    return ["amcheck"]


def _schema_problems(connection) -> list[str]:
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    head = schema_head()
    return [] if current == head else [f"schema version {current}, this program expects {head}"]


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


# -- backup -------------------------------------------------------------------------------------
def backup(db: Database, out: Path) -> dict:
    """A copy of the whole database in ``out`` (which must not exist yet)."""
    access.require_on(db, "db.backup")
    out = Path(out)
    checked_target(out)
    if out.exists():
        raise UserError("{file} already exists; choose a new name for the backup.", file=str(out))
    if not db.is_sqlite:
        return _pg_dump(db, out)
    if db.file is None:
        raise UserError("A database in memory cannot be backed up.")
    _sqlite_copy(db, out)
    announce_backup(db, out)
    return {"file": str(out), "bytes": out.stat().st_size, "encrypted": db.encrypted}


def announce_backup(db: Database, out: Path) -> None:
    """A backup holds everyone's data: it is an audit entry the heads see among the notices of
    the administrator's work (separation of duties, docs/admin-guide.md)."""
    try:
        with db.session() as session:
            record_audit(session, "backup", "database", "", file=out.name, encrypted=db.encrypted)
    except StorageError:  # a database too damaged to write to is still copied out first
        log.warning("the backup could not be written to the audit trail")


def _sqlite_copy(db: Database, out: Path) -> None:
    """SQLite's online backup into a temporary file renamed over ``out`` (``output_file``); a
    full disk leaves nothing behind, not even the copy's journal."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_error(out, error) from None
    with output_file(out) as partial:
        raw = db.engine.raw_connection()
        try:
            driver = raw.driver_connection
            if driver is None:  # a pooled connection invalidated under us
                raise sqlite3.OperationalError("the connection to the database was closed")
            with contextlib.closing(_target(db, driver, partial)) as target:
                driver.backup(target)
        except sqlite3.Error as error:  # the copy's own "database or disk is full"
            raise OSError(errno.ENOSPC if "full" in str(error).lower() else errno.EIO, str(error)) from None
        finally:
            raw.close()


def _target(db: Database, source, path: Path):
    """The backup's file, encrypted with the same key when the database is (SQLCipher)."""
    if not db.encrypted:
        return sqlite3.connect(path)
    target = sys.modules[type(source).__module__].connect(str(path))
    target.execute(f"PRAGMA key = '{_quoted(make_url(db.url).password or '')}'")  # PRAGMA takes no parameter
    return target


def _quoted(key: str) -> str:
    return key.replace("'", "''")


def _pg_dump(db: Database, out: Path) -> dict:
    url = make_url(db.url).set(drivername="postgresql")
    command = ["pg_dump", "--format=custom", f"--file={out}", url.set(password=None).render_as_string()]
    if shutil.which("pg_dump") is None:
        raise UserError("pg_dump was not found on this computer. Back the server up with: {command}",
                        command=" ".join(command))
    env = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    with output_file(out) as partial:
        command[2] = f"--file={partial}"
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise UserError("pg_dump failed: {problem}", problem=(done.stderr.strip().splitlines() or ["?"])[-1])
    return {"file": str(out), "bytes": out.stat().st_size}


def daily_backup(db: Database, today: date | None = None) -> Path | None:
    """The workstation's own backup, once a day, keeping the configured number of them."""
    folder = db.backup_dir
    if folder is None:  # no database file (an in-memory or a server database)
        return None
    today = today or today_kz()
    if folder.is_dir() and any(folder.glob(f"*{today:%Y%m%d}-*-{DAILY}{BACKUP_SUFFIX}")):
        return None
    made = db.copy_into_backups(DAILY, datetime.combine(today, now_kz().time()))
    prune_backups(folder, f"*-{DAILY}{BACKUP_SUFFIX}", kept_backups(db))
    return made


def kept_backups(db: Database) -> int:
    with db.session() as session:
        return workstation.get_setting(session, BACKUPS_KEPT) or DEFAULT_KEEP


def set_kept_backups(db: Database, count: int) -> dict:
    access.require_on(db, "settings.edit")
    if not 1 <= count <= 365:
        raise UserError("Keep from 1 to 365 daily backups.")
    with db.session() as session:
        workstation.set_setting(session, BACKUPS_KEPT, count)
    return {"kept": count}


# -- restore ------------------------------------------------------------------------------------
def _may_restore(db: Database) -> None:
    """Only an administrator restores a database with accounts; one too damaged to read its
    accounts is restored by whoever holds its file (the window offers it before anyone signs in)."""
    try:
        access.require_on(db, "db.restore")
    except DatabaseDamaged:
        pass


def restore(db: Database, source: Path) -> dict:
    """Puts the SQLite backup ``source`` in place of the database; the file it replaces is kept
    beside the backups (``*.replaced``), never deleted.  Close every window on it first."""
    _may_restore(db)
    if not db.is_sqlite or db.file is None:
        raise UserError("Restore a PostgreSQL database with the server's tools: pg_restore --clean "
                        "--dbname=DATABASE FILE")
    source = Path(source)
    _check_backup(source)
    with db.setup_lock():
        db.close()
        kept = _keep_aside(db)
        db.replace_file(source)
    return {"restored": str(source), "file": str(db.file), "previous": str(kept) if kept else None}


def _check_backup(source: Path) -> None:
    if not source.is_file():
        raise UserError("There is no backup file {file}.", file=str(source))
    probe = Database(f"sqlite:///{source}")
    try:
        found = check(probe)
    finally:
        probe.close()
    schema_only = all(p.startswith("schema version") for p in found["problems"])
    if not found["ok"] and not (schema_only and "integrity_check" in found["checks"]):
        raise UserError("{file} is not a sound Saraptama database ({problem}); nothing was changed.",
                        file=str(source), problem=found["problems"][0])


def _keep_aside(db: Database) -> Path | None:
    file, folder = db.file, db.backup_dir
    if file is None or folder is None or not file.exists():
        return None
    stamp = f"{now_kz():%Y%m%d-%H%M%S-%f}"
    kept = folder / f"{file.stem}-{stamp}.replaced"
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, kept)
    return kept


# -- at the start of a workstation --------------------------------------------------------------
def startup_check(db: Database, today: date | None = None) -> dict:
    """The window's check at start, in the background: SQLite's ``quick_check`` (pages and
    records, without the cross-checks of indexes), then the daily backup — never a backup of a
    damaged file.  ``{"ok", "problems", "latest_backup", "daily_backup"}``."""
    problems = db.quick_check()
    made = daily_backup(db, today) if not problems else None
    latest = db.latest_backup()
    return {"ok": not problems, "problems": problems, "latest_backup": str(latest) if latest else None,
            "daily_backup": str(made) if made else None}
