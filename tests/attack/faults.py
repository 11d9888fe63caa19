"""Forged signatures and bad luck: decisions and result documents changed after they were
signed, a key of someone else, and processes killed with SIGKILL in the middle of intake, of the
demonstration and of a push to the hub.  Each attempt returns an ``Outcome``
(``tests/attack/run_attack.py``)."""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from app.storage import DB_FILE
from tests.attack.insider import query
from tests.attack.run_attack import CLI, Attack, Outcome, outcome


# -- signatures ----------------------------------------------------------------------------------------
def signatures(attack: Attack) -> None:
    from app.storage import Database
    from tests.pki import PASSWORD, Pki, hold_the_keys
    from tests.review_case import conclusion, prepare_case
    folder = attack.work / "signatures"
    shutil.copytree(attack.data, folder, ignore=shutil.ignore_patterns("logs", "backups", "own.csv"))
    pki = Pki(attack.work / "pki")
    db = Database.open(data_dir=folder, user="attack")
    try:
        case = prepare_case(db)
        hold_the_keys(db, case["experts"][0])
    finally:
        db.close()
    key = {"SARAPTAMA_KEY_PASSWORD": PASSWORD}
    attack.secrets["the key's password"] = {PASSWORD}
    attack.saraptama(folder, "trust", "add", pki.root_pem)
    attack.saraptama(folder, "trust", "add-crl", pki.crl)
    decision = folder / "decision.json"
    decision.write_text(json.dumps(conclusion()), encoding="utf-8")
    signs = Signatures(attack, folder, case, key)
    attack.attempt("signatures", "a decision signed with someone else's key",
                   lambda: signs.refused("decisions", "submit", case["number"], "--expert", case["experts"][0],
                                         decision, "--key", pki.someone_else))
    submitted = attack.saraptama(folder, "decisions", "submit", case["number"], "--expert", case["experts"][0],
                                 decision, "--key", pki.valid, **key)
    if submitted[0] != 0:
        attack.record("signatures", "a decision signed with the expert's own key", False,
                      outcome(False, submitted).reason)
        return
    edits = {
        "a signed decision's term edited in the database": "UPDATE expert_decision SET content = json_set(content, "
                                                            "'$.term', '5y') WHERE signature LIKE 'cms:%'",
        "a signed decision's moment moved": "UPDATE expert_decision SET decided_at = '2024-01-01 00:00:00.000000' "
                                            "WHERE signature LIKE 'cms:%'",
        "a signed decision's outcome edited": "UPDATE expert_decision SET content = json_set(content, '$.group', "
                                              "'I') WHERE signature LIKE 'cms:%'",
        "a signed decision's signature emptied and its content edited": (
            "UPDATE expert_decision SET signature = '', content = json_set(content, '$.term', '5y') "
            "WHERE signature LIKE 'cms:%'"),
    }
    for name, statement in (list(edits.items())[:1] if attack.quick else edits.items()):
        attack.attempt("signatures", name, lambda s=statement: signs.edited_decision(s))
    if not attack.quick:
        for name, change in (("a signed certificate with one bit flipped", _flip_a_bit),
                             ("a signed certificate with an empty incremental update", _empty_update)):
            attack.attempt("signatures", name, lambda c=change: signs.changed_pdf(pki, c))


