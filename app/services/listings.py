"""The four lists of the main window, as database queries that scale to 100,000 rows.

A list answers two questions: which row ids match a filter, in which order (``ids``), and
what a block of rows shows (``rows``).  The window keeps only the ids and fetches rows in
blocks as they scroll into view.

The lists are written in SQLAlchemy's core over lightweight tables of the columns they show
(``TABLES``, of the same names and types as the models', which a test holds them to): a unit
of work of the ORM runs them, and so does a bare connection opened before the models are
declared (the window's first rows, ``ui.first_rows``) — one definition for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from functools import cached_property
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ClauseElement,
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    Table,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    table,
)
from sqlalchemy import column as table_column
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import TypeEngine
from sqlalchemy.sql.util import find_tables

from ..column_types import UtcDateTime, enum_column
from ..domain import appeals as appeal_rules
from ..domain import labels
from ..domain import registry as registry_rules
from ..domain.clock import KZ_TIME, now_kz
from ..domain.regions import REGIONS
from ..domain.rules.labels import GROUP, OUTCOME_LABELS
from ..domain.states import EXPERT_ROLES, ActStatus, AppealStatus, ApplicationStatus, RegistryStatus, StaffRole
from ..i18n import N_, current_language, gettext
from ..domain.settings import DEPARTMENT_CODE
from . import text_search
from .stored_settings import read_setting

if TYPE_CHECKING:
    from sqlalchemy.orm import InstrumentedAttribute, Session

    Expr = ColumnElement[Any] | InstrumentedAttribute[Any]  # a model's column as it is, or an expression

DATE_KINDS = ("date", "datetime", "due")


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str  # message id, translated where shown
    kind: str  # text | code (a number or code, never cut) | int | date | datetime | due | bool | label | region
    expr: Expr = field(repr=False)
    sort_expr: Expr | None = field(default=None, repr=False)
    searchable: bool = True
    labels: dict[Any, str] | None = field(default=None, repr=False)  # stored code -> message id
    indexed: str | None = None  # the column of the text index (``text_search``) holding this text
    rule: Expr | None = field(default=None, repr=False)  # due dates: name of the deadline rule


@dataclass(frozen=True)
class Due:
    """A due date as a list shows it: the moment, and the rule of ``app.domain.deadlines`` behind it."""

    at: datetime
    rule: str | None


def _clause(expr: Expr | Select) -> ClauseElement:
    """A model's column as the SQL expression it stands for (a column or an expression is one already)."""
    found = getattr(expr, "expression", None)
    clause: ClauseElement = expr if found is None else found  # type: ignore[assignment]
    return clause


def _table_name(table) -> str:
    while not isinstance(table, Table) and hasattr(table, "element"):  # an alias of a table
        table = table.element
    return getattr(table, "name", "")


