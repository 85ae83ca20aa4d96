"""The SQLAlchemy store: one implementation of ``Store`` for SQLite and PostgreSQL.

Articles and their extractions live here; stories, runs and state in ``stories.py`` (a
mixin); full-text search is dialect-specific (``sqlite.py``, ``postgres.py``).
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from crosscheck.errors import StoreError
from crosscheck.model import (
    Analysis,
    Article,
    Claim,
    DateAnchor,
    DateRef,
    Entity,
    Number,
    Problem,
    Quote,
    Removed,
)
from crosscheck.store import postgres, sqlite
from crosscheck.store.base import SearchHit
from crosscheck.store.codec import decode, decode_many, encode, now
from crosscheck.store.schema import Base
from crosscheck.store.stories import StoryMixin, problem_row
from crosscheck.store.urls import canonical_url

LOGGER = logging.getLogger(__name__)

T = Base.metadata.tables
FACT_TABLES = ("entities", "quotes", "numbers", "dates", "claims")
COUNTED = (
    "articles",
    *FACT_TABLES,
    "stories",
    "story_members",
    "findings",
    "copy_links",
    "problems",
    "ingest_runs",
)


# PostgreSQL advisory lock keys (any two distinct 64-bit numbers unlikely to clash).
SEQ_LOCK = 0x43430001  # held by the transaction that gives an article its ``seq``
WRITER_LOCK = 0x43430002  # held by an ingest writer while it stores and assigns stories
ADD_ATTEMPTS = 5  # tries of one article when a write conflict (not a duplicate) aborts it

_MEMORY_LOCKS: dict[int, threading.RLock] = {}


class SqlStore(StoryMixin):
    """A ``Store`` over a SQLAlchemy engine (SQLite or PostgreSQL, migrated to head).

    Concurrent writers (two ``crosscheck ingest`` runs, ``serve`` and an ingest) are safe:

    * an article's insertion number ``seq`` is read and used inside the transaction that
      stores it, after a lock: SQLite's write lock (``BEGIN IMMEDIATE``), PostgreSQL's
      transaction advisory lock ``SEQ_LOCK``; a unique violation is then either the same
      article stored by another writer (``False``: a true duplicate, checked again) or a
      real conflict, retried and finally raised as a ``StoreError``, never taken silently;
    * ``writer_lock()`` serialises whole story assignments between processes (a lock file
      beside a SQLite database, the session advisory lock ``WRITER_LOCK`` on PostgreSQL),
      so that two ingests never hand out the same story id for different topics.
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name
        self._search = sqlite if self.dialect == "sqlite" else postgres
        # Writes go through ``writer``: on SQLite its transactions begin IMMEDIATE.
        self.writer: Engine = (
            engine.execution_options(**{sqlite.WRITE_OPTION: True})
            if self.dialect == "sqlite"
            else engine
        )
        database = engine.url.database if self.dialect == "sqlite" else None
        self._lock_path = Path(database + ".lock") if database and database != ":memory:" else None

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the store's writer lock (blocking): one story-assigning writer at a time.

        Between processes: ``flock`` on ``<database>.lock`` for a SQLite file, the session
        advisory lock ``WRITER_LOCK`` on PostgreSQL; an in-memory SQLite store (one process)
        uses a re-entrant thread lock. The lock dies with its process (kill -9 included).
        """
        if self.dialect == "postgresql":
            with self.engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": WRITER_LOCK})
                conn.commit()
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": WRITER_LOCK})
                    conn.commit()
            return
        if self._lock_path is None:
            with _MEMORY_LOCKS.setdefault(id(self.engine), threading.RLock()):
                yield
            return
        with open(self._lock_path, "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    # articles ------------------------------------------------------------------------
    def add_analysis(self, analysis: Analysis, *, run_id: int | None = None) -> bool:
        """Store an article with all its extractions in one transaction (all or nothing).

        Returns:
            True when stored; False when the id or canonical URL was already stored.

        Raises:
            StoreError: the database refused the article (e.g. a NUL character on
                PostgreSQL); nothing of it was stored.
        """
        article = analysis.article
        curl = canonical_url(article.url)
        for attempt in range(1, ADD_ATTEMPTS + 1):
            try:
                with self.writer.begin() as conn:
                    if self.dialect == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SEQ_LOCK})
                    if self._exists(conn, article.id, curl):
                        return False
                    seq = (conn.execute(select(func.max(T["articles"].c.seq))).scalar() or 0) + 1
                    conn.execute(T["articles"].insert(), [_article_row(article, curl, seq, run_id)])
                    self._insert_facts(conn, analysis)
                    self._search.index(conn, analysis)
                return True
            except (IntegrityError, OperationalError) as exc:
                # Under the locks above a conflict should not happen; if it does, a
                # duplicate is only a duplicate when the article is now found stored.
                if self._stored(article.id, curl):
                    LOGGER.info("article %s stored by a concurrent writer", article.id)
                    return False
                if attempt == ADD_ATTEMPTS:
                    raise StoreError(
                        f"cannot store article {article.source}: write conflict after "
                        f"{ADD_ATTEMPTS} attempts: {exc}"
                    ) from exc
                LOGGER.warning("write conflict on %s (attempt %d): %s", article.id, attempt, exc)
                time.sleep(0.05 * attempt)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot store article {article.source}: {exc}") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _stored(self, article_id: str, curl: str | None) -> bool:
        try:
            with self.engine.connect() as conn:
                return self._exists(conn, article_id, curl)
        except SQLAlchemyError:
            return False

    def _exists(self, conn: Connection, article_id: str, curl: str | None) -> bool:
        a = T["articles"]
        if conn.execute(select(a.c.id).where(a.c.id == article_id)).first():
            return True
        return bool(curl and conn.execute(select(a.c.id).where(a.c.canonical_url == curl)).first())

    def _insert_facts(self, conn: Connection, analysis: Analysis) -> None:
        aid = analysis.article.id
        rows: dict[str, list[dict[str, Any]]] = {
            "entities": [
                {"fact_id": e.id, "name": e.name, "type": e.type, "data": encode(e)}
                for e in analysis.entities
            ],
            "quotes": [
                {
                    **_span(q),
                    "kind": q.kind,
                    "speaker": q.speaker.name if q.speaker else None,
                    "data": encode(q),
                }
                for q in analysis.quotes
            ],
            "numbers": [
                {
                    **_span(n),
                    "value": n.value,
                    "unit": n.unit,
                    "measures": n.measures,
                    "data": encode(n),
                }
                for n in analysis.numbers
            ],
            "dates": [{**_span(d), "value": d.value, "data": encode(d)} for d in analysis.dates],
            "claims": [{**_span(c), "score": c.score, "data": encode(c)} for c in analysis.claims],
        }
        for name, items in rows.items():
            if items:
                for seq, row in enumerate(items):
                    row.update(article_id=aid, seq=seq)
                conn.execute(T[name].insert(), items)
        if analysis.problems:
            conn.execute(
                T["problems"].insert(),
                [
                    problem_row(p, seq=i, article_id=aid, run_id=None)
                    for i, p in enumerate(analysis.problems)
                ],
            )

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        return bool(self.known_ids([article_id]))

    def known_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Return the subset of ``article_ids`` already stored (queried 500 at a time)."""
        ids = list(dict.fromkeys(article_ids))
        found: set[str] = set()
        a = T["articles"]
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                found.update(conn.execute(select(a.c.id).where(a.c.id.in_(chunk))).scalars())
        return found

    def has_url(self, url: str) -> bool:
        """Return whether an article with this canonical URL is stored."""
        curl = canonical_url(url)
        if not curl:
            return False
        a = T["articles"]
        with self.engine.connect() as conn:
            return bool(conn.execute(select(a.c.id).where(a.c.canonical_url == curl)).first())

    def get_article(self, article_id: str) -> Article | None:
        """Return a stored article, or None."""
        a = T["articles"]
        with self.engine.connect() as conn:
            row = conn.execute(select(a).where(a.c.id == article_id)).mappings().first()
        return _article(row) if row else None

    def get_analysis(self, article_id: str) -> Analysis | None:
        """Return a stored article with every extraction, exactly as added, or None."""
        return next(self.iter_analyses([article_id]), None)

    def iter_analyses(self, article_ids: Sequence[str]) -> Iterator[Analysis]:
        """Yield stored analyses in the order of ``article_ids`` (missing ids skipped)."""
        a = T["articles"]
        with self.engine.connect() as conn:
            for aid in article_ids:
                row = conn.execute(select(a).where(a.c.id == aid)).mappings().first()
                if row is None:
                    continue
                facts = {
                    name: [
                        r.data
                        for r in conn.execute(
                            select(T[name].c.data)
                            .where(T[name].c.article_id == aid)
                            .order_by(T[name].c.seq)
                        )
                    ]
                    for name in FACT_TABLES
                }
                p = T["problems"]
                problems = tuple(
                    Problem(r.source, r.code, r.message, bool(r.fatal))
                    for r in conn.execute(
                        select(p.c.source, p.c.code, p.c.message, p.c.fatal)
                        .where(p.c.article_id == aid)
                        .order_by(p.c.seq)
                    )
                )
                yield Analysis(
                    article=_article(row),
                    entities=tuple(decode(Entity, d) for d in facts["entities"]),
                    quotes=tuple(decode(Quote, d) for d in facts["quotes"]),
                    numbers=tuple(decode(Number, d) for d in facts["numbers"]),
                    dates=tuple(decode(DateRef, d) for d in facts["dates"]),
                    claims=tuple(decode(Claim, d) for d in facts["claims"]),
                    problems=problems,
                )

    def articles_after(self, seq: int) -> list[tuple[int, str]]:
        """Return ``(seq, id)`` of articles stored after insertion number ``seq``, in order."""
        a = T["articles"]
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.seq, a.c.id).where(a.c.seq > seq).order_by(a.c.seq))
            return [(r.seq, r.id) for r in rows]

    def last_seq(self) -> int:
        """Return the insertion number of the last stored article (0 when empty)."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(T["articles"].c.seq))).scalar() or 0)

    def delete_article(self, article_id: str) -> bool:
        """Delete an article and everything extracted from it; return whether it existed."""
        with self.writer.begin() as conn:
            self._search.unindex(conn, article_id)
            for name in (*FACT_TABLES, "problems", "story_members", "copy_links"):
                conn.execute(delete(T[name]).where(T[name].c.article_id == article_id))
            done = conn.execute(delete(T["articles"]).where(T["articles"].c.id == article_id))
            return bool(done.rowcount)

    # search and counts ---------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over article titles and text, quotes and their speakers.

        Words are ANDed; ``"double quoted"`` words form a phrase. Matching is stemmed
        (FTS5 porter tokenizer on SQLite, ``english`` text search on PostgreSQL), so scores
        and snippets differ slightly between the two backends.
        """
        if not query.strip():
            return []
        with self.engine.connect() as conn:
            return self._search.search(conn, query, max(0, min(int(limit), 10_000)))

    def counts(self) -> dict[str, int]:
        """Return the number of rows of every main table."""
        with self.engine.connect() as conn:
            return {
                name: int(conn.execute(select(func.count()).select_from(T[name])).scalar() or 0)
                for name in COUNTED
            }

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()


def _span(fact: Quote | Number | DateRef | Claim) -> dict[str, Any]:
    return {"fact_id": fact.id, "start_char": fact.start, "end_char": fact.end, "text": fact.text}


def _article_row(
    article: Article, curl: str | None, seq: int, run_id: int | None
) -> dict[str, Any]:
    return {
        "id": article.id,
        "seq": seq,
        "canonical_url": curl,
        "source": article.source,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "published": article.published,
        "language": article.language,
        "format": article.format,
        "text": article.text,
        "clean_text": article.clean_text,
        "removed": encode(article.removed),
        "date_anchor": encode(article.date_anchor),
        "run_id": run_id,
        "added_at": now(),
    }


def _article(row: Any) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        author=row["author"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        format=row["format"],
        clean_text=row["clean_text"],
        removed=decode_many(Removed, row["removed"]),
        date_anchor=decode(DateAnchor, row["date_anchor"]),
    )
