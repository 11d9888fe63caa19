"""identity: an account of a role that judges is linked to the person's expert record, and one role vocabulary

Revision ID: 0012_identity
Revises: 0012_reference_data
``account.expert_id`` names the staff or registry row of the person who signs in (one human, one
IIN); the acting roles of the appeals' steps take the names of ``app.domain.roles.Role``
(``department`` → ``registrar``, ``control`` → ``control_expert``).
"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0012_identity'
down_revision: str | Sequence[str] | None = '0012_reference_data'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RENAMED_ROLES = (("department", "registrar"), ("control", "control_expert"))


def upgrade() -> None:
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expert_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_account_expert_id'), ['expert_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_account_expert_id_staff_member'), 'staff_member',
                                    ['expert_id'], ['id'])
    _rename_roles(RENAMED_ROLES)


def _rename_roles(pairs) -> None:
    steps = sa.table('appeal_step', sa.column('role', sa.String()))
    for old, new in pairs:
        op.execute(steps.update().where(steps.c.role == old).values(role=new))


def downgrade() -> None:
    _rename_roles([(new, old) for old, new in RENAMED_ROLES])
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_account_expert_id_staff_member'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_account_expert_id'))
        batch_op.drop_column('expert_id')
