"""Incremental story grouping: ``StoryIndex`` and the batch ``group_stories`` built on it.

Method: single-pass clustering with average linkage (the topic-detection-and-tracking
set-up of Allan et al. 1998, scored like UPGMA), an inverted index for candidate generation,
and merging of stories that an article bridges.

* Each article becomes a unit vector over its content terms (``(1 + ln tf) * idf``) and its
  salient entities (``ENTITY_WEIGHT * idf``), plus the words of those entity names and its
  numbers as two more blocks, each normalised apart (``story.weigh``). Document
  frequencies are kept in a hashed array of ``2**DF_BITS`` counters (the hashing trick),
  so memory does not grow with the vocabulary.
* A story is the sum of its members' vectors (truncated to the ``MAX_CENTROID`` heaviest
  features when it grows past twice that) and the range of its members' days.
* Candidates are the stories posted under the article's ``QUERY_KEYS`` heaviest features
  that some earlier article also had (an inverted index feature -> open stories; features
  posted by more than ``MAX_POSTING`` stories are too common to help and are skipped),
  ranked by summed key weight; the best ``CANDIDATES`` are scored exactly: no all-pairs
  comparison anywhere. A story is posted under its members' heaviest keys.
* Score = average cosine between the article and the story's members (the dot product with
  the summed vector divided by the member count) x date factor. The date factor is 1 when
  either side has no date, 0 when the article is more than ``story_window_days`` from the
  story's day range, and falls linearly to ``1 - DATE_PENALTY`` at the window's edge.
* Both scores are multiplied by the slot factor (``slots.slot_factor``): when the
  article and the story (the union of its members' event slots) disagree on more specific
  figures (a magnitude, a count, an age, a year) than they share, the score is cut by up to
  half, so look-alike events that share nearly all their words stay apart.
* The article joins the best story scoring >= ``threshold``, else starts a new story. Any
  other candidate that also scores >= ``threshold`` and whose average-link similarity to
  that story is >= ``merge_threshold`` is bridged by the article and merged into it; the
  ``Assignment`` lists the absorbed story ids. ``consolidate`` merges open stories the same
  way without a new article (``group_stories`` runs it at the end); ``end_run`` runs it,
  at ``CONSOLIDATE_THRESHOLD``, over the stories an ingest run touched, as every engine
  ends a run (the stream joins strictly at ``THRESHOLD`` and leaves recall to it).
* At the end of an ingest run (``end_run``, after its consolidation), stories whose last day
  falls more than the window behind the latest day seen are closed (no longer receive
  articles); never in the middle of a run, where a closed story could no longer be merged
  by the run's consolidation (ECB+ stream folds 0.932 0.871 0.957 0.950 0.771 with
  mid-run closing, 0.947 0.948 0.989 0.963 0.826 without, at join 0.32). Dated articles
  beyond the window are kept out by the date factor either way. The least recently
  updated stories also close when more than ``max_live`` are open (undated feeds).
  Undated articles can only join open stories.

The decisions themselves (features, weights, scores, date factor) are plain functions in
``stories/story.py``; persistence is in ``stories/state.py``.

State (``to_state``/``from_state``) is plain JSON-ready data: the open stories, the
document-frequency counters and the id redirects of merged stories. Closed stories are not
part of the state: the store keeps memberships from the ``Assignment`` records.

Not handled: a story that splits (in the stream an article never leaves its story; only
batch grouping moves articles, ``reassign``); order matters, as in every single-pass
method (``group_stories`` puts undated articles first, then the rest by date). Merges made
by ``consolidate`` are returned by it, not through an ``Assignment``.
"""

from __future__ import annotations

import heapq
import logging
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from crosscheck.model import Story
from crosscheck.settings import Settings
from crosscheck.stories.signature import Signature
from crosscheck.stories.slots import merge_slots, slot_factor, slot_map
from crosscheck.stories.state import STATE_VERSION, index_from_state, index_to_state
from crosscheck.stories.story import (
    CANDIDATES,
    CONSOLIDATE_THRESHOLD,
    DATE_PENALTY,
    DF_BITS,
    DF_MASK,
    ENTITY_WEIGHT,
    MAX_CENTROID,
    MAX_POSTING,
    MERGE_THRESHOLD,
    QUERY_KEYS,
    THRESHOLD,
    Assignment,
    OpenStory,
    article_score,
    date_factor,
    feature_blocks,
    features,
    iso_day,
    story_link,
    weigh,
)

