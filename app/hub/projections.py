"""What a device pulls: the part of the hub its user's role may hold, as changes after a cursor.

* expert — the places of the panel given to it (§25.4-25.5): an act under review on an active
  place is sent as the depersonalised copy the file route sends (``exchange.expert_entry``,
  §25.2); a place withdrawn (the act reassigned) or an act that left review is sent as
  ``withdrawn``, so the act leaves the laptop at its next sync.  No personal data.
* department — the acts of its department of permanent registration (§48), with the person and
  the conclusion: the department works with them.
* committee — every act, depersonalised, with its route and conclusion.

Records are ordered by their change stamp and uid; rows changed within the last ``settle``
seconds are left for the next pull, so a transaction that stamped a row earlier but commits
later than a row already sent is not skipped.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, case, or_, select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..domain.clock import KZ_TIME
from ..models.base import utcnow
from ..services.review import exchange
from ..sync import protocol


def _after(stamp, uid_column, cursor):
    if cursor is None:
        return True
    moment, uid = cursor
    return or_(stamp > moment, and_(stamp == moment, uid_column > uid))


def _page(session: Session, query, stamp, uid_column, cursor, limit: int, settle: float):
    horizon = utcnow() - timedelta(seconds=settle)
    query = query.where(stamp <= horizon, _after(stamp, uid_column, cursor)).order_by(stamp, uid_column)
    return session.execute(query.limit(limit + 1)).all()


def _kz(moment: datetime | None) -> str | None:
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes") if moment else None


def _expert_records(session: Session, user: m.HubUser, cursor, limit: int, settle: float):
    stamp = case((m.Assignment.updated_at > m.DraftAct.updated_at, m.Assignment.updated_at),
                 else_=m.DraftAct.updated_at)
    query = (select(m.Assignment, stamp.label("stamp")).join(m.DraftAct)
             .where(m.Assignment.expert_id == user.expert_id))
    rows = _page(session, query, stamp, m.Assignment.uid, cursor, limit, settle)
    records = []
    for place, moment in rows:
        if not place.withdrawn and place.act.status == m.ActStatus.UNDER_REVIEW:
            record = {"kind": "act", "uid": place.uid, "key": place.act.number,
                      "data": exchange.expert_entry(session, place)}
        else:
            record = {"kind": "withdrawn", "uid": place.uid, "key": place.act.number, "data": None}
        records.append((record, moment, place.uid))
    return records


def _act_summary(act: m.DraftAct) -> dict:
    conclusion = act.conclusion
    return {"number": act.number, "status": act.status.value, "registered_at": _kz(act.registered_at),
            "due": _kz(act.due_at), "department": act.department.code if act.department else None,
            "purpose": act.purpose, "age_years": act.age_years, "sex": act.sex,
            "diagnosis_main": {"icd10": act.diagnosis_main_icd10, "text": act.diagnosis_main_text},
            "route": conclusion.route if conclusion else None,
            "conclusion": conclusion.decision if conclusion else None,
            "signed_at": _kz(conclusion.signed_at) if conclusion else None}


def _person(person: m.Person) -> dict:
    return {"iin": person.iin, "last_name": person.last_name, "first_name": person.first_name,
            "middle_name": person.middle_name, "birth_date": person.birth_date.isoformat(), "sex": person.sex,
            "phone": person.phone, "registration_address": person.registration_address}


def _act_records(session: Session, user: m.HubUser, cursor, limit: int, settle: float):
    query = select(m.DraftAct, m.DraftAct.updated_at).options(
        selectinload(m.DraftAct.conclusion), selectinload(m.DraftAct.department))
    with_person = user.role == "department"
    if with_person:
        query = query.join(m.Department, m.DraftAct.department_id == m.Department.id).where(
            m.Department.code == user.department_code).options(selectinload(m.DraftAct.person))
    rows = _page(session, query, m.DraftAct.updated_at, m.DraftAct.uid, cursor, limit, settle)
    records = []
    for act, moment in rows:
        data = _act_summary(act)
        if with_person:
            data["person"] = _person(act.person)
        records.append(({"kind": "act", "uid": act.uid, "key": act.number, "data": data}, moment, act.uid))
    return records


PROJECTIONS = {"expert": _expert_records, "department": _act_records, "committee": _act_records}


def pull(session: Session, user: m.HubUser, cursor: str, limit: int, settle: float) -> dict:
    """The next batch of ``user``'s projection after ``cursor``: records, the cursor after them,
    and whether more are waiting."""
    rows = PROJECTIONS[user.role](session, user, protocol.decode_cursor(cursor), limit, settle)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = protocol.encode_cursor(rows[-1][1], rows[-1][2]) if rows else cursor
    answer = {"records": [record for record, _stamp, _uid in rows], "cursor": next_cursor, "more": more}
    if user.role == "expert":
        answer["format"], answer["expert_id"] = exchange.FORMAT, user.expert_id
    return answer
