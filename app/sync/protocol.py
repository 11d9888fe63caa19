"""What the hub and its clients agree on: the protocol version each request
announces, command ids and content hashes, and the pull cursor.

* Every request carries ``X-Saraptama-Protocol``; a hub answers an older or newer client
  ``426`` with ``{"error": "update"}`` and the versions it speaks.
* A command is ``{"id": <client uid>, "kind": ..., "content": {...}}``; the hub keeps the
  SHA-256 of kind and content under the id: the same id with the same content is acknowledged
  again, with other content it is a conflict.
* A pull cursor is the change stamp and uid of the last record sent, opaque to the client,
  which stores it in the transaction that stores the batch.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

PROTOCOL_VERSION = 1
OLDEST_CLIENT = 1   # the oldest client protocol this hub still serves
PROTOCOL_HEADER = "X-Saraptama-Protocol"
PUSH_LIMIT = 500    # commands in one push
PULL_LIMIT = 500    # records in one pulled batch (the default is PULL_BATCH)
PULL_BATCH = 200
MAX_BODY_BYTES = 5_000_000   # a push of 500 decisions is about 1 MB

# answers to one command
APPLIED, DUPLICATE, CONFLICT, REFUSED = "applied", "duplicate", "conflict", "refused"
# the state of a command in a device's outbox
QUEUED, SENT, CONFLICTED, QUARANTINED = "queued", "sent", "conflict", "quarantined"

DECISION = "decision"   # an expert's decision on an act of its panel (docs/interfaces.md §3)
COMMAND_KINDS = (DECISION,)


def content_hash(kind: str, content) -> str:
    canonical = json.dumps([kind, content], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def encode_cursor(stamp: datetime, uid: str) -> str:
    return f"{stamp.astimezone(UTC).isoformat(timespec='microseconds')}|{uid}"


def decode_cursor(cursor: str) -> tuple[datetime, str] | None:
    """``None`` for the empty cursor (from the beginning); ``ValueError`` for one not made here."""
    if not cursor:
        return None
    stamp, _, uid = cursor.partition("|")
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None or len(uid) > 32:
        raise ValueError("not a cursor")
    return moment, uid
