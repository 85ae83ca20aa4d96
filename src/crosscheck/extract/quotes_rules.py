"""Parse-tree rules of quote extraction: subjects, contents, channels, repeats.

Helpers of ``extract.quotes`` (see its docstring for the method). Not handled: cues
whose subject lies more than five heads above them.
"""

from __future__ import annotations

import bisect
import itertools
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rapidfuzz import fuzz

from crosscheck.extract.lexicon import Lexicon, verb_forms
from crosscheck.model import Quote, Span

LOGGER = logging.getLogger(__name__)

Token = Any

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset(
    {"conj", "advcl", "xcomp", "pcomp", "prep", "acl", "dobj", "pobj", "relcl", "acomp"}
)
_CLIMB_PREPS = frozenset({"as", "in", "on", "via", "through", "after", "while", "by", "during"})
_OBJ_DEPS = frozenset({"dobj", "xcomp", "prep", "oprd", "attr", "acomp", "dative", "ccomp"})
_TRIM = " \t\n,;:—–-"
_SELF_REFS = frozenset({"he", "she", "they", "it", "i", "we", "who"})


def subject_of(tok: Token, lex: Lexicon) -> tuple[Token | None, list[Token]]:
    """Return the subject of cue ``tok`` (climbing to governing verbs) and the path.

    Climbs through conjunctions and participles ("..., adding that"), "as saying" and
    media nouns ("a statement saying"); a noun modified by the cue ("polls showing")
    is itself the source.
    """
    path = [tok]
    cur = tok
    for _ in range(5):
        if cur.i != tok.i and cur.lower_.startswith("quot") and any(t.lower_ == "as" for t in path):
            quoted = [c for c in cur.children if c.dep_ == "dobj"]
            if quoted:
                # "IRNA quoted Ali Rezapour as saying ...": the words are Rezapour's
                return quoted[0], path
        agent = _agent(cur, lex)
        if agent is not None:
            return agent, path
        for child in cur.children:
            if child.dep_ in _SUBJ and not _dateline(child):
                return complement_named(child), path
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return None, path
        head = cur.head
        if cur.dep_ == "acl" and head.lower_ not in lex.channel_nouns:
            return head, path
        if cur.dep_ == "prep" and cur.lower_ not in _CLIMB_PREPS:
            return None, path
        cur = head
        path.append(cur)
    return None, path


def complement_named(subj: Token) -> Token:
    """The speaker when the parser took the name the quote ends on for it: in "the man was
    not Tomas Brell, the singer's manager said" the name completes "was not" and the role
    in apposition to it is who speaks."""
    appos = [c for c in subj.children if c.dep_ == "appos"]
    left = subj.left_edge
    if not appos or subj.pos_ != "PROPN" or left.i == 0:
        return subj
    before = subj.doc[left.i - 1]
    if before.lemma_ == "be" or (before.dep_ == "neg" and before.head.lemma_ == "be"):
        return appos[0]
    return subj


# Dependencies a subjectless cue climbs to the clause it hangs in ("stopping short of
# calling": pcomp, prep, advmod, advcl).
_GOVERNED = (_CLIMB - {"relcl"}) | {"advmod", "npadvmod"}


def governing_subject(tok: Token) -> Token | None:
    """The subject of the clause a subjectless cue hangs in, through any preposition.

    "Sanders said, going on to say that ...", "she said at a news conference announcing
    that ...", "Trump stopped short of calling ...": a participle or gerund with no subject
    of its own reports for the subject of the verb it depends on. Climbs at most six
    steps, never out of a clausal complement or a relative clause (another speaker's
    content or another noun's clause), and takes no passive subject.
    """
    cur = tok
    for _ in range(6):
        if cur.dep_ not in _GOVERNED or cur.head.i == cur.i:
            return None
        cur = cur.head
        if not cur.tag_.startswith("VB"):
            continue
        for child in cur.children:
            if child.dep_ == "nsubj" and child.tag_ not in ("WDT", "EX") and not _dateline(child):
                return child
    return None


