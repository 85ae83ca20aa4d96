"""Dates across sources: a year-less date set far outside the story's window.

The story's window is the dense cluster of day-precise dates of all its articles (and
their publication dates). A temporal anomaly is a date whose year the writer left to the
reader ("last Nov. 3" in a story of late March) that lands far outside that window, and
only when the article's anchor is solid: a publication date (flags, sidecar, page
metadata or the page's dateline), or one inferred from the story's own day-precise dates
(never from a bare year or month: see ``crosscheck.extract.dates.infer_anchor``). The
finding names that anchor. Dates with a written year ("June 17, 1972" in an obituary) are
never anomalies: the writer placed them on purpose. Nor are
dates counted from another date ("that day", "last night") or weekdays and clock times.
A bare month-day ("fired March 2") is an anomaly only more than ``BARE_DAYS`` away from
an anchor with a year (with no year anywhere, it may as well lie ahead); one the writer
sets in the past year ("last Nov. 3") beyond ``ANOMALY_DAYS``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from crosscheck.model import Article, DateRef, Finding
from crosscheck.settings import Settings

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
CORE_DAYS = 45  # dates within this many days of the median form the story's window
ANOMALY_DAYS = 60  # a date this far from the median and outside the window is an anomaly
BARE_DAYS = 180  # a bare month-day ("March 2") is an anomaly only this far away
_MONTH_DAY = re.compile(
    r"(?i)^(?:(?P<last>last|this past)\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?$"
)


_YEARLESS = re.compile(r"^--(\d{2})-(\d{2})")
NOMINAL_YEAR = 2000  # year-less dates are placed on a nominal (leap) year for distances


def _day(value: str | None, anchor: str | None = None) -> date | None:
    """A day-precise date; year-less ``--MM-DD`` dates are placed relative to the anchor.

    News convention: with no year written, a month-day later in the calendar than the
    article's anchor (by more than two weeks) lies in the year before it ("last Nov. 3"
    in a story of late March).
    """
    if not value:
        return None
    m = _DAY.match(value)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        y = _YEARLESS.match(value)
        if not y:
            return None
        day = date(NOMINAL_YEAR, int(y.group(1)), int(y.group(2)))
        ref = _day(anchor) if anchor and anchor != value else None
        if ref is not None and ref.year == NOMINAL_YEAR and (day - ref).days > 14:
            day = day.replace(year=NOMINAL_YEAR - 1)
        return day
    except ValueError:
        return None


def _show(day: date, value: str | None) -> str:
    if value and value.startswith("--"):
        return day.strftime("%b %d").replace(" 0", " ") + " (year not stated)"
    return day.isoformat()


def align_dates(
    dates: Sequence[DateRef],
    articles: Sequence[Article],
    labels: Mapping[str, str],
    settings: Settings,
) -> list[Finding]:
    """Temporal anomalies: day-precise dates far outside the story's window."""
    by_id = {a.id: a for a in articles}
    anchors = {a.id: a.date_anchor.value for a in articles}
    points = [(d, day) for d in dates if (day := _day(d.value, anchors.get(d.article))) is not None]
    # Year-less and dated points cannot be compared: keep the larger group.
    yearless = [p for p in points if p[1].year in {NOMINAL_YEAR, NOMINAL_YEAR - 1}]
    if yearless and len(yearless) * 2 >= len(points):
        points = yearless
    else:
        points = [p for p in points if p not in yearless]
    for article in articles:
        if article.published and article.date_anchor.basis == "metadata":
            day = _day(article.published)
            if day is not None:
                points.append((None, day))  # type: ignore[arg-type]
    if len(points) < 3:
        return []
    ordinals = sorted(p[1].toordinal() for p in points)
    median = ordinals[len(ordinals) // 2]
    core = [o for o in ordinals if abs(o - median) <= CORE_DAYS]
    if len(core) < 2:
        return []
    lo, hi = min(core), max(core)
    lo_ref = next(r for r, d in points if d.toordinal() == lo)
    hi_ref = next(r for r, d in points if d.toordinal() == hi)
    window = (
        f"{_show(date.fromordinal(lo), lo_ref.value if lo_ref else None)} – "
        f"{_show(date.fromordinal(hi), hi_ref.value if hi_ref else None)}"
    )
    findings = []
    for ref, day in points:
        if ref is None:
            continue
        o = day.toordinal()
        distance = abs(o - median)
        if distance <= ANOMALY_DAYS or lo - 30 <= o <= hi + 30:
            continue
        shape = _MONTH_DAY.match(ref.text.strip())
        if ref.anchor == "absolute" or shape is None:
            continue  # a written year, or a date counted from another date
        article = by_id[ref.article]
        if not shape.group("last") and (
            distance <= BARE_DAYS or (article.date_anchor.value or "--").startswith("--")
        ):
            continue  # a bare month-day needs a far distance from an anchor with a year
        basis = _solid_anchor(article)
        if basis is None:
            continue
        months = max(1, round(distance / 30.4))
        side = "before" if o < lo else "after"
        inside = [d for d, dd in points if d is not None and lo <= dd.toordinal() <= hi]
        # The story's other dates as told by the other sources first: they show that the
        # date stands apart from the story, not only from its own article.
        inside.sort(key=lambda d: d.article == ref.article)
        context = [article.span(ref.start, ref.end)]
        for other in inside[:2]:
            context.append(by_id[other.article].span(other.start, other.end))
        findings.append(
            Finding(
                id="",
                kind="temporal_anomaly",
                summary=f"{labels[ref.article]} dates an event to {_show(day, ref.value)} "
                f"(“{ref.text}”), about {months} month{'s' if months > 1 else ''} {side} "
                f"every other event of the story ({window})",
                confidence=round(min(0.95, 0.5 + distance / 400), 2),
                evidence=tuple(context),
                reason=f"no year is written: “{ref.text}” was placed against {basis}; the "
                f"story's other day-precise dates lie within {window}",
                severity="review",
                sources=1,
                facts=(ref.id,),
            )
        )
    return findings


def _solid_anchor(article: Article) -> str | None:
    """Describe the article's anchor when it is solid enough to place a year-less date."""
    anchor = article.date_anchor
    if anchor.value is None:
        return None
    if anchor.basis == "metadata":
        return f"the publication date {anchor.value} ({anchor.note or 'metadata'})"
    if anchor.basis == "inferred" and anchor.window:  # the story's own day-precise dates
        return f"the anchor {anchor.value} ({anchor.note})"
    return None
