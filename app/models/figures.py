"""What the statistics read of each draft act, one narrow row per act with a panel, kept by the
database's writers in the unit of work that changes the act's panel, decisions or conclusion
(app.services.statistics): a country's year is then a scan of its acts, not a join of its
900,000 decisions with their assignments and acts.

A row holds the act's receipt (§24.2), department (§48), App 15 chapter and status; its current
places (the assignments not withdrawn, ordered by expert, §25.4) with each place's expert, due
date (§20.3), first decision and the decision in force as the consolidation compares it
(app/models/keys.py: the key holds the group, cause and term, ``field_of``); how many of the
panel's three pairs of experts agree on the whole decision and on group, cause and term (3 = 3/3,
1 = 2/1, 0 = 1/1/1, §44-47); each place's difference from the conclusion and whether it stood
alone (2/1); and the conclusion (§44-48):
its key, route, when reached and signed, the in-person arrival (§45), whether an appeal (§54,
§56) or a control re-examination (§73) changed it, and the medical organisation that sent the
referral (§44).

Every row is a function of the other tables: ``refresh`` writes it from them (the migration that
made the table fills it the same way), and a test compares it with a recomputation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, and_, case, or_, column, delete, event, func, insert, select, values
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..domain.app15 import chapter_of
from .base import Base
from .days import kz_week
from .cases import Appeal, AppealStatus, Assignment, Conclusion, DraftAct, ExpertDecision, ReferralPackage
from .keys import KEY_LENGTH

# the kinds of review that may change a conclusion (app.domain.appeals): an appeal (§54, §56) and a
# control re-examination (§73); a complaint about the service (§55) decides nothing about it
REVIEWS = {"appeal": ("proactive", "in_person"), "control": ("control",)}
PLACES = (1, 2, 3)  # §25.4: a head and two chief specialists
FIELDS = ("decision", "group", "cause", "term")  # what agreement is measured on
PAIRS = ((1, 2), (1, 3), (2, 3))
CHUNK = 500  # acts refreshed by one statement


class ActFigures(Base):
    __tablename__ = "act_figures"
    act_id: Mapped[int] = mapped_column(ForeignKey("draft_act.id", ondelete="CASCADE"), primary_key=True)
    registered_at: Mapped[datetime] = mapped_column(index=True)
    registered_week: Mapped[date] = mapped_column(doc="the Monday of its Kazakhstan week")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    chapter: Mapped[str] = mapped_column(String(2), default="", doc="App 15 chapter of the main diagnosis, or ''")
    status: Mapped[str] = mapped_column(String(16), index=True)
    places: Mapped[int] = mapped_column(doc="assignments not withdrawn")
    complete: Mapped[bool] = mapped_column(doc="three places, each with a decision in force")
    expert_1: Mapped[int | None]
    expert_2: Mapped[int | None]
    expert_3: Mapped[int | None]
    due_1: Mapped[datetime | None]
    due_2: Mapped[datetime | None]
    due_3: Mapped[datetime | None]
    due_week_1: Mapped[date | None] = mapped_column(doc="the Monday of the week of the place's due date")
    due_week_2: Mapped[date | None]
    due_week_3: Mapped[date | None]
    decided_1: Mapped[datetime | None] = mapped_column(doc="the place's first decision (§20.3 met or missed)")
    decided_2: Mapped[datetime | None]
    decided_3: Mapped[datetime | None]
    decision_1: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    decision_2: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    decision_3: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    pairs_decision: Mapped[int | None] = mapped_column(doc="agreeing pairs of a complete panel")
    pairs_group: Mapped[int | None]
    pairs_cause: Mapped[int | None]
    pairs_term: Mapped[int | None]
    differs_1: Mapped[bool | None] = mapped_column(doc="the place's decision is not the conclusion's (None: no "
                                                       "conclusion, or no decision)")
    differs_2: Mapped[bool | None]
    differs_3: Mapped[bool | None]
    lone_1: Mapped[bool | None] = mapped_column(doc="2/1 and this place is the one (a complete panel)")
    lone_2: Mapped[bool | None]
    lone_3: Mapped[bool | None]
    route: Mapped[str | None] = mapped_column(String(24))
    final: Mapped[str | None] = mapped_column(String(KEY_LENGTH), doc="the conclusion's key")
    concluded_at: Mapped[datetime | None]
    signed_at: Mapped[datetime | None]
    arrived: Mapped[bool] = mapped_column(default=False, doc="§45: came for the in-person examination")
    closed_reason: Mapped[str | None] = mapped_column(String(12))
    appeal_filed: Mapped[int] = mapped_column(default=0, doc="appeals against the conclusion (§54, §56)")
    appeal_reviewed: Mapped[bool] = mapped_column(default=False, doc="one of them reached a decision")
    appeal_changed: Mapped[bool] = mapped_column(default=False, doc="... that is not the conclusion's")
    control_filed: Mapped[int] = mapped_column(default=0, doc="control re-examinations (§73)")
    control_reviewed: Mapped[bool] = mapped_column(default=False)
    control_changed: Mapped[bool] = mapped_column(default=False)
    organisation_bin: Mapped[str] = mapped_column(String(12), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")


def _places(acts):
    """Each current place of ``acts`` (a select of act ids): act, its number among the act's
    places by expert, how many there are, and its expert, due date, first and in-force decision."""
    first = (select(ExpertDecision.assignment_id, func.min(ExpertDecision.decided_at).label("decided"))
             .where(ExpertDecision.supersedes_id.is_(None)).group_by(ExpertDecision.assignment_id).subquery())
    force = select(ExpertDecision).where(ExpertDecision.superseded_at.is_(None)).subquery()
    order = {"partition_by": Assignment.act_id}
    return (select(Assignment.act_id, Assignment.expert_id, Assignment.due_at, first.c.decided,
                   force.c.stat_key.label("decision"), force.c.stat_group.label("group"),
                   force.c.stat_cause.label("cause"), force.c.stat_term.label("term"),
                   func.row_number().over(**order, order_by=(Assignment.expert_id, Assignment.id)).label("place"),
                   func.count().over(**order).label("places"))
            .outerjoin(first, first.c.assignment_id == Assignment.id)
            .outerjoin(force, force.c.assignment_id == Assignment.id)
            .where(Assignment.withdrawn.is_(False), Assignment.act_id.in_(acts))).subquery()


def _panels(acts):
    """One row per act of ``acts`` with places: the places side by side."""
    places = _places(acts)
    by_place = [func.max(case((places.c.place == p, places.c[name]))).label(f"{target}_{p}")
                for p in PLACES for name, target in (("expert_id", "expert"), ("due_at", "due"),
                                                     ("decided", "decided"), *((f, f) for f in FIELDS))]
    return (select(places.c.act_id, func.max(places.c.places).label("places"), *by_place)
            .group_by(places.c.act_id)).subquery()


def _agreeing(panel, field: str):
    return sum(case((panel.c[f"{field}_{a}"] == panel.c[f"{field}_{b}"], 1), else_=0) for a, b in PAIRS)


def _lone(panel, place: int):
    """The place that decided alone against two who agree (2/1 on the whole decision)."""
    mine, (first, second) = panel.c[f"decision_{place}"], [panel.c[f"decision_{p}"] for p in PLACES if p != place]
    return and_(first == second, mine != first)


def _differs(panel, place: int):
    mine = panel.c[f"decision_{place}"]
    return case((or_(Conclusion.stat_key.is_(None), mine.is_(None)), None), (mine != Conclusion.stat_key, True),
                else_=False)


def _reviews(acts):
    """Per act of ``acts`` with an appeal or a control: how many of each kind, whether one reached
    a decision, and whether that decision is not the conclusion's."""
    reached = and_(Appeal.status == AppealStatus.CONCLUDED, Appeal.stat_key.is_not(None))
    changed = and_(reached, Appeal.stat_key != Conclusion.stat_key)
    columns = []
    for name, kinds in REVIEWS.items():
        kind = Appeal.kind.in_(kinds)
        columns += [func.sum(case((kind, 1), else_=0)).label(f"{name}_filed"),
                    func.max(case((and_(kind, reached), 1), else_=0)).label(f"{name}_reviewed"),
                    func.max(case((and_(kind, changed), 1), else_=0)).label(f"{name}_changed")]
    return (select(Appeal.act_id, *columns).outerjoin(Conclusion, Conclusion.act_id == Appeal.act_id)
            .where(Appeal.act_id.in_(acts)).group_by(Appeal.act_id)).subquery("reviews")


