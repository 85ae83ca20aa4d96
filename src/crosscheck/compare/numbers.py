"""Numbers across sources: the same quantity over the same scope, compatible values or not.

Numbers conflict only when what they count, where and over which period match and their
values (with bounds: "at least", "about") cannot both be true. "20 troops killed this
year" and "14,000 deaths since 2014" measure different things and raise nothing. A bare
counted noun ("15 points", "eight points") also needs the sentences around the two numbers
to share distinctive words; one that says what happened ("12 people hospitalised") does not,
and two different counts of a bare noun ("two jurors" / "nine jurors") are kept as two
groups, never a conflict. A measurement told by its verb ("fell 200ft", "served 136 days")
is one person's: the named one, or an unnamed one whose age the text gives; it is compared
in its dimension's base unit (metres, kilograms, days).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from datetime import date

from crosscheck.compare.blocking import candidate_pairs
from crosscheck.compare.entities import one_edit, same_name
from crosscheck.compare.groups import linked
from crosscheck.compare.text import claim_weights, cosine, stems_of
from crosscheck.extract.numbers_scope import OUTCOMES
from crosscheck.extract.words import stem
from crosscheck.model import Article, Finding, Number, listed
from crosscheck.settings import Settings

# What happened to the counted things ("people hospitalised"): such a measure names one
# quantity of the story on its own.
_OUTCOME_STEMS = frozenset(stem(w) for w in OUTCOMES)
# A number takes part in at most this many findings (a story of thousands of numbers of one
# measure would otherwise pair them all); small stories never reach it.
MAX_PARTNERS = 8
NUMBER_CONTEXT = 0.15  # rarity-weighted cosine of two numbers' sentences, measure words left out


# Physical measures are given rounded ("a 40-foot crater" for 39 feet); counts are exact.
_MEASURED = frozenset(
    [
        "ft",
        "ft2",
        "m",
        "m2",
        "cm",
        "mm",
        "km",
        "km2",
        "mile",
        "mile2",
        "yard",
        "inch",
        "acre",
        "ha",
        "kg",
        "g",
        "lb",
        "t",
        "l",
        "gallon",
        "barrel",
        "mph",
        "km/h",
        "knot",
        "degree",
        "°C",
        "°F",
        "foot",
        "feet",
        "metre",
        "metres",
        "meter",
        "meters",
    ]
)
_ROUNDING = 0.03
# "about X" allows a tenth either way: "fell 700 metres" and "about 2,000ft" (610 m) differ.
HEDGE = 0.10


# Durations told in whole months or years are rounded ("served four months" for 136 days):
# half a month either way, a quarter of a year ("sentenced to 2 years" is not 2 1/2).
_WHOLE_UNITS = {"month": 0.5, "year": 0.25}


def interval(n: Number) -> tuple[float, float]:
    """The values a number allows, in its own unit (see ``base_interval``).

    Strict ends stay open and "nearly" approaches from below: "more than three metres"
    and "almost three metres" share no value; "nearly 50" and "52" neither.
    """
    v = n.value
    open_ = max(abs(v) * 1e-9, 1e-12)  # an open end, a hair inside the bound
    if n.bound == "=" and n.unit in _WHOLE_UNITS and v == int(v) and v < 100:
        return v - _WHOLE_UNITS[n.unit], v + _WHOLE_UNITS[n.unit]
    if n.bound == "~":
        return v * (1 - HEDGE), v * (1 + HEDGE)
    if n.bound == "<~":
        return v * (1 - HEDGE), v - open_
    if n.bound == ">=":
        return v, math.inf
    if n.bound == ">":
        return v + open_, math.inf
    if n.bound == "<=":
        return -math.inf, v
    if n.bound == "<":
        return -math.inf, v - open_
    measured = (n.unit or "") in _MEASURED or (n.measures or "").lower() in _MEASURED
    tol = max(abs(v) * (_ROUNDING if measured else 0.005), 1e-9)
    return v - tol, v + tol


_TO_BASE = {
    "m": 1.0,
    "cm": 0.01,
    "mm": 0.001,
    "km": 1000.0,
    "ft": 0.3048,
    "inch": 0.0254,
    "yard": 0.9144,
    "mile": 1609.344,
    "kg": 1.0,
    "g": 0.001,
    "lb": 0.4536,
    "t": 1000.0,
    "day": 1.0,
    "week": 7.0,
    "month": 30.44,
    "year": 365.25,
}
# Measures of a measurement told by its verb ("length fall", "duration serve"), with or
# without the person whose it is, and of an amount of money by what it pays for ("amount
# deal", "amount fine").
_MEASUREMENTS = ("length ", "weight ", "duration ")
_AMOUNT = "amount "
_DIMENSIONED = (*_MEASUREMENTS, _AMOUNT)
_ACTOR = re.compile(r"^(?P<what>.*?)\s*\[(?P<who>[^\]]+)\]$")


def _split_actor(measures: str | None) -> tuple[str | None, str | None]:
    """``("length fall", "Robert Buckley")`` from ``"length fall [Robert Buckley]"``."""
    if not measures:
        return measures, None
    m = _ACTOR.match(measures)
    return (m.group("what"), m.group("who")) if m else (measures, None)


def _in_base(n: Number) -> float:
    """The number's value in its dimension's base unit (metres, kilograms, days)."""
    return n.value * _TO_BASE.get(n.unit or "", 1.0)


def base_interval(n: Number) -> tuple[float, float]:
    """``interval(n)`` in the base unit of its dimension (metres, kilograms, days)."""
    factor = _TO_BASE.get(n.unit or "", 1.0)
    lo, hi = interval(n)
    return lo * factor, hi * factor


def _intervals(na: Number, nb: Number) -> tuple[tuple[float, float], tuple[float, float]]:
    """The two numbers' intervals, in their dimension's base unit when both have one
    (200ft against 150 metres), else as written."""
    if na.unit in _TO_BASE and nb.unit in _TO_BASE:
        return base_interval(na), base_interval(nb)
    return interval(na), interval(nb)


AGE_APART = 180  # days between two articles past which one person's ages may both be right
AGE_LIST = 2  # ages told in one sentence without saying whose: a list of some people's
STAT_LINE = 3  # numbers of different measures in one sentence that make a stat line


def _stat_lines(numbers: Sequence[Number]) -> set[str]:
    """Ids of numbers in a stat line: "13 homers and 43 RBIs in 54 games".

    A sentence that lists three or more counts of different things sums up a season, a
    career or a split whose scope it rarely states; its counts are compared with nothing.
    """
    by_sentence: dict[tuple[str, int], list[Number]] = {}
    for n in numbers:
        if any(w in OUTCOMES for w in (n.measures or "").lower().split()):
            continue  # "killing seven people and injuring 40": each count says what it counts
        by_sentence.setdefault((n.article, n.sentence_start), []).append(n)
    out: set[str] = set()
    for group in by_sentence.values():
        kinds = {(n.measures or n.unit or "").lower() for n in group} - {""}
        if len(kinds) >= STAT_LINE:
            out.update(n.id for n in group)
    return out


_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})


def _misdialled(a: Number, b: Number) -> bool:
    """Whether two phone numbers are one line written twice, one of them wrongly.

    A digit more, fewer or changed ("0845 125 222" / "0845 125 2222"); numbers further
    apart are different lines (the police and Crimestoppers).
    """
    da, db = _digits(a), _digits(b)
    return da != db and one_edit(da, db)


def _digits(n: Number) -> str:
    return re.sub(r"\D", "", n.text)


def _is_age(n: Number) -> bool:
    """Whether a number is someone's age ("36-year-old", "Duncan Rait, 36,")."""
    return n.unit == "year of age" or _split_actor(n.measures)[0] == "age"


