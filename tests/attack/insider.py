"""A hostile insider against the department's own database: sign-in and roles through
``saraptama --user …`` commands, the hub's HTTP API with tokens of every kind, the audit trail
edited by hand, and what the logs of all of it hold.  Each attempt returns an ``Outcome``
(``tests/attack/run_attack.py``)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import httpx

from app.storage import DB_FILE
from tests.attack.run_attack import Attack, Outcome, outcome

PASSWORDS = {"admin": "admin-password-1", "aigul": "aigul-password-1", "registrar": "registrar-password",
             "expert": "expert-password-1"}
UNLOCK_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


# -- the database with accounts ------------------------------------------------------------------------
def protected_copy(attack: Attack, name: str) -> Path:
    """A copy of the demo with an administrator, a head, a registrar and an independent expert
    linked to an expert record who sits on acts under review; made once, copied after."""
    made = attack.work / "protected"
    if not made.exists():
        _make_protected(attack.data, made)
    target = attack.work / name
    if not target.exists():
        shutil.copytree(made, target, ignore=shutil.ignore_patterns("logs", "backups"))
    return target


def _make_protected(source: Path, target: Path) -> None:
    from app.domain.permissions import Role
    from app.services import accounts
    from app.storage import Database
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("logs", "backups", "own.csv"))
    expert = seated_expert(target)
    db = Database.open(data_dir=target, user="attack")
    try:
        accounts.add_signing_in_first(db, "admin", Role.ADMIN, PASSWORDS["admin"])
        with db.session() as session:
            accounts.add(session, "aigul", Role.HEAD, PASSWORDS["aigul"])
            accounts.add(session, "registrar", Role.REGISTRAR, PASSWORDS["registrar"])
            accounts.add(session, "expert", Role.INDEPENDENT_EXPERT, PASSWORDS["expert"], expert)
    finally:
        db.close()


def query(data: Path, sql: str, *parameters) -> list[tuple]:
    with closing(sqlite3.connect(data / DB_FILE)) as connection:
        return connection.execute(sql, parameters).fetchall()


def seated_expert(data: Path) -> int:
    """An independent expert with places on acts under review."""
    return query(data, "SELECT a.expert_id FROM assignment a JOIN staff_member s ON s.id = a.expert_id "
                       "JOIN draft_act d ON d.id = a.act_id WHERE s.role = 'independent' AND d.status = 'under_review' "
                       "GROUP BY a.expert_id ORDER BY count(*) DESC, a.expert_id LIMIT 1")[0][0]


def expert_act(data: Path, expert: int) -> tuple[str, int, dict]:
    """An act under review the expert sits on, another expert of its panel, and its person's data."""
    number, act_id = query(data, "SELECT d.number, d.id FROM draft_act d JOIN assignment a ON a.act_id = d.id "
                                 "WHERE a.expert_id = ? AND d.status = 'under_review' ORDER BY d.id LIMIT 1", expert)[0]
    other = query(data, "SELECT expert_id FROM assignment WHERE act_id = ? AND expert_id != ? LIMIT 1", act_id,
                  expert)[0][0]
    iin, last, phone = query(data, "SELECT p.iin, p.last_name, p.phone FROM person p JOIN draft_act d "
                                   "ON d.person_id = p.id WHERE d.id = ?", act_id)[0]
    return number, other, {"IIN": iin, "surname": last, "phone": phone}


def people_values(data: Path) -> dict[str, set[str]]:
    """Every person's IIN, surname (five letters or more, and no staff member's: the demo draws both
    from one list, and an expert's own name is in their pull) and phone: what no answer to a
    stranger holds."""
    rows = query(data, "SELECT iin, last_name, phone FROM person")
    staff = {row[0] for row in query(data, "SELECT last_name FROM staff_member")}
    return {"IIN": {r[0] for r in rows if r[0]}, "surname": {r[1] for r in rows if r[1] and len(r[1]) >= 5} - staff,
            "phone": {r[2] for r in rows if r[2]}}


def shows_none(text: str, values: dict) -> Outcome:
    for kind, value in values.items():
        for one in value if isinstance(value, set) else {value}:
            if one and one in text:
                at = text.index(one)
                return Outcome(False, f"the answer holds a person's {kind}: …{text[max(0, at - 40):at + 30]}…")
    return Outcome(True, "no personal value in the answer")


def refused(result: tuple[int, str, str], words: str = "") -> Outcome:
    code, _out, err = result
    one_line = code == 2 and err.count("\n") <= 1 and "Traceback" not in err and words in err
    return outcome(one_line, result)


