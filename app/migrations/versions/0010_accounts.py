"""accounts: sign-in with roles, and the audit trail as a hash chain

Revision ID: 0011_accounts
Revises: 0006_review
Accounts with an Argon2id password hash, a role and a lockout count; the audit trail
keeps the values before a change and chains every entry to the one before it by SHA-256, with
the chain's head in its own one-row table (locked by whoever appends).  Entries already written
are chained in their order.

"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

import app.models.base
from app.domain import audit as chain_rules


# revision identifiers, used by Alembic.
revision: str = '0011_accounts'
down_revision: str | Sequence[str] | None = '0010_sync'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('created_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('last_sign_in', app.models.base.UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
    sa.UniqueConstraint('name', name=op.f('uq_account_name'))
    )
    head = op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=True),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('before', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=False, server_default=''))
    _chain_existing(head)


def _chain_existing(head) -> None:
    entries = sa.table('audit_entry', sa.column('id', sa.Integer()), sa.column('at', app.models.base.UtcDateTime()),
                       *(sa.column(name, sa.String()) for name in ('user', 'action', 'table_name', 'row_id')),
                       sa.column('changes', sa.JSON()), sa.column('before', sa.JSON()),
                       sa.column('prev_hash', sa.String()), sa.column('hash', sa.String()))
    connection = op.get_bind()
    rows = [dict(row) for row in connection.execute(sa.select(entries).order_by(entries.c.id)).mappings()]
    last_hash = chain_rules.chain("", rows)
    if rows:
        connection.execute(entries.update().where(entries.c.id == sa.bindparam('key')).values(
            prev_hash=sa.bindparam('prev_hash'), hash=sa.bindparam('hash')),
            [{"key": row["id"], "prev_hash": row["prev_hash"], "hash": row["hash"]} for row in rows])
    op.bulk_insert(head, [{"id": 1, "entries": len(rows), "last_id": rows[-1]["id"] if rows else None,
                           "last_hash": last_hash}])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('before')
    op.drop_table('audit_head')
    op.drop_table('account')
