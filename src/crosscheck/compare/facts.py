"""Alignment of claims, numbers and dates across sources.

- Numbers conflict only when what they count, where and over which period match and their
  values (with bounds: "at least", "about") cannot both be true. "20 troops killed this
  year" and "14,000 deaths since 2014" measure different things and raise nothing. A bare
  counted noun ("15 points", "eight points") also needs the sentences around the two numbers
  to share distinctive words; one that says what happened ("12 people hospitalised") does not.
- Dates: the story's window is the dense cluster of day-precise dates; a day-precise date
  far outside it ("last Nov. 3" in a story of late March) is a temporal anomaly.
- People: the same role written next to one person in several sources corroborates it; two
  hometowns written after one person's name ("LaSalle, 36, of Minneapolis" / "of
  Bloomington") contradict each other.
- Claims: sentences sharing most of their rarity-weighted content words across independent
  sources corroborate each other; what only one source states is single-source (numbers and
  quotes first, then remaining check-worthy sentences).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import numpy as np

from crosscheck.compare.entities import is_named, same_name
from crosscheck.compare.numbers import described
from crosscheck.compare.quotes import short
from crosscheck.compare.text import claim_weights, covered, overlaps, stems_of
from crosscheck.extract.numbers_scope import OUTCOMES, told_genders
from crosscheck.extract.words import content_tokens, stem
from crosscheck.model import (
    Article,
    Claim,
    Entity,
    Finding,
    Mention,
    Number,
    Quote,
    Span,
    listed,
    quote_words,
)

# What happened to the counted things ("people hospitalised"): such a measure names one
# quantity of the story on its own.
_OUTCOME_STEMS = frozenset(stem(w) for w in OUTCOMES)
# A claim whose closest statement in another article is at least this alike is told there
# in other words: not single-source. Tuned on the crossnews tune half.
SINGLE_SIMILARITY = 0.15
# A quote is single-source when the sentence it sits in is this far from every
# statement of the other articles. Tuned on the crossnews tune half.
SINGLE_ITEM_SIMILARITY = 0.15
# A single-source quote is a named source's statement ("Only C quotes Mark Harvey: ..."), not
# a scare-quoted phrase ("shenanigans", "their impending offspring") or a pronoun's words.
MIN_QUOTE_WORDS = 4


def single_sources(
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
    numbers: Sequence[Number],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    earlier: Sequence[Finding],
    stated_elsewhere: set[str],
    best: Mapping[str, float],
    entities: Mapping[str, Entity],
) -> list[Finding]:
    """What only one source states: numbers, quotes and check-worthy claims.

    An item is single-source only when no other source says anything close to the
    statement it sits in: its claim has no aligned partner and its best similarity to any
    other article's claims stays under ``SINGLE_SIMILARITY``. A statement told in other
    words elsewhere is not single-source, so most items of a well-covered story are not.
    """
    findings: list[Finding] = []
    alone = {
        c.id
        for c in claims
        if c.id not in stated_elsewhere and best.get(c.id, 0.0) < SINGLE_SIMILARITY
    }
    covered_now = covered(earlier)
    postings: dict[str, list[tuple[int, float]]] = {}
    owners: list[str] = []
    norms: list[float] = []
    # What the other articles say: their claims, and their quotes (a bare quotation is no
    # claim, but it states the fact as much).
    statements = [(c.article, c.start, c.end) for c in claims]
    statements += [(q.article, q.start, q.end) for q in quotes]
    for i, (aid, start, end) in enumerate(statements):
        w = claim_weights(articles[aid].analysis_text[start:end])
        owners.append(aid)
        norms.append(math.sqrt(sum(v * v for v in w.values())))
        for key, value in w.items():
            postings.setdefault(key, []).append((i, value))

    # The postings as arrays: a big story has tens of thousands of statements and a common
    # word's list holds most of them; the sums below add word by word in the same order.
    arrays = {
        key: (np.array([i for i, _ in items]), np.array([v for _, v in items]))
        for key, items in postings.items()
    }
    article_ids = {a: n for n, a in enumerate(dict.fromkeys(owners))}
    owner_index = np.array([article_ids[a] for a in owners], dtype=np.int64)
    norm_array = np.array(norms, dtype=np.float64)

    def closest(article: str, start: int, end: int) -> float:
        """Best cosine to another article's claim, summed through an inverted index."""
        w = claim_weights(articles[article].analysis_text[start:end])
        norm = math.sqrt(sum(v * v for v in w.values()))
        dots = np.zeros(len(owners))
        touched = np.zeros(len(owners), dtype=bool)
        for key, value in w.items():
            if key in arrays:
                index, others = arrays[key]
                dots[index] += value * others  # one statement at most once per word
                touched[index] = True
        touched &= (owner_index != article_ids.get(article, -1)) & (norm_array != 0)
        if not touched.any() or not norm:
            return 0.0
        return float(np.max(dots[touched] / (norm * norm_array[touched])))

    def isolated(article: str, start: int, end: int, s_start: int, s_end: int) -> bool:
        if overlaps(covered_now.get(article, []), start, end):
            return False
        return closest(article, s_start, max(s_end, end)) < SINGLE_ITEM_SIMILARITY

    measures: dict[str, set[str]] = {}
    for n in numbers:
        measures.setdefault(n.article, set()).update(stems_of(n.measures))

    def unmatched(n: Number) -> bool:
        """Counts a named thing ("battalion groups", not just "people") that no other
        article counts, nor writes the same figure for."""
        stems = stems_of(n.measures)
        if not stems:
            return False
        return not any(
            stems & other or n.text.strip() in articles[a].analysis_text
            for a, other in measures.items()
            if a != n.article
        )

    findings += _single_numbers(
        [
            n
            for n in numbers
            if n.measures
            and not overlaps(covered_now.get(n.article, []), n.start, n.end)
            and unmatched(n)
        ],
        articles,
        labels,
        covered_now,
    )
    findings += _single_quotes(
        [
            q
            for q in quotes
            if is_named(q.speaker, entities)
            and q.mode in {"speech", "document"}
            and len(content_tokens(quote_words(q))) >= MIN_QUOTE_WORDS
            and isolated(q.article, q.start, q.end, min(q.sentence_start, q.start), q.sentence_end)
        ],
        articles,
        labels,
        covered_now,
    )
    reported = covered([*earlier, *findings], single=True)
    for claim in claims:
        if claim.id not in alone or claim.score < 0.65:
            continue
        if overlaps(reported.get(claim.article, []), claim.start, claim.end):
            continue
        findings.append(
            Finding(
                id="",
                kind="single_source",
                summary=f"Only {labels[claim.article]} states: {short(claim.text, 110)}",
                confidence=round(max(0.3, 1.0 - best[claim.id]), 2),
                evidence=(articles[claim.article].span(claim.start, claim.end),),
                reason=f"no other source has a similar statement (closest similarity "
                f"{best[claim.id]:.2f})",
                sources=1,
                facts=(claim.id,),
            )
        )
    return findings


