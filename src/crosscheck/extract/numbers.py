"""Numeric claims: value, unit, bound, what is counted, where and over which period.

Method: numbers are found with regular expressions over the analysis text (digits with
separators, decimals, scale words and suffixes, currency prefixes, spelled-out numbers),
skipping those inside dates and times (``crosscheck.extract.timex``), ordinals, phone
numbers, list markers, sports scores and model names ("iPhone 11"). The unit comes from the
lexicon in ``crosscheck.extract.units`` (currencies, %, measures), from pint's unit registry
for symbols the lexicon lacks ("kW", "A/cm2", "m.p.h."), or else is the counted noun (the
plural head of a compound: "14 heart transplants"). A rate after any of them is part of the
unit (``rate_after``: "per diluted share", "a year", "an ounce", "/h", "barrel-a-day"). A
glued or spoken sign makes the value negative ("-1.3%", "minus-130 degrees"); a hyphen
range that rises ("10-15%") gives both ends, and the low end borrows the high end's scale,
unit and rate ("from 24.2 to 33 billion euros", "$48,000 to $90,000 a year").

``bound`` comes from the words before the number ("at least" -> ``>=``,
"more than" -> ``>``, "up to" -> ``<=``, "under" -> ``<``, "about" -> ``~``); "between X and
Y" and "X to Y" give ``>=`` and ``<=``. The parse adds ``measures`` (the counted noun with its
modifiers and the participle that says what happened to it: "factory workers injured";
an elided noun, "another 57 wounded", is borrowed from the number before it), ``place``
(the noun phrase after a locative preposition that names a place, e.g. "eastern Marrowfield")
and ``period`` (a date expression of the same sentence, with "since" kept).

Fractions written with digits count when proper and with a usual denominator ("1/2 pound",
"2 1/2 miles"; "24/7" and "9/11" are names); "3/4 of a mile" measures in miles.

Not handled: spelled-out fractions ("a third"), multipliers ("sixfold", "twice"), vague
amounts ("tens of thousands", "dozens"), numbers spread over a list ("3 years, 2 months"),
and units shared across a coordination beyond a range, except ages ("who were 61 and 48
years old", "aged 19, 20 and 23").
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from dataclasses import dataclass, replace

from crosscheck.extract.dates import anchor_date
from crosscheck.extract.nlp import Parsed
from crosscheck.extract.timex import find_timexes
from crosscheck.extract.units import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    SCALES,
    SUFFIX_SCALES,
    UNIT_WORDS,
    parse_numeral,
    registry_unit,
    singular,
    words_value,
)
from crosscheck.model import Number
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

_CUR = (
    r"(?:(?:US|A|AU|C|CA|NZ|HK|S|R)\s?\$|\$|£|€|¥|₹|₽|₴|₩|\bRs\.?\s?|\bRM(?=\d)|\bPS(?=\d)"
    r"|\bY=|\b(?:USD|EUR|GBP|JPY|CNY|INR|CHF|RUB|UAH)\s?)"
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_SCALE_WORD = r"(?:million|billion|trillion|thousand|hundred)"
NUMBER_RE = re.compile(
    rf"(?:(?<![\w.,/-])(?P<sign>[-\u2212](?=[$£€¥]?\d))?|(?<=\d[-\u2013])(?P<rng>)"
    rf"|(?<=[Mm]inus-))(?P<cur>{_CUR})?(?P<num>{_NUM})"
    r"(?!\.\d|,\d|\d|/\d)"
    rf"(?P<glue>(?i:bn|tn|mn|mln|bln|m|k|b))?(?:(?:\s+|-)(?P<scale>{_SCALE_WORD})s?\b)?"
    r"(?!\s*(?:st|nd|rd|th)\b)"
)
_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|hundred|thousand|million|billion|dozen)"
)
# "and" joins number words only after a scale ("three hundred and twelve"); "two and three
# million" is two numbers.
_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and"
# Words of one number stay on one line: "Story two" above a paragraph "Eight people ..."
# are two numbers.
WORDS_RE = re.compile(
    rf"(?i)(?<![\w-])(?:a[^\S\n]+dozen|{_WORD}(?:(?:{_AND})?(?:[^\S\n]|-)+{_WORD})*)(?![\w-])"
)
# "1/2 pound", "2 1/2 miles", "2-1/2 years", "1⁄16 of a pint": a proper fraction with a
# usual denominator.
FRACTION_RE = re.compile(
    r"(?<![\w/.,])(?:(?P<whole>\d{1,3})(?:\s+|-(?=\d{1,2}/)))?"
    r"(?P<n>\d{1,2})[/\u2044](?P<d>\d{1,3})(?![\w/.,]?\d)"
)
_GLUED_DENOMINATORS = frozenset({2, 4})  # "41/2 months", "33/4 miles": 4½, 3¾
# "four and a half months", "4½ years": the fraction belongs to the number before it.
_HALF = re.compile(r"(?i)(?:\s+and\s+(?:a|one)[\s-]+(?P<f>half|quarter)\b|(?P<g>[½¼¾]))")
_HALVES = {"half": 0.5, "quarter": 0.25, "½": 0.5, "¼": 0.25, "¾": 0.75}
_SCALE_AFTER = re.compile(r"(?i)\s+(?:hundred|thousand|million|billion|trillion)\b")


# "three metres and a half", "two years and a half": the half told after a measuring unit.
_HALF_AFTER_UNIT = re.compile(r"(?i)\s+and\s+(?:a|one)[\s-]+(?P<f>half|quarter)\b")
_MEASURING_UNITS = frozenset(
    {"m", "cm", "mm", "km", "ft", "inch", "yard", "mile", "kg", "g", "lb", "t"}
    | {"year", "month", "week", "day", "hour", "minute"}
)


def _half_after_unit(text: str, end: int, value: float, unit: str | None) -> tuple[float, int]:
    """``value`` and ``end`` taken past a half told after the unit ("three meters and a
    half" is 3.5 m)."""
    if unit not in _MEASURING_UNITS or value != int(value):
        return value, end
    half = _HALF_AFTER_UNIT.match(text, end)
    if half is None:
        return value, end
    return value + _HALVES[half.group("f").lower()], half.end()


def _with_half(text: str, end: int, value: float) -> tuple[float, int]:
    """``value`` and ``end`` taken past "and a half" / "½" ("four and a half months")."""
    half = _HALF.match(text, end)
    if half is None or _SCALE_AFTER.match(text, half.end()):
        return value, end  # "2 and a half million": the scale is read as before
    return value + _HALVES[(half.group("f") or half.group("g")).lower()], half.end()


_OF_A = re.compile(r"\s+of\s+an?\s+(?:[A-Z][\w-]*\s+)?(?P<noun>[a-z]+)\b")
_DENOMINATORS = frozenset({2, 3, 4, 5, 8, 10, 16, 32, 64, 100, 128})
_PHONE = re.compile(r"\(?\b\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}\b|\+\d[\d\s-]{8,}\d")
# Phone numbers as written in appeals ("0845 125 2222", "(503) 555-0199", "+44 20 7946 0958"):
# three or more digit groups, 9 to 13 digits. They name a line, they measure nothing.
PHONE_ID = re.compile(
    r"(?<![\w.,/])(?:\+\d{1,3}[\s-]?)?\(?\d{2,5}\)?(?:[\s.-]\d{2,4}){2,3}(?![\w,]\d)(?!\w)"
)
_PHONE_DIGITS = (9, 13)
_LIST_MARK = re.compile(r"(?m)^\s*\d{1,2}[.)](?=\s)")
_SCORE = re.compile(
    r"\b\d{1,3}\s?[-–]\s?\d{1,3}\b(?=\s*(?:record|win|victory|defeat|loss|lead|draw|tie"
    r"|mark|start|finish|season)\b)|\b\d{1,2}\s?[-–]\s?\d{1,2}\b(?!\s*(?:%|[a-z]))"
    r"|(?:(?<=record )|(?<=record to )|(?<=record of )|(?<=record at )|(?<=improved to )"
    r"|(?<=fell to )|(?<=dropped to ))\d{1,3}\s?[-–]\s?\d{1,3}(?:[-–]\d{1,2})?\b"
)  # "won 2-1", "a 43-50 record", "his record to 52-3 with": results named, not amounts
# A time of day the date finder leaves ("at 09:10 hours (0440 GMT)"): no count
# or a 24-hour time written with its zone or "hours" ("1336 GMT", "1500 hours")
_CLOCK = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|UTC|BST|CET|CEST|[ECMP][SD]T|IST|JST"
    r"|AE[SD]T|hours|hrs)\b"
)
# "a .45-caliber handgun", ".32 calibre": a gun's calibre names its class, like a model
_CALIBRE = re.compile(r"(?i)(?<![\w.])\.?\d{2,3}(?:\s?-?\s?(?:caliber|calibre)\b)")
_UNIT_RE = re.compile(
    r"(?i)\s?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(UNIT_WORDS, key=len, reverse=True))
    + r")(?![\w])"
)
# The grammar of rates: "per" takes any noun, with one modifier ("$1.20 per diluted share",
# "per square foot", "per capita"); "a"/"an"/"each"/"every" take a unit of time or of
# measure ("$48,000 a year", "$1,271 an ounce", "25 cents a share"); "/" takes a unit
# symbol ("70 km/h" is in the lexicon, "5 mg/day", "120 beats/min"); a hyphenated
# "barrel-a-day" or "barrels-per-day" joins the unit and its rate.
_PER_WORDS = (
    r"second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|season|game"
    r"|match|share|unit|head|person|passenger|household|ounce|pound|tonne|ton|barrel|gallon"
    r"|litre|liter|kilo|kilogram|kg|bottle|dose|mile|kilometre|kilometer|acre|hectare"
    r"|square\s+(?:foot|feet|metre|meter|mile|kilometre|kilometer)|visit|trip|ticket|pack"
)
_PER_RE = re.compile(
    r"(?i)(?:\s+per\s+(?P<any>[a-z]+)(?:\s+(?P<any2>[a-z]+))?"
    rf"|\s+(?:a|an|each|every)\s+(?P<unit>(?:{_PER_WORDS})s?)"
    r"|\s*/\s*(?P<sym>[A-Za-zµμ]{1,6}[23²³]?)"
    rf"|-(?:a|an|per)-(?P<hyph>{_PER_WORDS}))\b"
    r"(?!\s+(?:ago|earlier|later)\b)(?!-\w)"
)
# Words after "per" that are not the denominator ("per cent", "per the agreement").
_NOT_PER = frozenset({"cent", "centum", "the", "a", "an", "his", "her", "their", "its", "our"})
_PER_ABBREVIATIONS = {
    "h": "hour", "hr": "hour", "hrs": "hour", "s": "second", "sec": "second", "min": "minute",
    "d": "day", "wk": "week", "mo": "month", "yr": "year", "y": "year", "annum": "year",
    "capita": "person",
}  # fmt: skip
_PER_WORD_SET = frozenset(_PER_WORDS.split("|"))
_TIME_WORDS = frozenset({"second", "minute", "hour", "day", "night", "week", "month", "year"})
# "a year before the vote", "a week into his term": a time; "a year before tax": a rate
_TIME_AFTER = re.compile(
    r"\s+(?:(?:before|after|on|from|into)\s+(?:the|a|an|his|her|its|their|our|my|your|that"
    r"|this|these|those|it|he|she|they|we|i|you|being|[A-Z]\w+)\b|(?:before|after|on)\b[,.;]"
    r"|into\b|in\s+advance\b)"
)


