"""Event slots: specific figures that identify an event, and the conflict test on them.

Two look-alike events (two earthquakes on one island, two offers to one player, two
arrests of players of one team) share nearly all their words, so no similarity weighting
tells them apart. What differs are specific *slots*: the magnitude, the number of pirates
caught, the price offered, the age of the man who died, the year. ``slots_of``
reads them from plain text with patterns (no parser, so it is cheap and works without an
``Analysis``), as strings ``"kind:thing=value"``:

* ``n:<thing>=<value>``: a count or measure and the content word(s) after it ("23 Somali
  pirates" -> ``n:somali=23`` and ``n:pirate=23``; "5.6 magnitude" -> ``n:magnitude=5.6``;
  spelled numbers up to twenty count; "million"/"billion" are kept as a suffix: ``160m``);
* ``p:<word>=<value>``: a decimal figure after its word ("magnitude 6.1");
* ``o:<thing>=<n>``: an ordinal and the thing it ranks ("third term", "5th fleet");
* ``age=<n>``: "36-year-old", "aged 95", "at the age of 95", "died at 75";
* ``year=<yyyy>``: a year mentioned (1950-2049).

Units of time and measure ("3 hours", "40 percent", "12 yards", "the sixth round") are left
out: they vary within one story. Corpus-tokenised spacing ("6 . 1", "36 - year - old") is
undone first.

``slot_factor`` compares two slot sets (an article's, a story's union over its members):
a key both hold with no value in common is a conflict (``age`` counts ``AGE_WEIGHT``), a
key with a shared value an agreement; the similarity is multiplied by
``1 - CONFLICT_PENALTY * min(1, (conflicts - agreements) / CONFLICT_FULL)`` when conflicts
outnumber agreements, else left alone. A soft penalty, not a veto: sources of one event
disagree on figures too (that is what crosscheck reports), so one conflict only dents the
score and shared figures cancel it.

Not handled: which entity a figure belongs to (two ages in one story are one slot), numbers
written as words above twenty, non-English text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping

from crosscheck.stories.words import STOPWORDS

LOGGER = logging.getLogger(__name__)

MAX_SLOTS = 64
# ECB+ topics 1-35 (evaluate/stories.py), thresholds as in stories/story.py: BCubed F1 0.885
# without slots, 0.912 with penalty 0.5 reached at 4 net conflicts, age conflicts counted
# twice (odd topics 0.871 -> 0.893, even 0.898 -> 0.931). Neighbours: 0.5/3 0.905, 0.5/5
# 0.901, 0.6/4 0.909, 0.6/5 0.914, 0.4/3 0.912; penalty 1.0 or one free conflict
# 0.87-0.90: figures do differ between reports of one event.
CONFLICT_PENALTY = 0.5
CONFLICT_FULL = 4.0
AGE_WEIGHT = 2.0

_SPELLED_TEXT = """zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty"""
_ORDINAL_TEXT = """zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh
twelfth"""
_UNIT_TEXT = """second minute hour day week month year decade century season game quarter inning
round percent cent point yard mile kilometre kilometer metre meter feet foot inch pound kg ton
gmt edt est bst ist cet time"""
_SPELLED = {w: str(i) for i, w in enumerate(_SPELLED_TEXT.split())}
_ORDINALS = {w: str(i) for i, w in enumerate(_ORDINAL_TEXT.split())}
_UNITS = frozenset(_UNIT_TEXT.split())
_BREAK = frozenset(("of", "to", "and", "or", "in", "on", "at", "for", "by", "from", "with"))
_SPACED_NUMBER = re.compile(r"(?<=\d) ?([.,]) ?(?=\d)")
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_TOKEN = re.compile(r"\$?\d+(?:[.,]\d+)*(?:st|nd|rd|th)?|[A-Za-z][A-Za-z'’]*|[.,;:()!?\"“”]")
_YEAR = re.compile(r"(19[5-9]\d|20[0-4]\d)")
_ORDINAL_DIGITS = re.compile(r"(\d+)(?:st|nd|rd|th)")
_AGE_BEFORE = (("aged",), ("age", "of"), ("died", "at"), ("dies", "at"), ("dead", "at"))


def _value(token: str) -> tuple[str, str] | None:
    """(kind, value) of a number token: ``year``, ``o`` (ordinal) or ``n``; else ``None``."""
    if token[0].isdigit() or token[0] == "$":
        raw = token.lstrip("$")
        match = _ORDINAL_DIGITS.fullmatch(raw)
        if match:
            return "o", match[1]
        if _YEAR.fullmatch(raw):
            return "year", raw
        return "n", raw.replace(",", "")
    if token in _SPELLED:
        return "n", _SPELLED[token]
    if token in _ORDINALS:
        return "o", _ORDINALS[token]
    return None


def slots_of(text: str) -> tuple[str, ...]:
    """The event slots of a text (see the module docstring), first seen first, distinct.

    At most ``MAX_SLOTS``; the lead comes first, so it is kept when a long text is cut.
    """
    text = _SPACED_HYPHEN.sub("-", _SPACED_NUMBER.sub(r"\1", text))
    low = [t.lower() for t in _TOKEN.findall(text)]
    out: dict[str, None] = {}

    def emit(slot: str) -> None:
        out.setdefault(slot, None)

    for i, tok in enumerate(low):
        if len(out) >= MAX_SLOTS:
            break
        kv = _value(tok)
        if kv is None:
            continue
        kind, value = kv
        if kind == "year":
            emit(f"year={value}")
            continue
        if any(tuple(low[max(0, i - len(p)) : i]) == p for p in _AGE_BEFORE):
            emit(f"age={value}")
        prev = low[i - 1] if i else ""
        if "." in value and len(prev) > 3 and prev.isalpha() and prev not in STOPWORDS:
            emit(f"p:{prev}={value}")
        got, j = 0, i + 1
        while j < len(low) and got < 2:
            word = low[j]
            j += 1
            if not word[0].isalpha() or word in _SPELLED or word in _ORDINALS:
                break
            if word in ("million", "billion") and kind == "n" and got == 0:
                value += word[0]
                continue
            if word == "year" and j < len(low) and low[j] == "old":
                emit(f"age={value}")
                break
            if word in _BREAK:
                break
            if word in STOPWORDS or len(word) < 3:
                continue
            thing = word.rstrip("s") or word
            if thing not in _UNITS:
                emit(f"{kind}:{thing}={value}")
            got += 1
    return tuple(out)


def slot_map(slots: Iterable[str]) -> dict[str, set[str]]:
    """``{key: {values}}`` of slot strings (``"n:pirate=23"`` -> ``{"n:pirate": {"23"}}``)."""
    out: dict[str, set[str]] = {}
    for slot in slots:
        key, _, value = slot.rpartition("=")
        if key:
            out.setdefault(key, set()).add(value)
    return out


def slot_factor(a: Mapping[str, set[str]], b: Mapping[str, set[str]]) -> float:
    """Similarity multiplier for two slot maps: 1 unless conflicts outnumber agreements."""
    if not a or not b:
        return 1.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    conflicts = agreements = 0.0
    for key, values in small.items():
        other = large.get(key)
        if other is None:
            continue
        if values.isdisjoint(other):
            conflicts += AGE_WEIGHT if key == "age" else 1.0
        else:
            agreements += 1.0
    excess = conflicts - agreements
    if excess <= 0.0:
        return 1.0
    return 1.0 - CONFLICT_PENALTY * min(1.0, excess / CONFLICT_FULL)


def merge_slots(into: dict[str, set[str]], other: Mapping[str, set[str]]) -> None:
    """Add ``other``'s slot values to ``into`` (a story's union over its members)."""
    for key, values in other.items():
        into.setdefault(key, set()).update(values)
