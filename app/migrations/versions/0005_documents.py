"""printed documents: issuing department, content hash, number counters, print log

Revision ID: 0005_documents
Revises: 0004_assignment
Series and numbers of certificates per department and year (``document_counter``, App 8
items 32.1-32.6), the hash of a document's content that its QR code carries, and the
record of paper copies printed on request (§51 part 2).

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.models.base

# revision identifiers, used by Alembic.
revision: str = '0005_documents'
down_revision: str | Sequence[str] | None = '0004_assignment'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('department_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_issued_document_department_id_department'), 'department',
                                    ['department_id'], ['id'])
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.alter_column('content_hash', server_default=None)

    op.create_table('document_counter',
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_document_counter_department_id_department')),
    sa.PrimaryKeyConstraint('department_id', 'year', 'kind', name=op.f('pk_document_counter'))
    )
    op.create_table('document_print',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('printed_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('copy', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['issued_document.id'], name=op.f('fk_document_print_document_id_issued_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_print'))
    )
    with op.batch_alter_table('document_print', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_print_document_id'), ['document_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('document_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_print_document_id'))
    op.drop_table('document_print')
    op.drop_table('document_counter')
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_issued_document_department_id_department'), type_='foreignkey')
        batch_op.drop_column('content_hash')
        batch_op.drop_column('department_id')