def rate_after(text: str, pos: int) -> tuple[str | None, int]:
    """The denominator of a rate written at ``pos`` ("per share", "a year", "/h"), with its end.

    After "per": "square"/"cubic" and a participle or adjective in -ed/-al take the next word
    too ("per square foot", "per diluted share"); otherwise one word. Returns ``(None, pos)``
    when no rate follows.
    """
    m = _PER_RE.match(text, pos)
    if m is None:
        return None, pos
    if m.group("any") is not None:
        first, second = m.group("any").lower(), (m.group("any2") or "").lower()
        if first in _NOT_PER:
            return None, pos
        if second and first in {"square", "cubic"}:
            return _per_name(f"{first} {second}"), m.end()
        if second and first.endswith(("ed", "al")) and len(first) > 4:
            return _per_name(second), m.end()
        return _per_name(first), m.end("any")
    if m.group("sym") is not None:
        sym = m.group("sym")
        name = _PER_ABBREVIATIONS.get(sym.lower()) or registry_unit(sym)
        if name is None and sym.lower() in _PER_WORD_SET:
            name = sym.lower()
        return (name, m.end()) if name else (None, pos)
    word = _per_name(re.sub(r"\s+", " ", (m.group("unit") or m.group("hyph")).lower()))
    if word in _TIME_WORDS and _TIME_AFTER.match(text, m.end()):
        return None, pos  # "rose 5% a year before the merger": a time, not a rate
    return word, m.end()


