"""The views: plain functions that both the JSON API and the HTML pages call.

Each view takes the app's ``WebState`` and plain arguments and returns a dataclass (or a
``Report``); ``*_json`` helpers turn those into the JSON bodies of the API, and the page
templates read the same dataclasses, so HTML and JSON cannot drift apart (the pattern of
datasette's ``views/index.py``). Compare-now, ingest and delete are in ``actions``.

A story page never re-runs spaCy: its report is compared from the stored analyses
(``crosscheck.compare.compare``, tens of milliseconds) and cached per story until the story's
change marker moves; a stale story's findings are refreshed and stored on the way.

Not handled: writes made by another process while the app runs are seen through each
story's ``updated_at`` marker only (a changed article title alone does not invalidate).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crosscheck.errors import CrosscheckError
from crosscheck.model import FINDING_KINDS, Report, Story
from crosscheck.report import report_dict
from crosscheck.web import queries
from crosscheck.web.cache import Body
from crosscheck.web.deps import WebState
from crosscheck.web.queries import QuoteRow, StoryFilters, StoryRow

LOGGER = logging.getLogger(__name__)

CONFLICT_KINDS = ("attribution_conflict", "numeric_conflict", "date_conflict")
MAX_LIMIT = 200
_MATCH = re.compile(r"\[([^\[\]\n]{1,200})\]")
MAX_OFFSET = 10_000_000  # paging beyond this is refused (a huge offset is not a 500)
MAX_QUERY = 500  # characters of a search query or filter value
#: Seconds a story's change marker is trusted without asking the store again: writes made
#: through this app are seen at once (the generation is part of the marker), writes by
#: another process (``crosscheck ingest`` on the same store) within this delay.
MARKER_TTL = 1.0
LIST_KEY = "\0stories"  # key of the all-stories marker in ``WebState.checked``


class BadRequestError(CrosscheckError):
    """A request parameter is malformed (answered with 422)."""

    code = "CC015"


class StoryMovedError(CrosscheckError):
    """The story was merged into another one (``new_id``)."""

    code = "CC001"

    def __init__(self, story_id: str, new_id: str) -> None:
        super().__init__(f"story {story_id!r} was merged into {new_id!r}")
        self.new_id = new_id


# --- stories -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StoriesResult:
    """One page of the story list."""

    stories: list[StoryRow]
    total: int
    limit: int
    offset: int
    filters: dict[str, str] = field(default_factory=dict)


def _clean(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > MAX_QUERY:
        raise BadRequestError(f"{name} is longer than {MAX_QUERY} characters")
    return value or None


def _day(value: str | None, name: str) -> date | None:
    value = _clean(value, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise BadRequestError(f"{name}={value!r} is not a date (YYYY-MM-DD)") from None


def _bounds(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequestError(f"limit must be between 1 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise BadRequestError(f"offset must be between 0 and {MAX_OFFSET}")
    return limit, offset


def list_stories(
    state: WebState,
    *,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    speaker: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> StoriesResult:
    """Stories matching the filters, most recently seen first, with finding counts.

    Empty strings mean "any" (what an HTML form sends). ``q`` keeps the stories with an
    article or quote matching the full-text query (the first 1,000 hits are used).

    Raises:
        BadRequestError: a malformed date, an unknown finding kind, bad limit/offset.
    """
    limit, offset = _bounds(limit, offset)
    kind = _clean(kind, "kind")
    if kind is not None and kind not in FINDING_KINDS:
        raise BadRequestError(f"kind must be one of {', '.join(FINDING_KINDS)}")
    query = _clean(q, "q")
    story_ids: frozenset[str] | None = None
    if query is not None:
        hits = state.store.search(query, 1000)
        story_ids = frozenset(queries.stories_of(state.store, [h.article for h in hits]).values())
    filters = StoryFilters(
        since=_day(since, "since"),
        until=_day(until, "until"),
        outlet=_clean(outlet, "outlet"),
        speaker=_clean(speaker, "speaker"),
        kind=kind,
        story_ids=story_ids,
    )
    rows, total = queries.list_stories(state.store, filters, limit=limit, offset=offset)
    given = {"since": since, "until": until, "outlet": outlet, "speaker": speaker}
    given.update(kind=kind, q=query)
    return StoriesResult(
        rows, total, limit, offset, {k: v.strip() for k, v in given.items() if v and v.strip()}
    )


def story_counts(row: StoryRow) -> dict[str, int]:
    """Corroborated, single-source and conflicting (attribution + numeric + date) finding
    counts."""
    return {
        "corroborated": row.counts.get("corroborated", 0),
        "single_source": row.counts.get("single_source", 0),
        "conflicting": sum(row.counts.get(k, 0) for k in CONFLICT_KINDS),
    }


def stories_json(result: StoriesResult) -> dict[str, Any]:
    """The JSON body of ``GET /api/stories``."""
    return {
        "stories": [
            {
                "id": r.id,
                "title": r.title,
                "first_seen": r.first_seen,
                "last_seen": r.last_seen,
                "articles": r.articles,
                "sources": list(r.sources),
                **story_counts(r),
                "counts": dict(sorted(r.counts.items())),
                "stale": r.stale,
                "href": f"/stories/{r.id}",
            }
            for r in result.stories
        ],
        "total": result.total,
        "limit": result.limit,
        "offset": result.offset,
    }


# --- one story ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StoryResult:
    """One story with its full report and the cache marker it was built under."""

    story: Story
    report: Report
    marker: str


def _marker(state: WebState, story_id: str) -> str | None:
    found = queries.story_marker(state.store, story_id)
    if found is None:
        state.checked.pop(story_id, None)
        return None
    marker = f"{state.generation}|{found}"
    state.checked[story_id] = (time.monotonic(), marker)
    return marker


def _fresh(state: WebState, key: str) -> str | None:
    """The marker of ``key`` if it was read less than ``MARKER_TTL`` seconds ago, else None.

    No I/O. When the marker has expired, this caller is the one that re-reads it (in the
    thread pool); the requests arriving meanwhile keep getting the page of the last known
    marker instead of all queueing for the store at once.
    """
    seen = state.checked.get(key)
    if seen is None:
        return None
    now = time.monotonic()
    if now - seen[0] > MARKER_TTL:
        state.checked[key] = (now, seen[1])
        return None
    marker = seen[1]
    return marker if marker.startswith(f"{state.generation}|") else None


def cached_story(state: WebState, what: str, story_id: str) -> Any:
    """A cached story page or body (``what``: ``html`` or ``json``) if surely current, else None.

    No I/O: meant for the event loop. Current means its marker was read from the store
    less than ``MARKER_TTL`` seconds ago (or is being read again right now by another
    request) and no write went through this app since.
    """
    marker = _fresh(state, story_id)
    return None if marker is None else state.pages.get((what, story_id), marker)


def cached_list(state: WebState, what: str, query: str) -> Any:
    """A cached story list (``what``: ``html`` or ``json``; ``query``: its parameters), or None.

    No I/O, like ``cached_story``; the marker is that of all stories together.
    """
    marker = _fresh(state, LIST_KEY)
    return None if marker is None else state.lists.get((what, query), marker)


def list_body(state: WebState, what: str, query: str, build: Callable[[], Body]) -> Body:
    """The story list body for ``query``, built by ``build`` unless cached for this marker.

    Raises:
        BadRequestError: from ``build`` (nothing is cached then).
    """
    marker = f"{state.generation}|{queries.stories_marker(state.store)}"
    state.checked[LIST_KEY] = (time.monotonic(), marker)
    return state.lists.get_or_build((what, query), marker, build)


def get_story(state: WebState, story_id: str) -> StoryResult:
    """The story ``story_id`` and its report (cached until the story changes).

    The report is ``crosscheck.corpus.story_report``: the stored analyses compared again
    (no parsing), so it is exactly what ``crosscheck report --format json`` prints.

    Raises:
        StoryMovedError: the story was merged into another (its id is given).
        CrosscheckError: CC001 when no story has this id.
    """
    from crosscheck.corpus import story_report

    marker = _marker(state, story_id)
    if marker is None:
        moved = queries.merged_into(state.store, story_id)
        if moved is not None:
            raise StoryMovedError(story_id, moved)
        raise CrosscheckError(f"no story with id {story_id!r}", code="CC001")

    def build() -> tuple[Story, Report]:
        story = state.store.get_story(story_id)
        if story is None:
            raise CrosscheckError(f"no story with id {story_id!r}", code="CC001")
        return story, story_report(story_id, state.settings, store=state.store)

    def after() -> str:
        return _marker(state, story_id) or marker

    story, report = state.reports.get_or_build(
        ("story", story_id), marker, build, marker_after=after
    )
    return StoryResult(story, report, marker)


def story_body(
    state: WebState, what: str, story_id: str, render: Callable[[StoryResult], Body]
) -> Body:
    """A story's rendered body (``what``: ``html`` or ``json``), cached per story marker.

    The report is only fetched (or computed) when the body is not cached for the current
    marker, so a story whose report was evicted keeps its cached pages.

    Raises:
        StoryMovedError, CrosscheckError: as ``get_story``.
    """
    marker = _marker(state, story_id)
    if marker is not None:
        found = state.pages.get((what, story_id), marker)
        if found is not None:
            return found
    result = get_story(state, story_id)
    body: Body = state.pages.get_or_build((what, story_id), result.marker, lambda: render(result))
    return body


def story_json(result: StoryResult) -> Body:
    """The JSON body of ``GET /api/stories/{id}`` (``crosscheck.report/1``)."""
    import json

    return Body.of(json.dumps(report_dict(result.report), ensure_ascii=False).encode("utf-8"))


# --- speakers ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SpeakerQuote:
    """One quote of a speaker; ``conflicts`` are the summaries of conflicts it is evidence of."""

    row: QuoteRow
    conflicts: tuple[str, ...] = ()

    @property
    def conflict(self) -> bool:
        """Whether the quote is evidence of a conflict finding."""
        return bool(self.conflicts)


@dataclass(frozen=True, slots=True)
class SpeakerResult:
    """Every stored quote attributed to one speaker."""

    speaker: str
    quotes: list[SpeakerQuote]


def get_speaker(state: WebState, name: str) -> SpeakerResult:
    """Every quote attributed to ``name`` across sources, conflicts marked.

    A quote is marked conflicting when it (or a repeat of it) overlaps an evidence span of
    a stored attribution, numeric or date conflict of its story.

    Raises:
        CrosscheckError: CC001 when no stored quote has this speaker.
    """
    name = (_clean(name, "name") or "").strip()
    if not name:
        raise CrosscheckError("no speaker given", code="CC001")
    found, rows = queries.speaker_quotes(state.store, name)
    if not rows:
        raise CrosscheckError(f"no quotes attributed to {name!r}", code="CC001")
    stories = [r.story for r in rows if r.story]
    conflicts = queries.conflict_findings(state.store, stories)
    out = []
    for row in rows:
        spans = [(row.quote.start, row.quote.end)] + [(m.start, m.end) for m in row.quote.mentions]
        hits = tuple(
            dict.fromkeys(
                f.summary
                for f in conflicts
                for ev in f.evidence
                if ev.article == row.article and any(ev.start < e and s < ev.end for s, e in spans)
            )
        )
        out.append(SpeakerQuote(row, hits))
    return SpeakerResult(found, out)


def speaker_json(result: SpeakerResult) -> dict[str, Any]:
    """The JSON body of ``GET /api/speakers/{name}``."""
    return {
        "speaker": result.speaker,
        "quotes": [
            {
                "id": q.row.quote.id,
                "article": q.row.article,
                "story": q.row.story,
                "text": q.row.quote.text,
                "kind": q.row.quote.kind,
                "start": q.row.quote.start,
                "end": q.row.quote.end,
                "cue": q.row.quote.cue,
                "via": list(q.row.quote.via),
                "outlet": q.row.outlet,
                "title": q.row.title,
                "published": q.row.published,
                "conflict": q.conflict,
                "conflicts": list(q.conflicts),
                "href": f"/stories/{q.row.story}" if q.row.story else None,
            }
            for q in result.quotes
        ],
    }


# --- search ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Hit:
    """One search hit with the story it belongs to."""

    kind: str
    article: str
    ref: str
    snippet: str
    score: float
    title: str | None
    outlet: str | None
    story: str | None

    @property
    def href(self) -> str | None:
        """Where the hit is shown: its story page."""
        return f"/stories/{self.story}" if self.story else None

    @property
    def heading(self) -> str:
        """The hit's title for people: the article's title, else its outlet, never an id."""
        if self.title and self.title.strip():
            return self.title.strip()
        if self.outlet and self.outlet.strip():
            return f"Untitled article ({self.outlet.strip()})"
        return "Untitled article"

    @property
    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as ``(text, matched)`` pieces: the store marks matches ``[like this]``."""
        return snippet_parts(self.snippet)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a store snippet at its ``[...]`` match markers into ``(text, matched)`` pieces."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _MATCH.finditer(snippet):
        if m.start() > pos:
            out.append((snippet[pos : m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(snippet):
        out.append((snippet[pos:], False))
    return out


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of one full-text query."""

    query: str
    hits: list[Hit]


def search(state: WebState, q: str | None, *, limit: int = 20) -> SearchResult:
    """Full-text search over stored articles and quotes (``Store.search``).

    Raises:
        BadRequestError: bad limit or an overlong query.
    """
    limit, _ = _bounds(limit, 0)
    query = _clean(q, "q") or ""
    if not query:
        return SearchResult("", [])
    found = state.store.search(query, limit)
    story_of = queries.stories_of(state.store, [h.article for h in found])
    hits = [
        Hit(
            h.kind, h.article, h.ref, h.snippet, h.score, h.title, h.outlet, story_of.get(h.article)
        )
        for h in found
    ]
    return SearchResult(query, hits)


def search_json(result: SearchResult) -> dict[str, Any]:
    """The JSON body of ``GET /api/search``."""
    return {
        "query": result.query,
        "hits": [
            {
                "kind": h.kind,
                "article": h.article,
                "ref": h.ref,
                "snippet": h.snippet,
                "score": h.score,
                "title": h.title,
                "outlet": h.outlet,
                "story": h.story,
                "href": h.href,
            }
            for h in result.hits
        ],
    }
