"""Speakers of quotes: the naming span, the canonical name, the role, pronoun resolution.

Canonical names come from ``entities`` (``extract.entities``) when they are given: the
entity whose mention overlaps the speaker span names the speaker. Without entities the
article's own PERSON mentions are used: a person is named by the longest PERSON mention of
the article that ends with the same surname and contains every word of the mention
("Okafor" -> "Maria Okafor"). Titles and roles in front of or in apposition to the name
("county fire chief") go to ``Speaker.role``.

Pronoun speakers ("he", "she", "they", "it") resolve to a person named, outside quote
marks, as the subject of a clause of the pronoun's own sentence after the last named speaker
(subject salience: "Sen. Ann Cole scolded him: “...,” she said"), else to the last named
speaker of a fitting kind before them (skipping one of the other gender where the words say
it), else to the last PERSON (or, for "it"/"they", organisation) mention; the speaker span
stays the pronoun, so evidence is local. Not handled: a subject of an earlier sentence (as
often the story's topic as its speaker), cataphora ("In his speech, Smith said"), and
speakers named only in a previous article.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from typing import Any

from crosscheck.extract.entities import untitled
from crosscheck.extract.lexicon import Lexicon
from crosscheck.extract.quotes_modes import OUTLETS
from crosscheck.model import Entity, Speaker

LOGGER = logging.getLogger(__name__)

Token = Any  # spaCy Token; kept untyped so the module imports without spaCy stubs

PERSON = "PERSON"
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
_NAME_LABELS = ("PERSON", "ORG", "NORP", "GPE", "FAC")
_SPAN_DEPS_EXCLUDED = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj"})
_STRIP = " ,;:\"'()-—–"


_POSSESSIVE = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we", "my": "i"}


def _clean_name(name: str) -> str:
    """Drop a possessive and edge punctuation from a name."""
    name = name.strip(_STRIP)
    for suffix in ("'s", "’s", "'"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip(_STRIP)


def _written(words: list[Token]) -> str:
    """Tokens as the text writes them ("singer's manager", not "singer 's manager"), a
    space where tokens between them were left out."""
    out = words[0].text if words else ""
    for prev, tok in itertools.pairwise(words):
        out += prev.whitespace_ or (" " if tok.i != prev.i + 1 else "")
        out += tok.text
    return out


def _plain(span: Any) -> list[Token]:
    """A speaker phrase's words without determiners and punctuation."""
    return [t for t in span if t.dep_ != "det" and not t.is_punct]


@dataclass
class NameIndex:
    """Canonical names of the article: from entities when given, else from PERSON mentions."""

    entity_spans: list[tuple[int, int, Entity]] = field(default_factory=list)
    persons: dict[str, list[str]] = field(default_factory=dict)  # surname -> full names
    mentions: list[tuple[int, str, str]] = field(default_factory=list)  # (pos, name, kind)
    subjects: list[tuple[int, str]] = field(default_factory=list)  # persons as subjects

    @classmethod
    def build(cls, docs: tuple[tuple[int, Any], ...], entities: tuple[Entity, ...]) -> NameIndex:
        """Index the entities' mentions and the article's named-entity mentions."""
        index = cls()
        for entity in entities:
            for mention in entity.mentions:
                index.entity_spans.append((mention.start, mention.end, entity))
        index.entity_spans.sort(key=lambda item: item[0])
        for offset, doc in docs:
            for ent in doc.ents:
                if ent.label_ not in _NAME_LABELS:
                    continue
                name = _clean_name(ent.text)
                if not name:
                    continue
                kind = "person" if ent.label_ == PERSON else "org"
                index.mentions.append((offset + ent.start_char, name, kind))
                if kind == "person":
                    words = name.split()
                    index.persons.setdefault(words[-1].lower(), []).append(name)
                    if ent.root.dep_ in ("nsubj", "nsubjpass"):
                        index.subjects.append((offset + ent.start_char, name))
        return index

    def last_subject(self, before: int, after: int) -> str | None:
        """The last person named as a subject in ``(after, before)``, if any."""
        for pos, name in reversed(self.subjects):
            if pos < before:
                return name if pos > after else None
        return None

    def entity_at(self, start: int, end: int) -> Entity | None:
        """Return the entity with a mention overlapping ``[start, end)``, if any."""
        best: Entity | None = None
        for m_start, m_end, entity in self.entity_spans:
            if m_start >= end:
                break
            if m_end > start and (best is None or entity.type == PERSON):
                best = entity
        return best

    def canonical_person(self, name: str) -> str:
        """Return the longest full name of the article for the person mention ``name``."""
        words = name.split()
        if not words:
            return name
        wanted = {w.lower() for w in words}
        best = name
        for full in self.persons.get(words[-1].lower(), ()):
            full_words = {w.lower() for w in full.split()}
            if wanted <= full_words and len(full) > len(best):
                best = full
        return best

    def last_mention(self, before: int, kind: str) -> str | None:
        """Return the last named mention of ``kind`` (person/org) before ``before``."""
        for pos, name, m_kind in reversed(self.mentions):
            if pos < before and m_kind == kind:
                return name
        return None