def _per_name(word: str) -> str:
    word = _PER_ABBREVIATIONS.get(word, word)
    return " ".join(singular(w) for w in word.split())


_BOUNDS: tuple[tuple[str, str], ...] = (
    (r"at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of|or\s+more", ">="),
    (r"at\s+most|up\s+to|no\s+more\s+than|a\s+maximum\s+of|as\s+many\s+as|as\s+much\s+as", "<="),
    (r"more\s+than|over|above|upwards\s+of|in\s+excess\s+of|exceeding|higher\s+than", ">"),
    (r"less\s+than|fewer\s+than|under|below|lower\s+than|just\s+under", "<"),
    (r"nearly|almost|close\s+to|approaching", "<~"),
    (r"about|around|approximately|roughly|some|an\s+estimated"
     r"|circa|approx\.?|~|estimated|more\s+or\s+less|just\s+over|an\s+approximate", "~"),
)  # fmt: skip
# A number without a unit shares the unit of a number this close before it (characters);
# longer gaps usually change the subject. A percentage is written on every number ("rose
# 0.7% to 6,327.80": the second is a level); a range's shared "%" is read by ``_ranges``.
_WRITTEN_EACH_TIME = frozenset({"%", "pp", "bp"})
ELLIPSIS_REACH = 80
_PRONOUN_ONE = re.compile(r"(?i)\b(?:no|any|every|each|some|this|that|which|the\s+other)\s+$")
_MINUS = re.compile(r"(?i)\b(?:minus|negative)[\s-]+$")
_BOUND_RES = [(re.compile(rf"(?i)\b(?:{p})\s*$"), b) for p, b in _BOUNDS]
_RANGE_MID = re.compile(r"^\s*(?:-|–|to|and)\s*$", re.I)


