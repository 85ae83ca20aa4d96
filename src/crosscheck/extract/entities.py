"""Named entities with canonical names, aliases and roles.

Method: spaCy's NER spans are grouped within an article by a spelling-tolerant key
(``name_key``: case, diacritics, dots, doubled letters and ``-iy``/``-yy`` endings folded,
so "Marrowfeld"/"Marowfeld" and "Kovalskiy"/"Kovalsky" meet), by acronym definitions found
in the text ("Regional Water Authority (RWA)"), and by surname for people ("Okafor" joins
"Maria Okafor"). The canonical name is the longest full form; the others become aliases.
Roles are the title words written next to a person ("county fire chief Maria Okafor",
"the city's mayor, Helen Whitcombe").

Not handled: coreference of common nouns ("the minister"), and two different people who
share a surname in one article are kept apart only when both are named in full before the
bare surname appears (the surname joins the most recent one).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from crosscheck.extract.lexicon import lexicon
from crosscheck.extract.nlp import Parsed
from crosscheck.model import Entity, Mention
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"})
_PLACE = frozenset({"GPE", "LOC", "FAC"})

# Words that make a stretch of text next to a person's name a role or title.
TITLE_WORDS = frozenset(
    [
        "president",
        "vice-president",
        "premier",
        "prime",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "chairwoman",
        "chair",
        "general",
        "gen.",
        "admiral",
        "colonel",
        "commander",
        "chief",
        "ambassador",
        "envoy",
        "senator",
        "sen.",
        "rep.",
        "representative",
        "governor",
        "mayor",
        "director",
        "head",
        "leader",
        "king",
        "queen",
        "prince",
        "chancellor",
        "official",
        "officer",
        "deputy",
        "adviser",
        "advisor",
        "aide",
        "chancellor",
        "pope",
        "cardinal",
        "judge",
        "justice",
        "attorney",
        "prosecutor",
        "ceo",
        "founder",
        "analyst",
        "professor",
        "dr.",
        "correspondent",
        "editor",
        "reporter",
        "mp",
        "lawmaker",
        "diplomat",
        "minister.",
        "negotiator",
        "coordinator",
    ]
)

# Alternative names of countries, folded to one canonical name (a tiny gazetteer; the
# spelling-tolerant key handles the rest).
COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States",
    "usa": "United States",
    "unitedstates": "United States",
    "unitedstatesofamerica": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "unitedkingdom": "United Kingdom",
    "britain": "United Kingdom",
    "greatbritain": "United Kingdom",
    "eu": "European Union",
    "un": "United Nations",
}

_ACRONYM = re.compile(
    r"((?:the\s+)?[A-Z][\w.&'-]*(?:\s+(?:of|the|and|for|on|de|du|la|[A-Z][\w.&'-]*)){1,8})"
    r"\s*\(([A-Z][A-Za-z.&]{1,9})\)"
)
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")
_DOTS = re.compile(r"[^\w\s]")
_DOUBLE = re.compile(r"(\w)\1+")
_ENDINGS = re.compile(r"(?:iy|yy|ij|yi)\b")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case and strip diacritics."""
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Return a spelling-tolerant key of a name ("Marrowfeld" and "Marowfeld" share one)."""
    text = fold(_POSSESSIVE.sub("", name.strip()))
    text = re.sub(r"^the\s+", "", text)
    text = _DOTS.sub("", text)
    alias = COUNTRY_ALIASES.get(_SPACE.sub("", text))
    if alias:
        text = fold(alias)
    text = _ENDINGS.sub("y", text)
    text = _DOUBLE.sub(r"\1", text)
    return _SPACE.sub("", text)


# Titles and ranks the tagger writes into a person's name ("Police Constable Tim Fanning"):
# the lexicon's titles, this module's title words and "police" before a rank.
_RANKS = lexicon("en").titles | TITLE_WORDS | {"police"}


def untitled(name: str) -> str:
    """A person's name without the titles and ranks the tagger took into it ("Police
    Constable Tim Fanning" -> "Tim Fanning", "Judge Ana Ruiz" -> "Ana Ruiz"); at least one
    word stays."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _RANKS:
        words = words[1:]
    return " ".join(words)


