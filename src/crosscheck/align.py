"""Compare: align the facts of several articles and label each finding.

``compare(analyses, settings) -> Report`` is the cross-article stage. It

1. merges entities across articles (one entity for "Marrowfeld"/"Marowfeld", for
   "RWA"/"Regional Water Authority", for "Okafor"/"Maria Okafor") and rewrites quote speakers
   to the merged canonical names;
2. works out, for every article, its independent origin (a copy or reprint counts with its
   original; a fact passed on "according to Reuters" rests on Reuters);
3. aligns quotes (``align_quotes``): the same words under the same speaker corroborate; the
   same distinctive words under different speakers are an attribution conflict, severe
   when the speakers belong to different camps;
4. aligns claims, numbers and dates (``align_facts``): matching statements corroborate,
   numbers that measure the same thing over the same scope with different values conflict,
   dates far outside the story's window are temporal anomalies; what no other independent
   source states is single-source.

Each finding carries evidence spans into the original texts, a confidence and a reason.
Conflicts are found from structure (speakers, quotes, numbers with their scope, dates);
no entailment model is used.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from crosscheck.extract.entities import name_key
from crosscheck.model import (
    FINDING_KINDS,
    Analysis,
    Entity,
    Finding,
    Mention,
    Quote,
    Report,
    Span,
    Speaker,
    article_labels,
)
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

SEVERITY_ORDER = {"severe": 0, "review": 1, "info": 2}


def same_camp(a: str, b: str) -> bool:
    """Whether two camp names are one: equal keys, or a demonym and its country.

    "Russian"/"Russia" and "Ukrainian"/"Ukraine" share at least 80% of the shorter key as
    a prefix; "United States"/"United Kingdom" do not.
    """
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    prefix = 0
    for x, y in zip(ka, kb, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= 4 and prefix >= 0.8 * min(len(ka), len(kb))


_PLACE_TYPES = frozenset({"GPE", "NORP", "LOC"})


def camp_of(speaker: Speaker | None, entities: Mapping[str, Entity]) -> str | None:
    """The country or body a speaker speaks for, read from the article's own entities.

    An organisation or country speaks for itself. A person speaks for the country (or,
    failing that, the organisation) named in their role: "the city's mayor" names none;
    "Kestrel Polymers spokesperson" names the company; "Freedonia's foreign minister"
    names the country. No gazetteer is used, so unknown stays unknown.
    """
    if speaker is None:
        return None
    entity = entities.get(speaker.entity or "")
    if entity is not None and entity.type != "PERSON":
        return entity.name
    roles = [r for r in (speaker.role, *(entity.roles if entity else ())) if r]
    if not roles:
        return None
    best: tuple[int, int, str] | None = None
    for candidate in entities.values():
        if candidate.type == "PERSON":
            continue
        rank = 0 if candidate.type in _PLACE_TYPES else 1
        for name in (candidate.name, *candidate.aliases):
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
            for n, role in enumerate(roles):
                if pattern.search(role) and (best is None or (rank, n) < best[:2]):
                    best = (rank, n, candidate.name)
    return best[2] if best else None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_entities(
    analyses: Sequence[Analysis],
) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Merge per-article entities into story-wide ones.

    Two entities merge when any of their names or aliases share a ``name_key``, or when a
    one-word person name is the surname of exactly one full name in the set.

    Returns:
        The merged entities (ids ``E1``, ``E2`` ... in order of first appearance) and a map
        from per-article entity id to merged id.
    """
    entities = [e for a in analyses for e in a.entities]
    uf = _UnionFind()
    by_key: dict[str, str] = {}
    for entity in entities:
        uf.find(entity.id)
        for name in (entity.name, *entity.aliases):
            key = name_key(name)
            if not key:
                continue
            if key in by_key:
                uf.union(entity.id, by_key[key])
            else:
                by_key[key] = entity.id
    surnames: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type == "PERSON" and len(entity.name.split()) >= 2:
            surnames[name_key(entity.name.split()[-1])].add(uf.find(entity.id))
    for entity in entities:
        if len(entity.name.split()) == 1:
            roots = {uf.find(r) for r in surnames.get(name_key(entity.name), set())}
            if len(roots) == 1:
                uf.union(entity.id, roots.pop())
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        groups[uf.find(entity.id)].append(entity)
    merged: list[Entity] = []
    id_map: dict[str, str] = {}
    for n, members in enumerate(groups.values(), 1):
        new_id = f"E{n}"
        names = Counter[str]()
        types = Counter[str]()
        roles: list[str] = []
        mentions: list[Mention] = []
        for member in members:
            id_map[member.id] = new_id
            names[member.name] += len(member.mentions) or 1
            for alias in member.aliases:
                names[alias] += 0
            types[member.type] += len(member.mentions) or 1
            roles.extend(r for r in member.roles if r not in roles)
            mentions.extend(member.mentions)
        name = max(
            (m.name for m in members),
            key=lambda x: (len(x.split()), len(x), names[x]),
        )
        places = [t for t in ("GPE", "LOC", "FAC") if types[t]]
        kind = places[0] if places and not types["PERSON"] else types.most_common(1)[0][0]
        merged.append(
            Entity(
                id=new_id,
                name=name,
                type=kind,
                aliases=tuple(sorted(n for n in names if n != name)),
                roles=tuple(roles),
                mentions=tuple(sorted(mentions, key=lambda m: (m.article, m.start))),
            )
        )
    return tuple(merged), id_map


