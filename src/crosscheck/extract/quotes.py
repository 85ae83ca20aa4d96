"""Quote extraction: direct, indirect and mixed quotes with speaker, cue verb and chain.

Method (rules on the dependency parse, in the spirit of textacy's ``direct_quotations`` and
the Gender Gap Tracker's quote extractor, extended to indirect quotes):

1. Direct quotes: quote marks are paired per paragraph, continuing across paragraphs by
   the news convention (``quotes_marks``); unpaired marks are skipped.
2. Cue verbs: every verb of the lexicon (``lexicon``) outside a direct quote. Its speaker
   is its subject, inherited through conjunctions, participles ("..., adding that") and
   nouns ("released a statement saying"); its content is its clausal complement (or object
   and complement for "accused Y of ..."), or, when the verb follows the clause it reports
   ("The plan failed, she said"), that clause. A content that is a quote in marks makes a
   direct quote; one that holds quoted fragments a mixed quote; else an indirect one.
3. "according to X": X is the speaker of the rest of the sentence; when the sentence has
   its own cue verb, that verb's quote gets X in its chain (``via``), and an unnamed or
   personal X ("an attendee") also speaks the whole sentence.
4. Direct quotes still without a cue take the cue of their sentence ("“...,” he said"),
   of a preceding sentence ending in a colon ("He added: “...”"), or continue the previous
   quote's speaker when they follow it directly. A quote the cue interrupts ("“A,” she
   said, “B.”") and a direct quote right after a direct one of the same paragraph ("“A,”
   he said. “B.”") are one quote, as PolNeAR annotates them; a short clause about the
   speaker between them ("said X, who has been urging the city to act") does not part
   them.
5. Chains: "quoted by X as saying", "told X" (X an organisation), channel words ("via his
   Twitter account") and outer attributions ("the ministry announced that Okafor
   welcomed ...") fill ``via`` in order, outermost first.
6. Learned cues (``quotes_model``): verbs and nouns the rules left unused that a logistic
   regression trained on PolNeAR train scores as attribution cues make indirect quotes of
   their complement, unless they sit inside another quote's content. A lexicon cue left
   without content in a sentence with no quote marks (no direct quote can claim it) is
   scored the same way ("warning that ...", "did not respond to requests").
7. A quote repeated in the article (rapidfuzz ratio >= ``settings.fuzzy_quote``) is kept
   once, with the other spans in ``mentions``.

Not handled: cues outside the lexicon that the cue model misses, sources named only after a
long quote paragraph ("..." — that was the view of X), quotes inside quotes, single quote
marks, and speakers that need real coreference beyond "last fitting speaker".
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from crosscheck.extract.lexicon import Lexicon, lexicon, verb_forms
from crosscheck.extract.nlp import Parsed
from crosscheck.extract.quotes_direct import adjacent_quote, dash_quote, nearest_person
from crosscheck.extract.quotes_marks import Marked
from crosscheck.extract.quotes_model import scored_candidates, source_of
from crosscheck.extract.quotes_modes import (
    ACT,
    DOCUMENT,
    KNOW,
    SPEECH,
    THOUGHT,
    is_speech_noun,
    judged,
    no_words_mode,
    quote_mode,
    says_nothing,
    seen_as,
    through_record,
    told_outright,
)
from crosscheck.extract.quotes_rules import (
    TELLING,
    author_of,
    channel_phrase,
    content_tokens,
    dedupe,
    fallback_subject,
    fronted_subject,
    governing_subject,
    inherit_channels,
    nested_noise,
    paragraph_lookup,
    replace_quote,
    subject_of,
    trim,
)
from crosscheck.extract.quotes_speakers import make_speaker, person_noun, via_name
from crosscheck.extract.quotes_state import Bare, Context, Raw
from crosscheck.model import Entity, Quote, Span
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

Token = Any

_MARKS = ('"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "''")
_MIN_WORDS_CONTINUED = 4  # a bare quote this long after a quote continues its speaker
_MIN_WORDS_ALONE = 8  # a bare quote this long with no speaker anywhere is still kept
# A title in quote marks right after the noun of a work: 'the 2005 book "The Big Show"',
# 'the film "Australia"', 'a post titled "..."': a name, nobody's words.
_WORK_BEFORE = re.compile(
    r"(?i)\b(?:book|books|film|films|movie|movies|album|albums|song|songs|show|shows|series|"
    r"novel|novels|documentary|play|musical|memoir|programme|program|titled|entitled)"
    r"[\s,]*$"
)
_MAX_WORDS_ASIDE = 8  # a quote this short in an attribution clause describes the speaker


def _passive_subject(subject: Token, tok: Token, lex: Lexicon) -> bool:
    """Whether ``subject`` is the passive subject of cue ``tok``: told, not telling.

    "Residents were ordered out of their homes", "the man believed to have tipped off the
    press": they are not the source.
    Quoting verbs ("was quoted as saying") keep their subject as the speaker, and so does
    a participle of feeling with a clause of its own ("Protesters were frustrated that the
    police released only part of the video": the protesters hold the view); the "it" of
    "it is estimated that ..." holds none.
    """
    if tok.lower_ in lex.quoting:
        return False
    if (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and tok.head.i == subject.i
        and not any(c.dep_ == "agent" for c in tok.children)
    ):
        return True  # "the shadowy character believed to have helped": told of, not telling
    if subject.dep_ != "nsubjpass" or subject.head.i != tok.i:
        return False
    if subject.lower_ == "it":
        return True  # "it is estimated that ...": an unnamed view, "it" holds none
    return not any(
        c.dep_ == "ccomp" and c.i > tok.i and any(m.lower_ == "that" for m in c.children)
        for c in tok.children
    )


# A sentence end at a line end; or a line that stops without one before a line that opens
# a quote ("... to those who have lost their homes" | "“We were panicked.").
_LINE_END = re.compile(r"[.!?\"”'’:]\s*\n\s*(?=[\"“A-Z0-9])|[A-Za-z0-9)][ \t]*\n\s*(?=[\"“])")


def _one_line(text: str, start: int, end: int, cue_start: int, cue_end: int) -> tuple[int, int]:
    """Cut a cue's content at sentence ends that are line ends, on the cue's side.

    Texts with one sentence to a line are one paragraph to the parser, which may then join
    '... no further comment."' and 'Jackson was driving a truck, Baehr said' into one
    sentence: the content of "said" stops at the line end. A line broken inside a sentence
    (no full stop before it) is kept whole.
    """
    if start < cue_start:
        cut = None
        for m in _LINE_END.finditer(text, start, cue_start):
            cut = m.end()
        if cut is not None:
            start = cut
    if end > cue_end:
        after = _LINE_END.search(text, cue_end, end)
        if after is not None:
            end = after.start() + 1
    return start, end


_CLOCK = re.compile(r"\b\d{1,2}[.:]\d{2}\b(?!\.\d)")


def _stranded_subject(tok: Token) -> Token | None:
    """The noun right before a cue that the parser hung elsewhere ("The town still has
    power and officials say ...", parsed as "has power and officials" with "say" sharing
    the town as subject): a finite cue of its own conjunct, with no subject, whose
    neighbour is a noun joined to something else, is said by that noun."""
    if tok.dep_ != "conj" or tok.tag_ not in ("VBP", "VBZ", "VBD") or tok.i == 0:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    before = tok.doc[tok.i - 1]
    if before.tag_ not in ("NN", "NNS", "NNP", "NNPS") or before.dep_ not in ("conj", "dobj"):
        return None
    if before.head.i in (tok.i, tok.head.i) or before.head.i > tok.i:
        return None
    return before


_AS_WHAT = frozenset(
    {"known", "read", "intended", "regarded", "recognized", "recognised", "seen", "viewed"}
)
_AT_WORK = frozenset({"work", "duty"})
_SEEM = verb_forms(["seem", "appear"])
_IDIOM = re.compile(
    r"\b(?:to say the least|needless to say|suffice(?: it)? to say|so to speak|that is to say|"
    r"add(?:s|ed|ing)? insult to injury|(?:well|ill) advised to|truth be told|"
    r"(?:might|may) (?:well )?want to|"
    r"(?:would be|is|it's) (?:interesting|nice|good|useful|helpful) to know)\b",
    re.IGNORECASE,
)
_BE = frozenset({"be", "is", "was", "were", "are", "am", "been", "being", "'s", "'re"})
_TO_BE_HAVE = frozenset({"be", "have"})  # "said to be", "reported to have fled"
# Participles of telling that describe by hearsay ("believed to be a spider" stays a
# belief, as PolNeAR counts it).
_HEARSAY = frozenset({"said", "reported", "rumoured", "rumored", "alleged"})
_REPORT = verb_forms(["report"])
# Knowing a person is an acquaintance, not a view ("those who knew Banky"); knowing or
# weighing a matter stays a thought ("understand the stakes", as PolNeAR counts it).
_WHAT_IS_KNOWN = frozenset({"ccomp", "xcomp", "oprd", "acomp"})  # what is known, if a clause
_PEOPLE_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})
_BECOME = verb_forms(["become"])
_ADD = verb_forms(["add"])


def _said_to_be(tok: Token) -> bool:
    """A participle that describes its noun by hearsay ("a source said to be close to
    him", "a man reported to have fled"): no one's words."""
    return tok.lower_ in _HEARSAY and any(
        c.dep_ == "xcomp"
        and c.lower_ in _TO_BE_HAVE
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in tok.children
    )


def _described_speaker(tok: Token) -> Token | None:
    """The speaker of a cue the parser left without a subject because a description by
    hearsay follows the name ('"...," said an anonymous source said by the paper to be
    close to him', read as "said" governing a second "said" with the source as its
    subject)."""
    for c in tok.children:
        if c.dep_ == "ccomp" and c.i > tok.i and _said_to_be(c):
            subjects = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
            if subjects and subjects[0].i > tok.i:
                return subjects[0]
    return None


def _no_cue_here(tok: Token, lex: Lexicon) -> bool:
    """A cue word used for no one's words or thoughts: a form of "be" ("it was clear that
    ..."), "seem" or "appear" (what seems so to the writer); an idiom ("to say the least",
    "would be well advised to"); a cue whose subject is "you" (the reader, addressed);
    "as cited by" a channel, which names the channel of another cue; a passive with "as" or
    "for" and no agent ("LaRue was known as the bagman", "Sorkin, best known for his
    writing", "the story could be read as a tale", "the rule was intended as a check")
    names or describes; "reported to work" is turning up."""
    children = list(tok.children)
    sent = tok.sent
    if any(m.start() <= tok.idx - sent.start_char < m.end() for m in _IDIOM.finditer(sent.text)):
        return True  # "mixed, to say the least", "would be well advised to": no one's words
    verb = tok
    for _ in range(3):  # the cue's own subject, or that of the verb it completes
        if any(c.dep_ == "nsubj" and c.lower_ == "you" for c in verb.children):
            return True  # "whether you work with an attorney to find the driver": the reader
        if verb.dep_ not in ("xcomp", "advcl") or verb.head is verb:
            break
        verb = verb.head
    if tok.lower_ in _BE:
        return True  # "it was clear that ...", "they were about to begin a party"
    if _said_to_be(tok):
        return True  # "a source said by the paper to be close to her": who she is, no words
    if tok.lower_ in _SEEM:
        return True  # "the race seems to be over": the writer's hedge, not the race's view
    if tok.lower_ == "known" and (
        tok.head.lower_ in _BECOME or any(c.lower_ in _BECOME for c in children)
    ):
        return True  # "as more details become known": no one's view
    if (
        tok.lower_ == "known"
        and tok.dep_ == "acl"
        and not any(c.dep_ in ("agent", "ccomp") for c in children)
    ):
        return True  # "the actor known to film audiences for ...": who he is, no view
    if (
        tok.lower_ in KNOW
        and any(
            c.dep_ == "dobj"
            and (
                c.ent_type_ == "PERSON"
                or c.tag_ == "NNP"
                or c.lower_ in _PEOPLE_PRONOUNS
                or (c.tag_ == "NN" and person_noun(c.lower_, lex))
            )
            for c in children
        )
        and not any(c.dep_ in _WHAT_IS_KNOWN for c in children)
    ):
        return True  # "those who knew Benjamin Banky", "we knew him well": acquaintance
    if (
        tok.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
        and any(c.dep_ == "agent" for c in children)
    ):
        return True  # "..., warned Varga, as cited by the radio station": a channel
    agents = [c for c in children if c.dep_ == "agent"]
    if (
        tok.lower_ in _AS_WHAT
        and tok.tag_ == "VBN"
        and any(c.dep_ == "prep" and c.lower_ in ("as", "for") for c in children)
        and not agents
    ):
        return True
    if tok.lower_ == "known" and any(
        t.dep_ == "prep" and t.lower_ == "as" for c in (tok, *agents) for t in c.subtree
    ):
        return True  # "also known by law enforcement as 'Crazy T'": a name, no view
    if tok.lower_ in _ADD and any(c.dep_ == "dobj" for c in children):
        if any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in children):
            return True  # "the county added another $20,000 to that pot"
        if not any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in children) and not any(
            c.dep_ == "dobj" and (is_speech_noun(c.lower_) or c.tag_.startswith("PRP"))
            for c in children
        ):
            return True  # "the Emmys added a category": a thing added, no words
    return tok.lower_ in _REPORT and any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(o.dep_ == "pobj" and o.lower_ in _AT_WORK for o in c.children)
        for c in children
    )


_NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _inverted(tok: Token, lex: Lexicon) -> tuple[Token, tuple[int, int]] | None:
    """The speaker and the reported clause of an attribution written verb first after a
    comma ("The likely result will be chaos, argued the NRDC.", "Further harm could follow,
    warned civil defence spokesman Ali Hamad, as cited by a news agency.", "Nothing is
    decided, echoed a second representative."), which the parser reads as a verb joined to
    the clause, or governing it, with the speaker as its object."""
    if tok.i < 2 or tok.doc[tok.i - 1].text != "," or tok.lower_ in TELLING:
        return None  # "..., Al-Saudi, told Al Jazeera": the object of "told" listens
    comps = [c for c in tok.children if c.dep_ in ("ccomp", "advcl") and c.i < tok.i]
    joined = tok.dep_ in ("conj", "advcl", "dep", "parataxis") and tok.head.i < tok.i
    if not joined and not comps:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    if any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
        return None
    objects = [c for c in tok.children if c.dep_ in ("dobj", "npadvmod") and c.i > tok.i]
    if len(objects) != 1:
        return None
    speaker = objects[0]
    if speaker.ent_type_ not in _NAMED and not (
        speaker.tag_.startswith("NN") and person_noun(speaker.lower_, lex)
    ):
        return None
    end = speaker.right_edge.i + 1
    aside: set[int] = set()  # ", as cited by the agency": a phrase of the verb's own
    if end < len(tok.doc) and tok.doc[end].text == ",":
        for c in tok.children:
            if c.i > end and c.dep_ in ("advcl", "prep"):
                aside.update(t.i for t in c.subtree)
    rest = [t for t in tok.doc[end : tok.sent.end] if not t.is_punct and t.i not in aside]
    start = tok.sent.start
    if rest or tok.i - 1 - start < 3:
        return None  # the name must end the sentence, after a clause of its own
    return speaker, (start, tok.i - 1)


