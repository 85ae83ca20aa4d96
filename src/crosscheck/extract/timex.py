"""A fast rule-based TIMEX recogniser: regular expressions over plain text, no parse needed.

``find_timexes(text, anchor)`` finds date, time, duration and set expressions (TimeML's
TIMEX3 types DATE, TIME, DURATION, SET) and gives each a TimeML value resolved against
``anchor`` (the publication date): ``2021-03-18``, ``2021-03``, ``2021``, ``2021-W12``,
``2021-Q1``, ``2021-SU``, ``199`` (a decade), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``,
``P3Y`` (durations), ``XXXX-03-18`` (month and day, year unknown).

Method: about a dozen pattern families (full dates, years and decades, relative phrases,
"N units ago", deictic words, weekdays, quarters and halves, clock times, holidays,
durations, sets) each matched over the whole text, then the longest non-overlapping
matches win (HeidelTime-style, without its extraction/normalisation resources). Spans
follow TimeML: determiners and modifiers ("the", "last", "early", "earlier this") belong to
the expression, prepositions ("in", "since", "on") do not. Values follow news conventions:
a bare weekday, month or month-day is the most recent one on or before the anchor unless the
sentence speaks of the future ("will", "next", "scheduled"), then the next one; one that opens
its sentence ("In January, the chain closed ...", "On Tuesday, the union plans to ...") takes
the tense of the clause after it (past: never after the anchor); "that day",
"the day before" and "N days later" count from the last full date mentioned.

Spans of years ("2009-2010", "the 1998-99 season", "fiscal 2009-10") are one DATE with an
interval value (``2009/2010``); times taken ("won in 2:03:23", "finished in 3:07") are
DURATIONs, never clock times. Optional rules (``TimexRules``) are measured on folds of
TimeBank + AQUAINT (``crosscheck eval dates --folds 5``).

Days may be ordinal words ("March eighth", "the twenty-first of May"). Not handled: dates
written in other languages, fiscal calendars that do not follow the calendar year ("fiscal
2009" is just ``2009``), times zones in values, and modifiers in values (TimeML's ``mod``
attribute: "early 1998" is just ``1998``).
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import lru_cache

from crosscheck.extract.timex_calendar import WEEKDAY_WORD, WEEKDAYS
from crosscheck.extract.timex_resolve import Context, resolve

LOGGER = logging.getLogger(__name__)

__all__ = ["DEFAULT_RULES", "Timex", "TimexRules", "find_timexes", "ref_kind"]

# A bare weekday told at most this many characters after an explicit date of the story's own
# time, in the same sentence, is placed after that date (see ``TimexRules.story_time``).
STORY_REACH = 600


@dataclass(frozen=True, slots=True)
class TimexRules:
    """Optional rules of the recogniser, each measured on folds of TimeBank + AQUAINT
    (``crosscheck eval dates --folds K`` chooses among every combination on the other folds;
    a rule is on by default only when it drops no fold).

    ``story_time``: a bare weekday ("Sunday night", "on Tuesday") told inside a reported
    event, i.e. in the same sentence as an explicit date written before it (at most
    ``STORY_REACH`` characters back; not a span "from Sept. 14 to Thursday") that lies a week
    or more before the anchor, is the first such weekday on or after that date, not the one
    nearest the publication date ("the storm hit on Dec. 27, and by Sunday night ..."). Not in
    a text told from its publication day ("today", "yesterday", "this week", "last night"):
    there "introduced on March 3, passed on Tuesday" is this week's Tuesday.
    """

    story_time: bool = True

    @classmethod
    def grid(cls) -> dict[str, TimexRules]:
        """Every combination of the rules, by name; the defaults first (named "default")."""
        names = [f.name for f in fields(cls)]
        default = cls()
        out = {"default": default}
        for combo in itertools.product((True, False), repeat=len(names)):
            pairs = list(zip(names, combo, strict=True))
            rules = cls(**dict(pairs))
            if rules != default:
                out[",".join(f"{n}={'on' if v else 'off'}" for n, v in pairs)] = rules
        return out


DEFAULT_RULES = TimexRules()


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: its span, TIMEX3 type and TimeML value (None: unresolved).

    ``relative`` is True when the value depends on the anchor or an earlier date.
    """

    start: int
    end: int
    text: str
    type: str
    value: str | None
    relative: bool
    family: str