def clean_name(text: str) -> str:
    """Strip a leading article, a trailing possessive and stray punctuation from a name."""
    text = _SPACE.sub(" ", text.strip().strip(",;:\"'()[]"))
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return _POSSESSIVE.sub("", text).strip()


def acronyms(text: str) -> dict[str, str]:
    """Find "Long Name (ACR)" definitions whose initials spell the acronym: ACR -> Long Name."""
    found: dict[str, str] = {}
    for match in _ACRONYM.finditer(text):
        long_form, short = clean_name(match.group(1)), match.group(2).replace(".", "")
        words = [w for w in long_form.split() if w[:1].isupper()]
        # Take the shortest tail of capitalised words whose initials spell the acronym.
        for i in range(len(words)):
            initials = "".join(w[0] for w in words[i:]).upper()
            if initials == short.upper():
                start = long_form.find(words[i])
                found[short] = long_form[start:]
                break
    return found


@dataclass
class _Group:
    key: str
    labels: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def _role_left(doc: object, ent: object) -> str | None:
    """Return the title written just before a person's name, if any."""
    tokens = []
    i = ent.start - 1  # type: ignore[attr-defined]
    while i >= 0:
        tok = doc[i]  # type: ignore[index]
        if tok.is_sent_start and tok.pos_ not in {"PROPN", "NOUN", "ADJ"}:
            break
        if tok.pos_ in {"PROPN", "NOUN", "ADJ"} or tok.lower_ in {"of", "'s", "’s", "."}:
            tokens.append(tok)
            if tok.is_sent_start:
                break
            i -= 1
            continue
        break
    while tokens and tokens[-1].lower_ in {"of", "'s", "’s"}:
        tokens.pop()
    tokens.reverse()
    while tokens and tokens[0].lower_ in {"of", "'s", "’s"}:
        tokens.pop(0)
    if not tokens or not any(t.lower_ in TITLE_WORDS for t in tokens):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return doc.text[start:end]  # type: ignore[attr-defined]


def _role_appos(doc: object, ent: object) -> str | None:
    """Return an appositive title: "the city's mayor, Helen Whitcombe" and the reverse."""
    root = ent.root  # type: ignore[attr-defined]
    if root.dep_ == "appos" and root.head.i < ent.start:  # type: ignore[attr-defined]
        head = root.head
        if head.lower_ in TITLE_WORDS or any(t.lower_ in TITLE_WORDS for t in head.lefts):
            start = head.left_edge.i
            span = doc[start : ent.start]  # type: ignore[index, attr-defined]
            text = span.text.strip().rstrip(",").strip()
            return re.sub(r"^(?:the|The|a|A)\s+", "", text) or None
    for child in root.children:
        titled = child.lower_ in TITLE_WORDS or any(t.lower_ in TITLE_WORDS for t in child.lefts)
        if child.dep_ == "appos" and child.i >= ent.end and titled:  # type: ignore[attr-defined]
            span = doc[child.left_edge.i : child.right_edge.i + 1]  # type: ignore[index]
            return re.sub(r"^(?:the|The|a|A)\s+", "", span.text.strip()) or None
    return None


def _type_of(labels: Counter[str], name: str) -> str:
    """Pick one type: majority label, with places preferred over NER's PRODUCT/ORG confusions."""
    if labels["PERSON"] and labels["PERSON"] >= max(labels.values()) and " " in name:
        return "PERSON"
    if any(labels[p] for p in _PLACE) and labels["PERSON"] == 0:
        place = max(_PLACE, key=lambda p: labels[p])
        if labels[place] * 2 >= sum(labels.values()) - labels["ORG"] - labels["PRODUCT"]:
            return place
    order = ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"]
    return max(order, key=lambda label: (labels[label], -order.index(label)))


def _canonical(group: _Group) -> str:
    """The canonical name: the longest form seen (ties: the most frequent)."""
    return max(group.forms, key=lambda f: (len(f.split()), len(f), group.forms[f]))


