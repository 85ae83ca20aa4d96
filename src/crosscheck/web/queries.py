"""Read-only queries the web views need beyond the ``Store`` protocol.

They run SQLAlchemy Core statements on the ``SqlStore``'s engine and its schema tables
(``crosscheck.store.schema``), each in one short connection: story listing with filters and
per-kind finding counts, the outlets of a page of stories, the quotes of one speaker, the
story of each article, and a cheap change marker per story (for the page cache).

Not handled: stores other than ``SqlStore`` (an object without ``engine``); filters are
exact SQL predicates (``outlet`` and ``speaker`` are case-insensitive substrings, not
fuzzy matches).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePath
from typing import Any

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.engine import Engine

from crosscheck.errors import StoreError
from crosscheck.model import Finding, Quote
from crosscheck.store.codec import decode
from crosscheck.store.schema import Base

LOGGER = logging.getLogger(__name__)

T = Base.metadata.tables


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """Filters of the story list; ``None`` means "any".

    Attributes:
        since: stories whose last article is from this day or later.
        until: stories whose first article is from this day or earlier.
        outlet: stories with an article whose outlet contains this (case-insensitive).
        speaker: stories with a quote whose speaker contains this (case-insensitive).
        kind: stories with at least one finding of this kind.
        story_ids: only these stories (the result of a full-text query).
    """

    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    speaker: str | None = None
    kind: str | None = None
    story_ids: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One line of the story list."""

    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    articles: int
    stale: bool
    sources: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A stored quote with where it comes from."""

    quote: Quote
    article: str
    story: str | None
    outlet: str | None
    title: str | None
    published: str | None


def engine_of(store: object) -> Engine:
    """The SQLAlchemy engine of a ``SqlStore``.

    Raises:
        StoreError: the store is not SQL-backed.
    """
    engine = getattr(store, "engine", None)
    if not isinstance(engine, Engine):
        raise StoreError("the web UI needs a SQL store (sqlite:/// or postgresql://)")
    return engine


def _filtered(filters: StoryFilters) -> Select[Any]:
    s, m, a, q, f = (T[n] for n in ("stories", "story_members", "articles", "quotes", "findings"))
    query = select(s.c.id)
    if filters.since is not None:
        query = query.where(s.c.last_seen >= filters.since.isoformat())
    if filters.until is not None:
        # published values may carry a time: compare with the start of the next day
        query = query.where(s.c.first_seen < (filters.until + timedelta(days=1)).isoformat())
    if filters.outlet:
        like = f"%{_like_escape(filters.outlet.lower())}%"
        query = query.where(
            exists(
                select(m.c.article_id)
                .join(a, a.c.id == m.c.article_id)
                .where(m.c.story_id == s.c.id, func.lower(a.c.outlet).like(like, escape="\\"))
            )
        )
    if filters.speaker:
        like = f"%{_like_escape(filters.speaker.lower())}%"
        query = query.where(
            exists(
                select(m.c.article_id)
                .join(q, q.c.article_id == m.c.article_id)
                .where(m.c.story_id == s.c.id, func.lower(q.c.speaker).like(like, escape="\\"))
            )
        )
    if filters.kind:
        query = query.where(
            exists(select(f.c.seq).where(f.c.story_id == s.c.id, f.c.kind == filters.kind))
        )
    if filters.story_ids is not None:
        query = query.where(s.c.id.in_(sorted(filters.story_ids)))
    return query


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_stories(
    store: object, filters: StoryFilters, *, limit: int, offset: int
) -> tuple[list[StoryRow], int]:
    """Return one page of stories matching ``filters`` and the number of all that match.

    Order: most recently seen first (undated last), then largest, then id, as
    ``Store.list_stories``. Counts are per finding kind from the stored findings (a stale
    story shows the counts of its last computation).
    """
    s, m, a, f = (T[n] for n in ("stories", "story_members", "articles", "findings"))
    if filters.story_ids is not None and not filters.story_ids:
        return [], 0
    ids = _filtered(filters).subquery()
    with engine_of(store).connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(ids)).scalar() or 0)
        rows = list(
            conn.execute(
                select(s.c.id, s.c.title, s.c.first_seen, s.c.last_seen, s.c.size, s.c.stale)
                .where(s.c.id.in_(select(ids.c.id)))
                .order_by(s.c.last_seen.desc().nulls_last(), s.c.size.desc(), s.c.id)
                .limit(limit)
                .offset(offset)
            )
        )
        page = [r.id for r in rows]
        sources: dict[str, list[str]] = {sid: [] for sid in page}
        counts: dict[str, dict[str, int]] = {sid: {} for sid in page}
        if page:
            for r in conn.execute(
                select(m.c.story_id, a.c.outlet, a.c.title, a.c.source)
                .join(a, a.c.id == m.c.article_id)
                .where(m.c.story_id.in_(page))
                .order_by(m.c.story_id, m.c.position)
            ):
                name = r.outlet or r.title or PurePath(r.source or "").name
                if name and name not in sources[r.story_id]:
                    sources[r.story_id].append(name)
            for r in conn.execute(
                select(f.c.story_id, f.c.kind, func.count())
                .where(f.c.story_id.in_(page))
                .group_by(f.c.story_id, f.c.kind)
            ):
                counts[r[0]][r[1]] = int(r[2])
    return [
        StoryRow(
            id=r.id,
            title=r.title or "",
            first_seen=r.first_seen,
            last_seen=r.last_seen,
            articles=int(r.size or 0),
            stale=bool(r.stale),
            sources=tuple(sources[r.id]),
            counts=counts[r.id],
        )
        for r in rows
    ], total


def story_marker(store: object, story_id: str) -> str | None:
    """A value that changes whenever the story (members or findings) changes; None if absent."""
    s = T["stories"]
    with engine_of(store).connect() as conn:
        row = conn.execute(select(s.c.updated_at, s.c.stale).where(s.c.id == story_id)).first()
    if row is None:
        return None
    return f"{row.updated_at}|{int(bool(row.stale))}"


def stories_marker(store: object) -> str:
    """A value that changes whenever any story is added, changed or removed."""
    s, a = T["stories"], T["articles"]
    with engine_of(store).connect() as conn:
        latest, count = conn.execute(select(func.max(s.c.updated_at), func.count(s.c.id))).one()
        seq = conn.execute(select(func.max(a.c.seq))).scalar()
    return f"{latest}|{count}|{seq}"


def merged_into(store: object, story_id: str) -> str | None:
    """The story a merged-away story id was folded into (following chains), or None."""
    sm = T["story_merges"]
    seen = {story_id}
    current = story_id
    with engine_of(store).connect() as conn:
        while True:
            nxt = conn.execute(
                select(sm.c.into_id)
                .where(sm.c.merged_id == current)
                .order_by(sm.c.id.desc())
                .limit(1)
            ).scalar()
            if nxt is None or nxt in seen:
                return None if current == story_id else current
            seen.add(nxt)
            current = nxt
            if conn.execute(select(T["stories"].c.id).where(T["stories"].c.id == nxt)).first():
                return nxt


def stories_of(store: object, article_ids: Sequence[str]) -> dict[str, str]:
    """Map article ids to the id of the story each belongs to (absent when none)."""
    m = T["story_members"]
    ids = list(dict.fromkeys(article_ids))
    out: dict[str, str] = {}
    with engine_of(store).connect() as conn:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for r in conn.execute(
                select(m.c.article_id, m.c.story_id).where(m.c.article_id.in_(chunk))
            ):
                out[r.article_id] = r.story_id
    return out


def speaker_quotes(store: object, name: str, *, limit: int = 500) -> tuple[str, list[QuoteRow]]:
    """Every stored quote attributed to ``name``: exact canonical name first, else any case.

    Returns:
        The speaker's name as stored (the first match) and the quotes, oldest article first.
    """
    q, a, m = T["quotes"], T["articles"], T["story_members"]
    base = (
        select(q.c.data, q.c.article_id, q.c.speaker, a.c.outlet, a.c.title, a.c.published)
        .join(a, a.c.id == q.c.article_id)
        .order_by(a.c.published.asc().nulls_last(), a.c.seq, q.c.seq)
        .limit(limit)
    )
    with engine_of(store).connect() as conn:
        rows = list(conn.execute(base.where(q.c.speaker == name)))
        if not rows:
            rows = list(conn.execute(base.where(func.lower(q.c.speaker) == name.lower())))
        articles = list({r.article_id: None for r in rows})
        story_of = {
            r.article_id: r.story_id
            for r in conn.execute(
                select(m.c.article_id, m.c.story_id).where(m.c.article_id.in_(articles))
            )
        }
    found = rows[0].speaker if rows else name
    return found, [
        QuoteRow(
            quote=decode(Quote, r.data),
            article=r.article_id,
            story=story_of.get(r.article_id),
            outlet=r.outlet,
            title=r.title,
            published=r.published,
        )
        for r in rows
    ]


def conflict_findings(store: object, story_ids: Sequence[str]) -> list[Finding]:
    """The stored attribution, numeric and date conflict findings of ``story_ids``."""
    f = T["findings"]
    ids = list(dict.fromkeys(story_ids))
    if not ids:
        return []
    kinds = ("attribution_conflict", "numeric_conflict", "date_conflict")
    with engine_of(store).connect() as conn:
        rows = conn.execute(
            select(f.c.data).where(and_(f.c.story_id.in_(ids), f.c.kind.in_(kinds)))
        )
        return [decode(Finding, r.data) for r in rows]
