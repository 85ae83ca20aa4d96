"""The scope of a number from the parse: counted noun, ``measures``, ``place``, ``period``.

Kept apart from ``numbers`` (recognition) so each file stays small; see that module for the
method. Works on ``Parsed`` paragraphs (``offset + token.idx`` is an article offset) and
degrades to plain-text rules when there is no parse.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from crosscheck.extract.lexicon import lexicon
from crosscheck.extract.nlp import Parsed, lemma
from crosscheck.extract.quotes_speakers import gender_of
from crosscheck.extract.timex import find_timexes
from crosscheck.extract.units import CURRENCY_CODES, UNIT_WORDS
from crosscheck.extract.words import stem

LOGGER = logging.getLogger(__name__)

_EMPTY_ADJ = frozenset(
    [
        "different",
        "other",
        "another",
        "more",
        "additional",
        "several",
        "separate",
        "various",
        "further",
        "extra",
        "some",
        "many",
        "few",
        "total",
        "overall",
        "least",
        "most",
    ]
)
_COLLECTIVE = frozenset(
    [
        "group",
        "unit",
        "battalion",
        "squadron",
        "batch",
        "set",
        "pair",
        "team",
        "wave",
        "kind",
        "type",
        "piece",
        "round",
        "number",
        "dozen",
        "hundred",
        "thousand",
        "million",
        "percent",
        "share",
    ]
)
_LOC_PREP = frozenset(
    ["in", "near", "along", "on", "at", "across", "inside", "within", "around", "outside", "into"]
)
_PLACE_NOUN = re.compile(
    r"(?i)\b(?:border|region|area|city|town|village|province|state|country|district"
    r"|coast|front|territory|zone|airspace|capital|peninsula|regions|borders)\b"
)
# Participles that say what happened to the counted things ("troops killed"); others
# ("stationed", "seen") describe circumstances and stay out of ``measures``.
OUTCOMES = frozenset(
    [
        "killed",
        "wounded",
        "injured",
        "hurt",
        "dead",
        "missing",
        "arrested",
        "detained",
        "displaced",
        "evacuated",
        "infected",
        "hospitalized",
        "hospitalised",
        "deported",
        "captured",
        "sentenced",
        "fired",
        "sold",
        "hired",
        "rescued",
        "affected",
        "vaccinated",
        "tested",
        "confirmed",
        "recovered",
        "abducted",
        "kidnapped",
        "executed",
        "destroyed",
        "damaged",
        "expelled",
        "released",
        "freed",
        "jailed",
        "charged",
        "convicted",
        "stranded",
        "lost",
    ]
)
# The verb of an outcome in any form ("injuring", "kills") to its participle ("injured").
_OUTCOME_OF_VERB = {stem(w): w for w in OUTCOMES if w.endswith("ed")}
_STOP_NOUNS = frozenset(
    [
        "of",
        "and",
        "or",
        "to",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "than",
    ]
)
_SENT = re.compile(r"[^.!?\n]+[.!?]?")


def _hyphened_measure(last: Any) -> tuple[str, str] | None:
    """The unit and what it measures of a number hyphened to a unit of length or weight:
    "a 16-foot-deep crater" -> ("ft", "length deep crater"), "a 12-metre crater" -> ("m",
    "length crater"), "a 300-lb safe" -> ("lb", "weight safe"); None otherwise."""
    doc = last.doc
    if last.i + 2 >= len(doc) or doc[last.i + 1].text not in {"-", "–"}:
        return None
    unit_tok = doc[last.i + 2]
    lexical = UNIT_WORDS.get(unit_tok.lower_)
    dimension = _DIMENSIONS.get(lexical or "")
    if lexical is None or lexical == "yard" or dimension not in {"length", "weight"}:
        return None  # (a game's "86-yard run" and "2-yard run" are two of many plays)
    # the dimension, hyphened or not ("16-foot-deep", "16-foot deep"), however parsed
    after = [t for t in doc[unit_tok.i + 1 : unit_tok.i + 3] if t.text not in {"-", "–"}]
    adjective = after[0] if after and after[0].lower_ in _DIMENSION_WORDS else None
    head = (adjective if adjective is not None else unit_tok).head
    if head.pos_ not in {"NOUN", "PROPN"} or head.i <= unit_tok.i:
        return None
    words = [dimension, adjective.lower_ if adjective is not None else "", head.lower_]
    return lexical, " ".join(w for w in words if w)


_DIMENSION_WORDS = frozenset({"deep", "wide", "long", "tall", "high", "thick", "broad", "heavy"})


@dataclass(frozen=True, slots=True)
class Info:
    """What the parse says about one number."""

    sentence: tuple[int, int]
    noun: str | None = None
    base: str | None = None
    measures: str | None = None
    place: str | None = None
    period: str | None = None
    skip: bool = False


def _singular_key(word: str) -> str:
    low = word.lower()
    return low[:-1] if low.endswith("s") and len(low) > 3 else low


_NOT_NAMES = frozenset(
    [
        "about",
        "around",
        "over",
        "under",
        "nearly",
        "almost",
        "some",
        "roughly",
        "approximately",
        "only",
        "just",
        "more",
        "less",
        "than",
        "at",
        "least",
        "most",
        "all",
        "another",
        "and",
        "or",
        "but",
        "the",
        "a",
        "an",
        "of",
        "by",
        "to",
        "in",
        "on",
        "for",
        "with",
        "from",
    ]
)


# Measurement units by what they measure: a fall of 200 feet and one of 150 metres are
# one quantity in two units (``compare.numbers`` converts them).
_DIMENSIONS = {
    **dict.fromkeys(("m", "cm", "mm", "km", "ft", "inch", "yard", "mile"), "length"),
    **dict.fromkeys(("kg", "g", "lb", "t"), "weight"),
    **dict.fromkeys(("year", "month", "week", "day"), "duration"),
}
# Money: what an amount is the amount of, from the noun it sizes ("an $800 million
# contract", "a $60,000 fine"), the noun it is the worth of ("the deal is worth $160
# million") or the verb it is the object of ("bid $160 million", "sold for $30 million").
# Words for one bargain or one prize told another way are one key: "offered $800 million"
# and "an $800 million contract" tell one deal.
_SAME_MONEY = {
    **dict.fromkeys(
        ("offer", "bid", "deal", "contract", "agreement", "guarantee", "pact", "package"),
        "deal",
    ),
    **dict.fromkeys(("reward", "bounty"), "reward"),
}
# Verbs that put a value on their subject ("the damage is estimated at $2 million").
_VALUING = frozenset({"report", "estimate", "put", "value", "peg", "set", "place"})
# Verbs that say nothing of what a measurement measures ("it was 200 metres").
_LIGHT_VERBS = frozenset(
    [
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "get",
        "gets",
        "got",
        "getting",
        "make",
        "makes",
        "made",
        "making",
        "say",
        "says",
        "said",
        "saying",
        "take",
        "takes",
        "took",
        "taken",
        "taking",
        "give",
        "gives",
        "gave",
        "given",
        "giving",
        "do",
        "does",
        "did",
        "done",
        "doing",
    ]
)
_IRREGULAR_VERBS = {
    "fell": "fall",
    "fallen": "fall",
    "plunged": "plunge",
    "plummeted": "plunge",
    "dropped": "drop",
    "swam": "swim",
    "ran": "run",
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "flew": "fly",
    "flown": "fly",
}


# Verbs that tell one motion of a level or a body: "water levels reached / rose to / grew to
# three metres" is one measure, as "fell / plunged / dropped 200 metres" is.
def _forms(verb: str) -> tuple[str, ...]:
    """A regular verb's forms: "reach", "reaches", "reached", "reaching"."""
    base = verb.removesuffix("e")
    return (verb, f"{verb}s", f"{verb}es", f"{base}ed", f"{base}ing", f"{verb}d", f"{verb}ped")


