"""The audit trail's hash chain: each entry stores the hash of the entry before it and
a hash of that together with its own canonical content, so an entry edited, deleted or moved
directly in the database breaks the chain at that point.  Pure functions; the database side is
``app.services.audit``.

A chain without a secret key proves that nobody edited the trail by hand; someone who recomputes
every later hash as well is caught only by a copy of the chain's head kept elsewhere.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

CONTENT_FIELDS = ("at", "user", "action", "table_name", "row_id", "changes", "before")


def plain(value):
    """A value as JSON keeps it (dates as text), so what is hashed is what the database gives back."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def moment_text(at: datetime | None) -> str:
    assert at is not None, "an audit entry has its moment"
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def canonical(entry: dict) -> bytes:
    content = {key: entry.get(key) for key in CONTENT_FIELDS}
    content["at"] = moment_text(content["at"])
    content["changes"] = content["changes"] or {}
    content["before"] = content["before"] or {}
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def link(prev_hash: str, entry: dict) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(entry)).hexdigest()


def chain(prev_hash: str, entries: list[dict]) -> str:
    """Fills ``prev_hash`` and ``hash`` of each entry in turn; returns the new head hash."""
    for entry in entries:
        entry["prev_hash"] = prev_hash
        entry["hash"] = prev_hash = link(prev_hash, entry)
    return prev_hash


@dataclass
class Verdict:
    ok: bool
    entries: int
    first_broken: int | None

    def as_dict(self) -> dict:
        return {"ok": self.ok, "entries": self.entries, "first_broken": self.first_broken}


def verify(rows, head_last_id: int | None, head_last_hash: str, head_entries: int) -> Verdict:
    """``rows``: entries (dicts with ``id``, ``prev_hash``, ``hash`` and the content) in id order.
    The first entry whose link to the one before or whose own hash does not hold is broken; a
    chain that ends before its recorded head lost its last entries (the head's id is named)."""
    prev_hash, count, first_broken, last_id = "", 0, None, None
    for row in rows:
        count += 1
        if first_broken is None and (row["prev_hash"] != prev_hash or row["hash"] != link(row["prev_hash"], row)):
            first_broken = row["id"]
        prev_hash, last_id = row["hash"], row["id"]
    if first_broken is None and (last_id != head_last_id or prev_hash != head_last_hash or count != head_entries):
        first_broken = head_last_id if last_id is None or (head_last_id or 0) > last_id else last_id
    return Verdict(first_broken is None, count, first_broken)