def _single_numbers(
    numbers: Sequence[Number],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    covered: Mapping[str, list[tuple[int, int]]],
) -> list[Finding]:
    by_sentence: dict[tuple[str, int, int], list[Number]] = {}
    for n in numbers:
        if overlaps(covered.get(n.article, []), n.start, n.end) or not n.measures:
            continue
        by_sentence.setdefault((n.article, n.sentence_start, n.sentence_end), []).append(n)
    findings = []
    for (aid, _s, _e), group in by_sentence.items():
        article = articles[aid]
        parts = []
        for n in group:
            scope = ", ".join(x for x in (n.place, n.period) if x)
            parts.append(f"{n.text} ({described(n, article)}{'; ' + scope if scope else ''})")
        findings.append(
            Finding(
                id="",
                kind="single_source",
                summary=f"Only {labels[aid]} reports " + "; ".join(parts),
                confidence=0.8,
                evidence=tuple(article.span(n.start, n.end) for n in group),
                reason="no other source gives a number for the same quantity and scope",
                sources=1,
                facts=tuple(n.id for n in group),
            )
        )
    return findings


def _single_quotes(
    quotes: Sequence[Quote],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    covered: Mapping[str, list[tuple[int, int]]],
) -> list[Finding]:
    findings = []
    for q in quotes:
        if q.speaker is None or overlaps(covered.get(q.article, []), q.start, q.end):
            continue
        article = articles[q.article]
        evidence = [article.span(q.start, q.end)]
        if q.speaker.end > q.speaker.start:
            evidence.append(article.span(q.speaker.start, q.speaker.end))
        via = f" (via {' / '.join(q.via)})" if q.via else ""
        findings.append(
            Finding(
                id="",
                kind="single_source",
                summary=f"Only {labels[q.article]} quotes {q.speaker.name}{via}: "
                f"“{short(quote_words(q), 100)}”",
                confidence=0.75,
                evidence=tuple(evidence),
                reason="no other source quotes these words",
                sources=1,
                facts=(q.id,),
            )
        )
    return findings


