"""Normalising anchor-relative time expressions: "last week", "three days ago", "today",
"the day before", "Tuesday", "7:30 p.m. Wednesday".

Each value counts from the anchor (the publication date) or, for words that refer back
("the following day", "N days later", "that year"), from the last date the text mentioned
(``Context.last_day``/``last_year``). Each function returns ``(type, value, relative)`` or
None to reject the span; see ``crosscheck.extract.timex`` for the conventions.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from crosscheck.extract.timex_calendar import (
    MONTHS,
    PART_OF_DAY,
    SEASON_MONTH,
    SEASONS,
    WEEKDAY_WORD,
    WEEKDAYS,
    Context,
    Resolved,
    add_months,
    iso_week,
    number,
    ymd,
)
from crosscheck.extract.timex_place import pick_year, place_weekday

LOGGER = logging.getLogger(__name__)


def resolve_relative(span: str, future: bool, ctx: Context) -> Resolved:
    """ "last week", "this year", "the following day", "next spring", "this morning"."""
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
        return ("DATE", ymd(base + timedelta(days=n)), True) if base else None
    if unit in PART_OF_DAY:
        # "last night" is the night before the telling day; "the previous evening" the one
        # before the last day written; "the following morning" the one after it.
        base = anchor if rel in {"this", "last", "past"} else (ctx.last_day or anchor)
        if base is None:
            return "TIME", None, True
        return "TIME", ymd(base + timedelta(days=n)) + PART_OF_DAY[unit], True
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
        y, m = anchor.year, anchor.month
        if base_from_context and ctx.last_month:  # "the following month": after the last one
            y, m = ctx.last_month
        y, m = add_months(y, m, n)
        return "DATE", f"{y:04d}-{m:02d}", True
    if unit == "week":
        return "DATE", iso_week(anchor + timedelta(weeks=n)), True
    if unit == "weekend":
        return "DATE", iso_week(anchor + timedelta(weeks=n)) + "-WE", True
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + n
        y = anchor.year + (q // 4)
        return "DATE", f"{y:04d}-Q{q % 4 + 1}", True
    if unit in SEASONS:
        code = SEASONS[unit]
        y = anchor.year
        if n < 0 and anchor.month < SEASON_MONTH[code] + 3:
            y -= 1
        elif n > 0 and anchor.month >= SEASON_MONTH[code]:
            y += 1
        return "DATE", f"{y:04d}-{code}", True
    return None


def resolve_ago(span: str, ctx: Context) -> Resolved:
    """ "three days ago", "a year earlier", "two weeks later", "a month from now"."""
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
    n = number(qty)
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
        return "TIME", ymd(base), True
    if unit == "day":
        return "DATE", ymd(base + timedelta(days=k)), True
    if unit == "week":
        return "DATE", iso_week(base + timedelta(weeks=k)), True
    if unit == "month":
        y, mo = add_months(base.year, base.month, k)
        return "DATE", f"{y:04d}-{mo:02d}", True
    if unit == "year":
        return "DATE", f"{base.year + k:04d}", True
    if unit == "decade":  # "a decade ago" is a year (TimeBank), not the 1980s
        return "DATE", f"{base.year + 10 * k:04d}", True
    return "DATE", str(base.year // 100 + k), True


def resolve_deictic(span: str, ctx: Context, future: bool = False) -> Resolved:
    """ "today", "yesterday morning", "tonight", "the weekend", "the day before", "now"."""
    low = re.sub(r"\s+", " ", span.lower())
    anchor = ctx.anchor
    mid = re.match(r"mid[ -]?(morning|afternoon|evening)\b", low)
    if mid and low == mid.group(0):  # "by mid-afternoon": the telling day's
        return ("TIME", ymd(anchor) + PART_OF_DAY[mid.group(1)] if anchor else None, True)
    for word, shift in (("before yesterday", -2), ("after tomorrow", 2), ("yesterday", -1),
                        ("tomorrow", 1), ("today", 0), ("tonight", 0), ("this", 0)):  # fmt: skip
        if word in low:
            if anchor is None:
                return "DATE", None, True
            value = ymd(anchor + timedelta(days=shift))
            part = low.split()[-1]
            if mid:  # "mid-afternoon yesterday"
                return "TIME", value + PART_OF_DAY[mid.group(1)], True
            if (part in PART_OF_DAY and word != "this") or word == "this":
                return "TIME", value + PART_OF_DAY.get(part, ""), True
            if word == "tonight":
                return "TIME", value + "TNI", True
            return "DATE", value, True
    if low == "the weekend":
        if anchor is None:
            return "DATE", None, True
        back = 0 if anchor.weekday() >= 5 else 7
        return "DATE", iso_week(anchor - timedelta(days=back)) + "-WE", True
    if re.search(r"(?:end|beginning|start|middle) of the (month|week)$", low):
        if anchor is None:
            return "DATE", None, True
        return "DATE", (ymd(anchor)[:7] if low.endswith("month") else iso_week(anchor)), True
    if re.search(r"year(?:'s)?[- ]end$", low):  # "by year-end": the anchor's year
        return ("DATE", f"{anchor.year:04d}", True) if anchor else ("DATE", None, True)
    if low.endswith("year"):  # "the current fiscal year", "the full year", "the end of the year"
        return ("DATE", f"{anchor.year:04d}", True) if anchor else ("DATE", None, True)
    if re.search(r"(day|night) (before|after)", low):
        named = WEEKDAY_WORD.search(low)
        base: date | None
        if named and anchor:  # "the day before last Tuesday('s hearing)": that Tuesday's eve
            tail = re.split(r" (?:before|after) ", low, maxsplit=1)[-1]
            base = place_weekday(anchor, WEEKDAYS[named.group(1)], tail, future)
        else:
            base = ctx.last_day or anchor
        if base is None:
            return "DATE", None, True
        return "DATE", ymd(base + timedelta(days=-1 if "before" in low else 1)), True
    if re.search(r"(earlier|later) (that|the same) (day|week|month|year)", low):
        base = ctx.last_day or anchor
        if base is None:
            return "DATE", None, True
        unit = low.split()[-1]
        value = {"day": ymd(base), "week": iso_week(base), "month": ymd(base)[:7]}.get(
            unit, f"{ctx.last_year or base.year:04d}"
        )
        return "DATE", value, True
    return "DATE", None, True  # reference words: ``timex`` gives them their REF value


def resolve_weekday(span: str, future: bool, ctx: Context) -> Resolved:
    """ "Tuesday", "last Friday", "next Monday", "Thursday night" (see ``place_weekday``)."""
    m = WEEKDAY_WORD.search(span)
    if m is None:
        return None
    if ctx.anchor is None:
        return "DATE", None, True
    low = span.lower()
    target = WEEKDAYS[m.group(1).lower()]
    told = re.match(r"(?:the\s+)?(previous|preceding|following)\s", low)
    if told:  # "the previous Friday": the one before the last day written (or the anchor)
        base = ctx.last_day or ctx.anchor
        if told.group(1) == "following":
            day = base + timedelta(days=(target - base.weekday()) % 7 or 7)
        else:
            day = base - timedelta(days=(base.weekday() - target) % 7 or 7)
    else:
        day = place_weekday(ctx.anchor, target, low, future)
    part = low.split()[-1]
    if part in PART_OF_DAY:
        return "TIME", ymd(day) + PART_OF_DAY[part], True
    return "DATE", ymd(day), True


def resolve_time(span: str, future: bool, ctx: Context) -> Resolved:
    """Clock times ("7:30 p.m.", "noon", "10 a.m. Tuesday") on the anchor or the day named."""
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
    wd = WEEKDAY_WORD.search(span)
    md = re.search(
        r"(?i:\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b)", span
    )
    if md and ctx.anchor:  # "5 p.m. EST Nov. 9": that day, in the year nearest the anchor
        month, mday = MONTHS[md.group(1).lower()], int(md.group(2))
        day = date(pick_year(ctx.anchor, month, mday, "", future), month, mday)
    elif wd:
        got = resolve_weekday(wd.group(1), future, ctx)
        day = date.fromisoformat(got[1][:10]) if got and got[1] else None
    elif "yesterday" in low and day:
        day -= timedelta(days=1)
    elif "tomorrow" in low and day:
        day += timedelta(days=1)
    prefix = ymd(day) if day else "XXXX-XX-XX"
    return "TIME", f"{prefix}T{hour:02d}:{minute:02d}", True