class Signatures:
    def __init__(self, attack: Attack, folder: Path, case: dict, key: dict):
        self.attack, self.folder, self.case, self.key = attack, folder, case, key
        self.pdf: Path | None = None

    def refused(self, *argv) -> Outcome:
        result = self.attack.saraptama(self.folder, *argv, **self.key)
        return outcome(result[0] == 2 and "Traceback" not in result[2], result)

    def edited_decision(self, statement: str) -> Outcome:
        """The decision edited on a copy of the database: ``decisions verify`` must not call it valid."""
        copy = self.folder.parent / f"signatures-edit-{abs(hash(statement)) % 10**6}"
        shutil.copytree(self.folder, copy, ignore=shutil.ignore_patterns("logs", "backups"), dirs_exist_ok=True)
        with closing(sqlite3.connect(copy / DB_FILE)) as connection, connection:
            connection.execute(statement)
        result = self.attack.saraptama(copy, "decisions", "verify", self.case["number"])
        if result[0] != 0:
            return outcome(False, result)
        verdicts = [(d["valid"], d.get("reason")) for d in json.loads(result[1])["decisions"]]
        return Outcome(verdicts == [(False, "changed")], f"decisions verify: {verdicts}")

    def signed_pdf(self, pki) -> Path:
        """The act's certificate of disability, the head's decision signed and the PDF printed
        with the key (once)."""
        if self.pdf is None:
            from app.storage import Database
            from tests.review_case import conclusion, prepare_case
            from tests.unit.test_review import decide_all, kz
            from app.services.review import decisions, routing
            db = Database.open(data_dir=self.folder, user="attack")
            try:
                case = prepare_case(db)
                decide_all(db, case, [conclusion(), conclusion(), conclusion()])
                with db.session() as session:
                    routing.sign(session, decisions.act_by_number(session, case["number"]), case["home_head"],
                                 kz(2025, 3, 19, 15))
            finally:
                db.close()
            self.pdf = self.folder / "certificate.pdf"
            printed = self.attack.saraptama(self.folder, "print", "disability-certificate", "--act", case["number"],
                                            "--out", self.pdf, "--key", pki.valid, **self.key)
            assert printed[0] == 0, outcome(False, printed).reason
        return self.pdf

    def changed_pdf(self, pki, change) -> Outcome:
        pdf = self.signed_pdf(pki)
        changed = pdf.with_name(f"changed-{change.__name__}.pdf")
        changed.write_bytes(change(pdf.read_bytes()))
        result = self.attack.saraptama(self.folder, "documents", "verify", changed)
        verdict = json.loads(result[1]) if result[0] == 0 else None
        return Outcome(verdict is not None and verdict["valid"] is False, f"documents verify: {verdict}")


