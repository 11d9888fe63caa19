"""issued documents: the content fixed when first issued, the conclusion issued on, replacement

Revision ID: 0012_issued_documents
Revises: 0012_identity
A result document (App 19-23) keeps what it said when it was first issued (``content``, the
canonical content it was rendered from); a reprint is a copy of that, and the QR hash is that
content's.  A document is issued on the act's own conclusion or on a control department's
(``appeal_id``, §54, §56, §73-3); a new conclusion issues a new document, and the old one is
marked replaced (``replaced_by_id``, ``replaced_at``).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = '0012_issued_documents'
down_revision: str | Sequence[str] | None = '0012_identity'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('appeal_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('content', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('replaced_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('replaced_at', app.models.base.UtcDateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_issued_document_appeal_id'), ['appeal_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_issued_document_appeal_id_appeal'), 'appeal',
                                    ['appeal_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_issued_document_replaced_by_id_issued_document'),
                                    'issued_document', ['replaced_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_issued_document_replaced_by_id_issued_document'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_issued_document_appeal_id_appeal'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_issued_document_appeal_id'))
        batch_op.drop_column('replaced_at')
        batch_op.drop_column('replaced_by_id')
        batch_op.drop_column('content')
        batch_op.drop_column('appeal_id')
