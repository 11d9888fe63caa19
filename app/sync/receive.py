"""Storing a pulled batch on the device, and what an expert's laptop has to send.

An expert's laptop receives its acts as the file route brings them (``laptop.receive_acts``: the
depersonalised acts, its places and own decisions; an act no longer its own leaves), and sends the
decisions made on it (``laptop.pending_decisions``, marked sent once the hub has them).  A
department's or the Committee's records are kept as the hub sent them (``SyncRecord``)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import models as m
from ..domain.clock import now_kz
from ..errors import UserError
from ..i18n import N_
from ..models.base import utcnow
from ..services import workstation
from ..services.review import laptop
from . import outbox


def _store_records(session: Session, records: list[dict]) -> None:
    for record in records:
        row = session.scalar(select(m.SyncRecord).where(m.SyncRecord.uid == record["uid"]))
        if row is None:
            row = m.SyncRecord(uid=record["uid"], kind=record["kind"], key=record["key"], data={})
            session.add(row)
        row.kind, row.key, row.received_at = record["kind"], record["key"], utcnow()
        row.withdrawn = record["kind"] == "withdrawn"
        row.data = record["data"] or {}


def apply_batch(session: Session, role: str, page: dict) -> None:
    if role == "expert":
        for record in page["records"]:
            laptop.receive_acts(session, record["data"])
    elif workstation.settings(session).expert_id is not None:  # §25.2: never a department's data here
        raise UserError(N_("This is an expert's workstation; it syncs only with an expert's token."))
    else:
        _store_records(session, page["records"])
    session.flush()


def queue_local_decisions(session: Session) -> int:
    """The decisions made on this expert's laptop and not yet sent, into the outbox (once each)."""
    if workstation.settings(session).expert_id is None:
        return 0
    pending = laptop.pending_decisions(session)
    for entry in pending:
        outbox.enqueue_decision(session, entry)
    return len(pending)


def decisions_sent(session: Session, uids: list[str]) -> None:
    if uids and workstation.settings(session).expert_id is not None:
        laptop.mark_sent(session, uids, now_kz())


def _text(key: str):
    return m.SyncRecord.data[key].as_string()


def hub_listing():
    """A department's (or the Committee's) acts as the hub last sent them, with their route and
    conclusion: the window's *From the hub* tab."""
    from ..domain import labels
    from ..services.listings import ListColumn, Listing
    from ..domain.rules.labels import GROUP
    from ..services.review.lists import DECISION_LABELS

    route_labels = {**DECISION_LABELS, **labels.ACT_STATUS, "rejected_poor_quality": labels.ACT_STATUS["rejected"]}
    return Listing(
        name="from_hub", title=N_("From the hub"), row_id=m.SyncRecord.id,
        source=select(m.SyncRecord).where(m.SyncRecord.kind == "act"),
        columns=(
            ListColumn("number", N_("Draft act No."), "code", m.SyncRecord.key),
            ListColumn("department", N_("Department"), "code", _text("department")),
            ListColumn("status", N_("Status"), "label", _text("status"), labels=labels.ACT_STATUS),
            ListColumn("route", N_("Conclusion of the experts"), "label", _text("route"), labels=route_labels),
            ListColumn("group", N_("Group"), "label", m.SyncRecord.data["conclusion"]["group"].as_string(),
                       labels=GROUP),
            ListColumn("signed", N_("Signed"), "text", func.replace(func.substr(_text("signed_at"), 1, 16), "T", " ")),
            ListColumn("received", N_("Received from the hub"), "datetime", m.SyncRecord.received_at,
                       searchable=False),
        ),
    )