def refused_or_clean(result: tuple[int, str, str], values: dict) -> Outcome:
    if result[0] == 2:
        return refused(result)
    return shows_none(result[1], values) if result[0] == 0 else outcome(False, result)


# -- sign-in and roles ---------------------------------------------------------------------------------
def roles(attack: Attack) -> None:
    data = protected_copy(attack, "roles")
    expert = seated_expert(data)
    number, other, person = expert_act(data, expert)

    def as_(user: str, *argv, **env):
        return attack.saraptama(data, *argv, user=user, password=PASSWORDS[user], **env)

    attempts = {
        "a command without --user on a database with accounts": lambda: refused(attack.saraptama(data, "acts", "list")),
        "an independent expert reads the act with the person": lambda: refused_or_clean(
            as_("expert", "acts", "show", number), person),
        "an independent expert looks as another expert of the panel": lambda: refused(
            as_("expert", "decisions", "show", number, "--expert", other)),
        "the administrator reads a person's act": lambda: refused_or_clean(as_("admin", "acts", "show", number),
                                                                           person),
        "the administrator reads the decisions": lambda: refused(as_("admin", "decisions", "show", number)),
        "a registrar adds an administrator": lambda: refused(as_("registrar", "users", "add", "evil", "--role", "admin",
                                                                 SARAPTAMA_NEW_PASSWORD="evil-password-1")),
        "a registrar mints a hub token": lambda: refused(as_("registrar", "hub", "add-user", "--role", "committee")),
        "a head resets the administrator's password": lambda: refused(
            as_("aigul", "users", "reset-password", "admin", SARAPTAMA_NEW_PASSWORD="taken-over-1")),
        "an independent expert lists the outbox": lambda: refused_or_clean(as_("expert", "outbox", "list"),
                                                                           people_values(data)),
        "hub add-user without signing in": lambda: refused(attack.saraptama(data, "hub", "add-user", "--role",
                                                                              "committee")),
    }
    chosen = list(attempts.items())[:3] if attack.quick else list(attempts.items())
    for name, function in chosen:
        attack.attempt("sign-in and roles", name, function)
    attack.attempt("sign-in and roles", "an unknown name is answered as an account (enumeration, through the lock)",
                   lambda: same_answers(attack, data, 3 if attack.quick else 6))


def same_answers(attack: Attack, data: Path, attempts: int) -> Outcome:
    """Wrong passwords under an account's name and under a name that is none: the same answers."""
    answers = {}
    for name in ("aigul", "nobody-here"):  # the unlock time is a minute later for the later name
        answers[name] = [UNLOCK_TIME.sub("TIME", attack.saraptama(data, "acts", "list", user=name,
                                                                  password="wrong password")[2].strip())
                         .replace(name, "NAME") for _ in range(attempts)]
    if answers["aigul"] != answers["nobody-here"]:
        differing = next(i for i, (a, b) in enumerate(zip(*answers.values(), strict=True)) if a != b)
        return Outcome(False, f"attempt {differing + 1} differs: {answers['nobody-here'][differing][:80]}")
    return Outcome(True, f"{attempts} answers alike, the last: {answers['aigul'][-1][:70]}")


# -- the hub's API -------------------------------------------------------------------------------------
def hub_api(attack: Attack) -> None:
    from app.hub import users
    from app.services import accounts
    from app.storage import Database
    from app.sync import protocol
    from tests import hub_helpers as h
    data = protected_copy(attack, "hub")
    db = Database.open(data_dir=data, user="attack")
    accounts.sign_in(db, "admin", PASSWORDS["admin"])
    expert = seated_expert(data)
    with db.session() as session:
        tokens = {role: users.add_user(session, role, **details)["token"] for role, details in
                  (("expert", {"expert_id": expert}), ("department", {"department": _department(data)}),
                   ("committee", {}))}
    revoked = tokens.pop("committee")
    attack.secrets["hub tokens"] = {*tokens.values(), revoked}
    attack.saraptama(data, "hub", "revoke-user", _user_of(data, revoked), user="admin", password=PASSWORDS["admin"])
    db.actor = None  # the hub runs signed out: each request acts as its token's user
    hub = h.RunningHub(db)
    try:
        HubAttempts(attack, hub.url, tokens, revoked, data, protocol).run()
    finally:
        hub.stop()
        db.close()


def _department(data: Path) -> str:
    return query(data, "SELECT code FROM department ORDER BY id LIMIT 1")[0][0]


def _user_of(data: Path, token: str) -> str:
    from app.hub.users import token_hash
    return query(data, "SELECT name FROM hub_user WHERE token_hash = ?", token_hash(token))[0][0]


