"""Dates: the article's date anchor, and every date/time expression normalised against it.

``infer_anchor`` takes the publication date from the metadata when there is one; otherwise
it infers one from the absolute dates of the text (the latest date of the densest cluster).
``extract_dates`` finds time expressions with the regex recogniser of
``crosscheck.extract.timex`` (fast: no parse needed; the parse only supplies sentence
bounds) and normalises them to ISO 8601 against the anchor. Spans the rules find but cannot
normalise go to dateparser (``RELATIVE_BASE`` = anchor, past preferred), never its
``search_dates`` over a whole article.

Values: ``2021-03-18``, ``2021-03``, ``2021``, ``2021-W12`` (ISO week), ``2021-Q1``,
``2021-SU`` (season), ``2021-03-29/2021-03-30`` (interval; "Friday night" is
``2021-03-26T21:00/2021-03-26T24:00``), ``--03-18`` (year unknown),
``P3Y`` (durations, type DURATION; sets are type SET). "now" takes the anchor date; "recently"
and "the future" stay None. Not handled: see ``crosscheck.extract.timex``.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections import Counter
from datetime import date, datetime

from crosscheck.extract.date_events import event_of
from crosscheck.extract.nlp import Parsed
from crosscheck.extract.timex import DEFAULT_RULES, Timex, TimexRules, find_timexes
from crosscheck.model import Article, DateAnchor, DateRef
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

# Dates further apart than this (days) belong to different clusters when inferring an
# anchor: a news story's own events span days or weeks; background ("since 2014") lies
# years away. Not tuned on evaluation data.
CLUSTER_GAP_DAYS = 45
# A month-day takes its year from a year written at most this far away (characters, about
# a paragraph); "since 2014" never lends its year. Farther years are background ("the plant
# opened in 1998") more often than the story's own year. Not tuned on evaluation data.
YEAR_REACH = 400
# Expression types that can place an event in time (durations and sets cannot).
PLACED = frozenset({"DATE", "TIME"})
# TimeML part-of-day codes <-> ISO time intervals within that day.
PART_OF_DAY: dict[str, tuple[str, str]] = {
    "MO": ("06:00", "12:00"), "AF": ("12:00", "18:00"), "EV": ("18:00", "22:00"),
    "NI": ("21:00", "24:00"),
}  # fmt: skip


def anchor_date(anchor: DateAnchor) -> date | None:
    """Return the anchor as a date, or None when it has no full date (unknown year)."""
    if not anchor.value:
        return None
    try:
        return datetime.fromisoformat(anchor.value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(anchor.value[:10])
        except ValueError:
            return None


def _display(t: Timex) -> str:
    return re.sub(r"\s+", " ", t.text)


def infer_anchor(parsed: Parsed, settings: Settings) -> DateAnchor:
    """Return the date anchor of one article, saying what it rests on.

    In order: the publication date (flags, sidecar, page metadata, or the page's own
    dateline as read by the cleaner: its note names the line); else a wire dateline's
    month-day ("GAZA, Feb. 22 (Xinhua) --"), with the year of the story's own full dates
    when they lie within ``CLUSTER_GAP_DAYS`` of it (else the year stays unknown); else the
    story's own explicit dates. For those, day-precise dates of the text are collected with
    the timex recogniser; a month-day without a year takes the nearest year written within
    ``YEAR_REACH`` characters before it (else after it), never one introduced by "since".
    The dates are sorted and cut into clusters wherever two neighbours lie more than
    ``CLUSTER_GAP_DAYS`` apart; the largest cluster (ties: the latest) gives the window, and
    its latest date the anchor value. A bare year or month ("2004", "since January 2009",
    "June 1983") is background and never an anchor: with no day-precise date the anchor
    is ``none``. When no year appears near the month-days, the anchor is a month-day
    (``--04-01``): the year is never taken from the clock. Relative phrases ("last Nov. 3",
    "Thursday") are not used.
    """
    del settings
    article = parsed.article
    if article.published:
        current = article.date_anchor
        value = article.published.strip()
        if current.basis == "metadata" and current.value and value.startswith(current.value):
            return current  # set with its basis by the cleaner (the page's dateline)
        return DateAnchor(value=value[:10] if len(value) >= 10 else value, basis="metadata",
                          note="publication date from metadata")  # fmt: skip
    text = article.analysis_text
    found = [
        t
        for t in find_timexes(text, None)
        if t.type == "DATE"
        and t.value
        and not re.search(r"(?i)\bsince\s+$", text[max(0, t.start - 8) : t.start])
    ]
    years = [(t.start, int(v[:4])) for t in found if re.match(r"\d{4}", v := t.value or "")]
    starts = [s for s, _ in years]
    days: list[tuple[date | None, tuple[int, int], Timex]] = []
    for t in found:
        value = t.value or ""
        if t.family != "date" or re.match(r"(?i)\s*(?:the\s+)?(?:last|next|this)\b", t.text):
            if t.family in {"year", "iso"} and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                days.append((date.fromisoformat(value), (0, 0), t))
            continue
        m = re.fullmatch(r"(\d{4}|XXXX)-(\d\d)-(\d\d)(?:/.*)?", value)
        if m is None:
            continue
        year = None if m.group(1) == "XXXX" else int(m.group(1))
        if year is None and years:
            year = _nearby_year(years, starts, t.start)
        month, mday = int(m.group(2)), int(m.group(3))
        try:
            day = date(year, month, mday) if year else None
        except ValueError:
            continue
        days.append((day, (month, mday), t))
    points: list[tuple[date, Timex]] = sorted(
        ((d, t) for d, _, t in days if d is not None), key=lambda x: x[0]
    )
    best: list[tuple[date, Timex]] = []
    if points:
        clusters: list[list[tuple[date, Timex]]] = [[points[0]]]
        for prev, cur in itertools.pairwise(points):
            if (cur[0] - prev[0]).days > CLUSTER_GAP_DAYS:
                clusters.append([])
            clusters[-1].append(cur)
        best = max(clusters, key=lambda c: (len(c), c[-1][0]))
    wire = _wire_month_day(article)
    if wire is not None:
        return _dateline_anchor(wire, best)
    if days and not points:  # month-days, no year anywhere near
        md = sorted(days, key=lambda x: x[1])
        cluster = _cluster_md([x[1] for x in md])
        chosen = [x for x in md if x[1] in cluster]
        low, high = min(cluster), max(cluster)
        names = ", ".join(dict.fromkeys(_display(x[2]) for x in chosen))
        return DateAnchor(
            value=f"--{high[0]:02d}-{high[1]:02d}", basis="inferred",
            window=(f"--{low[0]:02d}-{low[1]:02d}", f"--{high[0]:02d}-{high[1]:02d}"),
            note=f"no publication date; inferred from {names}; year unknown (no year "
                 "written near these dates)",
        )  # fmt: skip
    if not best:
        return DateAnchor(
            None, "none", note="no publication date and no day-precise date in the text"
        )
    names = ", ".join(dict.fromkeys(_display(t) for _, t in best))
    return DateAnchor(
        value=best[-1][0].isoformat(), basis="inferred",
        window=(best[0][0].isoformat(), best[-1][0].isoformat()),
        note=f"no publication date; inferred from the story's own dates: {names}",
    )  # fmt: skip


_WIRE_MD = re.compile(
    r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b"
)
_MONTH_NUM = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                "oct", "nov", "dec"), start=1)
}  # fmt: skip


def _wire_month_day(article: Article) -> tuple[int, int, str] | None:
    """The month-day of the article's wire dateline ("GAZA, Feb. 22 (Xinhua) --"), if any."""
    for item in article.removed:
        if item.reason == "wire-dateline" and (m := _WIRE_MD.search(item.text)):
            try:
                date(2000, _MONTH_NUM[m.group(1).lower()], int(m.group(2)))
            except ValueError:
                return None
            return _MONTH_NUM[m.group(1).lower()], int(m.group(2)), item.text.strip()
    return None


