"""registry of independent experts: consent, step details, registry numbers

Revision ID: 0007_registry
Revises: 0005_documents
Consent to personal data processing of an application (Registry Rules p. 6, App 2), the
details of each admission step (reasons, score, due date) and who took it, and the number of
an independent expert in the registry (App 1).

"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0007_registry'
down_revision: str | Sequence[str] | None = '0005_documents'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('registry_application', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('registry_application', schema=None) as batch_op:
        batch_op.alter_column('consent', server_default=None)

    with op.batch_alter_table('registry_step', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('user', sa.String(length=100), nullable=False, server_default=''))
    with op.batch_alter_table('registry_step', schema=None) as batch_op:
        batch_op.alter_column('data', server_default=None)
        batch_op.alter_column('user', server_default=None)

    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registry_number', sa.Integer(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.drop_column('registry_number')
    with op.batch_alter_table('registry_step', schema=None) as batch_op:
        batch_op.drop_column('user')
        batch_op.drop_column('data')
    with op.batch_alter_table('registry_application', schema=None) as batch_op:
        batch_op.drop_column('consent')
