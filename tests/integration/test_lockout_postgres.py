"""Sixteen wrong passwords at once on PostgreSQL: each is counted (one UPDATE … RETURNING), the
account locks, and the right password is refused until the lock runs out."""

from __future__ import annotations

from tests.unit.test_identity import assert_parallel_wrong_sign_ins_lock


def test_sixteen_parallel_wrong_sign_ins_lock_the_account_on_postgres(fresh_database, english):
    assert_parallel_wrong_sign_ins_lock(fresh_database("lockout"))
