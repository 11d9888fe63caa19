"""reference data: the regions of Kazakhstan and the shipped transfers of working days

Revision ID: 0012_reference_data
Revises: 0009_appeals
The database is seeded here, once, and no longer each time a program opens it: opening a database
(the hub's, a workstation's) never writes to it.  Rows that are already there are left as they are,
so a database that had them from an older program keeps an administrator's own calendar days.
The rows written are audited as the program's own (user ``system``).
"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

from app.audit_trail import append, entry
from app.domain.regions import REGIONS
from app.domain.workdays import DEFAULT_TRANSFERS

revision: str = '0012_reference_data'
down_revision: str | Sequence[str] | None = '0009_appeals'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REGION = sa.table('region', sa.column('code', sa.String), sa.column('name_kk', sa.String),
                  sa.column('name_ru', sa.String), sa.column('name_en', sa.String))
CALENDAR_DAY = sa.table('calendar_day', sa.column('day', sa.Date), sa.column('working', sa.Boolean),
                        sa.column('note', sa.String), sa.column('source', sa.String))


def upgrade() -> None:
    """The 17 regions and 3 cities of national significance (§5), and the 2025 transfer."""
    bind = op.get_bind()
    known = set(bind.scalars(sa.select(REGION.c.code)))
    regions = [{'code': r.code, 'name_kk': r.name_kk, 'name_ru': r.name_ru, 'name_en': r.name_en}
               for r in REGIONS if r.code not in known]
    if regions:
        op.bulk_insert(REGION, regions)
    marked = set(bind.scalars(sa.select(CALENDAR_DAY.c.day).where(CALENDAR_DAY.c.day.in_(DEFAULT_TRANSFERS))))
    days = [{'day': day, 'working': working, 'note': note, 'source': 'decree'}
            for day, (working, note) in DEFAULT_TRANSFERS.items() if day not in marked]
    if days:
        op.bulk_insert(CALENDAR_DAY, days)
    # every row the program writes is in the audit trail, these too
    append(bind, [entry('system', 'insert', 'region', row['code'], row) for row in regions]
           + [entry('system', 'insert', 'calendar_day', row['day'].isoformat(), row) for row in days])


def downgrade() -> None:
    """The rows stay: departments and acts refer to the regions."""