def _name_after_quote(tok: Token, span: tuple[int, int]) -> bool:
    """Whether the "content" of a cue right after a closing quote mark is only the name that
    follows it ('“...,” recalled Ana Ruiz'): the name speaks the quote."""
    doc = tok.doc
    return (
        tok.i > 0
        and doc[tok.i - 1].text in _MARKS
        and span[0] > tok.i
        and all(t.pos_ in ("PROPN", "PUNCT") for t in doc[span[0] : span[1]])
    )


def _age_before(tok: Token) -> Token | None:
    """ "The 26-year-old says ...", which the parser reads with "old" as an adjective of
    the verb: the age is the speaker's description."""
    for child in tok.lefts:
        if child.lower_ == "old" and any(t.lower_ in ("year", "years") for t in child.subtree):
            return child
    return None


def _non_speaker(subject: Token) -> bool:
    """Whether a subject cannot speak: a timestamp line or a URL.

    "Monday 5 August 2013 08.33 BST", "http://...": the parser took them for the subject
    of a cue; the speaker, if any, is elsewhere in the sentence. A date or a product as
    the head of a subject is left alone: refusing those too cost 0.36 points of PolNeAR
    dev speaker accuracy (0.8834 -> 0.8798).
    """
    if subject.like_url:
        return True
    phrase = subject.doc[subject.left_edge.i : subject.i + 1].text
    if subject.ent_type_ != "PERSON" and _CLOCK.search(phrase):
        return True  # "Monday 5 August 2013 08.33 BST": a timestamp line
    return "/" in subject.text and "." in subject.text  # a URL line's path


def _speaker_nearby(
    tok: Token, offset: int, in_quote: Any, lex: Lexicon, rejected: Token
) -> Token | None:
    """The nearest pronoun, person or organisation before cue ``tok`` in its sentence,
    outside the phrase of the ``rejected`` subject."""
    for cand in reversed(list(tok.doc[tok.sent.start : tok.i])):
        if in_quote(offset + cand.idx):
            continue
        if rejected.left_edge.i <= cand.i <= rejected.right_edge.i:
            continue
        if cand.tag_ == "PRP" and cand.lower_ in lex.pronouns:
            return cand
        if cand.ent_type_ in ("PERSON", "ORG", "NORP") and cand.ent_iob_ in ("B", "I"):
            return cand
    return None


def _name_before(tok: Token, offset: int, in_quote: Any, lex: Lexicon) -> Token | None:
    """The proper noun or pronoun just before cue ``tok``, outside quote marks, if any."""
    if tok.i == 0:
        return None
    prev = tok.doc[tok.i - 1]
    if in_quote(offset + prev.idx):
        return None
    if prev.tag_ in ("NNP", "NNPS") or (prev.tag_ == "PRP" and prev.lower_ in lex.pronouns):
        return prev
    return None


