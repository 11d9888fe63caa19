"""Logs never hold an IIN, a name or a diagnosis: after a run of the commands (intake,
acts shown with their personal part, printing, sign-in failures, the audit trail) and of the
window (sign-in, an act's card with its personal part), every log file is scanned for the
personal data of every person in the database."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy import select

from app import models as m
from app.storage import Database

PASSWORD = "admin-password"


def saraptama(data_dir, *argv, password: str | None = PASSWORD, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SARAPTAMA_NEW_PASSWORD=PASSWORD)
    if password:
        env["SARAPTAMA_PASSWORD"] = password
    result = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), *map(str, argv)],
                            env=env, capture_output=True, text=True, timeout=300)
    assert not check or result.returncode == 0, result.stderr
    return result


def personal_values(data_dir) -> set[str]:
    """IINs, surnames, first names and diagnosis texts of every person the database holds."""
    db = Database.open(data_dir=data_dir)
    found: set[str] = set()
    with db.session() as session:
        for person in session.scalars(select(m.Person)):
            found |= {person.iin, person.last_name, person.first_name}
        for content in session.scalars(select(m.ReferralPackage.content)):
            diagnosis = ((content or {}).get("clinical") or {}).get("diagnosis_main") or {}
            if isinstance(diagnosis.get("text"), str):
                found.add(diagnosis["text"])
    db.close()
    return {value for value in found if value and len(value) >= 4}


def test_logs_hold_no_personal_data_after_commands_and_the_window(demo_data_dir, tmp_path):
    samples = json.loads(saraptama(demo_data_dir, "intake", "samples", "--out", tmp_path / "in", "--count", "6",
                                   password=None).stdout)
    saraptama(demo_data_dir, "intake", "import", "--lookups", samples["lookups"], samples["packages"], password=None)
    numbers = [a["number"] for a in json.loads(saraptama(demo_data_dir, "acts", "list", "--limit", "3",
                                                         password=None).stdout)]
    saraptama(demo_data_dir, "users", "add", "admin", "--role", "admin", password=None)
    saraptama(demo_data_dir, "--user", "admin", "users", "add", "aigul", "--role", "head")
    for number in numbers:
        saraptama(demo_data_dir, "--user", "aigul", "acts", "show", number, password="aigul-password", check=False)
    saraptama(demo_data_dir, "--user", "admin", "users", "reset-password", "aigul")
    saraptama(demo_data_dir, "--user", "aigul", "acts", "show", numbers[0])
    saraptama(demo_data_dir, "--user", "aigul", "print", "act", "--act", numbers[0], "--out", tmp_path / "act.pdf")
    saraptama(demo_data_dir, "--user", "aigul", "acts", "show", "20990101000001", check=False)
    saraptama(demo_data_dir, "--user", "admin", "audit", "verify")
    window = subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(demo_data_dir), "--user", "aigul", "--screenshot",
         tmp_path / "card.png", "--dialog", "card", "--act", numbers[0]],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", SARAPTAMA_PASSWORD=PASSWORD), capture_output=True,
        text=True, timeout=300)
    assert window.returncode == 0, window.stderr

    logs = {path.name: path.read_text(encoding="utf-8") for path in (demo_data_dir / "logs").glob("*.log*")}
    assert {"saraptama-cli.log", "saraptama.log"} <= set(logs)
    assert "package" in logs["saraptama-cli.log"]  # the intake logged its packages
    personal = personal_values(demo_data_dir)
    assert len(personal) > 400
    leaks = {(name, value) for name, text in logs.items() for value in personal if value in text}
    assert leaks == set()