def _alt(words: list[str]) -> str:
    """Return a regex alternation of ``words`` in Title and UPPER case, longest first."""
    forms: list[str] = []
    for word in sorted(words, key=len, reverse=True):
        forms.extend({word, word.upper()})
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


MONTH_RE = _alt(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
     "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Jan", "Feb", "Aug", "Sept", "Oct",
     "Nov", "Dec"]
)  # fmt: skip
WEEKDAY_RE = _alt(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
# A day written as an ordinal word ("March eighth", "the twenty-first of May"); not one that
# starts a noun phrase ("in May first lady ...", "March second-quarter sales").
_DAYW = (
    r"(?i:(?:twenty-|thirty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
    r"|eighteenth|nineteenth|twentieth|thirtieth)"
    r"(?![\w-]|\s+(?i:lady|ladies|time|half|quarter|round|place|term|class|step|family)\b)"
)
_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?!\d)"
_NUMW = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|hundreds)"
)
_QTY = rf"(?:\d+(?:\.\d+)?|{_NUMW}|an?|several|a few|a couple of|many|few)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)"
_REL = (
    r"(?i:this\s+past|this\s+coming|last|this|next|past|coming|previous|current|same"
    r"|following|that|the\s+same)"
)
_EARLY = r"(?:(?i:early|late|earlier|later)\s+)?"
_SPELLED_YEAR = (
    r"(?i:nineteen\s+(?:hundred\s+(?:and\s+)?)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]\w+)"
    r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?:one|two|three|four|five|six|seven"
    r"|eight|nine|ten))?)"
)
_MOD = (
    r"(?:(?i:early|late|mid|the\s+(?:beginning|start|end|middle|first\s+half|second\s+half)"
    r"\s+of|the\s+(?:first|second|latter)\s+half\s+of)[\s-]+)?"
)
_L = r"(?<![\w$£€.,/-])"  # left edge: not inside a word or a number
_TZ = r"(?:\s+(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|ET|PT|local time))?"
_TIME_OF_DAY = r"(?i:morning|afternoon|evening|night)"
_FISCAL = (
    r"(?:(?i:(?:fiscal|financial)\s+year|fiscal|calendar|the\s+(?:fiscal\s+)?year|model\s+year"
    r"|school\s+year)\s+|FY\s?)?"
)

FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "date",
            rf"{_L}{_MOD}(?:{_REL}\s+)?(?:{WEEKDAY_RE},?\s+(?:the\s+)?)?"
            rf"(?:{MONTH_RE}\s+{_DAY}(?:\s*[-–]\s*{_DAY})?(?:,?\s+{_YEAR})?"
            rf"|{_DAY}\s+(?:of\s+)?{MONTH_RE}(?:,?\s+{_YEAR})?"
            rf"|{MONTH_RE}\s+(?i:the\s+)?{_DAYW}(?:,?\s+{_YEAR})?"
            rf"|(?i:the\s+){_DAYW}\s+of\s+{MONTH_RE}(?:,?\s+{_YEAR})?"
            rf"|{MONTH_RE},?\s+(?:of\s+)?{_YEAR}|{MONTH_RE})"
            r"(?![\w'])(?:,?\s+(?:of\s+)?(?i:this|last|next)\s+year(?![\w'’-]))?",
        ),
        (
            "iso",
            r"(?<![\w/.-])(?:(?:19|20)\d\d-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?"
            r"|[01]?\d/[0-3]?\d/(?:19|20)?\d\d)(?![\w/])",
        ),
        (
            "year",
            rf"{_L}{_MOD}{_FISCAL}"
            rf"(?:the\s+)?(?:{_YEAR}|(?:1[6-9]|20)\d0s|'\d0s)(?![\w%-]|[.,]\d)"
            # "at about 2045 GMT": a time of day, not the year 2045
            r"(?!\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|hours|hrs|local time)\b)",
        ),
        (
            "years",  # "2009-2010", "the 1998-99 season", "fiscal 2009-10"
            rf"{_L}{_MOD}{_FISCAL}(?:the\s+)?{_YEAR}\s*[-–/]\s*(?:1[6-9]|20)?\d\d"
            r"(?![\w%]|[.,]\d|-\d|/\d)",
        ),
        (
            "relative",
            rf"{_L}{_MOD}(?i:the\s+)?(?i:(?:earlier|later|early|late|mid)[\s-]+)?{_REL}\s+"
            rf"(?i:week(?:end)?|month|(?:(?:fiscal|financial|budget|school|academic)\s+)?year"
            r"|quarter|decade|century|spring|summer|fall|autumn"
            rf"|winter|morning|afternoon|evening|night|day){_TZ}(?![\w-])",
        ),
        (
            "ago",
            rf"{_L}(?i:(?:about|almost|nearly|some|more\s+than|less\s+than|just|only|over"
            rf"|roughly|around)\s+)?(?i:{_QTY})(?:\s+|-)(?i:and\s+a\s+half\s+)?(?i:{_UNIT})"
            r"\s+(?i:ago|earlier|later|from\s+now|hence)(?![\w-])",
        ),
        (
            "deictic",
            rf"{_L}(?:{_EARLY}(?:(?i:today|tonight)(?!')|(?i:yesterday|tomorrow))"
            r"|(?i:right\s+now|nowadays|now|currently|recently|the\s+weekend"
            r"|the\s+(?:(?:current|full|latest|fiscal)\s+)+year"
            r"|lately|(?<!as\s)soon(?!\s+(?:as|after|afterwards?|thereafter)\b)|the\s+past"
            r"|the\s+(?:near\s+|distant\s+)?future(?!\s+of\b)|the\s+present"
            r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(?:year|month|week)"
            r"|year(?:'s)?[-\s]end"
            r"|(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow"
            r"|the\s+(?:day|night)\s+(?:before|after)"
            rf"(?:\s+(?:(?:last|next|this)\s+)?{WEEKDAY_RE})?"
            r"|recent\s+(?:years|months|weeks|days)"
            r"|(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)"
            r"|mid[\s-]?(?:morning|afternoon|evening)(?:\s+(?:yesterday|today|tomorrow))?)"
            r"|(?:earlier|later)\s+(?i:that|the\s+same)\s+(?i:day|week|month|year)"
            r"|(?:earlier|later)\s+in\s+the\s+year)(?![\w-])",
        ),
        (
            "theyear",  # "for the year", "the year ended June 30": the year reported on
            rf"{_L}(?i:the\s+year)(?![\w'’-]|\s+(?i:before|after|ago|earlier|later|when|in\s+which"
            r"|that|of\s+the|in\s+review|since)\b)",
        ),
        (
            "weekday",
            rf"{_L}{_EARLY}(?:{_REL}\s+)?{WEEKDAY_RE}(?:\s+{_TIME_OF_DAY})?(?![\w-])",
        ),
        (
            "quarter",
            rf"{_L}(?i:the\s+)?(?:(?i:(?:this|last|next)\s+year's)\s+)?"
            r"(?i:(?:latest|current|fiscal|same|year-ago|year-earlier|comparable|previous"
            rf"|prior|latest\s+fiscal)[\s-]+)?(?:{_YEAR}\s+(?=(?i:first|second|third|fourth)))?"
            r"(?i:(?:first|second|third|fourth|1st|2nd|3rd|4th)"
            rf"[\s-]+)?(?i:quarter|half|period)(?:\s+(?i:of)\s+(?:(?i:fiscal\s+)?{_YEAR}"
            r"|(?i:this|last|next)\s+year))?(?:\s+(?i:a\s+year\s+(?:ago|earlier)))?(?![\w-])"
            r"|(?<![\w-])(?i:year-ago|year-earlier)(?=\s+[a-z])",
        ),
        (
            "racetime",  # "2:03:23", "4:12.5": a time taken, never a clock time
            r"(?<![\w$£€.,:/-])\d{1,2}:[0-5]\d(?::[0-5]\d(?:\.\d+)?|\.\d+)(?![\d:])",
        ),
        (
            "time",
            rf"{_L}(?:(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?i:a\.m\.?|p\.m\.?|am|pm)(?!\w)"
            r"|(?:[01]?\d|2[0-3]):[0-5]\d|(?i:noon|midnight|midday))"
            rf"{_TZ}(?:,?\s+(?:{WEEKDAY_RE}|(?i:today|yesterday|tomorrow|tonight)))?"
            rf"(?:,?\s+{MONTH_RE}\s+{_DAY})?)",
        ),
        (
            "spelled",
            rf"{_L}(?:{MONTH_RE}\s+)?(?i:the\s+(?:winter|summer|spring|fall)\s+of\s+)?"
            rf"{_SPELLED_YEAR}(?![\w-])",
        ),
        ("century", rf"{_L}(?i:the\s+)?(?:[12]?\d)(?:st|nd|rd|th)[\s-]+(?i:century)(?![\w-])"),
        (
            "holiday",
            rf"{_L}(?:{_REL}\s+|{_YEAR}\s+)?(?:Christmas(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?"
            r"|New\s+Year's(?:\s+(?:Day|Eve))?|Easter(?:\s+(?:Sunday|Monday|[Ww]eek))?|Good\s+Friday|Halloween|Election\s+Day"
            r"|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Valentine's\s+Day)"
            rf"(?:,?\s+{_YEAR})?(?![\w-])",
        ),
        (
            "duration",
            rf"{_L}(?i:the\s+)?(?i:(?:past|last|next|coming|first|previous|following|final"
            r"|latest|recent)\s+)?(?i:(?:about|almost|nearly|some|more\s+than|less\s+than"
            r"|at\s+least|roughly|around)\s+)?"
            rf"(?i:{_QTY})(?:\s+|-)(?i:and\s+a\s+half\s+)?(?i:{_UNIT})(?i:-long|-old)?(?![\w-])",
        ),
        (
            "set",
            r"(?<![\w-])(?i:daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly"
            rf"|(?:every|each)\s+(?:other\s+)?(?:day|week|month|year|morning|night|{WEEKDAY_RE})"
            r"|(?:per|a)\s+(?:day|week|month|year))(?![\w-])",
        ),
    )
)

