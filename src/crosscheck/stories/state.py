"""Persistence of a ``StoryIndex``: plain JSON-ready state and back.

The state holds the open stories (summed vectors rounded to 6 decimals, day ranges,
members, posting keys, event slots; a state saved before slots existed loads with none),
the document-frequency counters (zlib-compressed, base64) and the id redirects of merged
stories. Closed stories are not part of it: a store keeps their memberships from the
``Assignment`` records.
"""

from __future__ import annotations

import base64
import logging
import zlib
from typing import Any, TypeVar

import numpy as np

from crosscheck.settings import Settings
from crosscheck.stories.story import MERGE_THRESHOLD, OpenStory

_Index = TypeVar("_Index")

LOGGER = logging.getLogger(__name__)

STATE_VERSION = 1


def index_to_state(index: Any) -> dict[str, Any]:
    """JSON-ready state of the open stories, counters and redirects (not closed stories)."""
    return {
        "version": STATE_VERSION,
        "window": index.window,
        "threshold": index.threshold,
        "merge_threshold": index.merge_threshold,
        "consolidate_threshold": index.consolidate_threshold,
        "max_live": index.max_live,
        "n_docs": index.n_docs,
        "latest": index.latest,
        "next_id": index.next_id,
        "df": base64.b64encode(zlib.compress(index.df.astype("<u4").tobytes(), 6)).decode("ascii"),
        "redirects": dict(index.redirects),
        "stories": [
            {
                "id": s.id,
                "centroid": [[k, round(w, 6)] for k, w in s.centroid.items()],
                "norm2": s.norm2,
                "first": s.first,
                "last": s.last,
                "members": list(s.members),
                "keys": sorted(s.keys),
                "title": s.title,
                "slots": {k: sorted(v) for k, v in sorted(s.slots.items())},
            }
            for s in index.live.values()
        ],
    }


def index_from_state(
    cls: type[_Index], state: dict[str, Any], settings: Settings | None = None
) -> _Index:
    """Rebuild an index of class ``cls`` from ``index_to_state`` output.

    Raises:
        ValueError: the state has another version.
    """
    if state.get("version") != STATE_VERSION:
        raise ValueError(f"unsupported story index state version {state.get('version')!r}")
    index: Any = cls(  # type: ignore[call-arg]
        (settings or Settings()).replace(story_window_days=int(state["window"])),
        threshold=float(state["threshold"]),
        merge_threshold=float(state.get("merge_threshold", MERGE_THRESHOLD)),
        # A state saved before runs ended with a consolidation joined at the old, looser
        # threshold: it consolidates at its own merge threshold.
        consolidate_threshold=float(
            state.get("consolidate_threshold", state.get("merge_threshold", MERGE_THRESHOLD))
        ),
        max_live=int(state["max_live"]),
    )
    index.n_docs = int(state["n_docs"])
    index.latest = state["latest"]
    index.next_id = int(state["next_id"])
    raw = zlib.decompress(base64.b64decode(state["df"]))
    index.df = np.frombuffer(raw, dtype="<u4").astype(np.uint32)
    index.redirects = dict(state["redirects"])
    for item in state["stories"]:
        story = OpenStory(
            id=item["id"],
            centroid={int(k): float(w) for k, w in item["centroid"]},
            norm2=float(item["norm2"]),
            first=item["first"],
            last=item["last"],
            members=list(item["members"]),
            keys={int(k) for k in item["keys"]},
            title=item.get("title", ""),
            slots={str(k): set(v) for k, v in item.get("slots", {}).items()},
        )
        index.live[story.id] = story
        for key in story.keys:
            index.postings.setdefault(key, set()).add(story.id)
    return index
