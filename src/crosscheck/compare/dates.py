"""Dates across sources: one event dated differently, and a year-less date set far outside
the story's window.

``event_dates``: two independent articles date one event (the verb a date places, who
did it and to whom: ``crosscheck.extract.date_events``) to days that cannot be one ("Duncan
Rait died on Friday" / "Yesterday, a 36-year-old climber died" in a Sunday paper), or to
the same day (a corroboration). The
parties must match by an age or ordinal, a head name or, for a described doer, a head noun
with a name shared by the two sentences; an article that dates one such event twice itself
takes no part. Only what the text fixes is compared: a month written without a year keeps
no year, a weekday in an article with no known date is compared as a weekday name, and a
date counted from another event ("the day before his death") is not compared.

``align_dates``, the temporal anomaly:

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

import calendar
import itertools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from crosscheck.compare.entities import UnionFind, one_edit
from crosscheck.compare.text import claim_weights, cosine
from crosscheck.extract.timex_calendar import MONTH_WORD, WEEKDAY_WORD, WEEKDAYS
from crosscheck.extract.units import CURRENCY_CODES
from crosscheck.extract.words import stem
from crosscheck.model import Article, DateRef, Finding, Number, listed
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
        written = _day(article.date_anchor.value)
        if written is not None and not lo - 30 <= written.toordinal() <= hi + 30:
            # an article written long after the rest ("Judge sentences Orozco to death", two
            # years on) places its year-less dates against its own day: they tell its time,
            # not a slip in the story's (5 of 8 anomalies on unseen ECB+ events were such)
            continue
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


# --- one event, two dates -------------------------------------------------------------
# A date counted from another event ("the day before Buckley's death", "that day", "13
# hours later") rests on a date the reader must find first; it is not compared. Year-level
# ones ("later that year") keep their resolved year: the year they count from is written.
_FROM_EVENT = re.compile(
    r"(?i)\b(?:before|after|later|earlier|next|following|previous|prior|that|same|then|"
    r"hours?|days?|weeks?)\b"
)
WRITTEN_APART_DAYS = 7  # articles further apart tell of other weeks with their weekdays
DATE_CONTEXT = 0.15  # as for numbers: rarity-weighted cosine of the two sentences
_YEAR_WORD = re.compile(r"(?i)\byears?\b")
_WEEKDAYS = tuple(WEEKDAYS)  # monday ... sunday, in the order of date.weekday()
# Days counted from the day of writing; with a weekday, a month or a year, what names a
# day (a clock time alone, "11am", is placed on the anchor's day by default: no day told).
_DEICTIC = re.compile(
    r"(?i)\b(?:yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening))\b"
)
_YEAR = re.compile(r"\b\d{4}\b")
_RANGE = re.compile(r"\b\d{4}\s*[-–]\s*\d{2,4}\b|\b\d{4}\b.*\b\d{4}\b")
_PRECISE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T|/|$)")
_AGE = re.compile(r"(\d{1,3})\s*-\s*year\s*-\s*old|,\s*(\d{1,2})\s*(?:,|$)")
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b")
_NOT_NAMES = frozenset(
    [
        "A",
        "An",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "My",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "One",
        "Two",
        "Three",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sir",
        "Young",
        "Old",
    ]
)
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "who",
        "whom",
        "which",
        "that",
        "this",
        "one",
        "them",
        "him",
        "her",
    ]
)


def _when(ref: DateRef) -> tuple[str, ...] | None:
    """What a date says: (year, month, day), a part left "" where the text does not give
    it ("February" names no year: the year the resolver guessed is not compared),
    ("weekday", name) for a weekday nobody could place, or None when it cannot be compared."""
    text = ref.text.strip()
    named = bool(WEEKDAY_WORD.search(text) or MONTH_WORD.search(text))
    if _FROM_EVENT.search(text) and not _YEAR_WORD.search(text) and not named:
        return None  # "the day before"; but "earlier on Sunday" names its day
    told = named or _DEICTIC.search(text) or _YEAR.search(text) or _YEAR_WORD.search(text)
    if not told and "month" not in text:
        return None  # "now", a clock time alone
    if _RANGE.search(text):
        return None  # "1999-2003", "the 2006-07 season": a span, not a day
    day_name = WEEKDAY_WORD.search(text)
    if ref.anchor in {"inferred", "none"}:
        # placed against a guessed anchor: only the weekday the text names is sure
        return ("weekday", day_name.group(1).lower()) if day_name else None
    m = _PRECISE.match(ref.value or "")
    if m:
        year, month, day = (g or "" for g in m.groups())
        if (
            month
            and ref.anchor != "absolute"
            and MONTH_WORD.search(text)
            and not _YEAR.search(text)
        ):
            year = ""
        return (year, month, day)
    if ref.value is None and day_name:
        return ("weekday", day_name.group(1).lower())
    return None


def _weekday(when: tuple[str, ...]) -> str | None:
    if when[0] == "weekday":
        return when[1]
    if all(when):
        try:
            return _WEEKDAYS[date(int(when[0]), int(when[1]), int(when[2])).weekday()]
        except ValueError:
            return None
    return None


def _differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two dates cannot be one day (compared on the parts both give)."""
    if "weekday" in (a[0], b[0]):
        if a[0] != b[0]:
            return False  # an unplaced weekday and a day: the week is unknown
        wa, wb = _weekday(a), _weekday(b)
        return wa is not None and wb is not None and wa != wb
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if not x or not y:
            if i == 0:
                continue  # a year not stated: month and day can still differ
            break  # "2004" and "July 24, 2004": the finer parts cannot be compared
        if x != y:
            return True
    return False


