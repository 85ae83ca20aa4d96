"""SQLAlchemy 2 models: the one schema shared by SQLite and PostgreSQL.

Every extracted fact table keeps a few columns to query on plus ``data``, the whole model
object as JSON text (see ``codec``), so ``get_analysis`` rebuilds exactly what was stored.
Fact rows are keyed ``(article_id, seq)``: ``seq`` keeps the extractor's order and no
assumption is made that fact ids are unique across articles.

Full-text search is dialect-specific and lives outside these models: an FTS5 virtual table
(``search_fts``) on SQLite, a ``search_docs`` table with a stored ``tsvector`` and a GIN
index on PostgreSQL. Both are created by the Alembic migrations (``store/migrations``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = Text()


class Base(DeclarativeBase):
    """Declarative base of every crosscheck table."""


class ArticleRow(Base):
    """One stored article; ``id`` is the content hash given by the reader."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    canonical_url: Mapped[str | None] = mapped_column(Text, unique=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(Text, index=True)
    language: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    clean_text: Mapped[str] = mapped_column(Text)
    removed: Mapped[str] = mapped_column(Text)
    date_anchor: Mapped[str] = mapped_column(Text)
    run_id: Mapped[int | None] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EntityRow(Base):
    """A named entity of one article."""

    __tablename__ = "entities"

    article_id: Mapped[str] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[str] = mapped_column(ID)
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)


class QuoteRow(Base):
    """A quote of one article with its speaker's canonical name."""

    __tablename__ = "quotes"

    article_id: Mapped[str] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[str] = mapped_column(ID)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(Text, index=True)
    data: Mapped[str] = mapped_column(Text)


class NumberRow(Base):
    """A numeric claim of one article."""

    __tablename__ = "numbers"

    article_id: Mapped[str] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[str] = mapped_column(ID)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(Text)
    measures: Mapped[str | None] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)


class DateRow(Base):
    """A date expression of one article, normalised where possible."""

    __tablename__ = "dates"

    article_id: Mapped[str] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[str] = mapped_column(ID)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)


class ClaimRow(Base):
    """A check-worthy claim of one article."""

    __tablename__ = "claims"

    article_id: Mapped[str] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[str] = mapped_column(ID)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    data: Mapped[str] = mapped_column(Text)


class StoryRow(Base):
    """A story; ``stale`` is set whenever its members change and cleared with new findings."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[str | None] = mapped_column(Text)
    last_seen: Mapped[str | None] = mapped_column(Text, index=True)
    size: Mapped[int] = mapped_column(Integer)
    stale: Mapped[bool] = mapped_column(Boolean, index=True)
    stats: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StoryMemberRow(Base):
    """Membership: each article belongs to at most one story."""

    __tablename__ = "story_members"

    article_id: Mapped[str] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[str] = mapped_column(
        ID, ForeignKey("stories.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class StoryMergeRow(Base):
    """A record that story ``merged_id`` was folded into ``into_id``."""

    __tablename__ = "story_merges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    merged_id: Mapped[str] = mapped_column(ID, index=True)
    into_id: Mapped[str] = mapped_column(ID, index=True)
    merged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CopyLinkRow(Base):
    """``article_id`` is a (near-)copy of ``copy_of``: not independent confirmation."""

    __tablename__ = "copy_links"

    article_id: Mapped[str] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    copy_of: Mapped[str] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float] = mapped_column(Float)


class FindingRow(Base):
    """A finding of one story, replaced as a whole when the story is recomputed."""

    __tablename__ = "findings"

    story_id: Mapped[str] = mapped_column(
        ID, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(Text, index=True)
    severity: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    summary: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)


class IngestRunRow(Base):
    """One ``ingest`` invocation."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(Text)
    sources: Mapped[str] = mapped_column(Text)
    counts: Mapped[str] = mapped_column(Text)


class SourceStatusRow(Base):
    """The latest status of one input source (a path, URL or feed) for resuming."""

    __tablename__ = "source_status"

    source: Mapped[str] = mapped_column(Text, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(Text)
    items: Mapped[int] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProblemRow(Base):
    """A bad or partly used input; ``article_id`` is set for an analysis's own problems."""

    __tablename__ = "problems"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int | None] = mapped_column(Integer, index=True)
    article_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    fatal: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StateRow(Base):
    """Small named blobs, e.g. the story index's serialised state and checkpoint."""

    __tablename__ = "state"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


Index("ix_quotes_kind", QuoteRow.kind)
Index("ix_numbers_measures", NumberRow.measures)