def fronted_subject(tok: Token) -> tuple[Token, Token] | None:
    """``(clause subject, speaker)`` when a cue was parsed with both as its subjects.

    "The council, Mayor Ana Ruiz said on Tuesday, will vote next week": the small model
    often makes "said" the root with "council" and "Ruiz" both its subjects, split by a
    comma. The nearer one speaks; the farther one opens the reported clause.
    """
    subjects = [c for c in tok.lefts if c.dep_ == "nsubj"]
    if len(subjects) < 2:
        return None
    far, near = subjects[0], subjects[-1]
    between = tok.doc[far.right_edge.i + 1 : near.left_edge.i]
    if not any(t.text == "," for t in between):
        return None
    return far, near


_DASHES = frozenset({"\u2014", "\u2013", "--", "-"})


def _dateline(tok: Token) -> bool:
    """A wire dateline the parser took for a subject ("MARROWFIELD, March 4 (Wire) — ...").

    An upper-case word opening its sentence with a dash inside or just after its phrase.
    """
    if tok.i != tok.sent.start or len(tok.text) < 2 or not tok.text.isupper():
        return False
    after = tok.doc[tok.right_edge.i + 1 : tok.right_edge.i + 2]
    return any(c.text in _DASHES for c in tok.children) or any(t.text in _DASHES for t in after)


def _agent(verb: Token, lex: Lexicon) -> Token | None:
    """The agent of a passive cue ("was first reported by X", "backed by X"), if any.

    "quoted by X as saying" keeps X as a channel (its subject speaks), so quoting verbs
    have no agent here.
    """
    if not verb.tag_.startswith("VB") or verb.lower_ in lex.quoting:
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim separators at both ends and a final full stop outside quote marks."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1] == "."):
        end -= 1
    return start, end