def _marks(phrase: str | None) -> set[str]:
    """Numbers that tell a party apart: an age ("36-year-old", "Buckley, 32"), an ordinal
    ("the 79th Academy Awards")."""
    found = {x or y for x, y in _AGE.findall(phrase or "")}
    return found | {m.lower() for m in _ORDINAL.findall(phrase or "")}


def _head(phrase: str | None) -> tuple[str, bool] | None:
    """The head word of a phrase (its last word before an apposition: "Robert Buckley, 32"
    -> Buckley, "His wife, Audrey Felt" -> wife) and whether it is a name; None for a
    pronoun or no phrase."""
    core = (phrase or "").split(",")[0]
    if re.search(r"\d\S*$", core.strip()):
        return None  # "more than 31,000": a count, not a party
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", core)
    if not words or (len(words) == 1 and words[0].lower() in _PRONOUNS):
        return None
    last = words[-1].rstrip("'’s") if words[-1].endswith(("'s", "’s")) else words[-1]
    return stem(last), last[:1].isupper() and words[-1] not in _NOT_NAMES


_NAMED_KIND = re.compile(r"\b([a-z][a-z'’-]{2,})\s+(?:[A-Z0-9][\w.'’-]*\s*)+$")


def _kind(phrase: str | None) -> str | None:
    """The common noun a name is given to ("the asteroid 2014 RC" -> asteroid, "the singer
    Tomas Brell" -> singer), as a stem; None when the name stands alone."""
    core = (phrase or "").split(",")[0].strip()
    m = _NAMED_KIND.search(core)
    return stem(m.group(1)) if m else None


def _same_party(a: str | None, b: str | None) -> str | None:
    """How two phrases name one party: "mark" (one age or ordinal), "name" (one head name,
    "Mr. LaRue" / "Fred LaRue"), "noun" (one head noun, "an asteroid" / "the 2014 RC
    asteroid"); "" when they name two; None when they cannot tell (a pronoun, no phrase, a
    name against a description)."""
    marks_a, marks_b = _marks(a), _marks(b)
    if marks_a and marks_b:
        return "mark" if marks_a & marks_b else ""
    head_a, head_b = _head(a), _head(b)
    if head_a is None or head_b is None:
        return None
    (word_a, name_a), (word_b, name_b) = head_a, head_b
    if name_a != name_b:
        # "an asteroid" / "the asteroid 2014 RC": the noun a name is given to names the party
        # as the description does; "Mr. LaRue" / "the son" cannot be told apart
        kind = _kind(b if name_b else a)
        described = word_b if name_a else word_a
        return "noun" if kind is not None and kind == described else None
    if name_a:
        return "name" if word_a == word_b or one_edit(word_a, word_b) else ""
    return "noun" if word_a == word_b else ""


# Verbs that tell one event in other words: "died" / "passed away", "was arrested" / "was
# detained" / "was apprehended", "the bomb exploded" / "detonated" / "went off", "the quake
# struck" / "hit" / "jolted" / "shook", "found" / "discovered", "flew by" / "passed".
_KIN = {
    **dict.fromkeys(("die", "pass_away", "perish"), "die"),
    **dict.fromkeys(("arrest", "detain", "apprehend", "areste"), "arrest"),
    **dict.fromkeys(("explode", "detonate", "go_off", "blow_up"), "explode"),
    **dict.fromkeys(("strike", "hit", "jolt", "shake", "rock"), "strike"),
    **dict.fromkeys(("find", "discover"), "find"),
    **dict.fromkeys(("fly", "pass", "fly_by", "fly_past"), "pass"),
    **dict.fromkeys(("occur", "happen"), "occur"),
    **dict.fromkeys(("shoot", "gun_down"), "shoot"),
    **dict.fromkeys(("fall", "plunge", "plummet", "tumble"), "fall"),
}


