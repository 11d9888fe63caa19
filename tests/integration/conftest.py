"""A throw-away PostgreSQL server on 127.0.0.1 for the tests that need one.

It is started from the Debian packages' binaries in a temporary folder.  Where no server is
installed the tests are skipped — except when SARAPTAMA_REQUIRE_POSTGRES=1 (CI sets it), so
a missing server can never pass silently there.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from app.storage import Database


def _binaries() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url():
    bin_dir = _binaries()
    if bin_dir is None:
        if os.environ.get("SARAPTAMA_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL is required here but /usr/lib/postgresql/*/bin/initdb is missing")
        pytest.skip("no PostgreSQL server installed")
    folder = Path(tempfile.mkdtemp(prefix="saraptama-pg-"))  # outside pytest's root-only folder
    data = folder / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    port = _free_port()
    subprocess.run([*as_user, f"{bin_dir}/initdb", "-D", str(data), "-U", "saraptama", "-A", "trust",
                    "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
    subprocess.run([*as_user, f"{bin_dir}/pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w", "start",
                    "-o", f"-h 127.0.0.1 -p {port} -k {folder}"], check=True, capture_output=True)
    try:
        deadline = time.monotonic() + 30
        while subprocess.run([f"{bin_dir}/pg_isready", "-h", "127.0.0.1", "-p", str(port)],
                             capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                pytest.fail("PostgreSQL did not start")
            time.sleep(0.2)
        subprocess.run([f"{bin_dir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "saraptama", "mse"],
                       check=True)
        yield f"postgresql+psycopg://saraptama@127.0.0.1:{port}/mse"
    finally:
        subprocess.run([*as_user, f"{bin_dir}/pg_ctl", "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def fresh_database(postgres_url):
    """Makes a database of its own on the test server (test_postgres.py counts the rows of ``mse``)."""
    opened = []

    def make(name: str) -> Database:
        server, _ = postgres_url.rsplit("/", 1)
        engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
        engine.dispose()
        opened.append(Database.open(db_url=f"{server}/{name}", user="tester"))
        return opened[-1]

    yield make
    for db in opened:
        db.close()
