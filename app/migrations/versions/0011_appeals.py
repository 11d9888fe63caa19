"""appeals: kinds (§54-56, §73), a status enum, the §73 invitation, suspension and dating, and each step's history

Revision ID: 0009_appeals
Revises: 0006_review
An appeal row now holds every kind of complaint and the control re-examination (``kind``); its
status is one of ``app.models.AppealStatus``; the §54 filing window is flagged (``late``); the
§73-1 invitation, the §73-2 suspension and protocol, the §73-3 start date and a §55 answer are
kept; every step is recorded in ``appeal_step`` with the acting role.
"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

import app.models.base


revision: str = '0009_appeals'
down_revision: str | Sequence[str] | None = '0011_accounts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_COLUMNS = (
    ('kind', lambda: sa.Column('kind', sa.String(length=16), nullable=False, server_default='proactive')),
    ('late', lambda: sa.Column('late', sa.Boolean(), nullable=False, server_default=sa.false())),
    ('conclusion_received_on', lambda: sa.Column('conclusion_received_on', sa.Date(), nullable=True)),
    ('text', lambda: sa.Column('text', sa.Text(), nullable=False, server_default='')),
    ('invitation', lambda: sa.Column('invitation', sa.String(length=8), nullable=True)),
    ('invited_at', lambda: sa.Column('invited_at', app.models.base.UtcDateTime(), nullable=True)),
    ('suspended_at', lambda: sa.Column('suspended_at', app.models.base.UtcDateTime(), nullable=True)),
    ('protocol_number', lambda: sa.Column('protocol_number', sa.String(length=30), nullable=False,
                                          server_default='')),
    ('effective_from', lambda: sa.Column('effective_from', sa.Date(), nullable=True)),
    ('answer', lambda: sa.Column('answer', sa.Text(), nullable=False, server_default='')),
)
DEFAULTED = ('kind', 'late', 'text', 'protocol_number', 'answer')


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        for _name, column in NEW_COLUMNS:
            batch_op.add_column(column())
        batch_op.alter_column('status', existing_type=sa.String(length=16), type_=sa.String(length=32),
                              existing_nullable=False)
        batch_op.create_index(batch_op.f('ix_appeal_kind'), ['kind'], unique=False)
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        for name in DEFAULTED:
            batch_op.alter_column(name, server_default=None)

    op.create_table('appeal_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('appeal_id', sa.Integer(), nullable=False),
    sa.Column('at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('step', sa.String(length=24), nullable=False),
    sa.Column('status_after', sa.String(length=24), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['appeal_id'], ['appeal.id'], name=op.f('fk_appeal_step_appeal_id_appeal'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appeal_step'))
    )
    with op.batch_alter_table('appeal_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeal_step_appeal_id'), ['appeal_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('appeal_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeal_step_appeal_id'))
    op.drop_table('appeal_step')
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeal_kind'))
        batch_op.alter_column('status', existing_type=sa.String(length=32), type_=sa.String(length=16),
                              existing_nullable=False)
        for name, _column in reversed(NEW_COLUMNS):
            batch_op.drop_column(name)
