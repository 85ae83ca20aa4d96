"""Entities across the articles of a comparison: merged names, camps, quote speakers rewritten."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from crosscheck.extract.entities import name_key
from crosscheck.extract.words import stem
from crosscheck.model import Analysis, Article, Entity, Mention, Quote, Speaker


def _wordlist(text: str) -> frozenset[str]:
    """A word list written as text."""
    return frozenset(text.split())


# Corporate suffixes: "Apple Inc." and "Apple" are one company.
_SUFFIXES = frozenset(
    _wordlist("inc incorporated corp corporation co company ltd limited llc plc ag sa gmbh nv")
    | {"group", "holdings"}
)
_GLUE = frozenset({"of", "the", "and", "for", "on", "de", "du", "la", "&"})
# Titles before a person's name: "Ms Tamir" and "Dana Tamir" are one person.
_TITLES = frozenset(_wordlist("mr mrs ms miss dr prof sir dame"))
# Words that describe a source without naming it ("officials", "police", "a spokeswoman").
GENERIC_SOURCES = frozenset(
    _wordlist(
        """
    police officials official authorities authority government ministry department office
    agency spokesman spokeswoman spokesperson spokespeople representative rep source sources
    report reports witness witnesses investigators investigator officers officer residents
    resident experts expert scientists scientist court prosecutors prosecutor team club
    company firm family friends friend relatives neighbours neighbors statement media
    anyone someone people person man woman men women staff employees workers member members
    paper newspaper story article documents records record studio network channel analysts
    analyst coroner sheriff fire service services board council committee website
    monday tuesday wednesday thursday friday saturday sunday today yesterday
    i we you he she it they us them one
    """
    )
)
# Outlets pass quotes on; they are channels, not parties to a statement.
_OUTLET_WORDS = frozenset(
    _wordlist(
        """
        agency newspaper magazine journal tabloid broadcaster outlet tv radio wire afp
        reuters ap bbc cnn tass xinhua ria interfax dpa ansa efe upi
        """
    )
)
_OUTLET_NAMES = re.compile(
    r"(?i)\b(?:associated press|press association|news agency|daily \w+|\w+ times|"
    r"\w+ post|\w+ journal|\w+ herald|\w+ gazette|\w+ tribune|\w+ mirror|\w+ telegraph|"
    r"\w+ guardian|fox news|sky news|\w+ news)\b"
)
_OPPOSITION = re.compile(
    r"(?i)\b(?:against|versus|vs\.?|accus\w*|reject\w*|den(?:y|ies|ied)|rebu\w+|"
    r"condemn\w*|attack\w*|oppos\w*|rival\w*|fight\w*|war|clash\w*|dispute\w*|"
    r"refut\w*|sued|suing|lawsuit)\b"
)


def name_stems(entities: Iterable[Entity]) -> set[str]:
    """Stems of every word of the entities' names and aliases."""
    return {stem(w) for e in entities for n in (e.name, *e.aliases) for w in n.split()}


def _words_of(name: str) -> list[str]:
    """The name's words as keys, without glue words and corporate suffixes."""
    words = [w for w in re.split(r"[\s\-–/]+", name) if w]
    keys = [name_key(w) for w in words]
    keys = [k for k in keys if k and k not in _GLUE and k not in _SUFFIXES]
    return keys[1:] if len(keys) > 1 and keys[0].rstrip(".") in _TITLES else keys


def initials(name: str) -> str:
    """Initials of a name: "U.S. Geological Survey" -> "USGS", "Hewlett-Packard" -> "HP"."""
    out: list[str] = []
    for word in re.split(r"[\s\-–/]+", name):
        bare = word.strip(".,'’()")
        if not bare or bare.lower() in _GLUE or bare.lower().rstrip(".") in _SUFFIXES:
            continue
        if re.fullmatch(r"(?:[A-Za-z]\.){2,}", word.strip(",'’()")):
            out.extend(ch for ch in word if ch.isalpha())  # "U.S." gives both letters
        elif bare[:1].isupper():
            out.append(bare[0])
    return "".join(out).upper()


def _acronym_of(short: str, long: str) -> bool:
    compact = short.replace(".", "").replace("&", "")
    return (
        2 <= len(compact) <= 8
        and compact.isupper()
        and compact.isalpha()
        and initials(long) == compact
    )


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one inserted, deleted or changed letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or (len(a) == len(b) and a[i + 1 :] == b[i + 1 :])


