"""act_figures: what the statistics read of each draft act, one narrow row per act (app/models/figures.py)

Revision ID: 0017_act_figures
Revises: 0012_statistics (file 0015)
Agreement, reversals and workload were computed from the decisions in force joined with their
assignments and acts: over a country's year, 900,000 decisions, tens of seconds on PostgreSQL.
The program now keeps one row per act with its panel's decisions side by side, the agreeing pairs
and the conclusion, written in the unit of work that changes them; this migration makes the table
and fills it from the rows the database holds (SQLite and PostgreSQL alike).
"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

from app.models import figures

revision: str = '0017_act_figures'
down_revision: str | Sequence[str] | None = '0016_sign_in_attempts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema: the table as the model defines it, filled from the acts' rows."""
    model = figures.ActFigures.__table__
    keys = [sa.ForeignKeyConstraint([key.parent.name], [key.target_fullname], ondelete=key.ondelete,
                                    name=f"fk_{model.name}_{key.parent.name}_{key.column.table.name}")
            for key in model.foreign_keys]
    op.create_table(model.name, *(sa.Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable,
                                            index=c.index) for c in model.columns), *keys)
    figures.refresh(op.get_bind())


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('act_figures')
