"""Alembic environment: the connection is handed over by ``app.storage.Database.migrate``."""

from alembic import context
from sqlalchemy import create_engine

from app.models import Base
from app.models.base import is_model_object

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic revision --autogenerate` from a developer's shell
        connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True, include_object=is_model_object)
    with context.begin_transaction():
        context.run_migrations()


run()