def same_name(a: str, b: str) -> bool:
    """Whether two names can name one party.

    Equal keys; one name's words inside the other's ("Angels" / "Los Angeles Angels",
    "Apple" / "Apple Inc.", "Saad Maan" / "Saad Maan Ibrahim", "Ms Tamir" / "Dana Tamir");
    one shared surname of two people; an acronym and its expansion ("USGS" / "U.S.
    Geological Survey", "HP" / "Hewlett-Packard"); or one letter of difference in one word
    of names otherwise equal ("Donnell Conners" / "Donnell Conner").
    """
    if not a or not b:
        return False
    if name_key(a) == name_key(b):
        return True
    wa, wb = _words_of(a), _words_of(b)
    if wa and wb and (set(wa) <= set(wb) or set(wb) <= set(wa)):
        return True
    if _acronym_of(a, b) or _acronym_of(b, a):
        return True
    if len(wa) != len(wb) and min(len(wa), len(wb)) == 1:
        # A short form of a first name: "Mo" / "Mohammed Islam", "Ed" / "Edward Hale".
        short, long_ = (wa, wb) if len(wa) == 1 else (wb, wa)
        if len(short[0]) >= 2 and long_[0].startswith(short[0]):
            return True
    if len(wa) == len(wb) and len(wa) >= 1:
        diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
        if len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) >= 4:
            return one_edit(*diff[0])
    return False


def is_named(speaker: Speaker | None, entities: Mapping[str, Entity]) -> bool:
    """Whether a speaker is named (a person or a body by name), not only described.

    "officials", "a spokeswoman", "police", "the report", "Monday" describe a source; an
    unresolved pronoun names nobody; "Surrey Police" and "Maria Okafor" are names.
    """
    if speaker is None:
        return False
    entity = entities.get(speaker.entity or "")
    if entity is not None and entity.type not in ("PERSON", "ORG", "GPE"):
        return False
    if is_outlet(speaker):
        return False
    words = [w.strip(".,'’()\"") for w in speaker.name.split()]
    if words and words[-1].lower() in _TITLE_WORDS | _SHORT_TITLES:
        return False  # "Bloomington Police Sgt": the name was cut off after the title
    if entity is None and words and words[-1][:1].islower():
        return False  # "Nicaraguan government scientists", "Managua residents": described
    return any(
        w[:1].isupper() and w.lower() not in GENERIC_SOURCES and w.lower() not in _TITLE_WORDS
        for w in words
        if w
    )


_SHORT_TITLES = frozenset({"insp", "capt", "cpl", "det", "supt", "sgt", "lt", "const", "officer"})


def is_outlet(speaker: Speaker) -> bool:
    """Whether a speaker is a news outlet ("AFP", "the Press Association news agency")."""
    for text in (speaker.name, speaker.role or "", speaker.text):
        words = {w.strip(".,'’()\"").lower() for w in text.split()}
        if words & _OUTLET_WORDS or _OUTLET_NAMES.search(text):
            return True
    return False


_TITLE_WORDS = frozenset(
    _wordlist(
        """
        mr mrs ms dr sir lord dame prof president minister secretary senator sen rep gov
        governor mayor chairman chief director general gen col lt sgt const constable
        inspector officer detective judge justice ambassador
        """
    )
)


def speaks_for(speaker: Speaker, entities: Mapping[str, Entity]) -> list[str]:
    """The names a speaker goes by: their name, aliases, and the bodies their roles name."""
    names = [speaker.name]
    entity = entities.get(speaker.entity or "")
    if entity is not None:
        names.extend(entity.aliases)
    roles = [r for r in (speaker.role, *(entity.roles if entity else ())) if r]
    names.extend(roles)
    return names