LOGGER = logging.getLogger(__name__)

# Batch grouping (``group_stories``) ends with an average-link consolidation of every story
# and a reassignment of single articles, which the stream never runs; so its first pass may
# join strictly (pure first stories) and leave recall to the merges. Chosen on ECB+ topics
# 1-35 in five folds, each fold grouped on its own (evaluate/stories.py, FOLD_GRID): the best
# mean BCubed F1 over the folds with the 14-day window. With reassignment: 0.9175 (per fold
# 0.941 0.940 0.967 0.927 0.813); 0.28/0.14 0.913, 0.25/0.12 0.916; the stream's pair
# 0.22/0.18 0.860. With no window (what the folds learn, see evaluate/stories.py) 0.937.
BATCH_THRESHOLD = 0.28
# Open stories above which those out of the window close in the middle of a run as well as
# at its end: below it, a run's consolidation can still merge every story it holds (ECB+
# stream folds 0.947 0.948 0.989 0.963 0.826 against 0.919 0.927 0.895 0.929 0.751 when
# stories more than a year behind close mid-run), above it memory stays bounded (100,000
# synthetic signatures in one run: peak 361 MB with no mid-run closing, 198 MB at 5,000, 102 MB
# closing at any size).
SOFT_LIVE = 5_000
# Passes of ``reassign`` after consolidation; it rarely needs more than three.
REASSIGN_PASSES = 3
BATCH_MERGE_THRESHOLD = 0.12

__all__ = [
    "BATCH_MERGE_THRESHOLD",
    "BATCH_THRESHOLD",
    "CANDIDATES",
    "CONSOLIDATE_THRESHOLD",
    "DATE_PENALTY",
    "DF_BITS",
    "ENTITY_WEIGHT",
    "MAX_CENTROID",
    "MAX_POSTING",
    "MERGE_THRESHOLD",
    "QUERY_KEYS",
    "STATE_VERSION",
    "THRESHOLD",
    "Assignment",
    "StoryIndex",
    "group_stories",
]


def story_age(sid: str) -> tuple[int, int, str]:
    """Creation order of a story id: ids loaded from elsewhere (a Spark run names its open
    stories after their first article) come first, then ``s1``, ``s2``... in number order.

    A block replay (``spark.grouping``) creates its stories in the same relative order as
    the whole run, under other numbers: ordering by this key is the same in both.
    """
    if sid[:1] == "s" and sid[1:].isdigit():
        return (1, int(sid[1:]), "")
    return (0, 0, sid)


def _neg_age(sid: str) -> tuple[int, int, str]:
    """Tie key of the candidates ``heapq.nlargest`` keeps (the largest wins): older stories
    first, as ``story_age`` orders them (loaded names among themselves by name)."""
    kind, number, name = story_age(sid)
    return (-kind, -number, name)