def _verbs(event: str | None) -> set[str]:
    """An event's verbs, each as the one word for its kin (see ``_KIN``)."""
    return {_KIN.get(v, v) for v in (event or "").split()}


def _same_event(a: DateRef, b: DateRef) -> str | None:
    """One event: a verb in common (or a verb of its kin) and the same doer (or, when a
    doer is a pronoun, the same one done to); the basis of the match (see ``_same_party``),
    or None."""
    if not a.event or not b.event or not _verbs(a.event) & _verbs(b.event):
        return None
    if bool(a.whom) != bool(b.whom):
        return None  # "released an update" / "released": perhaps two releases
    who = _same_party(a.who, b.who)
    whom = _same_party(a.whom, b.whom) if a.whom and b.whom else None
    if who == "" or whom == "":
        return None
    return who or whom


_INNER_CAPITAL = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]+(?:[A-Z][a-z]+)?")
_CALENDAR = frozenset([*calendar.day_name, *calendar.month_name[1:]])


def _proper(ref: DateRef, articles: Mapping[str, Article]) -> set[str]:
    """The names inside the date's sentence (capitalised words not opening it), less
    weekdays and months."""
    text = articles[ref.article].text[ref.sentence_start : ref.sentence_end]
    return set(_INNER_CAPITAL.findall(text)) - _CALENDAR - _NOT_NAMES


def _sums(numbers: Sequence[Number]) -> dict[tuple[str, int], set[tuple[str, float]]]:
    """The sums of money of each sentence (article, sentence start), as unit and value: one
    verb with one sum ("sold for $30 million") is one deal, whoever the sentences say made
    it."""
    out: dict[tuple[str, int], set[tuple[str, float]]] = {}
    for n in numbers:
        if n.unit in CURRENCY_CODES:
            out.setdefault((n.article, n.sentence_start), set()).add((n.unit, n.value))
    return out


_Ref = tuple[DateRef, tuple[str, ...]]


def _one_verb(refs: Sequence[_Ref]) -> Iterator[tuple[_Ref, _Ref]]:
    """Each pair of dated events that share a verb, once (a story of hundreds of dated
    events compares only those)."""
    by_verb: dict[str, list[int]] = {}
    for k, (d, _) in enumerate(refs):
        for verb in sorted(_verbs(d.event)):
            by_verb.setdefault(verb, []).append(k)
    seen: set[tuple[int, int]] = set()
    for ks in by_verb.values():
        for i, j in itertools.combinations(ks, 2):
            if (i, j) not in seen:
                seen.add((i, j))
                yield refs[i], refs[j]