# Keyword gates for the costlier families: every match of the family contains a match of
# the gate, starts at most ``before`` characters ahead of it and ends at most ``after``
# characters past it, so the family is only run on text windows around the gates (the
# same matches as a whole-text scan, at a fraction of the cost).
_GATES: dict[str, tuple[re.Pattern[str], int, int]] = {
    "ago": (re.compile(r"(?i:ago|earlier|later|from\s+now|hence)"), 80, 2),
    "duration": (re.compile(rf"(?i:{_UNIT[3:-1]})"), 100, 12),
    "quarter": (re.compile(r"(?i:quarter|half|period|year-ago|year-earlier)"), 80, 32),
    "relative": (
        re.compile(
            r"(?i:week|month|year|quarter|decade|century|spring|summer|fall|autumn|winter"
            r"|morning|afternoon|evening|night|day)"
        ),
        80,
        24,
    ),
    "century": (re.compile(r"(?i:century)"), 24, 2),
    "date": (re.compile(MONTH_RE), 80, 32),
    "weekday": (re.compile(WEEKDAY_RE), 48, 16),
    "time": (re.compile(r"(?i:[ap]\.?m|noon|midnight|midday)|\d[:.]\d"), 12, 64),
    "racetime": (re.compile(r"\d:\d"), 4, 12),
    "years": (re.compile(r"(?:1[6-9]|20)\d\d\s*[-–/]\s*\d\d"), 64, 8),
    "theyear": (re.compile(r"(?i:the\s+year)"), 0, 24),
    "spelled": (re.compile(r"(?i:nineteen|thousand)"), 60, 48),
    "holiday": (
        re.compile(
            r"Christmas|Thanksgiving|New\s+Year|Easter|Good\s+Friday|Halloween|Election|Independence|Labor"
            r"|Memorial|Valentine"
        ),
        24,
        32,
    ),
}


