"""An expert's laptop for the sync fault tests: it decides on its own database as the
window does, syncs until a sync gets through, and counts what the hub holds of its decisions."""

from __future__ import annotations

import json
import random
import threading

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app import models as m
from app.domain.clock import now_kz
from app.services.review import decisions
from app.services.review import laptop as laptop_side
from app.sync import client, outbox, protocol
from tests import hub_helpers as h
from tests.fault_proxy import FaultyProxy
from tests.review_case import conclusion

MAX_ATTEMPTS = 60


def _decided_places():
    other = aliased(m.Assignment)
    return (select(func.count(other.id)).where(other.act_id == m.DraftAct.id, other.withdrawn.is_(False),
                                               other.decisions.any()).scalar_subquery())


def lawful_places(hub_db) -> dict[int, list[tuple[str, str]]]:
    """Each expert's undecided places on acts with at most one other decision, where a group II or III conclusion is
    lawful (adults, primary referral: ``tests.review_case``)."""
    places: dict[int, list[tuple[str, str]]] = {}
    with hub_db.session() as session:
        for place in session.scalars(select(m.Assignment).join(m.DraftAct).where(
                m.Assignment.withdrawn.is_(False), m.DraftAct.status == m.ActStatus.UNDER_REVIEW,
                ~m.Assignment.decisions.any(), _decided_places() <= 1,  # its decisions never complete the panel
                m.DraftAct.age_years.between(20, 55),
                m.DraftAct.purpose == "disability_primary")):
            places.setdefault(place.expert_id, []).append((place.act.number, place.uid))
    return places


def busiest(hub_db) -> int:
    return max(lawful_places(hub_db).items(), key=lambda item: (len(item[1]), -item[0]))[0]


class Laptop:
    """An expert's laptop: its database, token, the places it decides, and every command it queued."""

    def __init__(self, database, hub_db, token: str, expert: int, url: str):
        self.database, self.hub_db, self.token, self.expert = database, hub_db, token, expert
        self.places = lawful_places(hub_db)[expert]
        with hub_db.session() as session:
            self.foreign = next(a.act.number for a in session.scalars(select(m.Assignment).join(m.DraftAct).where(
                m.Assignment.expert_id != expert, m.DraftAct.status == m.ActStatus.UNDER_REVIEW)))
        self.decided: set[str] = set()
        self.sync_until_done(url)  # the acts come while the line is good
        self.valid: list[str] = []      # decision uids the hub must hold exactly once
        self.refused: list[str] = []    # decision uids the hub must refuse

    def decide(self, rng: random.Random) -> None:
        """A decision made on the laptop as its window makes it (first, then corrections), or now
        and then a stale one about an act of another expert's panel, which the hub refuses."""
        if rng.random() < 0.1:
            entry = h.decision_entry(self.foreign, conclusion("II"))
            h.queue(self.database, entry)
            self.refused.append(entry["uid"])
            return
        number, _place = rng.choice(self.places)
        with self.database.session() as session:
            act = decisions.act_by_number(session, number)
            made = decisions.submit(session, act, self.expert, conclusion(rng.choice(["II", "III"])), now_kz(),
                                    confirm_warnings=True, correction=number in self.decided)
            self.valid.append(made.uid)
        self.decided.add(number)

    def sync_until_done(self, url: str, between=lambda: None) -> int:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                client.sync(self.database, url, self.token, read_seconds=5)
                return attempt
            except client.HubUnreachable:
                between()
        raise AssertionError(f"no sync got through in {MAX_ATTEMPTS} attempts")

    def figures(self) -> dict:
        held = h.decisions_with_uids(self.hub_db, self.valid + self.refused)
        with self.database.session() as session:
            entries = outbox.entries(session)
            unsent = len(laptop_side.pending_decisions(session))
        quarantined = [e for e in entries if e["state"] == protocol.QUARANTINED]
        return {"decisions": len(self.valid) + len(self.refused),
                "lost": sum(1 for uid in self.valid if uid not in held),
                "duplicated": sum(1 for count in held.values() if count > 1),
                "refused_but_applied": sum(1 for uid in self.refused if uid in held),
                "queued": sum(1 for e in entries if e["state"] == protocol.QUEUED),
                "quarantined": len(quarantined),
                "quarantined_without_reason": sum(1 for e in quarantined if not e["reason"]),
                "quarantined_not_as_expected": sum(1 for e in quarantined if e["record"] != self.foreign),
                "conflicts": sum(1 for e in entries if e["state"] == protocol.CONFLICTED),
                "unsent_on_laptop": unsent - len(self.refused_local(entries))}

    def refused_local(self, entries: list[dict]) -> list[dict]:
        """Decisions made on the laptop that the hub refused stay unsent there (none expected)."""
        return [e for e in entries if e["state"] == protocol.QUARANTINED and e["record"] != self.foreign]


def check(figures: dict, runs: int, name: str) -> None:
    print(f"\n{name}: runs={runs} " + json.dumps(figures))
    assert figures["lost"] == figures["duplicated"] == figures["refused_but_applied"] == 0, figures
    assert figures["queued"] == figures["conflicts"] == figures["quarantined_without_reason"] == 0, figures
    assert figures["quarantined_not_as_expected"] == figures["unsent_on_laptop"] == 0, figures


def proxy_runs(hub, hub_db, laptop_db, runs: int) -> dict:
    """``runs`` rounds of one to three decisions on the laptop, each synced through a ``FaultyProxy``
    until a sync gets through; the figures of ``Laptop.figures`` and of the proxy."""
    proxy = FaultyProxy(int(hub.url.rsplit(":", 1)[1]))
    try:
        expert = busiest(hub_db)
        laptop = Laptop(laptop_db, hub_db, hub.token("expert", expert_id=expert), expert, hub.url)
        attempts = 0
        for run in range(runs):
            rng = random.Random(run)
            proxy.reseed(run)
            for _ in range(rng.randint(1, 3)):
                laptop.decide(rng)
            attempts += laptop.sync_until_done(proxy.url)
        return {**laptop.figures(), "sync_attempts": attempts, "connections": dict(proxy.fates)}
    finally:
        proxy.close()


def sync_through_a_kill(laptop: Laptop, hub, token: str, url: str, rng: random.Random, new: tuple[int, int]) -> bool:
    """A few new decisions (``new``: how many, at least and at most), then a sync during which the
    hub process is killed at a random moment; the hub is started again and the laptop syncs to the
    end.  True where the kill cut the first sync."""
    for _ in range(rng.randint(*new)):
        laptop.decide(rng)
    timer = threading.Timer(rng.uniform(0.0, 0.4), hub.kill)
    timer.start()
    try:
        client.sync(laptop.database, url, token, read_seconds=5)
        cut = False
    except client.HubUnreachable:
        cut = True
    timer.join()
    hub.restart_if_dead()
    laptop.sync_until_done(url, between=hub.restart_if_dead)
    return cut
