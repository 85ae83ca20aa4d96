"""One slot of the story told with other values by different sources: contradictions.

- A person's hometown: "Anthony LaSalle, 36, of Minneapolis" against "Anthony Phillip
  LaSalle, 36, of Bloomington" or "A Bloomington man has been charged".
- Which person: "Robert Pattinson and Kristen Bell in the lead roles" against "Robert
  Pattinson and Kristen Stewart will star".
- Which street: "a dwelling on Phillips Road" against "a Philip Street apartment".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from crosscheck.compare.entities import one_edit, same_name
from crosscheck.extract.numbers import STREET_KIND, STREET_KINDS
from crosscheck.extract.numbers_scope import told_genders
from crosscheck.extract.words import content_tokens, stem
from crosscheck.model import Article, Entity, Finding, Mention, Span, listed

# "Anthony LaSalle, 36, of Minneapolis", "Jo Reyes, of Burnsville": the wire style that says
# where a person lives, written right after the name.
_HOMETOWN = re.compile(
    r",[ ]*(?:(?:aged[ ]+)?\d{1,3},[ ]*)?(?:of|from)[ ]+"
    r"((?:[A-Z][\w'’-]*\.?)(?:[ ]+[A-Z][\w'’-]*\.?){0,3})(?=[,.;:)\s]|$)"
)


def _slot(summary: str, evidence: tuple[Span, ...], reason: str, facts: tuple[str, ...]) -> Finding:
    """A contradiction of one slot: every source's words as evidence, for review (its
    confidence is replaced by the measured one, ``compare.calibration``)."""
    return Finding(
        id="",
        kind="contradiction",
        summary=summary,
        confidence=0.5,
        evidence=evidence,
        reason=reason,
        severity="review",
        sources=len({span.article for span in evidence}),
        facts=facts,
    )


def _who_tells(sides: Sequence[tuple[str, Sequence[str]]], verb: str) -> str:
    """Each value with the sources that give it: "B names Kristen Bell; A, C and H name
    Kristen Stewart"."""
    return "; ".join(
        f"{listed(who)} {verb}{'s' if len(who) == 1 else ''} {value}" for value, who in sides
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
        says = _who_tells(
            [(town, sorted(labels[a] for a in arts)) for town, arts in ordered], "say"
        )
        findings.append(
            _slot(
                f"Where {entity.name} is from: {says}",
                tuple(span for told in towns.values() for _town, span in told),
                "each source writes another hometown for the same person",
                (entity.id,),
            )
        )
    return findings


# Words after a surname that are not the surname ("A.J. Smith Jr.").
_NAME_TAILS = frozenset({"jr", "sr", "ii", "iii", "iv"})
# What the text around two names must share for them to fill one place in the story: the
# role before the name ("Chargers general manager") or the names beside it ("Robert
# Pattinson and").
NAMESAKE_CONTEXT = 2
BESIDE = 4  # words each side of a name that say its place in the story
_BOUNDARY = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\n\s*\n")


def _name_words(name: str) -> list[str]:
    words = [w.strip(",'’").lower() for w in name.split()]
    return [w for w in words if w.strip(".") not in _NAME_TAILS]


def _person_shaped(entity: Entity) -> bool:
    """A first name of two letters or more ("Kristen", "A.J.", not "L.") and, for a name the
    tagger took for a body, two words only ("Maren Holt", not "L. A Superior Court")."""
    words = _name_words(entity.name)
    first = words[0].replace(".", "")
    return len(first) >= 2 and first.isalpha() and (entity.type == "PERSON" or len(words) == 2)


def _around(article: Article, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence around a mention: whole words up to 60 characters before it
    and 40 after, not across a sentence's end."""
    text = article.text
    lo, hi = max(0, start - 60), min(len(text), end + 40)
    before = list(_BOUNDARY.finditer(text, lo, start))
    if before:
        lo = before[-1].end()
    elif lo > 0 and not text[lo - 1].isspace():
        lo = min(start, text.find(" ", lo) + 1 or start)  # not from inside a word
    after = _BOUNDARY.search(text, end, hi)
    if after:
        hi = after.start() + 1
    elif hi < len(text) and not text[hi].isspace():
        hi = max(end, text.rfind(" ", end, hi))
    return lo, hi


def _context(article: Article, mention: Mention, own: set[str]) -> tuple[set[str], Span]:
    """The content stems of the words right beside a mention (``BESIDE`` words each side,
    within its sentence), other than the names' own, and the span of the sentence part."""
    lo, hi = _around(article, mention.start, mention.end)
    before = article.text[lo : mention.start].split()[-BESIDE:]
    after = article.text[mention.end : hi].split()[:BESIDE]
    words = content_tokens(" ".join((*before, *after)))
    return {stem(w) for w in words} - own, article.span(lo, hi)


def namesake_conflicts(
    entities: Sequence[Entity], articles: Mapping[str, Article], labels: Mapping[str, str]
) -> list[Finding]:
    """Sources that name another person in the same place of the story: "Robert Pattinson
    and Kristen Bell in the lead roles" against "Robert Pattinson and Kristen Stewart will
    star", "Chargers general manager A.J. Butler" against "Chargers General Manager A.J.
    Smith".

    Two people of one first name (or the same initials) who share no other name word, whom
    no source names together and no other rule takes for one person (``same_name`` on first
    and last name: "Duncan Robert Rait" / "Duncan Raite"), and the words right beside a mention
    of each share at least ``NAMESAKE_CONTEXT`` content stems other than the names: one of
    the sources has the wrong name. The evidence is each naming source's mention whose words
    are most like the other name's.
    """
    # a person the tagger took for a body ("Maren Holt") is kept; people are paired only
    # within one first name
    by_first: dict[str, list[tuple[Entity, list[str]]]] = {}
    for e in entities:
        words = _name_words(e.name)
        if e.type in {"PERSON", "ORG"} and len(words) >= 2 and _person_shaped(e):
            by_first.setdefault(words[0].replace(".", ""), []).append((e, words))
    findings = []
    for namesakes in by_first.values():
        for i, (p, wp) in enumerate(namesakes):
            for q, wq in namesakes[i + 1 :]:
                if (found := _namesake(p, wp, q, wq, articles, labels)) is not None:
                    findings.append(found)
    return findings


def _namesake(
    p: Entity,
    wp: list[str],
    q: Entity,
    wq: list[str],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
) -> Finding | None:
    """The contradiction of two people of one first name, if they fill one place."""
    if "PERSON" not in {p.type, q.type} or set(wp[1:]) & set(wq[1:]):
        return None
    if same_name(f"{wp[0]} {wp[-1]}", f"{wq[0]} {wq[-1]}"):
        return None
    if {m.article for m in p.mentions} & {m.article for m in q.mentions}:
        return None
    own = {stem(w.strip(".")) for w in (*wp, *wq)}
    contexts = {
        e.id: [(m, *_context(articles[m.article], m, own)) for m in e.mentions] for e in (p, q)
    }
    # per article, its mention most like one of the other person's (shared stems)
    spans: dict[str, tuple[int, Span]] = {}
    for e, other in ((p, q), (q, p)):
        for m, words, span in contexts[e.id]:
            shared = max(len(words & w) for _m, w, _s in contexts[other.id])
            if m.article not in spans or shared > spans[m.article][0]:
                spans[m.article] = (shared, span)
    if max(shared for shared, _span in spans.values()) < NAMESAKE_CONTEXT:
        return None
    told = sorted(
        ((e.name, sorted({labels[m.article] for m in e.mentions})) for e in (p, q)),
        key=lambda x: (len(x[1]), x[0]),
    )
    return _slot(
        f"Which {p.name.split()[0]}: {_who_tells(told, 'name')}",
        tuple(span for _shared, span in spans.values()),
        "the sources name another person with the same first name in the same place of the story",
        (p.id, q.id),
    )


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


# "2088 Philip Street", "on Phillips Road", "200 W. American Blvd.": a street by its name and
# kind; the kind's short forms are one kind (``STREET_KINDS``).
_STREET = re.compile(rf"\b((?:[A-Z][a-z'’]+ ){{1,3}})({STREET_KIND})(?!\w)")
# A capital word before a street's name that is not part of it ("The", "At" opening a
# sentence).
_NOT_NAME = frozenset({"the", "a", "an", "in", "on", "at", "near", "off", "from"})


def _street_key(name: str) -> str:
    """A street's name without case, possessive or plural ending: "Phillips" -> "phillip"."""
    key = " ".join(w for w in name.lower().replace("’", "'").split() if w not in _NOT_NAME)
    return key.removesuffix("'s").removesuffix("s")


def street_conflicts(articles: Mapping[str, Article], labels: Mapping[str, str]) -> list[Finding]:
    """Sources that put the story on streets of one name and another kind: "a dwelling on
    Phillips Road" against "a Philip Street apartment" and "2088 Philip Street".

    The names are one when equal but for case, a possessive or plural "s", or one letter
    ("Phillips" / "Philip"), and the kinds differ (a road, a street); no source writes both,
    which would make them two streets. Names only a letter apart of one kind
    ("Independent Street" / "Independence Street") are one street spelt two ways.
    """
    told: dict[tuple[str, str], dict[str, list[Span]]] = {}
    names: dict[tuple[str, str], str] = {}
    for art, article in articles.items():
        for hit in _STREET.finditer(article.text):
            name = hit.group(1).strip()
            kind = STREET_KINDS[hit.group(2).lower().rstrip(".")]
            key = (_street_key(name), kind)
            if not key[0]:
                continue
            names.setdefault(key, f"{name} {hit.group(2)}")
            lo, hi = _around(article, hit.start(1), hit.end())
            told.setdefault(key, {}).setdefault(art, []).append(article.span(lo, hi))
    findings = []
    keys = sorted(told)
    for i, (na, ka) in enumerate(keys):
        for nb, kb in keys[i + 1 :]:
            if ka == kb or not (na == nb or (min(len(na), len(nb)) >= 5 and one_edit(na, nb))):
                continue
            in_a, in_b = told[(na, ka)], told[(nb, kb)]
            if in_a.keys() & in_b.keys():
                continue
            sides = sorted(
                ((names[(na, ka)], in_a), (names[(nb, kb)], in_b)), key=lambda x: (len(x[1]), x[0])
            )
            says = _who_tells(
                [(name, sorted(labels[a] for a in arts)) for name, arts in sides], "write"
            )
            findings.append(
                _slot(
                    f"Which street: {says}",
                    tuple(spans[0] for _name, arts in sides for spans in arts.values()),
                    "the sources name a street of one name and another kind",
                    (),
                )
            )
    return findings
