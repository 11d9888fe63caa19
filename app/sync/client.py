"""The device's side of sync: one full sync is push, then pull.

* **Push** sends the outbox in order, in batches; each answer is stored as it comes: sent,
  conflict or quarantined (with the hub's reason, shown to the user).  A command whose answer
  was lost stays queued and is sent again under the same id; the hub answers it ``duplicate``.
* **Pull** asks for the batches after the stored cursor and stores each batch and the cursor
  after it in one transaction: a sync cut off in the middle resumes after the last stored batch.
* A hub that cannot be reached, or answers with a failure, ends the sync with one message;
  whatever was stored stays stored, the rest of the outbox stays queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import models as m
from ..errors import UserError
from ..i18n import N_
from ..models.base import utcnow
from ..storage import Database
from . import outbox, protocol
from .receive import apply_batch, decisions_sent, queue_local_decisions

if TYPE_CHECKING:
    import httpx

PUSH_BATCH = 100
CONNECT_SECONDS = 5.0
READ_SECONDS = 60.0


class HubUnreachable(UserError):
    """The hub could not be reached or failed to answer: nothing is lost, the sync is to be tried again."""


def hub_address(url: str) -> str:
    """The hub's address as the device keeps it (no trailing slash); anything else is bad input."""
    parts = urlsplit(url.strip()) if len(url) < 300 else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise UserError(N_("The hub address must look like https://hub.example.kz:8765."))
    return url.strip().rstrip("/")


class HubClient:
    """Requests to one hub with one token, each announcing the protocol version."""

    def __init__(self, url: str, token: str, *, transport: httpx.BaseTransport | None = None,
                 read_seconds: float = READ_SECONDS, verify: bool | str = True):
        import httpx   # the HTTP client when a sync starts (a quick start of the window)

        self.url = hub_address(url)
        if not token.strip() or not token.isascii() or len(token) > 100:
            raise UserError(N_("The hub token is missing or malformed."))
        self.http = httpx.Client(base_url=self.url, transport=transport, verify=verify,
                                 timeout=httpx.Timeout(read_seconds, connect=CONNECT_SECONDS),
                                 headers={"Authorization": f"Bearer {token.strip()}",
                                          protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)})

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.http.close()

    def call(self, method: str, path: str, **options) -> dict:
        import httpx

        try:
            response = self.http.request(method, path, **options)
            answer = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise HubUnreachable(N_("The hub {url} cannot be reached ({problem}); nothing was lost, "
                                    "sync again later."), url=self.url, problem=type(error).__name__) from None
        if response.status_code == 426:
            raise UserError(N_("The hub speaks a newer sync protocol (version {version}): update Saraptama."),
                            version=answer.get("hub_protocol", "?"))
        if response.status_code == 401:
            raise UserError(N_("The hub {url} does not know this token; ask its administrator for a new one."),
                            url=self.url)
        if response.status_code == 403:
            raise UserError(N_("This token's role may not do this on the hub."))
        if response.status_code != 200 or not isinstance(answer, dict):
            raise HubUnreachable(N_("The hub {url} failed to answer (HTTP {status}); nothing was lost, "
                                    "sync again later."), url=self.url, status=response.status_code)
        return answer


@dataclass
class Counts:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    quarantined: int = 0

    def as_dict(self) -> dict:
        return {"pushed": self.pushed, "pulled": self.pulled, "conflicts": self.conflicts,
                "quarantined": self.quarantined}


def _state(session: Session, url: str) -> m.SyncState:
    state = session.get(m.SyncState, url)
    if state is None:
        state = m.SyncState(hub_url=url, cursor="", role="", user="", last_error="")
        session.add(state)
    return state


def push(database: Database, hub: HubClient, counts: Counts) -> None:
    while True:
        with database.session() as session:
            batch = outbox.queued(session, PUSH_BATCH)
        if not batch:
            return
        answer = hub.call("POST", "/v1/push", json={"commands": batch})
        with database.session() as session:  # the answers, and the decisions the hub now holds
            entries = [e for e in (outbox.record_answer(session, result) for result in answer["results"]) if e]
            decisions_sent(session, [e.content["uid"] for e in entries
                                     if e.kind == protocol.DECISION and e.state == protocol.SENT])
        counts.pushed += sum(e.state == protocol.SENT for e in entries)
        counts.conflicts += sum(e.state == protocol.CONFLICTED for e in entries)
        counts.quarantined += sum(e.state == protocol.QUARANTINED for e in entries)


def pull(database: Database, hub: HubClient, counts: Counts, role: str) -> None:
    while True:
        with database.session() as session:
            cursor = _state(session, hub.url).cursor
        page = hub.call("GET", "/v1/pull", params={"cursor": cursor, "limit": protocol.PULL_BATCH})
        with database.session() as session:  # the batch and the cursor after it, together
            apply_batch(session, role, page)
            _state(session, hub.url).cursor = page["cursor"]
        counts.pulled += len(page["records"])
        if not page["more"]:
            return


def sync(database: Database, url: str, token: str, *, transport: httpx.BaseTransport | None = None,
         read_seconds: float = READ_SECONDS) -> dict:
    """One full sync of ``database`` with the hub: ``{"pushed", "pulled", "conflicts", "quarantined"}``."""
    counts = Counts()
    with HubClient(url, token, transport=transport, read_seconds=read_seconds) as hub:
        with database.session() as session:  # queued even when the hub is out of reach: the window counts them
            queue_local_decisions(session)
        try:
            me = hub.call("GET", "/v1/me")
            with database.session() as session:
                state = _state(session, hub.url)
                if state.user != me["user"]:  # another token: its projection starts from the beginning
                    state.cursor = ""
                state.role, state.user = me["role"], me["user"]
            if me["role"] == "expert":
                push(database, hub, counts)
            pull(database, hub, counts, me["role"])
        except UserError as error:
            _remember(database, hub.url, error.text())
            raise
        _remember(database, hub.url, "")
    return counts.as_dict()


def _remember(database: Database, url: str, error: str) -> None:
    with database.session() as session:
        state = _state(session, url)
        state.last_error = error[:500]
        if not error:
            state.last_sync_at = utcnow()


def status(session: Session) -> dict:
    """What the window's sync indicator shows: last sync, queued, quarantined or in conflict, last error."""
    states = session.scalars(select(m.SyncState).order_by(m.SyncState.hub_url)).all()
    by_state = dict(session.execute(select(m.SyncOutboxEntry.state, func.count())
                                    .group_by(m.SyncOutboxEntry.state)).all())
    last = max((s.last_sync_at for s in states if s.last_sync_at), default=None)
    return {"hubs": [s.hub_url for s in states], "last_sync_at": last,
            "queued": by_state.get(protocol.QUEUED, 0), "sent": by_state.get(protocol.SENT, 0),
            "conflicts": by_state.get(protocol.CONFLICTED, 0), "quarantined": by_state.get(protocol.QUARANTINED, 0),
            "last_error": next((s.last_error for s in states if s.last_error), "")}
