"""Alembic environment: runs on the connection ``open_store`` passes in, or on ``-x url=``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from crosscheck.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or "sqlite:///crosscheck.db"
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