def _ages(
    numbers: Sequence[Number], actors: Sequence[tuple[str | None, str | None]]
) -> dict[str, int]:
    """The age of whoever a measurement told by its verb belongs to, where the text gives
    one: the age in the same sentence for an unnamed one ("a 36-year-old man fell 200m"),
    the named person's age in the same article ("Duncan Rait, 36,") for a named one."""
    named: dict[str, list[tuple[str, float]]] = {}
    in_sentence: dict[tuple[str, int], set[float]] = {}
    for n, (what, who) in zip(numbers, actors, strict=True):
        if what == "age" and who:
            named.setdefault(n.article, []).append((who, n.value))
        if _is_age(n):
            in_sentence.setdefault((n.article, n.sentence_start), set()).add(n.value)
    out: dict[str, int] = {}
    for n, (what, who) in zip(numbers, actors, strict=True):
        if not (what or "").startswith(_MEASUREMENTS):  # a sum of money has no age
            continue
        if who:
            found = {v for name, v in named.get(n.article, []) if same_name(name, who)}
        else:
            found = in_sentence.get((n.article, n.sentence_start), set())
        if len(found) == 1:
            out[n.id] = int(next(iter(found)))
    return out


def _same_context(
    na: Number,
    nb: Number,
    context: Mapping[str, Mapping[str, float]],
    norms: Mapping[str, float],
) -> bool:
    """Whether the sentences around two numbers speak of the same thing."""
    norm = norms[na.id] * norms[nb.id]
    return bool(norm) and cosine(context[na.id], context[nb.id], norm)[0] >= NUMBER_CONTEXT


