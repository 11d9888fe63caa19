"""Writers of the audit trail for tests: two processes appending at once (each runs many short
units of work that write nothing but audit entries, so only the lock on the chain's head keeps them
apart), and a forger who recomputes every hash after editing an entry (``rechain``)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

from app.domain import audit as chain_rules

SCRIPT = """
import sys
from app.storage import Database, record_audit
db = Database(sys.argv[1], user=sys.argv[2])
for number in range(int(sys.argv[3])):
    with db.session() as session:
        record_audit(session, "test", "writer", f"{sys.argv[2]}-{number}", number=number)
        record_audit(session, "test", "writer", f"{sys.argv[2]}-{number}b")
db.close()
"""


def append_at_once(url: str, per_process: int, processes: int = 2) -> None:
    running = [subprocess.Popen([sys.executable, "-c", SCRIPT, url, f"w{n}", str(per_process)])
               for n in range(processes)]
    assert [p.wait(timeout=300) for p in running] == [0] * processes


def rechain(engine) -> None:
    """What a forger who edited the trail does next: every hash recomputed from the first entry
    on, and the chain's head set to the new end (SQLite)."""
    with engine.begin() as connection:
        rows = [dict(r) for r in connection.exec_driver_sql(
            "SELECT id, at, user, action, table_name, row_id, changes, before FROM audit_entry ORDER BY id").mappings()]
        for row in rows:
            row["at"] = datetime.fromisoformat(row["at"]).replace(tzinfo=UTC)
            row["changes"], row["before"] = json.loads(row["changes"]), json.loads(row["before"])
        last = chain_rules.chain("", rows)
        for row in rows:
            connection.exec_driver_sql("UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?",
                                       (row["prev_hash"], row["hash"], row["id"]))
        connection.exec_driver_sql("UPDATE audit_head SET last_hash = ?", (last,))