def _scan(name: str, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, run only on the windows around the family's gate words."""
    gate = _GATES.get(name)
    if gate is None:
        yield from pattern.finditer(text)
        return
    regex, before, after = gate
    lo = hi = -1
    for g in regex.finditer(text):
        start, end = max(0, g.start() - before), min(len(text), g.end() + after)
        if start <= hi:
            hi = max(hi, end)
            continue
        if hi > lo:
            yield from pattern.finditer(text, lo, hi)
        lo, hi = start, end
    if hi > lo:
        yield from pattern.finditer(text, lo, hi)


# Words that carry a reference value rather than a calendar date.
_REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "recent years": "PAST_REF", "recent months": "PAST_REF", "recent weeks": "PAST_REF",
    "recent days": "PAST_REF", "soon": "FUTURE_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "right now": "PRESENT_REF",
}  # fmt: skip
_VAGUE_AGO = re.compile(
    r"(?i)(?:several|a\s+few|a\s+couple\s+of|many|some|few)\s+\w+\s+(ago|earlier|from\s+now|later)"
)


def ref_kind(text: str) -> str | None:
    """Return PRESENT_REF, PAST_REF or FUTURE_REF when ``text`` is such a reference word."""
    got = _REFS.get(re.sub(r"\s+", " ", text.strip().lower()))
    if got is None:
        m = _VAGUE_AGO.fullmatch(text.strip())
        if m:
            got = "PAST_REF" if m.group(1).lower() in {"ago", "earlier"} else "FUTURE_REF"
    return got


_FUTURE = re.compile(
    r"(?i:\b(?:will|won't|shall|is\s+to|are\s+to|scheduled|plans?\s+to|is\s+due"
    r"|are\s+due|upcoming|set\s+to|set\s+for|slated|due\s+to|expected\s+to|planned|planning"
    r"|postponed"
    r"|until|as\s+(?:soon|early)\s+as|effective)\b|'ll\b)"
)
# Words that tell a story from its publication day (``TimexRules.story_time`` stays off).
_TOLD_TODAY = re.compile(
    r"(?i:\b(?:today|yesterday|tomorrow|tonight|this\s+(?:week|morning|afternoon|evening)"
    r"|last\s+(?:week|night))\b)"
)
# A bare "3:07" right after these words is a time taken (a race, a record), not a clock time.
_RACE_BEFORE = re.compile(
    r"(?i:\b(?:in|of|clocked|timed|ran|run|finished|winning|record|best|fastest|slowest"
    r"|personal\s+best)\s+$)"
)
# A past perfect ("had been due to expire Friday") looks back, whatever follows it.
# Hedges that win an "ago" phrase its length contest but stay out of its extent (TimeBank
# and AQUAINT leave "about", "just", "only", "over" outside DATE timexes).
_AGO_HEDGE = re.compile(r"(?i:(?:about|just|only|over)\s+)")
# "the third-quarter loss": "the" belongs to the noun the compound modifies.
_COMPOUND_QUARTER = re.compile(r"(?i:the\s+\S+-(?:quarter|half|period)$)")
_PAST_PERFECT = re.compile(r"(?i:\bhad\b)")
# "soon" told in the past ("was soon released", "soon became") is no FUTURE_REF.
_PAST_SOON_BEFORE = re.compile(r"(?i:\b(?:was|were|had|did)\s+$)")
_PAST_SOON_AFTER = re.compile(
    r"(?i:^\s+(?:\w+ed|became|began|went|came|got|found|left|took|made)\b)"
)


# A full stop after these is an abbreviation's ("Mr. Davison", "Daniel P. Davison", "Corp."),
# not the end of a sentence.
_ABBREV_BEFORE = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Rev|Jr|Sr|Inc|Corp"
    r"|Co|Ltd|Bros|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mt|Ft|vs|U\.S|U\.N))$"
)


def sentence_start(text: str, start: int, reach: int) -> int:
    """Where the sentence holding ``start`` begins, looking back at most ``reach`` characters:
    after the last line break or full stop there that does not end an abbreviation."""
    lo = max(0, start - reach)
    cut = max(text.rfind("\n", lo, start), lo)
    pos = start
    while (pos := text.rfind(". ", cut, pos)) > cut:
        if not _ABBREV_BEFORE.search(text, max(0, pos - 4), pos):
            return pos
    return cut


# A time expression that opens its sentence, set off by a comma ("In January, the chain
# closed ...", "On Tuesday, the league plans to ..."): its tense is the clause's after it.
# Only plain future forms count there ("the government planned to pay" is past).
_FRONTED = re.compile(r"(?i:(?:in|on|by|during|until|since)\s+)?$")
_FUTURE_AFTER = re.compile(
    r"(?i:\b(?:will|won't|shall|is\s+to|are\s+to|scheduled|plans?\s+to|is\s+due|are\s+due"
    r"|upcoming|set\s+to|expected\s+to)\b|'ll\b)"
)
_SENTENCE_END = re.compile(r"[.!?]['\"”’]*\s+(?=[A-Z`'\"“‘])|\n")


