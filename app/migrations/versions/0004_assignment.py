"""expert selection: act history, reasons for an empty place, withdrawal time

Revision ID: 0004_assignment
Revises: 0003_intake
The history of a draft act (received, assigned, reassigned; §25.4, Registry Rules p. 14),
why a place of its panel is still empty, and when an assignment was withdrawn.

"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

import app.models.base


# revision identifiers, used by Alembic.
revision: str = '0004_assignment'
down_revision: str | Sequence[str] | None = '0003_intake'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('act_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=False),
    sa.Column('at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=True),
    sa.Column('assignment_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.JSON(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['act_id'], ['draft_act.id'], name=op.f('fk_act_event_act_id_draft_act'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], name=op.f('fk_act_event_assignment_id_assignment')),
    sa.ForeignKeyConstraint(['expert_id'], ['staff_member.id'], name=op.f('fk_act_event_expert_id_staff_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_act_event')),
    sa.UniqueConstraint('uid', name=op.f('uq_act_event_uid'))
    )
    with op.batch_alter_table('act_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_act_event_act_id'), ['act_id'], unique=False)

    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', app.models.base.UtcDateTime(), nullable=True))

    with op.batch_alter_table('draft_act', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waiting_reason', sa.JSON(), nullable=True))



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('draft_act', schema=None) as batch_op:
        batch_op.drop_column('waiting_reason')

    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_at')

    with op.batch_alter_table('act_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_act_event_act_id'))

    op.drop_table('act_event')