def event_dates(
    dates: Sequence[DateRef],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    origin: Mapping[str, str],
    numbers: Sequence[Number] = (),
) -> list[Finding]:
    """One event dated by independent sources: a ``date_conflict`` where the dates cannot
    be one day ("A says Duncan Rait died on Friday; B says yesterday", B published on
    Sunday), a corroboration for each two that give the same day. The verb the dates place
    and its doer must match. An article that gives one event two different dates itself
    (two climbers who died, told alike) takes no part."""
    refs = [(d, w) for d in dates if d.event and (w := _when(d)) is not None]
    context = {
        d.id: claim_weights(articles[d.article].text[d.sentence_start : d.sentence_end])
        for d, _ in refs
    }
    norms = {k: math.sqrt(sum(v * v for v in w.values())) for k, w in context.items()}
    names = {d.id: _proper(d, articles) for d, _ in refs}
    by_sentence = _sums(numbers)
    sums = {d.id: by_sentence.get((d.article, d.sentence_start), set()) for d, _ in refs}

    def same(a: DateRef, b: DateRef) -> bool:
        if sums[a.id] & sums[b.id]:
            return True  # "sold for $30 million in 1957" / "was sold for $30 million in 1967"
        basis = _same_event(a, b)
        if basis != "noun":
            return basis is not None
        # a described doer ("the fire", "a quake") may be two of a kind: the two sentences
        # must share a name ("passed close to Earth") and distinctive words
        norm = norms[a.id] * norms[b.id]
        if not names[a.id] & names[b.id]:
            return False
        return bool(norm) and cosine(context[a.id], context[b.id], norm)[0] >= DATE_CONTEXT

    torn: set[str] = set()
    for (a, wa), (b, wb) in _one_verb(refs):
        if a.article == b.article and _differ(wa, wb) and same(a, b):
            torn.update((a.id, b.id))
    refs = [(d, w) for d, w in refs if d.id not in torn]
    when = {d.id: w for d, w in refs}
    written = {aid: _day(art.date_anchor.value) for aid, art in articles.items()}

    def apart(a: DateRef, b: DateRef) -> bool:
        """Articles written more than a week apart: their "Thursday"s are two days."""
        if a.anchor == "absolute" and b.anchor == "absolute":
            return False
        da, db = written.get(a.article), written.get(b.article)
        return da is not None and db is not None and abs((da - db).days) > WRITTEN_APART_DAYS

    # Every telling of one event joins its group, agreeing or not ("in 1957" joins "later
    # that year", 1957, which "that same year", 1967, contradicts); a group is a conflict
    # when two of its tellings that differ were matched to each other directly.
    groups = UnionFind()
    clashes: list[str] = []
    agreeing: list[tuple[DateRef, DateRef]] = []
    for (a, wa), (b, wb) in _one_verb(refs):
        if origin.get(a.article, a.article) == origin.get(b.article, b.article) or apart(a, b):
            continue
        if same(a, b):
            groups.union(a.id, b.id)
            if _differ(wa, wb) and not _one_word(a, b):
                clashes.append(a.id)
            elif wa == wb:
                agreeing.append((a, b))
    clashing = {groups.find(x) for x in clashes}
    members: dict[str, list[tuple[DateRef, tuple[str, ...]]]] = {}
    for d, w in refs:
        if groups.find(d.id) in clashing:
            members.setdefault(groups.find(d.id), []).append((d, w))
    out = [_agreement(a, b, when[a.id], articles, labels) for a, b in agreeing]
    for group in members.values():
        if len({d.article for d, _ in group}) < 2:
            continue
        by_value: dict[tuple[str, ...], list[DateRef]] = {}
        for d, w in group:
            by_value.setdefault(w, []).append(d)
        told = []
        ordered = []  # the most told day first, as in the summary
        for w, alike in sorted(by_value.items(), key=lambda kv: -len(kv[1])):
            ordered += alike
            who = sorted({labels[d.article] for d in alike})
            told.append(
                f"{listed(who)} say{'s' if len(who) == 1 else ''} “{alike[0].text}” ({_told(w)})"
            )
        first = group[0][0]
        event = (first.event or "").split()[0]
        doer = next((d.who for d, _ in group if (h := _head(d.who)) and h[1]), first.who) or "it"
        out.append(
            Finding(
                id="",
                kind="date_conflict",
                summary=f"date of “{event}” ({doer}): {'; '.join(told)}",
                confidence=0.8,
                evidence=tuple(articles[d.article].span(d.start, d.end) for d in ordered),
                reason="the same event (its verb and who did it) dated to days that cannot be "
                "one" + _placed(group, articles, labels),
                severity="review",
                sources=len({origin.get(d.article, d.article) for d, _ in group}),
                facts=tuple(d.id for d, _ in group),
            )
        )
    return out


def _one_word(a: DateRef, b: DateRef) -> bool:
    """Two sources that write the same relative day ("Saturday" / "Saturday"): the texts
    agree, however their publication dates place the word, so they make no conflict."""
    return a.anchor != "absolute" and b.anchor != "absolute" and a.text.lower() == b.text.lower()


def _agreement(
    a: DateRef,
    b: DateRef,
    when: tuple[str, ...],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
) -> Finding:
    """Two independent sources that date one event to the same day ("D and G agree:
    36-year-old Duncan Rait died on Friday")."""
    event = (a.event or "").split()[0]
    doer = a.who if (h := _head(a.who)) and h[1] else b.who or a.who or "it"
    la, lb = labels[a.article], labels[b.article]
    return Finding(
        id="",
        kind="corroborated",
        summary=f"{la} and {lb} agree on the date of “{event}” ({doer}): “{a.text}” / "
        f"“{b.text}” ({_told(when)})",
        confidence=0.9,
        evidence=(
            articles[a.article].span(a.start, a.end),
            articles[b.article].span(b.start, b.end),
        ),
        reason="the same event (its verb and who did it) dated to the same day"
        + _placed([(a, when), (b, when)], articles, labels),
        sources=2,
        facts=(a.id, b.id),
    )


def _placed(
    group: Sequence[tuple[DateRef, tuple[str, ...]]],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
) -> str:
    """How the relative dates of a date conflict were placed: "; C's “Yesterday” counted
    from its publication date, 2013-09-15"."""
    told = [
        f"{labels[d.article]}'s “{d.text}” counted from its publication date, "
        f"{(articles[d.article].date_anchor.value or '')[:10]}"
        for d, w in group
        if d.anchor == "metadata" and w[0] not in ("weekday", "") and not MONTH_WORD.search(d.text)
    ]
    return "; " + "; ".join(dict.fromkeys(told)) if told else ""


def _told(when: tuple[str, ...]) -> str:
    if when[0] == "weekday":
        return "date not placed"
    year, month, day = when
    if not year and month:
        told = date(NOMINAL_YEAR, int(month), int(day or 1)).strftime("%b %d" if day else "%b")
        return told.replace(" 0", " ") + ", year not stated"
    return "-".join(p for p in (year, month, day) if p)
