"""Series and numbers of certificates on a PostgreSQL server: two processes issuing at the same
moment never get the same number (an advisory lock of the transaction)."""

from app.services import demo
from app.storage import Database
from tests.unit.test_document_checks import department_acts, issue_in_two_processes



def test_numbers_never_repeat_under_concurrent_issuing(postgres_server):
    url = postgres_server.new_database("documents_numbers")
    db = Database.open(db_url=url, user="tester")
    try:
        demo.generate(db, acts=150, experts=12, seed=5)
        numbers = department_acts(db, 8)
    finally:
        db.close()
    issued = issue_in_two_processes(url, numbers)
    assert len(issued) == len(set(issued)) == 8
    assert sorted(int(n) for _s, n in issued) == list(range(1, 9))
