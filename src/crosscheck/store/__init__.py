"""The store: SQLite by default, PostgreSQL for teams, one schema and migrations for both.

``open_store(url)`` opens (creating if needed) a database and migrates it to the latest
schema with the Alembic migrations shipped in ``store/migrations``.

Example:
    >>> store = open_store("sqlite://")  # in memory
    >>> store.counts()["articles"]
    0
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from crosscheck.errors import StoreError
from crosscheck.store.base import SearchHit, SourceStatus, Store
from crosscheck.store.sql import SqlStore

LOGGER = logging.getLogger(__name__)

__all__ = ["SearchHit", "SourceStatus", "SqlStore", "Store", "migrate", "open_store"]

HERE = Path(__file__).resolve().parent
DEFAULT_URL = "sqlite:///crosscheck.db"


def open_store(url: str = DEFAULT_URL, *, migrate_schema: bool = True) -> SqlStore:
    """Open the store at ``url`` and bring its schema to the latest migration.

    Args:
        url: ``sqlite:///path.db`` (file, WAL mode), ``sqlite://`` (in memory, one
            connection) or ``postgresql+psycopg://user@host/db`` (``postgresql://`` is
            taken to mean psycopg 3).
        migrate_schema: run ``alembic upgrade head`` first (default).

    Returns:
        A ``Store`` (``SqlStore``).

    Raises:
        StoreError: the URL is malformed, the driver is missing or the database refuses.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"bad store URL {url!r}: {exc}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            from crosscheck.store import sqlite

            memory = parsed.database in (None, "", ":memory:")
            if not memory and parsed.database:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = (
                create_engine(
                    parsed, poolclass=StaticPool, connect_args={"check_same_thread": False}
                )
                if memory
                else create_engine(parsed)
            )
            sqlite.configure(engine, memory=memory)
        elif backend == "postgresql":
            engine = create_engine(parsed, pool_pre_ping=True)
        else:
            raise StoreError(f"unsupported store URL {url!r}: use sqlite:/// or postgresql://")
        if migrate_schema:
            # On SQLite in an IMMEDIATE transaction: two processes opening a new database
            # at once migrate one after the other instead of failing on a stale snapshot.
            migrate(
                engine.execution_options(crosscheck_write=True) if backend == "sqlite" else engine
            )
    except (SQLAlchemyError, ImportError, OSError) as exc:
        raise StoreError(f"cannot open store {url!r}: {exc}") from exc
    return SqlStore(engine, parsed.render_as_string(hide_password=True))


def migrate(engine: object, revision: str = "head") -> None:
    """Run the shipped Alembic migrations on ``engine`` up to ``revision``."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(HERE / "alembic.ini"))
    config.set_main_option("script_location", str(HERE / "migrations"))
    config.set_main_option("version_locations", str(HERE / "migrations" / "versions"))
    with engine.begin() as conn:  # type: ignore[attr-defined]
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
