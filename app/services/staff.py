"""The department's own staff, for a department that starts from nothing (§25.4: the head and
chief specialists are the department's experts; §56: the deputy head registers appeals): added
one by one in the window, or imported from a list (XLSX or CSV) made from the template.

A chief specialist reviews the App 15 nosologies of their profile (the items' numbers; none
given: every item, as staff of a general department do).  A list is read whole before anything
is written: a row that cannot be read refuses the file in one line naming the row, and nothing
is added.  A person already on the staff (the same IIN in this department) is not added twice.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import models as m
from ..domain.app15 import APP15_ITEMS, app15_item
from ..domain.collation import full_name, sort_key
from ..domain.iin import validate_iin
from ..output_files import output_file
from ..errors import UserError
from ..i18n import N_
from . import access, workstation

ROLES = {"head": m.StaffRole.HEAD, "specialist": m.StaffRole.SPECIALIST, "deputy_head": m.StaffRole.DEPUTY_HEAD}
COLUMNS = ("role", "last_name", "first_name", "middle_name", "iin", "phone", "email", "app15_items")
TEMPLATE_NOTE = ("role: head | specialist | deputy_head; app15_items: App 15 item numbers separated by "
                 "spaces (1.7 9), empty = every item")
MAX_ROWS = 2_000
MAX_FILE = 5_000_000


def _department(session: Session) -> m.Department:
    department = workstation.settings(session).department(session)
    if department is None:
        raise UserError(N_("Set up this workstation's department first (the welcome screen)."))
    return department


def _profile(text: str) -> tuple[str, list[str]]:
    """The App 15 items of a chief specialist's profile: their names and ICD-10 ranges."""
    numbers = str(text or "").replace(",", " ").split()
    if not numbers:
        return N_("Every nosology of App 15"), ["-".join(r) for item in APP15_ITEMS for r in item.ranges]
    try:
        items = [app15_item(number) for number in numbers]
    except KeyError as unknown:
        raise UserError(N_("App 15 has no item {item}."), item=str(unknown.args[0])[:10]) from None
    return "; ".join(item.name_ru for item in items)[:200], ["-".join(r) for item in items for r in item.ranges]


def _clean(fields: dict) -> dict:
    values = {key: str(fields.get(key) or "").strip() for key in COLUMNS}
    if values["role"] not in ROLES:
        raise UserError(N_("A staff member's role is one of: {roles}."), roles=", ".join(ROLES))
    if not values["last_name"] or not values["first_name"]:
        raise UserError(N_("A staff member needs a surname and a first name."))
    values["iin"] = "".join(values["iin"].split())
    try:
        validate_iin(values["iin"])
    except UserError:  # its message would repeat the IIN, which no message or log may hold
        raise UserError(N_("The IIN is not valid: 12 digits of a real birth date with the right check digit.")) \
            from None
    return values


def _member(department: m.Department, values: dict) -> m.StaffMember:
    profile, nosologies = _profile(values["app15_items"]) if values["role"] != "deputy_head" else ("", [])
    names = (values["last_name"][:100], values["first_name"][:100], values["middle_name"][:100])
    return m.StaffMember(role=ROLES[values["role"]], iin=values["iin"], last_name=names[0], first_name=names[1],
                         middle_name=names[2], sort_name=sort_key(full_name(*names)),
                         region_code=department.region_code, department_id=department.id,
                         phone=values["phone"][:20], email=values["email"][:200],
                         specialty_profile=profile, nosologies=nosologies, status=m.RegistryStatus.ACTIVE)


def _already(session: Session, department: m.Department, iin: str) -> bool:
    return session.scalar(select(m.StaffMember.id).where(m.StaffMember.department_id == department.id,
                                                         m.StaffMember.iin == iin)) is not None


def add_member(session: Session, fields: dict) -> dict:
    """One person of this workstation's department; returns the row as the list shows it."""
    access.require(session, "staff.manage")
    department = _department(session)
    values = _clean(fields)
    if _already(session, department, values["iin"]):
        raise UserError(N_("This person is on the department's staff already."))
    member = _member(department, values)
    session.add(member)
    session.flush()
    return as_dict(member)


def as_dict(member: m.StaffMember) -> dict:
    """A staff member as the department's list shows them (their own name; no IIN)."""
    return {"id": member.id, "role": member.role.value, "name": member.full_name,
            "profile": member.specialty_profile, "absences": len(member.absences)}