class StoryIndex:
    """Incremental story grouping over a sliding time window (see the module docstring).

    Args:
        settings: ``story_window_days`` bounds the days between an article and a story.
        threshold: minimum score (average cosine to the members) to join a story.
        merge_threshold: minimum average-link similarity of two stories to merge them
            when an article bridges them (and in ``consolidate`` unless told otherwise).
        consolidate_threshold: the same at the end of an ingest run (``end_run``).
        max_live: most open stories kept; the least recently updated are closed first.
        soft_live: above this many open stories, those out of the window close as days
            pass in the middle of a run too (memory of a long run stays bounded).
        keep_closed: remember closed stories' members (``stories()`` lists them); turn off
            for a store-backed index where memberships live in the store.
        expire: close stories that fall out of the window (memory stays bounded in a
            stream); batch grouping of a bounded set turns it off so that the final
            consolidation and reassignment see every story (the window still applies to
            every score).

    Example:
        >>> index = StoryIndex(settings)
        >>> for sig in signatures:
        ...     assignment = index.add(sig)
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        threshold: float = THRESHOLD,
        merge_threshold: float = MERGE_THRESHOLD,
        consolidate_threshold: float = CONSOLIDATE_THRESHOLD,
        max_live: int = 200_000,
        soft_live: int = SOFT_LIVE,
        keep_closed: bool = True,
        expire: bool = True,
    ) -> None:
        self.window = (settings or Settings()).story_window_days
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.consolidate_threshold = consolidate_threshold
        self.max_live = max_live
        self.soft_live = soft_live
        self.keep_closed = keep_closed
        self.expire = expire
        self.df = np.zeros(1 << DF_BITS, dtype=np.uint32)
        self.n_docs = 0
        self.latest: int | None = None
        self.live: OrderedDict[str, OpenStory] = OrderedDict()
        self.closed: dict[str, OpenStory] = {}
        self.postings: dict[int, set[str]] = {}
        self.redirects: dict[str, str] = {}
        self.next_id = 1

    # --- features -------------------------------------------------------------------------
    @staticmethod
    def _features(sig: Signature) -> tuple[np.ndarray, np.ndarray]:
        """(feature hashes, raw weights) of an article (``story.features``)."""
        return features(sig)

    def observe(self, signatures: Iterable[Signature]) -> None:
        """Count document frequencies without grouping (batch mode: IDF from the whole set)."""
        for sig in signatures:
            keys, _ = self._features(sig)
            self.df[keys & DF_MASK] += 1
            self.n_docs += 1

    def vector(self, sig: Signature) -> dict[int, float]:
        """The article's unit TF-IDF vector under the current document frequencies."""
        return self._vectorise(sig, observe=False)[0]

    def _vectorise(
        self, sig: Signature, *, observe: bool
    ) -> tuple[dict[int, float], list[int], list[int]]:
        """(unit TF-IDF vector, query keys, posting keys), counting DF first if asked."""
        keys, weights, blocks = feature_blocks(sig)
        slots = keys & DF_MASK
        if observe:
            self.df[slots] += 1
            self.n_docs += 1
        return weigh(keys, weights, self.df[slots].astype(np.float64), self.n_docs, blocks)

    # --- grouping -------------------------------------------------------------------------
    def add(self, sig: Signature, *, observe: bool = True) -> Assignment:
        """Assign one article to a story (existing or new), merging stories it bridges.

        Args:
            sig: the article's signature.
            observe: count the article in the document frequencies first (turn off when
                ``observe`` was already called on it).

        Returns:
            The ``Assignment``.
        """
        if sig.day is not None and (self.latest is None or sig.day > self.latest):
            self.latest = sig.day
            if len(self.live) > self.soft_live:
                self._expire()
        vec, query, post = self._vectorise(sig, observe=observe)
        slots = slot_map(sig.slots)
        scored = self._score(vec, query, sig.day, slots)
        best: OpenStory | None = None
        best_score, best_dot = 0.0, 0.0
        merged: list[str] = []
        if scored and scored[0][0] >= self.threshold:
            best_score, best_dot, best = scored[0]
            for score, _dot, other in scored[1:]:
                # Bridged: the article is close to both, and so are the two stories.
                if score >= self.threshold and self._link(best, other) >= self.merge_threshold:
                    merged.append(other.id)
                    self._merge(best, other)
            if merged:
                best_dot = sum(best.centroid.get(k, 0.0) * w for k, w in vec.items())
        is_new = best is None
        if best is None:
            best = OpenStory(f"s{self.next_id}", {}, 0.0, None, None, [], title=sig.title)
            self.next_id += 1
            self.live[best.id] = best
        self._join(best, sig, vec, post, best_dot)
        merge_slots(best.slots, slots)
        self.live.move_to_end(best.id)
        if len(self.live) > self.max_live:
            self._close(next(iter(self.live)))
        return Assignment(sig.id, best.id, is_new, tuple(merged), round(best_score, 4))

    def place(self, sig: Signature, story_id: str | None) -> str:
        """Put an article in a story chosen elsewhere (``story_id``; None: a new story) and
        return the story's id; nothing is scored or merged.

        Rebuilds a stream index from a batch grouping (``crosscheck.regroup``): once every
        article is placed, later ``add`` calls continue those stories as if the stream had
        made them. Counts the article's document frequencies unless ``observe`` was run.
        """
        if sig.day is not None and (self.latest is None or sig.day > self.latest):
            self.latest = sig.day
        vec, _query, post = self._vectorise(sig, observe=False)
        story = self.live.get(story_id) if story_id is not None else None
        if story is None:
            story = OpenStory(f"s{self.next_id}", {}, 0.0, None, None, [], title=sig.title)
            self.next_id += 1
            self.live[story.id] = story
        dot = sum(story.centroid.get(k, 0.0) * w for k, w in vec.items())
        self._join(story, sig, vec, post, dot)
        merge_slots(story.slots, slot_map(sig.slots))
        self.live.move_to_end(story.id)
        return story.id

    def close_expired(self) -> None:
        """Close the stories that fell out of the window (as ``end_run`` does)."""
        self._expire()

    def _score(
        self,
        vec: dict[int, float],
        query: list[int],
        day: int | None,
        slots: dict[str, set[str]] | None = None,
    ) -> list[tuple[float, float, OpenStory]]:
        """Candidate stories from the inverted index, scored exactly, best first."""
        if not vec:
            return []
        hits: dict[str, float] = {}
        for key in query:
            posted = self.postings.get(key)
            if not posted or len(posted) > MAX_POSTING:
                continue
            weight = vec[key]
            for sid in posted:
                hits[sid] = hits.get(sid, 0.0) + weight
        out: list[tuple[float, float, OpenStory]] = []
        # Ties broken by id: set order of string ids changes between processes.
        for sid in heapq.nlargest(CANDIDATES, hits, key=lambda sid: (hits[sid], sid)):
            story = self.live[sid]
            scored = article_score(vec, story, day, self.window, slots)
            if scored is not None:
                out.append((scored[0], scored[1], story))
        out.sort(key=lambda t: -t[0])
        return out

    def _link(self, a: OpenStory, b: OpenStory) -> float:
        """Average-link similarity of two stories x date factor (``story_link``)."""
        return story_link(a, b, self.window)

    def end_run(self, touched: Collection[str]) -> list[tuple[str, str]]:
        """The end of an ingest run: merge the stories it touched with close open stories.

        ``consolidate(only=touched, threshold=consolidate_threshold)``, then the stories
        out of the window close (``close_expired``); what ``crosscheck ingest``
        (``corpus._Writer.consolidate``), the Spark block replay and ``crosscheck eval
        stories`` (``stream_groups``) all run.
        """
        merges = self.consolidate(only=touched, threshold=self.consolidate_threshold)
        self.close_expired()
        return merges

    def consolidate(
        self,
        *,
        rounds: int = 10,
        only: Collection[str] | None = None,
        threshold: float | None = None,
    ) -> list[tuple[str, str]]:
        """Merge open stories whose average-link similarity reaches the merge threshold.

        Agglomerative clustering over stories (UPGMA), best pair first, with candidates from
        the inverted index only. Single-pass grouping depends on arrival order; running this
        now and then (``group_stories`` runs it at the end, ``crosscheck ingest`` at the end
        of every run over the stories the run touched) repairs stories that were split
        because their first articles arrived before the ones that tie them together. It
        only merges, never splits; the older story (``story_age``) keeps its id.

        Deterministic in the stories' creation order and local to the inverted index: two
        stories are compared only when they share a posting key, so a replay by blocks of
        stories that share keys (the Spark engine) merges the same stories.

        Args:
            rounds: most rounds (each story merges at most once a round).
            only: ids of the stories to consolidate (merged ids are resolved); each pair
                must hold one of them or a story that absorbed one. ``None``: every open story.
            threshold: minimum average-link similarity (``None``: ``merge_threshold``).

        Returns:
            ``(absorbed id, surviving id)`` pairs, in merge order.
        """
        # Without ``only`` (batch grouping), ties are broken by id text as they always were
        # (the batch figures of evaluate/stories.py depend on it); with it, by creation order
        # (``story_age``), which a block replay shares with the whole run.
        age: Callable[[str], Any] = story_age if only is not None else str
        tie: Callable[[str], Any] = _neg_age if only is not None else str
        least = self.merge_threshold if threshold is None else threshold
        focus: set[str] | None = None
        if only is not None:
            focus = {self.resolve(sid) for sid in only} & self.live.keys()
        done: list[tuple[str, str]] = []
        for _ in range(rounds):
            pairs: list[tuple[float, str, str]] = []
            seen: set[tuple[str, str]] = set()
            starts = self.live.keys() if focus is None else focus
            for sid_a in sorted(starts, key=age):
                story = self.live[sid_a]
                hits: dict[str, int] = {}
                for key in story.keys:
                    posted = self.postings.get(key)
                    if not posted or len(posted) > MAX_POSTING:
                        continue
                    for sid in posted:
                        if sid != story.id:
                            hits[sid] = hits.get(sid, 0) + 1
                for sid in heapq.nlargest(CANDIDATES, hits, key=lambda sid: (hits[sid], tie(sid))):
                    if only is None and sid <= story.id:
                        continue  # batch: a pair counts from its lower id's end only
                    a, b = sorted((story.id, sid), key=age)
                    if (a, b) in seen:
                        continue  # each pair once (both ends may see each other)
                    seen.add((a, b))
                    score = self._link(self.live[a], self.live[b])
                    if score >= least:
                        pairs.append((score, a, b))
            if not pairs:
                break
            pairs.sort(key=lambda t: (-t[0], age(t[1]), age(t[2])))
            touched: set[str] = set()
            for _score, a, b in pairs:
                if a in touched or b in touched or a not in self.live or b not in self.live:
                    continue
                into, other = self.live[a], self.live[b]
                if story_age(b) < story_age(a):
                    into, other = other, into  # the older story keeps its id
                self._merge(into, other)
                touched.update((a, b))
                done.append((other.id, into.id))
                if focus is not None:
                    focus.discard(other.id)
                    focus.add(into.id)
        return done

    def _join(
        self, story: OpenStory, sig: Signature, vec: dict[int, float], post: list[int], dot: float
    ) -> None:
        """Add the article's vector to the story and post the story under its top keys."""
        cent = story.centroid
        for key, weight in vec.items():
            cent[key] = cent.get(key, 0.0) + weight
        story.norm2 += 2.0 * dot + 1.0
        if len(cent) > 2 * MAX_CENTROID:
            kept = heapq.nlargest(MAX_CENTROID, cent.items(), key=lambda kv: kv[1])
            story.centroid = cent = dict(kept)
            story.norm2 = sum(w * w for w in cent.values())
        story.members.append(sig.id)
        if sig.day is not None:
            story.first = sig.day if story.first is None else min(story.first, sig.day)
            story.last = sig.day if story.last is None else max(story.last, sig.day)
        for key in post:
            if key not in story.keys:
                story.keys.add(key)
                self.postings.setdefault(key, set()).add(story.id)

    def _merge(self, into: OpenStory, other: OpenStory) -> None:
        """Absorb ``other`` into ``into`` (centroid, members, days, postings)."""
        for key, weight in other.centroid.items():
            into.centroid[key] = into.centroid.get(key, 0.0) + weight
        into.norm2 = sum(w * w for w in into.centroid.values())
        into.members.extend(other.members)
        merge_slots(into.slots, other.slots)
        for attr in ("first", "last"):
            a, b = getattr(into, attr), getattr(other, attr)
            pick = min if attr == "first" else max
            setattr(into, attr, b if a is None else a if b is None else pick(a, b))
        self._unpost(other)
        for key in other.keys:
            if key not in into.keys:
                into.keys.add(key)
                self.postings.setdefault(key, set()).add(into.id)
        del self.live[other.id]
        self.redirects[other.id] = into.id
        for old, new in list(self.redirects.items()):
            if new == other.id:
                self.redirects[old] = into.id

    def remove(self, sig: Signature) -> str | None:
        """Take a deleted article out of its open story.

        The story loses the member and the article's vector (as weighted under today's
        document frequencies, which may differ a little from those it was added under); a
        story left with no members is dropped, so no later article joins it. Its posting
        keys and event slots stay (a superset: they only widen the candidates scored), and
        the article stays counted in the document frequencies.

        Returns:
            The id of the story the article was in, or None when no open story holds it
            (a closed story's membership lives in the store only).
        """
        story = next((s for s in self.live.values() if sig.id in s.members), None)
        if story is None:
            return None
        story.members.remove(sig.id)
        if not story.members:
            self._unpost(story)
            del self.live[story.id]
            return story.id
        cent = story.centroid
        for key, weight in self.vector(sig).items():
            left = cent.get(key, 0.0) - weight
            if left > 1e-9:
                cent[key] = left
            else:
                cent.pop(key, None)
        story.norm2 = sum(w * w for w in cent.values())
        return story.id

    def _unpost(self, story: OpenStory) -> None:
        for key in story.keys:
            posted = self.postings.get(key)
            if posted is not None:
                posted.discard(story.id)
                if not posted:
                    del self.postings[key]

    def _close(self, sid: str) -> None:
        story = self.live.pop(sid)
        self._unpost(story)
        if self.keep_closed:
            story.centroid, story.keys, story.slots = {}, set(), {}
            self.closed[sid] = story

    def _expire(self) -> None:
        """Close dated stories whose last day is more than the window behind the latest."""
        if self.latest is None or not self.expire or self.window <= 0:
            return
        horizon = self.latest - self.window
        stale = [s.id for s in self.live.values() if s.last is not None and s.last < horizon]
        for sid in stale:
            self._close(sid)

    # --- results --------------------------------------------------------------------------
    def resolve(self, story_id: str) -> str:
        """The id a story now lives under (itself, or the story it was merged into)."""
        return self.redirects.get(story_id, story_id)

    def stories(self) -> Iterator[Story]:
        """Every story, open and closed (closed ones only with ``keep_closed``)."""
        for story in [*self.closed.values(), *self.live.values()]:
            yield Story(
                id=story.id,
                articles=tuple(story.members),
                title=story.title,
                first_seen=iso_day(story.first),
                last_seen=iso_day(story.last),
            )

    def __len__(self) -> int:
        return len(self.live) + len(self.closed)

    # --- persistence ----------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """JSON-ready state of the open stories, counters and redirects (``stories/state.py``)."""
        return index_to_state(self)

    @classmethod
    def from_state(cls, state: dict[str, Any], settings: Settings | None = None) -> StoryIndex:
        """Rebuild an index from ``to_state`` output; adding then continues where it stopped."""
        return index_from_state(cls, state, settings)


