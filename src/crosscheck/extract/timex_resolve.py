"""Normalisation of the time expressions ``timex`` finds: span text -> (type, TimeML value).

Kept apart from the recogniser so each file stays small. ``resolve`` returns None to
reject a candidate the patterns over-match (a bare "May", "a quarter of", "2000 troops").
See ``crosscheck.extract.timex`` for the conventions.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta

from crosscheck.extract.units import parse_numeral, words_value

LOGGER = logging.getLogger(__name__)

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PART_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4}  # fmt: skip
_UNIT_CODE = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
              "month": "M", "year": "Y", "decade": "DE", "centur": "CE"}  # fmt: skip
# A bare month name ("March", "May") counts only after one of these words.
_MONTH_CUES = re.compile(
    r"(?i:\b(?:in|of|since|until|till|by|last|this|next|early|late|mid|during|from|through"
    r"|to|before|after|between|and|or|for|each|every|around|on)[\s-]*)$"
)
_MONTH_WORD = re.compile(r"(?i:\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)")
_WEEKDAY_WORD = re.compile(r"(?i:\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday))")
_YEAR_IN = re.compile(r"(?<![\d'])(1[6-9]\d\d|20\d\d)(?!\d)")
_DAY_IN = re.compile(r"(?<![\d:])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])")
# A four-digit number followed by these is a count, not a year ("2000 troops").
_COUNT_AFTER = re.compile(
    r"^\s*(?:%|(?i:percent|per\s+cent|people|troops|soldiers|times|feet|miles|metres|meters"
    r"|km|kilomet|dollars|euros|pounds|points|votes|acres|units|barrels|tons|tonnes|cars"
    r"|jobs|workers|shares|members|cases|deaths|homes|calories|hours|minutes|seconds|yards"
    r"|square|cubic|employees|students|residents|vehicles|rounds|pages|words|kilograms|kg"
    r"|million|billion|m\b|bn\b))"
)


@dataclass
class Context:
    """What normalisation needs besides the span: anchor and the last dates mentioned."""

    anchor: date | None
    last_day: date | None = None
    last_year: int | None = None
    last_quarter: str | None = None


def _ymd(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + n
    return total // 12, total % 12 + 1


def _pick_year(anchor: date, month: int, day: int | None, rel: str, future: bool) -> int:
    """Year of a month(-day) written without one: "last"/"next" as said, else the closest.

    TimeBank's annotators resolve "Nov. 21" in an article of Nov. 2 to the coming one and
    "December" in February to the past one: the occurrence nearest the anchor (ties: past).
    """
    if rel == "this":
        return anchor.year
    if rel == "last":  # "last February" said in March is the February of a year before
        return anchor.year - 1 if month >= anchor.month - 1 else anchor.year
    if rel == "next":
        return anchor.year + 1 if month <= anchor.month + 1 else anchor.year
    best = anchor.year
    best_key: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            when = date(year, month, day or 15)
        except ValueError:
            continue
        gap = (when - anchor).days
        # News looks back: a future date counts three times as far unless the words
        # before it speak of the future (weights from TimeBank, the train split).
        key = (gap * (1 if future else 3) if gap > 0 else -gap, 0 if gap <= 0 else 1)
        if best_key is None or key < best_key:
            best, best_key = year, key
    return best


def _number(text: str) -> float | None:
    low = text.lower().strip()
    if low in {"a", "an", "one"}:
        return 1.0
    if low in {"several", "a few", "a couple of", "many", "few", "hundreds"}:
        return None
    return parse_numeral(low) if low[:1].isdigit() else words_value(low.split())


def _resolve_date(
    span: str, before: str, future: bool, ctx: Context
) -> tuple[str, str | None, bool] | None:
    """Full dates, month-days, month-years and bare months (with "last/this/next")."""
    months = _MONTH_WORD.findall(span)
    if not months:
        return None
    month = MONTHS[months[-1][:3].lower()]
    tail = span[_MONTH_WORD.search(span).end() :]  # type: ignore[union-attr]
    head = span[: _MONTH_WORD.search(span).start()]  # type: ignore[union-attr]
    year_m = _YEAR_IN.search(span)
    days = [int(d) for d in _DAY_IN.findall(re.sub(_YEAR_IN, " ", tail + " " + head))]
    if not days and not year_m:
        word = months[-1]
        bare = len(re.sub(r"[^A-Za-z]", "", span)) == len(re.sub(r"[^A-Za-z]", "", word))
        if bare and (not _MONTH_CUES.search(before) or word.lower().startswith("may")):
            return None
        if bare and word.lower() in {"jan", "feb", "aug", "sept", "oct", "nov", "dec"}:
            return None  # a bare abbreviation without a day is rarely a date
    rel_m = re.match(r"(?i)\s*(?:the\s+)?(last|this|next|past|coming|previous)\b", span)
    rel = (rel_m.group(1).lower() if rel_m else "").replace("past", "last")
    rel = {"coming": "next", "previous": "last"}.get(rel, rel)
    if re.search(r"(?i)last\s+year\s*$", span):
        rel = "lastyear"
    elif re.search(r"(?i)next\s+year\s*$", span):
        rel = "nextyear"
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
        else:
            year = _pick_year(ctx.anchor, month, day, rel, future)
    if day is None:
        return "DATE", f"{year:04d}-{month:02d}", relative
    try:
        start = date(year, month, day)
    except ValueError:
        return None
    if len(days) > 1 and re.search(r"\d\s*[-–]\s*\d", span):
        try:
            return "DATE", f"{_ymd(start)}/{_ymd(date(year, month, days[1]))}", relative
        except ValueError:
            return None
    return "DATE", _ymd(start), relative


def _resolve_iso(span: str) -> tuple[str, str | None, bool] | None:
    if "/" in span:
        parts = span.split("/")
        year = int(parts[2]) if len(parts[2]) == 4 else 2000 + int(parts[2])
        if len(parts[2]) == 2 and int(parts[2]) > 50:
            year -= 100
        try:
            return "DATE", _ymd(date(year, int(parts[0]), int(parts[1]))), False
        except ValueError:
            return None
    return ("TIME" if "T" in span else "DATE"), span[:16], False


def _resolve_year(span: str, after: str, ctx: Context) -> tuple[str, str | None, bool] | None:
    low = span.lower()
    decade = re.search(r"(\d{2,4})0s\b|'(\d)0s", low)
    if decade:
        if decade.group(2):
            return "DATE", f"19{decade.group(2)}", False
        digits = decade.group(1)
        return ("DATE", digits, False) if len(digits) == 3 else None
    if _COUNT_AFTER.match(after):
        return None
    year = _YEAR_IN.search(span)
    if year is None:
        return None
    half = re.search(r"(first|second|latter)\s+half", low)
    if half:
        return "DATE", f"{year.group(1)}-H{1 if half.group(1) == 'first' else 2}", False
    return "DATE", year.group(1), False


def _resolve_relative(span: str, future: bool, ctx: Context) -> tuple[str, str | None, bool] | None:
    low = re.sub(r"\s+", " ", span.lower())
    unit = low.split()[-1]
    for code in ("est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt", "bst", "cet", "time"):
        if unit == code:
            unit = low.split()[-2]
    rel_m = re.search(r"\b(last|this|next|past|coming|previous|current|following|same|that)\b", low)
    rel = rel_m.group(1) if rel_m else "this"
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}
    n = offset.get(rel, 0)
    anchor = ctx.anchor
    base_from_context = rel in {"following", "previous", "same", "that"}
    if anchor is None and not (base_from_context and (ctx.last_day or ctx.last_year)):
        return "DATE", None, True
    if unit == "day":
        base = (ctx.last_day if base_from_context else None) or anchor
        return ("DATE", _ymd(base + timedelta(days=n)), True) if base else None
    if unit in _PART_OF_DAY:
        base = anchor if rel == "this" else (ctx.last_day or anchor)
        if base is None:
            return "TIME", None, True
        return "TIME", _ymd(base + timedelta(days=max(n, 0))) + _PART_OF_DAY[unit], True
    if unit in {"year", "decade", "century"}:
        year = anchor.year if anchor else None
        if base_from_context and ctx.last_year:
            year = ctx.last_year
        if year is None:
            return "DATE", None, True
        if unit == "decade":
            return "DATE", str(year // 10 + n), True
        if unit == "century":
            return "DATE", str(year // 100 + n), True
        return "DATE", f"{year + n:04d}", True
    if anchor is None:
        return "DATE", None, True
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, n)
        return "DATE", f"{y:04d}-{m:02d}", True
    if unit == "week":
        return "DATE", _week(anchor + timedelta(weeks=n)), True
    if unit == "weekend":
        return "DATE", _week(anchor + timedelta(weeks=n)) + "-WE", True
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + n
        y = anchor.year + (q // 4)
        return "DATE", f"{y:04d}-Q{q % 4 + 1}", True
    if unit in SEASONS:
        code = SEASONS[unit]
        y = anchor.year
        if n < 0 and anchor.month < _SEASON_MONTH[code] + 3:
            y -= 1
        elif n > 0 and anchor.month >= _SEASON_MONTH[code]:
            y += 1
        return "DATE", f"{y:04d}-{code}", True
    return None


def _resolve_ago(span: str, ctx: Context) -> tuple[str, str | None, bool] | None:
    low = re.sub(r"\s+", " ", span.lower())
    m = re.search(
        r"([\w.-]+(?: few| couple of)?)[ -](?:and a half )?(second|minute|hour|day|week|month"
        r"|year|decade|centur)\w* (ago|earlier|later|before|after|from now|hence)$",
        low,
    )
    if m is None:
        return None
    qty, unit, direction = m.group(1), m.group(2), m.group(3)
    qty = re.sub(r"^(?:about|almost|nearly|some|just|only|over|roughly|around) ", "", qty)
    n = _number(qty)
    sign = -1 if direction in {"ago", "earlier", "before"} else 1
    base = ctx.anchor if direction in {"ago", "from now", "hence"} else ctx.last_day or ctx.anchor
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", True
    if base is None:
        return "DATE", None, True
    k = round(n) * sign
    if unit == "year" and ctx.last_quarter and direction != "from now":
        # "a year ago" in an earnings report: the same quarter a year before
        return "DATE", f"{int(ctx.last_quarter[:4]) + k:04d}{ctx.last_quarter[4:]}", True
    if unit in {"second", "minute", "hour"}:
        return "TIME", _ymd(base), True
    if unit == "day":
        return "DATE", _ymd(base + timedelta(days=k)), True
    if unit == "week":
        return "DATE", _week(base + timedelta(weeks=k)), True
    if unit == "month":
        y, mo = _add_months(base.year, base.month, k)
        return "DATE", f"{y:04d}-{mo:02d}", True
    if unit == "year":
        return "DATE", f"{base.year + k:04d}", True
    if unit == "decade":  # "a decade ago" is a year (TimeBank), not the 1980s
        return "DATE", f"{base.year + 10 * k:04d}", True
    return "DATE", str(base.year // 100 + k), True


def _resolve_deictic(span: str, ctx: Context) -> tuple[str, str | None, bool] | None:
    low = re.sub(r"\s+", " ", span.lower())
    anchor = ctx.anchor
    for word, shift in (("before yesterday", -2), ("after tomorrow", 2), ("yesterday", -1),
                        ("tomorrow", 1), ("today", 0), ("tonight", 0), ("this", 0)):  # fmt: skip
        if word in low:
            if anchor is None:
                return "DATE", None, True
            value = _ymd(anchor + timedelta(days=shift))
            part = low.split()[-1]
            if (part in _PART_OF_DAY and word != "this") or word == "this":
                return "TIME", value + _PART_OF_DAY.get(part, ""), True
            if word == "tonight":
                return "TIME", value + "TNI", True
            return "DATE", value, True
    if low == "the weekend":
        if anchor is None:
            return "DATE", None, True
        back = 0 if anchor.weekday() >= 5 else 7
        return "DATE", _week(anchor - timedelta(days=back)) + "-WE", True
    if low.endswith("year"):  # "the current fiscal year", "the full year"
        return ("DATE", f"{anchor.year:04d}", True) if anchor else ("DATE", None, True)
    if re.search(r"(day|night) (before|after)", low):
        base = ctx.last_day or anchor
        if base is None:
            return "DATE", None, True
        return "DATE", _ymd(base + timedelta(days=-1 if "before" in low else 1)), True
    if re.search(r"(earlier|later) (that|the same) (day|week|month|year)", low):
        base = ctx.last_day or anchor
        if base is None:
            return "DATE", None, True
        unit = low.split()[-1]
        value = {"day": _ymd(base), "week": _week(base), "month": _ymd(base)[:7]}.get(
            unit, f"{ctx.last_year or base.year:04d}"
        )
        return "DATE", value, True
    return "DATE", None, True  # reference words: ``timex`` gives them their REF value


def _resolve_weekday(span: str, future: bool, ctx: Context) -> tuple[str, str | None, bool] | None:
    m = _WEEKDAY_WORD.search(span)
    if m is None:
        return None
    if ctx.anchor is None:
        return "DATE", None, True
    target = WEEKDAYS[m.group(1).lower()]
    low = span.lower()
    here = ctx.anchor.weekday()
    if low.startswith(("next", "coming", "this coming")) or (future and not low.startswith("last")):
        delta = (target - here) % 7 or (7 if low.startswith("next") else 0)
        day = ctx.anchor + timedelta(days=delta)
    else:
        delta = (here - target) % 7 or (7 if low.startswith("last") else 0)
        day = ctx.anchor - timedelta(days=delta)
    part = low.split()[-1]
    if part in _PART_OF_DAY:
        return "TIME", _ymd(day) + _PART_OF_DAY[part], True
    return "DATE", _ymd(day), True


def _resolve_quarter(span: str, ctx: Context) -> tuple[str, str | None, bool] | None:
    low = re.sub(r"\s+", " ", span.lower())
    ordinal = next((v for k, v in _ORDINALS.items() if re.search(rf"\b{k}\b", low)), None)
    kind = "half" if "half" in low else "period" if "period" in low else "quarter"
    special = re.search(r"latest|current|year-ago|year-earlier|comparable|previous|prior|same", low)
    year_m = _YEAR_IN.search(low)
    if kind == "half" and ordinal not in {1, 2}:
        return None
    if kind == "period" and not (special or year_m):
        return None
    if ordinal is None and not low.startswith("the"):
        return None
    if ordinal is None and kind == "quarter" and not special and low != "the quarter":
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
        if re.search(r"year-ago|year-earlier", low):
            y -= 1
        return "DATE", f"{y:04d}-Q{q}", True
    if not year_m and anchor is not None and ordinal > current_q and "year" not in low:
        year -= 1
    return "DATE", f"{year:04d}-Q{ordinal}", not year_m


def _resolve_time(span: str, future: bool, ctx: Context) -> tuple[str, str | None, bool] | None:
    low = span.lower()
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*([ap])?", low)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) == "p" and hour < 12:
            hour += 12
        elif m.group(3) == "a" and hour == 12:
            hour = 0
    elif "midnight" in low:
        hour, minute = 0, 0
    else:
        hour, minute = 12, 0
    day = ctx.anchor
    wd = _WEEKDAY_WORD.search(span)
    if wd:
        got = _resolve_weekday(wd.group(1), future, ctx)
        day = date.fromisoformat(got[1][:10]) if got and got[1] else None
    elif "yesterday" in low and day:
        day -= timedelta(days=1)
    elif "tomorrow" in low and day:
        day += timedelta(days=1)
    prefix = _ymd(day) if day else "XXXX-XX-XX"
    return "TIME", f"{prefix}T{hour:02d}:{minute:02d}", True


def _resolve_spelled(span: str, ctx: Context) -> tuple[str, str | None, bool] | None:
    low = re.sub(r"\s+", " ", span.lower())
    month_m = _MONTH_WORD.match(span)
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


def _resolve_holiday(span: str, future: bool, ctx: Context) -> tuple[str, str | None, bool] | None:
    low = span.lower()
    year_m = _YEAR_IN.search(span)
    anchor = ctx.anchor
    year = int(year_m.group(1)) if year_m else anchor.year if anchor else None
    if year is None:
        return "DATE", None, True
    if "last" in low.split()[:1] and not year_m:
        year -= 1
    elif not year_m and anchor is not None and anchor.month <= 2 and "new year" not in low:
        year -= 1  # a holiday of the late year, mentioned in January: last year's
    fixed = {"christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31),
             "new year": (1, 1), "halloween": (10, 31), "independence day": (7, 4),
             "valentine": (2, 14)}  # fmt: skip
    for key, (mo, dd) in fixed.items():
        if key in low:
            return "DATE", f"{year:04d}-{mo:02d}-{dd:02d}", not year_m
    if "thanksgiving" in low:
        nov1 = date(year, 11, 1)
        return "DATE", _ymd(nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)), not year_m
    return "DATE", None, True


def _resolve_duration(span: str, before: str) -> tuple[str, str | None, bool] | None:
    low = re.sub(r"\s+", " ", span.lower())
    m = re.search(
        r"([\w.]+(?: few| couple of)?)[ -](and a half )?(second|minute|hour|day|week|month"
        r"|year|decade|centur)\w*",
        low,
    )
    if m is None:
        return None
    qty = re.sub(r"^.* ", "", m.group(1)) if " few" not in m.group(1) else m.group(1)
    n = _number(qty)
    if qty in {"a", "an"} and re.search(r"(\d|%|\bper)\s*$", before):
        return "SET", "P1" + _UNIT_CODE[m.group(3)], False
    if n is not None and m.group(2):
        n += 0.5
    code = _UNIT_CODE[m.group(3)]
    time_part = "T" if m.group(3) in {"second", "minute", "hour"} else ""
    amount = "X" if n is None else (f"{n:g}" if n != int(n) else str(int(n)))
    if code in {"DE", "CE"} and n is not None:
        amount, code = str(int(n * (10 if code == "DE" else 100))), "Y"
    return "DURATION", f"P{time_part}{amount}{code}", False


def _resolve_set(span: str) -> tuple[str, str | None, bool] | None:
    low = span.lower()
    for word, value in (("hour", "PT1H"), ("night", "P1D"), ("dai", "P1D"), ("day", "P1D"),
                        ("week", "P1W"), ("quarter", "P3M"), ("month", "P1M"),
                        ("annual", "P1Y"), ("year", "P1Y"), ("morning", "P1D")):  # fmt: skip
        if word in low:
            return "SET", value, False
    return "SET", "P1W", False  # "every Monday"


def resolve(
    family: str, span: str, before: str, after: str, future: bool, ctx: Context
) -> tuple[str, str | None, bool] | None:
    """Return ``(TIMEX3 type, TimeML value or None, relative?)`` or None to reject the span."""
    try:
        if family == "date":
            return _resolve_date(span, before, future, ctx)
        if family == "iso":
            return _resolve_iso(span)
        if family == "year":
            return _resolve_year(span, after, ctx)
        if family == "relative":
            return _resolve_relative(span, future, ctx)
        if family == "ago":
            return _resolve_ago(span, ctx)
        if family == "deictic":
            return _resolve_deictic(span, ctx)
        if family == "weekday":
            return _resolve_weekday(span, future, ctx)
        if family == "quarter":
            return _resolve_quarter(span, ctx)
        if family == "time":
            return _resolve_time(span, future, ctx)
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
