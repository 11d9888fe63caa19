"""Where the data lives and how the database is opened, migrated and audited.

Embedded SQLite in the user's data folder by default (WAL, foreign keys, Unicode-aware
``lower()``); any SQLAlchemy URL instead (PostgreSQL for a department server).  Migrations
run at every start; the SQLite file is copied aside before one runs; a database written by
a newer version of the program is refused rather than damaged.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from . import models
from .errors import UserError
from .services import workstation

log = logging.getLogger(__name__)

APP_NAME = "Saraptama"
DB_FILE = "saraptama.db"


class StorageError(UserError):
    """A database that cannot be opened or changed; the message is meant for the user."""


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / DB_FILE}"


def _safe_name(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _configure_sqlite(dbapi_connection, _record) -> None:
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


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    return config


class Database:
    """An open database: engine, session factory and the audited user's name."""

    def __init__(self, url: str, user: str = "system"):
        self.url = url
        self.user = user
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.file = Path(parsed.database) if self.is_sqlite and parsed.database not in (None, "", ":memory:") else None
        if self.file:
            self.file.parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: a failed statement's message (logged, shown) never carries the row's values
        self.engine: Engine = create_engine(url, hide_parameters=True)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _configure_sqlite)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, info={"database": self})

    @classmethod
    def open(cls, *, data_dir: Path | None = None, db_url: str | None = None, user: str = "system") -> Database:
        """Opens and migrates the database named on the command line, or the default one."""
        url = db_url or sqlite_url(Path(data_dir) if data_dir else default_data_dir())
        try:
            database = cls(url, user=user)
        except (ArgumentError, OSError) as error:  # not a URL, no such driver, a folder that cannot be made
            raise StorageError("The database {name} cannot be used: {problem}", name=_safe_name(url),
                               problem=_first_line(error)) from None
        try:
            database.migrate()
            with database.session() as session:
                workstation.ensure_reference_data(session)
        except StorageError:
            database.close()
            raise
        except (DBAPIError, OSError) as error:  # locked, not a database, unreachable server
            database.close()
            raise StorageError("The database {name} cannot be opened: {problem}", name=database.display_name,
                               problem=_first_line(getattr(error, "orig", None) or error)) from None
        return database

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> None:
        config = _alembic_config()
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
        if self.file and has_tables:
            backup = self.file.with_name(f"{self.file.name}.before-{head}-{datetime.now():%Y%m%d-%H%M%S}.bak")
            quoted = str(backup).replace("'", "''")
            with self.engine.connect() as connection:  # a consistent copy even with WAL
                connection.exec_driver_sql(f"VACUUM INTO '{quoted}'")
            log.info("database copied to %s before migrating", backup)
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        log.info("database %s migrated from %s to %s", self.display_name, current, head)

    @property
    def display_name(self) -> str:
        return str(self.file) if self.file else _safe_name(self.url)

    # -- sessions ---------------------------------------------------------------------------
    @contextmanager
    def session(self):
        """A unit of work: committed at the end, rolled back (and nothing changed) on error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


# -- audit log ------------------------------------------------------------------------------
def _row_id(obj) -> str:
    return ",".join(str(v) for v in inspect(obj).mapper.primary_key_from_instance(obj))


def _changes(obj) -> dict:
    """The changed columns and their new values; of personal rows (``audit_values = False``)
    only which columns changed."""
    state = inspect(obj)
    with_values = getattr(obj, "audit_values", True)
    changed = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes():
            value = history.added[0] if history.added and with_values else None
            changed[attr.key] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
    return changed


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _context, _instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, models.AuditEntry):
            raise StorageError("The audit log cannot be changed.")


@event.listens_for(Session, "after_flush")
def _write_audit(session: Session, _context) -> None:
    database = session.info.get("database")
    user = database.user if database else "system"
    entries = []
    for action, objects in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if isinstance(obj, models.AuditEntry) or not session.is_modified(obj) and action == "update":
                continue
            entries.append({"user": user, "action": action, "table_name": obj.__tablename__,
                            "row_id": _row_id(obj), "changes": _changes(obj) if action != "delete" else {},
                            "at": models.utcnow()})
    if entries:
        session.execute(models.AuditEntry.__table__.insert(), entries)


def record_audit(session: Session, action: str, table_name: str, row_id: str = "", **changes) -> None:
    """Writes an audit entry for work done in bulk, outside the ORM unit of work."""
    database = session.info.get("database")
    session.add(models.AuditEntry(user=database.user if database else "system", action=action,
                                  table_name=table_name, row_id=row_id, changes=changes))