def corroborated_roles(
    entities: Sequence[Entity], articles: Mapping[str, Article], labels: Mapping[str, str]
) -> list[Finding]:
    """People described with the same role by several sources."""
    findings = []
    for entity in entities:
        if entity.type != "PERSON" or len(entity.roles) < 1:
            continue
        spans: dict[str, Span] = {}
        for mention in entity.mentions:
            if mention.article in spans:
                continue
            article = articles[mention.article]
            window = article.text[max(0, mention.start - 80) : mention.start]
            for role in entity.roles:
                at = window.rfind(role)
                if at >= 0:
                    start = max(0, mention.start - 80) + at
                    spans[mention.article] = article.span(start, mention.end)
                    break
        if len(spans) < 2:
            continue
        role_stems = [
            {stem(w) for w in content_tokens(s.text)} - {stem(w) for w in entity.name.split()}
            for s in spans.values()
        ]
        common = set.intersection(*role_stems)
        if not common:
            continue
        which = sorted(labels[a] for a in spans)
        names = f"{', '.join(which[:-1])} and {which[-1]}"
        verb = "both describe" if len(which) == 2 else "all describe"
        findings.append(
            Finding(
                id="",
                kind="corroborated",
                summary=f"{names} {verb} {entity.name} as {min(entity.roles, key=len)}",
                confidence=0.85,
                evidence=tuple(spans.values()),
                reason="the same role is written next to the same person in each source",
                sources=len(spans),
                facts=(entity.id,),
            )
        )
    return findings


# "Anthony LaSalle, 36, of Minneapolis", "Jo Reyes, of Burnsville": the wire style that says
# where a person lives, written right after the name.
_HOMETOWN = re.compile(
    r",[ ]*(?:(?:aged[ ]+)?\d{1,3},[ ]*)?(?:of|from)[ ]+"
    r"((?:[A-Z][\w'’-]*\.?)(?:[ ]+[A-Z][\w'’-]*\.?){0,3})(?=[,.;:)\s]|$)"
)


# "A Bloomington man has been charged ...", "police arrested the Bloomington man": the
# person's hometown written before a noun for them.
_TOWN_NOUN = re.compile(
    r"\b([Aa]n?|[Tt]he) (?:\d{1,3}-year-old )?((?:[A-Z][\w'’-]+ ){1,3})"
    r"(man|woman|boy|girl|teen|teenager|resident)\b"
)
_NOUN_GENDER = {"man": "m", "boy": "m", "woman": "f", "girl": "f"}
NAMED_NEARBY = 300  # characters from "a Bloomington man ..." to the name that follows
PRONOUN_REACH = 250  # characters after a mention its person's pronoun is looked for in
_PRONOUN = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)


def _town_nouns(
    entity: Entity, article: Article, towns: Sequence[str], others: Sequence[Entity]
) -> list[tuple[str, Span]]:
    """Where an article writes a person's hometown before a noun for them: "A Bloomington
    man has been charged" followed by the person's name, or "the Bloomington man" after it.

    Only towns that some source writes after this person's name (``towns``), so a
    nationality ("a British man") or another person's town is not taken for it; the noun
    refers to the next named person (after "a") or the last one (after "the"), and "man" or
    "woman" only to one whose gender the text tells: by a title or a noun beside the name, or
    by the first pronoun after it before another person is named.
    """
    named = sorted(
        ((m.start, e) for e in (entity, *others) for m in e.mentions if m.article == article.id),
        key=lambda x: x[0],
    )
    genders = told_genders(article.text, [e.name for _start, e in named])
    for at, (start, e) in enumerate(named):
        # "LaSalle is expected in court ... Police had to Taser him": the first pronoun
        # after a mention, before the next person's, says the person's gender
        stop = named[at + 1][0] if at + 1 < len(named) else len(article.text)
        said = _PRONOUN.search(article.text, start, min(stop, start + PRONOUN_REACH))
        if said and e.name not in genders:
            genders[e.name] = "f" if said.group(0).lower() in {"she", "her", "hers"} else "m"
    out = []
    for hit in _TOWN_NOUN.finditer(article.text):
        town = hit.group(2).strip()
        if not any(_one_place(town, t) for t in towns):
            continue
        gender = _NOUN_GENDER.get(hit.group(3))
        fits = [(start, e) for start, e in named if gender in {None, genders.get(e.name)}]
        if hit.group(1).lower() == "the":
            before = [e for start, e in fits if start < hit.start()]
            who = before[-1] if before else None
        else:
            after = [e for start, e in fits if hit.end() <= start < hit.end() + NAMED_NEARBY]
            who = after[0] if after else None
        if who is entity:
            out.append((town, article.span(hit.start(2), hit.end())))
    return out


