"""Demo rows carry explicit ids; on PostgreSQL the id sequences must follow them, or the
next ordinary insert collides with a demo row."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app import models as m
from app.services import demo, workstation



@pytest.fixture
def own_database(fresh_database):
    return fresh_database("demo_sequences")


def test_ordinary_inserts_work_after_the_demo(own_database):
    db = own_database
    demo.generate(db, acts=120, experts=12, seed=3)
    demo.generate(db, acts=30, experts=4, seed=4)  # a second run continues after the first's ids
    with db.session() as session:
        department = workstation.setup_department(session, region_code="75", number=99, address="Абай, 1",
                                                  head_name="Сейтқали Айгүл", user_name="Нұрлан")
        person = m.Person(iin="900101300017", last_name="Сейтқали", first_name="Айгүл", sort_name="сейтқали айгүл",
                          birth_date=date(1990, 1, 1), sex="female", region_code="75")
        session.add(person)
        session.flush()
        assert department.id == session.scalar(select(func.max(m.Department.id)))
        assert person.id == session.scalar(select(func.max(m.Person.id)))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.DraftAct)) == 150
        assert session.scalar(select(m.Department.code).where(m.Department.number == 99)) == "75-99"