def _flip_a_bit(pdf: bytes) -> bytes:
    data = bytearray(pdf)
    data[len(data) // 3] ^= 0x01
    return bytes(data)


def _empty_update(pdf: bytes) -> bytes:
    from tests.unit.test_signatures import _empty_incremental_update
    return pdf + _empty_incremental_update(pdf)


# -- crashes -------------------------------------------------------------------------------------------
DEMO_ACTS = 1500  # a demonstration long enough to be killed while it writes


def crashes(attack: Attack) -> None:
    rng = random.Random(11)
    for run in range(1 if attack.quick else 3):
        attack.attempt("crashes", f"kill -9 during intake import (run {run + 1})",
                       lambda r=run: killed_intake(attack, r, rng.uniform(0.2, 2.0)))
    if attack.quick:
        return
    for run in range(2):
        attack.attempt("crashes", f"kill -9 during demo (run {run + 1})",
                       lambda r=run: killed_demo(attack, r, rng.uniform(0.2, 3.0)))
    attack.attempt("crashes", "kill -9 of the hub during pushes (3 runs)", lambda: killed_hub(attack, 3))


def _writing(data: Path) -> bool:
    """Whether a command has started writing the database (its write-ahead log grows)."""
    wal = data / f"{DB_FILE}-wal"
    return wal.exists() and wal.stat().st_size > 0


def _killed_after(argv: list, seconds: float, data: Path | None = None) -> bool:
    """``saraptama ARGV`` killed with SIGKILL ``seconds`` after it starts writing ``data``'s
    database (or after it starts); whether it was still running."""
    process = subprocess.Popen([sys.executable, "-W", "ignore", "-c", CLI, *map(str, argv)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while data is not None and process.poll() is None and not _writing(data):
        time.sleep(0.02)
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return True


def _sound(attack: Attack, data: Path) -> str | None:
    """Why the database is not sound after a kill, or None: SQLite's check and the audit chain."""
    if not attack.sound(data):
        return "quick_check fails"
    verdict = attack.saraptama(data, "audit", "verify")
    if verdict[0] != 0 or not json.loads(verdict[1])["ok"]:
        return f"audit verify: {verdict[1].strip() or verdict[2].strip()}"
    return None


def killed_intake(attack: Attack, run: int, seconds: float) -> Outcome:
    """Intake of a folder killed part way; the same import again: every package once, no half act."""
    from app.services.intake import samples
    from tests.unit.test_hostile_input import AT, RECEIVED
    count = 60 if attack.quick else 150
    make = samples.Samples(RECEIVED.date(), seed=500 + run)
    folder, lookups = samples.write_batch(attack.work / f"crash-intake-{run}",
                                          [make.valid() for _ in range(count)], make.lookups)
    data = attack.work / f"crash-intake-{run}" / "data"
    attack.saraptama(data, "acts", "list")  # the empty database, migrated
    argv = ["--data-dir", data, "intake", "import", "--lookups", lookups, "--received-at", AT, folder]
    killed = _killed_after(argv, seconds, data)
    if problem := _sound(attack, data):
        return Outcome(False, f"after the kill: {problem}")
    half = query(data, "SELECT count(*) FROM referral_package WHERE accepted AND id NOT IN "
                       "(SELECT package_id FROM draft_act WHERE package_id IS NOT NULL)")[0][0]
    before = query(data, "SELECT count(*) FROM draft_act")[0][0]
    again = attack.saraptama(data, "intake", "import", "--lookups", lookups, "--received-at", AT, folder)
    acts, distinct = query(data, "SELECT count(*), count(DISTINCT person_id) FROM draft_act")[0]
    held = again[0] in (0, 2) and acts == distinct == count and half == 0
    return Outcome(held, f"killed={'yes' if killed else 'no (it ended first)'}, {before} acts at the kill, "
                         f"{half} accepted without an act, {acts} after the import again, {distinct} people "
                         f"(expected {count})")


def killed_demo(attack: Attack, run: int, seconds: float) -> Outcome:
    """The demonstration killed part way: the database is sound and holds it all or none of it."""
    data = attack.work / f"crash-demo-{run}"
    attack.saraptama(data, "acts", "list")
    killed = _killed_after(["--data-dir", data, "demo", "--acts", DEMO_ACTS, "--experts", "30", "--seed", str(run)],
                           seconds, data)
    if problem := _sound(attack, data):
        return Outcome(False, f"after the kill: {problem}")
    acts = query(data, "SELECT count(*) FROM draft_act")[0][0]
    return Outcome(acts in (0, DEMO_ACTS), f"killed={'yes' if killed else 'no'}, {acts} of {DEMO_ACTS} acts")


def killed_hub(attack: Attack, runs: int) -> Outcome:
    """``saraptama hub serve`` killed in the middle of a laptop's pushes (``tests/hub_helpers.py``):
    no decision lost or applied twice (``tests/sync_laptop.check``)."""
    from app.hub import users
    from app.storage import Database
    from tests.hub_helpers import HubProcess
    from tests.sync_laptop import Laptop, busiest, check, sync_through_a_kill
    folder = attack.work / "crash-hub"
    shutil.copytree(attack.data, folder, ignore=shutil.ignore_patterns("logs", "backups", "own.csv"))
    hub_db = Database.open(data_dir=folder, user="attack")
    laptop_db = Database.open(data_dir=attack.work / "crash-laptop", user="laptop")
    expert = busiest(hub_db)
    with hub_db.session() as session:
        token = users.add_user(session, "expert", expert_id=expert)["token"]
    hub = HubProcess(f"sqlite:///{folder / DB_FILE}")
    url = hub.start()
    time.sleep(0.3)
    try:
        laptop = Laptop(laptop_db, hub_db, token, expert, url)
        for run in range(runs):
            sync_through_a_kill(laptop, hub, token, url, random.Random(2000 + run), new=(5, 15))
        figures = laptop.figures()
        check(figures, runs, "hub killed")
        return Outcome(True, f"{figures['decisions']} decisions: none lost, none twice")
    except AssertionError as error:
        return Outcome(False, str(error).splitlines()[0][:110])
    finally:
        hub.kill()
        hub_db.close()
        laptop_db.close()