@dataclass
class _Cand:
    start: int
    end: int
    value: float
    unit: str | None
    bound: str
    words: bool
    scale: float = 1.0
    low_of: _Cand | None = None  # the high end, when this is the low end of a range


# The kinds of street an address ends on, each spelling with its kind ("St" is a street).
STREET_KINDS = {
    **{k: k for k in ("street", "road", "avenue", "boulevard", "lane", "drive", "way")},
    **{k: k for k in ("place", "court", "highway", "terrace", "parkway", "square")},
    "st": "street", "rd": "road", "ave": "avenue", "blvd": "boulevard", "ln": "lane",
    "dr": "drive", "pl": "place", "ct": "court", "hwy": "highway", "pkwy": "parkway",
    "sq": "square",
}  # fmt: skip
# A street's kind as written after its name, a short form with its full stop: "Rd.".
STREET_KIND = r"(?:(?:{})\b|(?:{})\b\.?)".format(
    "|".join(sorted((k.title() for k, v in STREET_KINDS.items() if k == v), key=len)[::-1]),
    "|".join(sorted((k.title() for k, v in STREET_KINDS.items() if k != v), key=len)[::-1]),
)
# A street address: "24 Independent Street", "200 W. American Blvd.", "2088 Philip St": the
# number names a house, it counts nothing.
_ADDRESS = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:(?:[NSEW]|North|South|East|West)\.?\s+)?"
    rf"(?:[A-Z][\w'’.-]*\s+){{1,3}}{STREET_KIND}"
)


def _excluded(text: str) -> list[tuple[int, int]]:
    """Spans whose numbers are not numeric claims: dates, times, phones, list markers,
    street addresses."""
    spans: list[tuple[int, int]] = []
    for t in find_timexes(text, None):
        if t.type in {"DATE", "TIME", "SET"} or t.family == "racetime":  # "in 2:03:23"
            spans.append((t.start, t.end))
    for pattern in (_PHONE, _LIST_MARK, _SCORE, _CALIBRE, _CLOCK, _ADDRESS):
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    spans.extend((start, end) for start, end, _digits in phone_numbers(text))
    spans.sort()
    return spans