@dataclass(frozen=True)
class Listing:
    name: str
    title: str
    row_id: Expr
    source: Select  # FROM, joins and WHERE of the list; the columns are added per query
    columns: tuple[ListColumn, ...]
    search_key: Expr | None = field(default=None, repr=False)  # the draft act's id, for the index
    department: Expr | None = field(default=None, repr=False)  # the department a row belongs to
    other_department: Expr | None = field(default=None, repr=False)  # a second one (an appeal's
    # control department): a row belongs to both

    def column(self, key: str) -> ListColumn:
        return next(column for column in self.columns if column.key == key)

    @cached_property
    def tables(self) -> frozenset[str]:
        """The tables whose rows the list shows: a unit of work that wrote none of them leaves it as it is."""
        exprs = [self.source, self.row_id, *(c.expr for c in self.columns), *(c.rule for c in self.columns)]
        names = {_table_name(table) for expr in exprs if expr is not None
                 for table in find_tables(_clause(expr), include_aliases=True, include_joins=True, include_selects=True,
                                          check_columns=True)}
        return frozenset(names - {""})  # "": a subquery, whose own tables are found inside it

    @property
    def due_column(self) -> ListColumn | None:
        return next((column for column in self.columns if column.kind == "due"), None)

    def ids(self, session: Session, text: str = "", sort: int | None = None, descending: bool = False, *,
            overdue: bool = False, department_id: int | None = None, lang: str | None = None,
            now: datetime | None = None, filters: dict | None = None) -> list[int]:
        """The ids of the rows matching every word of ``text`` in some column, as the columns
        show it in ``lang``; only rows past their due date (``overdue``), only the rows of one
        department (``department_id``), only rows whose columns hold the stored values of
        ``filters`` (column key -> value); in the order of column ``sort``, empty dates last."""
        query = self.source.with_only_columns(self.row_id)
        for key, value in (filters or {}).items():
            query = query.where(self.column(key).expr == value)
        for term in text.lower().split():
            query = query.where(self._term_condition(session, term, lang or current_language()))
        if overdue:
            query = query.where(self.due_column.expr < (now or now_kz())) if self.due_column else query.where(false())
        if department_id is not None and self.department is not None:
            query = query.where(or_(self.department == department_id, self.other_department == department_id)
                                if self.other_department is not None else self.department == department_id)
        if sort is not None:
            column = self.columns[sort]
            order = column.sort_expr if column.sort_expr is not None else column.expr
            order = order.desc() if descending else order.asc()
            query = query.order_by(order.nulls_last() if column.kind in DATE_KINDS else order)
        query = query.order_by(self.row_id.desc() if descending else self.row_id.asc())
        return list(session.scalars(query))

    def _term_condition(self, session: Session, term: str, lang: str) -> ColumnElement:
        """One typed word: found in any column's text as shown (an OR of per-column tests);
        words long enough for the trigram index are looked up there."""
        use_index = self.search_key is not None and len(term) >= text_search.MIN_TERM
        indexed = [c.indexed for c in self.columns if c.searchable and c.indexed]
        conditions = []
        if use_index and indexed and self.search_key is not None:
            conditions.append(self.search_key.in_(text_search.matching(session, indexed, term)))
        for column in self.columns:
            if column.searchable and not (use_index and column.indexed):
                conditions.extend(_shown_text_condition(column, term, lang))
        return or_(*conditions) if conditions else false()

    def rows(self, session: Session, ids: Sequence[int]) -> dict[int, tuple]:
        exprs = [self.row_id]
        for column in self.columns:
            exprs.append(column.expr)
            if column.kind == "due" and column.rule is not None:  # a due date and the rule behind it
                exprs.append(column.rule)
        query = self.source.with_only_columns(*exprs).where(self.row_id.in_(list(ids)))
        return {row[0]: self._display_row(row[1:]) for row in session.execute(query)}

    def _display_row(self, values: Sequence) -> tuple:
        shown: list = []
        remaining = iter(values)
        for column in self.columns:
            value = next(remaining)
            if column.kind == "due":
                rule = next(remaining) if column.rule is not None else None
                shown.append(None if value is None else Due(value.astimezone(KZ_TIME), rule))
            else:
                shown.append(self._display(column, value))
        return tuple(shown)

    def count(self, session: Session) -> int:
        return session.scalar(self.source.with_only_columns(func.count(self.row_id))) or 0

    @staticmethod
    def _display(column: ListColumn, value):
        if column.labels is not None:
            return column.labels.get(getattr(value, "value", value), value)
        if isinstance(value, datetime):
            return value.astimezone(KZ_TIME)
        return value


def _contains(text: str, term: str) -> bool:
    return term in text.lower()


