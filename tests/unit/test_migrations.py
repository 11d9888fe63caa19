"""The Alembic migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.models import Base
from app.models.base import is_model_object


def test_migrated_schema_matches_models(db):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True,
                                                                            "include_object": is_model_object}),
                                       Base.metadata)
    assert differences == []