def group_stories(
    signatures: Sequence[Signature],
    settings: Settings | None = None,
    *,
    threshold: float = BATCH_THRESHOLD,
    merge_threshold: float = BATCH_MERGE_THRESHOLD,
) -> list[Story]:
    """Group articles into stories in one batch (``StoryIndex`` over the whole set).

    Document frequencies are counted over all signatures first, then articles are added in
    date order (undated ones first, ties by id), so the result does not depend on input order;
    stories are then consolidated (``StoryIndex.consolidate``) and articles moved to the
    story they fit best (``reassign``, ``REASSIGN_PASSES`` passes).

    Args:
        signatures: article signatures.
        settings: ``story_window_days`` is read.
        threshold: minimum score to join a story (``BATCH_THRESHOLD``: stricter than the
            stream's, since a batch ends with a consolidation).
        merge_threshold: minimum average-link similarity to merge two stories.

    Returns:
        Stories (largest first, then by id), each listing its article ids in date order.
    """
    index = StoryIndex(
        settings,
        threshold=threshold,
        merge_threshold=merge_threshold,
        max_live=max(200_000, len(signatures)),
        expire=False,
    )
    index.observe(signatures)
    ordered = sorted(signatures, key=lambda s: (s.day is not None, s.day or 0, s.id))
    for sig in ordered:
        index.add(sig, observe=False)
    index.consolidate()
    titles = {s.id: s.title for s in index.live.values()}
    members = {s.id: list(s.members) for s in index.live.values()}
    members = reassign(index, ordered, members, passes=REASSIGN_PASSES)
    day_of = {sig.id: sig.day for sig in ordered}
    stories: list[Story] = []
    for sid, docs in members.items():
        days = [day for day in (day_of[d] for d in docs) if day is not None]
        stories.append(
            Story(
                id=sid,
                articles=tuple(docs),
                title=titles.get(sid, ""),
                first_seen=iso_day(min(days)) if days else None,
                last_seen=iso_day(max(days)) if days else None,
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    return stories


# One pass of ``reassign``: members, summed vectors, day spans and slot unions by story.
_PassState = tuple[
    dict[str, list[str]],
    dict[str, dict[int, float]],
    dict[str, tuple[int | None, int | None]],
    dict[str, dict[str, set[str]]],
]


def reassign(
    index: StoryIndex,
    ordered: Sequence[Signature],
    members: dict[str, list[str]],
    *,
    passes: int = 3,
) -> dict[str, list[str]]:
    """Move each article to the story it fits best, a few passes (batch grouping only).

    Single-pass grouping keeps an article where it first landed, though the stories it could
    join only took shape later, and consolidation moves whole stories, never one article.
    Each pass scores every article against the stories as they stand (the same score as
    joining: average cosine to the members x date factor x slot factor, its own story
    counted without it) and moves it to the best one when that scores higher than its own
    story; an article alone in its story moves when the best reaches the index's merge
    threshold. Moves of one pass are decided together, so the result does not depend on the
    order of the articles; passes stop when nothing moves.

    Args:
        index: the index that grouped the articles (its document frequencies, window and
            merge threshold are read).
        ordered: the signatures, in the order their ids should be listed.
        members: story id -> article ids.
        passes: most passes.

    Returns:
        Story id -> article ids (in ``ordered`` order); stories left empty are dropped.
    """
    sig_of = {sig.id: sig for sig in ordered}
    rank = {sig.id: i for i, sig in enumerate(ordered)}
    vecs = {sig.id: index.vector(sig) for sig in ordered}
    slots = {sig.id: slot_map(sig.slots) for sig in ordered}
    where = {doc: sid for sid, docs in members.items() for doc in docs}
    for _ in range(passes):
        groups: dict[str, list[str]] = {}
        for doc in sorted(where, key=rank.__getitem__):
            groups.setdefault(where[doc], []).append(doc)
        cents: dict[str, dict[int, float]] = {}
        spans: dict[str, tuple[int | None, int | None]] = {}
        unions: dict[str, dict[str, set[str]]] = {}
        posted: dict[int, set[str]] = {}
        for sid, docs in groups.items():
            cent: dict[int, float] = {}
            union: dict[str, set[str]] = {}
            for doc in docs:
                for key, weight in vecs[doc].items():
                    cent[key] = cent.get(key, 0.0) + weight
                merge_slots(union, slots[doc])
            days = [day for day in (sig_of[d].day for d in docs) if day is not None]
            spans[sid] = (min(days), max(days)) if days else (None, None)
            cents[sid], unions[sid] = cent, union
            for key in cent:
                posted.setdefault(key, set()).add(sid)

        def score(doc: str, sid: str, state: _PassState = (groups, cents, spans, unions)) -> float:
            members_, cents_, spans_, unions_ = state
            vec, cent, size = vecs[doc], cents_[sid], len(members_[sid])
            dot = sum(cent.get(k, 0.0) * w for k, w in vec.items())
            if where[doc] == sid:
                dot, size = dot - sum(w * w for w in vec.values()), size - 1
            first, last = spans_[sid]
            factor = date_factor(sig_of[doc].day, first, last, index.window)
            return factor * slot_factor(slots[doc], unions_[sid]) * dot / size

        moves: dict[str, str] = {}
        for doc, own in where.items():
            vec = vecs[doc]
            heavy = sorted(vec, key=lambda k: -vec[k])[:QUERY_KEYS]
            near = sorted(
                {sid for key in heavy if len(posted[key]) <= MAX_POSTING for sid in posted[key]}
                - {own}
            )
            if not near:
                continue
            best = max(near, key=lambda sid: score(doc, sid))
            top = score(doc, best)
            alone = len(groups[own]) == 1
            if top >= index.merge_threshold if alone else top > score(doc, own):
                moves[doc] = best
        if not moves:
            break
        where.update(moves)
    out: dict[str, list[str]] = {}
    for doc in sorted(where, key=rank.__getitem__):
        out.setdefault(where[doc], []).append(doc)
    return out