def same_party(a: Speaker, b: Speaker, entities: Mapping[str, Entity]) -> bool:
    """Whether two speakers can be one party: aliases, or a body and its own representative.

    "U.S. Geological Survey" and "USGS"; "Apple" and "Apple Inc."; "Smith" and "A.J. Smith";
    "Kestrel Polymers" and "Ana Ruiz, a Kestrel Polymers spokeswoman"; an actor and "a rep
    for the actor". Two named people of one country or body stay two parties.
    """
    if same_name(a.name, b.name):
        return True
    ea, eb = entities.get(a.entity or ""), entities.get(b.entity or "")
    names_a = [a.name, *(ea.aliases if ea else ())]
    names_b = [b.name, *(eb.aliases if eb else ())]
    if any(same_name(x, y) for x in names_a for y in names_b):
        return True
    roles_a = [r for r in (a.role, *(ea.roles if ea else ())) if r]
    roles_b = [r for r in (b.role, *(eb.roles if eb else ())) if r]

    def named_in(names: list[str], roles: list[str]) -> bool:
        for name in names:
            # "Interior Department" is named by "Interior Secretary": its distinctive words.
            keys = [k for k in _words_of(name) if k not in GENERIC_SOURCES] or _words_of(name)
            if not keys:
                continue
            for role in roles:
                role_keys = set(_words_of(role))
                if set(keys) <= role_keys or any(
                    _acronym_of(w, name) for w in role.split() if w.isupper()
                ):
                    return True
        return False

    return named_in(names_a, roles_b) or named_in(names_b, roles_a)


@lru_cache(maxsize=256)
def _opposing_sentences(text: str) -> tuple[str, ...]:
    """Rough sentences of ``text`` with a word of opposition (once per text: ``opposed``
    is asked about many pairs of parties)."""
    return tuple(s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if _OPPOSITION.search(s))


def opposed(camp_a: str, camp_b: str, articles: Iterable[Article]) -> bool:
    """Whether the texts set two parties against each other.

    Both names in one sentence with a word of opposition ("accused", "against", "rejected",
    "war"). Two names of one body, or two bodies the texts never set against each other,
    are not opposite sides.
    """
    if same_name(camp_a, camp_b) or same_camp(camp_a, camp_b):
        return False
    pa = re.compile(r"(?<!\w)" + re.escape(camp_a) + r"(?!\w)")
    pb = re.compile(r"(?<!\w)" + re.escape(camp_b) + r"(?!\w)")
    for article in articles:
        for sentence in _opposing_sentences(article.text):
            if pa.search(sentence) and pb.search(sentence):
                return True
    return False


def same_camp(a: str, b: str) -> bool:
    """Whether two camp names are one: equal keys, or a demonym and its country.

    "Russian"/"Russia" and "Ukrainian"/"Ukraine" share at least 80% of the shorter key as
    a prefix, in as many words; "United States"/"United Kingdom" do not.
    """
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if len(a.split()) != len(b.split()):
        return False  # "Los Angeles" / "Los Angeles Times": a city and its paper
    prefix = 0
    for x, y in zip(ka, kb, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= 4 and prefix >= 0.8 * min(len(ka), len(kb))


_PLACE_TYPES = frozenset({"GPE", "NORP", "LOC"})


# Words that place a post in its body without naming the post: "team general manager".
_POST_FILLER = frozenset({"team", "club", "company", "its", "their", "his", "her", "then"})


def same_post(a: Speaker, b: Speaker, camp: str, entities: Mapping[str, Entity]) -> bool:
    """Whether two speakers of one body hold the same post ("team general manager A.J.
    Smith" / "Chargers general manager A.J. Butler"): one post has one holder, so the same
    words from both are one statement credited to two names, not a shared position."""

    def post(sp: Speaker) -> frozenset[str]:
        entity = entities.get(sp.entity or "")
        role = sp.role or (entity.roles[0] if entity and entity.roles else None)
        if not role:
            return frozenset()
        drop = set(_words_of(camp)) | _POST_FILLER
        return frozenset(w for w in _words_of(role) if w not in drop)

    pa, pb = post(a), post(b)
    return bool(pa) and pa == pb


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
            pattern = _name_pattern(name)
            for n, role in enumerate(roles):
                if pattern.search(role) and (best is None or (rank, n) < best[:2]):
                    best = (rank, n, candidate.name)
    return best[2] if best else None


@lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern[str]:
    """A name as a whole word (compiled once: a story asks for each name many times)."""
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")


class UnionFind:
    """Disjoint sets of string keys (path halving; the smaller key is the root)."""

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
    uf = UnionFind()
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
