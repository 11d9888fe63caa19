"""Demonstration appeals, complaints and control re-examinations in every state.

Each case is taken through the real steps of ``workflow`` (so its due dates follow the
production calendar and its records and SMS are those of a real run), on signed acts of the
demonstration signed before the case began.  A plan starts some working days before ``today``
and takes its steps the given number of working days apart; some are left overdue, to show the
highlight.  Deputy heads (one a region) and two Committee specialists are added for App 24."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain import appeals as rules
from ...domain import names
from ...domain.clock import KZ_TIME
from ...domain.collation import sort_key
from ...domain.iin import SEXES, make_iin
from ...domain.regions import REGIONS
from ...domain.workdays import WorkingCalendar
from .. import production_calendar
from ..review.routing import conclusion_of
from . import workflow

# (kind, working days before today it began, its steps after that: (step, working days later))
PLANS = (
    (rules.PROACTIVE, 1, ()),  # filed: registration due tomorrow
    (rules.PROACTIVE, 4, ()),  # filed: registration overdue
    (rules.PROACTIVE, 2, (("register", 1),)),  # registered: forwarding due
    (rules.PROACTIVE, 4, (("register", 1), ("forward", 1))),  # at control: conclusion due
    (rules.PROACTIVE, 11, (("register", 1), ("forward", 2))),  # at control: overdue
    (rules.PROACTIVE, 9, (("register", 1), ("forward", 2), ("conclude", 4))),  # concluded
    (rules.PROACTIVE, 14, (("register", 2), ("forward", 1), ("conclude", 3))),  # concluded
    (rules.IN_PERSON, 6, ()),  # §54: under review
    (rules.IN_PERSON, 18, (("conclude", 12),)),  # §54: reviewed
    (rules.SERVICE_HEAD, 2, ()),  # §55: to the head
    (rules.SERVICE_HEAD, 8, (("answer", 4),)),  # §55: answered
    (rules.SERVICE_QUALITY, 5, ()),  # §55: at the quality-control body
    (rules.SERVICE_COMMITTEE, 3, ()),  # §55: to the head of the Committee
    (rules.CONTROL, 1, ()),  # §73-1: invited by SMS
    ("control_post", 3, ()),  # §73-1: postal invitation not yet received
    (rules.CONTROL, 10, (("no_show", 4),)),  # §73-2: protocol, payments suspended
    (rules.CONTROL, 12, (("no_show", 4), ("conclude", 3))),  # §73-3: concluded after suspension
    (rules.CONTROL, 7, (("conclude", 2),)),  # §73-3: came and concluded
)
STEP_TIME = time(10, 0)
HOME_REGION = "75"  # the demonstration workstation's region (``demo.generate``)


class _NoBmg:
    """The stand-in БМГ for the postal plan: the number is not registered (§73-1)."""

    def is_registered(self, phone: str) -> bool:
        return False


def working_day_before(calendar: WorkingCalendar, today: date, count: int) -> date:
    day = today
    while count > 0:
        day -= timedelta(days=1)
        count -= calendar.is_working_day(day)
    return day


def _moment(day: date, index: int) -> datetime:
    return datetime.combine(day, STEP_TIME, tzinfo=KZ_TIME) + timedelta(minutes=37 * (index % 12))


def add_staff(session: Session, rng: random.Random) -> None:
    """A deputy head for MSE in each region (§56) and two Committee specialists, once."""
    if session.scalar(select(m.StaffMember.id).where(m.StaffMember.role == m.StaffRole.DEPUTY_HEAD).limit(1)):
        return
    people = [(m.StaffRole.DEPUTY_HEAD, region.code) for region in REGIONS] + [(m.StaffRole.COMMITTEE, "71")] * 2
    for number, (role, region) in enumerate(people, start=1):
        sex = rng.choice(SEXES)
        last, first, middle = names.random_person_name(rng, sex)
        birth = date(rng.randint(1965, 1990), rng.randint(1, 12), rng.randint(1, 28))
        session.add(m.StaffMember(role=role, iin=make_iin(birth, sex, 7000 + number), last_name=last,
                                  first_name=first, middle_name=middle, sort_name=sort_key(f"{last} {first} {middle}"),
                                  region_code=region))
    session.flush()


def _decision(act: m.DraftAct) -> dict:
    """The control department confirms the experts' lawful conclusion (it passed the rules)."""
    return {k: v for k, v in (conclusion_of(act).decision or {}).items() if k != "outcome"}


def _take(session: Session, appeal_id: str, act: m.DraftAct, step: str, at: datetime) -> None:
    if step in ("register", "forward", "no_show"):
        getattr(workflow, step)(session, appeal_id, at)
    elif step == "conclude":
        workflow.conclude(session, appeal_id, _decision(act), at, confirm_warnings=True)
    else:
        workflow.answer(session, appeal_id, "Разъяснение направлено заявителю.", at)


def _begin(session: Session, kind: str, act: m.DraftAct, at: datetime) -> str:
    if kind in (rules.CONTROL, "control_post"):
        base = _NoBmg() if kind == "control_post" else None
        return workflow.open_control(session, act.number, "unjustified_conclusion", at, mobile_base=base)["id"]
    if kind == rules.IN_PERSON:  # a demonstration conclusion made on the visit (§45), appealed under §54
        conclusion_of(act).proactive = False
    text = "Не согласен с заключением." if kind in rules.DECIDED_KINDS else "Долгое ожидание приёма."
    return workflow.file_appeal(session, act.number, at, kind=kind, text=text)["id"]


def _candidates(session: Session) -> list[m.DraftAct]:
    """Signed adult conclusions no case concerns yet (a second demonstration run adds to the first)."""
    return list(session.scalars(select(m.DraftAct).join(m.Conclusion).where(
        m.DraftAct.status == m.ActStatus.SIGNED, m.Conclusion.decision.is_not(None), m.DraftAct.age_years >= 18,
        ~m.DraftAct.id.in_(select(m.Appeal.act_id))).order_by(m.Conclusion.signed_at, m.DraftAct.id)))


def appeals(session: Session, seed: int, today: datetime) -> int:
    """The plans on signed adult acts of the demonstration; returns how many cases were made."""
    rng = random.Random(seed * 31 + 5)
    add_staff(session, rng)
    calendar = production_calendar.load(session)
    acts = [act for act in _candidates(session)
            if (conclusion_of(act).decision or {}).get("outcome", "conclusion") == "conclusion"]
    made = 0
    for kind, days_back, steps in PLANS:
        day = working_day_before(calendar, today.astimezone(KZ_TIME).date(), days_back)
        start = _moment(day, made)
        fitting = [act for act in acts if (signed := conclusion_of(act).signed_at) is not None and signed < start]
        at_home = [act for act in fitting if act.department and act.department.region_code == HOME_REGION]
        fitting = at_home if at_home and made % 3 != 2 else fitting  # most where the demo workstation is
        if not fitting:
            continue
        act = fitting.pop(rng.randrange(len(fitting)))
        acts.remove(act)
        appeal_id = _begin(session, kind, act, start)
        for step, gap in steps:
            day = calendar.nth_working_day(day + timedelta(days=1), gap)
            _take(session, appeal_id, act, step, _moment(day, made))
        made += 1
    session.flush()
    return made