def hometown_conflicts(
    entities: Sequence[Entity], articles: Mapping[str, Article], labels: Mapping[str, str]
) -> list[Finding]:
    """One person whom sources place in different hometowns: a contradiction of one slot.

    "Anthony LaSalle, 36, of Minneapolis" against "Anthony Phillip LaSalle, 36, of
    Bloomington". Only a named person (two words or more) and the first such mention in
    each article, with the article's "a Bloomington man" for the same person
    (``_town_nouns``); two places one of which names the other ("Queens" / "Queens
    Village") or that a source writes one inside the other ("College Point, Queens") are
    taken as one.
    """
    people = [e for e in entities if e.type == "PERSON"]
    findings = []
    for entity in people:
        if len(entity.name.split()) < 2:
            continue
        towns: dict[str, list[tuple[str, Span]]] = {}
        for mention in sorted(entity.mentions, key=lambda m: (m.article, m.start)):
            if mention.article in towns:
                continue
            article = articles[mention.article]
            hit = _HOMETOWN.match(article.text, mention.end)
            if hit:
                town = hit.group(1)
                if len(town.split()[-1]) > 4:
                    town = town.removesuffix(".")  # the sentence's full stop, not "St."
                span = article.span(mention.start, hit.start(1) + len(town))
                towns[mention.article] = [(town, span)]
        if not towns:
            continue
        written = [town for told in towns.values() for town, _span in told]
        others = [e for e in people if e is not entity]
        for art in sorted({m.article for m in entity.mentions}):
            own = towns.get(art, [])
            nouns = [
                n
                for n in _town_nouns(entity, articles[art], written, others)
                if not own or _one_place(n[0], own[0][0])
            ]
            if own or nouns:
                # an article's own "of Bloomington" decides its town; nouns add evidence
                towns[art] = own + nouns
        places: dict[str, list[str]] = {}
        for art, told in towns.items():
            town = told[0][0]
            key = next(
                (k for k in places if _one_place(k, town) or _nested(k, town, articles)), town
            )
            places.setdefault(key, []).append(art)
        if len(places) < 2:
            continue
        ordered = sorted(places.items(), key=lambda kv: (len(kv[1]), kv[0]))
        says = "; ".join(
            f"{listed(sorted(labels[a] for a in arts))} say{'s' if len(arts) == 1 else ''} {town}"
            for town, arts in ordered
        )
        findings.append(
            Finding(
                id="",
                kind="contradiction",
                summary=f"Where {entity.name} is from: {says}",
                confidence=0.5,
                evidence=tuple(span for told in towns.values() for _town, span in told),
                reason="each source writes another hometown for the same person",
                severity="review",
                sources=len(towns),
                facts=(entity.id,),
            )
        )
    return findings


# Words after a surname that are not the surname ("A.J. Smith Jr.").
_NAME_TAILS = frozenset({"jr", "sr", "ii", "iii", "iv"})
# What the text around two names must share for them to fill one place in the story: the
# role before the name ("Chargers general manager") or the names beside it ("Robert
# Pattinson and").
NAMESAKE_CONTEXT = 2
_BOUNDARY = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\n\s*\n")


def _name_words(name: str) -> list[str]:
    words = [w.strip(",'’").lower() for w in name.split()]
    return [w for w in words if w.strip(".") not in _NAME_TAILS]


