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


class PostgresServer:
    """The throw-away server: its URL, and stopping and starting it under a running program."""

    def __init__(self, bin_dir: str, folder: Path, as_user: list[str], port: int):
        self.bin_dir, self.folder, self.as_user, self.port = bin_dir, folder, as_user, port
        self.data = folder / "data"

    def url(self, database: str = "mse") -> str:
        return f"postgresql+psycopg://saraptama@127.0.0.1:{self.port}/{database}"

    def _ctl(self, *args: str) -> None:
        subprocess.run([*self.as_user, f"{self.bin_dir}/pg_ctl", "-D", str(self.data), *args],
                       check=True, capture_output=True)

    def start(self) -> None:
        self._ctl("-l", str(self.folder / "log"), "-w", "start",
                  "-o", f"-h 127.0.0.1 -p {self.port} -k {self.folder}")
        deadline = time.monotonic() + 30
        while subprocess.run([f"{self.bin_dir}/pg_isready", "-h", "127.0.0.1", "-p", str(self.port)],
                             capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                pytest.fail("PostgreSQL did not start")
            time.sleep(0.2)

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "-w", "stop")

    def new_database(self, name: str) -> str:
        subprocess.run([f"{self.bin_dir}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "saraptama",
                        name], check=True)
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = _binaries()
    if bin_dir is None:
        if os.environ.get("SARAPTAMA_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL is required here but /usr/lib/postgresql/*/bin/initdb is missing")
        pytest.skip("no PostgreSQL server installed")
    folder = Path(tempfile.mkdtemp(prefix="saraptama-pg-"))  # outside pytest's root-only folder
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    server = PostgresServer(bin_dir, folder, as_user, _free_port())
    subprocess.run([*as_user, f"{bin_dir}/initdb", "-D", str(server.data), "-U", "saraptama", "-A", "trust",
                    "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
    server.start()
    try:
        server.new_database("mse")
        yield server
    finally:
        subprocess.run([*as_user, f"{bin_dir}/pg_ctl", "-D", str(server.data), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(postgres_server):
    return postgres_server.url()


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


@pytest.fixture
def hub(demo_db):
    """A hub answering HTTP on 127.0.0.1 over the demonstration database."""
    from tests import hub_helpers

    running = hub_helpers.RunningHub(demo_db)
    yield running
    running.stop()