def phone_numbers(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, digits)`` of every phone number of ``text`` (see ``PHONE_ID``)."""
    out = []
    for m in PHONE_ID.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if _PHONE_DIGITS[0] <= len(digits) <= _PHONE_DIGITS[1]:
            out.append((m.start(), m.end(), digits))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """Lexicon unit right after ``pos`` (with a "per day" tail): (unit, end) or (None, pos)."""
    if _DOTTED.match(text, pos):
        return _symbol_after(text, pos)  # "m.p.h.", "k.p.h."
    m = _UNIT_RE.match(text, pos)
    if m is None or (m.start("unit") > pos and text[pos] not in " \u00a0"):
        return _symbol_after(text, pos)
    word = m.group("unit")
    if word.lower() in {"m", "l", "g", "p", "t", "b"} and m.start("unit") != pos:
        return _symbol_after(text, pos)  # a lone letter after a space is no unit; "m/s" is
    unit = UNIT_WORDS[word.lower()]
    if unit in {"day", "week", "month", "year", "hour", "minute", "second"} and text[
        m.end() : m.end() + 4
    ].lower().strip().startswith(("ago", "earlier", "later")):
        return None, pos
    end = m.end()
    per, end = rate_after(text, end)
    if per and not unit.endswith(f"per {per}") and "/" not in unit:
        unit = f"{unit} per {per}"
    return unit, end


_DOTTED = re.compile(r"[\s\u00a0]?(?:[A-Za-z]\.){2,4}")
_TOKEN = re.compile(r"(?P<tok>(?:[A-Za-z]\.){2,4}|[A-Za-zµμΩ°][A-Za-z0-9µμΩ°/²³]{0,11})(?![\w/])")


def _symbol_after(text: str, pos: int) -> tuple[str | None, int]:
    """A unit symbol right after ``pos`` read through the registry ("kW", "A/cm2", "m.p.h.")."""
    glued = pos < len(text) and text[pos] not in " \u00a0"
    m = _TOKEN.match(text, pos if glued else pos + 1)
    if m is None or (not glued and text[pos : pos + 1] not in {" ", "\u00a0"}):
        return None, pos
    token = m.group("tok")
    if "." in token:
        dotless = token.replace(".", "").lower()
        if dotless in UNIT_WORDS:
            unit = UNIT_WORDS[dotless]
            per, end = rate_after(text, m.end())
            return (f"{unit} per {per}" if per else unit), end
    named = registry_unit(token)
    if named is None:
        return None, pos
    per, end = rate_after(text, m.end())
    return (f"{named} per {per}" if per else named), end


def _noun_rate(text: str, end: int, noun: str) -> str:
    """A counted noun with the rate written after it ("5 points per game", "0.5 R per day")."""
    m = re.compile(rf"(?:\s+[\w-]+){{0,2}}?\s+{re.escape(noun)}\b").match(text, end)
    if m is None:
        return noun
    per, _end = rate_after(text, m.end())
    return f"{noun} per {per}" if per else noun


# "rose up to three metres", "grew up to 3.5 m": the level reached, not a cap.
_REACHED_UP_TO = re.compile(
    r"(?i)\b(?:rose|risen|rising|rises|grew|grown|growing|grows|climbed|climbing|soared|"
    r"surged|jumped|swelled)\s+up\s+to\s*$"
)


def _bound(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start]
    if _REACHED_UP_TO.search(before):
        return "="
    for pattern, bound in _BOUND_RES:
        if pattern.search(before):
            return bound
    return "="


_TEMPERATURE = re.compile(
    r"(?i)temperature|degree|°|\bwarm|\bhot|\bcold|\bheat|\bchill|\bfrost|\bfreez|\bhighs?\b"
    r"|\blows?\b|thermometer|weather|forecast|celsius|fahrenheit"
)


def _glued_degrees(text: str, sign: str | None, start: int, end: int) -> str | None:
    """ "°C"/"°F" for a glued "C"/"F" ("-3C", "highs of 31C") in a signed or weather context."""
    letter = text[end : end + 1]
    if letter not in {"C", "F"} or text[end + 1 : end + 2].isalnum():
        return None
    if sign or _TEMPERATURE.search(text, max(0, start - 60), start):
        return "°C" if letter == "C" else "°F"
    return None


def _counted_unit_after(text: str, pos: int) -> bool:
    """Whether a unit word follows a glued "m"/"k" ("12.3m tonnes": millions, not metres)."""
    m = _UNIT_RE.match(text, pos)
    return (
        m is not None
        and m.start("unit") > pos
        and len(m.group("unit")) > 2
        and UNIT_WORDS[m.group("unit").lower()] not in {"%", "pp", "bp", "year of age"}
    )


def _range_end(text: str, found: list[_Cand], start: int, value: float) -> bool:
    """Whether the number at ``start``, written after "X-", is the top of a range from X."""
    if not found or found[-1].end != start - 1 or found[-1].value >= value:
        return False
    low = found[-1].value
    return not (1800 <= low <= 2100 and 1800 <= value <= 2100 and low.is_integer())


def _find(text: str) -> list[_Cand]:
    """All numeric candidates of ``text`` with value, lexicon unit and bound."""
    excluded = _excluded(text)
    starts = [s for s, _ in excluded]
    out: list[_Cand] = []
    for m in NUMBER_RE.finditer(text):
        start, end = m.start(), m.end()
        if _inside(excluded, starts, m.start("num"), m.end("num")):
            continue
        value = parse_numeral(m.group("num"))
        if value is None:
            continue
        if m.group("rng") is not None and not _range_end(text, out, start, value):
            continue  # "a 5-4 vote", "737-800": a hyphen range rises ("10-15%")
        cur = m.group("cur")
        glue = m.group("glue")
        if (
            glue
            and not cur
            and glue.lower() not in {"bn", "tn", "mn", "mln", "bln"}
            and not _counted_unit_after(text, m.end("glue"))
        ):
            end = m.start("glue")  # "100m" without a currency: metres, read as a unit below
            glue = None
        elif glue and cur is None and text[end : end + 1].isalpha():
            continue
        scale = SUFFIX_SCALES.get((glue or "").lower(), 1.0)
        if m.group("scale") and end == m.end():
            scale *= SUFFIX_SCALES[m.group("scale").lower()]
        elif (
            m.group("scale") is None
            and text[end : end + 1].isalpha()
            and _UNIT_RE.match(text, end) is None
            and _symbol_after(text, end)[0] is None
            and _glued_degrees(text, m.group("sign"), start, end) is None
        ):
            continue  # "S10", "4K", "5G": part of a name
        unit: str | None = None
        if cur:
            unit = CURRENCY_SYMBOLS.get(re.sub(r"\s+", "", cur).lower().rstrip("."), "USD")
            per, end = rate_after(text, end)
            if per:
                unit = f"{unit} per {per}"
        elif (degrees := _glued_degrees(text, m.group("sign"), start, end)) is not None:
            unit, end = degrees, end + 1
        else:
            if scale == 1.0:
                value, end = _with_half(text, end, value)
            unit, end = _unit_after(text, end)
            if scale == 1.0:
                value, end = _half_after_unit(text, end, value, unit)
        if m.group("sign") or _MINUS.search(text, max(0, start - 8), start):
            value = -value  # "-1.3%", "minus 5 degrees"
        bound = _bound(text, start)
        out.append(_Cand(start, end, value * scale, unit, bound, False, scale))
    for m in FRACTION_RE.finditer(text):
        start, end = m.start(), m.end()
        num, den = int(m.group("n")), int(m.group("d"))
        whole = int(m.group("whole")) if m.group("whole") else 0
        if (
            num >= den
            and not whole
            and den in _GLUED_DENOMINATORS
            and 10 <= num < 100
            and num % 10 < den
            and _unit_after(text, end)[0] is not None
        ):
            # "served 41/2 months": a "4½" whose space was lost in copying, not 20.5
            whole, num = divmod(num, 10)
        if num >= den or den not in _DENOMINATORS or _inside(excluded, starts, start, end):
            continue  # "24/7", "9/11": names, not fractions
        value = num / den + whole
        out = [c for c in out if c.end <= start or c.start >= end]
        unit, end = _unit_after(text, end)
        if unit is None and (of := _OF_A.match(text, end)):
            word = of.group("noun").lower()  # "1/16 of a US pint": a fraction of one pint
            unit = UNIT_WORDS.get(word, singular(word))
        out.append(_Cand(start, end, value, unit, _bound(text, start), False))
    out.sort(key=lambda c: c.start)
    taken = [(c.start, c.end) for c in out]
    for m in WORDS_RE.finditer(text):
        start, end = m.start(), m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        if _inside(excluded, starts, start, end):
            continue
        words = re.split(r"[\s]+", m.group(0))
        if words[0].lower() in {"hundred", "thousand", "million", "billion", "dozen"}:
            continue
        if m.group(0).lower() == "one" and _PRONOUN_ONE.search(text, max(0, start - 12), start):
            continue  # "no one was injured", "any one of them": a pronoun, not a count
        value = words_value(words)
        if value is None:
            continue
        if len(words) == 1:
            value, end = _with_half(text, end, value)
        unit, end2 = _unit_after(text, end)
        scale = SCALES.get(words[-1].lower(), 1.0) if len(words) > 1 else 1.0
        if scale == 1.0:
            value, end2 = _half_after_unit(text, end2, value, unit)
        out.append(_Cand(start, end2, value, unit, _bound(text, start), True, scale))
    out.sort(key=lambda c: c.start)
    return [c for c in out if not _damaged(text, c)]


_DIGITS = re.compile(r"[\d.,]+")


def _damaged(text: str, c: _Cand) -> bool:
    """Whether a character of the figure was lost in decoding ("served 4\ufffd months" for
    "4½"): what is left is not its value."""
    digits = _DIGITS.match(text, c.start)
    after = digits.end() if digits else c.start
    return text[max(0, c.start - 1) : c.start] == "\ufffd" or text[after : after + 1] == "\ufffd"


def _ranges(text: str, cands: list[_Cand]) -> None:
    """Give both ends of "between X and Y" / "X to Y" / "X-Y" their bounds and shared unit."""
    for a, b in reversed(list(itertools.pairwise(cands))):  # "24.2 to 33-35 billion"
        if not _RANGE_MID.match(text[a.end : b.start]):
            continue
        mid = text[a.end : b.start].strip().lower()
        before = text[max(0, a.start - 10) : a.start].lower()
        if mid == "and" and "between" not in before:
            continue
        if b.unit is None and a.unit in CURRENCY_CODES and b.scale > 1:
            b.unit = a.unit  # "$140-150 million": the currency is written once, first
        if (
            (a.unit is None or a.unit == b.unit)
            and a.scale == 1 < b.scale
            and a.value < b.value / b.scale
        ):
            # "from 24.2 to 33 billion euros", "2-3 million", "$140-$150 million"
            a.value *= b.scale
            a.scale = b.scale
        if a.unit is None:
            a.unit = b.unit
        elif b.unit and " per " in b.unit and b.unit.split(" per ")[0] == a.unit:
            a.unit = b.unit  # "$48,000 to $90,000 a year": the rate is said once, at the end
        a.low_of = b
        if "from" not in before and a.bound == "=" and b.bound == "=":
            a.bound, b.bound = ">=", "<="


_AGE_JOIN = re.compile(r"^\s*(?:,|and|or|&|, and)\s*$", re.I)
_AGED = re.compile(r"(?i)\b(?:aged|ages)\s*$")


def _shared_ages(text: str, cands: list[_Cand]) -> None:
    """Ages told once for several people: "who were 61 and 48 years old", "two women -- 68
    and 48-years-old", "aged 19, 20 and 23": each number before the last is an age too."""
    for c in cands:
        if c.unit is None and _AGED.search(text[max(0, c.start - 12) : c.start]):
            c.unit = "year of age"  # "aged 19", "ages 19"
    for a, b in itertools.pairwise(cands):
        if (
            a.unit == "year of age"
            and b.unit is None
            and (_AGE_JOIN.match(text[a.end : b.start]) or _RANGE_MID.match(text[a.end : b.start]))
            and b.value.is_integer()
            and 0 < b.value <= 120
        ):
            b.unit = "year of age"  # "aged 19, 20 and 23": the list goes on
    for a, b in reversed(list(itertools.pairwise(cands))):
        if (
            b.unit == "year of age"
            and a.unit is None
            and a.bound == "="
            and a.value.is_integer()
            and 0 < a.value <= 120
            and _AGE_JOIN.match(text[a.end : b.start])
            and "between" not in text[max(0, a.start - 10) : a.start].lower()
        ):
            a.unit = "year of age"


