"""review: decisions superseded not edited, routing steps, outbox delivery, due documents

Revision ID: 0006_review
Revises: 0007_registry (merged after it)
Expert decisions are kept when corrected (a new row supersedes the old one, §46); the
consolidated conclusion records the head-expert (§47), the in-person steps (§45) and the
signature (§48); outbox messages carry a key that makes each step's message unique and a
delivery state; the result documents a signed conclusion calls for wait in due_document (§51);
a person's language chooses the SMS text.

"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

import app.models.base


# revision identifiers, used by Alembic.
revision: str = '0006_review'
down_revision: str | Sequence[str] | None = '0007_registry'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('due_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('due_since', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('proactive_mark', sa.Boolean(), nullable=False),
    sa.Column('issued_document_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['act_id'], ['draft_act.id'], name=op.f('fk_due_document_act_id_draft_act'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['issued_document_id'], ['issued_document.id'], name=op.f('fk_due_document_issued_document_id_issued_document')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_due_document')),
    sa.UniqueConstraint('act_id', 'kind', name='uq_due_document_act_kind')
    )
    with op.batch_alter_table('due_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_due_document_act_id'), ['act_id'], unique=False)

    with op.batch_alter_table('conclusion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signature', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('decided_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('arrived_at', app.models.base.UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('reminded_at', app.models.base.UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', app.models.base.UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_reason', sa.String(length=12), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_conclusion_decided_by_id_staff_member'), 'staff_member', ['decided_by_id'], ['id'])

    with op.batch_alter_table('expert_decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supersedes_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('superseded_at', app.models.base.UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('warnings_confirmed', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.drop_constraint(batch_op.f('uq_expert_decision_assignment_id'), type_='unique')
        batch_op.create_index(batch_op.f('ix_expert_decision_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_expert_decision_supersedes_id_expert_decision'), 'expert_decision', ['supersedes_id'], ['id'])

    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proactive_mark', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=8), nullable=False, server_default='pending'))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('last_error', sa.Text(), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_outbox_message_status'), ['status'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_outbox_message_key'), ['key'])

    op.add_column('person', sa.Column('language', sa.String(length=2), nullable=True))  # no rebuild: triggers stay
    _drop_server_defaults()


def _drop_server_defaults() -> None:
    """The defaults that filled existing rows; the models give their own."""
    for table, columns in (('conclusion', ('signature',)), ('expert_decision', ('warnings_confirmed',)),
                           ('notice', ('proactive_mark',)), ('outbox_message', ('status', 'attempts', 'last_error'))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, server_default=None)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_column('person', 'language')

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_outbox_message_key'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_outbox_message_status'))
        batch_op.drop_column('last_error')
        batch_op.drop_column('attempts')
        batch_op.drop_column('status')
        batch_op.drop_column('key')

    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_column('proactive_mark')

    with op.batch_alter_table('expert_decision', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_expert_decision_supersedes_id_expert_decision'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_expert_decision_assignment_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_expert_decision_assignment_id'), ['assignment_id'])
        batch_op.drop_column('warnings_confirmed')
        batch_op.drop_column('superseded_at')
        batch_op.drop_column('supersedes_id')

    with op.batch_alter_table('conclusion', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_conclusion_decided_by_id_staff_member'), type_='foreignkey')
        batch_op.drop_column('closed_reason')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('reminded_at')
        batch_op.drop_column('arrived_at')
        batch_op.drop_column('decided_by_id')
        batch_op.drop_column('signature')

    with op.batch_alter_table('due_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_due_document_act_id'))

    op.drop_table('due_document')
