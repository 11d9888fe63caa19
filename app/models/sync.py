"""Sync between the hub and workstations or expert laptops.

On the hub: its users with a role and the hash of their token, and every command it has applied
(or refused) under the client's id, so a command sent twice is applied once.  On a device: the
outbox of commands not yet acknowledged, the pull cursor and state of each hub it syncs with,
and the records a department or the Committee receives (an expert's acts go into the act tables
of the laptop instead)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class HubUser(Base):
    """Someone a hub serves: an expert's laptop, a department workstation, the Committee, an
    administrator.  Only the SHA-256 of the token is kept; the token itself is shown once."""

    __tablename__ = "hub_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(12), doc="expert | department | committee | admin")
    expert_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"), doc="for role expert")
    department_code: Mapped[str | None] = mapped_column(String(8), doc="for role department")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class HubCommand(Base):
    """A command the hub received under a client-generated id: applied once, or refused with the
    reason; the same id again gets the same answer, with other content it is a conflict."""

    __tablename__ = "hub_command"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, doc="the client's command id")
    user_id: Mapped[int] = mapped_column(ForeignKey("hub_user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12), doc="applied | refused")
    reason: Mapped[dict | None] = mapped_column(doc="{'message': id, 'params': {...}} of a refusal")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncOutboxEntry(Base):
    """A change made on this device, waiting for the hub: queued, sent (acknowledged), conflict
    (the hub holds other content under its id) or quarantined (refused, with the reason)."""

    __tablename__ = "sync_outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    command_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    record: Mapped[str] = mapped_column(String(64), index=True, doc="what it is about, e.g. an act number")
    content: Mapped[dict]
    state: Mapped[str] = mapped_column(String(12), index=True, default="queued")
    reason: Mapped[dict | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class SyncState(Base):
    """This device's sync with one hub: the pull cursor (advanced in the transaction that stores
    the pulled batch), who the token belongs to, the last sync and the last error."""

    __tablename__ = "sync_state"
    hub_url: Mapped[str] = mapped_column(String(300), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(12), default="")
    user: Mapped[str] = mapped_column(String(64), default="")
    last_sync_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")


class SyncRecord(Base):
    """A record pulled from the hub for a department or the Committee (an act with its
    conclusion), as the hub sent it; ``withdrawn`` when it left the device's projection."""

    __tablename__ = "sync_record"
    audit_values = False  # a department's records hold personal data
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    key: Mapped[str] = mapped_column(String(32), index=True, doc="e.g. the act number")
    data: Mapped[dict]
    withdrawn: Mapped[bool] = mapped_column(default=False)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