_ONE_MOTION = {
    stem(form): stem(motion)
    for motion, verbs in (
        ("rise", ("rise", "reach", "grow", "swell", "increase")),
        ("fall", ("fall", "plunge", "drop", "tumble")),
    )
    for verb in verbs
    for form in _forms(verb)
}


def _verb_key(word: str) -> str:
    """A verb's key: irregular forms mapped to the base, then the crude stem, one key for
    verbs of one motion."""
    low = word.lower()
    key = stem(_IRREGULAR_VERBS.get(low, low))
    return _ONE_MOTION.get(key, key)


def _verb_of(tok: Any) -> Any | None:
    """The verb a number's phrase hangs from ("falling about 150 metres" -> falling)."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in {"VERB"} and cur is not tok:
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return cur if cur.pos_ == "VERB" else None


def _own_infinitive(unit_tok: Any) -> Any | None:
    """The infinitive a measurement's noun takes: "serve" in "9 months to serve"."""
    for child in unit_tok.children:
        if (
            child.dep_ in {"relcl", "acl"}
            and child.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
        ):
            return child
    return None


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_VERB_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "relcl"})


def _subject_person(
    verb: Any,
    doc: Any,
    known: Sequence[str] = (),
    earlier: Sequence[str] = (),
    genders: Mapping[str, str] | None = None,
) -> str | None:
    """The person who is the subject of ``verb`` (climbing "died after falling").

    "he" or "she" is the person named last before it: in the paragraph, else in
    ``earlier`` (the persons named in the paragraphs before, the last one last), skipping
    one the text gives the other gender (``genders``: "Robyn Mendes, his ex-girlfriend" is
    no "he"). A surname alone is the person of ``known`` (the article's named persons) it
    ends.
    """
    cur = verb
    for _ in range(4):
        # a time word parsed as a subject ("The day following Rait's death a climber ...
        # slipped") is not the one who did it
        subjects = [c for c in cur.children if c.dep_ in _SUBJECTS and c.ent_type_ != "DATE"]
        if subjects:
            subj = subjects[0]
            if (person := _person_in(subj, doc, known)) is not None:
                return person
            if subj.lower_ in _HE_SHE:  # "Duncan Rait died when he slipped and fell"
                main = [
                    t
                    for t in subj.sent
                    if t.i < subj.i and t.dep_ in _SUBJECTS and t.lower_ not in _HE_SHE
                ]
                if main:  # "A 36-year-old man died after he fell": he is that man
                    return _person_in(main[-1], doc, known)
                gender = "m" if subj.lower_ == "he" else "f"
                here = [_ent_name(e) for e in _persons(doc, subj.i)]
                return _fitting([*earlier, *here], gender, genders or {})
            return None  # a description ("a British man"): whose fall is left unknown
        if cur.head.i == cur.i:
            return _lost_subject(cur)
        if cur.dep_ not in _VERB_CLIMB:
            return None
        cur = cur.head
    return None