def extract_entities(parsed: Parsed, settings: Settings) -> tuple[Entity, ...]:
    """Return the entities of one article with canonical names, aliases, roles and mentions.

    Args:
        parsed: the parsed article.
        settings: pipeline settings (unused; kept for the common stage signature).

    Returns:
        Entities in order of first mention; ids are ``"<article id>:e<n>"``.
    """
    article = parsed.article
    text = article.text
    defined = acronyms(article.analysis_text)
    acronym_of = {name_key(long): short for short, long in defined.items()}
    groups: dict[str, _Group] = {}
    order: list[str] = []
    person_last: dict[str, list[str]] = defaultdict(list)  # surname key -> full-name keys

    def group_for(key: str) -> _Group:
        if key not in groups:
            groups[key] = _Group(key)
            order.append(key)
        return groups[key]

    for offset, doc in parsed.docs:
        for ent in doc.ents:  # type: ignore[attr-defined]
            if ent.label_ not in LABELS:
                continue
            while ent.label_ == "PERSON" and len(ent) > 1 and ent[0].tag_.startswith("VB"):
                ent = ent[1:]  # "Having Jackman host the show ...": the verb is no name
            name = clean_name(ent.text)
            if ent.label_ == "PERSON":
                name = untitled(name)
            if not name or not any(c.isalpha() for c in name) or len(name) > 80:
                continue
            # Mention offsets: the cleaned name inside the entity span.
            inner = ent.text.find(name)
            start = offset + ent.start_char + max(inner, 0)
            end = start + len(name)
            if text[start:end] != article.analysis_text[start:end]:
                # Quote marks normalised in the name: take the original characters.
                pass
            mention = Mention(article.id, start, end, text[start:end])
            key = name_key(name)
            if ent.label_ == "NORP" and key.endswith("s") and len(key) > 4:
                key = key[:-1]
            if key.upper() in {k.upper() for k in defined} or name in defined:
                key = name_key(defined.get(name, name))
            if key in acronym_of:
                pass  # the long form is its own key; its acronym points here
            words = name.split()
            if ent.label_ == "PERSON" and len(words) >= 2:
                person_last[name_key(words[-1])].append(key)
            elif ent.label_ in {"PERSON", "ORG", "PRODUCT"} and len(words) == 1:
                fulls = person_last.get(key)
                if fulls:
                    key = fulls[-1]  # the most recent full name with this surname
            group = group_for(key)
            group.labels[ent.label_] += 1
            group.forms[name] += 1
            group.mentions.append(mention)
            if ent.label_ == "PERSON":
                role = _role_appos(doc, ent) or _role_left(doc, ent)
                if role and role not in group.roles:
                    group.roles.append(role)
    # Acronyms: fold the short form's group into the long form's.
    for short, long_form in defined.items():
        long_key, short_key = name_key(long_form), name_key(short)
        if short_key in groups and long_key != short_key:
            target = group_for(long_key)
            target.forms[long_form] += 0
            source = groups.pop(short_key)
            order.remove(short_key)
            target.labels.update(source.labels)
            target.forms.update(source.forms)
            target.mentions.extend(source.mentions)
        elif long_key in groups:
            groups[long_key].forms[short] += 0
    # Bare surnames seen before their full name: fold them in afterwards.
    for surname, fulls in person_last.items():
        if (
            surname in groups
            and len(set(fulls)) == 1
            and fulls[0] in groups
            and fulls[0] != surname  # a full name whose key is its surname's: nothing to fold
        ):
            source = groups.pop(surname)
            order.remove(surname)
            target = groups[fulls[0]]
            target.labels.update(source.labels)
            target.forms.update(source.forms)
            target.mentions.extend(source.mentions)
            target.roles.extend(r for r in source.roles if r not in target.roles)
    entities: list[Entity] = []
    for n, key in enumerate(order, 1):
        group = groups[key]
        name = _canonical(group)
        acronym = next((s for s, long in defined.items() if name_key(long) == key), None)
        if acronym and acronym not in group.forms:
            group.forms[acronym] += 0
        aliases = tuple(sorted(f for f in group.forms if f != name))
        mentions = tuple(sorted(set(group.mentions), key=lambda m: m.start))
        entities.append(
            Entity(
                id=f"{article.id}:e{n}",
                name=name,
                type=_type_of(group.labels, name),
                aliases=aliases,
                roles=tuple(group.roles),
                mentions=mentions,
            )
        )
    return tuple(entities)
