"""This workstation: reference data every database needs, and the department and user it
serves (set up on the welcome screen at first start)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from .. import models as m
from ..domain.regions import REGIONS
from ..errors import UserError
from . import access, production_calendar

DEPARTMENT_KEY = "department_code"
USER_KEY = "user_name"


def ensure_reference_data(session: Session) -> None:
    """Regions of Kazakhstan (17 regions and 3 cities of national significance) and the
    known transfers of working days."""
    known = set(session.scalars(select(m.Region.code)))
    session.add_all(m.Region(code=r.code, name_kk=r.name_kk, name_ru=r.name_ru, name_en=r.name_en)
                    for r in REGIONS if r.code not in known)
    production_calendar.ensure_default_transfers(session)


def department_code(region_code: str, number: int) -> str:
    """A department's code: its region's code and its number in the region, e.g. ``75-03``."""
    return f"{region_code}-{number:02d}"


@dataclass(frozen=True)
class WorkstationSettings:
    department_code: str
    user_name: str

    def department(self, session: Session) -> m.Department | None:
        if not self.department_code:
            return None
        return session.scalar(select(m.Department).where(m.Department.code == self.department_code))

    def department_name(self, session: Session) -> str:
        department = self.department(session)
        return department.code if department else ""


def get_setting(session: Session, key: str) -> str:
    setting = session.get(m.Setting, key)
    return setting.value if setting else ""


def set_setting(session: Session, key: str, value: str) -> None:
    session.merge(m.Setting(key=key, value=value))


def settings(session: Session) -> WorkstationSettings:
    return WorkstationSettings(get_setting(session, DEPARTMENT_KEY), get_setting(session, USER_KEY))


def needs_setup(session: Session) -> bool:
    """True on a first start: no department configured and nothing in the database."""
    return not settings(session).department_code and not session.scalar(select(exists().where(m.DraftAct.id > 0)))


def regions(session: Session) -> list[tuple[str, str, str, str]]:
    return [tuple(row) for row in session.execute(
        select(m.Region.code, m.Region.name_kk, m.Region.name_ru, m.Region.name_en).order_by(m.Region.code))]


def setup_department(session: Session, *, region_code: str, number: int, address: str, head_name: str,
                     user_name: str) -> m.Department:
    """Creates (or updates) this workstation's department and remembers it and the user."""
    access.require(session, "settings.edit")
    if session.get(m.Region, region_code) is None:
        raise UserError("Choose the region of the department.")
    if not 1 <= number <= 99:
        raise UserError("The department number must be between 1 and 99, not {number}.", number=number)
    head_name, user_name, address = head_name.strip(), user_name.strip(), address.strip()
    if not head_name:
        raise UserError("Enter the name of the head of the department.")
    if not user_name:
        raise UserError("Enter your name.")
    code = department_code(region_code, number)
    department = session.scalar(select(m.Department).where(m.Department.code == code))
    if department is None:
        department = m.Department(code=code, region_code=region_code, kind=m.DepartmentKind.GENERAL, number=number)
        session.add(department)
    department.address = address
    department.head_name = head_name
    set_setting(session, DEPARTMENT_KEY, code)
    set_setting(session, USER_KEY, user_name)
    session.flush()
    return department