def _chapters(session: Session | Connection, acts):
    """(code, chapter) of the main diagnoses of ``acts``, each given its App 15 chapter."""
    codes = session.scalars(select(DraftAct.diagnosis_main_icd10).where(DraftAct.id.in_(acts)).distinct()).all()
    rows = [(code, chapter_of(code) or "") for code in codes] or [("", "")]
    return values(column("code", String), column("chapter", String), name="act_chapters").data(rows).cte("act_chapters")


def _rows(session: Session | Connection, acts):
    """The figures of ``acts`` (a select of act ids), as a select of the table's columns."""
    panel, reviews = _panels(acts), _reviews(acts)
    chapters = _chapters(session, acts)
    complete = and_(panel.c.places == len(PLACES), *(panel.c[f"decision_{p}"].is_not(None) for p in PLACES))
    org = ReferralPackage.content
    columns = {
        "act_id": panel.c.act_id, "registered_at": DraftAct.registered_at,
        "registered_week": kz_week(DraftAct.registered_at), "department_id": DraftAct.department_id,
        "chapter": func.coalesce(chapters.c.chapter, ""), "status": DraftAct.status, "places": panel.c.places,
        "complete": case((complete, True), else_=False),
        **{f"{name}_{p}": panel.c[f"{name}_{p}"] for name in ("expert", "due", "decided", "decision") for p in PLACES},
        **{f"due_week_{p}": kz_week(panel.c[f"due_{p}"]) for p in PLACES},
        **{f"pairs_{f}": case((complete, _agreeing(panel, f))) for f in FIELDS},
        **{f"differs_{p}": _differs(panel, p) for p in PLACES},
        **{f"lone_{p}": case((complete, case((_lone(panel, p), True), else_=False))) for p in PLACES},
        "route": Conclusion.route, "final": Conclusion.stat_key, "concluded_at": Conclusion.concluded_at,
        "signed_at": Conclusion.signed_at, "arrived": case((Conclusion.arrived_at.is_not(None), True), else_=False),
        "closed_reason": Conclusion.closed_reason,
        **{f"{name}_filed": func.coalesce(reviews.c[f"{name}_filed"], 0) for name in REVIEWS},
        **{f"{name}_{what}": func.coalesce(reviews.c[f"{name}_{what}"], 0) == 1
           for name in REVIEWS for what in ("reviewed", "changed")},
        "organisation_bin": func.coalesce(func.substr(org[("medical_org", "bin")].as_string(), 1, 12), ""),
        "organisation": func.coalesce(func.substr(org[("medical_org", "name")].as_string(), 1, 300), ""),
    }
    query = (select(*(value.label(name) for name, value in columns.items()))
             .join(DraftAct, DraftAct.id == panel.c.act_id)
             .outerjoin(chapters, chapters.c.code == DraftAct.diagnosis_main_icd10)
             .outerjoin(Conclusion, Conclusion.act_id == panel.c.act_id)
             .outerjoin(reviews, reviews.c.act_id == panel.c.act_id)
             .outerjoin(ReferralPackage, ReferralPackage.id == DraftAct.package_id))
    return list(columns), query