def _lost_subject(root: Any) -> str | None:
    """The person a main verb is told of when the parse gave it no subject ("On Saturday,
    32-year-old Englishman Robert Buckley, originally from Essex, fell 2,000ft" is parsed
    with "Buckley" hanging from a comma): the one person named before the verb in its
    sentence, when nothing else there could be the subject."""
    sent = root.sent
    before = [e for e in root.doc.ents if sent.start <= e.start and e.end <= root.i]
    people = [e for e in before if e.label_ == "PERSON"]
    if len(people) != 1:
        return None
    person = people[0]
    if person.root.dep_ in {"poss", "pobj", "dobj"} or (
        person.end < len(root.doc) and root.doc[person.end].tag_ == "POS"
    ):
        return None  # "Rait's", "after meeting Rait": not the one who did it
    nouns = [
        t
        for t in sent
        if t.i < root.i
        and t.pos_ in {"NOUN", "PRON"}
        and t.dep_ in {"nsubj", "nsubjpass", "ROOT", "appos"}
        and not (person.start <= t.i < person.end)
    ]
    return None if nouns else _ent_name(person)


_HE_SHE = frozenset({"he", "she"})
_RECENT = 6  # persons named in earlier paragraphs a "he" or "she" may mean
_BACK_PRONOUNS = frozenset({"it", "they"})
# Prepositions that make a span of time a time frame rather than a measured duration.
_FRAME_PREPS = frozenset({"in", "within", "after", "before", "since", "over", "during", "ago"})
_FRAME_HEADS = _FRAME_PREPS | {"later", "earlier"}  # "two days after", "three weeks later"


def _money_key(last: Any) -> str | None:
    """``measures`` of an amount of money: "amount deal", "amount fine", "amount sell";
    None when nothing says what it pays for ("it cost $5", "$300 million in cash")."""
    head = last.head
    noun: Any | None = None
    if last.dep_ in {"nummod", "compound", "amod", "nmod"} and head.pos_ == "NOUN":
        noun = head if head.i > last.i else None  # "an $800 million contract"
    elif last.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        noun = head.head  # "a fine of $5,000"
    elif head.lower_ == "worth":
        noun = _worth_of(head)  # "the deal is worth $160 million"
    if noun is not None:
        key = lemma(noun)
    else:
        verb = _verb_of(last)
        if verb is None or verb.lower_ in _LIGHT_VERBS or lemma(verb) in _LIGHT_VERBS:
            return None
        key = lemma(verb)
        if key in _VALUING:
            # "his net worth is reported at $170 million": the worth; "a judge set bail
            # at $50,000": the bail, not the judge
            valued = sorted(
                (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "nsubj"}),
                key=lambda c: ("dobj", "nsubjpass", "nsubj").index(c.dep_),
            )
            if not valued or valued[0].pos_ != "NOUN":
                return None
            key = lemma(valued[0])
    return f"amount {_SAME_MONEY.get(key, key)}" if key.isalpha() else None


