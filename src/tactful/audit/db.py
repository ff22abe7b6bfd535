"""Database engines and migrations, for SQLite (the embedded default) and PostgreSQL.

SQLite: every write transaction starts with `BEGIN IMMEDIATE`, which takes the database write
lock up front, so two processes appending to the chain are ordered by SQLite itself. PostgreSQL:
the writers lock the chain-head row (`SELECT ... FOR UPDATE`) inside the insert transaction.
Neither relies on a lock inside one Python process.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

#: Execution option that marks a connection whose transactions must take the write lock first.
IMMEDIATE = "tactful_immediate"


def make_engine(url: str, *, pool_size: int = 5, max_overflow: int = 45) -> Engine:
    """An engine for `url`; SQLite files get WAL, a busy timeout and immediate write locks."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=True
        )
    if not parsed.database or parsed.database == ":memory:":
        # Each pooled connection would see its own empty database; the chain needs one file.
        raise ValueError(f"{url}: in-memory SQLite is not supported; give a file, sqlite:///path")
    Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy so `begin` below decides how each one starts.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        _use_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _use_wal(cursor: Any) -> None:
    """Switch the file to write-ahead logging (readers then never wait for the writer).

    The mode is stored in the file, so only the first connections to a new database switch it;
    switching needs the database to itself and, unlike other statements, answers "database is
    locked" at once instead of waiting, so connections racing to do it retry briefly.
    """
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    for _ in range(100):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            time.sleep(0.05)
    cursor.execute("PRAGMA journal_mode=WAL")  # still locked after 5 s: let the error say so


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock first (SQLite)."""
    return engine.execution_options(**{IMMEDIATE: True})


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic, migrations shipped in the package).

    Replicas starting together against one PostgreSQL wait for each other on an advisory lock.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with writer(engine).begin() as conn:
        if is_postgres(engine):
            conn.execute(text("SELECT pg_advisory_xact_lock(7231974611)"))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
