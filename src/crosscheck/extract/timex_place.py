"""Placing year-less dates in time: which year a month(-day) and which date a weekday means.

A news article writes "Nov. 21", "December" or "Tuesday" without a year or week; the reader
places them near the publication date. These two functions hold that placement so the
normalisers in ``timex_resolve`` and ``timex_relative`` share one rule each.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

LOGGER = logging.getLogger(__name__)


def pick_year(
    anchor: date, month: int, day: int | None, rel: str, future: bool, past: bool = False
) -> int:
    """Year of a month(-day) written without one: "last"/"next" as said, else the closest.

    TimeBank's annotators resolve "Nov. 21" in an article of Nov. 2 to the coming one and
    "December" in February to the past one: the occurrence nearest the anchor (ties: past).

    Args:
        anchor: the publication date.
        month: the month written.
        day: the day written, or None for a bare month.
        rel: "last", "this", "next" (the word before the month) or "".
        future: the words before the span speak of the future.
        past: the sentence tells it as past (a fronted "In January, ..." with no future
            cue): the latest one up to the anchor's month (or day, for a month-day).
    """
    if rel == "this":
        return anchor.year
    if rel == "last":  # "last February" said in March is the February of a year before
        return anchor.year - 1 if month >= anchor.month - 1 else anchor.year
    if rel == "next":
        return anchor.year + 1 if month <= anchor.month + 1 else anchor.year
    if past and not future:
        ahead = (month, day or 0) > (anchor.month, anchor.day if day else 0)
        return anchor.year - 1 if ahead else anchor.year
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


def place_weekday(anchor: date, target: int, low: str, future: bool) -> date:
    """Date of weekday ``target`` (0 = Monday) said in ``low`` (the lower-cased span).

    "next"/"coming" or a future sentence: the next such day on or after the anchor (a week
    on for "next" said on that very day); otherwise the last one on or before it (a week
    back for "last" said on that day).
    """
    here = anchor.weekday()
    if low.startswith(("next", "coming", "this coming")) or (future and not low.startswith("last")):
        delta = (target - here) % 7 or (7 if low.startswith("next") else 0)
        return anchor + timedelta(days=delta)
    delta = (here - target) % 7 or (7 if low.startswith("last") else 0)
    return anchor - timedelta(days=delta)
