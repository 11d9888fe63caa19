"""On PostgreSQL too, the quick start's reads (a bare connection, before the models are declared)
give the rows of the ORM's: the command's acts list and every list of the window."""

from __future__ import annotations

import pytest

from app.services import demo, listings
from app.services.listings import ALL_LISTINGS
from tests.unit.test_list_tables import rows_both_ways
from tests.unit.test_quick_start import same_acts_both_ways


@pytest.fixture
def demo_postgres(fresh_database):
    db = fresh_database("quick_start")
    demo.generate(db, acts=150, experts=20, seed=5)
    return db


def test_the_quick_acts_list_gives_the_models_rows_on_postgresql(demo_postgres):
    for status in (None, "waiting", "signed"):
        assert same_acts_both_ways(demo_postgres, status=status)


def test_every_list_of_the_window_gives_the_same_rows_both_ways_on_postgresql(demo_postgres):
    with demo_postgres.engine.connect() as connection:
        department_id = listings.own_department_id(connection)
    for listing in ALL_LISTINGS.values():
        rows_both_ways(demo_postgres, listing)
        rows_both_ways(demo_postgres, listing, sort=0, descending=True, department_id=department_id)
        rows_both_ways(demo_postgres, listing, text="ова", lang="ru")
    assert rows_both_ways(demo_postgres, listings.INCOMING, department_id=department_id)