def _shown_text_condition(column: ListColumn, term: str, lang: str) -> list[ColumnElement]:
    """Rows whose ``column`` shows ``term`` in ``lang``: stored codes whose translated label
    contains it, region names, Yes/No, digits of a number; text through ``lower()``."""
    expr = column.expr
    if column.kind in ("text", "code"):
        return [func.lower(func.coalesce(expr, literal(""))).contains(term, autoescape=True)]
    if column.kind == "label" and column.labels is not None:
        codes = [code for code, message in column.labels.items() if _contains(gettext(message, lang), term)]
        return [expr.in_(codes)] if codes else []
    if column.kind == "region":
        codes = [region.code for region in REGIONS if _contains(region.name(lang), term)]
        return [expr.in_(codes)] if codes else []
    if column.kind == "bool":
        return [expr.is_(value) for value, word in ((True, "Yes"), (False, "No"))
                if _contains(gettext(word, lang), term)]
    if column.kind == "int" and term.isdigit():
        return [cast(expr, String).contains(term, autoescape=True)]
    return []  # dates are found by their column's sort, not by typing


def _table(name: str, *columns: tuple[str, TypeEngine[Any] | type[TypeEngine[Any]]]) -> TableClause:
    return table(name, *(table_column(key, kind) for key, kind in columns))


_NAME = (("last_name", String), ("first_name", String), ("middle_name", String), ("sort_name", String))
_act = _table("draft_act", ("id", Integer), ("number", String), ("registered_at", UtcDateTime),
              ("status", enum_column(ActStatus)), ("due_at", UtcDateTime), ("department_id", Integer),
              ("person_id", Integer), ("purpose", String), ("age_years", Integer), ("working", Boolean),
              ("diagnosis_main_icd10", String), ("diagnosis_main_text", String), ("concomitant_summary", String))
_person = _table("person", ("id", Integer), ("iin", String), *_NAME)
_department = _table("department", ("id", Integer), ("code", String))
_staff = _table("staff_member", ("id", Integer), ("role", enum_column(StaffRole)), ("iin", String),
                ("region_code", String), ("department_id", Integer), ("specialty_profile", String),
                ("nosologies", JSON), ("status", enum_column(RegistryStatus)), ("included_on", Date),
                ("excluded_on", Date), ("exclusion_reason", Integer), ("registry_number", Integer), *_NAME)
_application = _table("registry_application", ("id", Integer), ("submitted_at", UtcDateTime), ("iin", String),
                      ("region_code", String), ("specialty_profile", String),
                      ("status", enum_column(ApplicationStatus)), ("due_at", UtcDateTime), *_NAME)
_appeal = _table("appeal", ("id", Integer), ("act_id", Integer), ("kind", String),
                 ("status", enum_column(AppealStatus)), ("filed_at", UtcDateTime), ("due_at", UtcDateTime),
                 ("registration_number", String), ("registered_at", UtcDateTime), ("deputy_head_id", Integer),
                 ("forwarded_at", UtcDateTime), ("committee_specialist_id", Integer),
                 ("control_department_id", Integer), ("concluded_at", UtcDateTime), ("decision", JSON),
                 ("letter_date", Date), ("letter_number", String))
_conclusion = _table("conclusion", ("act_id", Integer), ("decision", JSON))
TABLES = (_act, _person, _department, _staff, _application, _appeal, _conclusion)


def _name(entity) -> ColumnElement:
    return entity.c.last_name + literal(" ") + entity.c.first_name + literal(" ") + entity.c.middle_name


_control = _department.alias("control")

# the deadline rule (app.domain.deadlines) behind an open act's or appeal's due date
_ACT_RULE = case((_act.c.status == ActStatus.IN_PERSON, "in_person_no_show"), else_="expert_decision")
_APPEAL_RULE = case(*[(and_(_appeal.c.kind == kind, _appeal.c.status == status), rule)
                       for (kind, status), rule in appeal_rules.DUE_RULE.items()], else_=None)

def _json_list_text(expr) -> ColumnElement:
    """A JSON list of codes as the text "C00-C97, D50-D89" (SQLite and PostgreSQL alike)."""
    text: ColumnElement[str] = cast(expr, String)
    for mark in ('[', ']', '"'):
        text = func.replace(text, mark, "")
    return text


