"""The same code on a PostgreSQL department server: migrations, demo data, lists, commands."""

import json

from sqlalchemy import text

from app.cli import main
from app.domain.collation import sort_key
from app.services import demo
from app.services.listings import LISTINGS, REGISTRY_LISTINGS
from app.storage import Database


def test_postgres_database_works_like_sqlite(postgres_url, capsys):
    db = Database.open(db_url=postgres_url, user="tester")
    try:
        demo.generate(db, acts=150, experts=16, seed=3)
        with db.session() as session:
            assert session.execute(text("SELECT lower('ӘЛИЕВ')")).scalar() == "әлиев"
            counted = 0
            for registry in (REGISTRY_LISTINGS["registry"], REGISTRY_LISTINGS["staff"]):  # App 1, and the staff
                name = [c.key for c in registry.columns].index("name")
                ids = registry.ids(session, sort=name)
                names = [row[name] for row in map(registry.rows(session, ids).get, ids)]
                assert names and names == sorted(names, key=sort_key)
                counted += len(names)
            assert counted == 16
            incoming = LISTINGS["incoming"]
            some = incoming.rows(session, incoming.ids(session)[:1])
            surname = next(iter(some.values()))[2].split()[0]
            assert 0 < len(incoming.ids(session, surname.upper())) < len(incoming.ids(session))
    finally:
        db.close()
    Database.open(db_url=postgres_url).close()  # a second start finds the schema current
    assert main(["--db-url", postgres_url, "acts", "list", "--limit", "3"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
