"""Accounts, sign-in with ``--user``, lockout and unlock, and services that refuse a role.
A database without accounts keeps working exactly as before."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import models as m
from app.cli import main
from app.domain.clock import clock_at, now_kz
from app.domain.permissions import PermissionDenied, Role, SignInRequired
from app.services import accounts
from app.services.registry import admission
from app.storage import Database

ADMIN_PASSWORD = "correct horse"


def run(capsys, monkeypatch, *argv, password=None, new_password=None):
    for variable, value in (("SARAPTAMA_PASSWORD", password), ("SARAPTAMA_NEW_PASSWORD", new_password)):
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else None), err.strip()


@pytest.fixture
def protected(capsys, monkeypatch, data_dir):
    """A database whose first administrator exists, and a head and an independent expert."""
    code, added, _ = run(capsys, monkeypatch, "--data-dir", data_dir, "users", "add", "admin", "--role", "admin",
                         new_password=ADMIN_PASSWORD)
    assert code == 0 and added["role"] == "admin"
    for name, role in (("aigul", "head"), ("marat", "independent_expert")):
        code, _, err = run(capsys, monkeypatch, "--data-dir", data_dir, "--user", "admin", "users", "add", name,
                           "--role", role, password=ADMIN_PASSWORD, new_password=f"{name}-password")
        assert code == 0, err
    return data_dir


def test_a_database_without_accounts_works_without_user_and_refuses_it(capsys, monkeypatch, data_dir):
    code, acts, _ = run(capsys, monkeypatch, "--data-dir", data_dir, "acts", "list")
    assert code == 0 and acts == []
    code, _, err = run(capsys, monkeypatch, "--data-dir", data_dir, "--user", "admin", "acts", "list",
                       password="x" * 8)
    assert code == 2 and err == "This database has no accounts; leave out --user."


def test_the_first_account_must_be_an_administrator(capsys, monkeypatch, data_dir):
    code, _, err = run(capsys, monkeypatch, "--data-dir", data_dir, "users", "add", "aigul", "--role", "head",
                       new_password="long enough")
    assert code == 2 and err == "The first account must be an administrator."


def test_creating_the_first_administrator_switches_sign_in_on(capsys, monkeypatch, protected):
    code, _, err = run(capsys, monkeypatch, "--data-dir", protected, "acts", "list")
    assert code == 2 and "sign in with --user NAME" in err
    code, listed, _ = run(capsys, monkeypatch, "--data-dir", protected, "--user", "admin", "users", "list",
                          password=ADMIN_PASSWORD)
    assert code == 0
    assert [(a["name"], a["role"], a["disabled"]) for a in listed] == [
        ("admin", "admin", False), ("aigul", "head", False), ("marat", "independent_expert", False)]


def test_passwords_are_kept_as_argon2id_hashes(protected):
    db = Database.open(data_dir=protected)
    with db.session() as session:
        hashes = list(session.scalars(select(m.Account.password_hash)))
        audit = json.dumps([[e.changes, e.before] for e in session.scalars(select(m.AuditEntry))])
    db.close()
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert ADMIN_PASSWORD not in audit and not any(h in audit for h in hashes)


def test_a_role_is_refused_by_the_command_with_its_name_and_the_action(capsys, monkeypatch, protected):
    code, _, err = run(capsys, monkeypatch, "--data-dir", protected, "--user", "aigul", "users", "list",
                       password="aigul-password")
    assert code == 2 and err == "aigul (department head) may not manage accounts."
    code, _, err = run(capsys, monkeypatch, "--lang", "ru", "--data-dir", protected, "--user", "marat", "demo",
                       "--acts", "1", "--experts", "3", password="marat-password")
    assert code == 2 and "marat" in err and "независимый эксперт" in err


def test_changes_name_who_acted(capsys, monkeypatch, protected):
    code, _, _ = run(capsys, monkeypatch, "--data-dir", protected, "--user", "admin", "calendar", "import",
                     _decree(protected), password=ADMIN_PASSWORD)
    assert code == 0
    db = Database.open(data_dir=protected)
    with db.session() as session:
        entry = session.scalars(select(m.AuditEntry).where(m.AuditEntry.table_name == "calendar_day",
                                                    m.AuditEntry.row_id == "2031-01-03")).one()
    db.close()
    assert entry.user == "admin"


def _decree(folder):
    path = folder / "decree.json"
    path.write_text(json.dumps([{"date": "2031-01-03", "working": False, "note": "transfer"}]), encoding="utf-8")
    return path


def test_five_wrong_passwords_lock_the_account_until_a_time_it_names(capsys, monkeypatch, protected):
    for left in (4, 3, 2, 1):
        code, _, err = run(capsys, monkeypatch, "--data-dir", protected, "--user", "aigul", "acts", "list",
                           password="wrong password")
        assert code == 2 and err.strip() == "Wrong account name or password.", left  # as for a name that does not exist
    code, _, err = run(capsys, monkeypatch, "--data-dir", protected, "--user", "aigul", "acts", "list",
                       password="wrong password")
    assert code == 2 and err.startswith("The account aigul is locked after 5 failed sign-ins; it unlocks at ")
    # even the right password is refused while it is locked
    code, _, err = run(capsys, monkeypatch, "--data-dir", protected, "--user", "aigul", "acts", "list",
                       password="aigul-password")
    assert code == 2 and "locked" in err
    db = Database.open(data_dir=protected)
    try:
        with pytest.raises(Exception, match="locked"):
            accounts.sign_in(db, "aigul", "aigul-password", now_kz() + timedelta(minutes=14))
        assert accounts.sign_in(db, "aigul", "aigul-password", now_kz() + timedelta(minutes=16)).role is Role.HEAD
    finally:
        db.close()


def test_an_administrator_unlocks_with_a_new_password(capsys, monkeypatch, protected):
    for _ in range(5):
        run(capsys, monkeypatch, "--data-dir", protected, "--user", "aigul", "acts", "list", password="wrong!!!")
    code, reset, _ = run(capsys, monkeypatch, "--data-dir", protected, "--user", "admin", "users", "reset-password",
                         "aigul", password=ADMIN_PASSWORD, new_password="another password")
    assert code == 0 and reset["locked_until"] is None
    code, _, _ = run(capsys, monkeypatch, "--data-dir", protected, "--user", "aigul", "acts", "list",
                     password="another password")
    assert code == 0


def test_a_disabled_account_cannot_sign_in_and_the_last_administrator_stays(capsys, monkeypatch, protected):
    code, _, _ = run(capsys, monkeypatch, "--data-dir", protected, "--user", "admin", "users", "disable", "aigul",
                     password=ADMIN_PASSWORD)
    assert code == 0
    code, _, err = run(capsys, monkeypatch, "--data-dir", protected, "--user", "aigul", "acts", "list",
                       password="aigul-password")
    assert code == 2 and err == "The account aigul is disabled; ask your administrator."
    code, _, err = run(capsys, monkeypatch, "--data-dir", protected, "--user", "admin", "users", "disable", "admin",
                       password=ADMIN_PASSWORD)
    assert code == 2 and "last administrator" in err


def test_a_service_refuses_whatever_the_caller_showed(protected):
    """The window hides the button; the service refuses anyway (here called directly)."""
    db = Database.open(data_dir=protected)
    try:
        with pytest.raises(SignInRequired):
            with db.session() as session:
                admission.include(session, 1, now_kz())
        accounts.sign_in(db, "marat", "marat-password")
        with pytest.raises(PermissionDenied, match="marat .independent expert. may not include an expert"):
            with db.session() as session:
                admission.include(session, 1, now_kz())
    finally:
        db.close()


def test_a_wrong_password_reads_the_same_for_an_account_that_does_not_exist(capsys, monkeypatch, protected):
    """No enumeration: the refusal does not tell whether the name is an account."""
    answers = [run(capsys, monkeypatch, "--data-dir", protected, "--user", name, "acts", "list",
                   password="wrong password")[2] for name in ("aigul", "nobody-here")]
    assert answers[0].strip() == answers[1].strip() == "Wrong account name or password."


def _answers_through_a_lock(capsys, monkeypatch, folder, name: str, attempts: int = 7) -> list[str]:
    """What ``--user NAME`` answers to ``attempts`` wrong passwords, the name written as "NAME"."""
    return [run(capsys, monkeypatch, "--data-dir", folder, "--user", name, "acts", "list",
                password="wrong password")[2].replace(name, "NAME") for _ in range(attempts)]


def test_an_unknown_name_is_answered_as_an_account_through_the_lock(capsys, monkeypatch, protected):
    """No enumeration: through seven wrong passwords — four refusals, the lock at the fifth, the
    locked answer after it — an unknown name reads word for word as an account does."""
    with clock_at(now_kz()):  # both locks end at the same minute
        known = _answers_through_a_lock(capsys, monkeypatch, protected, "aigul")
        unknown = _answers_through_a_lock(capsys, monkeypatch, protected, "nobody-here")
    assert known[:4] == ["Wrong account name or password."] * 4
    assert all(answer.startswith("The account NAME is locked after 5 failed sign-ins; it unlocks at ")
               for answer in known[4:]), known
    assert unknown == known


def test_a_disabled_account_reads_as_any_other_to_a_wrong_password(capsys, monkeypatch, protected):
    """Only whoever gives a disabled account's password learns that it is disabled."""
    code, _, _ = run(capsys, monkeypatch, "--data-dir", protected, "--user", "admin", "users", "disable", "aigul",
                     password=ADMIN_PASSWORD)
    assert code == 0
    with clock_at(now_kz()):
        disabled = _answers_through_a_lock(capsys, monkeypatch, protected, "aigul")
        assert disabled == _answers_through_a_lock(capsys, monkeypatch, protected, "nobody-here")


