"""The expert's workstation's side of the offline round trip (§25.2, §25.5): the acts the
department exported for this expert come in, the decisions made here go out.

The public surface, used by the ``acts receive`` / ``decisions export`` commands, the window and
the sync client alike (keep these signatures stable):

* ``receive_acts(session, document, at=None)`` applies an ``acts export`` document
  (``saraptama-expert-acts/1``): creates or updates the depersonalised acts and this expert's
  places on them, takes the department's copies of the expert's own decisions (a decision made
  here that the department now holds counts as received), and removes the acts that are no longer
  this expert's (reassigned, or routed once the panel decided) — unless a decision made here on
  one of them has not been sent yet: that act stays, and the answer names it.
* ``pending_decisions(session)``: the decisions made here that have not been sent, oldest first,
  as entries of ``saraptama-expert-decisions/1`` (each with the uid it was made with, so the
  department records it once however often it arrives).
* ``export_decisions(session, everything=False)``: the document ``import_decisions`` reads; with
  ``everything`` every decision made here, sent or not.
* ``mark_sent(session, uids, at)``: those decisions have left for the department.

Nothing personal ever reaches this database: a document holding what looks like an IIN, or a
person's part, is refused whole.  Every decision made here goes through
``decisions.submit`` — the same rules check, blind review and ``Signer`` as at the department.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ... import models as m
from ...domain.states import AssignmentRole
from ...models import transitions
from ...domain.clock import KZ_TIME, now_kz
from ...domain.collation import full_name, sort_key
from ...domain.settings import EXPERT_ID, USER_NAME
from ...domain.iin import iin_checksum_ok
from ...errors import UserError
from ...i18n import N_
from ...output_files import checked_target, write_output
from .. import depersonalise, workstation
from .exchange import DECISIONS_FORMAT, FORMAT

PLACE_ROLES = tuple(AssignmentRole)
PERSONAL_KEYS = frozenset({"person", "patient", "representative", "iin", "birth_date", "phone",
                           "registration_address", "actual_address"})
_IIN_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{12}(?![0-9A-Za-z])")


# -- reading the document ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Received:
    """One act of the document, read and checked."""

    number: str
    act_uid: str | None
    act: dict
    place_uid: str
    role: str
    assigned_at: datetime | None
    due_at: datetime
    decisions: tuple[dict, ...]


def _moment(value) -> datetime:
    moment = datetime.fromisoformat(value)  # TypeError / ValueError: the caller reports the entry
    return moment if moment.tzinfo else moment.replace(tzinfo=KZ_TIME)


def _optional_moment(value) -> datetime | None:
    return None if value is None else _moment(value)


def _text(value, longest: int) -> str:
    if not isinstance(value, str) or len(value) > longest:
        raise ValueError("not a text of that length")
    return value


def _act_values(case: dict) -> dict:
    """The columns of a depersonalised act from the file's copy (``acts show --as expert``)."""
    main = case["diagnosis_main"]
    concomitant = case.get("diagnoses_concomitant") or []
    if not isinstance(concomitant, list) or not all(isinstance(d, dict) for d in concomitant) \
            or not isinstance(case.get("clinical") or {}, dict) or not isinstance(case["working"], bool) \
            or not isinstance(case["age_years"], int) or not 0 <= case["age_years"] <= 150:
        raise ValueError("act fields of the wrong kind")
    return {
        "registered_at": _moment(case["registered_at"]), "status": m.ActStatus(case.get("status", "under_review")),
        "due_at": _optional_moment(case.get("due")), "purpose": _text(case["purpose"], 24),
        "age_years": case["age_years"], "sex": _text(case["sex"], 6), "working": case["working"],
        "diagnosis_main_icd10": _text(main["icd10"], 10), "diagnosis_main_text": _text(main.get("text", ""), 300),
        "diagnoses_concomitant": concomitant, "clinical": case.get("clinical") or {},
        "concomitant_summary": "; ".join(f"{d.get('icd10', '')} {d.get('text', '')}".strip()
                                         for d in concomitant)[:300],
    }


def _decision_of_file(entry) -> dict:
    if not isinstance(entry, dict) or not isinstance(entry.get("content"), dict):
        raise ValueError("not a decision")
    return {"uid": _text(entry["uid"], 32), "decided_at": _moment(entry["decided_at"]), "content": entry["content"],
            "signature": _text(entry.get("signature", ""), 10_000),
            "superseded_at": _optional_moment(entry.get("superseded_at"))}


