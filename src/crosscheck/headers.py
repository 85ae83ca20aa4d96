"""Plain-text page headers: the URL, title and publication date a copied page prints.

An article copied or scraped from a page often begins with the page's own furniture::

    http://www.example-news.com/2013/09/16/climber-dies
    British climber dies in New Zealand fall
    Monday 16 September 2013 03.31 BST
    A British climber has fallen to his death ...

``read_header(text)`` reads that header: the URL line gives ``url`` and ``outlet`` (the
host without ``www.``); the line after it, the title; a dateline or timestamp line in the
first lines of the page ("Published: July 29, 2004", "4 August 2013 Last updated at 19:47
GMT", "December 15th, 2008, 7:35 am", "Updated 4/11/2007 1:26 PM", "14:25 Sun Sep 15 2013")
the publication date, with the line it came from as its basis. A wire dateline opening the
story ("MOGADISHU, Sept 5 (Reuters) -") gives the agency and a month-day; it becomes a
publication date only when a full date written elsewhere in the text agrees with it
(the year is never guessed).

Every value is read from the text; what the text does not show stays ``None``. Numeric
dates are read month first ("4/11/2007" is April 11) unless the day cannot be a month
(15/09/2013), a date in the URL agrees with the other reading, or the URL's host is in a
country that writes the day first (``.uk``, ``.nz``, ``.au``, ``.fr``, ...). Of several
header dates the earliest is the publication date (a page prints "Posted" before
"Updated"). The header lines that are only furniture (the URL line, dateline lines) are
returned as ``Removed`` spans for the cleaner; the title line stays in the analysed text
(headlines carry claims).

Not handled: dates in other languages, dates spelled out in words, a dateline further down
than ``HEADER_LINES`` lines, and URL dates (a page can be re-filed years later under a new
path, so a date in the URL is used only to decide between two readings of "6/7/2013").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from crosscheck.model import Removed

__all__ = ["DateLine", "PageHeader", "full_dates", "parse_date_line", "read_header"]

# Datelines are looked for among this many first non-blank lines (a page prints its date
# after the URL, title and at most a standfirst or two).
HEADER_LINES = 7
# A wire dateline opens one of the story's first lines (after title and byline).
WIRE_LINES = 3
# A dateline is short; longer lines are prose.
MAX_DATELINE_CHARS = 160
# A title has at most this many words.
MAX_TITLE_WORDS = 40

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)"
)
_YEAR4 = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
_I = re.IGNORECASE

# One date with a written year, in the forms pages print.
_DATE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?P<mon1>{_MONTH})\.?\s+(?P<day1>\d{{1,2}}){_ORD}(?:\s*,\s*|\s+|\s*-\s*)(?P<year1>{_YEAR4})"
    rf"|(?P<day2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon2>{_MONTH})\.?,?\s+(?P<year2>{_YEAR4})"
    rf"|(?P<year3>{_YEAR4})(?P<sep3>[-./])(?P<mon3>\d\d)(?P=sep3)(?P<day3>\d\d)"
    rf"|(?P<a4>\d{{1,2}})(?P<sep4>[/.])(?P<b4>\d{{1,2}})(?P=sep4)(?P<year4>{_YEAR4}|\d\d)"
    rf")(?![\w/]|-(?!\d{{1,2}}:\d\d))",  # "August 8, 2012-4:43 pm": a time may follow
    _I,
)
# Words that may stand beside the date on a dateline, and nothing else.
_FURNITURE = re.compile(
    rf"^(?:{_WEEKDAY}\.?|published|posted|updated|last|first|modified|created|date|dated|"
    r"on|at|by|and|uk|local|time|hrs|hours|story|article|release|released|for|immediate|"
    r"\d{1,2}(?:[:.]\d\d){1,2}(?:\s*(?:am|pm|a\.m\.?|p\.m\.?|[ap]))?|\d{1,2}\s*(?:am|pm)|"
    r"\d{3,4}|am\.?|pm\.?|a\.m\.?|p\.m\.?|"
    r"(?:gmt|utc)(?:[+-]\d{1,2}(?::?\d\d)?)?|[a-z]{1,2}[sd]t|[a-z]{2,4}t|et|pt|ct|mt|"
    r"[-–—,:|/()·•.]+)$",
    _I,
)
_LABELLED = re.compile(
    rf"(?:^\s*(?:published|posted|updated|last\s+updated|first\s+published|date)"
    rf"|\b(?:published|posted|filed)\s+(?:in|under)\s+[^.]{{1,60}}?)"
    rf"(?:\s+on)?\s*:?\s*(?:{_WEEKDAY},?\s+)?$",
    _I,
)
_URL_LINE = re.compile(r"^\s*(?P<url>(?:https?://|www\.)[^\s]+)\s*$", _I)
_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_WIRE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Z.'’ -]{{1,40}}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?)"
    rf"(?:,\s*(?P<mon>(?i:{_MONTH}))\.?\s+(?P<day>\d{{1,2}}))?"
    r"\s*(?:\((?P<agency>[^()\n]{2,40})\))?(?:\s*(?:--|[–—])\s*|\s+-\s+)",
)
_WIRE_BARE = re.compile(r"^\s*\((?P<agency>[A-Z][\w .&-]{1,30})\)(?:\s*(?:--|[–—])\s*|\s+-\s+)")
# Capitalised openers that are no place ("LOOK – ...", "UPDATE - ...").
_NOT_PLACES = frozenset(
    {
        "LOOK", "WATCH", "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "VIDEO", "PHOTOS",
        "PHOTO", "WARNING", "CORRECTION", "LIVE", "ALERT", "OPINION", "ANALYSIS", "REVIEW",
    }
)  # fmt: skip
# News agencies that open a dateline line ("Reuters Sep 18, 2013, 02.16PM IST").
_AGENCIES = frozenset(
    {"Reuters", "AP", "AFP", "UPI", "PTI", "IANS", "TNN", "ANI", "CNA", "Xinhua", "Bloomberg",
     "dpa", "EFE", "Kyodo", "Yonhap", "TASS", "ANSA", "Press", "Associated"}
)  # fmt: skip
# Countries whose pages write numeric dates day first (by their host's last label).
_DAY_FIRST_TLDS = frozenset(
    [
        "uk",
        "nz",
        "au",
        "ie",
        "in",
        "za",
        "fr",
        "de",
        "es",
        "it",
        "nl",
        "be",
        "pt",
        "dk",
        "se",
        "no",
        "fi",
        "at",
        "ch",
        "pl",
        "br",
        "ar",
        "mx",
        "ru",
        "tr",
        "gr",
        "sg",
        "my",
        "pk",
        "ng",
        "ke",
        "ph",
        "hk",
        "eu",
    ]
)


@dataclass(frozen=True, slots=True)
class DateLine:
    """A date read from a line: its ISO value and the stretch of text it came from."""

    value: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PageHeader:
    """What a plain-text page header shows; ``None`` where it shows nothing.

    ``basis`` says where ``published`` came from (the dateline's words), ``removed`` the
    header lines that are only furniture (URL line, dateline lines).
    """

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    basis: str = ""
    agency: str | None = None
    removed: tuple[Removed, ...] = ()


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, surrounding spaces excluded."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield pos + lead, pos + lead + len(stripped)
        pos += len(raw) + 1


def _day_first_host(host: str | None) -> bool:
    return bool(host) and host.rsplit(".", 1)[-1].lower() in _DAY_FIRST_TLDS  # type: ignore[union-attr]


def _readings(m: re.Match[str], *, day_first: bool, hint: date | None) -> list[date]:
    """The dates a match can mean, most likely first (two for an ambiguous numeric date)."""
    g = m.groupdict()
    out: list[date] = []
    try:
        if g["mon1"]:
            out.append(date(int(g["year1"]), _MONTHS[g["mon1"][:3].lower()], int(g["day1"])))
        elif g["mon2"]:
            out.append(date(int(g["year2"]), _MONTHS[g["mon2"][:3].lower()], int(g["day2"])))
        elif g["year3"]:
            out.append(date(int(g["year3"]), int(g["mon3"]), int(g["day3"])))
    except ValueError:  # "February 30": no date at all
        return []
    if g["a4"]:
        year = int(g["year4"])
        if year < 100:
            year += 2000 if year < 50 else 1900
        a, b = int(g["a4"]), int(g["b4"])
        pairs = [(a, b), (b, a)]  # (month, day)
        if g["sep4"] == "." or day_first:
            pairs.reverse()
        for month, day in pairs:
            try:
                d = date(year, month, day)
            except ValueError:
                continue
            if d not in out:
                out.append(d)
        if hint is not None and hint in out:
            out.remove(hint)
            out.insert(0, hint)
    return out


def full_dates(
    text: str, *, day_first: bool = False, hint: date | None = None
) -> Iterator[tuple[re.Match[str], list[date]]]:
    """Every date with a written year in ``text``, with its possible readings."""
    for m in _DATE.finditer(text):
        readings = _readings(m, day_first=day_first, hint=hint)
        if readings:
            yield m, readings


def parse_date_line(
    line: str, *, day_first: bool = False, hint: date | None = None
) -> tuple[date, int, int] | None:
    """The date a dateline or timestamp line prints, with its span in ``line``; else None.

    A line qualifies when, besides its date(s), it holds only dateline furniture (weekdays,
    clock times, time zones, "Published"/"Updated"/"Last updated at"), or when the date
    follows such a label ("Posted in Local News on Friday, September 20, 2013."). Of two
    dates on one line ("on May 4, 2013 | Updated on May 5, 2013") the earlier is taken.
    """
    if len(line) > MAX_DATELINE_CHARS:
        return None
    found = list(full_dates(line, day_first=day_first, hint=hint))
    if not found:
        return None
    rest = line
    for m, _ in reversed(found):
        rest = rest[: m.start()] + " " + rest[m.end() :]
    tokens = [t.strip("():,;") for t in re.findall(r"[+\w.:()]+|[-–—,|·•/]+", rest)]
    tokens = [t[:-1] if t.endswith(".") and not t.lower().endswith("m.") else t for t in tokens]
    tokens = [t for t in tokens if t and not re.fullmatch(r"[-–—,|·•/.]+", t)]
    lead = 0  # a place or agency opening the line: "WASHINGTON, DC, April 28, 2009"
    while lead < min(3, len(tokens)) and (
        (tokens[lead].isupper() and tokens[lead].isalpha()) or tokens[lead] in _AGENCIES
    ):
        lead += 1
    if not re.match(r"[\w\s.,'’]*$", line[: found[0][0].start()]):
        lead = 0
    plain = all(_FURNITURE.match(t) for t in tokens[lead:])
    labelled = _LABELLED.search(line[: found[0][0].start()]) is not None
    if not plain and not labelled:
        return None
    if not plain and not re.fullmatch(r"[\s.;)]*", line[found[-1][0].end() :]):
        return None  # a labelled date must close the line ("... posted on May 4, 2013.")
    best = min(found, key=lambda f: f[1][0])
    return best[1][0], best[0].start(), best[0].end()


def _outlet(host: str) -> str:
    host = host.lower().split("@")[-1].split(":")[0]
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)


def _is_title(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= MAX_TITLE_WORDS and not _URL_LINE.match(line)


def _first_line_title(lines: list[str]) -> bool:
    """A first line with no URL above it is a title when it reads as one: short, no final
    sentence mark, and followed by a longer line of prose."""
    if len(lines) < 2:
        return False
    first, second = lines[0], lines[1]
    words = first.split()
    return (
        3 <= len(words) <= 25
        and first[-1] not in ".!?:;\"”'’,"
        and not _WIRE.match(first)
        and len(second) > len(first)
        and second.rstrip()[-1:] in ".!?\"”'’"
    )


def _wire(text: str, first: tuple[int, int]) -> tuple[re.Match[str] | None, str | None]:
    line = text[first[0] : first[1]]
    m = _WIRE.match(line) or _WIRE_BARE.match(line)
    if m is None or len(line) - m.end() < 40:
        return None, None
    agency = m.groupdict().get("agency")
    if m.re is _WIRE and not (agency or m.group("mon")):
        place = m.group("place").strip()
        if not place.replace(" ", "").isupper() or len(place) < 3 or place in _NOT_PLACES:
            return None, None
    return m, agency.strip() if agency else None


def read_header(text: str, *, skip: Collection[int] = ()) -> PageHeader:
    """Read the URL, outlet, title and publication date a plain-text page prints.

    Args:
        text: the article text as read (LF newlines).
        skip: start offsets of lines already known as furniture (bylines): a wire
            dateline is looked for in the first ``WIRE_LINES`` lines of the story after them.

    Returns:
        A ``PageHeader``; its ``removed`` spans index ``text``.

    Example:
        >>> h = read_header("http://www.example.com/a\\nA title here\\n"
        ...                 "Published: July 29, 2004\\nThe body of the story goes on.")
        >>> (h.outlet, h.title, h.published)
        ('example.com', 'A title here', '2004-07-29')
    """
    spans = list(_lines(text))[: HEADER_LINES + 1]
    if not spans:
        return PageHeader()
    removed: list[Removed] = []
    url = outlet = title = None
    host = None
    body = list(spans)
    m = _URL_LINE.match(text[spans[0][0] : spans[0][1]])
    if m:
        url = m.group("url").rstrip(".,;")
        host = urlsplit(url if "://" in url else "http://" + url).hostname
        outlet = _outlet(host) if host else None
        removed.append(Removed(spans[0][0], spans[0][1], text[spans[0][0] : spans[0][1]], "url"))
        body = spans[1:]
    hint = None
    if url and (u := _URL_DATE.search(url)):
        try:
            hint = date(int(u.group(1)), int(u.group(2)), int(u.group(3)))
        except ValueError:
            hint = None
    day_first = _day_first_host(host)
    dates: list[tuple[date, int, int, str]] = []
    title_span: tuple[int, int] | None = None
    for s, e in body[:HEADER_LINES]:
        line = text[s:e]
        got = parse_date_line(line, day_first=day_first, hint=hint)
        if got is not None:
            dates.append((got[0], s, e, line))
            removed.append(Removed(s, e, line, "dateline"))
            continue
        if url and title_span is None and _is_title(line):
            title_span = (s, e)
            # A title glued to its date: "... DA SAYSSEPTEMBER 19, 2013".
            tail = re.search(rf"(?i)({_MONTH})\.?\s+\d{{1,2}}{_ORD},?\s+{_YEAR4}\s*$", line)
            if tail and tail.start() > 0:
                for dm, readings in full_dates(line[tail.start() :]):
                    dates.append((readings[0], s + tail.start() + dm.start(), e, line))
                title_span = (s, s + tail.start())
    if title_span is None and not url:
        kept = [sp for sp in spans if sp[0] not in skip]
        first_lines = [text[s:e] for s, e in kept[:2]]
        if (
            kept
            and kept[0] == spans[0]
            and _first_line_title(first_lines)
            and not parse_date_line(first_lines[0])
        ):
            title_span = spans[0]
    if title_span is not None:
        title = text[title_span[0] : title_span[1]].strip() or None
        # A date glued before the title: "27/09/2013-Turkmenistan to hold ...".
        glued = re.match(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*[-–—|:]\s*(?=\S)", title or "")
        if title and glued:
            title = title[glued.end() :]
    out = {r.start for r in removed} | set(skip) | {title_span[0] if title_span else -1}
    wire = agency = lead = None
    for sp in [sp for sp in body if sp[0] not in out][:WIRE_LINES]:
        wire, agency = _wire(text, sp)
        if wire is not None:
            lead = sp
            break
    published = None
    basis = ""
    if dates:
        day, s, e, line = min(dates, key=lambda d: d[0])
        published = day.isoformat()
        basis = f"dateline “{line.strip()}”"
    elif wire is not None and wire.re is _WIRE and wire.group("mon"):
        month, mday = _MONTHS[wire.group("mon")[:3].lower()], int(wire.group("day"))
        agree = sorted(
            {
                d
                for dm, readings in full_dates(text, day_first=day_first, hint=hint)
                for d in readings
                if (d.month, d.day) == (month, mday)
            }
        )
        if len({d.year for d in agree}) == 1:
            published = agree[0].isoformat()
            basis = (
                f"wire dateline “{wire.group(0).strip()}” with the year of "
                f"{agree[0].isoformat()} written in the text"
            )
    if wire is not None and lead is not None:
        end = lead[0] + len(wire.group(0).rstrip())
        removed.append(Removed(lead[0], end, text[lead[0] : end], "wire-dateline"))
    return PageHeader(
        url=url,
        outlet=outlet,
        title=title,
        published=published,
        basis=basis,
        agency=agency,
        removed=tuple(sorted(removed, key=lambda r: r.start)),
    )