class HubAttempts:
    def __init__(self, attack: Attack, url: str, tokens: dict, revoked: str, data: Path, protocol):
        self.attack, self.url, self.tokens, self.revoked, self.data = attack, url, tokens, revoked, data
        self.protocol = protocol
        self.headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}

    def call(self, method: str, path: str, token: str | None = None, headers: dict | None = None, **kwargs):
        sent = {**self.headers, **({"Authorization": f"Bearer {token}"} if token else {}), **(headers or {})}
        return httpx.request(method, self.url + path, headers=sent, timeout=60, **kwargs)

    def status(self, expected: int, answer) -> Outcome:
        return Outcome(answer.status_code == expected, f"HTTP {answer.status_code}: {answer.text[:80]}")

    def run(self) -> None:
        expert, department = self.tokens["expert"], self.tokens["department"]
        attempts = {
            "pull without a token": lambda: self.status(401, self.call("GET", "/v1/pull")),
            "pull with a made-up token": lambda: self.status(401, self.call("GET", "/v1/pull", made_up_token())),
            "a revoked token": lambda: self.status(401, self.call("GET", "/v1/me", self.revoked)),
            "a protocol header of odd digits (²)": lambda: self.status(426, self.call(
                "GET", "/v1/me", expert, headers={self.protocol.PROTOCOL_HEADER: "²".encode("latin-1")})),
            "an expert's token lists the hub's users": lambda: self.status(403, self.call("GET", "/v1/users", expert)),
            "an expert's pull holds a person's data": self.expert_pull,
            "a department's pull holds nothing the department may not see": lambda: self.status(
                200, self.call("GET", "/v1/pull", department)),
            "a decision dated 9999-12-31": lambda: self.forged_decision("9999-12-31T23:59:00+05:00"),
            "a decision dated 1901-01-01": lambda: self.forged_decision("1901-01-01T00:00:00+05:00"),
            "a decision on an act the expert does not sit on": self.foreign_decision,
            "a body of 20 MB": lambda: self.status(413, self.call("POST", "/v1/push", expert,
                                                                  content=b"{" + b" " * 20_000_000 + b"}")),
            "a body that is not JSON": self.not_json,
        }
        chosen = [k for k in attempts if not self.attack.quick or k in (
            "pull without a token", "an expert's pull holds a person's data", "a decision dated 9999-12-31")]
        for name in chosen:
            self.attack.attempt("hub API", name, attempts[name])

    def expert_pull(self) -> Outcome:
        answer = self.call("GET", "/v1/pull", self.tokens["expert"])
        if answer.status_code != 200:
            return Outcome(False, f"HTTP {answer.status_code}: {answer.text[:80]}")
        return shows_none(answer.text, people_values(self.data))

    def push(self, entry: dict):
        body = {"commands": [{"id": "attack-" + entry["uid"][:20], "kind": self.protocol.DECISION, "content": entry}]}
        return self.call("POST", "/v1/push", self.tokens["expert"], json=body)

    def refused_push(self, entry: dict) -> Outcome:
        answer = self.push(entry)
        if answer.status_code != 200:
            return Outcome(answer.status_code < 500, f"HTTP {answer.status_code}")
        status = answer.json()["results"][0]["status"]
        stored = query(self.data, "SELECT count(*) FROM expert_decision WHERE uid = ?", entry["uid"][:32])[0][0]
        return Outcome(status == self.protocol.REFUSED and stored == 0, f"the hub answered {status}, stored {stored}")

    def forged_decision(self, decided_at: str) -> Outcome:
        from tests import hub_helpers as h
        from tests.review_case import conclusion
        expert = seated_expert(self.data)
        number = expert_act(self.data, expert)[0]
        return self.refused_push({**h.decision_entry(number, conclusion()), "decided_at": decided_at})

    def foreign_decision(self) -> Outcome:
        from tests import hub_helpers as h
        from tests.review_case import conclusion
        expert = seated_expert(self.data)
        number = query(self.data, "SELECT number FROM draft_act WHERE status = 'under_review' AND id NOT IN "
                                  "(SELECT act_id FROM assignment WHERE expert_id = ?) LIMIT 1", expert)[0][0]
        return self.refused_push(h.decision_entry(number, conclusion()))

    def not_json(self) -> Outcome:
        answer = self.call("POST", "/v1/push", self.tokens["expert"], content=b"{not json",
                           headers={"Content-Type": "application/json"})
        return Outcome(400 <= answer.status_code < 500, f"HTTP {answer.status_code}")


def made_up_token() -> str:
    from app.hub.users import TOKEN_PREFIX
    return TOKEN_PREFIX + "A" * 43