def _received(index: int, entry) -> _Received:
    try:
        case = entry["act"]
        number = _text(case["number"], 14)
        if not (len(number) == 14 and number.isascii() and number.isdigit()) or entry["role"] not in PLACE_ROLES:
            raise ValueError("number or role")
        decisions = entry.get("decisions") or []
        if not isinstance(decisions, list):
            raise ValueError("decisions")
        act_uid = entry.get("act_uid")
        return _Received(number=number, act_uid=_text(act_uid, 32) if act_uid is not None else None,
                         act=_act_values(case), place_uid=_text(entry["assignment"], 32), role=entry["role"],
                         assigned_at=_optional_moment(entry.get("assigned_at")),
                         due_at=_moment(entry["due"]), decisions=tuple(_decision_of_file(d) for d in decisions))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise UserError(N_("Act {index} of the file is incomplete or damaged; nothing was received."),
                        index=index + 1) from None


def _refuse_personal(document) -> None:
    """§25.2: an expert's device holds nothing personal — a file with a person's part or anything
    shaped like an IIN (12 digits with a valid check digit) did not come from ``acts export``."""
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            if PERSONAL_KEYS & value.keys():
                raise UserError(N_("The file holds a person's data; an expert's workstation refuses it (§25.2)."))
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, (str, int)) and not isinstance(value, bool) and any(
                iin_checksum_ok(found) for found in _IIN_LIKE.findall(str(value))):
            raise UserError(N_("The file holds what looks like an IIN; an expert's workstation refuses it (§25.2)."))


def _refuse_identifiers(acts: list) -> None:
    """§25.2: the free text of an act (clinical fields, diagnoses) holds no e-mail, phone or IIN in
    any grouping ("900515/300127", "705 123 45 67"): the department's scrubbing takes them all."""
    pending = [entry.get("act") for entry in acts if isinstance(entry, dict)]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and depersonalise.holds_identifiers(value):
            raise UserError(N_("The file holds what looks like an IIN; an expert's workstation refuses it (§25.2)."))


def _read(document) -> tuple[int, list[_Received]]:
    shape = (document.get("format"), type(document.get("expert_id")), type(document.get("acts"))) \
        if isinstance(document, dict) else None
    if shape != (FORMAT, int, list):
        raise UserError(N_("This is not a file of acts for an expert ({format})."), format=FORMAT)
    _refuse_personal(document)
    _refuse_identifiers(document["acts"])
    received = [_received(i, entry) for i, entry in enumerate(document["acts"])]
    if len({r.number for r in received}) != len(received):
        raise UserError(N_("The file names one draft act twice; nothing was received."))
    return document["expert_id"], received


# -- this workstation's expert ----------------------------------------------------------------------
def _serves_a_department() -> UserError:
    return UserError(N_("This workstation serves a department; acts and decisions travel by file on an "
                        "expert's own workstation."))


def this_expert(session: Session) -> int:
    """The expert this workstation serves; a department's workstation has none."""
    expert_id = workstation.settings(session).expert_id
    if expert_id is None:
        raise _serves_a_department()
    return expert_id


def _expert_for(session: Session, expert_id: int, document: dict) -> m.StaffMember:
    """The file's expert must be this workstation's; an empty database becomes theirs."""
    settings = workstation.settings(session)
    if settings.expert_id is None and (settings.department_code or workstation.holds_persons(session)):
        raise _serves_a_department()
    if settings.expert_id is not None and settings.expert_id != expert_id:
        raise UserError(N_("The file is for expert No. {file}; this workstation serves expert No. {expert}."),
                        file=expert_id, expert=settings.expert_id)
    about = document.get("expert")
    if not isinstance(about, dict):
        about = {}
    expert = session.get(m.StaffMember, expert_id)
    if expert is None:
        expert = _new_expert(session, expert_id, about)
    if about.get("role") in {r.value for r in m.EXPERT_ROLES} and about["role"] != expert.role.value:
        expert.role = m.StaffRole(about["role"])
    if settings.expert_id is None:
        workstation.set_setting(session, EXPERT_ID, expert_id)
        workstation.set_setting(session, USER_NAME, expert.full_name)
    return expert


def _new_expert(session: Session, expert_id: int, about: dict) -> m.StaffMember:
    names = [value if isinstance(value := about.get(k), str) else ""
             for k in ("last_name", "first_name", "middle_name")]
    region = about.get("region") if session.get(m.Region, str(about.get("region"))) else None
    region = region or session.scalar(select(m.Region.code).order_by(m.Region.code).limit(1))
    role = m.StaffRole(about["role"]) if about.get("role") in {r.value for r in m.EXPERT_ROLES} \
        else m.StaffRole.INDEPENDENT
    expert = m.StaffMember(id=expert_id, iin="", last_name=names[0][:100], first_name=names[1][:100],
                           middle_name=names[2][:100], sort_name=sort_key(full_name(*names))[:400], role=role,
                           region_code=region)
    session.add(expert)
    session.flush()
    return expert