def _readable(what: str | None, sentence: str) -> str:
    """A measure told by its verb as a reader says it: "duration serv" -> "duration
    (served)", with the verb as the sentence writes it."""
    if not what or not what.startswith(_DIMENSIONED):
        return what or ""
    dimension, _, key = what.partition(" ")
    m = re.search(rf"\b{re.escape(key)}\w*", sentence, re.IGNORECASE)
    return f"{dimension} ({m.group(0).lower() if m else key})"


def described(n: Number, article: Article) -> str:
    """What a number measures, as a reader says it: "duration (served) of Walter Pryce",
    "age of Duncan Rait", "people killed"."""
    what, who = _split_actor(n.measures)
    what = _readable(what, article.analysis_text[n.sentence_start : n.sentence_end])
    return f"{what} of {who}" if who else what


def _later(a: Article, b: Article, la: str, lb: str) -> str:
    """Which of two articles is the later telling, when both give a publication date."""
    da, db = (a.published or "")[:10], (b.published or "")[:10]
    if not da or not db or da == db:
        return ""
    return f"; {lb if db > da else la} is the later report ({max(da, db)})"


def _latest(
    numbers: Sequence[Number], articles: Mapping[str, Article], labels: Mapping[str, str]
) -> str:
    """Which sources of a grouped quantity are the latest tellings, when dates allow."""
    dates = {n.article: (articles[n.article].published or "")[:10] for n in numbers}
    known = {a: d for a, d in dates.items() if d}
    if len(set(known.values())) < 2:
        return ""
    last = max(known.values())
    who = listed(sorted({labels[a] for a, d in known.items() if d == last}))
    return f"; the latest reports are {who} ({last})"


def _scope_match(a: str | None, b: str | None) -> bool:
    """Periods or places agree when both are unknown, or when they share a content word."""
    if not a or not b:
        return not a and not b
    sa, sb = stems_of(a), stems_of(b)
    digits_a, digits_b = set(re.findall(r"\d{4}", a)), set(re.findall(r"\d{4}", b))
    if digits_a and digits_b:
        return bool(digits_a & digits_b)
    return bool(sa & sb) or a.strip().lower() == b.strip().lower()


# A period that names one day or a moment of it ("Sunday", "Monday morning", "yesterday",
# "7 p.m.", "July 29") dates the event a number is told of; it does not narrow what is
# counted as "this year" or "since 2014" do.
_DAY_PERIOD = re.compile(
    r"^(?:(?:early|late|mid-?)\s*)?(?:(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|"
    r"\d{1,2}[:.]\d\d)\s*)?(?:on\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"last night|this (?:morning|afternoon|evening)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})?"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)


_SAME_DAYS = 3  # articles dated this close may tell of one day's event


