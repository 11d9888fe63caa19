"""Statistics benchmark: a country's year on a throw-away PostgreSQL 15 server on 127.0.0.1.

The rows are made by the database itself (generate_series): 100 departments, 1,000 experts,
300,000 draft acts of one year with 900,000 expert decisions (about 70% of panels 3/3, 27% 2/1,
3% 1/1/1), their conclusions, 3,000 appeals; then each act's figures (act_figures, which the
program keeps as it writes, app/models/figures.py) are filled as migration 0017 fills them, and
that time is printed too.  Each view of ``saraptama stats`` over the whole year and the whole
country is timed against a plain ``COUNT(*)`` of the same rows (the year's decisions in force with
their assignments and acts), and printed as a ratio.

    .venv/bin/python bench/bench_stats.py [--acts 300000] [--sqlite]

``--sqlite`` runs the same on a SQLite file instead (slower: one core, no parallel plans).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import text

from app.domain.clock import KZ_TIME, clock_at
from app.models import figures
from app.services import statistics
from app.storage import Database

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sync import postgres_database  # noqa: E402 -- the throw-away server, started one way

YEAR = 2025
EXPERTS = 1000
DEPARTMENTS = 100
ROUNDS = 3
CODES = ("C50.1", "C34", "C18", "I63.5", "I61.0", "F20", "F70", "E10", "Q90", "G20", "N18.5", "A15.0", "C91", "K74")

SQL = {
    "department": """
        INSERT INTO department (uid, updated_at, code, region_code, kind, number, address, head_name)
        SELECT md5('d' || i), now(), r.code || '-' || lpad((i / 20 + 1)::text, 2, '0'), r.code, 'general', i / 20 + 1,
               '', ''
        FROM generate_series(0, :departments - 1) AS i
        JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n FROM region) AS r ON r.n = i % 20""",
    "staff_member": """
        INSERT INTO staff_member (uid, updated_at, role, iin, region_code, department_id, phone, email,
                                  specialty_profile, nosologies, status, last_name, first_name, middle_name, sort_name)
        SELECT md5('s' || i), now(), CASE WHEN i % 3 = 0 THEN 'head' ELSE 'specialist' END, lpad(i::text, 12, '0'),
               d.region_code, d.id, '', '', '', '[]', 'active', 'Expert' || i, 'A', '', 'expert' || i
        FROM generate_series(0, :experts - 1) AS i
        JOIN (SELECT id, region_code, row_number() OVER (ORDER BY id) - 1 AS n FROM department) AS d
          ON d.n = i % :departments""",
    "draft_act": """
        INSERT INTO draft_act (uid, updated_at, number, registered_at, status, due_at, department_id, purpose,
                               age_years, sex, working, diagnosis_main_icd10, diagnosis_main_text,
                               diagnoses_concomitant, concomitant_summary, clinical)
        SELECT md5('a' || i), now(), lpad(i::text, 14, '0'),
               CAST(:start AS timestamp) + (i * interval '104 seconds'), 'signed', NULL,
               (SELECT min(id) FROM department) + i % :departments, 'disability_repeat', 20 + i % 60,
               CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END, false, (CAST(:codes AS text[]))[1 + i % 14],
               '', '[]', '', '{}'
        FROM generate_series(1, :acts) AS i""",
    "assignment": """
        INSERT INTO assignment (uid, updated_at, act_id, expert_id, role, assigned_at, due_at, withdrawn)
        SELECT md5('p' || a.id || '-' || k), now(), a.id,
               (SELECT min(id) FROM staff_member) + (a.id * 7 + k * 331) % :experts,
               CASE WHEN k = 0 THEN 'head' ELSE 'specialist' END, a.registered_at,
               a.registered_at + interval '3 days', false
        FROM draft_act AS a CROSS JOIN generate_series(0, 2) AS k""",
    "expert_decision": """
        INSERT INTO expert_decision (uid, updated_at, assignment_id, decided_at, outcome, content, signature,
                                     warnings_confirmed)
        SELECT md5('e' || p.id), now(), p.id,
               p.assigned_at + ((p.id * 37) % 100) * interval '1 hour',
               CASE WHEN (p.act_id * 13 + p.id) % 97 = 0 THEN 'poor_quality' ELSE 'conclusion' END,
               json_build_object('outcome', 'conclusion',
                                 'group', (ARRAY['I', 'II', 'III'])[1 + (p.act_id + (p.id % 29 = 0)::int) % 3],
                                 'cause', 'general_disease',
                                 'term', (ARRAY['1y', '2y', '5y'])[1 + (p.act_id + (p.id % 4 = 0)::int) % 3],
                                 'uot_percent', NULL, 'upt_percent', NULL),
               '', false
        FROM assignment AS p""",
    "conclusion": """
        INSERT INTO conclusion (uid, updated_at, act_id, route, decision, agreeing, concluded_at, proactive,
                                signed_at, signature)
        SELECT md5('c' || a.id), now(), a.id, 'concluded',
               json_build_object('outcome', 'conclusion', 'group', (ARRAY['I', 'II', 'III'])[1 + a.id % 3],
                                 'cause', 'general_disease', 'term', (ARRAY['1y', '2y', '5y'])[1 + a.id % 3],
                                 'uot_percent', NULL, 'upt_percent', NULL),
               2, a.registered_at + interval '2 days', true, a.registered_at + interval '2 days 3 hours', ''
        FROM draft_act AS a""",
    "appeal": """
        INSERT INTO appeal (uid, updated_at, act_id, kind, status, filed_at, registration_number, late, text,
                            protocol_number, answer, letter_number, concluded_at, decision)
        SELECT md5('l' || a.id), now(), a.id, CASE WHEN a.id % 4 = 0 THEN 'control' ELSE 'proactive' END,
               'concluded', a.registered_at + interval '20 days', '', false, '', '', '', '',
               a.registered_at + interval '30 days',
               json_build_object('outcome', 'conclusion', 'group', (ARRAY['I', 'II', 'III'])[1 + (a.id + 1) % 3],
                                 'cause', 'general_disease', 'term', '1y')
        FROM draft_act AS a WHERE a.id % 100 = 0""",
}

BASELINE = """
    SELECT count(*) FROM expert_decision AS e
    JOIN assignment AS p ON p.id = e.assignment_id
    JOIN draft_act AS a ON a.id = p.act_id
    WHERE e.superseded_at IS NULL AND NOT p.withdrawn AND a.registered_at >= :start AND a.registered_at < :end"""


def fill(db: Database, acts: int) -> float:
    """The year's rows, made by the server; returns the seconds it took."""
    began = time.perf_counter()
    with db.engine.begin() as connection:  # the regions are the migrations' reference data
        for sql in SQL.values():
            connection.execute(text(sql), {"departments": DEPARTMENTS, "experts": EXPERTS, "acts": acts,
                                           "start": datetime(YEAR, 1, 1, 4), "codes": list(CODES)})
        for table in SQL:
            connection.exec_driver_sql(f"ANALYZE {table}")
    return time.perf_counter() - began


