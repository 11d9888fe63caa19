"""Where the data lives and how the database is opened, migrated and audited.

Embedded SQLite in the user's data folder by default (WAL, foreign keys, Unicode-aware
``lower()``); PostgreSQL for a department server.  Migrations run at every start, one process
at a time (a lock file beside an SQLite database, an advisory lock on PostgreSQL); the SQLite
file is copied into ``backups/`` before one runs; a database written by a newer version of the
program is refused rather than damaged.  Failures of the database itself (a damaged file, a
full disk, a lost server) reach the user as one message in their language (``database_error``).
"""

from __future__ import annotations

import errno
import itertools
import logging
import os
import re
import shutil
from collections.abc import Callable
import tempfile
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, cached_property
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import platformdirs
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, NoSuchModuleError

from . import output_files
from .domain.clock import now_kz
from .errors import UserError
from .i18n import N_

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

APP_NAME = "Saraptama"
DB_FILE = "saraptama.db"
BACKUP_DIR = "backups"
KEEP_MIGRATION_BACKUPS = 3
SETUP_LOCK_SECONDS = 300
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
_PG_SETUP_LOCK = 7_262_746  # pg_advisory_lock key: "one process sets the database up"


class StorageError(UserError):
    """A database that cannot be opened or changed; the message is meant for the user."""


class DatabaseDamaged(StorageError):
    """The file is not a sound database any more; the message names the latest backup."""


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def check_data_dir(data_dir: Path | None) -> None:
    """``--data-dir ""`` must not quietly mean the current folder; an existing data folder must
    take files (``/proc/self`` does not, and waiting for its lock would never end)."""
    if data_dir is None:
        return
    if not str(data_dir).strip():
        raise StorageError("The data folder name is empty.")
    folder = Path(data_dir)
    if folder.exists():
        try:
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
            tempfile.TemporaryFile(dir=folder).close()
        except OSError as error:
            raise StorageError(N_("The data folder {folder} cannot be used: {problem}"), folder=str(folder),
                               problem=error.strerror or type(error).__name__) from None


DB_KEY_VARIABLE = "SARAPTAMA_DB_KEY"


ENCRYPTED_MARK = ".encrypted"  # beside an encrypted database file: it was made with a key (no secret in it)


def looks_encrypted(data_dir: Path | None) -> bool:
    """Whether the embedded database was made encrypted (its mark is beside it) and no key
    has been given (``SARAPTAMA_DB_KEY``); a damaged plain file is no reason to ask for a key."""
    file = (Path(data_dir) if data_dir else default_data_dir()) / DB_FILE
    return not os.environ.get(DB_KEY_VARIABLE) and file.with_name(file.name + ENCRYPTED_MARK).exists()


def sqlite_url(data_dir: Path) -> str:
    """The embedded database; encrypted with SQLCipher when ``SARAPTAMA_DB_KEY`` holds its key
    (an expert's laptop; the ``laptop`` extra installs sqlcipher3)."""
    key = os.environ.get(DB_KEY_VARIABLE, "")
    if key:
        return f"sqlite+pysqlcipher://:{quote(key, safe='')}@/{data_dir / DB_FILE}"
    return f"sqlite:///{data_dir / DB_FILE}"


def _check_folder_of(url: str) -> None:
    """A database named by address (``--db-url``) lives in a folder that exists: a mistyped path
    must not create folders and an empty database."""
    file = make_url(url).database
    if file not in (None, "", ":memory:") and not Path(file).parent.is_dir():
        raise StorageError(N_("The folder of the database {name} does not exist; check the address."),
                           name=_safe_name(url))