REGISTRY = Listing(  # Registry Rules App 1: the independent experts, in and out of the registry
    name="registry", title=N_("Registry"), row_id=_staff.c.id,
    source=select(_staff).where(_staff.c.role == StaffRole.INDEPENDENT),
    columns=(
        ListColumn("number", N_("No."), "int", _staff.c.registry_number),
        ListColumn("iin", N_("IIN"), "code", _staff.c.iin),
        ListColumn("name", N_("Full name"), "text", _name(_staff), _staff.c.sort_name),
        ListColumn("region", N_("Region of residence"), "region", _staff.c.region_code),
        ListColumn("profile", N_("Specialty profile"), "text", _staff.c.specialty_profile),
        ListColumn("nosologies", N_("Nosologies (ICD-10)"), "text", _json_list_text(_staff.c.nosologies)),
        ListColumn("included", N_("Included on"), "date", _staff.c.included_on, searchable=False),
        ListColumn("excluded", N_("Excluded on"), "date", _staff.c.excluded_on, searchable=False),
        ListColumn("reason", N_("Reason of exclusion"), "label", _staff.c.exclusion_reason,
                   labels=registry_rules.EXCLUSION_REASONS),
        ListColumn("status", N_("Status"), "label", _staff.c.status, labels=labels.REGISTRY_STATUS),
    ),
)

_APPLICATION_RULE = case(registry_rules.DUE_RULE, value=_application.c.status, else_=None)

APPLICANTS = Listing(  # Registry Rules p. 6-11: applications and where each stands
    name="applicants", title=N_("Applicants"), row_id=_application.c.id,
    source=select(_application),
    columns=(
        ListColumn("id", N_("Application No."), "int", _application.c.id),
        ListColumn("submitted", N_("Submitted"), "datetime", _application.c.submitted_at, searchable=False),
        ListColumn("iin", N_("IIN"), "code", _application.c.iin),
        ListColumn("name", N_("Full name"), "text", _name(_application), _application.c.sort_name),
        ListColumn("region", N_("Region of residence"), "region", _application.c.region_code),
        ListColumn("profile", N_("Specialty profile"), "text", _application.c.specialty_profile),
        ListColumn("status", N_("Status"), "label", _application.c.status, labels=labels.REGISTRY_STATUS),
        ListColumn("due", N_("Due"), "due", _application.c.due_at, searchable=False, rule=_APPLICATION_RULE),
    ),
)

STAFF = Listing(  # §25.4: heads and chief specialists of the departments
    name="staff", title=N_("Staff of the departments"), row_id=_staff.c.id,
    source=select(_staff).outerjoin(_department, _staff.c.department_id == _department.c.id)
    .where(_staff.c.role.in_((StaffRole.HEAD, StaffRole.SPECIALIST))),
    department=_staff.c.department_id,
    columns=(
        ListColumn("iin", N_("IIN"), "code", _staff.c.iin),
        ListColumn("name", N_("Full name"), "text", _name(_staff), _staff.c.sort_name),
        ListColumn("role", N_("Position"), "label", _staff.c.role, labels=labels.STAFF_ROLE),
        ListColumn("department", N_("Department"), "code", func.coalesce(_department.c.code, literal(""))),
        ListColumn("region", N_("Region"), "region", _staff.c.region_code),
        ListColumn("profile", N_("Specialty profile"), "text", _staff.c.specialty_profile),
    ),
)

