"""This workstation: reference data every database needs, and the department and user it
serves, or the one expert it serves (set up on the welcome screen at first start).

An expert's workstation (§25.2, §25.5) holds the depersonalised acts assigned to that expert
and no person rows at all; the expert is a staff member row with the id the department (or
the hub) knows them by, so decisions made here name the same expert there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from .. import models as m
from ..domain.collation import full_name, sort_key
from ..domain.settings import DEPARTMENT, DEPARTMENT_CODE, EXPERT_ID, USER_NAME, Setting
from ..errors import UserError
from ..i18n import N_
from . import access
from .stored_settings import read_setting

DEMO_USER = N_("Demo")  # the demonstration workstation's user, shown in the reader's language

EXPERT_KINDS = {"registry": m.StaffRole.INDEPENDENT, "staff": m.StaffRole.SPECIALIST}


def department_code(region_code: str, number: int) -> str:
    """A department's code: its region's code and its number in the region, e.g. ``75-03``."""
    return f"{region_code}-{number:02d}"


@dataclass(frozen=True)
class WorkstationSettings:
    department_code: str
    user_name: str
    expert_id: int | None = None

    @property
    def for_expert(self) -> bool:
        """This workstation serves one expert, not a department."""
        return self.expert_id is not None

    def department(self, session: Session) -> m.Department | None:
        if not self.department_code:
            return None
        return session.scalar(select(m.Department).where(m.Department.code == self.department_code))

    def department_name(self, session: Session) -> str:
        department = self.department(session)
        return department.code if department else ""


def get_setting(session: Session, setting: Setting, **parts: str) -> Any:
    """A department-wide setting of ``app.domain.settings``, as its type (its default if unset)."""
    return read_setting(session, setting, **parts)


def set_setting(session: Session, setting: Setting, value: Any, **parts: str) -> None:
    assert setting.scope == DEPARTMENT, setting.name
    session.merge(m.Setting(key=setting.key(**parts), value=setting.text(value)))


def settings(session: Session) -> WorkstationSettings:
    return WorkstationSettings(get_setting(session, DEPARTMENT_CODE), get_setting(session, USER_NAME),
                               get_setting(session, EXPERT_ID))


def needs_setup(session: Session) -> bool:
    """True on a first start: no department or expert configured and nothing in the database."""
    configured = settings(session)
    return not configured.department_code and not configured.for_expert \
        and not session.scalar(select(exists().where(m.DraftAct.id > 0)))


def startup(session: Session) -> dict:
    """What the window shows first: the welcome page, one expert's acts, or the department's tabs."""
    return {"needs_setup": needs_setup(session), "expert_id": settings(session).expert_id}


def holds_persons(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(m.Person.id > 0))))


def setup_expert(session: Session, *, expert_id: int, name: str, region_code: str,
                 kind: str = "registry") -> m.StaffMember:
    """Makes this workstation one expert's (``kind``: an expert of the ``registry`` or a ``staff``
    expert of a department): the expert's row under the id the department knows them by."""
    if settings(session).department_code or holds_persons(session):
        raise UserError(N_("This database serves a department and holds persons' data; an expert's "
                           "workstation starts with an empty data folder."))
    current = settings(session).expert_id
    if current is not None and current != expert_id:
        raise UserError(N_("This workstation already serves expert No. {expert}."), expert=current)
    if not 1 <= expert_id < 2**31:
        raise UserError(N_("An expert's number is a whole number from 1."))
    if kind not in EXPERT_KINDS:
        raise UserError(N_("Choose whether the expert is of the registry or of a department's staff."))
    if session.get(m.Region, region_code) is None:
        raise UserError(N_("Choose the expert's region."))
    words = name.split()
    if not words:
        raise UserError("Enter your name.")
    expert = session.get(m.StaffMember, expert_id) or m.StaffMember(id=expert_id, iin="")
    expert.last_name, expert.first_name, expert.middle_name = (words + ["", ""])[0], " ".join(words[1:2]), \
        " ".join(words[2:])
    expert.sort_name = sort_key(full_name(expert.last_name, expert.first_name, expert.middle_name))
    expert.role, expert.region_code = EXPERT_KINDS[kind], region_code
    session.add(expert)
    set_setting(session, EXPERT_ID, expert_id)
    set_setting(session, USER_NAME, " ".join(words))
    session.flush()
    return expert


def regions(session: Session) -> list[tuple[str, str, str, str]]:
    return [(code, kk, ru, en) for code, kk, ru, en in session.execute(
        select(m.Region.code, m.Region.name_kk, m.Region.name_ru, m.Region.name_en).order_by(m.Region.code))]


def setup_department(session: Session, *, region_code: str, number: int, address: str, head_name: str,
                     user_name: str) -> m.Department:
    """Creates (or updates) this workstation's department and remembers it and the user."""
    access.require(session, "settings.edit")
    if settings(session).for_expert:
        raise UserError(N_("This workstation serves one expert; a department is set up on another one."))
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
    set_setting(session, DEPARTMENT_CODE, code)
    set_setting(session, USER_NAME, user_name)
    session.flush()
    return department