def _rewrite_quotes(
    quotes: Iterable[Quote], entities: Sequence[Entity], id_map: dict[str, str]
) -> list[Quote]:
    """Point quote speakers at merged entities and their canonical names."""
    by_id = {e.id: e for e in entities}
    by_key: dict[str, Entity] = {}
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            by_key.setdefault(name_key(name), entity)
    out = []
    for quote in quotes:
        speaker = quote.speaker
        if speaker is not None:
            merged = by_id.get(id_map.get(speaker.entity or "", ""))
            if merged is None:
                merged = by_key.get(name_key(speaker.name))
            if merged is not None:
                role = speaker.role or (merged.roles[0] if merged.roles else None)
                speaker = replace(speaker, name=merged.name, entity=merged.id, role=role)
        out.append(replace(quote, speaker=speaker))
    return out


def origins(analyses: Sequence[Analysis], copies: dict[str, str] | None = None) -> dict[str, str]:
    """Map each article id to its independent origin (its original if it is a copy)."""
    copies = copies or {}
    out: dict[str, str] = {}
    for analysis in analyses:
        aid = analysis.article.id
        seen = {aid}
        while aid in copies and copies[aid] not in seen:
            aid = copies[aid]
            seen.add(aid)
        out[analysis.article.id] = aid
    return out


def fact_origin(article_origin: str, via: Sequence[str]) -> str:
    """The origin of one fact: the first intermediary it was passed on through, if any.

    Two outlets that both quote "according to Meridian Wire" rest on one origin; a fact
    with no chain rests on its article's origin (its original, if the article is a copy).
    """
    for name in via:
        key = name_key(name)
        if key:
            return "via:" + key
    return article_origin


def _detect_copies(analyses: Sequence[Analysis]) -> list[tuple[str, str, float]]:
    """Find copies among the articles: ``(copy id, origin id, similarity)``."""
    if len(analyses) < 2:
        return []
    from crosscheck.cluster import find_copies
    from crosscheck.cluster_sig import copy_signature

    try:
        sigs = [copy_signature(a.article, a) for a in analyses]
        links = find_copies(sigs)
    except Exception:  # copy detection must never stop a comparison
        LOGGER.exception("copy detection failed")
        return []
    return [(link.copy, link.origin, float(link.similarity)) for link in links]