INCOMING = Listing(
    name="incoming", title=N_("Incoming draft acts"), row_id=_act.c.id,
    source=select(_act).outerjoin(_person, _act.c.person_id == _person.c.id)  # none: an expert's copy
    .outerjoin(_department, _act.c.department_id == _department.c.id),
    search_key=_act.c.id, department=_act.c.department_id,
    columns=(
        ListColumn("number", N_("Draft act No."), "code", _act.c.number, indexed="number"),
        ListColumn("received", N_("Received"), "datetime", _act.c.registered_at, searchable=False),
        ListColumn("person", N_("Examined person"), "text", _name(_person), _person.c.sort_name, indexed="person"),
        ListColumn("iin", N_("IIN"), "code", _person.c.iin, indexed="person"),
        ListColumn("purpose", N_("Purpose"), "label", _act.c.purpose, labels=labels.PURPOSE),
        ListColumn("diagnosis", N_("Main diagnosis"), "text", _act.c.diagnosis_main_icd10, indexed="icd10"),
        ListColumn("department", N_("Department"), "code", func.coalesce(_department.c.code, literal("")),
                   indexed="department"),
        ListColumn("status", N_("Status"), "label", _act.c.status, labels=labels.ACT_STATUS),
        ListColumn("due", N_("Due"), "due", _act.c.due_at, searchable=False, rule=_ACT_RULE),
    ),
)

WAITING = Listing(  # App 9: the depersonalised waiting list
    name="waiting", title=N_("Waiting list"), row_id=_act.c.id,
    source=select(_act).where(_act.c.status.in_((ActStatus.WAITING, ActStatus.UNDER_REVIEW))),
    search_key=_act.c.id, department=_act.c.department_id,
    columns=(
        ListColumn("registered", N_("Registered"), "datetime", _act.c.registered_at, searchable=False),
        ListColumn("number", N_("Draft act No."), "code", _act.c.number, indexed="number"),
        ListColumn("age", N_("Age"), "int", _act.c.age_years),
        ListColumn("working", N_("Working"), "bool", _act.c.working),
        ListColumn("diagnosis", N_("Main diagnosis"), "text",
                   _act.c.diagnosis_main_icd10 + literal(" ") + _act.c.diagnosis_main_text,
                   indexed="diagnosis"),
        ListColumn("concomitant", N_("Concomitant diagnosis"), "text",
                   _act.c.concomitant_summary, indexed="concomitant"),
        ListColumn("status", N_("Status"), "label", _act.c.status, labels=labels.ACT_STATUS),
        ListColumn("due", N_("Due"), "due", _act.c.due_at, searchable=False, rule=_ACT_RULE),
    ),
)

def decision_summary(decision) -> ColumnElement:
    """A decision (JSON, docs/interfaces.md §3) as the group it sets or the mark it makes; None without one."""
    outcome = decision["outcome"].as_string()
    return case((outcome.is_(None), None), (outcome == "conclusion", decision["group"].as_string()), else_=outcome)


_deputy, _committee = _staff.alias("deputy"), _staff.alias("committee")
_DECISION_LABELS = {**GROUP, **OUTCOME_LABELS}

