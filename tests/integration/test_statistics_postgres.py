"""The statistics on PostgreSQL give the figures they give on SQLite: the generated key columns
(migration 0012_statistics), the Kazakhstan weeks and days, the window functions and the planner
settings are the database's own on each."""

from __future__ import annotations

import json
from datetime import date, datetime

from app.domain.clock import KZ_TIME, clock_at
from app.services import statistics
from app.storage import Database
from tests import statistics_data

PERIOD = statistics.Filters(date(2025, 3, 1), date(2025, 4, 30))
NOW = datetime(2025, 5, 5, 12, 0, tzinfo=KZ_TIME)


def _reports(db: Database) -> dict:
    with db.session() as session, clock_at(NOW):
        return json.loads(json.dumps({view: statistics.report(session, view, PERIOD) for view in statistics.VIEWS}))


def test_postgresql_and_sqlite_give_the_same_figures(fresh_database, tmp_path):
    postgres = fresh_database("statistics")
    sqlite = Database.open(data_dir=tmp_path / "sqlite", user="tester")
    try:
        for db in (postgres, sqlite):
            statistics_data.generate(db, acts=90)
        on_postgres, on_sqlite = _reports(postgres), _reports(sqlite)
    finally:
        sqlite.close()
    assert on_postgres["agreement"]["by_field"][0]["acts"] == 90
    assert on_postgres["workload"]["by_week"] and on_postgres["reversals"]["durations"]
    assert on_postgres == on_sqlite


def test_the_figures_kept_on_postgresql_are_those_of_the_rows(fresh_database):
    """act_figures on PostgreSQL, written at each commit and filled as migration 0016 fills it, are
    the recomputation of the acts' rows."""
    from app.models import figures
    from tests.unit.test_act_figures import assert_same, stored

    db = fresh_database("figures")
    statistics_data.generate(db, acts=60)
    with db.session() as session:
        assert assert_same(session) >= 60
        kept = stored(session)
        figures.refresh(session)
    with db.session() as session:
        assert stored(session) == kept