def fill_figures(db: Database) -> float:
    """Each act's figures, written as migration 0017 fills them; returns the seconds it took."""
    began = time.perf_counter()
    with db.session() as session:
        figures.refresh(session)
        session.flush()
    with db.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE act_figures")
    return time.perf_counter() - began


def best(function) -> float:
    """The best of ROUNDS runs, in seconds (the first also warms the caches)."""
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return min(times)


def run(db: Database, acts: int) -> None:
    print(f"filling {acts:,} acts, {3 * acts:,} decisions … ", end="", flush=True)
    print(f"{fill(db, acts):.1f} s")
    print(f"their figures (act_figures, as migration 0017 fills them) … {fill_figures(db):.1f} s")
    filters = statistics.Filters(date(YEAR, 1, 1), date(YEAR, 12, 31))
    bounds = {"start": datetime(YEAR, 1, 1, tzinfo=KZ_TIME), "end": datetime(YEAR + 1, 1, 1, tzinfo=KZ_TIME)}
    with db.session() as session:
        rows = session.execute(text(BASELINE), bounds).scalar()
        baseline = best(lambda: session.execute(text(BASELINE), bounds).scalar())
        print(f"plain COUNT(*) of the year's {rows:,} decisions with their acts: {baseline * 1000:.0f} ms")
        total = 0.0
        with clock_at(datetime(YEAR + 1, 1, 15, 12, tzinfo=KZ_TIME)):
            for view in statistics.VIEWS:
                seconds = best(lambda view=view: statistics.report(session, view, filters))
                total += seconds
                print(f"stats {view:<10} {seconds * 1000:7.0f} ms   {seconds / baseline:6.1f} × COUNT(*)")
        print(f"all three views {total:.2f} s = {total / baseline:.1f} × COUNT(*)  (target: a view within 2 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acts", type=int, default=300_000)
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file instead of PostgreSQL")
    args = parser.parse_args()
    with database(args.sqlite) as db:
        run(db, args.acts)


@contextmanager
def database(sqlite: bool):
    if sqlite:
        with tempfile.TemporaryDirectory() as folder:
            db = Database.open(data_dir=Path(folder), user="bench")
            yield db
            db.close()
        return
    with postgres_database() as url:
        db = Database.open(db_url=url, user="bench")
        yield db
        db.close()


if __name__ == "__main__":
    main()
