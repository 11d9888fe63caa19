"""sign-in attempts: failures counted by the name typed, an account's or not

Revision ID: 0016_sign_in_attempts
Revises: 0012_statistics
A wrong password for an account and any password for a name that is no account are answered
alike: the same words, the same count, the same lock after five (docs/admin-guide.md, sign-in).
The count moves from the account to a table keyed by the name typed; counts under way are kept.
"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

import app.models.base

revision: str = '0016_sign_in_attempts'
down_revision: str | Sequence[str] | None = '0012_statistics'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACCOUNT = sa.table('account', sa.column('name', sa.String()), sa.column('failed_attempts', sa.Integer()),
                   sa.column('locked_until', app.models.base.UtcDateTime()))


def upgrade() -> None:
    """Upgrade schema."""
    attempts = op.create_table('sign_in_attempt',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', app.models.base.UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_sign_in_attempt'))
    )
    op.execute(attempts.insert().from_select(
        ['name', 'failed_attempts', 'locked_until'],
        sa.select(ACCOUNT.c.name, ACCOUNT.c.failed_attempts, ACCOUNT.c.locked_until).where(
            ACCOUNT.c.failed_attempts > 0)))
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('failed_attempts')
        batch_op.drop_column('locked_until')


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('locked_until', app.models.base.UtcDateTime(), nullable=True))
    op.drop_table('sign_in_attempt')
