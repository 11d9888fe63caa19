"""Intake of form 031/у packages (§10-16, §24-25, App 5): check, record, form the draft act.

Each package is one unit of work: its package row, its failed checks and notice, or its
person and numbered draft act are committed together or not at all.  A package's unit first
takes the intake lock (SQLite: the database's write lock, ``BEGIN IMMEDIATE``; PostgreSQL: a
transaction advisory lock), so F016/F017 and the day's numbering see every package committed
before, even from another process.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import bindparam, exists, select, text as sql
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ... import models as m
from ...adapters.registers import Registers
from ...domain.clock import now_kz
from ...errors import UserError
from ...storage import Database, StorageError
from .. import access, assignment, audit, production_calendar
from ..audit import append as append_audit
from .checks import Package, check, lookup, text
from .drafting import Departments, form_act
from .findings import Finding, codes_of
from .notice import rejection_notice
from .reading import read_package
from ...input_files import read_bounded

log = logging.getLogger(__name__)

ADVISORY_LOCK_KEY = 0x5A7A_0025  # PostgreSQL advisory lock of intake ("§25")


@dataclass
class Outcome:
    """What became of one file (docs/interfaces.md §4, ``intake import``)."""

    file: str
    accepted: bool
    codes: list[str]
    act_number: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the package could not be stored; nothing of it was written
    package_id: int | None = None  # a rejected package: its notice is printed from the import's results (§16)

    def as_json(self) -> dict:
        result = {"file": self.file, "accepted": self.accepted, "codes": self.codes, "act_number": self.act_number}
        return result | ({"error": self.error} if self.error else {})


# Statements built once: a package is a handful of rows, and building statements (or the ORM's
# bookkeeping) would cost more than writing them.
_PACKAGES = m.table_of(m.ReferralPackage)
INSERT_PACKAGE = _PACKAGES.insert().returning(_PACKAGES.c.id)
INSERT_CHECKS = m.table_of(m.PackageCheck).insert()
INSERT_NOTICE = m.table_of(m.Notice).insert()
HISTORY = select(
    exists().where(_PACKAGES.c.message_id == bindparam("message_id"), _PACKAGES.c.accepted.is_(True)),  # F016
    exists().where(m.DraftAct.person_id == m.Person.id, m.Person.iin == bindparam("iin"),
                   m.DraftAct.status.in_(m.PENDING_STATUSES)),  # F017
    select(m.Person.id).where(m.Person.iin == bindparam("iin")).scalar_subquery())


class DatabaseHistory:
    """F016 and F017 answered by the database, with the person's row id, in one query."""

    def __init__(self, connection: Connection, raw: dict):
        message_id, iin = text(lookup(raw, "message_id")), text(lookup(raw, "patient.iin"))
        self.accepted_before, self.open_case, self.person_id = connection.execute(
            HISTORY, {"message_id": message_id or "", "iin": iin or ""}).one()

    def message_accepted(self, message_id: str) -> bool:
        return bool(self.accepted_before)

    def case_open(self, iin: str) -> bool:
        return bool(self.open_case)