# -- applying it ------------------------------------------------------------------------------------
def _assign(row, values: dict) -> bool:
    """Sets the values that differ; True when anything changed."""
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


@dataclass
class _Known:
    """What the laptop already holds of the file's acts, read in three queries (not one a row)."""

    acts: dict[str, m.DraftAct]
    places: dict[str, m.Assignment]
    decisions: dict[str, m.ExpertDecision]

    @classmethod
    def read(cls, session: Session, received: list[_Received]) -> _Known:
        numbers = [r.number for r in received]
        uids = [d["uid"] for r in received for d in r.decisions]
        with session.no_autoflush:
            return cls(
                {a.number: a for a in session.scalars(select(m.DraftAct).where(m.DraftAct.number.in_(numbers)))},
                {p.uid: p for p in session.scalars(select(m.Assignment).where(
                    m.Assignment.uid.in_([r.place_uid for r in received])))},
                {d.uid: d for d in session.scalars(select(m.ExpertDecision).where(m.ExpertDecision.uid.in_(uids)))})


def _store_act(session: Session, known: _Known, received: _Received) -> tuple[m.DraftAct, str]:
    """The department's copy of the act as it stands there: a copy of its state, not a step."""
    act = known.acts.get(received.number)
    with transitions.copying():
        if act is None:
            act = m.DraftAct(number=received.number, person_id=None, package_id=None, department_id=None,
                             **received.act)
            if received.act_uid:
                act.uid = received.act_uid
            session.add(act)
            return act, "received"
        return act, "updated" if _assign(act, received.act) else "unchanged"


def _store_place(session: Session, known: _Known, act: m.DraftAct, expert_id: int,
                 received: _Received) -> tuple[m.Assignment, bool]:
    place = known.places.get(received.place_uid)
    values = {"role": received.role, "due_at": received.due_at, "withdrawn": False, "withdrawn_at": None}
    if received.assigned_at is not None:
        values["assigned_at"] = received.assigned_at
    if place is None:
        place = m.Assignment(uid=received.place_uid, act=act, expert_id=expert_id, **values)
        session.add(place)
        return place, True
    return place, _assign(place, values)


def _store_decisions(session: Session, known: _Known, place: m.Assignment, received: _Received,
                     at: datetime) -> int:
    """The department's copies of the expert's own decisions; returns how many made here it now holds."""
    acknowledged = 0
    for held in received.decisions:
        local = known.decisions.get(held["uid"])
        if local is None:
            content = held["content"]
            session.add(m.ExpertDecision(
                uid=held["uid"], assignment=place, decided_at=held["decided_at"],
                outcome=str(content.get("outcome", "conclusion"))[:16], content=content,
                signature=held["signature"], superseded_at=held["superseded_at"], sent_at=held["decided_at"]))
        elif local.sent_at is None:
            local.sent_at = at
            acknowledged += 1
    return acknowledged


def _unsent(act: m.DraftAct) -> bool:
    return any(d.sent_at is None for place in act.assignments for d in place.decisions)


def _withdraw(session: Session, expert_id: int, kept_places: set[str], kept_acts: set[str], result: dict) -> None:
    """Places of this expert the file no longer has: the act goes, unless a decision made here on it
    waits to be sent (then it stays, and the answer says so)."""
    places = session.scalars(select(m.Assignment).where(m.Assignment.expert_id == expert_id,
                                                        m.Assignment.uid.not_in(kept_places))
                             .options(selectinload(m.Assignment.act).selectinload(m.DraftAct.assignments)
                                      .selectinload(m.Assignment.decisions))).all()
    for place in places:
        act = place.act
        if _unsent(act):
            if act.number not in result["kept_unsent"]:
                result["kept_unsent"].append(act.number)
        elif act.number in kept_acts:
            place.withdrawn = True  # the act came back to this expert under a new place
        elif act.number not in result["removed"]:
            result["removed"].append(act.number)
            session.delete(act)


def receive_acts(session: Session, document, at: datetime | None = None, *,
                 progress: Callable[[int, int], None] | None = None) -> dict:
    """Applies an ``acts export`` document to this expert's workstation (see the module's docstring).

    Returns ``{"expert_id", "received": [numbers], "updated": [numbers], "unchanged": N,
    "removed": [numbers], "kept_unsent": [numbers], "acknowledged": N}``; the same document
    received twice changes nothing the second time."""
    at = at or now_kz()
    expert_id, received = _read(document)
    expert = _expert_for(session, expert_id, document)
    result: dict[str, Any] = {"expert_id": expert.id, "received": [], "updated": [], "unchanged": 0, "removed": [],
                              "kept_unsent": [], "acknowledged": 0}
    known = _Known.read(session, received)
    for done, item in enumerate(received):
        if progress is not None:
            progress(done, len(received))
        act, outcome = _store_act(session, known, item)
        place, place_changed = _store_place(session, known, act, expert.id, item)
        if outcome == "unchanged" and place_changed:
            outcome = "updated"
        if outcome == "unchanged":
            result["unchanged"] += 1
        else:
            result[outcome].append(item.number)
        result["acknowledged"] += _store_decisions(session, known, place, item, at)
    if progress is not None:
        progress(len(received), len(received))
    session.flush()
    _withdraw(session, expert.id, {r.place_uid for r in received}, {r.number for r in received}, result)
    session.flush()
    return result