# An earthquake's magnitude however it is written: "magnitude 6", "a 5.9-magnitude quake",
# "put its magnitude at 5.9", "measuring 6.4 on the Richter scale", "a 6.7-strength quake".
_MAGNITUDE_BEFORE = re.compile(
    r"(?i)\bmagnitude(?:\s+(?:of|at|as|was|is|to))?(?:\s+(?:a|an))?\s*$"
    r"|\bRichter\s+scale\s+(?:of\s+)?$"
)
_MAGNITUDE_AFTER = re.compile(
    r"(?i)\s*(?:-\s*|\s)?(?:magnitude\b|(?:strength|degree)\s+(?:quake|earthquake|tremor)|"
    r"(?:on|in)\s+the\s+(?:open-ended\s+)?Richter\b|Richter\b)"
)


_DEGREE_QUAKE = re.compile(r"(?i)\s+(?:quake|earthquake|tremor)\b")


def _magnitude(text: str, c: _Cand) -> bool:
    """Whether the number is an earthquake's magnitude (a value from 1 to below 10: a "0"
    is the tail of a figure split by its point, "6 . 0")."""
    if not 1 <= c.value < 10 or c.unit not in (None, "degree"):
        return False
    if c.unit == "degree":  # "a 6.7 degree quake"
        return bool(_DEGREE_QUAKE.match(text, c.end))
    return bool(
        _MAGNITUDE_BEFORE.search(text, max(0, c.start - 30), c.start)
        or _MAGNITUDE_AFTER.match(text, c.end)
    )