def take_intake_lock(session: Session) -> None:
    """Serialises packages across processes for the rest of this transaction."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(sql("BEGIN IMMEDIATE"))
    elif dialect == "postgresql":
        session.execute(sql("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})


def package_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, a folder standing for every ``*.json`` in it in name order."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.json") if not p.is_dir()))
        elif path.exists():
            files.append(path)
        else:
            raise UserError("There is no file or folder {file}.", file=str(path))
    return files


def _checked(connection: Connection, raw: dict | None, problem: Finding | None, registers: Registers,
             received_at: datetime, calendar) -> tuple[Package | None, list[Finding]]:
    if raw is None:
        if problem is None:
            raise ValueError("a package that could not be read comes with the finding that says why")
        return None, [problem]
    package = Package(raw, registers, DatabaseHistory(connection, raw), received_at, calendar)
    return package, check(package)


def check_file(db: Database, path: Path, registers: Registers, received_at: datetime | None = None) -> Outcome:
    """``intake check``: the findings for one file; the database is only read."""
    try:
        read_bounded(path, 0)  # a device or a pipe is refused here, not read
    except OSError as error:  # no such file, a folder, no permission: the command's input is wrong
        raise UserError("Cannot read {file}: {problem}", file=str(path),
                        problem=error.strerror or type(error).__name__) from None
    raw, problem = read_package(path)
    with db.sessions() as session:
        _package, findings = _checked(session.connection(), raw, problem, registers, received_at or now_kz(),
                                      production_calendar.load(session))
        session.rollback()
    return Outcome(str(path), not findings, codes_of(findings), findings=findings)


class Intake:
    """One import run: the registers, the calendar and the departments read once."""

    def __init__(self, db: Database, registers: Registers, received_at: datetime | None = None):
        self.db, self.registers, self.fixed_time = db, registers, received_at
        with db.session() as session:
            access.require(session, "acts.intake")
            self.calendar = production_calendar.load(session)
            self.departments = Departments(session)

    def import_file(self, path: Path, name: str | None = None) -> Outcome:
        try:
            raw, problem = read_package(path)
        except Exception as error:  # one file failing never stops the others
            return Outcome(name or str(path), False, [], error=_log_failure(error))
        return self.import_package(raw, problem, name or str(path))

    def import_package(self, raw: dict | None, problem: Finding | None, name: str) -> Outcome:
        """Checks and records one package in its own transaction (see the module's docstring)."""
        try:
            with self.db.session() as session:
                take_intake_lock(session)
                return self._record(session.connection(), raw, problem, name, self.fixed_time or now_kz())
        except UserError:
            raise
        except Exception as error:  # one package failing never stops the others; nothing of it stays
            return Outcome(name, False, [], error=_log_failure(error))

    def _record(self, connection: Connection, raw, problem, name: str, received_at: datetime) -> Outcome:
        """The package row, then its failed checks and notice, or its person and draft act, with one
        audit entry per row written (none of them holding a personal value).  Core statements:
        a package is a handful of rows, and the ORM's bookkeeping would cost more than the rows."""
        package, findings = _checked(connection, raw, problem, self.registers, received_at, self.calendar)
        message_id = ((text(raw.get("message_id")) if raw else None) or "")[:100]
        package_id = connection.execute(INSERT_PACKAGE, {
            "message_id": message_id, "received_at": received_at, "file_name": name[-300:], "accepted": not findings,
            "content": raw}).scalar_one()
        user = self.db.user
        audit = [_audit(user, "insert", "referral_package", package_id, accepted=not findings,
                        codes=codes_of(findings))]
        if findings or package is None:  # (a package that could not be read has its finding)
            connection.execute(INSERT_CHECKS, [
                {"package_id": package_id, "code": f.code, "message": f.message, "params": f.params}
                for f in findings])
            notice = rejection_notice(package_id, message_id, findings)
            connection.execute(INSERT_NOTICE, {"created_at": m.utcnow(), **notice})
            outcome = Outcome(name, False, codes_of(findings), findings=findings, package_id=package_id)
        else:
            act_id, number = form_act(connection, package, package_id, self.calendar, self.departments)
            audit.append(_audit(user, "insert", "draft_act", act_id, number=number, status=m.ActStatus.WAITING))
            outcome = Outcome(name, True, [], number)
        append_audit(connection, audit, write_locked=True)  # take_intake_lock holds it
        log.info("package %s %s", package_id, outcome.act_number or " ".join(outcome.codes))
        return outcome

    def import_files(self, paths: Iterable[Path], progress: Callable[[int, int], None] | None = None,
                     stop: Callable[[], bool] | None = None) -> list[Outcome]:
        """Every package in its own transaction, then one selection run: each accepted act, and
        any act still waiting for experts, gets its panel (§25.4) or stays waiting with the reason.
        ``progress(done, total)`` after each package; when ``stop()`` says so, the packages not yet
        begun are left out (those imported stay, and selection still runs)."""
        files = package_files(paths)
        outcomes = []
        for path in files:
            if stop is not None and stop():
                break
            try:
                outcomes.append(self.import_file(path))
            except StorageError as error:  # a full disk, a lost server: what was stored stays, and is said
                raise RunStopped(error, outcomes) from None
            if progress is not None:
                progress(len(outcomes), len(files))
        if any(outcome.accepted for outcome in outcomes):
            with self.db.session() as session:
                assignment.assign_waiting(session, self.fixed_time or now_kz())
        return outcomes


class RunStopped(UserError):
    """The database stopped taking packages; ``result`` lists those stored before it."""

    def __init__(self, cause: UserError, outcomes: list[Outcome]):
        super().__init__(cause.message, **cause.params)
        self.result = [outcome.as_json() for outcome in outcomes]


def _audit(user: str, action: str, table_name: str, row_id: int, **changes) -> dict:
    return audit.entry(user, action, table_name, row_id, changes)


def _log_failure(error: Exception) -> str:
    """Logs a package that could not be stored by the kind of error and the place in the code,
    never the error's text (a database's message may quote the row's values)."""
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    place = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
    log.error("a package could not be stored (%s at %s); it was rolled back", type(error).__name__, place)
    return f"{type(error).__name__} at {place}; the package was not stored"
