"""The outbox's messages name their person (an act's notice, §45) or applicant (the registry's,
Registry Rules ch. 2): ``outbox list`` shows their words, address and error only to who may read
that person's data — never to an independent expert or an administrator (§25.2)."""

from __future__ import annotations

from app.domain.permissions import Actor, Role
from app.services.review import outbox


def _listed(db, role: Role) -> list[dict]:
    db.actor = Actor("viewer", role)
    try:
        with db.session() as session:
            return outbox.listing(session, limit=10_000)
    finally:
        db.actor = None


def test_an_independent_expert_and_an_administrator_read_no_names_in_the_outbox(demo_db):
    with demo_db.session() as session:
        everything = outbox.listing(session, limit=10_000)
    acts = [r["id"] for r in everything if r["key"] and r["key"].startswith("act:")]
    applicants = [r["id"] for r in everything if r["key"] and r["key"].startswith("application:")]
    assert acts and applicants  # the demonstration has both kinds
    for role in (Role.INDEPENDENT_EXPERT, Role.ADMIN):
        listed = _listed(demo_db, role)
        assert len(listed) == len(everything) and all(r["text"] is None and r["key"] is None for r in listed)
    by_id = {r["id"]: r for r in _listed(demo_db, Role.COMMITTEE)}
    assert all(by_id[i]["text"] for i in applicants) and all(by_id[i]["text"] is None for i in acts)
    by_id = {r["id"]: r for r in _listed(demo_db, Role.HEAD)}
    assert all(by_id[i]["text"] for i in acts) and all(by_id[i]["text"] is None for i in applicants)