def refresh(session: Session | Connection, act_ids: Iterable[int] | None = None) -> None:
    """Writes the figures of the acts ``act_ids`` (None: of every act) anew from their rows, in the
    unit of work of ``session`` (or on a migration's connection)."""
    if act_ids is None:
        session.execute(delete(ActFigures))
        names, query = _rows(session, select(DraftAct.id))
        session.execute(insert(ActFigures).from_select(names, query))
        return
    ids = sorted(set(act_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        session.execute(delete(ActFigures).where(ActFigures.act_id.in_(chunk)))
        names, query = _rows(session, select(DraftAct.id).where(DraftAct.id.in_(chunk)))
        session.execute(insert(ActFigures).from_select(names, query))


# -- kept in the unit of work that changes what they are made of --------------------------------
PENDING = "act_figures_pending"


def note(session: Session, *, acts: Iterable[int] = (), assignments: Iterable[int] = ()) -> None:
    """Acts (or the acts of assignments) a bulk statement changed, outside the ORM's unit of work:
    their figures are written anew at the commit, as those of the rows the ORM wrote."""
    pending_acts, pending_assignments = session.info.setdefault(PENDING, (set(), set()))
    pending_acts.update(acts)
    pending_assignments.update(assignments)


@event.listens_for(Session, "after_flush")
def _note_changed_acts(session: Session, _context) -> None:
    """The acts whose panel, decisions or conclusion the flush wrote, refreshed at the commit."""
    acts, assignments = session.info.setdefault(PENDING, (set(), set()))
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, (Assignment, Conclusion, Appeal)):
            acts.add(obj.act_id)
        elif isinstance(obj, DraftAct) and obj not in session.new:
            acts.add(obj.id)
        elif isinstance(obj, ExpertDecision):
            assignments.add(obj.assignment_id)


@event.listens_for(Session, "before_commit")
def _refresh_changed_acts(session: Session) -> None:
    session.flush()
    acts, assignments = session.info.pop(PENDING, (set(), set()))
    if assignments:
        acts |= set(session.scalars(select(Assignment.act_id).where(Assignment.id.in_(sorted(assignments)))))
    acts.discard(None)
    if acts:
        refresh(session, acts)


@event.listens_for(Session, "after_rollback")
def _forget_changed_acts(session: Session) -> None:
    session.info.pop(PENDING, None)