def _dateline_anchor(wire: tuple[int, int, str], best: list[tuple[date, Timex]]) -> DateAnchor:
    """A wire dateline's month-day, with the year of the story's own dates near it."""
    month, mday, line = wire
    for year in sorted({d.year for d, _ in best} | {d.year + 1 for d, _ in best}):
        try:
            day = date(year, month, mday)
        except ValueError:
            continue
        if any(abs((day - d).days) <= CLUSTER_GAP_DAYS for d, _ in best):
            names = ", ".join(dict.fromkeys(_display(t) for _, t in best))
            return DateAnchor(
                day.isoformat(), "inferred", window=(best[0][0].isoformat(), day.isoformat()),
                note=f"no publication date; wire dateline “{line}”, year from the story's "
                     f"own dates: {names}",
            )  # fmt: skip
    value = f"--{month:02d}-{mday:02d}"
    return DateAnchor(
        value, "inferred", window=(value, value),
        note=f"no publication date; wire dateline “{line}”; year unknown",
    )  # fmt: skip


def _nearby_year(years: list[tuple[int, int]], starts: list[int], pos: int) -> int | None:
    """The year written nearest ``pos`` (before it preferred), within ``YEAR_REACH`` chars."""
    i = bisect.bisect_left(starts, pos)
    before = years[i - 1] if i > 0 else None
    after = years[i] if i < len(years) else None
    if before and pos - before[0] <= YEAR_REACH:
        return before[1]
    if after and after[0] - pos <= YEAR_REACH:
        return after[1]
    return None