def _record_speaks(tok: Token, lex: Lexicon) -> bool:
    """Whether cue ``tok`` hangs on a record noun: "issued a statement saying ...", "a
    letter stating ...", "wrote a letter to the mother, saying ..." (the participle is the
    record's own words)."""
    head = tok.head
    if head is tok:
        return False
    if tok.dep_ == "acl":
        return head.tag_ in ("NN", "NNS") and head.lower_ in lex.documents
    # "wrote an apology letter to the mother, saying ...": the participle of a verb whose
    # object is the record tells the record's words
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and not any(c.dep_ == "nsubj" for c in tok.children)
        and any(c.dep_ == "dobj" and c.lower_ in lex.documents for c in head.children)
    )


def _marked(tok: Token, lex: Lexicon) -> str | None:
    """The mark a cue's own phrases set, whatever its word: a record speaking ("said in a
    statement on its website", "a letter saying ..."), words told outright ("let fans know
    that ...", "police identified the victim as ..."), a judgement ("I find it highly
    unlikely that ..."); None when they set none."""
    if through_record(tok) or _record_speaks(tok, lex):
        return DOCUMENT
    if told_outright(tok):
        return SPEECH
    return THOUGHT if judged(tok) or seen_as(tok) else None


def _governed_by_thought(tok: Token, lex: Lexicon) -> bool:
    """Whether cue ``tok`` is the complement of a verb of belief or intention.

    "The BBC is expected to announce ...", "she wants to say ...": what is reported is
    an expectation or a wish, not words said. A cue with a subject of its own reports its
    own words even under such a verb ("Islam has now told CNBC that ...", misparsed as the
    complement of a later "does not know").
    """
    if any(c.dep_ == "nsubj" for c in tok.children):
        return False
    cur = tok
    for _ in range(2):
        if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lower_ in lex.thought:
            return True
    return False


