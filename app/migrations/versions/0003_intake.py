"""intake: daily act number counter, check message parameters, act department optional

Revision ID: 0003_intake
Revises: 0002_text_search
§25.1 numbers from a per-day counter row; App 5 check messages kept as message id and
parameters (shown in the reader's language); a draft act may wait for the department of its
region to be known.  On SQLite changing a column rebuilds the table, which drops its
triggers: those on ``draft_act`` or naming it (whatever revision made them) are dropped first
and made again.

"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0003_intake'
down_revision: str | Sequence[str] | None = '0002_text_search'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('act_number_counter',
    sa.Column('day', sa.String(length=8), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_act_number_counter'))
    )
    with op.batch_alter_table('package_check', schema=None) as batch_op:
        batch_op.add_column(sa.Column('params', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('package_check', schema=None) as batch_op:
        batch_op.alter_column('params', server_default=None)
    _department_optional(True)


def _department_optional(nullable: bool) -> None:
    """draft_act.department_id NULL or NOT NULL, keeping the table's triggers on SQLite."""
    connection = op.get_bind()
    triggers = []
    if connection.dialect.name == "sqlite":  # on draft_act, or naming it (person's, department's)
        triggers = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
            "(tbl_name = 'draft_act' OR sql LIKE '%draft_act%')").all()
        for name, _sql in triggers:
            op.execute(f'DROP TRIGGER "{name}"')
    with op.batch_alter_table('draft_act', schema=None) as batch_op:
        batch_op.alter_column('department_id', existing_type=sa.Integer(), nullable=nullable)
    for _name, sql in triggers:
        op.execute(sql)


def downgrade() -> None:
    _department_optional(False)
    with op.batch_alter_table('package_check', schema=None) as batch_op:
        batch_op.drop_column('params')
    op.drop_table('act_number_counter')