def listing(session: Session) -> list[dict]:
    """The department's staff: heads first, then chief specialists, then deputy heads."""
    access.require(session, "staff.manage")
    department = _department(session)
    order = {m.StaffRole.HEAD: 0, m.StaffRole.SPECIALIST: 1, m.StaffRole.DEPUTY_HEAD: 2}
    rows = session.scalars(select(m.StaffMember).where(m.StaffMember.department_id == department.id,
                                                       m.StaffMember.role.in_(list(ROLES.values()))))
    return [as_dict(row) for row in sorted(rows, key=lambda r: (order[r.role], r.sort_name, r.id))]


# -- lists from a file -------------------------------------------------------------------------------
def _read_rows(path: Path) -> list[dict]:
    try:
        if path.stat().st_size > MAX_FILE:
            raise UserError(N_("{file} is larger than {limit} MB."), file=path.name, limit=MAX_FILE // 1_000_000)
        data = path.read_bytes()
    except OSError as error:
        raise UserError(N_("Cannot read {file}: {problem}"), file=path.name, problem=error.strerror or "") from None
    rows = _xlsx_rows(data, path) if path.suffix.lower() == ".xlsx" else _csv_rows(data, path)
    if not rows or [str(c or "").strip().lower() for c in rows[0]][:len(COLUMNS)] != list(COLUMNS):
        raise UserError(N_("{file} does not begin with the template's columns: {columns}."), file=path.name,
                        columns=", ".join(COLUMNS))
    body = [row for row in rows[1:] if any(str(c or "").strip() for c in row)]
    if len(body) > MAX_ROWS:
        raise UserError(N_("{file} holds more than {count} rows."), file=path.name, count=MAX_ROWS)
    return [dict(zip(COLUMNS, list(row) + [""] * len(COLUMNS))) for row in body]


def _csv_rows(data: bytes, path: Path) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(N_("{file} is not a CSV file in UTF-8."), file=path.name) from None
    dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t") if text.strip() else csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(data: bytes, path: Path) -> list[list]:
    from openpyxl import load_workbook  # only where a list is read
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError, EOFError) as _error:
        raise UserError(N_("{file} is not an XLSX workbook."), file=path.name) from None
    try:
        return [["" if c is None else str(c) for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def import_file(session: Session, path: Path) -> dict:
    """``saraptama staff import FILE`` and the window's Import…: every row, or none."""
    access.require(session, "staff.manage")
    department = _department(session)
    members: list[m.StaffMember] = []
    skipped = 0
    for number, fields in enumerate(_read_rows(path), start=2):
        try:
            values = _clean(fields)
            member = None if _already(session, department, values["iin"]) else _member(department, values)
        except UserError as error:
            raise UserError(N_("Row {row} of {file}: {problem}"), row=number, file=path.name,
                            problem=error.text()) from None
        if member is None or any(other.iin == member.iin for other in members):
            skipped += 1
            continue
        members.append(member)
    session.add_all(members)
    session.flush()
    return {"added": len(members), "already_on_staff": skipped, "staff": [as_dict(m_) for m_ in members]}


def write_template(path: Path) -> dict:
    """The list to fill in: the columns, and one line saying what goes in them (XLSX or CSV),
    written whole or not at all (``app.output_files``)."""
    with output_file(path) as partial:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            sheet.title = "staff"
            sheet.append(list(COLUMNS))
            sheet.cell(row=1, column=len(COLUMNS) + 2, value=TEMPLATE_NOTE)
            book.save(partial)
        else:
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle).writerow(COLUMNS)
    return {"file": str(path), "columns": list(COLUMNS)}


# -- what a new department does next ------------------------------------------------------------------
NEXT_STAFF, NEXT_ACTS, NEXT_ASSIGN = "staff", "acts", "assign"
PANEL_SIZE = 3  # three experts review each act (§25.4)


def next_steps(session: Session) -> list[str]:
    """What this department still has to do before its first act has its three experts (§25.4):
    its staff (a head and a chief specialist), referrals imported, experts assigned.  Empty once
    any act has three; counts only, nothing of anyone."""
    department = workstation.settings(session).department(session)
    if department is None or _first_panel_formed(session):
        return []
    roles = set(session.scalars(select(m.StaffMember.role).where(m.StaffMember.department_id == department.id)))
    steps = [] if {m.StaffRole.HEAD, m.StaffRole.SPECIALIST} <= roles else [NEXT_STAFF]
    has_acts = session.scalar(select(m.DraftAct.id).limit(1)) is not None
    return steps + ([NEXT_ASSIGN] if has_acts else [NEXT_ACTS, NEXT_ASSIGN])


def _first_panel_formed(session: Session) -> bool:
    places = (select(m.Assignment.act_id).where(m.Assignment.withdrawn.is_(False)).group_by(m.Assignment.act_id)
              .having(func.count() >= PANEL_SIZE).limit(1))
    return session.scalar(places) is not None
