"""Entities across the articles of a comparison: merged names, camps, quote speakers rewritten."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from crosscheck.extract.entities import name_key
from crosscheck.model import Analysis, Entity, Mention, Quote, Speaker


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


def rewrite_quotes(
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
