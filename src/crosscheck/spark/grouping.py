"""Story grouping by blocks: the local ``StoryIndex`` replayed on each connected block.

The local engine (``crosscheck.corpus.ingest``) assigns articles to stories one at a time in
arrival order with an incremental ``StoryIndex``: each article's TF-IDF vector uses the
document frequencies (DF) of the articles seen so far, and the article can only join a story
posted under one of its query keys. Spark reproduces this exactly for a *defined* order,
``ORDER`` = undated articles first, then by day, then by id (``crosscheck ingest`` gives the
same groups when fed the articles in that order):

1. ``feature_slots``: the DF counter slots each article touches (``StoryIndex._features``).
2. In Spark, the prefix DF of every slot at every article (a window count over the order)
   and the article's rank (= the index's ``n_docs`` when it is added).
3. ``posting_keys``: with those counts the article's vector, query and posting keys are
   exactly what the incremental index computes (``StoryIndex._vectorise``).
4. In Spark, articles sharing a posting key are joined into connected blocks. An article can
   only join, or bridge, a story through a key it shares with one of the story's members, so
   a story never spans two blocks.
5. ``replay_block``: each block is replayed through a fresh ``StoryIndex.add`` in ``ORDER``,
   with the DF slots and ``n_docs`` set to the global prefix values before each article. With
   articles sorted by day, a story closes (leaves the window) at the same point of the block
   as in the global run, so the groups are identical. The run then ends as an ingest
   run does: stories outside the whole run's window close and the open ones are
   consolidated (merged with close stories, which share a key, hence the block).

Not handled (documented in docs/spark.md): the index's ``max_live`` cap (the least recently
updated stories are closed when more than 200,000 are open at once) is global and is not
reproduced; blocking keys carried by more than ``max_block`` articles are left out of the
blocking (the run then records ``exact: false``), which can split a story that the
local index, whose posting lists are capped at ``MAX_POSTING`` *stories*, would have kept.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from crosscheck.settings import Settings
from crosscheck.stories.index import DF_BITS, StoryIndex
from crosscheck.stories.signature import Signature

LOGGER = logging.getLogger(__name__)

MASK = (1 << DF_BITS) - 1
STORY_GEN = "st"


@dataclass(frozen=True, slots=True)
class BlockArticle:
    """One article of a block: its signature, rank in ``ORDER`` and prefix DF per slot."""

    rank: int
    signature: Signature
    slots: Sequence[int]
    dfs: Sequence[int]


@dataclass(frozen=True, slots=True)
class Member:
    """A story membership: ``article`` is the ``position``-th member of ``story``.

    ``state`` is set on the first member of a story still open at the end of the run: the
    story's entry of ``StoryIndex.to_state()`` (JSON text, its index id = its first
    member's article id), from which ``loader.index_state_of`` rebuilds the story index.
    """

    article: str
    story: str
    position: int
    state: str | None = None


def order_key(sig: Signature) -> tuple[bool, int, str]:
    """The grouping order: undated first, then by day, then by id."""
    return (sig.day is not None, sig.day or 0, sig.id)


def story_id_of(first_member: str) -> str:
    """A stable story id, named after its first member.

    It is also what ``crosscheck.corpus`` calls a story of generation ``STORY_GEN`` whose
    index id is the first member's id, so a loaded index continues these stories.
    """
    return f"{STORY_GEN}-{first_member}"


def feature_slots(sig: Signature) -> list[int]:
    """The distinct DF counter slots of an article (what ``StoryIndex.observe`` counts)."""
    keys, _ = StoryIndex._features(sig)
    return sorted(set((keys & MASK).tolist()))


class KeyScratch:
    """A reusable ``StoryIndex`` whose DF counters are set per article (one per worker)."""

    def __init__(self, settings: Settings) -> None:
        self.index = StoryIndex(settings)

    def posting_keys(
        self, sig: Signature, rank: int, slots: Sequence[int], dfs: Sequence[int]
    ) -> list[int]:
        """The keys the incremental index would post this article's story under.

        Args:
            sig: the article's signature.
            rank: its 1-based rank in ``ORDER`` among signed articles (``n_docs``).
            slots: its DF slots (``feature_slots``).
            dfs: for each slot, how many articles of rank <= ``rank`` touch it.
        """
        idx = np.asarray(slots, dtype=np.int64)
        self.index.df[idx] = np.asarray(dfs, dtype=np.uint32)
        self.index.n_docs = int(rank)
        try:
            _vec, _query, post = self.index._vectorise(sig, observe=False)
        finally:
            self.index.df[idx] = 0
        return [int(k) for k in post]


def replay_block(
    articles: Iterable[BlockArticle], settings: Settings, horizon: int | None = None
) -> list[Member]:
    """Group one block's articles into stories exactly as the incremental index would.

    Args:
        articles: the block's articles (any order; they are sorted by rank).
        settings: ``story_window_days`` is read.
        horizon: the whole run's latest day minus the window (None: no dated article, or
            no window).
            Stories the block's index still holds open whose last day is on or after it
            (or that have no day) are the ones the global index holds open at the end:
            their first ``Member`` carries the story's state.

    Returns:
        One ``Member`` per article; story ids come from ``story_id_of``.
    """
    index = StoryIndex(settings)
    for item in sorted(articles, key=lambda a: a.rank):
        idx = np.asarray(item.slots, dtype=np.int64)
        index.df[idx] = np.asarray(item.dfs, dtype=np.uint32)
        index.n_docs = int(item.rank)
        index.add(item.signature, observe=False)
    # The end of the run, as ``crosscheck ingest`` ends it: the open stories are
    # consolidated (every story of a run from scratch is one the run touched), then those
    # out of the whole run's window close (``StoryIndex.end_run``). Candidates share a
    # posting key, so they lie in this block, and the merges are those of the whole run.
    if horizon is not None:
        index.latest = horizon + index.window
    index.end_run(list(index.live))
    states = _open_states(index, horizon)
    out: list[Member] = []
    for story in index.stories():
        if not story.articles:
            continue
        first = story.articles[0]
        sid = story_id_of(first)
        out.append(Member(first, sid, 0, states.get(first)))
        out.extend(Member(a, sid, i) for i, a in enumerate(story.articles) if i)
    return out


def _open_states(index: StoryIndex, horizon: int | None) -> dict[str, str]:
    """First member id -> JSON state of each story open at the end of the whole run."""
    # The per-story part of ``to_state`` (the block's counters are not needed: the loader
    # counts the whole run's), renamed to the first member's id.
    index.df = np.zeros(1, dtype=np.uint32)
    out: dict[str, str] = {}
    for item in index.to_state()["stories"]:
        last = item.get("last")
        if item["members"] and (horizon is None or last is None or last >= horizon):
            item["id"] = item["members"][0]
            out[item["id"]] = json.dumps(item, separators=(",", ":"))
    return out


def components(edges: Iterable[tuple[int, int]], nodes: Iterable[int]) -> dict[int, int]:
    """Connected components of a bipartite (key, node) edge list: node -> smallest node.

    Union-find on the driver, for edge lists small enough to collect.
    """
    parent: dict[int, int] = {n: n for n in nodes}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_of_key: dict[int, int] = {}
    for key, node in edges:
        other = first_of_key.setdefault(key, node)
        a, b = find(node), find(other)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {n: find(n) for n in parent}
