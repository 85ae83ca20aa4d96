"""Word weights shared by the alignment of claims and numbers."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from crosscheck.compare.blocking import candidate_pairs
from crosscheck.compare.quotes import STOCK_STEMS
from crosscheck.extract.words import content_tokens, rarity, stem
from crosscheck.model import Finding

# Words of a "measures" phrase that say nothing about what is counted.
GENERIC = frozenset(
    stem(w) for w in ["number", "total", "some", "other", "another", "more", "people"]
)


def stems_of(text: str | None) -> set[str]:
    """Content stems of a phrase less the generic words ("number", "people"): what a
    number's ``measures`` says it counts."""
    return {stem(w) for w in content_tokens(text or "")} - GENERIC


def claim_weights(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for word in content_tokens(text):
        s = stem(word)
        if s in STOCK_STEMS or s in GENERIC:
            continue
        out[s] = max(out.get(s, 0.0), rarity(word))
    return out


def cosine(
    wa: Mapping[str, float], wb: Mapping[str, float], norm: float
) -> tuple[float, int, set[str]]:
    """Cosine of two weight maps whose norms multiply to ``norm``; shared count and keys."""
    shared = wa.keys() & wb.keys()
    if not shared:
        return 0.0, 0, shared
    dot = sum(wa[s] * wb[s] for s in shared)
    return dot / norm, len(shared), shared


class Spans(list[tuple[int, int]]):
    """An article's covered spans, sorted and merged where they overlap, with their ends:
    ``overlaps`` answers in logarithmic time (a big story has thousands per article)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                # s < end and start < e holds for the union exactly when for one of them
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        super().__init__(merged)
        self.ends = [e for _, e in merged]  # non-decreasing: merged spans do not overlap


def covered(findings: Sequence[Finding], *, single: bool = False) -> dict[str, Spans]:
    """Evidence spans per article (of single-source findings too when ``single``)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.kind == "single_source" and not single:
            continue
        for span in finding.evidence:
            out.setdefault(span.article, []).append((span.start, span.end))
    return {article: Spans(spans) for article, spans in out.items()}


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span ``s < end and start < e`` is among ``spans``."""
    if isinstance(spans, Spans):
        k = bisect_right(spans.ends, start)  # the first span ending after ``start``
        return k < len(spans) and spans[k][0] < end
    return any(s < end and start < e for s, e in spans)


def similarities(
    weights: Mapping[str, Mapping[str, float]],
    norms: Mapping[str, float],
    group: Mapping[str, str],
) -> dict[tuple[str, str], float]:
    """Cosine of every two items of different groups that share a weighted word.

    Keys are ``(x, y)`` with ``x`` before ``y`` in ``weights``' order. Pairs come from an
    inverted index (``blocking.candidate_pairs``), so items that share nothing cost nothing
    and a story of thousands of claims looks at a bounded number of pairs, those sharing
    the rarest words first. Dot products are summed word by word in the order words were
    first seen, as when every pair is compared.
    """
    items = [item for item in weights if norms.get(item)]
    first_seen: dict[str, int] = {}
    for item in items:
        for key in weights[item]:
            first_seen.setdefault(key, len(first_seen))
    out: dict[tuple[str, str], float] = {}
    pairs = candidate_pairs([group[x] for x in items], [set(weights[x]) for x in items])
    for a, b in pairs:
        x, y = items[a], items[b]
        wx, wy = weights[x], weights[y]
        dot = 0.0
        for key in sorted(wx.keys() & wy.keys(), key=first_seen.__getitem__):
            dot += wx[key] * wy[key]
        out[(x, y)] = dot / (norms[x] * norms[y])
    return out
