"""Normalisation of the time expressions ``timex`` finds: span text -> (type, TimeML value).

``resolve`` dispatches on the pattern family. This module holds the forms that carry their
own calendar position (full dates and month-days, ISO and numeric dates, years and decades,
quarters and halves, spelled years, holidays) and the amounts (durations, sets); the
anchor-relative forms are in ``timex_relative``, year/weekday placement in ``timex_place``,
tables and date arithmetic in ``timex_calendar``. ``resolve`` returns None to reject a
candidate the patterns over-match (a bare "May", "a quarter of", "2000 troops").
See ``crosscheck.extract.timex`` for the conventions.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from crosscheck.extract.timex_calendar import (
    DAY_IN,
    MONTH_WORD,
    MONTHS,
    ORDINALS,
    SEASONS,
    UNIT_CODE,
    YEAR_IN,
    Context,
    Resolved,
    iso_week,
    number,
    ymd,
)
from crosscheck.extract.timex_place import pick_year
from crosscheck.extract.timex_relative import (
    resolve_ago,
    resolve_deictic,
    resolve_relative,
    resolve_time,
    resolve_weekday,
)
from crosscheck.extract.units import words_value

LOGGER = logging.getLogger(__name__)

# A bare month name ("March", "May") counts only after one of these words.
_MONTH_CUES = re.compile(
    r"(?i:\b(?:in|of|since|until|till|by|last|this|next|early|late|mid|during|from|through"
    r"|to|before|after|between|and|or|for|each|every|around|on)[\s-]*)$"
)  # A bare month with no cue before it is still a date when a noun follows it ("the October
# slaying", "a June agreement"); not a name's ("the March for Life", "the March of ...").
_MONTH_NOUN_AFTER = re.compile(
    r"\s+(?!(?:for|of|on|to|in|at|by|with|from|and|or|the|a|an)\b)[a-z]{3,}"
)

# A four-digit number followed by these is a count, not a year ("2000 troops").
_COUNT_AFTER = re.compile(
    r"^\s*(?:%|(?i:percent|per\s+cent|people|troops|soldiers|times|feet|miles|metres|meters"
    r"|km|kilomet|dollars|euros|pounds|points|votes|acres|units|barrels|tons|tonnes|cars"
    r"|jobs|workers|shares|members|cases|deaths|homes|calories|hours|minutes|seconds|yards"
    r"|square|cubic|employees|students|residents|vehicles|rounds|pages|words|kilograms|kg"
    r"|million|billion|m\b|bn\b))"
)

# "February this year", "April next year": the year said right after a year-less month.
_YEAR_AFTER = re.compile(r"(?i:,?\s+(this|last|next)\s+year\b)")
# Strong cues for the month "May" (never the modal verb, which is lower case mid-sentence).
_MAY_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|early|late|mid|during|through|last|this|next|of)[\s-]*)$"
)
_HOLIDAYS = {"christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31),
             "new year": (1, 1), "halloween": (10, 31), "independence day": (7, 4),
             "valentine": (2, 14)}  # fmt: skip
# (month, weekday, nth; -1 = last): Election Day is the Tuesday after the first Monday.
_FLOATING = {"thanksgiving": (11, 3, 4), "labor day": (9, 0, 1), "memorial day": (5, 0, -1),
             "election day": (11, 0, 1)}  # fmt: skip


_DAY_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip
_DAY_WORD = re.compile(rf"\b((?:twenty-|thirty-)?(?:{'|'.join(_DAY_WORDS)}|thirtieth))\b")


def _ordinal_day(word: str) -> int:
    """ "eighth" -> 8, "twenty-first" -> 21, "thirtieth" -> 30."""
    tens, _, unit = word.rpartition("-")
    base = {"twenty": 20, "thirty": 30}.get(tens, 0)
    return 30 if unit == "thirtieth" else base + _DAY_WORDS.index(unit) + 1


def _may_ok(before: str, after: str) -> bool:
    """A bare "May" is the month after "in", "since", "early"...; never "May's" (a name)."""
    return bool(_MAY_BEFORE.search(before)) and not re.match(r"['’]s\b", after)


def _resolve_date(
    span: str, before: str, after: str, future: bool, ctx: Context, past: bool = False
) -> Resolved:
    """Full dates, month-days, month-years and bare months (with "last/this/next").

    A year-less month takes the year said right after it ("February this year", "April
    next year"); "May" alone counts only after a word that introduces a time ("in May").
    """
    months = MONTH_WORD.findall(span)
    if not months:
        return None
    month = MONTHS[months[-1][:3].lower()]
    tail = span[MONTH_WORD.search(span).end() :]  # type: ignore[union-attr]
    head = span[: MONTH_WORD.search(span).start()]  # type: ignore[union-attr]
    year_m = YEAR_IN.search(span)
    days = [int(d) for d in DAY_IN.findall(re.sub(YEAR_IN, " ", tail + " " + head))]
    if not days:  # "March eighth", "the twenty-first of May"
        days = [_ordinal_day(w) for w in _DAY_WORD.findall(span.lower())]
    if not days and not year_m:
        word = list(MONTH_WORD.finditer(span))[-1].group(0).rstrip(".")  # "March", not "mar"
        bare = len(re.sub(r"[^A-Za-z]", "", span)) == len(re.sub(r"[^A-Za-z]", "", word))
        if bare and not _MONTH_CUES.search(before) and not _MONTH_NOUN_AFTER.match(after):
            return None  # "the annual March for Life", not "the October slaying"
        if bare and word.lower() == "may" and not _may_ok(before, after):
            return None
        if bare and word.lower() in {"jan", "feb", "aug", "sept", "oct", "nov", "dec"}:
            return None  # a bare abbreviation without a day is rarely a date
    rel_m = re.match(r"(?i)\s*(?:the\s+)?(last|this|next|past|coming|previous)\b", span)
    rel = (rel_m.group(1).lower() if rel_m else "").replace("past", "last")
    rel = {"coming": "next", "previous": "last"}.get(rel, rel)
    year_after = _YEAR_AFTER.match(after)
    if year_after and not rel:
        rel = year_after.group(1).lower() + "year"
    if re.search(r"(?i)last\s+year\s*$", span):
        rel = "lastyear"
    elif re.search(r"(?i)next\s+year\s*$", span):
        rel = "nextyear"
    elif re.search(r"(?i)this\s+year\s*$", span):  # "January this year"
        rel = "thisyear"
    day = days[0] if days else None
    if year_m:
        year = int(year_m.group(1))
        relative = False
    elif ctx.anchor is None:
        if day is None:
            return "DATE", f"XXXX-{month:02d}", True
        return "DATE", f"XXXX-{month:02d}-{day:02d}", True
    else:
        relative = True
        if rel == "lastyear":
            year = ctx.anchor.year - 1
        elif rel == "nextyear":
            year = ctx.anchor.year + 1
        elif rel == "thisyear":
            year = ctx.anchor.year
        else:
            year = pick_year(ctx.anchor, month, day, rel, future, past)
    if day is None:
        return "DATE", f"{year:04d}-{month:02d}", relative
    try:
        start = date(year, month, day)
    except ValueError:
        return None
    if len(days) > 1 and re.search(r"\d\s*[-–]\s*\d", span):
        try:
            return "DATE", f"{ymd(start)}/{ymd(date(year, month, days[1]))}", relative
        except ValueError:
            return None
    return "DATE", ymd(start), relative


def _resolve_iso(span: str) -> Resolved:
    if "/" in span:
        parts = span.split("/")
        year = int(parts[2]) if len(parts[2]) == 4 else 2000 + int(parts[2])
        if len(parts[2]) == 2 and int(parts[2]) > 50:
            year -= 100
        try:
            return "DATE", ymd(date(year, int(parts[0]), int(parts[1]))), False
        except ValueError:
            return None
    try:  # an impossible date ("2026-02-30") is no date: only that token is lost
        date.fromisoformat(span[:10])
    except ValueError:
        return None
    return ("TIME" if "T" in span else "DATE"), span[:16], False


def _resolve_year(span: str, after: str, ctx: Context) -> Resolved:
    low = span.lower()
    decade = re.search(r"(\d{2,4})0s\b|'(\d)0s", low)
    if decade:
        if decade.group(2):
            return "DATE", f"19{decade.group(2)}", False
        digits = decade.group(1)
        return ("DATE", digits, False) if len(digits) == 3 else None
    if _COUNT_AFTER.match(after):
        return None
    year = YEAR_IN.search(span)
    if year is None:
        return None
    half = re.search(r"(first|second|latter)\s+half", low)
    if half:
        return "DATE", f"{year.group(1)}-H{1 if half.group(1) == 'first' else 2}", False
    return "DATE", year.group(1), False


def _resolve_years(span: str) -> Resolved:
    """A span of years ("2009-2010", "1998-99", "fiscal 2009-10"): the interval of years.

    The second year must follow the first (two digits: the very next year, so "2009-10" is
    a span of years and never October 2009 or "2009-05"); else no date.
    """
    m = re.search(r"(\d{4})\s*[-–/]\s*(\d{2}|\d{4})$", span)
    if m is None:
        return None
    first, tail = int(m.group(1)), m.group(2)
    if len(tail) == 2:
        last = first - first % 100 + int(tail)
        if last != first + 1 and not (first % 100 == 99 and tail == "00"):
            return None
        last = first + 1
    else:
        last = int(tail)
        if not first < last <= first + 50:
            return None
    return "DATE", f"{first:04d}/{last:04d}", False


def _resolve_racetime(span: str) -> Resolved:
    """A time taken ("2:03:23", "4:12.5", "3:07" in a race): a duration, never a clock time."""
    parts = span.split(":")
    if len(parts) == 3:
        h, m, sec = int(parts[0]), int(parts[1]), float(parts[2])
        return "DURATION", f"PT{h}H{m}M{sec:g}S", False
    if "." in parts[1]:
        return "DURATION", f"PT{int(parts[0])}M{float(parts[1]):g}S", False
    return "DURATION", None, False  # hours:minutes or minutes:seconds: the race says which


# "the year-ago quarter", "the quarter a year ago", "the third quarter a year earlier".
_YEAR_BACK = re.compile(r"year-ago|year-earlier|\ba year (?:ago|earlier)$")


def _resolve_quarter(span: str, ctx: Context) -> Resolved:
    low = re.sub(r"\s+", " ", span.lower())
    ordinal = next((v for k, v in ORDINALS.items() if re.search(rf"\b{k}\b", low)), None)
    kind = "half" if "half" in low else "period" if "period" in low else "quarter"
    special = re.search(r"latest|current|year-ago|year-earlier|comparable|previous|prior|same", low)
    year_m = YEAR_IN.search(low)
    if low in {"year-ago", "year-earlier"}:  # "year-earlier profit": the same period a year back
        if ctx.last_quarter:
            return "DATE", f"{int(ctx.last_quarter[:4]) - 1:04d}{ctx.last_quarter[4:]}", True
        return ("DATE", f"{ctx.anchor.year - 1:04d}", True) if ctx.anchor else ("DATE", None, True)
    if kind == "half" and ordinal not in {1, 2}:
        return None
    if kind == "period" and not (special or year_m):
        return None
    if ordinal is None and not low.startswith("the"):
        return None
    back = _YEAR_BACK.search(low)
    if ordinal is None and kind == "quarter" and not (special or back) and low != "the quarter":
        return None
    anchor = ctx.anchor
    if year_m:
        year = int(year_m.group(1))
    elif anchor is None:
        return "DATE", None, True
    else:
        year = anchor.year + (-1 if "last year" in low else 1 if "next year" in low else 0)
    current_q = (anchor.month - 1) // 3 + 1 if anchor else 4
    if kind == "half":
        return "DATE", f"{year:04d}-H{ordinal}", not year_m
    if ordinal is None:  # "the quarter", "the latest period": the quarter last reported
        q = current_q - 1 if not year_m else 4
        y = year
        if q == 0:
            q, y = 4, year - 1
        if back:
            if ctx.last_quarter and kind == "quarter":
                y, q = int(ctx.last_quarter[:4]), int(ctx.last_quarter[-1])
            y -= 1
        return "DATE", f"{y:04d}-Q{q}", True
    if not year_m and anchor is not None and ordinal > current_q and "year" not in low:
        year -= 1
    if not year_m and back:  # "the year-ago third quarter", "the third quarter a year ago"
        year -= 1
    return "DATE", f"{year:04d}-Q{ordinal}", not year_m


def _resolve_spelled(span: str, ctx: Context) -> Resolved:
    low = re.sub(r"\s+", " ", span.lower())
    month_m = MONTH_WORD.match(span)
    season = next((c for k, c in SEASONS.items() if f"the {k} of" in low), None)
    m = re.search(r"(nineteen|two thousand)(.*)$", low)
    if m is None:
        return None
    rest = m.group(2).replace("hundred", "").replace(" and ", " ").replace("oh", "").split()
    if m.group(1) == "nineteen":
        tail = words_value(rest) if rest else None
        if tail is None or tail >= 100:
            return None
        year = 1900 + int(tail)
    else:
        year = 2000 + int(words_value(rest) or 0) if rest else 2000
    if month_m:
        return "DATE", f"{year:04d}-{MONTHS[month_m.group(1)[:3].lower()]:02d}", False
    if season:
        return "DATE", f"{year:04d}-{season}", False
    return "DATE", f"{year:04d}", False


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (0 = Monday) of ``month``; ``nth`` -1 is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian calendar; the Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday_date(low: str, year: int) -> date | None:
    """Date of the holiday named in ``low`` in ``year`` (US holidays and Easter; "Easter
    week" is the week that ends on Easter Sunday, given by that Sunday); None if unknown."""
    if "easter" in low or "good friday" in low:
        sunday = easter(year)
        shift = {"monday": 1, "good friday": -2}
        return sunday + timedelta(days=next((v for k, v in shift.items() if k in low), 0))
    for key, (mo, dd) in _HOLIDAYS.items():
        if key in low:
            return date(year, mo, dd)
    for key, (mo, wd, nth) in _FLOATING.items():
        if key in low:
            got = _nth_weekday(year, mo, wd, nth)
            return got + timedelta(days=1) if key == "election day" else got
    return None


def _resolve_holiday(span: str, future: bool, ctx: Context) -> Resolved:
    """Holidays with a fixed or rule-based date; the nearest occurrence when no year."""
    low = re.sub(r"\s+", " ", span.lower())
    year_m = YEAR_IN.search(span)
    anchor = ctx.anchor
    if year_m:
        year = int(year_m.group(1))
    elif anchor is None:
        return "DATE", None, True
    else:  # the occurrence nearest the anchor, as for a year-less month-day
        rel = low.split()[0] if low.split()[0] in {"last", "next", "this"} else ""
        approx = _holiday_date(low, anchor.year)
        if approx is None:
            return "DATE", None, True
        year = pick_year(anchor, approx.month, approx.day, rel, future)
    when = _holiday_date(low, year)
    if when and re.search(r"\bweek\b", low):  # "Easter week": the week that ends on Easter Sunday
        return "DATE", iso_week(when), not year_m
    return "DATE", (ymd(when) if when else None), not year_m


def _resolve_duration(span: str, before: str) -> Resolved:
    low = re.sub(r"\s+", " ", span.lower())
    m = re.search(
        r"([\w.]+(?: few| couple of)?)[ -](and a half )?(second|minute|hour|day|week|month"
        r"|year|decade|centur)\w*",
        low,
    )
    if m is None:
        return None
    qty = re.sub(r"^.* ", "", m.group(1)) if " few" not in m.group(1) else m.group(1)
    n = number(qty)
    if qty in {"a", "an"} and re.search(r"(\d|%|\bper)\s*$", before):
        return "SET", "P1" + UNIT_CODE[m.group(3)], False
    if n is not None and m.group(2):
        n += 0.5
    code = UNIT_CODE[m.group(3)]
    time_part = "T" if m.group(3) in {"second", "minute", "hour"} else ""
    amount = "X" if n is None else (f"{n:g}" if n != int(n) else str(int(n)))
    if code in {"DE", "CE"} and n is not None:
        amount, code = str(int(n * (10 if code == "DE" else 100))), "Y"
    return "DURATION", f"P{time_part}{amount}{code}", False


def _resolve_set(span: str) -> Resolved:
    low = span.lower()
    for word, value in (("hour", "PT1H"), ("night", "P1D"), ("dai", "P1D"), ("day", "P1D"),
                        ("week", "P1W"), ("quarter", "P3M"), ("month", "P1M"),
                        ("annual", "P1Y"), ("year", "P1Y"), ("morning", "P1D")):  # fmt: skip
        if word in low:
            return "SET", value, False
    return "SET", "P1W", False  # "every Monday"


def resolve(
    family: str, span: str, before: str, after: str, future: bool, ctx: Context, past: bool = False
) -> Resolved:
    """Return ``(TIMEX3 type, TimeML value or None, relative?)`` or None to reject the span.

    ``past``: the sentence tells the expression as past (see ``timex``); a year-less month
    or month-day then never lies ahead of the anchor.
    """
    try:
        if family == "date":
            return _resolve_date(span, before, after, future, ctx, past)
        if family == "iso":
            return _resolve_iso(span)
        if family == "year":
            return _resolve_year(span, after, ctx)
        if family == "years":
            return _resolve_years(span)
        if family == "racetime":
            return _resolve_racetime(span)
        if family == "theyear":
            if re.match(r"(?i)\s+end(?:ed|ing)\b", after):  # "the year ended June 30"
                return "DURATION", "P1Y", False
            return ("DATE", f"{ctx.anchor.year:04d}", True) if ctx.anchor else ("DATE", None, True)
        if family == "relative":
            return resolve_relative(span, future, ctx)
        if family == "ago":
            return resolve_ago(span, ctx)
        if family == "deictic":
            return resolve_deictic(span, ctx, future)
        if family == "weekday":
            return resolve_weekday(span, future, ctx)
        if family == "quarter":
            return _resolve_quarter(span, ctx)
        if family == "time":
            return resolve_time(span, future, ctx)
        if family == "spelled":
            return _resolve_spelled(span, ctx)
        if family == "century":
            n = int(re.sub(r"\D", "", span.split()[-2] if " " in span else span)[:2])
            return "DATE", f"{n - 1:02d}", False
        if family == "holiday":
            return _resolve_holiday(span, future, ctx)
        if family == "duration":
            return _resolve_duration(span, before)
        if family == "set":
            return _resolve_set(span)
    except (ValueError, OverflowError, KeyError) as exc:  # a malformed span: skip it
        LOGGER.debug("cannot normalise %r (%s): %s", span, family, exc)
        return None
    return None
