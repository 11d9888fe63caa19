"""The four lists of the main window, as database queries that scale to 100,000 rows.

A list answers two questions: which row ids match a filter, in which order (``ids``), and
what a block of rows shows (``rows``).  The window keeps only the ids and fetches rows in
blocks as they scroll into view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, literal, select
from sqlalchemy.orm import Session, aliased

from .. import models as m
from ..domain import labels
from ..domain.clock import KZ_TIME
from ..i18n import N_
from . import workstation


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str  # message id, translated where shown
    kind: str  # text | int | date | datetime | bool | label | region (a region code)
    expr: ColumnElement = field(repr=False)
    sort_expr: ColumnElement | None = field(default=None, repr=False)
    searchable: bool = True
    labels: dict[str, str] | None = field(default=None, repr=False)  # stored code -> message id
    deadline_rule: str | None = None  # for due dates: the rule of app.domain.deadlines behind them


@dataclass(frozen=True)
class Listing:
    name: str
    title: str
    row_id: ColumnElement
    source: Select  # FROM, joins and WHERE of the list; the columns are added per query
    columns: tuple[ListColumn, ...]

    def _search_text(self) -> ColumnElement:
        parts = [func.coalesce(col.expr, literal("")) for col in self.columns if col.searchable]
        text = parts[0]
        for part in parts[1:]:
            text = text + literal(" ") + part
        return func.lower(text)  # Unicode-aware on SQLite too (app.storage)

    def ids(self, session: Session, text: str = "", sort: int | None = None, descending: bool = False) -> list[int]:
        query = self.source.with_only_columns(self.row_id)
        terms = text.lower().split()
        if terms:
            search = self._search_text()
            for term in terms:
                query = query.where(search.contains(term, autoescape=True))
        if sort is not None:
            column = self.columns[sort]
            order = column.sort_expr if column.sort_expr is not None else column.expr
            query = query.order_by(order.desc() if descending else order.asc())
        query = query.order_by(self.row_id.desc() if descending else self.row_id.asc())
        return list(session.scalars(query))

    def rows(self, session: Session, ids: Sequence[int]) -> dict[int, tuple]:
        query = self.source.with_only_columns(self.row_id, *(c.expr for c in self.columns)).where(
            self.row_id.in_(list(ids)))
        return {row[0]: tuple(self._display(col, value) for col, value in zip(self.columns, row[1:]))
                for row in session.execute(query)}

    def count(self, session: Session) -> int:
        return session.scalar(self.source.with_only_columns(func.count(self.row_id))) or 0

    @staticmethod
    def _display(column: ListColumn, value):
        if column.labels is not None:
            return column.labels.get(getattr(value, "value", value), value)
        if isinstance(value, datetime):
            return value.astimezone(KZ_TIME)
        return value


def _name(entity) -> ColumnElement:
    return entity.last_name + literal(" ") + entity.first_name + literal(" ") + entity.middle_name


_control = aliased(m.Department)

REGISTRY = Listing(
    name="registry", title=N_("Registry"), row_id=m.StaffMember.id,
    source=select(m.StaffMember).where(m.StaffMember.role.in_(m.EXPERT_ROLES)),
    columns=(  # Registry Rules App 1
        ListColumn("iin", N_("IIN"), "text", m.StaffMember.iin),
        ListColumn("name", N_("Full name"), "text", _name(m.StaffMember), m.StaffMember.sort_name),
        ListColumn("role", N_("Kind"), "label", m.StaffMember.role, searchable=False, labels=labels.STAFF_ROLE),
        ListColumn("region", N_("Region"), "region", m.StaffMember.region_code, searchable=False),
        ListColumn("profile", N_("Specialty profile"), "text", m.StaffMember.specialty_profile),
        ListColumn("status", N_("Status"), "label", m.StaffMember.status, searchable=False,
                   labels=labels.REGISTRY_STATUS),
        ListColumn("included", N_("Included on"), "date", m.StaffMember.included_on, searchable=False),
        ListColumn("excluded", N_("Excluded on"), "date", m.StaffMember.excluded_on, searchable=False),
    ),
)

INCOMING = Listing(
    name="incoming", title=N_("Incoming draft acts"), row_id=m.DraftAct.id,
    source=select(m.DraftAct).join(m.Person, m.DraftAct.person_id == m.Person.id)
    .outerjoin(m.Department, m.DraftAct.department_id == m.Department.id),
    columns=(
        ListColumn("number", N_("Draft act No."), "text", m.DraftAct.number),
        ListColumn("received", N_("Received"), "datetime", m.DraftAct.registered_at, searchable=False),
        ListColumn("person", N_("Examined person"), "text", _name(m.Person), m.Person.sort_name),
        ListColumn("iin", N_("IIN"), "text", m.Person.iin),
        ListColumn("purpose", N_("Purpose"), "label", m.DraftAct.purpose, searchable=False, labels=labels.PURPOSE),
        ListColumn("diagnosis", N_("Main diagnosis"), "text", m.DraftAct.diagnosis_main_icd10),
        ListColumn("department", N_("Department"), "text", func.coalesce(m.Department.code, literal(""))),
        ListColumn("status", N_("Status"), "label", m.DraftAct.status, searchable=False, labels=labels.ACT_STATUS),
        ListColumn("due", N_("Due"), "datetime", m.DraftAct.due_at, searchable=False),
    ),
)

WAITING = Listing(  # App 9: the depersonalised waiting list
    name="waiting", title=N_("Waiting list"), row_id=m.DraftAct.id,
    source=select(m.DraftAct).where(m.DraftAct.status.in_((m.ActStatus.WAITING, m.ActStatus.UNDER_REVIEW))),
    columns=(
        ListColumn("registered", N_("Registered"), "datetime", m.DraftAct.registered_at, searchable=False),
        ListColumn("number", N_("Draft act No."), "text", m.DraftAct.number),
        ListColumn("age", N_("Age"), "int", m.DraftAct.age_years, searchable=False),
        ListColumn("working", N_("Working"), "bool", m.DraftAct.working, searchable=False),
        ListColumn("diagnosis", N_("Main diagnosis"), "text",
                   m.DraftAct.diagnosis_main_icd10 + literal(" ") + m.DraftAct.diagnosis_main_text),
        ListColumn("concomitant", N_("Concomitant diagnosis"), "text",
                   m.DraftAct.concomitant_summary),
        ListColumn("status", N_("Status"), "label", m.DraftAct.status, searchable=False, labels=labels.ACT_STATUS),
        ListColumn("due", N_("Due"), "datetime", m.DraftAct.due_at, searchable=False,
                   deadline_rule="expert_decision"),
    ),
)

APPEALS = Listing(  # App 24: journal of appeals against proactive conclusions
    name="appeals", title=N_("Appeals"), row_id=m.Appeal.id,
    source=select(m.Appeal).join(m.DraftAct, m.Appeal.act_id == m.DraftAct.id)
    .outerjoin(_control, m.Appeal.control_department_id == _control.id),
    columns=(
        ListColumn("act", N_("Draft act No."), "text", m.DraftAct.number),
        ListColumn("filed", N_("Filed"), "datetime", m.Appeal.filed_at, searchable=False),
        ListColumn("reg_number", N_("Registration No."), "text", m.Appeal.registration_number),
        ListColumn("registered", N_("Registered"), "datetime", m.Appeal.registered_at, searchable=False),
        ListColumn("control", N_("Control department"), "text", func.coalesce(_control.code, literal(""))),
        ListColumn("concluded", N_("Concluded"), "datetime", m.Appeal.concluded_at, searchable=False),
        ListColumn("status", N_("Status"), "label", m.Appeal.status, searchable=False, labels=labels.APPEAL_STATUS),
        ListColumn("due", N_("Due"), "datetime", m.Appeal.due_at, searchable=False),
    ),
)

LISTINGS: dict[str, Listing] = {listing.name: listing for listing in (REGISTRY, INCOMING, WAITING, APPEALS)}


def summary(session: Session) -> dict:
    """What the status bar shows: this workstation's department and user, and counts."""
    def count(query) -> int:
        return session.scalar(query) or 0

    acts_by_status = dict(session.execute(select(m.DraftAct.status, func.count()).group_by(m.DraftAct.status)).all())
    settings = workstation.settings(session)
    return {
        "department": settings.department_name(session),
        "user": settings.user_name,
        "waiting": acts_by_status.get(m.ActStatus.WAITING, 0),
        "under_review": acts_by_status.get(m.ActStatus.UNDER_REVIEW, 0),
        "appeals": count(select(func.count()).select_from(m.Appeal).where(m.Appeal.status != "concluded")),
        "experts": count(select(func.count()).select_from(m.StaffMember).where(m.StaffMember.role.in_(m.EXPERT_ROLES))),
    }