_JOINERS = frozenset({"-", "‐", "'", "’"})


def speaker_extent(subject: Token) -> tuple[int, int]:
    """Return the token range ``[i, j)`` of a subject noun phrase, without clauses."""
    right = subject.i
    for child in subject.rights:
        if child.dep_ in _SPAN_DEPS_EXCLUDED:
            if child.is_punct:
                continue
            break
        if child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
            break  # "a state inspection report last Sept. 14 found": when, not who
        right = max(right, child.right_edge.i)
    left = subject.left_edge.i
    doc = subject.doc
    while left < subject.i and doc[left].is_punct:
        left += 1
    while right > subject.i and doc[right].is_punct:
        right -= 1
    # a word the parser cut at a hyphen ("Muhammad al-Midana", "Anne Smith-Jones") is whole
    while (
        right + 2 < len(doc)
        and doc[right + 1].text in _JOINERS
        and not doc[right].whitespace_
        and not doc[right + 1].whitespace_
        and doc[right + 2].is_alpha
    ):
        right += 2
    return left, right + 1


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MALE = _wordset(
    """
    he him his mr sir lord king prince father dad son brother husband boyfriend man boy
    spokesman chairman actor businessman congressman councilman uncle nephew grandfather
    """
)
_FEMALE = _wordset(
    """
    she her hers mrs ms miss dame lady queen princess mother mom mum daughter sister wife
    girlfriend woman girl spokeswoman chairwoman actress businesswoman congresswoman
    councilwoman aunt niece grandmother
    """
)


def gender_of(*texts: str | None) -> str | None:
    """``m`` or ``f`` when the words naming someone say it ("Mrs", "spokeswoman"), else None."""
    found: set[str] = set()
    for text in texts:
        for word in (text or "").lower().replace(".", " ").split():
            word = word.strip(",;:'’\"()")
            if word in _MALE:
                found.add("m")
            elif word in _FEMALE:
                found.add("f")
    return found.pop() if len(found) == 1 else None


# Relatives: "Nichols' mother" is not Nichols (see ``make_speaker``).
_KIN = _wordset(
    """
    mother father wife husband son daughter brother sister parents uncle aunt grandmother
    grandfather girlfriend boyfriend fiancee fiance cousin niece nephew widow widower friend
    neighbor neighbour
    """
)
# Nouns that name a person without a person's ending (see ``person_noun``).
_PERSON_NOUNS = _KIN | _wordset(
    """
    actress adult agent aide artist bishop boy chief child clerk coach cop dean deputy
    doctor girl guard heiress hostess imam kid man monk nun nurse official parent pastor
    person pilot poet police priest rabbi rep representative source suspect teen teenager
    tourist trooper
    victim witness woman youth
    """
)
_PERSON_ENDINGS = ("man", "woman", "person", "er", "or", "ist", "ian", "ant", "ent", "ee", "ess")


def person_noun(word: str, lex: Lexicon) -> bool:
    """Whether a common noun can name a person ("a spokeswoman", "the driver", "a
    resident"), so that a later "he" or "she" may mean it; "conversation" cannot."""
    return (
        word in _PERSON_NOUNS
        or word in lex.titles
        or word.endswith(_PERSON_ENDINGS)
        or gender_of(word) is not None
    )


