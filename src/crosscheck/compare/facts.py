"""Alignment of claims, numbers and dates across sources.

- Numbers conflict only when what they count, where and over which period match and their
  values (with bounds: "at least", "about") cannot both be true. "20 troops killed this
  year" and "14,000 deaths since 2014" measure different things and raise nothing. A bare
  counted noun ("15 points", "eight points") also needs the sentences around the two numbers
  to share distinctive words; one that says what happened ("12 people hospitalised") does not.
- Dates: the story's window is the dense cluster of day-precise dates; a day-precise date
  far outside it ("last Nov. 3" in a story of late March) is a temporal anomaly.
- People: the same role written next to one person in several sources corroborates it (one
  slot told with other values is in ``crosscheck.compare.slots``).
- Claims: sentences sharing most of their rarity-weighted content words across independent
  sources corroborate each other; what only one source states is single-source (numbers and
  quotes first, then remaining check-worthy sentences).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from crosscheck.compare.entities import is_named
from crosscheck.compare.numbers import described
from crosscheck.compare.quotes import short
from crosscheck.compare.text import claim_weights, covered, overlaps, stems_of
from crosscheck.extract.numbers_scope import OUTCOMES
from crosscheck.extract.words import content_tokens, stem
from crosscheck.model import (
    Article,
    Claim,
    Entity,
    Finding,
    Number,
    Quote,
    Span,
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
