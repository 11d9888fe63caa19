"""Fixtures shared by unit and UI tests: a real migrated database per test, copied from a
template made once per session (Anki's habit), and a demo-filled one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings

from app import i18n
from app.domain.clock import KZ_TIME, set_clock
from app.models import transitions
from app.services import demo
from app.services.intake import samples
from app.storage import DB_FILE, Database
from tests.cups_printer import cups_pdf_printer  # noqa: F401 (a fixture for the printing tests)


# Property tests: 5 examples each by default (a quick suite); .ci/run runs them again with 30
# (``--hypothesis-profile ci``).  A test that names its own number keeps it.
settings.register_profile("quick", max_examples=5)
settings.register_profile("ci", max_examples=30)
settings.load_profile("quick")


# The tests' clock: it starts on Tuesday 1 December 2026, 09:00 in Kazakhstan and runs on at the
# machine's pace, whatever day the machine thinks it is (the program reads it through
# app.domain.clock).  Set at import, before any test module reads it (tests/pki.py does).
TEST_START = datetime(2026, 12, 1, 9, 0, tzinfo=KZ_TIME)
_started = time.monotonic()
set_clock(lambda: TEST_START + timedelta(seconds=time.monotonic() - _started))


@pytest.fixture(scope="session")
def _template_dirs(tmp_path_factory) -> dict[str, Path]:
    empty = tmp_path_factory.mktemp("empty-template")
    Database.open(data_dir=empty).close()
    filled = tmp_path_factory.mktemp("demo-template")
    db = Database.open(data_dir=filled)
    demo.generate(db, acts=400, experts=40, seed=7, today=TEST_START)
    with db.engine.connect() as connection:  # fold the WAL into the file before copying
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {"empty": empty, "demo": filled}


def _copy_database(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / DB_FILE, target / DB_FILE)
    return target


JUNE_DEMO_DAY = datetime(2025, 6, 17, 17, 0, tzinfo=KZ_TIME)  # a Tuesday


@pytest.fixture(scope="session")
def june_demo_template(tmp_path_factory) -> Path:
    """A folder with 600 demonstration acts that arrived up to Tuesday 17 June 2025, 17:00, and
    40 experts (seed 3): about forty acts wait for experts.  Copy it, never open it."""
    folder = tmp_path_factory.mktemp("june-demo-template")
    db = Database.open(data_dir=folder)
    demo.generate(db, acts=600, experts=40, seed=3, today=JUNE_DEMO_DAY)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return folder


@pytest.fixture
def english():
    """Messages in English for the test, the language before restored after it."""
    previous = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(previous)


@pytest.fixture
def data_dir(tmp_path, _template_dirs) -> Path:
    """A data folder holding a migrated, empty database."""
    return _copy_database(_template_dirs["empty"], tmp_path / "data")


@pytest.fixture
def demo_data_dir(tmp_path, _template_dirs) -> Path:
    """A data folder holding a database with 400 demonstration acts."""
    return _copy_database(_template_dirs["demo"], tmp_path / "demo-data")


@pytest.fixture
def db(data_dir):
    database = Database.open(data_dir=data_dir, user="tester")
    yield database
    database.close()


@pytest.fixture
def demo_db(demo_data_dir):
    database = Database.open(data_dir=demo_data_dir, user="tester")
    yield database
    database.close()


@pytest.fixture
def import_at_once(tmp_path):
    """Runs two ``saraptama intake import`` processes at once on one database, each with its own
    folder of valid packages received at the same moment, and checks that the draft acts are
    numbered 1..N of that day without a gap or a repeat (§25.1)."""
    script = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"

    def run(database: list[str], per_process: int) -> list[dict]:
        make = samples.Samples(date(2025, 3, 3), seed=21)
        folders = [samples.write_batch(tmp_path / name, [make.valid() for _ in range(per_process)],
                                       make.lookups)[0] for name in ("a", "b")]
        lookups = make.lookups.write(tmp_path / "lookups")  # the people of both folders
        processes = [subprocess.Popen([sys.executable, "-c", script, *database, "intake", "import", "--lookups",
                                       str(lookups), "--received-at", "2025-03-03T10:00", str(folder)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE) for folder in folders]
        results = []
        for process in processes:
            out, err = process.communicate(timeout=300)
            assert process.returncode == 0, err.decode()
            results += json.loads(out)
        assert all(r["accepted"] for r in results)
        assert sorted(r["act_number"] for r in results) == [f"20250303{n:06d}" for n in range(1, 2 * per_process + 1)]
        return results

    return run


@pytest.fixture(scope="session", autouse=True)
def _statuses_follow_their_tables():
    """Every change of a status attribute in every test checks its workflow's table (app.models.transitions)."""
    transitions.watch()
