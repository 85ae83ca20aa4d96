"""Articles -> stories: near-duplicate (syndication) detection and incremental story grouping.

Three stages, all over ``Signature`` objects (``signature.signature``), never raw text:

* ``find_copies``: MinHash LSH (32 bands x 4 rows over 128 permutations, so pairs with a
  Jaccard above ~0.42 collide with high probability), then each candidate pair is verified
  on the full MinHash: a copy when the Jaccard or the *containment* of the shorter text in
  the longer is >= ``COPY_THRESHOLD``. Containment catches partial syndication (the same
  wire text under a different lead or trailer).
* ``StoryIndex``: single-pass, incremental clustering (see ``stories.index``).
* ``independent_sources``: which articles are independent origins, for corroboration counts.

Example:
    >>> sigs = [signature(a, settings=settings) for a in articles]
    >>> copies = find_copies(sigs)
    >>> stories = group_stories(sigs, settings)
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from crosscheck.model import Analysis
from crosscheck.stories.signature import NUM_PERM, Signature, containment, jaccard

LOGGER = logging.getLogger(__name__)


# Jaccard or containment at or above this makes two articles copies. 0.8 follows the usual
# near-duplicate setting (Broder 1997; Manku et al. 2007); on our own test articles a wire
# story re-run under a new 40-word lead scores containment ~0.95, two independent reports
# of one event below 0.1.
COPY_THRESHOLD = 0.8
BANDS, ROWS = 32, 4
# Texts with fewer distinct 5-shingles than this are too short to call copies (a headline).
MIN_SHINGLES = 20
# A bucket holding more than this many articles is boilerplate shared by unrelated pages
# (e.g. an empty template); it is skipped to keep candidate generation sub-quadratic.
MAX_BUCKET = 500


@dataclass(frozen=True, slots=True)
class CopyLink:
    """``copy`` reproduces ``origin`` (the earliest of its copy group) with ``similarity``.

    ``similarity`` is max(Jaccard, containment) estimated from the two MinHashes.
    """

    copy: str
    origin: str
    similarity: float


def _order_key(sig: Signature) -> tuple[int, int, str]:
    """Earliest first: dated before undated, then by day, then by id."""
    return (0 if sig.day is not None else 1, sig.day or 0, sig.id)


def find_copies(
    signatures: Sequence[Signature], *, threshold: float = COPY_THRESHOLD
) -> list[CopyLink]:
    """Find copies and partial copies among articles (MinHash LSH, then verification).

    Copy groups are the connected components of verified pairs; each group's origin is its
    earliest member (published day, then id; undated articles come after dated ones).

    Args:
        signatures: article signatures.
        threshold: Jaccard or containment at or above which two articles are copies.

    Returns:
        One ``CopyLink`` per copy (origins are not listed), sorted by copy id.

    Not handled: translations and heavy rewrites (they share few 5-shingles); a chain
    A~B~C where A and C share little is still one group.
    """
    sigs = [s for s in signatures if s.shingles >= MIN_SHINGLES]
    if len(sigs) < 2:
        return []
    matrix = np.stack([s.hashvalues for s in sigs])  # (n, NUM_PERM) uint32
    parent = list(range(len(sigs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for band in range(BANDS):
        cols = matrix[:, band * ROWS : (band + 1) * ROWS]
        # One band key per article: the band's four uint32 values folded into one integer.
        keys = np.zeros(len(sigs), dtype=np.uint64)
        for col in range(ROWS):
            keys = keys * np.uint64(0x100000001B3) + cols[:, col].astype(np.uint64)
        buckets: dict[int, list[int]] = defaultdict(list)
        for i, key in enumerate(keys.tolist()):
            buckets[key].append(i)
        for members in buckets.values():
            if len(members) < 2:
                continue
            if len(members) > MAX_BUCKET:
                LOGGER.warning(
                    "skipping an LSH bucket of %d articles (shared boilerplate?)", len(members)
                )
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    if (i, j) in checked or find(i) == find(j):
                        continue
                    checked.add((i, j))
                    jac = float(np.count_nonzero(matrix[i] == matrix[j])) / NUM_PERM
                    if max(jac, containment(sigs[i], sigs[j], jac)) >= threshold:
                        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sigs)):
        groups[find(i)].append(i)
    links: list[CopyLink] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: _order_key(sigs[i]))
        origin = sigs[members[0]]
        for i in members[1:]:
            jac = jaccard(sigs[i], origin)
            sim = max(jac, containment(sigs[i], origin, jac))
            links.append(CopyLink(sigs[i].id, origin.id, round(sim, 4)))
    links.sort(key=lambda link: link.copy)
    return links


# Wire agencies whose credit makes an article (or a claim) a relay of the agency's report.
# Keys are matched case-insensitively against ``Quote.via`` items and datelines.
AGENCIES: dict[str, str] = {
    "reuters": "Reuters",
    "associated press": "Associated Press",
    "ap": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "ansa": "ANSA",
    "efe": "EFE",
    "upi": "UPI",
    "united press international": "UPI",
    "press association": "PA",
    "pa media": "PA",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "ukrinform": "Ukrinform",
}
_DATELINE = re.compile(
    r"\(\s*(" + "|".join(re.escape(k) for k in AGENCIES) + r")\s*\)\s*[-–—]", re.I
)


def agency_of(text: str) -> str | None:
    """Canonical agency name when ``text`` names a wire agency ("the AP news agency")."""
    low = text.lower()
    for key, name in AGENCIES.items():
        if re.search(r"(?<![\w])" + re.escape(key) + r"(?![\w])", low):
            return name
    return None


def independent_sources(analyses: Iterable[Analysis], copies: Iterable[CopyLink]) -> dict[str, str]:
    """Map each article id to the id of its independent origin.

    Rules, in order (simple on purpose; corroboration then counts distinct origins):

    1. A copy (``find_copies``) maps to its origin (the earliest article of its copy group),
       or to the origin's agency when rule 2 applies to the origin.
    2. An article carrying a wire dateline credit in its first 300 characters
       (``"KYIV (Reuters) -"``), or whose quotes with a citation chain mostly (at least half,
       and at least one) pass through one wire agency (``Quote.via``, e.g. "according to
       Reuters"), maps to ``"agency:<Agency>"``: two outlets relaying Reuters are one source.
    3. Anything else is its own origin.

    Args:
        analyses: analysed articles.
        copies: copy links from ``find_copies``.

    Returns:
        ``{article id: origin id}`` for every analysed article and every copy.

    Not handled: a story that cites an agency for one quote only among many stays
    independent; agencies outside ``AGENCIES`` are not recognised.
    """
    origin_of: dict[str, str] = {}
    for analysis in analyses:
        art = analysis.article
        origin = art.id
        match = _DATELINE.search(art.analysis_text[:300])
        if match:
            origin = "agency:" + AGENCIES[match[1].lower()]
        else:
            votes: dict[str, int] = defaultdict(int)
            chained = 0
            for quote in analysis.quotes:
                if not quote.via:
                    continue
                chained += 1
                for hop in quote.via:
                    name = agency_of(hop)
                    if name:
                        votes[name] += 1
                        break
            if votes:
                best = max(sorted(votes), key=lambda k: votes[k])
                if 2 * votes[best] >= chained:
                    origin = "agency:" + best
        origin_of[art.id] = origin
    for link in copies:
        origin_of[link.copy] = origin_of.get(link.origin, link.origin)
    return origin_of