def channel_phrase(prep: Token, lex: Lexicon) -> bool:
    """Whether a prepositional phrase names a medium or a time ("in a statement")."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        if pobj.ent_type_ in ("DATE", "TIME") or pobj.lower_ in lex.channel_nouns:
            return True
        if pobj.lower_ in lex.channels or pobj.lower_ in lex.account_nouns:
            return True
        for sub in pobj.subtree:
            if sub.lower_ in lex.channels:
                return True
    return False


def content_tokens(tok: Token, lex: Lexicon) -> tuple[int, int] | None:
    """Return the token range ``[i, j)`` of the content governed by cue ``tok``."""
    lower = tok.lower_
    rights = [c for c in tok.rights if not c.is_punct]
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if comps:
        comp = comps[-1] if comps[-1].i > tok.i else comps[0]
        return comp.left_edge.i, comp.right_edge.i + 1
    chosen: list[Token] = []
    for child in rights:
        if child.dep_ not in _OBJ_DEPS:
            continue
        if child.dep_ in ("dobj", "dative") and lower in lex.listener:
            continue
        if child.dep_ == "prep" and channel_phrase(child, lex):
            continue
        if child.dep_ == "prep" and lower not in lex.evaluative and not chosen:
            continue
        chosen.append(child)
    if chosen:
        return chosen[0].left_edge.i, max(c.right_edge.i for c in chosen) + 1
    head = tok.head
    if tok.dep_ in ("parataxis", "advcl") and head.i < tok.i:
        # "The plan failed, she said": the reported clause is the head's, before the cue.
        left = head.left_edge.i
        right = tok.left_edge.i
        if right - left >= 2:
            return left, right
    return None


def author_of(pobj: Token, lex: Lexicon) -> Token | None:
    """In "according to a statement from X", return X (the author of the medium)."""
    if pobj.lower_ not in lex.channel_nouns:
        return None
    for prep in pobj.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def inherit_channels(raws: list[Any], lex: Lexicon) -> None:
    """A pronoun-led quote right after one of the same speaker keeps its channel."""
    channels = set(lex.channels.values())
    for prev, cur in itertools.pairwise(raws):
        if (
            cur.speaker is not None
            and prev.speaker is not None
            and cur.speaker.name == prev.speaker.name
            and cur.speaker.text.lower() in lex.pronouns
            and cur.paragraph - prev.paragraph <= 2
            and not any(v in channels for v in cur.via)
        ):
            cur.via.extend(v for v in prev.via if v in channels and v not in cur.via)


def dedupe(quotes: list[Quote], article: str, threshold: float) -> list[Quote]:
    """Rule 7: fold a repeated quote into its first occurrence's ``mentions``.

    A look-alike that overlaps the first occurrence (the same words read twice, say as
    an outer and a nested quote) is folded in without a mention: it is not a repetition.
    """
    kept: list[Quote] = []
    for quote in quotes:
        merged = False
        if len(quote.text) >= 20:
            for index, first in enumerate(kept):
                if len(first.text) < 20:
                    continue
                short, long_ = sorted((len(first.text), len(quote.text)))
                if 200 * short < threshold * (short + long_) and short < 0.6 * long_:
                    continue  # neither score can reach the threshold (cheap length bound)
                score = fuzz.ratio(first.text, quote.text, score_cutoff=threshold)
                if score < threshold and short >= 0.6 * long_:
                    score = fuzz.partial_ratio(first.text, quote.text, score_cutoff=threshold)
                if score >= threshold:
                    speaker = first.speaker or quote.speaker
                    mentions = first.mentions
                    if quote.start >= first.end or first.start >= quote.end:
                        # Words written again elsewhere; a span overlapping the first
                        # (a nested reading of the same words) is no repetition.
                        mentions = (*mentions, Span(article, quote.start, quote.end, quote.text))
                    kept[index] = replace_quote(first, mentions=mentions, speaker=speaker)
                    merged = True
                    break
        if not merged:
            kept.append(quote)
    return kept


def replace_quote(quote: Quote, **changes: Any) -> Quote:
    """Return a copy of ``quote`` with ``changes``."""
    return replace(quote, **changes)


def nested_noise(raw: Any, found: list[Any]) -> bool:
    """Whether quote ``raw`` sits inside another quote's content and adds nothing."""
    if raw.cue_start is None:
        return False
    for outer in found:
        if outer is raw or not (outer.start <= raw.cue_start < outer.end):
            continue
        if raw.kind == "indirect" or raw.speaker is None or outer.speaker is None:
            return True
        if raw.speaker.name == outer.speaker.name or raw.speaker.text.lower() in _SELF_REFS:
            return True
    return False