APPEALS = Listing(  # App 24 (journal of appeals against proactive conclusions, §56), with §54-55 and §73
    name="appeals", title=N_("Appeals"), row_id=_appeal.c.id,
    source=select(_appeal).join(_act, _appeal.c.act_id == _act.c.id)
    .outerjoin(_conclusion, _conclusion.c.act_id == _act.c.id)
    .outerjoin(_control, _appeal.c.control_department_id == _control.c.id)
    .outerjoin(_deputy, _appeal.c.deputy_head_id == _deputy.c.id)
    .outerjoin(_committee, _appeal.c.committee_specialist_id == _committee.c.id),
    search_key=_act.c.id, department=_act.c.department_id, other_department=_appeal.c.control_department_id,
    columns=(
        ListColumn("act", N_("Act No."), "code", _act.c.number, indexed="number"),  # App 24 col. 1
        ListColumn("kind", N_("Kind of case"), "label", _appeal.c.kind, labels=appeal_rules.KIND_SHORT),
        ListColumn("filed", N_("Appeal registered"), "datetime", _appeal.c.filed_at, searchable=False),  # 2
        ListColumn("reg_number", N_("Registration No."), "code", _appeal.c.registration_number),  # 3
        ListColumn("registered", N_("Reviewed by the territorial department"), "datetime",
                   _appeal.c.registered_at, searchable=False),  # 4
        ListColumn("deputy", N_("Deputy head"), "text", func.coalesce(_name(_deputy), literal(""))),  # 5
        ListColumn("forwarded", N_("Reviewed by the Committee"), "datetime", _appeal.c.forwarded_at,
                   searchable=False),  # 6
        ListColumn("committee", N_("Committee specialist"), "text",
                   func.coalesce(_name(_committee), literal(""))),  # 7
        ListColumn("experts", N_("Conclusion of the extraterritorial experts"), "label",
                   func.coalesce(decision_summary(_conclusion.c.decision), literal("")), labels=_DECISION_LABELS),  # 8
        ListColumn("control_decision", N_("Conclusion of the control department"), "label",
                   func.coalesce(decision_summary(_appeal.c.decision), literal("")), labels=_DECISION_LABELS),  # 9
        ListColumn("concluded", N_("Date of the conclusion"), "datetime", _appeal.c.concluded_at,
                   searchable=False),  # 10
        ListColumn("letter_date", N_("Outgoing letter of"), "date", _appeal.c.letter_date, searchable=False),  # 11
        ListColumn("letter", N_("Outgoing letter No."), "code", _appeal.c.letter_number),  # 12
        ListColumn("status", N_("Status"), "label", _appeal.c.status, labels=labels.APPEAL_STATUS),  # 13
        ListColumn("control", N_("Control department"), "code", func.coalesce(_control.c.code, literal(""))),
        ListColumn("due", N_("Due"), "due", _appeal.c.due_at, searchable=False, rule=_APPEAL_RULE),
    ),
)

LISTINGS: dict[str, Listing] = {listing.name: listing for listing in (REGISTRY, INCOMING, WAITING, APPEALS)}
REGISTRY_LISTINGS: dict[str, Listing] = {listing.name: listing for listing in (REGISTRY, APPLICANTS, STAFF)}
ALL_LISTINGS: dict[str, Listing] = {**LISTINGS, **REGISTRY_LISTINGS}  # every list that can be exported


def own_department_id(db) -> int | None:
    """This workstation's department (``db``: a ``Session``, or a bare connection of a quick start)."""
    code = read_setting(db, DEPARTMENT_CODE)
    return db.execute(select(_department.c.id).where(_department.c.code == code)).scalar() if code else None


def summary(session: Session, department_id: int | None = None, now: datetime | None = None) -> dict:
    """What the status bar shows: this workstation's department and user, and counts, of one
    department's acts and appeals when ``department_id`` is given."""
    def count(query) -> int:
        return session.scalar(query) or 0

    def scoped(query):
        return query if department_id is None else query.where(_act.c.department_id == department_id)

    from . import workstation

    now = now or now_kz()
    acts_by_status = dict(session.execute(scoped(select(_act.c.status, func.count()).group_by(_act.c.status)))
                          .all())
    appeals = select(func.count()).select_from(_appeal).join(_act, _appeal.c.act_id == _act.c.id)
    settings = workstation.settings(session)
    return {
        "department": settings.department_name(session),
        "user": settings.user_name,
        "waiting": acts_by_status.get(ActStatus.WAITING, 0),
        "under_review": acts_by_status.get(ActStatus.UNDER_REVIEW, 0),
        "appeals": count(scoped(appeals.where(_appeal.c.status != AppealStatus.CONCLUDED))),
        "experts": count(select(func.count()).select_from(_staff).where(_staff.c.role.in_(EXPERT_ROLES))),
        "overdue": count(scoped(select(func.count()).select_from(_act).where(_act.c.due_at < now)))
        + count(scoped(appeals.where(_appeal.c.due_at < now))),
    }