def _one_day(a: str | None, b: str | None) -> bool:
    """Whether one number is dated to a day and the other is not dated at all: "injuring
    five people on Sunday" and "injured two people" tell of the same quake."""
    told = ((a or "") + (b or "")).strip() if bool(a) != bool(b) else ""
    return bool(told) and bool(_DAY_PERIOD.match(told))


def _undated(article: Article) -> bool:
    """An article with no date at all: no publication date and none its text is read
    against."""
    return not article.published and not article.date_anchor.value


def days_after(later: Article, earlier: Article) -> int | None:
    """Days from ``earlier``'s date to ``later``'s (publication, else the date their text
    is read against); None when either is unknown."""
    da = (later.published or later.date_anchor.value or "")[:10]
    db = (earlier.published or earlier.date_anchor.value or "")[:10]
    try:
        return (date.fromisoformat(da) - date.fromisoformat(db)).days
    except ValueError:
        return None


def _days_apart(a: Article, b: Article) -> int | None:
    """Days between two articles' dates; None when either is unknown."""
    days = days_after(a, b)
    return None if days is None else abs(days)


FRAGMENT_WORDS = 4  # a "sentence" with fewer context words is a fragment of a broken split


def _context_weights(number: Number, article: Article) -> dict[str, float]:
    """Rarity weights of the words around a number in its sentence, less what it counts.

    When the parser cut the sentence short ("... in the Gaza Valley (Wadi Gaza)" | "rose to
    almost three meters"), the number's paragraph line stands in for it.
    """
    text = article.analysis_text
    left_out = stems_of(number.measures) | stems_of(number.text)

    def weights(start: int, end: int) -> dict[str, float]:
        return {
            k: v
            for k, v in claim_weights(text[start:end]).items()
            if k not in left_out and not any(ch.isdigit() for ch in k)
        }

    found = weights(number.sentence_start, number.sentence_end)
    if len(found) < FRAGMENT_WORDS:
        line_start = text.rfind("\n", 0, number.start) + 1
        line_end = text.find("\n", number.end)
        found = weights(line_start, len(text) if line_end < 0 else line_end)
    return found


# One outcome told in other words: "wounding 70" and "injuring 80" count the same hurt.
_SAME_OUTCOME = {stem("wounded"): stem("injured"), stem("hurt"): stem("injured")}


def _measure_stems(measures: str | None) -> set[str]:
    """What a number counts, as stems, with synonymous outcomes made one."""
    return {_SAME_OUTCOME.get(s, s) for s in stems_of(measures)}


