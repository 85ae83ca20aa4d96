"""The Store protocol: what every backend (SQLite, PostgreSQL) offers the rest of crosscheck.

Only ``ingest`` and ``store`` do I/O; stages hand model objects to a ``Store`` and read them
back unchanged (``get_analysis(add_analysis(a))`` is ``a``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from crosscheck.model import Analysis, Article, Finding, Problem, Story


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: an article, or a quote of it (``kind`` ``article`` or ``quote``).

    ``ref`` is the article id for an article hit and the quote's id for a quote hit;
    ``snippet`` is the matching passage with the matched words in ``[...]``.
    """

    article: str
    kind: str
    ref: str
    snippet: str
    score: float
    title: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """The last recorded status of one input source (``started``, ``done`` or ``failed``)."""

    source: str
    status: str
    items: int
    run_id: int | None
    detail: str = ""


@runtime_checkable
class Store(Protocol):
    """Persistent storage of articles, their extractions, stories and findings."""

    url: str

    # articles and their extractions -------------------------------------------------
    def add_analysis(self, analysis: Analysis, *, run_id: int | None = None) -> bool:
        """Store an article with all its extractions in one transaction.

        Returns False (and stores nothing) when the article's id or canonical URL is
        already stored.
        """
        ...

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        ...

    def known_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Return the subset of ``article_ids`` already stored."""
        ...

    def has_url(self, url: str) -> bool:
        """Return whether an article with this canonical URL is stored."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """Return a stored article, or None."""
        ...

    def get_analysis(self, article_id: str) -> Analysis | None:
        """Return a stored article with every extraction, exactly as added, or None."""
        ...

    def iter_analyses(self, article_ids: Sequence[str]) -> Iterator[Analysis]:
        """Yield the stored analyses of ``article_ids`` (missing ids are skipped)."""
        ...

    def articles_after(self, seq: int) -> list[tuple[int, str]]:
        """Return ``(seq, id)`` of articles stored after insertion number ``seq``."""
        ...

    def last_seq(self) -> int:
        """Return the insertion number of the last stored article (0 when empty)."""
        ...

    def delete_article(self, article_id: str) -> bool:
        """Delete an article and everything extracted from it; return whether it existed."""
        ...

    def writer_lock(self) -> AbstractContextManager[None]:
        """A blocking lock shared by every process writing stories to this store."""
        ...

    # stories ---------------------------------------------------------------------------
    def put_story(self, story: Story) -> None:
        """Create or replace a story and its membership; marks it stale (findings due)."""
        ...

    def add_to_story(self, story_id: str, article_id: str) -> None:
        """Add one article to a story (created if missing); marks the story stale."""
        ...

    def merge_stories(self, into_id: str, merged_ids: Sequence[str]) -> None:
        """Fold stories into ``into_id``: members move, merges are recorded, others go."""
        ...

    def get_story(self, story_id: str) -> Story | None:
        """Return a story, or None."""
        ...

    def story_of(self, article_id: str) -> str | None:
        """Return the id of the story an article belongs to, or None."""
        ...

    def list_stories(self, *, limit: int = 50, offset: int = 0) -> list[Story]:
        """Return stories, most recently seen (then largest) first."""
        ...

    def delete_story(self, story_id: str) -> bool:
        """Delete a story (its articles stay); return whether it existed."""
        ...

    def stale_stories(self) -> list[str]:
        """Return ids of stories whose findings must be recomputed."""
        ...

    def set_findings(
        self, story_id: str, findings: Sequence[Finding], stats: dict[str, Any] | None = None
    ) -> None:
        """Replace a story's findings (and stats) and clear its stale flag."""
        ...

    def get_findings(self, story_id: str) -> tuple[tuple[Finding, ...], dict[str, Any]]:
        """Return a story's stored findings and stats."""
        ...

    def add_copy_link(self, article_id: str, copy_of: str, score: float) -> None:
        """Record that ``article_id`` is a (near-)copy of ``copy_of``."""
        ...

    def copy_links(self, article_ids: Sequence[str]) -> list[tuple[str, str, float]]:
        """Return ``(article, copy_of, score)`` links touching ``article_ids``."""
        ...

    # runs, sources, problems, state -----------------------------------------------------
    def start_run(self, sources: Sequence[str], *, lease_s: float | None = None) -> int:
        """Record the start of an ingest run and return its id; its heartbeat is renewed
        every quarter of ``lease_s`` (``Settings.run_lease_s``) until ``finish_run``."""
        ...

    def beat_run(self, run_id: int) -> bool:
        """Renew a running run's heartbeat now; False when it no longer runs."""
        ...

    def close_stale_runs(self, *, lease_s: float | None = None) -> list[int]:
        """Mark ``interrupted`` the runs left ``running`` by a dead process (on this host) or
        whose heartbeat is older than their lease (on any host); return their ids."""
        ...

    def running_runs(self) -> list[int]:
        """Ids of the runs recorded as ``running``."""
        ...

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        """Record the end of an ingest run."""
        ...

    def set_source_status(
        self, source: str, status: str, *, run_id: int | None, items: int = 0, detail: str = ""
    ) -> None:
        """Record the status of one input source."""
        ...

    def source_status(self, source: str) -> SourceStatus | None:
        """Return the last recorded status of a source, or None."""
        ...

    def add_problem(self, problem: Problem, *, run_id: int | None = None) -> None:
        """Store a problem of an input that was skipped."""
        ...

    def list_problems(self, *, run_id: int | None = None, limit: int = 1000) -> list[Problem]:
        """Return stored input problems (of one run, or all), oldest first."""
        ...

    def get_state(self, key: str) -> str | None:
        """Return a named state blob, or None."""
        ...

    def put_state(self, key: str, value: str) -> None:
        """Store a named state blob."""
        ...

    # search and counts ------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over article titles and text, quotes and speakers."""
        ...

    def counts(self) -> dict[str, int]:
        """Return row counts: articles, entities, quotes, numbers, dates, claims, stories..."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...
