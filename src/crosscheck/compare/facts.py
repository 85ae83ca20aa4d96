"""Alignment of claims, numbers and dates across sources.

- Numbers conflict only when what they count, where and over which period match and their
  values (with bounds: "at least", "about") cannot both be true. "20 troops killed this
  year" and "14,000 deaths since 2014" measure different things and raise nothing. A bare
  counted noun ("15 points", "eight points") also needs the sentences around the two numbers
  to share distinctive words; one that says what happened ("12 people hospitalised") does not.
- Dates: the story's window is the dense cluster of day-precise dates; a day-precise date
  far outside it ("last Nov. 3" in a story of late March) is a temporal anomaly.
- Claims: sentences sharing most of their rarity-weighted content words across independent
  sources corroborate each other; what only one source states is single-source (numbers and
  quotes first, then remaining check-worthy sentences).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from crosscheck.compare.origins import fact_origin
from crosscheck.compare.quotes import short
from crosscheck.compare.text import claim_weights, cosine, covered, overlaps
from crosscheck.extract.numbers_scope import OUTCOMES
from crosscheck.extract.words import content_tokens, stem
from crosscheck.model import Article, Claim, Entity, Finding, Number, Quote, Span
from crosscheck.settings import Settings

# What happened to the counted things ("people hospitalised"): such a measure names one
# quantity of the story on its own.
_OUTCOME_STEMS = frozenset(stem(w) for w in OUTCOMES)
CLAIM_SIMILARITY = 0.32  # rarity-weighted cosine, checked on the seed pair and examples/


def align_claims(
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
    numbers: Sequence[Number],
    entities: Sequence[Entity],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    origin: Mapping[str, str],
    earlier: Sequence[Finding],
    settings: Settings,
) -> list[Finding]:
    """Corroborated claims and roles, then single-source numbers, quotes and claims."""
    findings: list[Finding] = []
    findings += _corroborated_roles(entities, articles, labels)
    names = {stem(w) for e in entities for n in (e.name, *e.aliases) for w in n.split()}
    weights = {
        c.id: claim_weights(articles[c.article].analysis_text[c.start : c.end]) for c in claims
    }
    norms = {cid: math.sqrt(sum(v * v for v in w.values())) for cid, w in weights.items()}
    best: dict[str, float] = {c.id: 0.0 for c in claims}
    partner: dict[tuple[str, str], tuple[float, str]] = {}
    candidates: list[tuple[float, int, Claim, Claim]] = []
    already = covered(earlier)
    for i, ca in enumerate(claims):
        for cb in claims[i + 1 :]:
            if ca.article == cb.article:
                continue
            sim, n_shared, shared = cosine(
                weights[ca.id], weights[cb.id], norms[ca.id] * norms[cb.id]
            )
            best[ca.id] = max(best[ca.id], sim)
            best[cb.id] = max(best[cb.id], sim)
            plain = shared - names
            if sim < CLAIM_SIMILARITY or n_shared < 3 or len(plain) < 2:
                continue
            if overlaps(already.get(ca.article, []), ca.start, ca.end) and overlaps(
                already.get(cb.article, []), cb.start, cb.end
            ):
                continue  # the same statement is already a quote finding
            for x, y in ((ca, cb), (cb, ca)):
                key = (x.id, y.article)
                if sim > partner.get(key, (0.0, ""))[0]:
                    partner[key] = (sim, y.id)
            candidates.append((sim, n_shared, ca, cb))
    matched: set[str] = set()
    for sim, n_shared, ca, cb in candidates:
        if partner[(ca.id, cb.article)][1] != cb.id and partner[(cb.id, ca.article)][1] != ca.id:
            continue  # neither is the other's best match in its article
        art_a, art_b = articles[ca.article], articles[cb.article]
        oa = fact_origin(origin[ca.article], _cited_agencies(art_a, ca))
        ob = fact_origin(origin[cb.article], _cited_agencies(art_b, cb))
        independent = oa != ob
        matched.update((ca.id, cb.id))
        la, lb = labels[ca.article], labels[cb.article]
        shorter = ca if len(ca.text) <= len(cb.text) else cb
        findings.append(
            Finding(
                id="",
                kind="corroborated" if independent else "single_source",
                summary=f"{la} and {lb} both report: {short(shorter.text, 110)}",
                confidence=round(min(0.95, 0.35 + sim), 2),
                evidence=(art_a.span(ca.start, ca.end), art_b.span(cb.start, cb.end)),
                reason=f"{n_shared} content words in common (weighted similarity "
                f"{sim:.2f})" + ("" if independent else f"; but both rest on {oa}"),
                sources=2 if independent else 1,
                facts=(ca.id, cb.id),
            )
        )
    covered_now = covered([*earlier, *findings])
    findings += _single_numbers(numbers, articles, labels, covered_now)
    findings += _single_quotes(quotes, articles, labels, covered_now)
    reported = covered([*earlier, *findings], single=True)
    for claim in claims:
        if claim.id in matched or claim.score < 0.65:
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


_ACCORDING = re.compile(r"according to ([A-Z][\w.]*(?: [A-Z][\w.]*)?)")


def _cited_agencies(article: Article, claim: Claim) -> tuple[str, ...]:
    return tuple(_ACCORDING.findall(article.analysis_text[claim.start : claim.end]))


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
            parts.append(f"{n.text} ({n.measures}{'; ' + scope if scope else ''})")
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
                f"“{short(q.text, 100)}”",
                confidence=0.75,
                evidence=tuple(evidence),
                reason="no other source quotes these words",
                sources=1,
                facts=(q.id,),
            )
        )
    return findings


def _corroborated_roles(
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