def align_numbers(
    numbers: Sequence[Number],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    origin: Mapping[str, str],
    settings: Settings,
) -> list[Finding]:
    """Corroborated and conflicting numbers across articles (see module docstring)."""
    findings: list[Finding] = []
    lines = _stat_lines(numbers)
    context = {n.id: _context_weights(n, articles[n.article]) for n in numbers}
    norms = {k: math.sqrt(sum(v * v for v in w.values())) for k, w in context.items()}
    measures = [_measure_stems(n.measures) for n in numbers]
    actors = [_split_actor(n.measures) for n in numbers]
    keys: list[set[Hashable]] = []
    for n, stems, (what, who) in zip(numbers, measures, actors, strict=True):
        # Two numbers can only be one quantity when they share a key: both phone numbers;
        # one named owner's same measure; or (neither in a stat line) a counted word.
        if n.unit == "phone":
            keys.append({("phone",)})
        elif who or (what or "").startswith(_DIMENSIONED):
            keys.append({("who", what)})
        elif n.id in lines:
            keys.append(set())
        else:
            keys.append({("measure", s) for s in stems})
    # An article that tells several measurements of one kind ("fell 2,000ft" and "fell
    # 200ft") without saying whose leaves its unowned ones compared with nothing; one that
    # gives one person two ("sentenced to 2 years, with 9 months to serve"), those two.
    ages = _ages(numbers, actors)
    told: dict[tuple[str, str, str], set[float]] = {}
    owners: dict[str, str] = {}
    for n, (what, who) in zip(numbers, actors, strict=True):
        if (what or "").startswith(_DIMENSIONED):
            owners[n.id] = who or (f"age {ages[n.id]}" if n.id in ages else "")
            told.setdefault((n.article, what or "", owners[n.id]), set()).add(_in_base(n))
    ambiguous = {
        n.id
        for n, (what, _who) in zip(numbers, actors, strict=True)
        if _several(told.get((n.article, what or "", owners.get(n.id, "")), set()))
    }
    # An article that gives one quake two magnitudes ("Tehran put it at 5.9, the USGS at
    # 6.1") or tells of other quakes leaves its magnitudes of that scope set against none.
    quakes: dict[tuple[str, str, str], set[float]] = {}
    for n in numbers:
        if n.unit == "magnitude":
            quakes.setdefault((n.article, n.period or "", n.place or ""), set()).add(n.value)
    ambiguous |= {
        n.id
        for n in numbers
        if n.unit == "magnitude" and len(quakes[(n.article, n.period or "", n.place or "")]) > 1
    }
    partners = [0] * len(numbers)
    for i, j in candidate_pairs([n.article for n in numbers], keys):
        na, nb = numbers[i], numbers[j]
        ma = measures[i]
        if not ma or partners[i] >= MAX_PARTNERS or partners[j] >= MAX_PARTNERS:
            continue
        before = len(findings)
        _match(
            na,
            nb,
            ma,
            measures[j],
            ambiguous,
            ages,
            actors[i],
            actors[j],
            lines,
            findings,
            context,
            norms,
            articles,
            labels,
            origin,
        )
        if len(findings) > before:
            partners[i] += 1
            partners[j] += 1
    findings += _age_lists(numbers, articles, labels, origin)
    by_id = {n.id: n for n in numbers}
    return _grouped_conflicts(
        _without_agreement_inside_conflicts(findings, by_id), by_id, articles, labels
    )


def _age_lists(
    numbers: Sequence[Number],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    origin: Mapping[str, str],
) -> list[Finding]:
    """Conflicts between two sentences that give the ages of the same people: "two women
    -- 68 and 48-years-old" against "Robyn Mendes, 48, ... Catherine Gomes, 61". A list of
    ages that does not say whose (``AGE_LIST`` or more in one sentence) against the ages
    of another article's sentence, as many, that agree on every age but one: the odd pair
    conflicts, named by the side that says whose it is, unless either article tells the
    other's odd age elsewhere (then it is someone else's: "a 63-year-old woman was killed;
    the wounded were a 47-year-old man and a 48-year-old man")."""
    told: dict[tuple[str, int], list[Number]] = {}
    for n in numbers:
        if _is_age(n) and n.bound == "=":
            told.setdefault((n.article, n.sentence_start), []).append(n)
    unowned = [[n for n in ages if not _split_actor(n.measures)[1]] for ages in told.values()]
    ages_of: dict[str, set[float]] = {}
    for (article, _), ages in told.items():
        ages_of.setdefault(article, set()).update(n.value for n in ages)
    findings: list[Finding] = []
    for ga in (g for g in unowned if len(g) >= AGE_LIST):
        for gb in told.values():
            if gb[0].article == ga[0].article or len(ga) != len(gb):
                continue
            if not all(_split_actor(n.measures)[1] for n in gb) and gb[0].article < ga[0].article:
                continue  # two lists that say whose neither: compared once
            rest_a, rest_b = list(ga), list(gb)
            for n in ga:
                twin = next((m for m in rest_b if m.value == n.value), None)
                if twin is not None:
                    rest_a.remove(n)
                    rest_b.remove(twin)
            if len(rest_a) != 1:
                continue  # all alike, or more than one age apart: other people
            odd_a, odd_b = rest_a[0], rest_b[0]
            if odd_b.value in ages_of[odd_a.article] or odd_a.value in ages_of[odd_b.article]:
                continue  # an article that tells the other's age of someone else too
            findings += [
                f
                for f in _pair(odd_b, odd_a, articles, labels, origin)
                if f.kind == "numeric_conflict"
            ]
    return findings


