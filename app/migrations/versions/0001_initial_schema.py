"""initial schema

Revision ID: 0001
Revises: 
The whole mission's data model (see app/models).

"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

import app.models.base


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=64), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_table_row', ['table_name', 'row_id'], unique=False)

    op.create_table('calendar_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('working', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_day'))
    )
    op.create_table('referral_package',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.String(length=100), nullable=False),
    sa.Column('received_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_package'))
    )
    with op.batch_alter_table('referral_package', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_package_message_id'), ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_package_received_at'), ['received_at'], unique=False)

    op.create_table('region',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name_kk', sa.String(length=120), nullable=False),
    sa.Column('name_ru', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_region'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('department',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('region_code', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.Enum('general', 'specialised', 'paediatric', 'methodology_control', name='departmentkind', native_enum=False, length=32), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('head_name', sa.String(length=200), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_department_region_code_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department')),
    sa.UniqueConstraint('code', name=op.f('uq_department_code')),
    sa.UniqueConstraint('uid', name=op.f('uq_department_uid'))
    )
    with op.batch_alter_table('department', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_region_code'), ['region_code'], unique=False)

    op.create_table('package_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['referral_package.id'], name=op.f('fk_package_check_package_id_referral_package'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_package_check'))
    )
    with op.batch_alter_table('package_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_package_check_package_id'), ['package_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('iin', sa.String(length=12), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('middle_name', sa.String(length=100), nullable=False),
    sa.Column('sort_name', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('sex', sa.String(length=6), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('region_code', sa.String(length=8), nullable=False),
    sa.Column('registration_address', sa.JSON(), nullable=False),
    sa.Column('actual_address', sa.JSON(), nullable=True),
    sa.Column('legal_capacity', sa.String(length=8), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_person_region_code_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('iin', name=op.f('uq_person_iin')),
    sa.UniqueConstraint('uid', name=op.f('uq_person_uid'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_region_code'), ['region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_sort_name'), ['sort_name'], unique=False)

    op.create_table('draft_act',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=14), nullable=False),
    sa.Column('registered_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('status', sa.Enum('waiting', 'under_review', 'head_decides', 'in_person', 'rejected', 'concluded', 'signed', name='actstatus', native_enum=False, length=32), nullable=False),
    sa.Column('due_at', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=24), nullable=False),
    sa.Column('age_years', sa.Integer(), nullable=False),
    sa.Column('sex', sa.String(length=6), nullable=False),
    sa.Column('working', sa.Boolean(), nullable=False),
    sa.Column('diagnosis_main_icd10', sa.String(length=10), nullable=False),
    sa.Column('diagnosis_main_text', sa.String(length=300), nullable=False),
    sa.Column('diagnoses_concomitant', sa.JSON(), nullable=False),
    sa.Column('concomitant_summary', sa.String(length=300), nullable=False),
    sa.Column('clinical', sa.JSON(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_draft_act_department_id_department')),
    sa.ForeignKeyConstraint(['package_id'], ['referral_package.id'], name=op.f('fk_draft_act_package_id_referral_package')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_draft_act_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draft_act')),
    sa.UniqueConstraint('number', name=op.f('uq_draft_act_number')),
    sa.UniqueConstraint('uid', name=op.f('uq_draft_act_uid'))
    )
    with op.batch_alter_table('draft_act', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_act_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_draft_act_diagnosis_main_icd10'), ['diagnosis_main_icd10'], unique=False)
        batch_op.create_index(batch_op.f('ix_draft_act_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_draft_act_registered_at'), ['registered_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_draft_act_status'), ['status'], unique=False)
        batch_op.create_index('ix_draft_act_status_registered', ['status', 'registered_at'], unique=False)

    op.create_table('staff_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('head', 'specialist', 'independent', 'deputy_head', 'committee', name='staffrole', native_enum=False, length=32), nullable=False),
    sa.Column('iin', sa.String(length=12), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('middle_name', sa.String(length=100), nullable=False),
    sa.Column('sort_name', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=False),
    sa.Column('region_code', sa.String(length=8), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('specialty_profile', sa.String(length=200), nullable=False),
    sa.Column('nosologies', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('active', 'included', 'excluded', name='registrystatus', native_enum=False, length=32), nullable=False),
    sa.Column('included_on', sa.Date(), nullable=True),
    sa.Column('excluded_on', sa.Date(), nullable=True),
    sa.Column('exclusion_reason', sa.Integer(), nullable=True),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_staff_member_department_id_department')),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_staff_member_region_code_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_member')),
    sa.UniqueConstraint('uid', name=op.f('uq_staff_member_uid'))
    )
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_member_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_member_iin'), ['iin'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_member_region_code'), ['region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_member_role'), ['role'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_member_sort_name'), ['sort_name'], unique=False)

    op.create_table('absence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('annual_leave', 'unpaid_leave', 'sick_leave', 'field_session', name='absencekind', native_enum=False, length=32), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['staff_member_id'], ['staff_member.id'], name=op.f('fk_absence_staff_member_id_staff_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absence'))
    )
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_absence_staff_member_id'), ['staff_member_id'], unique=False)

    op.create_table('appeal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('filed_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('due_at', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('registration_number', sa.String(length=30), nullable=False),
    sa.Column('registered_at', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('deputy_head_id', sa.Integer(), nullable=True),
    sa.Column('forwarded_at', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('committee_specialist_id', sa.Integer(), nullable=True),
    sa.Column('control_department_id', sa.Integer(), nullable=True),
    sa.Column('concluded_at', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('decision', sa.JSON(), nullable=True),
    sa.Column('letter_number', sa.String(length=30), nullable=False),
    sa.Column('letter_date', sa.Date(), nullable=True),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['act_id'], ['draft_act.id'], name=op.f('fk_appeal_act_id_draft_act')),
    sa.ForeignKeyConstraint(['committee_specialist_id'], ['staff_member.id'], name=op.f('fk_appeal_committee_specialist_id_staff_member')),
    sa.ForeignKeyConstraint(['control_department_id'], ['department.id'], name=op.f('fk_appeal_control_department_id_department')),
    sa.ForeignKeyConstraint(['deputy_head_id'], ['staff_member.id'], name=op.f('fk_appeal_deputy_head_id_staff_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appeal')),
    sa.UniqueConstraint('uid', name=op.f('uq_appeal_uid'))
    )
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeal_act_id'), ['act_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeal_filed_at'), ['filed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeal_status'), ['status'], unique=False)

    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('assigned_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('due_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['act_id'], ['draft_act.id'], name=op.f('fk_assignment_act_id_draft_act'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['expert_id'], ['staff_member.id'], name=op.f('fk_assignment_expert_id_staff_member')),
    sa.ForeignKeyConstraint(['replaces_id'], ['assignment.id'], name=op.f('fk_assignment_replaces_id_assignment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment')),
    sa.UniqueConstraint('uid', name=op.f('uq_assignment_uid'))
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_act_id'), ['act_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_expert_id'), ['expert_id'], unique=False)

    op.create_table('conclusion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=False),
    sa.Column('route', sa.String(length=24), nullable=False),
    sa.Column('decision', sa.JSON(), nullable=True),
    sa.Column('agreeing', sa.Integer(), nullable=False),
    sa.Column('concluded_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('proactive', sa.Boolean(), nullable=False),
    sa.Column('signed_at', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['act_id'], ['draft_act.id'], name=op.f('fk_conclusion_act_id_draft_act'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['signed_by_id'], ['staff_member.id'], name=op.f('fk_conclusion_signed_by_id_staff_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conclusion')),
    sa.UniqueConstraint('act_id', name=op.f('uq_conclusion_act_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_conclusion_uid'))
    )
    op.create_table('issued_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('series', sa.String(length=8), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('issued_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('printed_count', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['act_id'], ['draft_act.id'], name=op.f('fk_issued_document_act_id_draft_act')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_document')),
    sa.UniqueConstraint('kind', 'series', 'number', name='uq_issued_document_kind_series_number'),
    sa.UniqueConstraint('uid', name=op.f('uq_issued_document_uid'))
    )
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_document_act_id'), ['act_id'], unique=False)

    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=True),
    sa.Column('package_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('created_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('text_kk', sa.Text(), nullable=False),
    sa.Column('text_ru', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['act_id'], ['draft_act.id'], name=op.f('fk_notice_act_id_draft_act')),
    sa.ForeignKeyConstraint(['package_id'], ['referral_package.id'], name=op.f('fk_notice_package_id_referral_package')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_act_id'), ['act_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_package_id'), ['package_id'], unique=False)

    op.create_table('registry_application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('iin', sa.String(length=12), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('middle_name', sa.String(length=100), nullable=False),
    sa.Column('sort_name', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=False),
    sa.Column('region_code', sa.String(length=8), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('specialty_profile', sa.String(length=200), nullable=False),
    sa.Column('nosologies', sa.JSON(), nullable=False),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'awaiting_test', 'retest_allowed', 'passed', 'contract_sent', 'signed', 'included', 'refused', name='applicationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('submitted_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('due_at', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('test_attempts', sa.Integer(), nullable=False),
    sa.Column('staff_member_id', sa.Integer(), nullable=True),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_registry_application_region_code_region')),
    sa.ForeignKeyConstraint(['staff_member_id'], ['staff_member.id'], name=op.f('fk_registry_application_staff_member_id_staff_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_application')),
    sa.UniqueConstraint('uid', name=op.f('uq_registry_application_uid'))
    )
    with op.batch_alter_table('registry_application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_application_iin'), ['iin'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_application_sort_name'), ['sort_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_application_status'), ['status'], unique=False)

    op.create_table('expert_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('signature', sa.Text(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('updated_at', app.models.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], name=op.f('fk_expert_decision_assignment_id_assignment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_decision')),
    sa.UniqueConstraint('assignment_id', name=op.f('uq_expert_decision_assignment_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_expert_decision_uid'))
    )
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('to', sa.String(length=200), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('sent_at', app.models.base.UtcDateTime(), nullable=True),
    sa.Column('act_id', sa.Integer(), nullable=True),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['act_id'], ['draft_act.id'], name=op.f('fk_outbox_message_act_id_draft_act')),
    sa.ForeignKeyConstraint(['application_id'], ['registry_application.id'], name=op.f('fk_outbox_message_application_id_registry_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message'))
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_message_created_at'), ['created_at'], unique=False)

    op.create_table('registry_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('at', app.models.base.UtcDateTime(), nullable=False),
    sa.Column('step', sa.String(length=24), nullable=False),
    sa.Column('status_after', sa.String(length=24), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['registry_application.id'], name=op.f('fk_registry_step_application_id_registry_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_step'))
    )
    with op.batch_alter_table('registry_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_step_application_id'), ['application_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('registry_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_step_application_id'))

    op.drop_table('registry_step')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_created_at'))

    op.drop_table('outbox_message')
    op.drop_table('expert_decision')
    with op.batch_alter_table('registry_application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_application_status'))
        batch_op.drop_index(batch_op.f('ix_registry_application_sort_name'))
        batch_op.drop_index(batch_op.f('ix_registry_application_iin'))

    op.drop_table('registry_application')
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_package_id'))
        batch_op.drop_index(batch_op.f('ix_notice_act_id'))

    op.drop_table('notice')
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_document_act_id'))

    op.drop_table('issued_document')
    op.drop_table('conclusion')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_expert_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_act_id'))

    op.drop_table('assignment')
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeal_status'))
        batch_op.drop_index(batch_op.f('ix_appeal_filed_at'))
        batch_op.drop_index(batch_op.f('ix_appeal_act_id'))

    op.drop_table('appeal')
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_absence_staff_member_id'))

    op.drop_table('absence')
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_member_sort_name'))
        batch_op.drop_index(batch_op.f('ix_staff_member_role'))
        batch_op.drop_index(batch_op.f('ix_staff_member_region_code'))
        batch_op.drop_index(batch_op.f('ix_staff_member_iin'))
        batch_op.drop_index(batch_op.f('ix_staff_member_department_id'))

    op.drop_table('staff_member')
    with op.batch_alter_table('draft_act', schema=None) as batch_op:
        batch_op.drop_index('ix_draft_act_status_registered')
        batch_op.drop_index(batch_op.f('ix_draft_act_status'))
        batch_op.drop_index(batch_op.f('ix_draft_act_registered_at'))
        batch_op.drop_index(batch_op.f('ix_draft_act_person_id'))
        batch_op.drop_index(batch_op.f('ix_draft_act_diagnosis_main_icd10'))
        batch_op.drop_index(batch_op.f('ix_draft_act_department_id'))

    op.drop_table('draft_act')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_sort_name'))
        batch_op.drop_index(batch_op.f('ix_person_region_code'))

    op.drop_table('person')
    with op.batch_alter_table('package_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_package_check_package_id'))

    op.drop_table('package_check')
    with op.batch_alter_table('department', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_region_code'))

    op.drop_table('department')
    op.drop_table('setting')
    op.drop_table('region')
    with op.batch_alter_table('referral_package', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_package_received_at'))
        batch_op.drop_index(batch_op.f('ix_referral_package_message_id'))

    op.drop_table('referral_package')
    op.drop_table('calendar_day')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_table_row')

    op.drop_table('audit_entry')