def _safe_name(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _configure_sqlite(dbapi_connection, _record) -> None:
    if type(dbapi_connection).__module__.startswith("sqlcipher3"):  # a wrong key: our one line, not its log
        dbapi_connection.execute("PRAGMA cipher_log_level = NONE")
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    dbapi_connection.create_function("upper", 1, _unicode_upper, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def _unicode_upper(value):
    return value.upper() if isinstance(value, str) else value


MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(.+)$", re.MULTILINE)


def alembic_config():
    from alembic.config import Config   # Alembic only when the schema must change (a quick start)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


# The tables the unit of work running in this thread has written (``Database.session``): every
# INSERT, UPDATE and DELETE, of the ORM and of bulk statements alike, passes ``_note_written``.
_WRITTEN: ContextVar[set[str] | None] = ContextVar("saraptama_written_tables", default=None)


def _note_written(_connection, statement, *_args) -> None:
    written = _WRITTEN.get()
    if written is not None and getattr(statement, "is_dml", False):
        written.add(statement.table.name)


@cache
def schema_head() -> str:
    """The newest migration's revision id, read from the files of ``migrations/versions`` as text
    (no Alembic import: a database already at this revision opens without it)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            ids = set(re.findall(r"['\"]([^'\"]+)['\"]", value))
            (revisions if name == "revision" else parents).update(ids)
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


class Database:
    """An open database: engine, session factory and the audited user's name.  ``on_change``
    listeners hear which tables each committed unit of work wrote (the window reloads only the
    lists that show them, as Anki's ``OpChanges`` tell its screens)."""

    def __init__(self, url: str, user: str = "system"):
        self.url = url
        self.user = user
        self.actor = None  # who signed in (app.services.accounts.sign_in); None: nobody, or no accounts
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.encrypted = parsed.drivername == "sqlite+pysqlcipher"
        self.file = Path(parsed.database) if self.is_sqlite and parsed.database not in (None, "", ":memory:") else None
        if self.file:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            output_files.guard_database(self.file)
        # SQL parameters (names, IINs) never reach a log or a message; a lost server is noticed
        # before a query is sent on a dead connection, so the program reconnects by itself.
        self.engine: Engine = create_engine(url, hide_parameters=True, pool_pre_ping=not self.is_sqlite)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _configure_sqlite)
        event.listen(self.engine, "after_execute", _note_written)
        self._listeners: list[Callable[[frozenset[str]], None]] = []

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        """The factory of this database's units of work; the ORM, the models and the audit trail's
        listeners are loaded with it, at the first unit of work (a list read with plain SQL, as
        ``saraptama acts list`` does, starts without them)."""
        from sqlalchemy.orm import sessionmaker

        _audit_sessions()
        return sessionmaker(self.engine, expire_on_commit=False, info={"database": self})

    @classmethod
    def open(cls, *, data_dir: Path | None = None, db_url: str | None = None, user: str = "system") -> Database:
        """Opens and migrates the database named on the command line, or the default one."""
        database = cls.connect(data_dir=data_dir, db_url=db_url, user=user)
        try:
            if database.schema_version() != schema_head():  # at the head: nothing to set up, no lock to wait for
                with database.setup_lock():
                    database.migrate()  # seeds the reference data once (migration 0012_reference_data)
            if database.encrypted and database.file:
                database.file.with_name(database.file.name + ENCRYPTED_MARK).touch()
        except StorageError:
            database.close()
            raise
        except (DBAPIError, OSError) as error:  # locked, not a database, unreachable server
            database.close()
            raise database_error(error, database) or StorageError(
                "The database {name} cannot be opened: {problem}", name=database.display_name,
                problem=_first_line(getattr(error, "orig", None) or error)) from None
        return database

    @classmethod
    def connect(cls, *, data_dir: Path | None = None, db_url: str | None = None, user: str = "system") -> Database:
        """The database named on the command line, not migrated (for checking and restoring)."""
        check_data_dir(data_dir)
        if not db_url:
            output_files.guard_folder(Path(data_dir) if data_dir else default_data_dir())
        url = db_url or sqlite_url(Path(data_dir) if data_dir else default_data_dir())
        try:
            backend = make_url(url).get_backend_name()
        except ArgumentError:
            backend = ""
        if backend not in SUPPORTED_BACKENDS:
            raise StorageError("The database {name} cannot be used: Saraptama works with SQLite (sqlite:///FILE) "
                               "and PostgreSQL (postgresql+psycopg://USER@HOST/DATABASE).", name=_safe_name(url))
        if db_url and backend == "sqlite":
            _check_folder_of(url)
        try:
            return cls(url, user=user)
        except (ArgumentError, NoSuchModuleError, ImportError, OSError) as error:  # no driver, no folder
            raise StorageError("The database {name} cannot be used: {problem}", name=_safe_name(url),
                               problem=_first_line(error)) from None

    @contextmanager
    def setup_lock(self):
        """One process at a time creates, migrates and seeds a database: four windows started
        at once on an empty folder must not race each other."""
        if self.file:
            from filelock import FileLock, Timeout   # (it loads asyncio) only for a database to set up

            try:
                with FileLock(str(self.file) + ".lock", timeout=SETUP_LOCK_SECONDS):
                    yield
            except Timeout:
                raise StorageError("The database {name} is being set up by another Saraptama; try again later.",
                                   name=self.display_name) from None
        elif self.engine.dialect.name == "postgresql":
            with self.engine.connect() as connection:
                connection.exec_driver_sql(f"SELECT pg_advisory_lock({_PG_SETUP_LOCK})")
                try:
                    yield
                finally:
                    connection.exec_driver_sql(f"SELECT pg_advisory_unlock({_PG_SETUP_LOCK})")
        else:
            yield

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> None:
        if self.schema_version() == schema_head():
            return
        self._migrate()

    def schema_version(self) -> str | None:
        """The revision the database is at (its ``alembic_version`` row, read directly); None for a
        database without one, or with several."""
        try:
            with self.engine.connect() as connection:
                rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
        except DBAPIError:   # a new database: no table yet
            return None
        return rows[0] if len(rows) == 1 else None

    def _migrate(self) -> None:
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = alembic_config()
        script = ScriptDirectory.from_config(config)
        head = script.get_current_head()
        with self.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            has_tables = bool(inspect(connection).get_table_names())
        if current == head:
            return
        if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
            raise StorageError("The database {name} was written by a newer version of Saraptama (schema "
                               "{schema}). Install the newer version; this one will not change it.",
                               name=self.display_name, schema=current)
        backup = None
        if self.file and has_tables:
            backup = self.copy_into_backups(f"before-{head}")
            prune_backups(backup.parent, f"*-before-*{BACKUP_SUFFIX}", KEEP_MIGRATION_BACKUPS)
            log.info("database copied to %s before migrating", backup)
        try:
            self._upgrade(config)
        except Exception as error:  # SQLite runs DDL outside transactions: put the copy back whole
            log.exception("migration of %s from %s failed", self.display_name, current)
            if backup is None:
                raise
            self.replace_file(backup)
            raise StorageError("The database {name} could not be brought up to date ({problem}); it was left as it "
                               "was.", name=self.display_name,
                               problem=_first_line(getattr(error, "orig", None) or error)) from None
        log.info("database %s migrated from %s to %s", self.display_name, current, head)

    def _upgrade(self, config) -> None:
        """Runs the migrations; on SQLite with foreign keys off while they run (a migration that
        changes a column rebuilds the table, and dropping the old one must not cascade), checked
        after."""
        from alembic import command

        with self.engine.connect() as connection:
            if self.is_sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            try:
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all() if self.is_sqlite else []
                connection.commit()
                if broken:
                    raise StorageError("After migrating, {count} rows point to rows that do not exist.",
                                       count=len(broken))
            finally:
                if self.is_sqlite:
                    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                    connection.commit()

    def replace_file(self, source: Path) -> None:
        """Puts the SQLite file ``source`` in place of this database, whole (its old write-ahead
        log goes with it); close other programs on it first."""
        self.close()
        partial = self.file.with_name(self.file.name + ".restoring")
        shutil.copyfile(source, partial)
        for leftover in (self.file.with_name(self.file.name + suffix) for suffix in ("-wal", "-shm")):
            leftover.unlink(missing_ok=True)
        os.replace(partial, self.file)

    @property
    def display_name(self) -> str:
        return str(self.file) if self.file else _safe_name(self.url)

    # -- backups ----------------------------------------------------------------------------
    @property
    def backup_dir(self) -> Path | None:
        return self.file.parent / BACKUP_DIR if self.file else None

    def copy_into_backups(self, label: str, when: datetime | None = None) -> Path:
        """A consistent copy of the SQLite file (also with WAL) in ``backups/``, under a name no
        other process can take at the same moment."""
        stamp = f"{when or now_kz():%Y%m%d-%H%M%S-%f}-{os.getpid()}"
        target = self.backup_dir / f"{self.file.stem}-{stamp}-{label}{BACKUP_SUFFIX}"
        for again in itertools.count(1):  # a clock standing still (tests, the demo) repeats the stamp
            if not target.exists():
                break
            target = self.backup_dir / f"{self.file.stem}-{stamp}.{again}-{label}{BACKUP_SUFFIX}"
        target.parent.mkdir(parents=True, exist_ok=True)
        quoted = str(target).replace("'", "''")
        with self.engine.connect() as connection:
            connection.exec_driver_sql(f"VACUUM INTO '{quoted}'")
        return target

    def latest_backup(self) -> Path | None:
        return latest_backup(self.backup_dir) if self.backup_dir else None

    def quick_check(self) -> list[str]:
        """SQLite's ``quick_check`` (every page and record, not the index cross-checks): the
        problems found, or a damage too bad to read past; [] when sound or not SQLite."""
        if not self.is_sqlite:
            return []
        try:
            with self.engine.connect() as connection:
                found = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check")]
        except DBAPIError as error:
            return [_first_line(getattr(error, "orig", None) or error)]
        return [] if found == ["ok"] else found

    def ensure_sound(self) -> None:
        """Before a long run of writes: refuse to build on a damaged file."""
        problems = self.quick_check()
        if problems:
            raise database_error(DatabaseError("quick_check", None, Exception("malformed: " + problems[0])), self)

    # -- sessions ---------------------------------------------------------------------------
    @contextmanager
    def session(self):
        """A unit of work: committed at the end, rolled back (and nothing changed) on error.
        A failure of the database itself becomes a ``StorageError`` the user can read."""
        written: set[str] = set()
        token = _WRITTEN.set(written)
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException as error:
                _rollback_quietly(session)
                self._audit_refusal(error)
                translated = database_error(error, self)
                if translated is not None:
                    raise translated from None
                raise
            finally:
                _WRITTEN.reset(token)
        if written:
            self._tell(frozenset(written))

    def on_change(self, listener: Callable[[frozenset[str]], None]) -> Callable[[], None]:
        """``listener(tables)`` after each unit of work that wrote ``tables`` commits (in the thread
        that ran it); returns what stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _tell(self, tables: frozenset[str]) -> None:
        for listener in list(self._listeners):
            try:
                listener(tables)
            except Exception:  # the unit of work is committed; a listener's fault must not undo the answer
                log.exception("a listener of database changes failed")

    def _audit_refusal(self, error: BaseException) -> None:
        """A refusal that is itself an audit entry (an act asked for in another expert's name):
        written in a unit of work of its own once the refused one is rolled back, once."""
        entry = getattr(error, "audit_entry", None)
        if not entry:
            return
        error.audit_entry = None
        try:
            with self.session() as session:
                record_audit(session, "refused", "account", str(entry.get("account", "")), **entry)
        except Exception:  # noqa: BLE001 - the refusal itself still reaches the user
            log.warning("the refusal could not be written to the audit trail")

    def close(self) -> None:
        self.engine.dispose()


def _rollback_quietly(session: Session) -> None:
    try:
        session.rollback()
    except DBAPIError:  # the connection is gone; the transaction went with it
        log.warning("rollback failed: the connection to the database was lost")


# -- backups and failures -------------------------------------------------------------------
BACKUP_SUFFIX = ".db"


def latest_backup(folder: Path) -> Path | None:
    found = sorted(folder.glob(f"*{BACKUP_SUFFIX}"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    return found[-1] if found else None


def prune_backups(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Deletes all but the ``keep`` newest backups matching ``pattern``; returns what it deleted."""
    found = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime)
    removed = found[:-keep] if keep > 0 else found
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


_DAMAGED = ("malformed", "file is not a database", "not a database", "database corrupt")
_DISK_FULL = ("database or disk is full", "no space left", "disk full", "could not extend file")
_CONNECTION_LOST = ("server closed the connection", "terminating connection", "connection refused",
                    "could not connect", "connection is closed", "connection timed out", "the connection is lost",
                    "consuming input failed", "connection to server", "server conn crashed")


def database_error(error: BaseException, database: Database | None = None) -> StorageError | None:
    """What a failure of the database itself means to the user, or None for any other error.
    The interrupted unit of work was rolled back: every message says nothing was saved."""
    if isinstance(error, StorageError) or not isinstance(error, (DBAPIError, OSError)):
        return None
    text = str(getattr(error, "orig", None) or error).lower()
    name = database.display_name if database else ""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC or any(s in text for s in _DISK_FULL):
        return StorageError("The disk is full: the last step was not saved. Free some space on the disk of "
                            "{name} and try again.", name=name)
    if database is not None and database.file and not database.encrypted and "not a database" in text and \
            database.file.with_name(database.file.name + ENCRYPTED_MARK).exists():
        return StorageError("The database {name} is encrypted: give its key in the environment variable "
                            "{variable}.", name=name, variable=DB_KEY_VARIABLE)
    if database is not None and database.encrypted and "not a database" in text:
        return StorageError("The database {name} does not open with this key: the key is wrong, or the file is "
                            "not encrypted.", name=name)
    if any(s in text for s in _DAMAGED):
        backup = database.latest_backup() if database else None
        if backup is None:
            return DatabaseDamaged("The database {name} is damaged or is not a database, and no backup of it "
                                   "was found. Nothing was changed; ask your administrator.", name=name)
        return DatabaseDamaged("The database {name} is damaged or is not a database. Nothing was changed. "
                               "Restore the latest backup: saraptama db restore \"{backup}\"", name=name,
                               backup=str(backup))
    if getattr(error, "connection_invalidated", False) or any(s in text for s in _CONNECTION_LOST):
        return StorageError("The connection to the database server {name} was lost: the last step was not "
                            "saved. Saraptama reconnects when the server is back; then try again.", name=name)
    if "database is locked" in text:
        return StorageError("The database {name} is busy with another program; the last step was not saved. "
                            "Try again in a moment.", name=name)
    if "readonly database" in text or "read-only" in text:
        return StorageError("The database {name} can only be read here: the last step was not saved.", name=name)
    return None


# -- audit log ------------------------------------------------------------------------------
_AUDITED = threading.Lock()  # two threads making their first unit of work at once register the listeners once


def _audit_sessions() -> None:
    """Every unit of work of the ORM is audited (and the audit log itself refused changes): the
    listeners join the ORM's ``Session`` once, when the first database makes its session factory."""
    from sqlalchemy.orm import Session

    with _AUDITED:
        if event.contains(Session, "after_flush", _write_audit):
            return
        event.listen(Session, "before_flush", _refuse_audit_changes)
        event.listen(Session, "after_flush", _write_audit)
        event.listen(Session, "before_commit", _chain_audit)
        event.listen(Session, "after_rollback", _forget_audit)


def _row_id(obj) -> str:
    return ",".join(str(v) for v in inspect(obj).mapper.primary_key_from_instance(obj))


def _audit_value(value, with_values: bool | tuple, column: str = ""):
    """A value as the audit trail keeps it; ``audit_values`` False hides every value of a row,
    a tuple hides the values of the columns it names."""
    if with_values is False or column in (with_values if isinstance(with_values, tuple) else ()):
        return None
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _changes(obj, inserted: bool) -> tuple[dict, dict]:
    """The changed columns with their new values, and with their values before; of personal rows
    (``audit_values = False``) only which columns changed.  A new row's values are read straight
    from it (its history would say the same, several times slower when a flush writes thousands
    of rows)."""
    state = inspect(obj)
    with_values = getattr(obj, "audit_values", True)
    if inserted:
        return {attr.key: _audit_value(state.dict[attr.key], with_values, attr.key)
                for attr in state.mapper.column_attrs if state.dict.get(attr.key) is not None}, {}
    changed, before = {}, {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes():
            changed[attr.key] = _audit_value(history.added[0] if history.added else None, with_values, attr.key)
            before[attr.key] = _audit_value(history.deleted[0] if history.deleted else None, with_values, attr.key)
    return changed, before


def _deleted_values(obj) -> dict:
    """What a deleted row held (names of the columns only, for personal rows)."""
    state = inspect(obj)
    with_values = getattr(obj, "audit_values", True)
    return {attr.key: _audit_value(state.dict.get(attr.key), with_values, attr.key)
            for attr in state.mapper.column_attrs if state.dict.get(attr.key) is not None}


def _refuse_audit_changes(session: Session, _context, _instances) -> None:
    from . import models

    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, (models.AuditEntry, models.AuditHead)):
            raise StorageError("The audit log cannot be changed.")


def _user_of(session: Session) -> str:
    """Who the audit trail names: the unit of work's actor (the hub's token user), else the
    database's signed-in user."""
    actor = session.info.get("actor")
    if actor is not None:
        return actor.name
    database = session.info.get("database")
    return database.user if database else "system"


def _write_audit(session: Session, _context) -> None:
    """Who changed what, before and after, for every row the flush wrote; chained at commit."""
    from . import audit_trail as audit
    from . import models

    user = _user_of(session)
    entries = []
    for action, objects in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if isinstance(obj, (models.AuditEntry, models.AuditHead)) or \
                    not session.is_modified(obj) and action == "update":
                continue
            changes, before = _changes(obj, action == "insert") if action != "delete" else ({}, _deleted_values(obj))
            entries.append(audit.entry(user, action, obj.__tablename__, _row_id(obj), changes, before))
    audit.add_pending(session, entries)


def _chain_audit(session: Session) -> None:
    """The unit of work's entries join the chain just before it commits (the head stays locked
    only for that moment)."""
    from . import audit_trail as audit

    session.flush()
    audit.flush_pending(session)


def _forget_audit(session: Session) -> None:
    from . import audit_trail as audit

    audit.drop_pending(session)


def record_audit_rows(session: Session, rows: list[tuple[str, str, str, dict]]) -> None:
    """Audit entries (action, table, row id, changes) for work written in bulk; chained at commit."""
    from . import audit_trail as audit

    user = _user_of(session)
    audit.add_pending(session, [audit.entry(user, action, table, row_id, changes)
                                for action, table, row_id, changes in rows])


def record_audit(session: Session, action: str, table_name: str, row_id: str = "", **changes) -> None:
    """Writes an audit entry for work done in bulk, outside the ORM unit of work."""
    from . import audit_trail as audit

    audit.add_pending(session, [audit.entry(_user_of(session), action, table_name, row_id, changes)])
