"""Alembic environment: runs on the connection (and transaction) handed in by `data.schema`."""

from alembic import context

from hirepartner.data.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
context.run_migrations()