# -- the audit trail -----------------------------------------------------------------------------------
def audit_trail(attack: Attack) -> None:
    tampers = {
        "an entry's user rewritten": lambda ids: [
            f"UPDATE audit_entry SET user = 'nobody' WHERE id = {ids[len(ids) // 2]}"],
        "an entry's values emptied": lambda ids: [f"UPDATE audit_entry SET changes = '{{}}' WHERE id = {ids[3]}"],
        "an entry deleted": lambda ids: [f"DELETE FROM audit_entry WHERE id = {ids[10]}"],
        "the last entry deleted": lambda ids: [f"DELETE FROM audit_entry WHERE id = {ids[-1]}"],
        "two entries swapped": lambda ids: [f"UPDATE audit_entry SET id = -1 WHERE id = {ids[20]}",
                                            f"UPDATE audit_entry SET id = {ids[20]} WHERE id = {ids[21]}",
                                            f"UPDATE audit_entry SET id = {ids[21]} WHERE id = -1"],
        "an entry's moment moved": lambda ids: [f"UPDATE audit_entry SET at = '2020-01-01 00:00:00.000000' "
                                                f"WHERE id = {ids[5]}"],
    }
    chosen = list(tampers.items())[:2] if attack.quick else list(tampers.items())
    for name, statements in chosen:
        attack.attempt("audit trail", name, lambda s=statements, n=name: _tampered(attack, n, s))
    attack.attempt("audit trail", "an entry rewritten with every later hash recomputed (a kept head)",
                   lambda: _rechained(attack))


def _audit_copy(attack: Attack, name: str) -> tuple[Path, list[int]]:
    folder = attack.work / "audit" / re.sub(r"\W+", "-", name)
    shutil.copytree(attack.data, folder, ignore=shutil.ignore_patterns("logs", "backups", "own.csv"))
    return folder, [row[0] for row in query(folder, "SELECT id FROM audit_entry ORDER BY id")]


def _verdict(result: tuple[int, str, str]) -> dict | None:
    return json.loads(result[1]) if result[0] == 0 else None


def _tampered(attack: Attack, name: str, statements) -> Outcome:
    folder, ids = _audit_copy(attack, name)
    with closing(sqlite3.connect(folder / DB_FILE)) as connection, connection:
        for statement in statements(ids):
            connection.execute(statement)
    verdict = _verdict(attack.saraptama(folder, "audit", "verify"))
    return Outcome(verdict is not None and verdict["ok"] is False, f"audit verify: {verdict}")


def _rechained(attack: Attack) -> Outcome:
    from app.storage import Database
    from tests.audit_writers import rechain
    folder, ids = _audit_copy(attack, "rechained")
    anchor = attack.work / "audit" / "head.json"
    anchor.write_text(attack.saraptama(folder, "audit", "head")[1], encoding="utf-8")
    with closing(sqlite3.connect(folder / DB_FILE)) as connection, connection:
        connection.execute(f"UPDATE audit_entry SET user = 'nobody' WHERE id = {ids[5]}")
    db = Database.open(data_dir=folder)
    try:
        rechain(db.engine)
    finally:
        db.close()
    verdict = _verdict(attack.saraptama(folder, "audit", "verify", "--anchor", anchor))
    return Outcome(verdict is not None and verdict["ok"] is False, f"audit verify --anchor: {verdict}")


# -- logs ----------------------------------------------------------------------------------------------
def logs(attack: Attack) -> None:
    """Every log file the run's commands wrote, searched for the secrets they were given (passwords,
    tokens, the key's password) and every person's data of the databases; a command that fails on
    a person's data comes first, so there is something to log."""
    data = protected_copy(attack, "roles")
    number, _other, person = expert_act(data, seated_expert(data))
    attack.saraptama(data, "acts", "show", person["IIN"], user="admin", password=PASSWORDS["admin"])
    attack.saraptama(data, "acts", "show", number, user="aigul", password="wrong " + PASSWORDS["aigul"])
    files = [path for path in attack.work.rglob("*.log") if path.is_file()]
    text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in files)
    kinds = {"passwords": set(PASSWORDS.values()) | {"wrong " + PASSWORDS["aigul"]}, **attack.secrets,
             **people_values(attack.data)}
    attack.record("logs", f"log files written ({len(files)})", bool(files), f"{len(files)} files, {len(text)} chars")
    for kind, values in kinds.items():
        found = sorted(v for v in values if v and v in text)
        attack.record("logs", f"no {kind} in the logs", not found, f"{len(found)} of {len(values)} found")