def extract_numbers(parsed: Parsed, settings: Settings) -> tuple[Number, ...]:
    """Return the numeric claims of one parsed article (see the module docstring).

    Works without a parse too (``parsed.docs`` empty): then ``unit`` is the lexicon unit or
    the next word, and ``measures``/``place`` stay None.
    """
    from crosscheck.extract.numbers_scope import Scope

    article = parsed.article
    text = article.analysis_text
    cands = _find(text)
    _ranges(text, cands)
    _shared_ages(text, cands)
    scope = Scope(parsed, anchor_date(article.date_anchor))
    out: list[Number] = []
    prev_base: str | None = None
    prev_sent: tuple[int, int] | None = None
    prev_unit: str | None = None
    prev_end = -(10**9)
    kept: list[_Cand] = []
    for c in cands:
        info = scope.describe(c.start, c.end, c.unit, prev_base)
        if info.skip or (c.words and c.value == 1 and not info.noun):
            continue
        if prev_sent != info.sentence:
            prev_base = None
        unit = c.unit or info.noun
        if c.unit is None and info.noun:
            unit = _noun_rate(text, c.end, info.noun)
        if (
            unit is None
            and prev_unit
            and prev_unit not in _WRITTEN_EACH_TIME
            and c.start - prev_end <= ELLIPSIS_REACH
            and prev_sent == info.sentence
        ):
            unit = prev_unit  # "from 208 pounds to 193", "6 million homes ... 1.5 million in"
        measures = info.measures
        if _magnitude(text, c):
            unit = "magnitude"  # "a 5.9-magnitude quake", "6.4 on the Richter scale"
        if unit == "magnitude":
            measures = "magnitude"  # also "put it at 5.9, the USGS at 6.1"
        prev_base = info.base or prev_base
        prev_sent = info.sentence
        prev_unit, prev_end = unit, c.end
        kept.append(c)
        out.append(
            Number(
                id=f"{article.id}:n{len(out)}",
                article=article.id,
                start=c.start,
                end=c.end,
                text=article.text[c.start : c.end],
                value=c.value,
                unit=unit,
                measures=measures,
                place=info.place,
                period=info.period,
                bound=c.bound,
                sentence_start=info.sentence[0],
                sentence_end=info.sentence[1],
            )
        )
    units = {id(c): n.unit for c, n in zip(kept, out, strict=True)}
    for k, (c, n) in enumerate(zip(kept, out, strict=True)):
        if n.unit is None and c.low_of is not None and units.get(id(c.low_of)):
            out[k] = replace(n, unit=units[id(c.low_of)])  # "four to five thousand people"
    for start, end, digits in phone_numbers(text):
        sentence = scope.describe(start, end, "phone", None).sentence
        out.append(
            Number(
                id="",
                article=article.id,
                start=start,
                end=end,
                text=article.text[start:end],
                value=float(digits),
                unit="phone",
                measures="phone number",
                sentence_start=sentence[0],
                sentence_end=sentence[1],
            )
        )
    out.sort(key=lambda n: n.start)
    return tuple(replace(n, id=f"{article.id}:n{k}") for k, n in enumerate(out))