@dataclass
class SpeakerMemory:
    """The named speakers seen so far in the article, for resolving pronouns."""

    seen: list[tuple[int, str, str, str | None, str | None]] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # name -> "m" / "f" when told

    def add(
        self,
        pos: int,
        name: str,
        kind: str,
        entity: str | None,
        role: str | None,
        text: str = "",
    ) -> None:
        """Record a named speaker at article offset ``pos`` (``text``: the words naming it)."""
        self.seen.append((pos, name, kind, entity, role))
        gender = gender_of(text, role)
        if gender is not None:
            self.genders.setdefault(name, gender)

    def resolve(
        self,
        pos: int,
        kind: str,
        names: NameIndex,
        gender: str | None = None,
        since: int = -1,
    ) -> tuple[str, str | None, str | None] | None:
        """Resolve a pronoun of ``kind`` at ``pos``: (name, entity id, role) or None.

        The last named speaker of the wanted kind before it, skipping one whose words give
        the other gender ("she" after "Mr Gaskin" and "a spokeswoman" is the spokeswoman).
        """
        # "they" and "it" may mean a body ("the panel", "the court"); "he" and "she" a person
        wanted = {"person": ("person",), "group": ("org", "thing"), "org": ("org", "thing")}.get(
            kind, ("org", "person", "thing")
        )  # "they" is never one person, "it" never a person
        last_speaker = None
        for s_pos, name, s_kind, entity, role in reversed(self.seen):
            known = self.genders.get(name)
            if gender is not None and known is not None and known != gender:
                continue
            if s_pos < pos and s_kind in wanted:
                last_speaker = (s_pos, name, entity, role)
                break
        mention_kind = "person" if kind == "person" else "org"
        mention = names.last_mention(pos, mention_kind)
        if kind == "person":
            # Subject salience: a person who is the subject of a clause of the pronoun's
            # own sentence, after the last speaker ("Sen. Ann Cole scolded him: “...,” she
            # said"), is the one meant. Not a subject of an earlier sentence: that is as
            # often the story's topic ("Bale will play Jobs. ... “...,” he said").
            after = max(since, last_speaker[0] if last_speaker else -1)
            subject = names.last_subject(pos, after)
            if subject is not None:
                canonical = names.canonical_person(subject)
                known = self.genders.get(canonical)
                if gender is None or known is None or known == gender:
                    return canonical, None, None
        if last_speaker is not None:
            return last_speaker[1], last_speaker[2], last_speaker[3]
        if mention is not None and kind != "org":
            canonical = names.canonical_person(mention) if kind == "person" else mention
            return canonical, None, None
        return None


def _described_subject(pronoun: Token, gender: str) -> str | None:
    """The unnamed person "he" or "she" means when the last subject before it, in its
    sentence or the one before, is a description of that gender ("Nichols' mother", "the
    woman") rather than a name."""
    doc = pronoun.doc
    first = pronoun.sent.start
    if first > 0:
        first = doc[first - 1].sent.start
    subjects = [
        t for t in doc[first : pronoun.i] if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ != "PRP"
    ]
    if not subjects:
        return None
    last = subjects[-1]
    if last.ent_type_ or gender_of(last.lower_) != gender:
        return None
    return _description(doc[last.left_edge.i : last.i + 1])


def _description(span: Any) -> str:
    """A description as written, without its article ("the woman" -> "woman")."""
    start = span.start + 1 if span[0].dep_ == "det" else span.start
    return str(span.doc[start : span.end].text)


def _document_owner(noun: Token, lex: Lexicon) -> Token | None:
    """The subject of the verb that puts out ``noun`` ("released an ad", "ran a piece").

    Only for a common noun without an entity label that is that verb's object (or the
    object of its preposition: "is on television with spots"); None otherwise, and None for
    an outlet or a source something comes from, which speak for themselves ("came from a
    report in the Daily Mirror newspaper, which said ...").
    """
    if noun.tag_ not in ("NN", "NNS") or noun.ent_type_ or noun.lower_ in lex.agency_words:
        return None
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "from":
        return None  # "the news came from a report in the Mirror, which said": the report's
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ != "dobj":
        return None
    if not head.tag_.startswith("VB"):
        return None
    for child in head.children:
        if child.dep_ == "nsubj" and child.tag_ not in ("WP", "WDT"):
            return child
    return None


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_BODIES = frozenset({"police", "council", "government", "ministry", "constabulary"})


