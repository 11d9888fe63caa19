"""The Alembic migrations build exactly the schema the models describe."""

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.models import Base
from app.models.base import is_model_object
from app.storage import alembic_config, schema_head


def test_migrated_schema_matches_models(db):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True,
                                                                            "include_object": is_model_object}),
                                       Base.metadata)
    assert differences == []



def test_the_schema_head_read_as_text_is_alembics_head():
    """The head is read from the migration files as text, and must be the one Alembic finds."""
    assert schema_head() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_database_at_the_head_opens_without_alembic(data_dir):
    script = ("import sys; from app.storage import Database; "
              f"Database.open(data_dir={str(data_dir)!r}).close(); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "False"
