"""sync: hub users and the commands the hub applied; a device's outbox, pull state and records

Revision ID: 0010_sync
Revises: 0008_expert_workstation (after merging the expert branch; 0006_review before)
Tokens are kept as SHA-256 hashes; a command id the hub has seen is kept with the hash of its
content, so a command sent twice is applied once.

"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

import app.models.base


# revision identifiers, used by Alembic.
revision: str = '0010_sync'
down_revision: str | Sequence[str] | None = '0008_expert_workstation'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('sync_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('command_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('record', sa.String(length=64), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.JSON(), nullable=True),
    sa.Column('created_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('sent_at', app.models.base.UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_outbox')),
    sa.UniqueConstraint('command_id', name=op.f('uq_sync_outbox_command_id'))
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_outbox_record'), ['record'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_outbox_state'), ['state'], unique=False)

    op.create_table('sync_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.Column('received_at', app.models.base.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_record')),
    sa.UniqueConstraint('uid', name=op.f('uq_sync_record_uid'))
    )
    with op.batch_alter_table('sync_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_record_key'), ['key'], unique=False)

    op.create_table('sync_state',
    sa.Column('hub_url', sa.String(length=300), nullable=False),
    sa.Column('cursor', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('user', sa.String(length=64), nullable=False),
    sa.Column('last_sync_at', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('hub_url', name=op.f('pk_sync_state'))
    )
    op.create_table('hub_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=True),
    sa.Column('department_code', sa.String(length=8), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('revoked_at', app.models.base.UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['expert_id'], ['staff_member.id'], name=op.f('fk_hub_user_expert_id_staff_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_user')),
    sa.UniqueConstraint('name', name=op.f('uq_hub_user_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_hub_user_token_hash'))
    )
    op.create_table('hub_command',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.JSON(), nullable=True),
    sa.Column('received_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['hub_user.id'], name=op.f('fk_hub_command_user_id_hub_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_command'))
    )
    with op.batch_alter_table('hub_command', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_command_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('hub_command', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hub_command_user_id'))

    op.drop_table('hub_command')
    op.drop_table('hub_user')
    op.drop_table('sync_state')
    with op.batch_alter_table('sync_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_record_key'))

    op.drop_table('sync_record')
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_state'))
        batch_op.drop_index(batch_op.f('ix_sync_outbox_record'))

    op.drop_table('sync_outbox')