def make_speaker(
    subject: Token,
    offset: int,
    names: NameIndex,
    memory: SpeakerMemory,
    lex: Lexicon,
) -> Speaker:
    """Build the ``Speaker`` named by the subject token ``subject`` of a cue.

    Args:
        subject: the head token of the source noun phrase (or a pronoun).
        offset: article offset of the token's paragraph ``Doc``.
        names: the article's canonical names.
        memory: speakers seen so far (updated with this one when it is named).
        lex: word lists (pronouns, titles).
    """
    doc = subject.doc
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        # "Smith, who said ...": named Smith, but the evidence span stays on "who" (as
        # PolNeAR marks the Source).
        wh = subject
        antecedent = subject.head.head
        if antecedent.ent_type_ in ("DATE", "TIME"):
            # "saw a dermatologist on Monday, who told him": not Monday
            before = [
                t
                for t in doc[antecedent.sent.start : antecedent.i]
                if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("DATE", "TIME")
            ]
            antecedent = before[-1] if before else antecedent
        owner = _document_owner(antecedent, lex) if subject.tag_ == "WDT" else None
        # "Paul released an ad that urges ...": the ad speaks for its owner, named Paul.
        seen = len(memory.seen)
        named = make_speaker(owner or antecedent, offset, names, memory, lex)
        if (
            owner is None
            and named.entity is None
            and antecedent.dep_ in ("dobj", "pobj")
            and len(memory.seen) > seen
        ):
            # "He finally saw a dermatologist, who told him ...": someone the story's
            # subject met speaks here, but a later "he said" is still the subject's
            del memory.seen[seen:]
        start = offset + wh.idx
        return Speaker(named.name, named.entity, start, start + len(wh.text), wh.text, named.role)
    lower = _POSSESSIVE.get(subject.lower_, subject.lower_)
    start_char = offset + subject.idx
    if subject.tag_ in ("PRP", "PRP$") and lower in lex.pronouns:
        kind = lex.pronouns[lower]
        gender = gender_of(lower) if kind == "person" else None
        since = offset + subject.sent.start_char  # subject salience within the sentence
        # "Nichols' mother expressed their sentiments. '...,' she said": the mother
        described = _described_subject(subject, gender) if gender else None
        resolved: tuple[str, str | None, str | None] | None = None
        if described is not None:
            resolved = (described, None, None)
        elif kind != "self":
            resolved = memory.resolve(start_char, kind, names, gender, since)
        end_char = start_char + len(subject.text)
        if resolved is None:
            return Speaker(subject.text, None, start_char, end_char, subject.text)
        name, ent_id, role = resolved
        return Speaker(name, ent_id, start_char, end_char, subject.text, role)
    if subject.lower_ in lex.titles:
        # "President and General Manager Billy King announced": the titles are coordinated,
        # the person is the last conjunct
        persons = [c for c in subject.children if c.dep_ == "conj" and c.ent_type_ == PERSON]
        if persons:
            subject = persons[-1]
    i, j = speaker_extent(subject)
    span = doc[i:j]
    s_start, s_end = offset + span.start_char, offset + span.end_char
    text = span.text
    ents = [e for e in doc.ents if e.start >= i and e.end <= j and e.label_ in _NAME_LABELS]
    # A name that only says whose a body is ("Surrey police", "Banstead council"; the
    # tagger often takes the place for a person) is no speaker: the body speaks, by that name.
    body = next(
        (e for e in ents if e.root.dep_ == "compound" and e.root.head.lower_ in _BODIES), None
    )
    if body is not None and body.label_ != "ORG":
        name = f"{body.text} {body.root.head.text}"
        memory.add(s_start, name, "org", None, None, text)
        return Speaker(name, None, s_start, s_end, text, None)
    # a person named in a clause that describes the source ("Lon Wood, a journalist who
    # knew Ben's father") is not the source
    in_clause = {d.i for t in span if t.dep_ in ("relcl", "acl") for d in t.subtree}
    person = [e for e in ents if e.label_ == PERSON and e.start not in in_clause]
    # the person the phrase is about, not one named in its description ("Christina
    # Greenway, daughter of slain court reporter Julie Ann Brandau")
    own = [e for e in person if e.start <= subject.i < e.end]
    chosen = own[0] if own else max(person, key=len) if person else None
    if not own and subject.lower_ in _KIN and any(c.dep_ == "poss" for c in subject.children):
        # "Nichols' mother" is not Nichols (a spokesman or a rep speaks for them: not here)
        name = _description(doc[subject.left_edge.i : subject.i + 1])
        memory.add(offset + subject.left_edge.idx, name, "person", None, None, name)
        start = offset + doc[i].idx
        return Speaker(name, None, start, offset + span.end_char, span.text, None)
    if chosen is None and ents:
        heads = [e for e in ents if e.start <= subject.i < e.end]
        if not heads and subject.pos_ == "PROPN" and subject.text[:1].isupper():
            # "the Bristol District Attorney's Office": a body whose name runs past the
            # tagged name ("Bristol District"); the body speaks, by its whole name
            name = _written(_plain(span))
            memory.add(s_start, name, "org", None, None, text)
            return Speaker(name, None, s_start, s_end, text, None)
        # A place only says where a described source is ("security officials in Lebanon",
        # "a California Highway Patrol officer", "some Managua residents"): no speaker.
        bodies = [e for e in ents if e.label_ not in _PLACE_LABELS]
        chosen = heads[0] if heads else (bodies[-1] if bodies else None)
    entity: Entity | None
    if chosen is not None:
        entity = names.entity_at(offset + chosen.start_char, offset + chosen.end_char)
    else:
        entity = names.entity_at(start_char, start_char + len(subject.text))
    if chosen is not None:
        raw = _clean_name(chosen.text)
        if chosen.label_ == PERSON:
            raw = untitled(raw)  # "Police Constable Tim Fanning" is Tim Fanning
        name = names.canonical_person(raw)
        # A surname the tagger missed as PERSON ("Velasquez" as ORG) still joins its person.
        kind = "person" if chosen.label_ == PERSON or name != raw else "org"
        role_tokens = [
            t
            for t in span
            if not (chosen.start <= t.i < chosen.end)
            and not t.is_punct
            and t.dep_ not in ("det", "case")
            and t.tag_ != "POS"
        ]
    else:
        words = _plain(span)
        name = _clean_name(_written(words)) or text
        kind = "org" if subject.tag_ in ("NNS", "NNPS") or ents else "person"
        if kind == "person" and subject.tag_ == "NN" and not person_noun(subject.lower_, lex):
            kind = "thing"  # "no such conversation occurred, saying ...": no one "he" means
        if subject.lower_ in OUTLETS:
            kind = "org"  # "the NT News reports": a paper, never the "he" of a later clause
        if subject.tag_ == "NNP" and all(t.text[:1].isupper() for t in words):
            name = untitled(name)  # "Detective Sergeant Ana Ruiz", no entity tagged
        if subject.tag_ == "NNP" and len(name.split()) == 1:
            name = names.canonical_person(name)
        role_tokens = []
    role = None
    if role_tokens:
        role = doc[role_tokens[0].i : role_tokens[-1].i + 1].text.strip(_STRIP) or None
        if role and chosen is not None and chosen.start < role_tokens[0].i:
            role = role.removeprefix("the ").strip(_STRIP) or None
    entity_id = None
    if entity is not None:
        entity_id = entity.id
        name = entity.name
        if role is None and entity.roles:
            role = entity.roles[0]
    memory.add(s_start, name, kind, entity_id, role, text)
    return Speaker(name, entity_id, s_start, s_end, text, role)


def via_name(head: Token, lex: Lexicon) -> str | None:
    """Return the channel or intermediary named in the phrase headed by ``head``.

    "his Twitter account" -> "Twitter" (so is "her X account"); "the Meridian Wire news
    agency" -> "Meridian Wire"; "Reuters" -> "Reuters". None when the phrase names
    nothing (e.g. "a statement").
    """
    tokens = list(head.subtree)
    for tok in tokens:
        channel = lex.channels.get(tok.lower_)
        if channel is not None:
            return channel
        if tok.text in lex.cased_channels and tok.head.lower_ in lex.account_nouns:
            return lex.cased_channels[tok.text]  # "her X account": the platform, not a letter
    doc = head.doc
    lo, hi = tokens[0].i, tokens[-1].i + 1
    ents = [e for e in doc.ents if e.start >= lo and e.end <= hi]
    for label in ("ORG", "PERSON", "GPE", "NORP"):
        found = [e for e in ents if e.label_ == label]
        if found:
            return _clean_name(found[0].text)
    propn = [t.text for t in tokens if t.tag_ in ("NNP", "NNPS")]
    if propn:
        return _clean_name(" ".join(propn))
    return None