# -- decisions going out ----------------------------------------------------------------------------
def _entry(decision: m.ExpertDecision) -> dict:
    return {"act": decision.assignment.act.number, "uid": decision.uid,
            "decided_at": decision.decided_at.astimezone(KZ_TIME).isoformat(timespec="seconds"),
            "content": decision.content, "confirm_warnings": decision.warnings_confirmed,
            "correction": decision.supersedes_id is not None, "signature": decision.signature}


def _made_here(session: Session, expert_id: int, *, unsent_only: bool) -> list[m.ExpertDecision]:
    query = (select(m.ExpertDecision).join(m.Assignment).where(m.Assignment.expert_id == expert_id)
             .options(selectinload(m.ExpertDecision.assignment).selectinload(m.Assignment.act))
             .order_by(m.ExpertDecision.decided_at, m.ExpertDecision.id))
    if unsent_only:
        query = query.where(m.ExpertDecision.sent_at.is_(None))
    return list(session.scalars(query))


def pending_decisions(session: Session) -> list[dict]:
    """The decisions made on this workstation that have not been sent, oldest first."""
    return [_entry(d) for d in _made_here(session, this_expert(session), unsent_only=True)]


def export_decisions(session: Session, everything: bool = False) -> dict:
    """The ``saraptama-expert-decisions/1`` document ``acts import-decisions`` reads at the
    department: the unsent decisions, or (``everything``) all of them.  Marks nothing sent."""
    expert_id = this_expert(session)
    return {"format": DECISIONS_FORMAT, "expert_id": expert_id,
            "decisions": [_entry(d) for d in _made_here(session, expert_id, unsent_only=not everything)]}


def mark_sent(session: Session, uids: Iterable[str], at: datetime) -> int:
    """The decisions with these uids have left for the department; returns how many were unsent."""
    wanted = set(uids)
    if not wanted:
        return 0
    marked = 0
    for decision in session.scalars(select(m.ExpertDecision).where(m.ExpertDecision.uid.in_(wanted),
                                                                  m.ExpertDecision.sent_at.is_(None))):
        decision.sent_at = at
        marked += 1
    session.flush()
    return marked


def write_json(path: Path, document) -> None:
    """A document of the exchange written to ``path`` (UTF-8, readable)."""
    write_output(path, json.dumps(document, ensure_ascii=False, indent=1))


def write_decisions(session: Session, path: Path, at: datetime, everything: bool = False) -> dict:
    """``decisions export``: the document written to ``path``, then its decisions marked sent."""
    checked_target(path)
    document = export_decisions(session, everything)
    write_json(path, document)
    mark_sent(session, [d["uid"] for d in document["decisions"]], at)
    return {"file": str(path), "decisions": len(document["decisions"]),
            "acts": sorted({d["act"] for d in document["decisions"]})}


def summary(session: Session, now: datetime | None = None) -> dict:
    """What an expert's status bar shows: open places, due today, overdue, decisions not yet sent."""
    expert_id = this_expert(session)
    now = now or now_kz()
    decided = select(m.ExpertDecision.assignment_id).where(m.ExpertDecision.superseded_at.is_(None))
    open_places = select(m.Assignment.due_at).join(m.DraftAct).where(
        m.Assignment.expert_id == expert_id, m.Assignment.withdrawn.is_(False), m.Assignment.id.not_in(decided),
        m.DraftAct.status == m.ActStatus.UNDER_REVIEW)
    dues = [due.astimezone(KZ_TIME) for due in session.scalars(open_places)]
    today = now.astimezone(KZ_TIME).date()
    unsent = session.scalar(select(func.count()).select_from(m.ExpertDecision).join(m.Assignment).where(
        m.Assignment.expert_id == expert_id, m.ExpertDecision.sent_at.is_(None))) or 0
    settings = workstation.settings(session)
    return {"expert_id": expert_id, "user": settings.user_name, "open": len(dues),
            "due_today": sum(1 for due in dues if due.date() == today and due >= now),
            "overdue": sum(1 for due in dues if due < now), "unsent": unsent}
