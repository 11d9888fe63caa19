"""Two processes appending to the audit trail at once: each runs many short units of
work that write nothing but audit entries, so only the lock on the chain's head keeps them apart."""

from __future__ import annotations

import subprocess
import sys

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
