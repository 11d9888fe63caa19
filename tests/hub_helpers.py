"""A hub for tests: uvicorn serving ``app.hub`` in a thread on a free port of 127.0.0.1 (real
HTTP), its users, and an expert laptop's decisions queued for it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time

import uvicorn
from sqlalchemy import select

from app import models as m
from app.domain.clock import now_kz
from app.hub import server, users
from app.hub.api import create_app
from app.models.base import new_uid
from app.services.review import decisions
from app.sync import outbox, protocol


HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}


def signed(token: str) -> dict[str, str]:
    """The headers of a request made with ``token``."""
    return {**HEADERS, "Authorization": f"Bearer {token}"}


class RunningHub:
    """The hub over ``database`` until ``stop()``; ``url`` is where it listens."""

    def __init__(self, database, settle: float = 0.0, port: int = 0):
        self.database = database
        sock = server.bind("127.0.0.1", port)
        self.url = server.address(sock, tls=False)["url"]
        config = uvicorn.Config(create_app(database, settle=settle), log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the hub did not start"
            time.sleep(0.02)

    def token(self, role: str, **details) -> str:
        with self.database.session() as session:
            return users.add_user(session, role, **details)["token"]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


def places_under_review(database, limit: int = 1000) -> list[tuple[int, str, str]]:
    """(expert id, act number, assignment uid) of open places without a decision of acts under
    review, one per act (the first such place), so deciding them never completes a panel."""
    with database.session() as session:
        rows = session.execute(select(m.Assignment.expert_id, m.DraftAct.number, m.Assignment.uid, m.DraftAct.id)
                               .join(m.DraftAct).where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW,
                                                       m.Assignment.withdrawn.is_(False), ~m.Assignment.decisions.any())
                               .order_by(m.DraftAct.id, m.Assignment.id)).all()
    seen, places = set(), []
    for expert_id, number, uid, act_id in rows:
        if act_id not in seen:
            seen.add(act_id)
            places.append((expert_id, number, uid))
    return places[:limit]


def expert_with_most_places(database) -> int:
    with database.session() as session:
        return max(decisions_counts(session).items(), key=lambda kv: (kv[1], -kv[0]))[0]


def decisions_counts(session) -> dict[int, int]:
    counts: dict[int, int] = {}
    for expert_id in session.scalars(select(m.Assignment.expert_id).join(m.DraftAct).where(
            m.DraftAct.status == m.ActStatus.UNDER_REVIEW, m.Assignment.withdrawn.is_(False))):
        counts[expert_id] = counts.get(expert_id, 0) + 1
    return counts


def decision_entry(number: str, content: dict, *, assignment: str | None = None, correction: bool = False) -> dict:
    """A decision as a laptop queues it (the file route's entry)."""
    return {"act": number, "uid": new_uid(), "assignment": assignment, "decided_at": now_kz().isoformat(),
            "content": content, "confirm_warnings": True, "correction": correction}


def queue(database, entry: dict) -> str:
    with database.session() as session:
        return outbox.enqueue_decision(session, entry)


def decisions_with_uids(database, uids) -> dict[str, int]:
    with database.session() as session:
        found = session.scalars(select(m.ExpertDecision.uid).where(m.ExpertDecision.uid.in_(list(uids)))).all()
    counts: dict[str, int] = {}
    for uid in found:
        counts[uid] = counts.get(uid, 0) + 1
    return counts


def act_status(database, number: str) -> str:
    with database.session() as session:
        return decisions.act_by_number(session, number).status.value


class HubProcess:
    """``saraptama hub serve`` as a real process on a fixed port, killed with SIGKILL and started again."""

    def __init__(self, db_url: str):
        self.db_url, self.port, self.process = db_url, None, None

    def start(self) -> str:
        port = ["--port", str(self.port)] if self.port else ["--port", "0"]
        self.process = subprocess.Popen([sys.executable, "-m", "app.cli", "hub", "serve", "--db-url", self.db_url,
                                         "--settle", "0", *port], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True)
        address = json.loads(self.process.stdout.readline())
        self.port = address["port"]
        return address["url"]

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        if self.process:
            self.process.wait(timeout=30)
            self.process.stdout.close()

    def restart_if_dead(self) -> None:
        if self.process.poll() is not None:
            self.process.stdout.close()
            self.start()
            time.sleep(0.3)
