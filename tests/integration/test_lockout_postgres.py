"""Sixteen wrong passwords at once on PostgreSQL: each is counted (one UPDATE … RETURNING), the
account locks, and the right password is refused until the lock runs out."""

from __future__ import annotations

import pytest

from app.services import accounts
from tests.unit.test_identity import PASSWORD, make_locking_case, parallel_wrong_sign_ins


def test_sixteen_parallel_wrong_sign_ins_lock_the_account_on_postgres(fresh_database, english):
    db = fresh_database("lockout")
    make_locking_case(db)
    results = parallel_wrong_sign_ins(db)
    assert len(results) == 16
    with db.session() as session:
        row = accounts.account(session, "aigul")
        assert row.failed_attempts == 16 and row.locked_until is not None
    with pytest.raises(Exception, match="locked"):
        accounts.sign_in(db, "aigul", PASSWORD)
