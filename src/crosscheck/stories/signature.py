"""Article signatures: the compact fingerprint that story grouping and copy detection read.

A ``Signature`` holds, for one article:

* a MinHash (``NUM_PERM`` = 128 permutations) of its word 5-shingles, for near-duplicate and
  syndication detection (Broder 1997; the universal hashing ``(a*x + b) mod (2**61 - 1)`` of
  datasketch, vectorised over all shingles at once with numpy);
* the number of distinct shingles, so that *containment* (how much of the shorter text is in
  the longer) can be estimated from the MinHash Jaccard;
* a sparse term vector: the ``MAX_TERMS`` most frequent content words (stop words removed,
  title words counted twice), as CRC-32 hashes with capped counts; the story index weights
  them by IDF, which depends on the corpus and is therefore not frozen into the signature;
* salient entity names, lower-cased: canonical names from an ``Analysis`` when one is given,
  otherwise runs of capitalised words that do not start a sentence;
* its most frequent numbers as written (``numbers_of``: "5.6", "30000", "2008", "6th"),
  which tell look-alike events apart (two earthquakes of different magnitudes);
* its event slots (``slots.slots_of``: "n:pirate=23", "age=95", "year=2008"),
  which the story index compares for conflicts;
* a day number (days since 1970-01-01) from the publication date, else from the inferred
  date anchor; ``None`` when neither is known;
* the article id and a short title.

Everything is hashed with stable functions (CRC-32, fixed seeds), so signatures computed in
different processes or runs are comparable. A signature is ~1 KB as bytes
(``to_bytes``/``from_bytes``) and round-trips through JSON (``to_dict``/``from_dict``).

Not handled: non-Latin scripts get no entity heuristic (only lower-case words are seen), and
the stop-word list is English.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from crosscheck.model import Analysis, Article
from crosscheck.settings import Settings
from crosscheck.stories.slots import slots_of
from crosscheck.stories.words import STOPWORDS

LOGGER = logging.getLogger(__name__)

NUM_PERM = 128
SHINGLE = 5
MAX_TERMS = 64
MAX_ENTITIES = 24
# Numbers kept per article (most frequent first): event-specific figures (a magnitude 5.6,
# 23 pirates, a year) tell look-alike events apart where their words do not.
MAX_NUMBERS = 24
# Words of the title and the first LEAD_WORDS words of the text count twice: news leads
# name the event (ECB+ topics 1-35: BCubed F1 +0.01 with 40 against 0, see evaluate/stories.py).
LEAD_WORDS = 40
_MAX32 = np.uint64(0xFFFFFFFF)
_RNG = np.random.RandomState(1)
# Fixed seed: every process computes the same permutations. Odd multipliers (multiply-shift).
_PERM_A = _RNG.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_PERM_B = _RNG.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64)
_EMPTY_MINHASH = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_NAME_WORD = r"[A-Z][\w'’&-]*"
_CAPS = re.compile(
    rf"(?<![\w'’])({_NAME_WORD}(?:[ \t]+(?:(?:of|de|del|la|van|von|al|bin)[ \t]+)?{_NAME_WORD})*)"
)
# A number as written: digits with inner decimal points or thousands separators ("5.6",
# "30,000"), or a word holding digits ("6th"; "ms08-078" gives "ms08" and "078").
_NUMBER = re.compile(r"\b(?=[^\W_]*\d)[^\W_]+(?:[.,]\d+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”'‘’`]\s*|\n\s*)$")


@dataclass(frozen=True, slots=True)
class Signature:
    """The fingerprint of one article (see the module docstring).

    ``minhash`` (``NUM_PERM`` little-endian uint32), ``terms`` (uint32 hashes) and ``counts``
    (uint8, one per term) are raw bytes so a signature stays small and hashable.
    """

    id: str
    day: int | None
    minhash: bytes
    shingles: int
    terms: bytes
    counts: bytes
    entities: tuple[str, ...] = ()
    title: str = ""
    numbers: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()

    @property
    def hashvalues(self) -> np.ndarray:
        """The MinHash values as a uint32 array."""
        return np.frombuffer(self.minhash, dtype="<u4")

    def term_counts(self) -> dict[int, int]:
        """Return ``{term hash: count}``."""
        hashes = np.frombuffer(self.terms, dtype="<u4").tolist()
        return dict(zip(hashes, self.counts, strict=True))

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (byte fields base64-encoded)."""
        return {
            "id": self.id,
            "day": self.day,
            "minhash": base64.b64encode(self.minhash).decode("ascii"),
            "shingles": self.shingles,
            "terms": base64.b64encode(self.terms).decode("ascii"),
            "counts": base64.b64encode(self.counts).decode("ascii"),
            "entities": list(self.entities),
            "title": self.title,
            "numbers": list(self.numbers),
            "slots": list(self.slots),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signature:
        """Inverse of ``to_dict``."""
        return cls(
            id=str(data["id"]),
            day=None if data.get("day") is None else int(data["day"]),
            minhash=base64.b64decode(data["minhash"]),
            shingles=int(data["shingles"]),
            terms=base64.b64decode(data["terms"]),
            counts=base64.b64decode(data["counts"]),
            entities=tuple(data.get("entities", ())),
            title=str(data.get("title", "")),
            numbers=tuple(data.get("numbers", ())),
            slots=tuple(data.get("slots", ())),
        )

    def to_bytes(self) -> bytes:
        """Serialise compactly: a JSON header line, then the three binary fields."""
        head = {
            "id": self.id,
            "day": self.day,
            "shingles": self.shingles,
            "n": len(self.counts),
            "entities": list(self.entities),
            "title": self.title,
            "numbers": list(self.numbers),
            "slots": list(self.slots),
        }
        header = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return header + b"\n" + self.minhash + self.terms + self.counts

    @classmethod
    def from_bytes(cls, blob: bytes) -> Signature:
        """Inverse of ``to_bytes``."""
        cut = blob.index(b"\n")
        head = json.loads(blob[:cut].decode("utf-8"))
        body = blob[cut + 1 :]
        n = int(head["n"])
        mh_end = NUM_PERM * 4
        return cls(
            id=head["id"],
            day=head["day"],
            minhash=body[:mh_end],
            shingles=int(head["shingles"]),
            terms=body[mh_end : mh_end + 4 * n],
            counts=body[mh_end + 4 * n : mh_end + 5 * n],
            entities=tuple(head["entities"]),
            title=head["title"],
            numbers=tuple(head.get("numbers", ())),
            slots=tuple(head.get("slots", ())),
        )


@lru_cache(maxsize=1 << 18)
def term_hash(token: str) -> int:
    """Stable 32-bit hash of a (lower-cased) token or feature name."""
    return zlib.crc32(token.encode("utf-8", "surrogatepass"))


def minhash_tokens(tokens: list[str]) -> tuple[np.ndarray, int]:
    """MinHash of the word ``SHINGLE``-shingles of ``tokens``; returns (values, #distinct).

    Shingle hashes are a polynomial of the tokens' CRC-32 hashes (mod 2**32); a text shorter
    than one shingle is hashed as a single shingle.
    """
    if not tokens:
        return _EMPTY_MINHASH.copy(), 0
    h = np.fromiter((term_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))
    if len(h) >= SHINGLE:
        n = len(h) - SHINGLE + 1
        acc = np.zeros(n, dtype=np.uint64)
        for k in range(SHINGLE):
            acc = (acc * np.uint64(1000003) + h[k : k + n]) & _MAX32
        shingles = np.unique(acc)
    else:
        acc0 = np.uint64(0)
        for v in h:
            acc0 = (acc0 * np.uint64(1000003) + v) & _MAX32
        shingles = np.array([acc0], dtype=np.uint64)
    return minhash_values(shingles), len(shingles)


def minhash_values(shingles: np.ndarray) -> np.ndarray:
    """MinHash (uint32, ``NUM_PERM`` values) of an array of distinct uint64 shingle hashes.

    Permutations are multiply-shift hashes ``((a*x + b) mod 2**64) >> 32`` with odd ``a``
    (Dietzfelbinger et al. 1997): no modulo, about 3x faster in numpy than datasketch's
    ``(a*x + b) mod (2**61 - 1)``, and as good for estimating Jaccard.
    """
    out = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    # Chunk so the (shingles x permutations) matrix stays under ~4 MB for long articles.
    for start in range(0, len(shingles), 4096):
        x = shingles[start : start + 4096]
        phv = np.multiply.outer(x, _PERM_A)  # wraps mod 2**64, as intended
        phv += _PERM_B
        phv >>= np.uint64(32)
        np.minimum(out, phv.min(axis=0).astype(np.uint32), out=out)
    return out


def jaccard(a: Signature, b: Signature) -> float:
    """MinHash estimate of the Jaccard similarity of two articles' shingle sets."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


def containment(a: Signature, b: Signature, jac: float | None = None) -> float:
    """Estimated share of the smaller article's shingles found in the larger one.

    From J = |A∩B| / |A∪B|: |A∩B| = J (|A| + |B|) / (1 + J); divided by min(|A|, |B|).
    """
    j = jaccard(a, b) if jac is None else jac
    small = min(a.shingles, b.shingles)
    if small <= 0:
        return 0.0
    inter = j * (a.shingles + b.shingles) / (1.0 + j)
    return min(1.0, inter / small)


def day_number(value: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date or date-time (``2021-04-01``, ``2021-04``).

    Month or year precision is placed on the first day; unparsable values give ``None``.
    """
    if not value:
        return None
    text = value.strip().split("/")[0]
    match = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not match:
        return None
    try:
        day = dt.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None
    return (day - dt.date(1970, 1, 1)).days


def heuristic_entities(text: str) -> list[str]:
    """Capitalised-word runs that do not start a sentence, lower-cased (a cheap NER stand-in).

    Not handled: names at the start of a sentence are missed; all-capitals text yields noise.
    """
    out: list[str] = []
    for match in _CAPS.finditer(text):
        words = match[1].split()
        if _SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]):
            words = words[1:]  # the first word may be capitalised only because it starts
        words = [re.sub(r"['’]s$", "", w).strip("'’-") for w in words]
        while words and words[0].lower() in STOPWORDS:
            words = words[1:]
        while words and words[-1].lower() in STOPWORDS:
            words = words[:-1]
        if words and len("".join(words)) > 1:
            out.append(" ".join(words).lower())
    return out


