"""Candidate pairs through an inverted index: the cost of a story grows with its facts.

Comparing every quote (claim, number) of a story with every other one grows with the
square of their count: a story of 84 quote-heavy articles (issue 18) was still comparing
after 22 minutes. Two facts can only match when they share something (a run of words, a
distinctive word, what a number counts), so each fact is indexed by such keys and only
facts that share a key are paired. Each fact probes its rarest keys first and stops after
a number of partners: ``PAIR_BUDGET`` shared out over the story's facts, so a story's pairs
stay under about ``PAIR_BUDGET`` however many facts share a common word. A story of a few
thousand facts gets thousands of partners per fact: every pair that shares a key.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence

import numpy as np

PAIR_BUDGET = 300_000  # candidate pairs one alignment of one story may look at
MIN_CANDIDATES = 5  # partners a fact may propose however big the story


def candidate_pairs(
    groups: Sequence[str], keys: Sequence[set[Hashable]], limit: int | None = None
) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of items of different groups that share a key, in order.

    An inverted index from key to items replaces comparing every pair: items that share
    nothing cost nothing. Each item probes its keys rarest first (fewest items; ties in the
    order keys were first seen) and stops once it has ``limit`` partners (by default
    ``PAIR_BUDGET`` over the number of items, at least ``MIN_CANDIDATES``); it still
    appears in the pairs of the items that probe it. When no item shares keys with more
    than ``limit`` others, every pair that shares a key is returned.
    """
    n = len(keys)
    if limit is None:
        limit = max(MIN_CANDIDATES, PAIR_BUDGET // max(1, n))
    postings: dict[Hashable, list[int]] = {}
    for i, item_keys in enumerate(keys):
        for key in item_keys:
            postings.setdefault(key, []).append(i)
    rank = {key: (len(items), r) for r, (key, items) in enumerate(postings.items())}
    codes: list[int] = []  # i * n + j with i < j: eight bytes a pair once in numpy
    chunks: list[np.ndarray] = []
    for i, item_keys in enumerate(keys):
        found: dict[int, None] = {}
        group = groups[i]
        for key in sorted(item_keys, key=rank.__getitem__):
            for j in postings[key]:
                if j != i and groups[j] != group and j not in found:
                    found[j] = None
                    if len(found) >= limit:
                        break
            if len(found) >= limit:
                break
        codes.extend(i * n + j if i < j else j * n + i for j in found)
        if len(codes) >= 65_536:
            chunks.append(np.array(codes, dtype=np.int64))
            codes = []
    chunks.append(np.array(codes, dtype=np.int64))
    unique = np.unique(np.concatenate(chunks))
    del chunks
    for start in range(0, len(unique), 65_536):
        block = unique[start : start + 65_536]
        yield from zip((block // n).tolist(), (block % n).tolist(), strict=True)
