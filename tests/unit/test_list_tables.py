"""The lists of the window are one definition, run alike by a unit of work of the ORM and by a
bare connection before the models are declared (a quick start): their lightweight tables name the
models' columns with the models' types, and both ways give the same rows."""

from __future__ import annotations

import pytest
from sqlalchemy import Enum

from app import models as m
from app.services import listings
from app.services.listings import ALL_LISTINGS


def _type_of(column) -> tuple:
    kind = column.type
    return (type(kind), kind.enum_class) if isinstance(kind, Enum) else (type(kind),)


@pytest.mark.parametrize("light", listings.TABLES, ids=lambda table: table.name)
def test_each_lightweight_table_names_the_models_columns_with_their_types(light):
    model = m.Base.metadata.tables[light.name]
    for column in light.columns:
        assert column.name in model.columns, f"{light.name}.{column.name}"
        assert _type_of(column) == _type_of(model.columns[column.name]), f"{light.name}.{column.name}"


def rows_both_ways(db, listing, **options) -> dict[int, tuple]:
    with db.engine.connect() as connection:
        quick_ids = listing.ids(connection, **options)
        quick = listing.rows(connection, quick_ids[:200])
    with db.session() as session:
        ids = listing.ids(session, **options)
        rows = listing.rows(session, ids[:200])
    assert quick_ids == ids
    assert quick == rows
    return rows


@pytest.mark.parametrize("name", list(ALL_LISTINGS))
def test_every_list_gives_the_same_rows_on_a_bare_connection_as_in_a_unit_of_work(demo_db, name):
    listing = ALL_LISTINGS[name]
    rows = rows_both_ways(demo_db, listing)
    assert rows or name in ("applicants",), name
    assert rows_both_ways(demo_db, listing, sort=1, descending=True) or not rows


def test_the_own_departments_rows_are_the_same_both_ways(demo_db):
    with demo_db.engine.connect() as connection:
        quick = listings.own_department_id(connection)
    with demo_db.session() as session:
        department = session.scalar(m.Department.__table__.select().with_only_columns(m.Department.id)
                                    .where(m.Department.code == session.get(m.Setting, "department_code").value))
        assert listings.own_department_id(session) == quick == department
    shown = rows_both_ways(demo_db, listings.INCOMING, department_id=quick)
    with demo_db.session() as session:
        assert all(session.get(m.DraftAct, row_id).department_id == quick for row_id in shown)
    assert rows_both_ways(demo_db, listings.WAITING, department_id=quick, overdue=True) is not None


@pytest.mark.parametrize("text", ["ова", "c50", "000012", "75-0", "ожида"])
def test_a_filter_typed_before_the_models_are_declared_finds_the_same_rows(demo_db, text):
    """Typed words reach the text index on a bare connection as in a unit of work (a quick start's list)."""
    assert rows_both_ways(demo_db, listings.INCOMING, text=text, lang="ru")
    rows_both_ways(demo_db, listings.WAITING, text=text, lang="ru")
