"""Acts of the demo database made ready for each printed form, and the text of a PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy import select

from app import models as m


def pdf_text(path: Path, page: int | None = None) -> str:
    """The PDF's text (pdftotext), or one page's, with runs of white space made one space."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return " ".join(text.split())


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def with_capacity(db, **decision) -> str:
    """A signed adult act whose conclusion also establishes what ``decision`` adds (УОТ, УПТ,
    care; the consolidation issue writes these fields), returned by number; each call takes an
    act no earlier call changed."""
    with db.session() as session:
        act = next(a for a in session.scalars(select(m.DraftAct).join(m.Conclusion).where(  # under its own conclusion
            m.DraftAct.status == m.ActStatus.SIGNED, m.DraftAct.age_years >= 18,
            ~m.DraftAct.id.in_(select(m.Appeal.act_id))).order_by(m.DraftAct.number))
            if a.conclusion.decision["group"] != "none" and not any(
                a.conclusion.decision.get(key) for key in ("uot_percent", "upt_percent", "care_needs")))
        act.conclusion.decision = {**act.conclusion.decision, **decision}
        return act.number


def act_number(db, where) -> str:
    with db.session() as session:
        return session.scalar(select(m.DraftAct.number).where(where).order_by(m.DraftAct.number))


def protocol_act(db) -> str:
    """An act whose control re-examination ended in the no-show protocol of App 26 (§73-2)."""
    with db.session() as session:
        case = session.scalar(select(m.Appeal).where(m.Appeal.kind == "control", m.Appeal.suspended_at.is_not(None))
                              .order_by(m.Appeal.id))
        return case.act.number


def appealed_act(db) -> str:
    """An act whose §56 appeal a methodology and control department has concluded (the demo's,
    with the justification of its conclusion written in)."""
    with db.session() as session:
        appeal = session.scalar(select(m.Appeal).where(m.Appeal.kind == "proactive",
                                                       m.Appeal.status == m.AppealStatus.CONCLUDED)
                                .order_by(m.Appeal.id))
        appeal.decision = {**appeal.decision, "comment": "Жалоба не подтверждена"}
        return session.get(m.DraftAct, appeal.act_id).number


def replacement_act(db) -> str:
    """An act whose certificate of disability a control department's conclusion replaced (§56 first,
    then §73-3), issuing its own: the demo's."""
    with db.session() as session:
        return session.scalar(select(m.DraftAct.number).join(m.IssuedDocument, m.IssuedDocument.act_id == m.DraftAct.id)
                              .join(m.Appeal, m.IssuedDocument.appeal_id == m.Appeal.id)
                              .where(m.IssuedDocument.kind == "disability-certificate")
                              .order_by(m.Appeal.kind != "proactive", m.Appeal.id))
