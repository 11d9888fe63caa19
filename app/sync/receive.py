"""Storing a pulled batch on the device (issue 11).  A department's or the Committee's records
are kept as the hub sent them (``SyncRecord``); an expert's acts the same way until the laptop's
act tables receive them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .. import models as m
from ..models.base import utcnow


def _store_records(session: Session, records: list[dict]) -> None:
    for record in records:
        row = session.get(m.SyncRecord, record["uid"])
        if row is None:
            row = m.SyncRecord(uid=record["uid"], kind=record["kind"], key=record["key"], data={})
            session.add(row)
        row.kind, row.key, row.received_at = record["kind"], record["key"], utcnow()
        row.withdrawn = record["kind"] == "withdrawn"
        row.data = record["data"] or {}


def apply_batch(session: Session, role: str, page: dict) -> None:
    _store_records(session, page["records"])
    session.flush()
