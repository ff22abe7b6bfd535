"""Alembic environment: migrations run on the connection `tactful.audit.db.migrate` hands in."""

from __future__ import annotations

from alembic import context

from tactful.audit.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