def _cluster_md(mds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Largest cluster of (month, day) pairs, gaps measured within one notional year."""
    ordinal = [(m - 1) * 31 + d for m, d in mds]
    groups: list[list[int]] = [[0]]
    for i in range(1, len(mds)):
        if ordinal[i] - ordinal[i - 1] > CLUSTER_GAP_DAYS:
            groups.append([])
        groups[-1].append(i)
    best = max(groups, key=lambda g: (len(g), g[-1]))
    return [mds[i] for i in best]


def to_iso(value: str | None, anchor: date | None) -> str | None:
    """Turn a TimeML value into our ``DateRef`` value (see the module docstring)."""
    if value is None:
        return None
    if value == "PRESENT_REF":
        return anchor.isoformat() if anchor else None
    if value.endswith("_REF"):
        return None
    if value.startswith("XXXX-") and re.fullmatch(r"XXXX-\d\d(-\d\d)?", value):
        return "-" + value[4:]
    if "X" in value.replace("PX", "P"):
        return None
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(MO|AF|EV|NI)", value)
    if m:  # TimeML's part-of-day codes as ISO time intervals
        start, end = PART_OF_DAY[m.group(2)]
        return f"{m.group(1)}T{start}/{m.group(1)}T{end}"
    return value


def _sentence_bounds(parsed: Parsed) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for offset, sent in parsed.sentences():
        starts.append(offset + sent.start_char)  # type: ignore[attr-defined]
        ends.append(offset + sent.end_char)  # type: ignore[attr-defined]
    return starts, ends


def _dateparser_fallback(text: str, anchor: date | None) -> str | None:
    """Normalise one span with dateparser (past preferred, anchor as base); None if it fails."""
    if anchor is None or len(text) > 40:
        return None
    try:
        import dateparser
    except ImportError:  # optional at run time
        return None
    base = datetime(anchor.year, anchor.month, anchor.day)
    got = dateparser.parse(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False},
    )
    return got.date().isoformat() if got else None


def extract_dates(
    parsed: Parsed, settings: Settings, *, rules: TimexRules = DEFAULT_RULES
) -> tuple[DateRef, ...]:
    """Return the date and time expressions of one article, normalised against its anchor.

    Method: ``find_timexes`` over the analysis text with the anchor date (rules: full
    dates, month-days, weekdays, "last year", "N days ago", "the day before" from the
    previous full date, quarters, clock times, durations, sets); unresolved DATE spans are
    tried once with dateparser. Each ``DateRef.anchor`` says what the value rests on:
    ``absolute`` (a year is written), ``metadata``/``inferred`` (the anchor's basis), or
    ``none`` (relative, no anchor).

    Not handled: "since 2014" keeps the value ``2014`` (the interval up to the anchor is
    left to the reader of ``since``); see ``crosscheck.extract.timex`` for the rest.
    """
    article = parsed.article
    anchor_info = article.date_anchor
    anchor = anchor_date(anchor_info)
    text = article.analysis_text
    starts, ends = _sentence_bounds(parsed)
    out: list[DateRef] = []
    for k, t in enumerate(find_timexes(text, anchor, rules=rules)):
        value = to_iso(t.value, anchor)
        if value is None and t.type == "DATE" and t.relative and t.value is None:
            value = _dateparser_fallback(t.text, anchor)
        basis = "absolute" if not t.relative else anchor_info.basis
        i = bisect.bisect_right(starts, t.start) - 1
        s_start, s_end = (starts[i], ends[i]) if i >= 0 and t.start < ends[i] else (0, 0)
        event, who, whom = event_of(parsed, t.start, t.end) if t.type in PLACED else (None,) * 3
        out.append(
            DateRef(
                id=f"{article.id}:d{k}",
                article=article.id,
                start=t.start,
                end=t.end,
                text=article.text[t.start : t.end],
                value=value,
                type=t.type,
                anchor=basis,
                sentence_start=s_start,
                sentence_end=s_end,
                event=event,
                who=who,
                whom=whom,
            )
        )
    return tuple(out)


def year_counts(refs: tuple[DateRef, ...]) -> Counter[str]:
    """Count the years mentioned by ``refs`` (a helper for reports and tests)."""
    return Counter(r.value[:4] for r in refs if r.value and r.value[:4].isdigit())