def _around(article: Article, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence around a mention: up to 60 characters before it and 40
    after, not across a sentence's end."""
    lo, hi = max(0, start - 60), min(len(article.text), end + 40)
    before = list(_BOUNDARY.finditer(article.text, lo, start))
    if before:
        lo = before[-1].end()
    after = _BOUNDARY.search(article.text, end, hi)
    if after:
        hi = after.start() + 1
    return lo, hi


def _context(article: Article, mention: Mention, own: set[str]) -> tuple[set[str], Span]:
    """The content stems around a mention, other than the names' own, and their span."""
    lo, hi = _around(article, mention.start, mention.end)
    return {stem(w) for w in content_tokens(article.text[lo:hi])} - own, article.span(lo, hi)


def namesake_conflicts(
    entities: Sequence[Entity], articles: Mapping[str, Article], labels: Mapping[str, str]
) -> list[Finding]:
    """Sources that name another person in the same place of the story: "Robert Pattinson
    and Kristen Bell in the lead roles" against "Robert Pattinson and Kristen Stewart will
    star", "Chargers general manager A.J. Butler" against "Chargers General Manager A.J.
    Smith".

    Two people of one first name (or the same initials) who share no other name word, whom
    no source names together and no other rule takes for one person (``same_name`` on first
    and last name: "Duncan Robert Rait" / "Duncan Raite"), and the words around a mention
    of each share at least ``NAMESAKE_CONTEXT`` content stems other than the names: one of
    the sources has the wrong name. The evidence is each source's mention whose words are
    most like the other name's.
    """
    people = [e for e in entities if e.type in {"PERSON", "ORG"} and len(_name_words(e.name)) >= 2]
    findings = []
    for i, p in enumerate(people):
        for q in people[i + 1 :]:
            if "PERSON" not in {p.type, q.type}:
                continue  # a person the tagger took for a body ("Maren Holt") is kept
            wp, wq = _name_words(p.name), _name_words(q.name)
            if wp[0].replace(".", "") != wq[0].replace(".", "") or set(wp[1:]) & set(wq[1:]):
                continue
            if same_name(f"{wp[0]} {wp[-1]}", f"{wq[0]} {wq[-1]}"):
                continue
            if {m.article for m in p.mentions} & {m.article for m in q.mentions}:
                continue
            own = {stem(w.strip(".")) for w in (*wp, *wq)}
            contexts = {
                e.id: [(m, *_context(articles[m.article], m, own)) for m in e.mentions]
                for e in (p, q)
            }
            # per article, its mention most like one of the other person's (shared stems)
            spans: dict[str, tuple[int, Span]] = {}
            for e, other in ((p, q), (q, p)):
                for m, words, span in contexts[e.id]:
                    shared = max(len(words & w) for _m, w, _s in contexts[other.id])
                    if shared >= NAMESAKE_CONTEXT and shared > spans.get(m.article, (0,))[0]:
                        spans[m.article] = (shared, span)
            told = [
                (e, sorted(labels[a] for a in {m.article for m in e.mentions} if a in spans))
                for e in (p, q)
            ]
            if not all(arts for _e, arts in told):
                continue
            told.sort(key=lambda x: (len(x[1]), x[0].name))
            says = "; ".join(
                f"{listed(arts)} name{'s' if len(arts) == 1 else ''} {e.name}" for e, arts in told
            )
            findings.append(
                Finding(
                    id="",
                    kind="contradiction",
                    summary=f"Which {p.name.split()[0]}: {says}",
                    confidence=0.5,
                    evidence=tuple(span for _shared, span in spans.values()),
                    reason="the sources name another person with the same first name in the "
                    "same place of the story",
                    severity="review",
                    sources=len(spans),
                    facts=(p.id, q.id),
                )
            )
    return findings


def _nested(a: str, b: str, articles: Mapping[str, Article]) -> bool:
    """Whether some source writes one place inside the other ("College Point, Queens",
    "Bloomington, Minnesota"): a neighbourhood and its borough are one hometown."""
    pattern = re.compile(
        rf"\b(?:{re.escape(a)},\s+{re.escape(b)}|{re.escape(b)},\s+{re.escape(a)})\b"
    )
    return any(pattern.search(article.text) for article in articles.values())


def _one_place(a: str, b: str) -> bool:
    """Whether one place's words are inside the other's ("Bruce Township" / "Macomb
    County's Bruce Township")."""
    wa, wb = (
        {w.removesuffix("'s").removesuffix("’s").strip(".") for w in x.lower().split()}
        for x in (a, b)
    )
    return wa <= wb or wb <= wa


def without_details_of_contradictions(findings: Sequence[Finding]) -> list[Finding]:
    """Drop a corroboration that lies wholly inside the statements of one contradiction
    ("agree on the age: 36 / 36" inside "Anthony LaSalle, 36, of Minneapolis" / "Anthony
    Phillip LaSalle, 36, of Bloomington"): the statements disagree, and the contradiction
    is what a reader needs."""
    conflicts = [f for f in findings if f.kind == "contradiction"]

    def inside(f: Finding, c: Finding) -> bool:
        return all(
            any(
                e.article == s.article and s.start <= e.start and e.end <= s.end for s in c.evidence
            )
            for e in f.evidence
        )

    return [
        f
        for f in findings
        if f.kind != "corroborated"
        or len({e.article for e in f.evidence}) < 2
        or not any(inside(f, c) for c in conflicts)
    ]
