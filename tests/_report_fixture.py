"""A hand-built Report for the renderer tests: two invented articles, one finding per kind.

The texts are written for this project. Every span is built by searching its text, so
``article.text[start:end] == span.text`` holds by construction.
"""

from __future__ import annotations

from crosscheck.model import (
    Article,
    Claim,
    DateAnchor,
    DateRef,
    Entity,
    Finding,
    Mention,
    Number,
    Problem,
    Quote,
    Removed,
    Report,
    Span,
    Speaker,
)

TEXT_A = (
    "\n\n".join(
        [
            "Get our morning briefing. Subscribe now!",
            (
                "PORT ELLIS, March 3 — The Port Ellis city council voted on Tuesday to approve "
                "a $42 million footbridge across the Alder River, ending a debate that began in "
                "2019."
            ),
            (
                '"This bridge will connect two halves of a city that have ignored each other for '
                'too long," Mayor Ines Carvalho said after the vote.'
            ),
            (
                "Council member Tomas Reyes, who voted against the plan, said the cost would leave "
                'little money for road repairs. "We are building a monument, not a crossing," '
                "Reyes told reporters."
            ),
            (
                "Construction is expected to take 18 months, according to the city's engineering "
                "office. About 3,000 people cross the river by ferry every day, and the bridge is "
                "the first new crossing since 1964."
            ),
            "Read more: Ferry operator cuts winter timetable",
        ]
    )
    + "\n"
)

TEXT_B = (
    "\n\n".join(
        [
            "Port Ellis backs Alder River footbridge",
            "By Dana Whitfield | Coastal Wire",
            (
                "The Port Ellis council on Tuesday backed a footbridge over the Alder River that "
                "will cost $55 million, city documents show."
            ),
            (
                '"We are building a monument, not a crossing," said Mayor Ines Carvalho, quoted by '
                "local radio station KPEL."
            ),
            (
                "Carvalho said the bridge would connect two halves of the city. Officials said "
                "about 3,000 people cross the river by ferry every day, and the bridge is the "
                "first new crossing since 1964."
            ),
            "Work on the bridge started in November 2017, the council said.",
            "Share this article: Facebook | X | Email",
        ]
    )
    + "\n"
)

HOSTILE = "<script>alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(1)>'


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in ``text`` (raises if absent)."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def span(article: Article, needle: str, nth: int = 0) -> Span:
    """The evidence span of ``needle`` in ``article``."""
    s, e = find(article.text, needle, nth)
    return Span(article.id, s, e, article.text[s:e])


def _removed(text: str, needle: str, reason: str) -> Removed:
    s, e = find(text, needle)
    return Removed(s, e, needle, reason)