def _fronted(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The rest of the sentence (its bounds) after an expression that opens it, else None."""
    if not text.startswith(",", end):
        return None
    left = sentence_start(text, start, 40)
    if _FRONTED.fullmatch(text[left:start].lstrip(". \n\t")) is None:
        return None
    stop = _SENTENCE_END.search(text, end, end + 240)
    return end, stop.start() if stop else min(len(text), end + 240)


def _future(text: str, start: int, end: int) -> bool:
    """Return True when the words just before ``start`` (same sentence) speak of the future,
    or, for an expression that opens its sentence, the words after it."""
    left = sentence_start(text, start, 60)
    if _reported_plan(text, start, end):
        return True
    rest = _fronted(text, start, end)
    if rest and _PAST_PERFECT.search(text, *rest):  # "Until Thursday, they had not ..."
        return False
    if rest and _FUTURE_AFTER.search(text, *rest):
        return True
    if _FUTURE.search(text, left, start) is None:
        return False
    return _PAST_PERFECT.search(text, left, start) is None


# A plan told in reported speech ("said they would take samples on Thursday", "said it had
# sent inspectors and would take samples on Thursday") looks ahead of the telling, unless
# the day belongs to a noun ("Wednesday's ruling") or to a past verb right before it ("the
# decision, announced Wednesday").
_REPORTING = re.compile(r"(?i:\b(?:said|says|told|announced|promised|pledged|added)\b)")
_WOULD = re.compile(r"(?i:\bwould\b(?!\s+have\b))")
_PAST_VERB_BEFORE = re.compile(r"(?i:\b(?:\w+ed|said|told|held|made|met|began|took)\s+(?:on\s+)?$)")


def _reported_plan(text: str, start: int, end: int) -> bool:
    if text.startswith("'s", end):
        return False
    sentence = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 240, 0)
    would = [m.start() for m in _WOULD.finditer(text, max(sentence, start - 90), start)]
    if not would or _REPORTING.search(text, sentence, would[-1]) is None:
        return False
    if _PAST_PERFECT.search(text, would[-1], start):
        return False
    return _PAST_VERB_BEFORE.search(text[max(would[-1], start - 30) : start]) is None


def _past_soon(text: str, start: int, end: int) -> bool:
    """Return True for a "soon" told in the past tense ("he was soon released")."""
    if text[start:end].lower() != "soon":
        return False
    return bool(
        _PAST_SOON_BEFORE.search(text[max(0, start - 8) : start])
        or _PAST_SOON_AFTER.match(text[end : end + 16])
    )


def _reported_quarter(family: str, span: str) -> bool:
    """A quarter named outright ("the third quarter"), not one counted back ("a year ago")."""
    return family == "quarter" and not re.search(r"(?i)year-(?:ago|earlier)", span)


def _select(cands: list[tuple[int, int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest non-overlapping candidates (ties: family order), in text order."""
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int, str]] = []
    occupied: list[tuple[int, int]] = []
    for start, end, _prio, fam in cands:
        if any(start < e and s < end for s, e in occupied):
            continue
        occupied.append((start, end))
        taken.append((start, end, fam))
    taken.sort()
    return taken