def compare(
    analyses: Sequence[Analysis],
    settings: Settings | None = None,
    *,
    problems: Sequence[object] = (),
) -> Report:
    """Compare analysed articles and return the report with every finding.

    Args:
        analyses: one ``Analysis`` per article (see ``crosscheck.extract.analyze``).
        settings: thresholds (``min_distinctive``, ``fuzzy_quote``).
        problems: inputs that were skipped, carried into the report.

    Returns:
        A ``Report`` (schema ``crosscheck.report/1``).
    """
    from crosscheck.align_facts import align_claims, align_dates, align_numbers
    from crosscheck.align_quotes import align_quotes

    settings = settings or Settings()
    entities, id_map = merge_entities(analyses)
    quotes = _rewrite_quotes((q for a in analyses for q in a.quotes), entities, id_map)
    copy_links = _detect_copies(analyses)
    origin = origins(analyses, {c: o for c, o, _ in copy_links})
    texts = {a.article.id: a.article for a in analyses}
    labels = article_labels([a.article.id for a in analyses])

    findings: list[Finding] = []
    for copy_id, origin_id, similarity in copy_links:
        copy_a, orig_a = texts[copy_id], texts[origin_id]
        findings.append(
            Finding(
                id="",
                kind="copy",
                summary=f"{labels[copy_id]} is a copy of {labels[origin_id]}: "
                "they count as one source",
                confidence=round(min(1.0, similarity), 2),
                evidence=(_opening(copy_a), _opening(orig_a)),
                reason=f"{similarity:.0%} of their wording is shared (near-duplicate "
                "detection on word shingles)",
                severity="info",
                sources=1,
            )
        )
    entity_by_id = {e.id: e for e in entities}
    numbers = [n for a in analyses for n in a.numbers]
    dates = [d for a in analyses for d in a.dates]
    claims = [c for a in analyses for c in a.claims]
    # A copy's facts are its original's: only originals are aligned, so a reprint adds
    # neither corroboration nor findings of its own (the copy finding names it).
    copies = {aid for aid, o in origin.items() if o != aid}
    own_quotes = [q for q in quotes if q.article not in copies]
    own_numbers = [n for n in numbers if n.article not in copies]
    own_claims = [c for c in claims if c.article not in copies]
    findings += align_quotes(own_quotes, entity_by_id, texts, labels, origin, settings)
    findings += align_numbers(own_numbers, texts, labels, origin, settings)
    findings += align_dates(
        [d for d in dates if d.article not in copies],
        [a.article for a in analyses if a.article.id not in copies],
        labels,
        settings,
    )
    own_entities = tuple(
        replace(e, mentions=tuple(m for m in e.mentions if m.article not in copies))
        for e in entities
    )
    findings += align_claims(
        own_claims,
        own_quotes,
        own_numbers,
        own_entities,
        texts,
        labels,
        origin,
        findings,
        settings,
    )
    findings.sort(
        key=lambda f: (
            FINDING_KINDS.index(f.kind),
            SEVERITY_ORDER[f.severity],
            -f.confidence,
            f.evidence[0].article if f.evidence else "",
            f.evidence[0].start if f.evidence else 0,
        )
    )
    findings = [replace(f, id=f"F{n}") for n, f in enumerate(findings, 1)]
    counts = Counter(f.kind for f in findings)
    stats = {
        "articles": len(analyses),
        "independent_sources": len(set(origin.values())),
        "findings": dict(sorted(counts.items())),
        "labels": labels,
    }
    all_problems = list(problems) + [p for a in analyses for p in a.problems]
    return Report(
        articles=tuple(a.article for a in analyses),
        entities=entities,
        quotes=tuple(quotes),
        numbers=tuple(numbers),
        dates=tuple(dates),
        claims=tuple(claims),
        findings=tuple(findings),
        problems=tuple(all_problems),  # type: ignore[arg-type]
        stats=stats,
    )


def _opening(article: object) -> Span:
    """The first sentence-ish stretch of an article's kept text, as evidence."""
    text = article.text  # type: ignore[attr-defined]
    clean = article.analysis_text  # type: ignore[attr-defined]
    start = len(clean) - len(clean.lstrip())
    end = min(len(text), start + 160)
    stop = clean.find(". ", start, end)
    if stop > start:
        end = stop + 1
    return article.span(start, end)  # type: ignore[attr-defined]
