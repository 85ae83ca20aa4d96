"""Word-level helpers shared by claims and comparison: content words, stems, rarity.

Stems are crude on purpose (lower-case; possessive, plural, -ed and -ing dropped; the first
six letters kept):
"troops"/"troop", "escalations"/"escalation", "condemned"/"condemnation" meet, which is
what matching wording across outlets needs, at no cost. Rarity comes from ``wordfreq``'s
Zipf frequencies (data shipped in the package, nothing fetched).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
STEM_LENGTH = 6
# Reporting and light verbs carry no claim content of their own.
LIGHT = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tell",
        "added",
        "add",
        "according",
        "also",
        "would",
        "could",
        "may",
        "might",
        "will",
        "can",
        "just",
        "still",
        "already",
        "even",
        "including",
        "include",
        "including",
        "mr",
        "ms",
        "mrs",
        "dr",
    ]
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a crude stem: lower-case, possessive, plural and -ed/-ing dropped, six letters."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    return word[:STEM_LENGTH]


def content_tokens(text: str) -> list[str]:
    """Return the content words of ``text`` in order (stop and light words dropped)."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        low = word.lower().replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if low in STOP_WORDS or low in LIGHT or len(low) < 2:
            continue
        out.append(word)
    return out


def content_stems(text: str) -> list[str]:
    """Return the stems of the content words of ``text``, in order."""
    return [stem(w) for w in content_tokens(text)]


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """Return how rare ``word`` is in English, 0 (very common) to 1 (unseen)."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word.lower(), "en")
    # Zipf 7+ ("the") -> 0; Zipf 2 or below (rare) -> 1.
    return max(0.0, min(1.0, (7.0 - zipf) / 5.0))