class _Extractor:
    """Runs the rules over one article."""

    def __init__(self, parsed: Parsed, entities: tuple[Entity, ...], settings: Settings):
        self.parsed = parsed
        self.settings = settings
        self.ctx = Context(parsed, entities, lexicon(parsed.article.language))
        self.raws: list[Raw] = []
        self.bares: list[Bare] = []

    def run(self) -> list[Raw]:
        """Apply rules 2-6 and return the quotes found (unsorted)."""
        for index, (offset, doc) in enumerate(self.parsed.docs):
            self._headline(index, offset, doc)
            for sent in doc.sents:  # type: ignore[attr-defined]
                self._sentence(index, offset, sent)
        self._claim_direct()
        return self.raws

    def _sentence(self, para: int, offset: int, sent: Any) -> None:
        ctx, lex = self.ctx, self.ctx.lex
        s_range = (offset + sent.start_char, offset + sent.end_char)
        found: list[Raw] = []
        according: list[tuple[Token, Token]] = []
        for tok in sent:
            lower = tok.lower_
            if lower == "according" and tok.i + 1 < len(tok.doc):
                nxt = tok.doc[tok.i + 1]
                pobj = [c for c in nxt.children if c.dep_ == "pobj"]
                if nxt.lower_ == "to" and pobj and not ctx.in_quote(offset + tok.idx):
                    according.append((tok, pobj[0]))
                continue
            if lower not in lex.cues or not tok.tag_.startswith("VB"):
                continue
            raw = self._cue(para, offset, tok, s_range)
            if raw is not None:
                found.append(raw)
        for acc, pobj in according:
            self._according(para, offset, sent, acc, pobj, s_range, found)
        self._learned(para, offset, sent, s_range, found)
        # Outer attributions put their speaker in the chain of the quotes they contain;
        # a nested attribution is kept only when it reports someone else's quoted words
        # ("the ministry announced that Okafor “welcomed ...”"), as PolNeAR tags each token
        # with one attribution at most.
        found = [r for r in found if not nested_noise(r, found)]
        for raw in found:
            outers = [
                o
                for o in found
                if o is not raw
                and o.speaker is not None
                and raw.cue_start is not None
                and o.start <= raw.cue_start < o.end
            ]
            outers.sort(key=lambda o: o.start - o.end)
            for outer in outers:
                assert outer.speaker is not None
                if outer.speaker.name not in raw.outer_via:
                    raw.outer_via.append(outer.speaker.name)
        self.raws.extend(found)

    def _learned(
        self, para: int, offset: int, sent: Any, s_range: tuple[int, int], found: list[Raw]
    ) -> None:
        """Rule 6: verbs outside the lexicon that the cue model scores as attributions."""
        ctx = self.ctx
        taken = {r.cue_start for r in found if r.cue_start is not None}
        # A waiting cue whose sentence holds no quote marks can never be claimed by a
        # direct quote: the model may still give it a content ("warning that ...").
        waiting = bool(ctx.marks_in(*s_range))
        taken.update(
            b.cue_start for b in self.bares if b.sentence == s_range and (waiting or b.colon)
        )
        doc = sent.doc
        for tok, scored_span, _prob in scored_candidates(
            sent, offset, taken, ctx.in_quote, ctx.lex
        ):
            if _no_cue_here(tok, ctx.lex):
                continue
            inverted = _inverted(tok, ctx.lex)  # "Nothing is decided, echoed a spokesman."
            span = inverted[1] if inverted is not None else scored_span
            if _name_after_quote(tok, span):
                continue
            last = doc[span[1] - 1]
            cue_start = offset + tok.idx
            start, end = _one_line(
                ctx.text,
                offset + doc[span[0]].idx,
                offset + last.idx + len(last.text),
                cue_start,
                cue_start + len(tok.text),
            )
            start, end = trim(ctx.text, start, end)
            if end - start < 2 or any(
                r.start <= cue_start < r.end
                or (r.cue_start is not None and start <= r.cue_start < end)
                for r in found
            ):
                continue
            subject = inverted[0] if inverted is not None else None
            subject = subject or _stranded_subject(tok) or source_of(tok)
            if subject is None or subject.tag_ == "PRP$":  # "Cruz reboots his attacks on"
                subject = subject_of(tok, ctx.lex)[0] or subject
            if subject is not None and _passive_subject(subject, tok, ctx.lex):
                subject = None
            subject = (
                subject
                or fallback_subject(tok, offset, ctx.in_quote, ctx.lex)
                or governing_subject(tok)
            )
            if subject is not None and _non_speaker(subject):
                subject = _speaker_nearby(tok, offset, ctx.in_quote, ctx.lex, subject)
            speaker = None
            if subject is not None and not ctx.in_quote(offset + subject.idx):
                speaker = make_speaker(subject, offset, ctx.names, ctx.memory, ctx.lex)
            cue_end = cue_start + len(tok.text)
            raw = Raw(start, end, "indirect", speaker, tok.text, cue_start, cue_end, s_range)
            raw.paragraph = para
            self._snap(raw)
            if raw.kind != "direct" and says_nothing(tok, ctx.lex):
                raw.mode = no_words_mode(tok, ctx.lex)  # "was declared dead", "called 911"
            elif not tok.tag_.startswith("VB") and not is_speech_noun(tok.lower_):
                raw.mode = ACT  # "Crystal's jokes for the rest of the night"
            else:
                raw.mode = _marked(tok, ctx.lex)
            found.append(raw)

    def _cue(self, para: int, offset: int, tok: Token, s_range: tuple[int, int]) -> Raw | None:
        ctx, lex = self.ctx, self.ctx.lex
        if _no_cue_here(tok, lex):
            return None
        subject, path = subject_of(tok, lex)
        subject = _stranded_subject(tok) or subject
        inverted = _inverted(tok, lex)
        if inverted is not None:  # "The result will be chaos, argued the NRDC."
            subject = inverted[0]
        fronted = fronted_subject(tok)
        if fronted is not None:  # "The council, Mayor Ruiz said, will vote": Ruiz speaks
            fronted, subject = fronted
        subject = (
            subject
            or _described_speaker(tok)
            or fallback_subject(tok, offset, ctx.in_quote, lex)
            or _name_before(tok, offset, ctx.in_quote, lex)
            or _age_before(tok)
        )
        if subject is not None and ctx.in_quote(offset + subject.idx):
            # '“We're aware ...,” team general manager A.J. Smith said': the parser took a
            # word of the quote for the subject; the name right before the cue speaks.
            subject = _name_before(tok, offset, ctx.in_quote, lex)
        if subject is not None and _non_speaker(subject):
            subject = _speaker_nearby(tok, offset, ctx.in_quote, lex, subject)
        if subject is None:
            return None
        if _passive_subject(subject, tok, lex):
            return None
        via: list[str] = []
        for node in path:
            for child in node.children:
                if child.dep_ == "agent" and node.lower_ in lex.quoting:
                    pobj = [c for c in child.children if c.dep_ == "pobj"]
                    name = via_name(pobj[0], lex) if pobj else None
                    if name:
                        via.append(name)
                elif child.dep_ == "prep" and channel_phrase(child, lex):
                    name = via_name(child, lex)
                    if name and name in lex.channels.values():
                        via.append(name)
                elif (
                    child.dep_ in ("dobj", "dative")
                    and node.lower_ in lex.listener
                    and child.ent_type_ == "ORG"
                ):
                    name = via_name(child, lex)
                    if name:
                        via.append(name)
                elif (
                    child.dep_ == "nsubj"
                    and node.lower_.startswith("quot")
                    and subject.i != child.i
                    and subject.head.i == node.i
                ):
                    name = via_name(child, lex)  # "IRNA quoted Rezapour as saying"
                    if name:
                        via.append(name)
        speaker = make_speaker(subject, offset, ctx.names, ctx.memory, lex)
        cue_start = offset + tok.idx
        cue_end = cue_start + len(tok.text)
        span = inverted[1] if inverted is not None else content_tokens(tok, lex)
        if span is not None and _name_after_quote(tok, span):
            return None
        inset = span is None and self._inset(tok, s_range)
        if inset:  # "Many of the closures, he said, have involved ...": the whole clause
            span = (tok.head.left_edge.i, tok.head.right_edge.i + 1)
        elif (
            fronted is not None
            and span is not None
            and span[0] > tok.i
            and not self._has_marks(s_range)
        ):
            inset = True
            span = (fronted.left_edge.i, span[1])
        if span is None or (not inset and span[0] <= subject.i < span[1]):
            colon = any(t.text == ":" for t in tok.rights) or ctx.text[
                s_range[0] : s_range[1]
            ].rstrip().endswith(":")
            self.bares.append(
                Bare(cue_start, speaker, tok.text, cue_start, cue_end, s_range, via, para, colon)
            )
            return None
        doc = tok.doc
        start = offset + doc[span[0]].idx
        last = doc[span[1] - 1]
        end = offset + last.idx + len(last.text)
        start, end = _one_line(ctx.text, start, end, cue_start, cue_end)
        start, end = trim(ctx.text, start, end)
        if end - start < 2:
            return None
        raw = Raw(start, end, "indirect", speaker, tok.text, cue_start, cue_end, s_range, via)
        raw.paragraph = para
        if _governed_by_thought(tok, lex):
            raw.mode = THOUGHT  # "is expected to announce", "wants to say"
        else:
            raw.mode = _marked(tok, lex)
        self._snap(raw)
        if raw.kind != "direct" and says_nothing(tok, lex):
            raw.mode = no_words_mode(tok, lex)  # "call the police on 0845 ...": no words
        return raw

    def _inset(self, tok: Token, s_range: tuple[int, int]) -> bool:
        """Whether cue ``tok`` is set into the clause it reports, between commas.

        "The bridge, officials said, will reopen in May": the parser hangs the cue off the
        clause's verb as parataxis, after words of the clause. Sentences with quote marks
        are left to the direct-quote rules ("“We will,” she said, “and soon.”").
        """
        head = tok.head
        return (
            tok.dep_ == "parataxis"
            and head.i > tok.i
            and head.pos_ in ("VERB", "AUX")
            and tok.left_edge.i - head.left_edge.i >= 2
            and not self._has_marks(s_range)
        )

    def _has_marks(self, s_range: tuple[int, int]) -> bool:
        """Whether the sentence holds a quote mark, paired or not."""
        text = self.ctx.text[s_range[0] : s_range[1]]
        return any(mark in text for mark in _MARKS)

    def _snap(self, raw: Raw) -> None:
        """Make ``raw`` direct or mixed when its content is, or holds, a quote in marks."""
        ctx = self.ctx
        hits = ctx.marks_in(raw.start, raw.end)
        if not hits:
            return
        first, last = ctx.marked[hits[0]], ctx.marked[hits[-1]]
        start = min(raw.start, first.open_mark)
        end = max(raw.end, last.close_mark + 1)
        residue = ctx.text[start:end]
        for k in reversed(hits):
            m = ctx.marked[k]
            residue = residue[: m.open_mark - start] + residue[m.close_mark + 1 - start :]
        words = [w for w in residue.split() if any(ch.isalnum() for ch in w)]
        ctx.used.update(hits)
        if not words or words in (["that"], ["as"]):
            raw.kind = "direct"
            raw.start, raw.end = first.start, last.end
        else:
            raw.kind = "mixed"
            raw.start, raw.end = trim(ctx.text, start, end)

    def _headline(self, para: int, offset: int, doc: Any) -> None:
        """``Source: words`` at the start of a paragraph (headline, teaser and transcript
        style, the turn of a transcript also after an opening quote mark)."""
        ctx, lex = self.ctx, self.ctx.lex
        colon = next((t for t in doc[:8] if t.text == ":"), None)
        if colon is None or colon.i == 0 or colon.i + 2 >= len(doc):
            return
        head = doc[colon.i - 1]
        if not (head.tag_ in ("NNP", "NNPS") or head.ent_type_ in ("PERSON", "ORG")):
            return
        if (
            head.ent_type_ in ("GPE", "LOC")
            or head.lower_ in lex.channels
            or any(t.tag_.startswith("VB") for t in doc[: colon.i])
        ):
            return  # "Paris: Jewels stolen", "Ruiz posted on Facebook: ...": no source label
        lead = doc[0]
        if lead.is_punct and lead.text in _MARKS and colon.i > 1 and doc[1].is_upper:
            # '"PENCE: Well, ...': a transcript turn, the wire's quote mark opening it.
            lead = doc[1]
        elif ctx.in_quote(offset + colon.idx):
            return
        if lead.is_punct:
            return
        end_tok = doc[colon.i + 1 :]
        line_end = doc.text.find("\n", colon.idx)
        end = offset + (line_end if line_end >= 0 else len(doc.text))
        start, end = trim(ctx.text, offset + end_tok[0].idx, end)
        if end - start < 8:
            return
        speaker = make_speaker(head, offset, ctx.names, ctx.memory, lex)
        s_range = ctx.sentence_of(start)
        cue_start = offset + colon.idx
        raw = Raw(start, end, "indirect", speaker, ":", cue_start, cue_start + 1, s_range)
        raw.paragraph = para
        self._snap(raw)
        self.raws.append(raw)

    def _according(
        self,
        para: int,
        offset: int,
        sent: Any,
        acc: Token,
        pobj: Token,
        s_range: tuple[int, int],
        found: list[Raw],
    ) -> None:
        ctx, lex = self.ctx, self.ctx.lex
        phrase = list(acc.subtree)
        lo, hi = phrase[0].i, phrase[-1].i + 1
        name = via_name(pobj, lex)
        inside = [r for r in found if r.cue_start is not None]
        phrase_start = offset + phrase[0].idx
        author = author_of(pobj, lex)
        if inside:
            for raw in inside:
                if raw.start < phrase_start < raw.end:
                    raw.end = trim(ctx.text, raw.start, phrase_start)[1]
                if author is not None:
                    raw.speaker = make_speaker(author, offset, ctx.names, ctx.memory, lex)
                elif name and (raw.speaker is None or raw.speaker.name != name):
                    raw.via.insert(0, name)
            if name and pobj.ent_type_ != "PERSON":
                return  # a named outlet passes the quote on: it stays a channel
        speaker = make_speaker(author or pobj, offset, ctx.names, ctx.memory, lex)
        doc = acc.doc
        left = (sent.start, lo)
        right = (hi, sent.end)
        a, b = right if right[1] - right[0] >= left[1] - left[0] else left
        if b - a < 3:
            return
        start = offset + doc[a].idx
        end = offset + doc[b - 1].idx + len(doc[b - 1].text)
        start, end = trim(ctx.text, start, end)
        cue_start = offset + acc.idx
        cue_end = offset + doc[acc.i + 1].idx + len(doc[acc.i + 1].text)
        raw = Raw(start, end, "indirect", speaker, "according to", cue_start, cue_end, s_range)
        raw.paragraph = para
        self._snap(raw)
        found.append(raw)

    def _claim_direct(self) -> None:
        """Rule 4: give every direct quote not yet taken a cue, or drop it."""
        ctx = self.ctx
        para_of = paragraph_lookup(self.parsed)
        last: Raw | None = None
        taken = sorted(self.raws, key=lambda r: r.start)
        t_index = 0
        for k, mark in enumerate(ctx.marked):
            while t_index < len(taken) and taken[t_index].start <= mark.start:
                if taken[t_index].kind != "indirect" and taken[t_index].speaker is not None:
                    last = taken[t_index]
                t_index += 1
            if k in ctx.used:
                continue
            if _WORK_BEFORE.search(ctx.text[max(0, mark.open_mark - 30) : mark.open_mark]):
                ctx.used.add(k)
                continue  # a work's title
            para = para_of(mark.open_mark)
            guessed = False
            words = len(ctx.text[mark.start : mark.end].split())
            bare = self._bare_for(mark, para)
            sentence = ctx.sentence_of(mark.start)
            # A signature names the speaker of a quote long enough to stand alone; it makes
            # no quote of a fragment ('the root of all evil’.” ― A reader').
            signed = dash_quote(ctx, self.parsed, mark, para) if words >= _MIN_WORDS_ALONE else None
            if signed is not None:
                raw = signed
            elif bare is not None:
                if bare.claimed is not None and bare.claimed.paragraph == para:
                    bare.claimed.join(mark.start, mark.end)
                    ctx.used.add(k)
                    continue
                raw = Raw(
                    mark.start,
                    mark.end,
                    "direct",
                    bare.speaker,
                    bare.cue,
                    bare.cue_start,
                    bare.cue_end,
                    (min(sentence[0], bare.sentence[0]), max(bare.sentence[1], mark.end)),
                    list(bare.via),
                )
                bare.claimed = raw
            elif (adjacent := adjacent_quote(self.ctx, self.parsed, mark, para)) is not None:
                raw = adjacent
            elif (
                last is not None
                and last.paragraph == para
                and last.kind == "direct"
                and self._follows(last, mark, para, para_of)
            ):
                # "“A,” he said. “B.”": one quote in two fragments.
                last.join(mark.start, mark.end)
                ctx.used.add(k)
                continue
            elif (
                last is not None
                and words >= _MIN_WORDS_CONTINUED
                and para - last.paragraph <= 1
                and last.speaker is not None
                and self._follows(last, mark, para, para_of)
            ):
                # A continuation paragraph: the cue of the quote it continues is its cue.
                raw = self._speaking_on(last, mark, sentence)
            elif (
                words >= _MIN_WORDS_ALONE
                and ctx.text[mark.end - 1 : mark.end] in ".?!,"
                and (told := self._told_before(mark, para, sentence)) is not None
            ):
                # 'Schiff said the plan had failed. "The other factor is ..."': a quote
                # with no cue of its own right after a reported sentence is the
                # reporter's source speaking on.
                raw = self._speaking_on(told, mark, sentence)
            elif words >= _MIN_WORDS_ALONE and ctx.text[mark.end - 1 : mark.end] in ".?!,":
                # A guessed speaker is kept for this quote only: it does not continue.
                guessed = True
                raw = Raw(mark.start, mark.end, "direct", None, None, None, None, sentence)
                raw.speaker = nearest_person(self.ctx, self.parsed, para, mark)
            else:
                continue
            raw.paragraph = para
            ctx.used.add(k)
            twin = self._interrupted(raw)
            if twin is not None:
                # '“A,” he said, “B.”': one quote the cue interrupts, not two.
                twin.join(raw.start, raw.end)
                twin.gaps.extend(raw.gaps)
                continue
            self.raws.append(raw)
            if raw.speaker is not None and not guessed:
                last = raw

    def _interrupted(self, raw: Raw) -> Raw | None:
        """The direct quote of the same paragraph whose cue direct quote ``raw`` shares,
        the attribution standing between the two ('“A,” Acosta said, “and B.”', '“A?”
        Ruiz said. “B.”', the parser taking B for the complement of "said"); None when
        there is none. An attribution that ends in a colon ('said before adding: “B”')
        hands over to a quote of its own.
        """
        cue = raw.cue_start
        if cue is None or raw.kind != "direct":
            return None
        for other in self.raws:
            if (
                other.cue_start != cue
                or other.kind != "direct"
                or other.paragraph != raw.paragraph
                or not min(other.end, raw.end) <= cue < max(other.start, raw.start)
            ):
                continue
            between = self.ctx.text[min(other.end, raw.end) : max(other.start, raw.start)]
            words = between.strip(" \n\t" + "".join(_MARKS))
            if words.endswith((",", ".")) and not any(c in words for c in ":;!?"):
                return other
        return None

    def _speaking_on(self, earlier: Raw, mark: Marked, sentence: tuple[int, int]) -> Raw:
        """A direct quote at ``mark`` said by the speaker of ``earlier``, under its cue."""
        raw = Raw(
            mark.start,
            mark.end,
            "direct",
            earlier.speaker,
            earlier.cue,
            earlier.cue_start,
            earlier.cue_end,
            sentence,
            list(earlier.via),
        )
        raw.mode = quote_mode(
            earlier.cue, earlier.speaker, self.ctx.lex, kept=earlier.mode, direct=True
        )
        return raw

    def _told_before(self, mark: Marked, para: int, sentence: tuple[int, int]) -> Raw | None:
        """The speech quote whose sentence ends right before ``mark`` opens, or holds it.

        Same paragraph, named speaker, a cue of speech, nothing but spaces between that
        sentence's end and the opening mark (or the mark inside that very sentence: "Many
        visitors were older, she said, and “I had to step back”"). None otherwise.
        """
        ctx = self.ctx
        # A cue of the quote's own sentence ('"...," said a statement from COGAT', even
        # when misparsed) attributes it: no speaker is carried over then.
        cues = [r.cue_start for r in self.raws] + [b.cue_start for b in self.bares]
        own = [c for c in cues if c is not None and sentence[0] <= c < sentence[1]]
        best: Raw | None = None
        for raw in self.raws:
            if own and raw.cue_start not in own:
                continue
            if (
                raw.speaker is None
                or raw.paragraph != para
                or raw.cue_start is None
                or raw.start >= mark.open_mark
                or raw.mode in (THOUGHT, DOCUMENT, ACT)
                or quote_mode(raw.cue, raw.speaker, ctx.lex) != SPEECH
            ):
                continue
            end = max(raw.sentence[1], raw.end)
            same = raw.sentence == sentence
            if not same and (end > mark.open_mark or ctx.text[end : mark.open_mark].strip()):
                continue
            if best is None or raw.start > best.start:
                best = raw
        return best

    def _follows(self, last: Raw, mark: Marked, para: int, para_of: Any) -> bool:
        """Whether quote ``mark`` comes right after ``last``: it can continue it.

        Next to it (at most one sentence between: '“A,” he said. “B.”'), or opening the
        paragraph after the one ``last`` ends in. Texts set one sentence to a line, with no
        blank line between paragraphs, are one paragraph to the parser: a quote further on
        is someone else's until a cue says otherwise.
        """
        ctx = self.ctx
        if mark.open_mark < last.end:
            return True
        # Someone else quoted in between ('A Foreign Office spokeswoman said: ...') ends it.
        for other in self.raws:
            if self._in_attribution(other, last):
                continue
            if (
                other is not last
                and last.end <= (other.cue_start or other.start) < mark.open_mark
                and (
                    other.speaker is None
                    or last.speaker is None
                    or other.speaker.name != last.speaker.name
                )
            ):
                return False
        for bare in self.bares:
            if last.end <= bare.pos < mark.open_mark and (
                last.speaker is None or bare.speaker.name != last.speaker.name
            ):
                return False
        between = [s for s in ctx.sentences if last.end <= s[0] < mark.open_mark]
        if len(between) <= 1:
            return True
        line_start = ctx.text.rfind("\n", 0, mark.open_mark) + 1
        opens = not ctx.text[line_start : mark.open_mark].strip()
        blank = "\n\n" in ctx.text[last.end : mark.open_mark]
        return opens and blank and para_of(last.end) + 1 == para

    def _in_attribution(self, other: Raw, last: Raw) -> bool:
        """Whether indirect quote ``other`` hangs in the attribution clause of ``last``.

        '“A,” said Grijalva, who sent a letter criticizing the sales. “B.”': the cue of
        "criticizing" follows the cue of ``last`` in its own sentence and takes a short
        object; it describes the speaker and does not hand the floor to anyone else. A
        reported clause there ("who also said that the two men must do more") does: the
        quote after it may be that clause's.
        """
        words = self.ctx.text[other.start : other.end].split()
        return (
            other is not last
            and 0 < len(words) <= _MAX_WORDS_ASIDE
            and words[0].lower() != "that"
            and other.kind == "indirect"
            and last.cue_start is not None
            and other.cue_start is not None
            and last.cue_start < other.cue_start < last.sentence[1]
            and other.start >= last.cue_start
        )

    def _bare_for(self, mark: Marked, para: int) -> Bare | None:
        """Return the waiting cue for a direct quote: same sentence, else a colon before."""
        ctx = self.ctx
        best: Bare | None = None
        best_gap = 10**9
        end_sentence = ctx.sentence_of(mark.close_mark + 1)
        start_sentence = ctx.sentence_of(mark.open_mark)
        for bare in self.bares:
            if bare.sentence in (end_sentence, start_sentence) and not ctx.in_quote(bare.pos):
                # A sentence ending at a line end between cue and quote parts them, even
                # when the parser ran the lines into one sentence.
                # ('..."\nUnder the coach, Iverson responded': the quote's own full stop,
                # inside its closing mark, ends the sentence before the next line's cue.)
                closed = ctx.text[mark.close_mark - 1 : mark.close_mark] in (".", "!", "?")
                lo, hi = (
                    (bare.cue_end, mark.open_mark)
                    if bare.pos < mark.open_mark
                    else (mark.close_mark if closed else mark.close_mark + 1, bare.pos)
                )
                if _LINE_END.search(ctx.text, lo, hi):
                    continue
                gap = min(abs(bare.pos - mark.open_mark), abs(bare.pos - mark.close_mark))
                if gap < best_gap:
                    best, best_gap = bare, gap
        if best is not None:
            return best
        for bare in self.bares:
            if (
                bare.colon
                and 0 <= mark.open_mark - bare.sentence[1] <= 3
                and para - bare.paragraph <= 1
            ):
                return bare
        return None