def _several(values: set[float]) -> bool:
    """Whether an article's values of one measurement are more than one value told two
    ways ("2000ft (609 metres)" is one fall; "2,000ft" and "200ft" are two)."""
    return bool(values) and max(values) > min(values) * (1 + _ROUNDING)


def _grouped_conflicts(
    findings: list[Finding],
    by_id: Mapping[str, Number],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
) -> list[Finding]:
    """One finding per quantity whose values conflict, not one per pair of articles.

    Numbers linked by conflicts are one quantity told several ways; the finding lists each
    value with the sources that give it ("A, B and D say 200ft; F and G say 200 metres; C
    says 150 metres") and shows every source's words.
    """
    out, groups = linked(findings, "numeric_conflict")
    for members in groups:
        if len(members) == 1:
            out.append(members[0])
            continue
        numbers = sorted(
            (by_id[x] for x in dict.fromkeys(x for f in members for x in f.facts)),
            key=lambda n: (labels[n.article], n.start),
        )
        # one value with or without "about" is one telling; a bound to one side is another
        values: dict[tuple[str, float], list[Number]] = {}
        for n in numbers:
            side = n.bound if n.bound in _ONE_SIDED else "point"
            values.setdefault((side, round(_in_base(n), 6)), []).append(n)
        told = []
        ordered = sorted(values.values(), key=lambda g: (-len(g), labels[g[0].article]))
        for same in ordered:
            who = sorted({labels[n.article] for n in same})
            # the bound words only when every source gives the same bound
            value = _told(same[0]) if len({n.bound for n in same}) == 1 else same[0].text
            told.append(f"{listed(who)} say{'s' if len(who) == 1 else ''} {value}")
        what = Counter(f.summary.split(": ", 1)[0] for f in members).most_common(1)[0][0]
        out.append(
            Finding(
                id="",
                kind="numeric_conflict",
                summary=f"{what}: {'; '.join(told)}",
                confidence=max(f.confidence for f in members),
                # the most told value first, the odd one out last
                evidence=tuple(
                    articles[n.article].span(n.start, n.end) for same in ordered for n in same
                ),
                reason="same quantity and scope (what is counted, where, when) told with "
                f"values that cannot all be true ({len(members)} pairs of sources)"
                + _latest(numbers, articles, labels),
                severity="review",
                sources=len({n.article for n in numbers}),
                facts=tuple(n.id for same in ordered for n in same),
            )
        )
    return out


def _told(n: Number) -> str:
    """A number as its article bounds it: "more than three meters", "about 6.0"."""
    return _BOUND_WORDS.get(n.bound, "") + n.text


_BOUND_WORDS = {
    ">": "more than ",
    ">=": "at least ",
    "<": "less than ",
    "<=": "up to ",
    "<~": "nearly ",
    "~": "about ",
}


def _without_agreement_inside_conflicts(
    findings: list[Finding], by_id: Mapping[str, Number]
) -> list[Finding]:
    """Drop an agreement told in the very sentences of two articles whose figures conflict
    ("sentenced to 2 years, with 9 months to serve" / "to 2 1/2 years, with 9 months to
    serve"): the two statements disagree, and the conflict is what a reader needs."""

    def sentences(f: Finding) -> frozenset[tuple[str, int]]:
        return frozenset((by_id[x].article, by_id[x].sentence_start) for x in f.facts if x in by_id)

    clashing = {sentences(f) for f in findings if f.kind == "numeric_conflict"}
    return [
        f
        for f in findings
        if f.kind == "numeric_conflict" or len(s := sentences(f)) < 2 or s not in clashing
    ]