def _entity_names(analysis: Analysis | None, text: str) -> tuple[str, ...]:
    """Salient entities: the analysis' canonical names by mention count, else heuristics."""
    counts: dict[str, int] = {}
    if analysis is not None and analysis.entities:
        for ent in analysis.entities:
            if ent.type in {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}:
                continue
            name = ent.name.strip().lower()
            if name:
                counts[name] = counts.get(name, 0) + max(1, len(ent.mentions))
    else:
        for name in heuristic_entities(text):
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda n: (-counts[n], n))
    return tuple(ranked[:MAX_ENTITIES])


def numbers_of(text: str) -> tuple[str, ...]:
    """The ``MAX_NUMBERS`` most frequent numbers of a text, thousands separators removed.

    Not handled: spelled-out numbers ("ten dead") and units; "5.6" and "5,6" differ.
    """
    counts: dict[str, int] = {}
    for match in _NUMBER.finditer(text):
        raw = match[0].lower()
        value = re.sub(r"(?<=\d),(?=\d{3}\b)", "", raw)
        counts[value] = counts.get(value, 0) + 1
    ranked = sorted(counts, key=lambda v: -counts[v])  # stable: first seen first on ties
    return tuple(ranked[:MAX_NUMBERS])


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits; inner apostrophes kept)."""
    return [m.lower() for m in _WORD.findall(text)]


def _day(article: Article, analysis: Analysis | None) -> int | None:
    """The article's day: its publication date, else its date anchor (the analysis's first)."""
    day = day_number(article.published)
    anchor = analysis.article.date_anchor if analysis is not None else article.date_anchor
    if day is None and anchor.basis != "none":
        day = day_number(anchor.value)
    return day


def copy_signature(article: Article, analysis: Analysis | None = None) -> Signature:
    """The part of ``signature`` that copy detection reads: MinHash, shingle count, day.

    ``find_copies`` needs no terms, entities, numbers or slots; skipping them halves the
    cost of comparing articles that are not stored (``crosscheck compare``).
    """
    mh, n_shingles = minhash_tokens(words(article.analysis_text))
    return Signature(
        id=article.id,
        day=_day(article, analysis),
        minhash=mh.astype("<u4").tobytes(),
        shingles=n_shingles,
        terms=b"",
        counts=b"",
    )


def signature(
    article: Article, analysis: Analysis | None = None, *, settings: Settings | None = None
) -> Signature:
    """Compute the signature of one article (see the module docstring for its parts).

    Args:
        article: the article (its ``analysis_text``, i.e. clean text, is read; the title,
            when present, counts towards the term vector but not the shingles).
        analysis: the article's analysis; when given, its canonical entity names and date
            anchor are used instead of the heuristics.
        settings: pipeline settings (unused for now; kept for a uniform stage signature).

    Returns:
        The article's ``Signature``.
    """

    del settings
    text = article.analysis_text
    tokens = words(text)
    mh, n_shingles = minhash_tokens(tokens)
    title_tokens = words(article.title or "")
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    lead_end = len(title_tokens) + LEAD_WORDS
    for pos, tok in enumerate(title_tokens + tokens):
        if (len(tok) < 3 and not tok.isdigit()) or tok in STOPWORDS:
            continue
        counts[tok] = counts.get(tok, 0) + (2 if pos < lead_end else 1)
        first.setdefault(tok, pos)
    ranked = sorted(counts, key=lambda t: (-counts[t], first[t]))[:MAX_TERMS]
    hashes = np.array([term_hash(t) for t in ranked], dtype="<u4")
    tfs = bytes(min(255, counts[t]) for t in ranked)
    title = (article.title or text.strip().split("\n", 1)[0])[:120]
    return Signature(
        id=article.id,
        day=_day(article, analysis),
        minhash=mh.astype("<u4").tobytes(),
        shingles=n_shingles,
        terms=hashes.tobytes(),
        counts=tfs,
        entities=_entity_names(analysis, text),
        title=title,
        numbers=numbers_of(f"{article.title or ''}\n{text}"),
        slots=slots_of(f"{article.title or ''}\n{text}"),
    )