def extract_quotes(
    parsed: Parsed, entities: tuple[Entity, ...], settings: Settings
) -> tuple[Quote, ...]:
    """Return the direct, indirect and mixed quotes of one parsed article.

    Args:
        parsed: the article and its paragraph ``Doc``s (``extract.nlp.parse``).
        entities: the article's entities; when given, speakers take their canonical name
            and id from the entity whose mention overlaps the speaker span.
        settings: ``fuzzy_quote`` sets when two quotes of the article are one.

    Returns:
        Quotes in document order, ids ``"{article.id}:q{n}"``; offsets index the
        article's original text.

    Example:
        >>> quotes = extract_quotes(parse([article])[0], (), Settings())  # doctest: +SKIP
        >>> quotes[0].speaker.name, quotes[0].cue, quotes[0].kind  # doctest: +SKIP
        ('Maria Okafor', 'said', 'direct')
    """
    article = parsed.article
    extractor = _Extractor(parsed, entities, settings)
    raws = extractor.run()
    raws.sort(key=lambda r: (r.start, r.end))
    lex = extractor.ctx.lex
    inherit_channels(raws, lex)
    text = article.text
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for raw in raws:
        if (raw.start, raw.end) in seen or raw.end <= raw.start:
            continue
        seen.add((raw.start, raw.end))
        via: list[str] = []
        for name in [*raw.via[:1], *raw.outer_via, *raw.via[1:]]:
            if name not in via and (raw.speaker is None or name != raw.speaker.name):
                via.append(name)
        speaker = raw.speaker
        if speaker is not None and speaker.end > speaker.start:
            # The evidence text is the article's own (the parse saw normalised quote marks).
            speaker = replace(speaker, text=text[speaker.start : speaker.end])
        cue = raw.cue
        if cue is not None and raw.cue_start is not None and raw.cue_end is not None:
            cue = text[raw.cue_start : raw.cue_end]
        mode = (
            quote_mode(
                raw.cue,
                raw.speaker,
                lex,
                kept=raw.mode,
                direct=raw.kind == "direct",
                quoted=raw.kind == "mixed",
            )
            or SPEECH
        )
        quotes.append(
            Quote(
                id="",
                article=article.id,
                start=raw.start,
                end=raw.end,
                text=text[raw.start : raw.end],
                kind=raw.kind,
                speaker=speaker,
                cue=cue,
                cue_start=raw.cue_start,
                cue_end=raw.cue_end,
                via=tuple(via),
                sentence_start=min(raw.sentence[0], raw.start),
                sentence_end=max(raw.sentence[1], raw.end),
                mode=mode,
                gaps=tuple(
                    Span(article.id, s, e, text[s:e])
                    for s, e in sorted(set(raw.gaps))
                    if raw.start <= s < e <= raw.end and text[s:e].strip()
                ),
            )
        )
    quotes = dedupe(quotes, article.id, settings.fuzzy_quote)
    return tuple(replace_quote(q, id=f"{article.id}:q{n}") for n, q in enumerate(quotes, 1))