def _match(
    na: Number,
    nb: Number,
    ma: set[str],
    mb: set[str],
    ambiguous: set[str],
    ages: Mapping[str, int],
    actor_a: tuple[str | None, str | None],
    actor_b: tuple[str | None, str | None],
    lines: set[str],
    findings: list[Finding],
    context: Mapping[str, Mapping[str, float]],
    norms: Mapping[str, float],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    origin: Mapping[str, str],
) -> None:
    """Add the finding of two numbers of different articles, if they are one quantity."""
    what_a, who_a = actor_a
    what_b, who_b = actor_b
    if (_is_age(na) or _is_age(nb)) and (
        _days_apart(articles[na.article], articles[nb.article]) or 0
    ) > AGE_APART:
        return  # "Orozco, 27," when hunted and "Orozco, 29," at his trial two years on
    if na.unit == "phone" or nb.unit == "phone":
        # one line written alike agrees; a digit more, fewer or changed conflicts
        if na.unit == nb.unit and (_digits(na) == _digits(nb) or _misdialled(na, nb)):
            findings.extend(_pair(na, nb, articles, labels, origin))
        return
    if (what_a or "").startswith(_AMOUNT) and (
        na.unit != nb.unit or not _same_scope(na, nb, articles)
    ):
        # dollars against pounds: the rate of the day is not known here; an amount is one
        # event's (a heist in Dubai in 2007, another in May), told with its place and time
        return
    if who_a or who_b or (what_a or "").startswith(_DIMENSIONED):
        # The age or the fall of one person: one quantity wherever it is told.
        age_a, age_b = ages.get(na.id), ages.get(nb.id)
        one = (
            what_a == what_b
            and (what_a or "").startswith(_DIMENSIONED)
            and na.id not in ambiguous
            and nb.id not in ambiguous
        )
        if one and (not who_a or not who_b) and age_a is not None and age_b is not None:
            # "A 36-year-old man fell 200m" and "36-year-old Duncan Rait fell 200ft": the
            # age tells whose fall it is when a name is missing.
            if age_a == age_b:
                named = who_a or who_b
                whose = f"the {age_a}-year-old" + (f" ({named})" if named else "")
                findings.extend(_pair(na, nb, articles, labels, origin, whose=whose))
            return
        if (
            one
            and not who_a
            and not who_b
            and age_a is None
            and age_b is None
            and (
                _same_context(na, nb, context, norms)
                # one sum for one thing, to the unit ("a $7 million reward" / "a $7 million
                # bounty on his head"), is one sum however the sentences go on
                or (
                    (what_a or "").startswith(_AMOUNT)
                    and na.value == nb.value
                    and na.bound == nb.bound == "="
                )
            )
        ):
            findings.extend(_pair(na, nb, articles, labels, origin))
            return
        if (
            who_a
            and who_b
            and who_a.lower() not in _PRONOUNS
            and who_b.lower() not in _PRONOUNS
            and what_a == what_b
            and na.id not in ambiguous
            and nb.id not in ambiguous
            # a surname alone is a family, except for what one person did ("he fell")
            and (
                min(len(who_a.split()), len(who_b.split())) >= 2
                or (what_a or "").startswith(_DIMENSIONED)
            )
            and same_name(who_a, who_b)
            # a person's count of something done ("scored 11 points") is one game's or one
            # year's: told of another place or period it is another count
            and (
                (what_a or "").startswith(_DIMENSIONED)
                or _is_age(na)
                or _same_scope(na, nb, articles)
            )
        ):
            findings.extend(_pair(na, nb, articles, labels, origin))
        return
    if na.id in lines or nb.id in lines:
        return
    shared = ma & mb
    if not shared or len(shared) / min(len(ma), len(mb)) < 0.67:
        return
    if _counted(na.unit) != _counted(nb.unit) and na.unit and nb.unit:
        return
    quake = na.unit == nb.unit == "magnitude" and na.id not in ambiguous and nb.id not in ambiguous
    same_period = _scope_match(na.period, nb.period)
    if not _same_scope(na, nb, articles):
        return
    if not shared & _OUTCOME_STEMS and not quake and not _same_context(na, nb, context, norms):
        # A bare counted noun ("15 points", "eight points") names the same quantity
        # only when the sentences around the two numbers speak of the same thing.
        return
    msim = len(shared) / len(ma | mb)
    found = _pair(na, nb, articles, labels, origin, msim)
    if not shared & _OUTCOME_STEMS and not quake:
        # Two different counts of a bare noun ("two jurors" / "nine jurors", "five
        # villages" / "12 villages") are most often counts of different groups: the same
        # value is kept as agreement, different values raise nothing. (A named person's
        # count, "Feld scored 24 points", is compared as his, above.)
        found = [f for f in found if f.kind != "numeric_conflict"]
    elif quake and not same_period:
        # a magnitude dated to a day may be an aftershock's: it agrees with an undated one
        # or says nothing
        found = [f for f in found if f.kind != "numeric_conflict"]
    findings.extend(found)


