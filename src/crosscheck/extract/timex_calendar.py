"""Calendar tables and arithmetic shared by the timex normalisers.

Word tables (months, weekdays, seasons, parts of the day, duration units), the regexes that
pick those words out of a span, the normalisation ``Context`` (anchor and the last dates
mentioned) and small date arithmetic: ISO days and weeks, month shifts, spelled numbers.
Nothing here looks at the surrounding text; see ``crosscheck.extract.timex`` for the
conventions.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

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
# First month of each TimeML season code.
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# Part-of-day words -> TimeML time suffixes.
PART_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4}  # fmt: skip
UNIT_CODE = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
             "month": "M", "year": "Y", "decade": "DE", "centur": "CE"}  # fmt: skip

MONTH_WORD = re.compile(r"(?i:\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)")
WEEKDAY_WORD = re.compile(r"(?i:\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday))")
YEAR_IN = re.compile(r"(?<![\d'])(1[6-9]\d\d|20\d\d)(?!\d)")
DAY_IN = re.compile(r"(?<![\d:])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])")

# What a normaliser returns: (TIMEX3 type, TimeML value or None, relative?), or None to
# reject the span.
Resolved = tuple[str, str | None, bool] | None


@dataclass
class Context:
    """What normalisation needs besides the span: anchor and the last dates mentioned."""

    anchor: date | None
    last_day: date | None = None
    last_year: int | None = None
    last_quarter: str | None = None
    last_month: tuple[int, int] | None = None  # (year, month) of the last month or day written


def ymd(d: date) -> str:
    """Return ``d`` as ``YYYY-MM-DD``."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def iso_week(d: date) -> str:
    """Return the ISO week of ``d`` as TimeML writes it (``2021-W12``)."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """Return ``(year, month)`` shifted by ``n`` months."""
    total = year * 12 + month - 1 + n
    return total // 12, total % 12 + 1


def number(text: str) -> float | None:
    """Value of a quantity word or numeral ("three", "a", "2.5"); None for vague ones."""
    low = text.lower().strip()
    if low in {"a", "an", "one"}:
        return 1.0
    if low in {"several", "a few", "a couple of", "many", "few", "hundreds"}:
        return None
    return parse_numeral(low) if low[:1].isdigit() else words_value(low.split())