def _clean(text: str, removed: tuple[Removed, ...]) -> str:
    chars = list(text)
    for r in removed:
        for i in range(r.start, r.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _article(
    aid: str, source: str, text: str, removed: tuple[Removed, ...], **kw: object
) -> Article:
    return Article(
        id=aid, source=source, text=text, clean_text=_clean(text, removed), removed=removed, **kw
    )  # type: ignore[arg-type]


def make_articles(text_a: str = TEXT_A, text_b: str = TEXT_B) -> tuple[Article, Article]:
    """The two fixture articles (A with metadata, B with an inferred date anchor)."""
    a = _article(
        "harbour-ledger-1",
        "fixtures/harbour_ledger.txt",
        text_a,
        (
            _removed(text_a, "Get our morning briefing. Subscribe now!", "newsletter"),
            _removed(text_a, "Read more: Ferry operator cuts winter timetable", "teaser"),
        ),
        title="Council approves Alder River footbridge",
        outlet="Harbour Ledger",
        published="2021-03-03T09:00:00+00:00",
        date_anchor=DateAnchor("2021-03-03", "metadata"),
    )
    b = _article(
        "coastal-wire-7",
        "fixtures/coastal_wire.txt",
        text_b,
        (
            _removed(text_b, "By Dana Whitfield | Coastal Wire", "byline"),
            _removed(text_b, "Share this article: Facebook | X | Email", "share bar"),
        ),
        title="Port Ellis backs Alder River footbridge",
        date_anchor=DateAnchor(
            "2021-03-02", "inferred", ("2017-11", "2021-03-02"), "latest date in the text"
        ),
    )
    return a, b


def _quote(
    qid: str, art: Article, content: str, kind: str, who: str, who_text: str, cue: str,
    via: tuple[str, ...] = (), nth: int = 0,
) -> Quote:  # fmt: skip
    s, e = find(art.text, content, nth)
    ws, we = find(art.text, who_text)
    cs, ce = find(art.text, cue, 0) if cue in art.text else (None, None)
    speaker = Speaker(who, f"ent-{who.split()[-1].lower()}", ws, we, who_text)
    return Quote(
        qid,
        art.id,
        s,
        e,
        content,
        kind,
        speaker,
        cue,
        cs,
        ce,
        via,  # type: ignore[arg-type]
    )


def _mentions(art: Article, needle: str) -> tuple[Mention, ...]:
    out, pos = [], art.text.find(needle)
    while pos >= 0:
        out.append(Mention(art.id, pos, pos + len(needle), needle))
        pos = art.text.find(needle, pos + 1)
    return tuple(out)


def make_report(text_a: str = TEXT_A, text_b: str = TEXT_B) -> Report:
    """The fixture report: quotes, numbers, dates, entities, claims and six findings."""
    a, b = make_articles(text_a, text_b)
    monument = "We are building a monument, not a crossing"
    quotes = (
        _quote(
            "q1", a,
            "This bridge will connect two halves of a city that have ignored each other "
            "for too long",
            "direct", "Ines Carvalho", "Mayor Ines Carvalho", "said",
        ),
        _quote("q2", a, "the cost would leave little money for road repairs", "indirect",
               "Tomas Reyes", "Council member Tomas Reyes", "said"),
        _quote("q3", a, monument, "direct", "Tomas Reyes", "Reyes told", "told"),
        _quote("q4", b, monument, "direct", "Ines Carvalho", "Mayor Ines Carvalho", "said",
               via=("KPEL",)),
        _quote("q5", b, "the bridge would connect two halves of the city", "indirect",
               "Ines Carvalho", "Carvalho said", "said"),
    )  # fmt: skip

    def number(nid: str, art: Article, text: str, value: float, unit: str | None,
               measures: str, period: str | None = None, bound: str = "=") -> Number:  # fmt: skip
        s, e = find(art.text, text)
        return Number(nid, art.id, s, e, text, value, unit, measures, "Port Ellis", period, bound)

    numbers = (
        number("n1", a, "$42 million", 42e6, "USD", "footbridge cost"),
        number("n2", a, "18 months", 18, "month", "construction duration"),
        number("n3", a, "About 3,000", 3000, "people", "ferry passengers", "every day", "~"),
        number("n4", b, "$55 million", 55e6, "USD", "footbridge cost"),
        number("n5", b, "about 3,000", 3000, "people", "ferry passengers", "every day", "~"),
    )

    def date(did: str, art: Article, text: str, value: str | None, anchor: str) -> DateRef:
        s, e = find(art.text, text)
        return DateRef(did, art.id, s, e, text, value, "DATE", anchor)

    dates = (
        date("d1", a, "March 3", "2021-03-03", "metadata"),
        date("d2", a, "Tuesday", "2021-03-02", "metadata"),
        date("d3", a, "2019", "2019", "absolute"),
        date("d4", b, "Tuesday", "2021-03-02", "inferred"),
        date("d5", b, "November 2017", "2017-11", "absolute"),
    )
    entities = (
        Entity("ent-carvalho", "Ines Carvalho", "PERSON",
               ("Mayor Ines Carvalho", "Carvalho"), ("mayor",),
               _mentions(a, "Ines Carvalho") + _mentions(b, "Ines Carvalho")
               + (Mention(b.id, *find(b.text, "Carvalho said"), "Carvalho said"),)),
        Entity("ent-reyes", "Tomas Reyes", "PERSON", ("Reyes",), ("council member",),
               _mentions(a, "Tomas Reyes")),
        Entity("ent-port-ellis", "Port Ellis", "GPE", ("PORT ELLIS",), (),
               _mentions(a, "Port Ellis") + _mentions(b, "Port Ellis")),
        Entity("ent-kpel", "KPEL", "ORG", (), ("radio station",), _mentions(b, "KPEL")),
    )  # fmt: skip
    # The mention built from "Carvalho said" must cover only the name.
    car = entities[0]
    fixed = tuple(
        m if m.text != "Carvalho said" else Mention(m.article, m.start, m.start + 8, "Carvalho")
        for m in car.mentions
    )
    entities = (Entity(car.id, car.name, car.type, car.aliases, car.roles, fixed), *entities[1:])

    copy_a = span(
        a,
        "3,000 people cross the river by ferry every day, and the bridge is the "
        "first new crossing since 1964",
    )
    copy_b = span(b, copy_a.text)
    findings = (
        Finding(
            "f-attr", "attribution_conflict",
            "Same words, different speakers: “We are building a monument, not a crossing”",
            0.86, (span(a, monument), span(a, "Reyes"), span(b, monument),
                   span(b, "Mayor Ines Carvalho")),
            reason="A attributes the quote to Tomas Reyes; B to Ines Carvalho (via KPEL).",
            severity="severe", sources=2, facts=("q3", "q4"),
        ),
        Finding(
            "f-num", "numeric_conflict", "Footbridge cost: $42 million (A) vs $55 million (B)",
            0.74, (span(a, "$42 million"), span(b, "$55 million")),
            reason="Both count the cost of the same footbridge in Port Ellis.",
            severity="review", sources=2, facts=("n1", "n4"),
        ),
        Finding(
            "f-time", "temporal_anomaly",
            "“November 2017” is years before the rest of the story (2019–2021)",
            0.62, (span(b, "November 2017"),),
            reason="B dates the start of work before the debate that A says began in 2019.",
            severity="review", sources=1, facts=("d5",),
        ),
        Finding(
            "f-corr", "corroborated", "About 3,000 people cross the river by ferry every day",
            0.9, (span(a, "3,000 people cross the river by ferry every day"),
                  span(b, "3,000 people cross the river by ferry every day")),
            reason="Both sources report the same daily ferry count.",
            severity="info", sources=2, facts=("n3", "n5"),
        ),
        Finding(
            "f-single", "single_source", "Construction is expected to take 18 months",
            0.8, (span(a, "Construction is expected to take 18 months"),),
            reason="Only A reports the construction time.", severity="info", sources=1,
            facts=("n2",),
        ),
        Finding(
            "f-copy", "copy", "A sentence appears word for word in both sources",
            0.95, (copy_a, copy_b),
            reason="Verbatim copy: counted as one source, not as confirmation.",
            severity="info", sources=1,
        ),
    )  # fmt: skip
    claims = (
        Claim("c1", a.id, *find(a.text, "Construction is expected to take 18 months, according "
              "to the city's engineering office."), "", ("ent-port-ellis",), ("construction",),
              0.7),
    )  # fmt: skip
    claims = tuple(
        Claim(c.id, c.article, c.start, c.end, a.text[c.start : c.end], c.entities, c.keywords,
              c.score)
        for c in claims
    )  # fmt: skip
    return Report(
        articles=(a, b),
        entities=entities,
        quotes=quotes,
        numbers=numbers,
        dates=dates,
        claims=claims,
        findings=findings,
        problems=(Problem("fixtures/empty.txt", "CC003", "input is empty", True),),
        stats={"articles": 2, "seconds": 0.25},
    )


def make_hostile_report() -> Report:
    """The fixture report with markup injected into text, metadata, names and findings."""
    text_a = TEXT_A.replace("ending a debate", f"ending a debate {HOSTILE} {HOSTILE_ATTR}")
    base = make_report(text_a, TEXT_B)
    a, b = base.articles
    a2 = Article(
        a.id, a.source + HOSTILE_ATTR, a.text, HOSTILE, a.outlet + HOSTILE_ATTR, HOSTILE_ATTR,
        None, None, a.language, a.format, a.clean_text, a.removed,
        DateAnchor(None, "none", None, HOSTILE),
    )  # fmt: skip
    evil = span(a2, f"{HOSTILE} {HOSTILE_ATTR}")
    f = Finding(
        HOSTILE_ATTR,
        "attribution_conflict",
        HOSTILE,
        0.5,
        (evil,),
        reason=HOSTILE_ATTR,
        severity="severe",
    )
    q = Quote("qx", a.id, evil.start, evil.end, evil.text, "direct",
              Speaker(HOSTILE, None, evil.start, evil.end, evil.text), HOSTILE_ATTR,
              via=(HOSTILE,))  # fmt: skip
    return Report(
        articles=(a2, b),
        entities=base.entities,
        quotes=(*base.quotes, q),
        numbers=base.numbers,
        dates=base.dates,
        findings=(*base.findings, f),
        problems=(Problem(HOSTILE, "CC002", HOSTILE_ATTR),),
    )