def _worth_of(worth: Any) -> Any | None:
    """The noun "worth" tells the value of: "a deal worth", "the deal is worth", "the
    offer, which is believed to be worth"."""
    cur = worth.head
    for _ in range(4):
        if cur.pos_ == "NOUN":
            return cur
        objects = [c for c in cur.children if c.dep_ == "dobj" and c.i < worth.i]
        if cur.pos_ == "VERB" and objects:
            # "grabbed jewelry and watches worth an estimated two million euros", "made its
            # offer, reportedly worth $160 million": what was grabbed or made is worth it,
            # not who did it
            return objects[-1] if objects[-1].pos_ == "NOUN" else None
        subjects = [c for c in cur.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            subj = subjects[0]
            if subj.lower_ in {"which", "that"}:
                while cur.dep_ != "relcl" and cur.head.i != cur.i:
                    cur = cur.head
                return cur.head if cur.dep_ == "relcl" and cur.head.pos_ == "NOUN" else None
            return subj if subj.pos_ == "NOUN" else None
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _time_phrase(tok: Any) -> bool:
    """Whether the number's noun hangs from a time-frame preposition ("in 25 years") or
    heads one ("two days after the fire")."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "pobj" and cur.head.lower_ in _FRAME_PREPS:
            return True
        if cur.dep_ == "npadvmod" and cur.head.lower_ in _FRAME_HEADS:
            return True  # "two days after the fire", "three weeks later"
        if cur.lower_ == "ago" or any(c.lower_ == "ago" for c in cur.children):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _person_in(subj: Any, doc: Any, known: Sequence[str] = ()) -> str | None:
    """The person a subject names: "Duncan Rait", "climber Duncan Rait", "the man, Robert
    Buckley,", or "Pryce" once ``known`` holds "Walter Pryce"; None for a description ("a
    British man") or a possessor ("Rait's death")."""
    if subj.pos_ == "PROPN" and subj.text[:1].isupper():
        for name in reversed(known):
            if name.split()[-1] == subj.text:
                return name
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= subj.i < ent.end:
            return _ent_name(ent)
    for ent in doc.ents:
        owner = ent.end < len(doc) and doc[ent.end].tag_ == "POS"
        inside = subj.left_edge.i <= ent.start <= subj.right_edge.i
        if ent.label_ == "PERSON" and inside and not owner and "’s" not in ent.text:
            return _ent_name(ent)
    return None


def _persons(doc: Any, before: int) -> list[Any]:
    """The persons named before token ``before`` in the paragraph, in order."""
    return [e for e in doc.ents if e.label_ == "PERSON" and e.end <= before]


def _fitting(named: Sequence[str], gender: str, genders: Mapping[str, str]) -> str | None:
    """The last of ``named`` the text does not give the other gender."""
    for name in reversed(named):
        told = genders.get(name) or genders.get(name.split()[-1])
        if told is None or told == gender:
            return name
    return None


_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_APPOSITION = re.compile(r",\s*(?:\d+\s*,\s*)?([^,;:()\n.]{1,40})(?=[,.;]|$)")


def told_genders(text: str, people: Sequence[str]) -> dict[str, str]:
    """``m`` or ``f`` for each person whose name the text sets beside a word that says it:
    a title before it ("Mrs. Gomes"), a noun in apposition after it ("Robyn Mendes, 48,
    Gomes' ex-girlfriend,") or before it ("Gomes' mother, Catherine Gomes"). Possessives
    ("his ex-girlfriend") tell the other person's; a name told both ways is left out."""
    told: dict[str, set[str]] = {}
    for name in dict.fromkeys(people):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            before = text[max(0, m.start() - 42) : m.start()]
            after = text[m.end() : m.end() + 60]
            around: list[str] = []
            title = re.search(r"(\w+)\.?\s*$", before)
            if title:
                around.append(title.group(1))
            # ", 48, Gomes' ex-girlfriend," : the segment right after the name and its age
            appos = _APPOSITION.match(after)
            if appos:
                around.append(appos.group(1))
            lead = re.search(r"([^,;:()\n.]{1,40}),\s*$", before)
            if lead and len(lead.group(1).split()) <= 4:
                around.append(lead.group(1))
            words = " ".join(
                w
                for w in " ".join(around).replace("-", " ").split()
                if w.lower() not in _POSSESSIVES
            )
            if (gender := gender_of(words)) is not None:
                told.setdefault(name, set()).add(gender)
    return {name: next(iter(g)) for name, g in told.items() if len(g) == 1}


def _owner(noun: Any) -> str | None:
    """Whose things a count counts: the possessor of its noun ("Jackson's 59 catches",
    "his four seasons"); a named possessor by its name, a pronoun as written."""
    for child in noun.children:
        if child.dep_ != "poss":
            continue
        for ent in noun.doc.ents:
            if ent.start <= child.i < ent.end:
                return _ent_name(ent)
        return str(child.text)
    return None


_SOURCE_VERBS = lexicon("en").cues  # the verbs of a source: "said", "told", "reported"
_SENSED = frozenset({"felt", "feel", "feels", "heard", "seen"})


def _elsewhere(place: Any, span: Any) -> bool:
    """Whether a place phrase tells where something else is: where the source of the
    sentence sits ("the U.S. Geological Survey in Golden, Colo., said it was a
    magnitude-6.1"), or how far a thing was felt ("was felt as far away as Oman")."""
    for anc in place.ancestors:
        if anc.dep_ in ("nsubj", "nsubjpass") and anc.head.lower_ in _SOURCE_VERBS:
            return not (anc.left_edge.i <= span.start and span.end - 1 <= anc.right_edge.i)
        if anc.lower_ in _SENSED and anc.pos_ in ("VERB", "AUX"):
            return True
    return False


def _named_place(root: Any) -> list[str] | None:
    """The name in "the city of Zarand", "the province of Hormozgan": the place itself, not
    the kind of place (two cities are not one place because both are "the city")."""
    if not _PLACE_NOUN.search(root.text):
        return None
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                return [t.text for t in obj.subtree if t.pos_ == "PROPN"]
    return None


def _ent_name(ent: Any) -> str:
    """A PERSON entity's name without a possessive."""
    text = " ".join(ent.text.split())
    for suffix in ("'s", "’s"):
        text = text.removesuffix(suffix)
    return text.strip(" ,")


def _named_number(prev: Any | None, last: Any) -> bool:
    """Whether a whole number follows a capitalised name word: "Boeing 737", "Route 66".

    The word must be a proper noun, or capitalised inside the sentence (a sentence-initial
    "About 40" is no name), and not a hedge or a preposition.
    """
    if prev is None or not last.text.isdigit() or not prev.is_alpha:
        return False
    if not prev.text[:1].isupper() or prev.lower_ in _NOT_NAMES:
        return False
    if prev.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT"}:
        return False
    return prev.tag_ in ("NNP", "NNPS") or not prev.is_sent_start


def _designation(doc: Any, span: Any) -> bool:
    """Whether a number is part of a product's name rather than a measurement.

    "the 13-inch MacBook Pro", "a 42-inch Samsung": a hyphenated size right before a proper
    name designates a model; "a five-star hotel" names a class. "a 40-foot crater" measures
    a thing and is kept.
    """
    end = span.end
    star = [t for t in doc[end : end + 2] if t.text not in ("-", "‑")]
    if star and star[0].lower_ in ("star", "stars") and star[0].i + 1 < len(doc):
        after = doc[star[0].i + 1]
        if after.pos_ in ("NOUN", "PROPN") or after.text in ("-", "‑"):
            return True  # "a four and a half star hotel", "a five-star general": a class
    if end + 2 > len(doc) or doc[end].text not in ("-", "‑"):
        return False
    unit = doc[end + 1]
    nxt = doc[end + 2] if end + 2 < len(doc) else None
    return bool(
        unit.is_alpha
        and unit.is_lower
        and nxt is not None
        and nxt.tag_ in ("NNP", "NNPS")
        and nxt.text[:1].isupper()
    )


class Scope:
    """Answers ``describe(start, end, ...)`` for numbers of one parsed article."""

    def __init__(self, parsed: Parsed, anchor: date | None) -> None:
        self.text = parsed.article.analysis_text
        self.parsed = parsed
        self.docs: list[tuple[int, Any]] = list(parsed.docs)
        self.offsets = parsed.starts
        self.people = [
            _ent_name(e) for _, doc in self.docs for e in doc.ents if e.label_ == "PERSON"
        ]
        # The persons named in the paragraphs before each one, the last one last: whom a
        # "he" that opens a paragraph means; and the gender the text gives a person.
        self.named_before: list[tuple[str, ...]] = []
        named: list[str] = []
        for _, doc in self.docs:
            self.named_before.append(tuple(named[-_RECENT:]))
            named += [_ent_name(e) for e in _persons(doc, len(doc))]
        self.genders = told_genders(self.text, self.people)
        self.timexes = [
            t
            for t in find_timexes(self.text, anchor)
            if t.type in {"DATE", "TIME"} and not t.text.lower().startswith(("now", "current"))
        ]

    def describe(self, start: int, end: int, unit: str | None, prev_base: str | None) -> Info:
        """Return the scope of the number at ``[start, end)`` (``unit``: lexicon unit)."""
        found = self.parsed.doc_at(start)
        if found is None:
            return self._plain(start, end, unit)
        off, doc = found
        span = doc.char_span(start - off, end - off, alignment_mode="expand")
        if span is None or len(span) == 0:
            return self._plain(start, end, unit)
        sent = span.sent
        sentence = (off + sent.start_char, off + sent.end_char)
        last = span[-1]
        noun_tok = None if unit else self._noun(span)
        prev = doc[span.start - 1] if span.start > 0 else None
        if (
            unit is None
            and prev is not None
            and last.text.isdigit()
            and (prev.pos_ == "PROPN" or prev.text in {"No.", "#", "No"})
            and any(ch.isupper() for ch in prev.text)
            and prev.dep_ not in {"nsubj", "appos"}
        ):
            return Info(sentence, skip=True)  # "Model 3", "S&P 500", "No. 7"
        if unit is None and _named_number(prev, last):
            return Info(sentence, skip=True)  # "Boeing 737", "Route 66", "Windows 10"
        if _designation(doc, span):
            return Info(sentence, skip=True)  # "13-inch MacBook", "the 737-800 jet"
        if unit is None and (hyphened := _hyphened_measure(last)) is not None:
            # "a 16-foot-deep crater": feet, of the crater's depth
            lexical, measured = hyphened
            return Info(
                sentence, noun=lexical, measures=measured,
                place=self._place(sent, off, span, None), period=self._period(sentence, start),
            )  # fmt: skip
        base = self._base(noun_tok) if noun_tok is not None else None
        if base is None and unit and unit in {"%", "pp"}:
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is not None and nxt.text == "of":
                objs = [t for t in nxt.children if t.dep_ == "pobj"]
                if objs:
                    base = self._base(objs[0])
        verb = self._participle(noun_tok if noun_tok is not None else last, span)
        noun = noun_tok.text if noun_tok is not None else None
        if noun_tok is None and verb and prev_base and unit is None:
            base = prev_base  # "another 57 wounded": the noun of the number before
            noun = prev_base.split(" of ")[0].split()[-1]
        measures = " ".join(x for x in (base, verb) if x) or None
        if measures is None:
            measures = self._whose(doc, off, last, unit)
        elif noun_tok is not None and (owner := _owner(noun_tok)) is not None:
            measures = f"{measures} [{owner}]"  # "Cheeks' 11 seasons": his, not the league's
        elif (
            noun_tok is not None
            and verb is None
            and noun_tok.dep_ == "dobj"
            and (doer := _subject_person(noun_tok.head, doc, self.people)) is not None
        ):
            measures = f"{measures} [{doer}]"  # "Marcus Feld scored 24 points": his points
        place = self._place(sent, off, span, noun_tok)
        period = self._period(sentence, start)
        if place is None and period is None and (earlier := self._told_before(sent, off)):
            # "The last major quake was in February, when a temblor rocked Zarand. It killed
            # 612 people": the 612 are February's, not today's quake's
            place, period = earlier
        return Info(
            sentence=sentence,
            noun=noun,
            base=base,
            measures=measures,
            place=place,
            period=period,
        )

    def _told_before(self, sent: Any, off: int) -> tuple[str | None, str | None] | None:
        """The place and period of the sentence before one whose subject is "it" or "they"
        and that tells neither: what the pronoun is about is told there."""
        first = sent[0]
        if first.lower_ not in _BACK_PRONOUNS or first.dep_ not in _SUBJECTS:
            return None
        doc = sent.doc
        if sent.start > 0:
            before, before_off = doc[sent.start - 1].sent, off
        else:
            found = self.parsed.doc_at(off - 2) if off >= 2 else None
            if found is None:
                return None
            before_off, before_doc = found
            before = list(before_doc.sents)[-1]
        span = (before_off + before.start_char, before_off + before.end_char)
        place = self._place(before, before_off, before[-1:], None)
        period = self._period(span, span[1])
        return (place, period) if place or period else None

    def _whose(self, doc: Any, off: int, last: Any, unit: str | None) -> str | None:
        """``measures`` of a measurement or an age with no counted noun, with its person.

        "Buckley fell about 600m" -> "length fall [Buckley]"; "31-year-old Robert Buckley"
        and "Robert Buckley, 32," -> "age [Robert Buckley]". The person is the name the
        number describes or the named subject of its verb; without one (a pronoun, "a
        36-year-old man"), None: the number is then compared with nothing, as the fall or
        age of whom is unknown.
        """
        age = unit == "year of age" or (
            unit is None
            and last.text.isdecimal()
            and 0 < int(last.text) < 120
            and last.dep_ in {"appos", "npadvmod", "amod"}
            and (last.head.ent_type_ == "PERSON" or self._named_person(last.head) is not None)
            and last.i > 0
            and doc[last.i - 1].text == ","
        )
        if age:
            head = last.head
            if unit is None and head.ent_type_ != "PERSON":
                named = self._named_person(head)  # "Teixeira, 28," with "Mark Teixeira" named
                return f"age [{named}]" if named else None
            person = self._person_of(head if head.ent_type_ == "PERSON" else last)
            return f"age [{person}]" if person else None
        if unit in CURRENCY_CODES:
            return _money_key(last)
        dimension = _DIMENSIONS.get(unit or "")
        if dimension is None:
            return None
        measured = last.head if last.dep_ == "nummod" else last
        if (
            dimension == "length"
            and measured.dep_ == "pobj"
            and measured.head.lower_ == "of"
            and measured.head.head.pos_ == "NOUN"
        ):
            # "a fall of about 300 metres", "a depth of 16 feet": the noun is what is
            # measured, and the verb it hangs from tells whose
            return self._of_noun(dimension, measured.head.head, doc, off)
        if (
            dimension == "duration"
            and last.dep_ in {"compound", "amod", "nmod"}
            and last.head.pos_ == "NOUN"
            and last.head.i > last.i
            and not _time_phrase(last)
        ):
            # "a 2-1/2 year sentence", "a five-year contract": the noun is what lasts, the
            # verb it hangs from tells whose
            return self._of_noun(dimension, last.head, doc, off)
        verb = _verb_of(last)
        if verb is None:
            return None
        own = _own_infinitive(last)
        if own is None and verb.lower_ in _LIGHT_VERBS:
            return None
        if dimension == "duration" and _time_phrase(last):
            return None  # "the strongest quake in 25 years": when, not how long
        # "sentenced to 2 years, with 9 months to serve": the 9 months are time to serve
        key = _verb_key((own or verb).text)
        earlier = self.named_before[bisect.bisect_right(self.offsets, off) - 1]
        person = _subject_person(verb, doc, self.people, earlier, self.genders)
        person = person or self._person_of(last)
        if person is None:  # "he fell 200m", "a climber fell 200m": whose is left open
            return f"{dimension} {key}"
        return f"{dimension} {key} [{person}]"

    def _of_noun(self, dimension: str, noun: Any, doc: Any, off: int) -> str:
        """``measures`` of a measurement that a noun names ("a fall of 300 metres", "a
        2-1/2 year sentence"), with the person the noun's verb tells of."""
        verb = _verb_of(noun)
        earlier = self.named_before[bisect.bisect_right(self.offsets, off) - 1]
        person = (
            _subject_person(verb, doc, self.people, earlier, self.genders)
            if verb is not None
            else None
        )
        return f"{dimension} {_verb_key(noun.text)}" + (f" [{person}]" if person else "")

    def _named_person(self, tok: Any) -> str | None:
        """The one person of the article whose surname ``tok`` is, when the tagger missed it
        as a person ("Teixeira, 28," read as an organisation where "Mark Teixeira" is
        named); None when no one or several people have that surname."""
        if tok.pos_ != "PROPN" or tok.dep_ == "compound":
            return None
        names = {n for n in self.people if len(n.split()) > 1 and n.split()[-1] == tok.text}
        return names.pop() if len(names) == 1 else None  # two Gomeses: which one is unknown

    def _person_of(self, tok: Any) -> str | None:
        """The person ``tok`` names or describes ("61-year-old Catherine Gomes", "Gomes, 61").

        Climbs from the number through its heads ("61" -> "year" -> "old" -> "Gomes") and
        stops at the first noun: a person named there is the one; "a 12-year-old girl"
        names nobody. A word that only describes the name after it is climbed over
        ("32-year-old Englishman Robert Buckley"), and a name the tagger missed counts when
        its last word is the surname of a person the article names ("61-year-old Kathryn
        Gomes" where "Carlos Gomes" is named).
        """
        doc = tok.doc
        cur = tok
        for _ in range(6):
            for ent in doc.ents:
                if ent.label_ == "PERSON" and ent.start <= cur.i < ent.end:
                    return _ent_name(ent)
            if (
                cur is not tok
                and cur.pos_ == "PROPN"
                and cur.dep_ != "compound"
                and any(name.split()[-1] == cur.text for name in self.people)
            ):
                # the first name is the word just before the surname, not a description
                # further left ("American Julia Norris")
                before = doc[cur.i - 1] if cur.i > 0 else None
                if before is not None and before.dep_ == "compound" and before.head.i == cur.i:
                    return f"{before.text} {cur.text}"
                return cur.text
            if (
                cur is not tok
                and cur.pos_ in {"NOUN", "PROPN"}
                and cur.dep_ == "compound"
                and cur.head.i > cur.i
                and cur.head.pos_ == "PROPN"
            ):
                cur = cur.head  # "Englishman" in "Englishman Robert Buckley"
                continue
            if cur is not tok and cur.pos_ in {"NOUN", "PROPN", "PRON", "VERB"}:
                return None
            if cur.head.i == cur.i:
                return None
            cur = cur.head
        return None

    def _noun(self, span: Any) -> Any | None:
        """The noun a number counts: its head when it modifies one, else the next noun."""
        last = span[-1]
        doc = last.doc
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.dep_ == "compound":
            head = nxt.head
            if head.i > nxt.i and head.pos_ == "NOUN" and head.tag_ == "NNS":
                return head  # "12 heart transplants": a plural head is what is counted
            return nxt  # "a 12 page document", "3 cylinder engine": the unit is the compound
        head = last.head
        if (
            last.dep_ in {"nummod", "quantmod", "compound"}
            and head.pos_ in {"NOUN", "PROPN"}
            and head.i > last.i
        ):
            return head
        for tok in doc[last.i + 1 : min(len(doc), last.i + 4)]:
            if tok.pos_ in {"NOUN"} and tok.text.lower() not in _STOP_NOUNS:
                return tok
            if tok.pos_ not in {"ADJ", "NOUN", "PROPN", "ADV"} or tok.tag_ == "VBN":
                break
        return None

    def _base(self, noun: Any) -> str | None:
        """The counted noun with its descriptive modifiers and a collective's "of" phrase."""
        first = noun.left_edge.i
        mods = [
            t
            for t in noun.doc[first : noun.i]
            if t.text.lower() not in _EMPTY_ADJ
            and t.pos_ in {"ADJ", "NOUN", "PROPN", "VERB"}
            and t.dep_ in {"amod", "compound", "nmod", "npadvmod"}
            and not t.like_num
        ]
        words = [t.text for t in mods] + [noun.text]
        if _singular_key(noun.text) in _COLLECTIVE:
            for child in noun.rights:
                if child.dep_ == "prep" and child.text == "of":
                    objs = [t for t in child.children if t.dep_ == "pobj"]
                    if objs and objs[0].pos_ == "NOUN":
                        inner = [t.text for t in objs[0].lefts if t.dep_ in {"amod", "compound"}]
                        words += ["of", *inner, objs[0].text]
        text = " ".join(words)
        return text if re.search(r"[A-Za-z]", text) else None

    def _participle(self, tok: Any, span: Any) -> str | None:
        """What happened to the counted things: "troops have been killed", "57 wounded",
        "injuring five people"."""
        head = tok.head
        if tok.dep_ in {"nsubjpass", "nsubj"} and head.text.lower() in OUTCOMES:
            return str(head.text)
        if (
            tok.dep_ == "dobj"
            and head.pos_ == "VERB"
            and (done := _OUTCOME_OF_VERB.get(stem(head.text.lower()))) is not None
        ):
            return done  # "injuring five people", "killed 24 people": people injured, killed
        for child in tok.children:
            if child.dep_ in {"acl", "amod"} and child.text.lower() in OUTCOMES and child.i > tok.i:
                return str(child.text)
        doc = tok.doc
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text.lower() in OUTCOMES:
            return str(nxt.text)
        return None

    def _place(self, sent: Any, off: int, span: Any, noun: Any | None) -> str | None:
        """The place phrase of the sentence: Any of a locative preposition naming a place."""
        best: tuple[int, str] | None = None
        for chunk in sent.noun_chunks:
            head = chunk.root.head
            if head.dep_ != "prep" or head.text.lower() not in _LOC_PREP:
                continue
            has_place = any(e.label_ in {"GPE", "LOC", "FAC"} for e in chunk.ents) or bool(
                _PLACE_NOUN.search(chunk.root.text)
            )
            if not has_place or _elsewhere(chunk.root, span):
                continue
            words = _named_place(chunk.root) or [
                t.text
                for t in chunk
                if t.pos_ not in {"DET", "PRON"} and t.dep_ not in {"poss", "case"}
            ]
            if not words:
                continue
            dist = chunk.start - span.end if chunk.start >= span.end else 1000 + span.start
            if best is None or dist < best[0]:
                best = (dist, " ".join(words))
        return best[1] if best else None

    def _period(self, sentence: tuple[int, int], pos: int) -> str | None:
        """The date expression of the sentence nearest the number, with "since" kept."""
        best: tuple[int, str] | None = None
        for t in self.timexes:
            if t.start < sentence[0] or t.end > sentence[1]:
                continue
            dist = abs(t.start - pos)
            before = self.text[max(0, t.start - 8) : t.start].lower()
            label = t.text
            if re.search(r"\bsince\s+$", before):
                label = "since " + t.text
            if best is None or dist < best[0]:
                best = (dist, re.sub(r"\s+", " ", label))
        return best[1] if best else None

    def _plain(self, start: int, end: int, unit: str | None) -> Info:
        """Fallback without a parse: sentence by punctuation, noun = the next word."""
        sentence = (0, len(self.text))
        for m in _SENT.finditer(self.text):
            if m.start() <= start < m.end():
                sentence = (m.start(), m.end())
                break
        noun = None
        if unit is None:
            m2 = re.match(r"\s+([a-z][a-z-]+)", self.text[end : end + 30])
            if m2 and m2.group(1) not in _STOP_NOUNS:
                noun = m2.group(1)
        return Info(sentence, noun=noun, base=noun, measures=noun,
                    period=self._period(sentence, start))  # fmt: skip
