"""The registry on a PostgreSQL department server: the lists (App 1 with its ICD-10 text,
applicants with their due rule), the filters, and due dates moved by the production calendar."""

from app.domain.clock import today_kz
from app.services import demo, production_calendar
from app.services.listings import REGISTRY_LISTINGS
from app.storage import Database


def test_registry_lists_and_due_dates_on_postgres(postgres_url):
    db = Database.open(db_url=postgres_url, user="tester")
    try:
        demo.generate(db, acts=60, experts=16, seed=5)
        with db.session() as session:
            for name, listing in REGISTRY_LISTINGS.items():
                ids = listing.ids(session, "а", sort=1)
                assert len(listing.rows(session, ids)) == len(ids), name
            applicants = REGISTRY_LISTINGS["applicants"]
            refused = applicants.ids(session, filters={"status": "refused"})
            assert refused and all(row[6] == "Refused" for row in applicants.rows(session, refused).values())
            due = [row[7] for row in applicants.rows(session, applicants.ids(session)).values() if row[7]]
            assert due and {d.rule for d in due} <= {"registry_document_check", "registry_test", "registry_contract",
                                                     "registry_signing", "registry_inclusion"}
            registry = REGISTRY_LISTINGS["registry"]
            nosologies = [row[5] for row in registry.rows(session, registry.ids(session)).values()]
            assert all("[" not in text and '"' not in text for text in nosologies)
            production_calendar.set_day(session, today_kz(), False, "test")  # runs the due-date query
    finally:
        db.close()
