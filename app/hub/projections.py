"""What a device pulls: the part of the hub its user's role may hold, as changes after a cursor.

* expert — the acts under review on its places of the panel (§25.4-25.5), as one document, the
  very one the file route carries (``exchange.export_for_expert``: depersonalised copies, §25.2,
  and the expert's own decisions, §25.5).  It is sent whole whenever it differs from the one the
  device last stored (the cursor is its hash): an expert holds dozens of acts, not thousands, and
  the laptop's ``receive_acts`` removes an act that is no longer there (reassigned, or routed).
  No personal data.
* department — the acts of its department of permanent registration (§48), with the person and
  the conclusion: the department works with them.
* committee — every act, depersonalised, with its route and conclusion.

Other records are ordered by their change stamp and uid; rows changed within the last ``settle``
seconds are left for the next pull, so a transaction that stamped a row earlier but commits
later than a row already sent is not skipped.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..domain.clock import KZ_TIME
from ..models.base import utcnow
from ..services import acts
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


def _act_summary(act: m.DraftAct) -> dict:
    conclusion = act.conclusion
    return {"number": act.number, "status": act.status, "registered_at": _kz(act.registered_at),
            "due": _kz(act.due_at), "department": act.department.code if act.department else None,
            "purpose": act.purpose, "age_years": act.age_years, "sex": act.sex,
            "diagnosis_main": {"icd10": act.diagnosis_main_icd10, "text": act.diagnosis_main_text},
            "route": conclusion.route if conclusion else None,
            "conclusion": conclusion.decision if conclusion else None,
            "signed_at": _kz(conclusion.signed_at) if conclusion else None}


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
            data["person"] = acts.person_record(act.person) if act.person else None
        records.append(({"kind": "act", "uid": act.uid, "key": act.number, "data": data}, moment, act.uid))
    return records


SNAPSHOT = "snapshot:"


def _expert_pull(session: Session, user: m.HubUser, cursor: str) -> dict:
    document = exchange.export_for_expert(session, user.expert_id)
    version = SNAPSHOT + protocol.content_hash(exchange.FORMAT, document)
    records = [] if cursor == version else [{"kind": "acts", "uid": version[len(SNAPSHOT):][:32],
                                             "key": str(user.expert_id), "data": document}]
    return {"records": records, "cursor": version, "more": False}


def check_cursor(role: str, cursor: str) -> None:
    """``ValueError`` for a cursor this hub did not make for this role."""
    if role == "expert":
        if cursor and not cursor.startswith(SNAPSHOT):
            raise ValueError("not a cursor")
    else:
        protocol.decode_cursor(cursor)


def pull(session: Session, user: m.HubUser, cursor: str, limit: int, settle: float) -> dict:
    """The next batch of ``user``'s projection after ``cursor``: records, the cursor after them,
    and whether more are waiting."""
    if user.role == "expert":
        return _expert_pull(session, user, cursor)
    rows = _act_records(session, user, protocol.decode_cursor(cursor), limit, settle)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = protocol.encode_cursor(rows[-1][1], rows[-1][2]) if rows else cursor
    return {"records": [record for record, _stamp, _uid in rows], "cursor": next_cursor, "more": more}