_ONE_SIDED = frozenset({">", ">=", "<", "<=", "<~"})  # bounds that leave a side open


def _same_scope(na: Number, nb: Number, articles: Mapping[str, Article]) -> bool:
    """Whether two numbers are told of one place and one period: both periods alike (or
    one day against none in articles of the same days), and the places alike where both
    give one."""
    art_a, art_b = articles[na.article], articles[nb.article]
    apart = _days_apart(art_a, art_b)
    near = (apart is not None and apart <= _SAME_DAYS) or (_undated(art_a) and _undated(art_b))
    dated_alike = _scope_match(na.period, nb.period) or (_one_day(na.period, nb.period) and near)
    return dated_alike and (_scope_match(na.place, nb.place) or not na.place or not nb.place)


# Words for the people of a place, not a kind of person: "two villagers injured" and "five
# people injured" count the same victims.
_ANYONE = frozenset(
    {"people", "persons", "person", "others", "villagers", "residents", "civilians", "locals"}
)


def _counted(unit: str | None) -> str:
    """What a unit counts, the words for anyone in a place taken as one, and an outcome
    standing for its victims ("about 50 hurt") as people."""
    u = (unit or "").lower()
    return "people" if u in _ANYONE or stem(u) in _OUTCOME_STEMS else u


def _pair(
    na: Number,
    nb: Number,
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    origin: Mapping[str, str],
    msim: float = 1.0,
    *,
    whose: str = "",
) -> list[Finding]:
    """The finding for two numbers of one quantity: agreement or conflict (``whose``: the
    person an unnamed measurement was matched to, for the summary)."""
    findings: list[Finding] = []
    (lo_a, hi_a), (lo_b, hi_b) = _intervals(na, nb)
    agree = lo_a <= hi_b and lo_b <= hi_a
    if (
        agree
        and na.bound in _ONE_SIDED
        and nb.bound in _ONE_SIDED
        and (na.bound, _in_base(na)) != (nb.bound, _in_base(nb))
    ):
        return []  # "nearly 3 m" and "up to 3.5 m" overlap: neither agree nor conflict
    art_a, art_b = articles[na.article], articles[nb.article]
    la, lb = labels[na.article], labels[nb.article]
    evidence = (art_a.span(na.start, na.end), art_b.span(nb.start, nb.end))
    scope = ", ".join(x for x in (na.place, na.period) if x)
    what = described(na, art_a) or ("the phone number" if na.unit == "phone" else "")
    if not _split_actor(na.measures)[1]:
        what += f" of {whose}" if whose else (f" ({scope})" if scope else "")
    if agree:
        independent = origin[na.article] != origin[nb.article]
        findings.append(
            Finding(
                id="",
                kind="corroborated" if independent else "single_source",
                summary=f"{la} and {lb} agree on {what}: {_told(na)} / {_told(nb)}",
                confidence=round(0.55 + 0.4 * msim, 2),
                evidence=evidence,
                reason="same quantity, same scope, values compatible"
                + ("" if independent else "; but both rest on one origin"),
                sources=2 if independent else 1,
                facts=(na.id, nb.id),
            )
        )
    else:
        findings.append(
            Finding(
                id="",
                kind="numeric_conflict",
                summary=f"{what}: {la} says {na.text}, {lb} says {nb.text}",
                confidence=round(0.45 + 0.45 * msim + (0.05 if na.period else 0), 2),
                evidence=evidence,
                reason="same quantity and scope (what is counted, where, when) "
                "with values that cannot both be true" + _later(art_a, art_b, la, lb),
                severity="review",
                sources=2,
                facts=(na.id, nb.id),
            )
        )
    return findings