@lru_cache(maxsize=64)
def _spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """The expressions' extents and families in ``text`` (no anchor needed), cached: dates,
    numbers and their scopes each look for time expressions in the same article text."""
    cands: list[tuple[int, int, int, str]] = []
    for prio, (name, pattern) in enumerate(FAMILIES):
        for m in _scan(name, pattern, text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in " \t\n,-–":
                end -= 1
            if name in {"year", "years"} and re.match(r"(?i)the\s+\d{4}(?:\s*[-–/]\s*\d+)?$",
                                                     text[start:end]):  # fmt: skip
                start += 4  # "the 2000 Olympics": the article belongs to the noun
            elif name == "quarter" and _COMPOUND_QUARTER.match(text, start, end):
                start += 4  # "the third-quarter loss": likewise (not "the year-ago quarter")
            if end > start:
                cands.append((start, end, prio, name))
    return tuple(_select(cands))


def _story_weekday(text: str, span: str, value: str, story: tuple[int, date], start: int,
                   anchor: date) -> str | None:  # fmt: skip
    """A bare weekday inside a reported event: the first one on or after the story's date."""
    end, day = story
    if start - end > STORY_REACH or (anchor - day).days < 7:
        return None
    if re.search(r"[.!?]['\"”’]*\s+[A-Z`'\"“‘]|\n", text[end:start]):
        return None  # another sentence: back to the publication week
    if re.search(r"(?i)(?:\b(?:to|until|till|through|and|or|since)|[-–])\s*(?:on\s+)?$",
                 text[end:start]):  # fmt: skip
        return None  # "from Sept. 14 to Thursday": a span up to the publication week
    if re.match(
        r"(?i)\s*(?:(?:early|late|earlier|later)\s+)?(?:last|this|next|past|coming|previous"
        r"|following|that|same)\b",
        span,
    ):
        return None
    m = WEEKDAY_WORD.search(span)
    if m is None:
        return None
    delta = (WEEKDAYS[m.group(1).lower()] - day.weekday()) % 7
    return (day + timedelta(days=delta)).isoformat() + value[10:]


def find_timexes(
    text: str, anchor: date | None, *, strip: bool = True, rules: TimexRules = DEFAULT_RULES
) -> list[Timex]:
    """Find and normalise the time expressions of ``text`` against ``anchor``.

    Args:
        text: plain text (an article's analysis text).
        anchor: the publication date; None leaves anchor-relative values unresolved
            (month-days become ``XXXX-MM-DD``).
        strip: drop trailing punctuation from spans ("Feb. 9." -> "Feb. 9").
        rules: the optional rules to apply (``TimexRules``; default: those kept).

    Returns:
        Time expressions in text order.
    """
    ctx = Context(anchor=anchor)
    out: list[Timex] = []
    story: tuple[int, date] | None = None  # the last explicit day written: (end, date)
    story_time = rules.story_time and not _TOLD_TODAY.search(text)
    for start, end, fam in _spans(text):
        if fam == "ago":  # "[about] two weeks ago": the hedge stays out of the TimeML extent
            trim = _AGO_HEDGE.match(text, start, end)
            start = trim.end() if trim else start
        span = text[start:end]
        if fam == "deictic" and _past_soon(text, start, end):
            continue
        before = text[max(0, start - 24) : start]
        after = text[end : end + 24]
        future = _future(text, start, end)
        if fam == "time" and _RACE_BEFORE.search(before) and re.fullmatch(r"\d+:\d\d", span):
            fam = "racetime"  # "finished in 3:07", "a time of 4:12": a time taken
        past = not future and fam == "date" and _fronted(text, start, end) is not None
        got = resolve(fam, span, before, after, future, ctx, past)
        if got is None:
            continue
        typ, value, relative = got
        if story_time and fam == "weekday" and story and anchor and value:
            value = _story_weekday(text, span, value, story, start, anchor) or value
        ref = ref_kind(span)
        if ref is not None:
            typ, value, relative = "DATE", ref, True
        out.append(Timex(start, end, span, typ, value, relative, fam))
        if value and re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", value):
            try:
                ctx.last_day = date.fromisoformat(value[:10])
            except ValueError:  # "2026-02-30": that token only, never the whole text
                out.pop()
                continue
            if fam in {"date", "iso"}:
                story = (end, ctx.last_day)
        if value and re.match(r"\d{4}(?![\d-]*X)", value):
            ctx.last_year = int(value[:4])
        if (
            value
            and (ym := re.match(r"(\d{4})-([01]\d)(?![\d:])", value))
            and fam in {"date", "iso"}
        ):
            ctx.last_month = (int(ym.group(1)), int(ym.group(2)))
        if (
            value
            and re.fullmatch(r"\d{4}-Q\d", value)
            and _reported_quarter(fam, span)
            and not (ctx.last_quarter and re.search(r"\d{4}", span))  # "the 1988 third quarter"
        ):
            ctx.last_quarter = value
    return out
