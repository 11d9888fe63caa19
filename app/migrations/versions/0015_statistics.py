"""statistics: what each decision establishes as generated columns (app/models/keys.py)

Revision ID: 0012_statistics
Revises: 0012_issued_documents
The statistics count decisions by what they establish; reading it from the JSON of every
decision costs PostgreSQL microseconds per member per row, seconds over a country's year.  The
database keeps it beside the JSON instead: stored on PostgreSQL, computed on reading on SQLite
(which cannot add a stored column to a table).  Nothing writes these columns but the database.
"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

from app.models.keys import KEY_LENGTH, decision_key, result_key

revision: str = '0012_statistics'
down_revision: str | Sequence[str] | None = '0012_issued_documents'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ('expert_decision', 'stat_key', lambda stored: decision_key(None, stored)),
    ('expert_decision', 'stat_group', lambda stored: decision_key('group', stored)),
    ('expert_decision', 'stat_cause', lambda stored: decision_key('cause', stored)),
    ('expert_decision', 'stat_term', lambda stored: decision_key('term', stored)),
    ('conclusion', 'stat_key', lambda stored: result_key('decision', stored)),
    ('appeal', 'stat_key', lambda stored: result_key('decision', stored)),
)


def upgrade() -> None:
    """Upgrade schema."""
    stored = True if op.get_bind().dialect.name == 'postgresql' else None
    for table, name, computed in COLUMNS:
        op.add_column(table, sa.Column(name, sa.String(length=KEY_LENGTH), computed(stored), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    for table, name, _computed in reversed(COLUMNS):
        op.drop_column(table, name)