def paragraph_lookup(parsed: Any) -> Callable[[int], int]:
    """Return a function mapping an article offset to its paragraph index."""
    starts = [off for off, _ in parsed.docs]

    def lookup(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    return lookup


_NOMINAL = ("NN", "PR", "WP", "DT", "CD")


# Verbs whose object is always the one spoken to, never a speaker named after the verb
# ('“...,” she told Reuters'; but '“...,” warned Okafor', '“...?” asked Okafor').
TELLING = verb_forms(["tell", "inform", "notify", "assure", "remind"])


def adjacent_cue(
    doc: Any, offset: int, close_mark: int, in_quote: Callable[[int], bool]
) -> tuple[Token, Token] | None:
    """``(subject, verb)`` of an inverted attribution right after a closing quote mark.

    '“...,” Okafor fumed' and '“...,” fumed Okafor': the first word after the mark is the
    subject of a verb that follows it (or a verb whose subject follows it), outside quote
    marks. Any verb counts, as an attribution that close to a quote is nearly always one.
    Not handled: a subject more than six tokens long, or a verb more than two words on.
    """
    pos = close_mark + 1 - offset
    first = None
    for tok in doc:
        if tok.idx >= pos and not tok.is_punct and not tok.is_space:
            first = tok
            break
        if tok.idx >= pos and tok.text not in (",", "”", '"', "''"):
            return None
    if first is None or first.idx - pos > 3 or in_quote(offset + first.idx):
        return None
    if first.tag_.startswith("VB"):
        # '“...,” said Okafor'; the parser often takes a name after the verb for its object
        # ('“...,” recalled Ana Ruiz'), never so after a verb whose object listens ("told")
        subj = [
            c
            for c in first.rights
            if c.i - first.i <= 3
            and (
                c.dep_ == "nsubj"
                or (
                    c.dep_ in ("dobj", "npadvmod")
                    and c.pos_ == "PROPN"
                    and first.lower_ not in TELLING
                )
            )
        ]
        return (subj[0], first) if subj else None
    if not first.tag_.startswith(_NOMINAL):
        return None
    subj = first
    while subj.dep_ == "compound" or (subj.dep_ in ("det", "amod", "nummod", "poss")):
        subj = subj.head
    verb = subj.head
    if (
        subj.dep_ != "nsubj"
        or not verb.tag_.startswith("VB")
        or verb.i <= subj.i
        or subj.i - first.i > 6
        or verb.i - subj.i > 3
        or in_quote(offset + verb.idx)
    ):
        return None
    return subj, verb


def colon_cue(
    doc: Any,
    offset: int,
    open_mark: int,
    text: str,
    lex: Lexicon,
    in_quote: Callable[[int], bool],
) -> tuple[Token, Token] | None:
    """``(subject, verb)`` of 'Okafor shot back: “...”', the colon right before the mark.

    ``doc`` is the quote's paragraph or the one before it (the colon may end a paragraph).

    The verb is the last verb before the colon under the colon's head; its subject comes
    from ``subject_of``. Not handled: a colon attached to a noun ("her reply: “...”").
    """
    pos = open_mark - offset
    colon = None
    for tok in doc:
        if tok.idx >= pos:
            break
        if not tok.is_space:
            colon = tok
    if colon is None or colon.text != ":" or text[offset + colon.idx + 1 : open_mark].strip():
        return None
    verb = colon.head
    # The verb nearest before the colon, under its head ("waved ... and then shot back:").
    for tok in reversed(doc[colon.sent.start : colon.i]):
        # a participle that describes a noun ("the following statement") is no verb here
        if tok.tag_.startswith("VB") and tok.dep_ not in ("aux", "auxpass", "amod"):
            if tok.i == verb.i or verb in tok.ancestors:
                verb = tok
            break
    if not verb.tag_.startswith("VB") or in_quote(offset + verb.idx):
        return None
    subject, _path = subject_of(verb, lex)
    if subject is None or in_quote(offset + subject.idx):
        return None
    return subject, verb


def fallback_subject(
    tok: Token, offset: int, in_quote: Callable[[int], bool], lex: Lexicon
) -> Token | None:
    """A speaker for a cue the parse left without subject ("Jolly said" with "Jolly" an adverb).

    The first proper noun, capitalised noun or adverb, or pronoun of the cue's sentence
    after the last quote mark, with no finite verb between it and the cue. Not handled:
    common-noun sources ("the group").
    """
    sent = tok.sent
    first = sent.start
    for cand in sent:
        if cand.i >= tok.i:
            break
        if in_quote(offset + cand.idx) or cand.text in ('"', "“", "”", "''", "``"):
            first = cand.i + 1
    for cand in tok.doc[first : tok.i]:
        if cand.is_punct or cand.is_space:
            continue
        named = cand.tag_ in ("NNP", "NNPS") or (
            cand.is_title and cand.tag_.startswith(("NN", "RB", "JJ"))
        )
        if named or (cand.tag_ == "PRP" and cand.lower_ in lex.pronouns):
            between = tok.doc[cand.i + 1 : tok.i]
            if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.dep_ != "aux" for t in between):
                return None
            while cand.dep_ == "compound" and cand.head.i < tok.i:
                cand = cand.head
            return cand
        return None
    return None
