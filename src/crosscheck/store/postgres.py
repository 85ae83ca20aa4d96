"""PostgreSQL specifics: ``search_docs`` with a stored ``tsvector`` and a GIN index.

The ``english`` text search configuration stems words; ``ts_headline`` makes the snippet.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from crosscheck.model import Analysis
from crosscheck.store._search import documents, terms
from crosscheck.store.base import SearchHit


def index(conn: Connection, analysis: Analysis) -> None:
    """Add an article's search documents (inside the caller's transaction)."""
    conn.execute(
        text(
            "INSERT INTO search_docs (article_id, kind, ref, body) "
            "VALUES (:article_id, :kind, :ref, :body)"
        ),
        documents(analysis),
    )


def unindex(conn: Connection, article_id: str) -> None:
    """Remove an article's search documents."""
    conn.execute(text("DELETE FROM search_docs WHERE article_id = :a"), {"a": article_id})


def ts_query(query: str) -> str:
    """Turn a user query into ``websearch_to_tsquery`` syntax (words ANDed, phrases kept)."""
    return " ".join(f'"{term}"' if phrase else term for term, phrase in terms(query))


def search(conn: Connection, query: str, limit: int) -> list[SearchHit]:
    """Run a ``tsvector`` search ranked by ``ts_rank`` (higher ``score`` is better)."""
    expr = ts_query(query)
    if not expr:
        return []
    rows = conn.execute(
        text(
            # Rank and limit first: ts_headline is costly, so only the hits shown get one.
            "SELECT h.article_id, h.kind, h.ref, "
            "ts_headline('english', h.body, h.q, "
            "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snip, "
            "h.rank, a.title, a.outlet FROM ("
            "SELECT s.id, s.article_id, s.kind, s.ref, s.body, q, ts_rank(s.tsv, q) AS rank "
            "FROM search_docs s, websearch_to_tsquery('english', :q) q "
            "WHERE s.tsv @@ q ORDER BY rank DESC, s.id LIMIT :n) h "
            "JOIN articles a ON a.id = h.article_id ORDER BY h.rank DESC, h.id"
        ),
        {"q": expr, "n": limit},
    )
    return [SearchHit(r[0], r[1], r[2], r[3], float(r[4]), r[5], r[6]) for r in rows]