def test_an_unknown_name_costs_an_argon2_check_as_an_account_does(protected):
    """The answer's time does not tell the names apart: the unknown name's password is checked
    against a stand-in Argon2 hash (the calls are counted, not timed)."""
    from argon2 import PasswordHasher
    checked = []
    verify = PasswordHasher.verify

    def counting(self, stored, password):
        checked.append(stored.split("$")[1])
        return verify(self, stored, password)

    db = Database.open(data_dir=protected)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(PasswordHasher, "verify", counting)
            for name in ("aigul", "nobody-here"):
                with pytest.raises(Exception, match="Wrong account name or password"):
                    accounts.sign_in(db, name, "wrong password")
    finally:
        db.close()
    assert checked == ["argon2id", "argon2id"]


def test_a_lock_lifts_with_the_time_for_an_unknown_name_too(protected):
    db = Database.open(data_dir=protected)
    try:
        for _ in range(5):
            with pytest.raises(Exception, match="Wrong account name or password|locked"):
                accounts.sign_in(db, "nobody-here", "wrong password")
        with pytest.raises(Exception, match="locked"):
            accounts.sign_in(db, "nobody-here", "wrong password", now_kz() + timedelta(minutes=14))
        with pytest.raises(Exception, match="Wrong account name or password"):
            accounts.sign_in(db, "nobody-here", "wrong password", now_kz() + timedelta(minutes=16))
    finally:
        db.close()
