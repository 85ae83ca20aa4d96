"""SQLite specifics: connection pragmas (WAL) and FTS5 search.

The FTS5 table ``search_fts`` is a plain (not external-content) table: simple and robust,
at the cost of storing the searchable text a second time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, event, text

from crosscheck.model import Analysis
from crosscheck.store._search import documents, terms
from crosscheck.store.base import SearchHit

WRITE_OPTION = "crosscheck_write"


def configure(engine: Engine, *, memory: bool) -> None:
    """Set WAL (file databases), foreign keys, NORMAL sync and a busy timeout per connection.

    File databases also get explicit transactions: the driver's own implicit ``BEGIN``
    (issued only before the first data-changing statement, so that the reads before it run
    outside the transaction) is turned off, and every transaction begins with ``BEGIN``, or
    ``BEGIN IMMEDIATE`` on a connection with the ``crosscheck_write`` execution option (the
    store's ``writer`` engine). An immediate transaction takes SQLite's write lock first
    (waiting up to the busy timeout), so what it reads (``max(seq)``, "is this id stored?")
    cannot change before it writes: two processes writing at once queue instead of racing.
    """

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()
        if not memory:
            dbapi_conn.isolation_level = None  # transactions are begun below, explicitly

    if memory:
        return  # one shared connection, one process: nothing to serialise

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def index(conn: Connection, analysis: Analysis) -> None:
    """Add an article's search documents (inside the caller's transaction)."""
    conn.execute(
        text(
            "INSERT INTO search_fts (article_id, kind, ref, body) "
            "VALUES (:article_id, :kind, :ref, :body)"
        ),
        documents(analysis),
    )


def unindex(conn: Connection, article_id: str) -> None:
    """Remove an article's search documents."""
    conn.execute(text("DELETE FROM search_fts WHERE article_id = :a"), {"a": article_id})


def fts_query(query: str) -> str:
    """Turn a user query into an FTS5 expression: every word and phrase quoted, ANDed."""
    return " ".join('"' + term.replace('"', "") + '"' for term, _ in terms(query))


def search(conn: Connection, query: str, limit: int) -> list[SearchHit]:
    """Run an FTS5 search ranked by bm25 (higher ``score`` is better)."""
    expr = fts_query(query)
    if not expr:
        return []
    rows = conn.execute(
        text(
            "SELECT s.article_id, s.kind, s.ref, "
            "snippet(search_fts, 3, '[', ']', '…', 16) AS snip, bm25(search_fts) AS rank, "
            "a.title, a.outlet FROM search_fts s JOIN articles a ON a.id = s.article_id "
            "WHERE search_fts MATCH :q ORDER BY rank LIMIT :n"
        ),
        {"q": expr, "n": limit},
    )
    return [SearchHit(r[0], r[1], r[2], r[3], -float(r[4]), r[5], r[6]) for r in rows]
