"""The event a date places: the verb the date modifies, who does it and to whom.

"Yesterday, a 36-year-old climber died" places *died* (who: "a 36-year-old climber"); "he
shot and killed his father in 1957" places *shot*/*killed* (who: "he", whom: "his father");
"an asteroid that passed close to Earth on Saturday" places *passed* (who: "an asteroid",
the noun the relative clause describes). Read from the dependency parse: from the date's
head token up through ``prep``/``pobj``/``npadvmod``-style links to the first verb. A date
that modifies a noun ("a 2005 case", "the Friday game") places no event here, nor does a
speech verb ("said on Tuesday": another statement, not the event told).

The comparison stage sets two articles' dates of one event against each other
(``crosscheck.compare.dates.event_dates``).
"""

from __future__ import annotations

from typing import Any

from crosscheck.extract.nlp import Parsed, lemma

# Links a date takes to reach the verb it modifies ("died on Friday": pobj -> prep -> verb;
# "Yesterday, ... died": npadvmod; "Friday morning": compound -> pobj -> prep).
_UP = frozenset({"pobj", "prep", "npadvmod", "tmod", "advmod", "compound", "nummod", "appos"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Prepositions that make a date a bound, not the day of the event.
_BOUNDS = frozenset(["before", "after", "since", "until", "till", "by", "prior", "from", "through"])
_RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
MAX_PHRASE_TOKENS = 12
# Verbs (lemmas) whose date is when something was told, not when the event happened, and
# light verbs that name no event of their own.
_TELLING = frozenset(
    [
        "say",
        "tell",
        "add",
        "announce",
        "report",
        "confirm",
        "state",
        "write",
        "post",
        "tweet",
        "note",
        "explain",
        "declare",
        "reveal",
        "accord",
        "claim",
        "insist",
        "believe",
        "think",
        "estimate",
        "comment",
        "respond",
        "reply",
        "ask",
        "be",
        "have",
        "do",
        "make",
        "take",
        "get",
        "go",
        "come",
        "become",
    ]
)


def _phrase(token: Any, skip: Any = None) -> str:
    """``token``'s noun phrase up to its head, with an apposition after it ("Robert Buckley,
    32"; "a 12-year sentence", not "... for a conspiracy conviction in Brooklyn"): the
    phrase's last word before a comma is its head. At most ``MAX_PHRASE_TOKENS`` words."""
    skipped = {t.i for t in skip.subtree} if skip is not None else set()
    appos = {t.i for c in token.children if c.dep_ == "appos" for t in c.subtree}
    words = [
        t
        for t in token.subtree
        if (t.i <= token.i or t.i in appos or (t.is_punct and t.i + 1 in appos))
        and not any(a.dep_ in {"relcl", "acl"} for a in _ancestors(t, token))
        and t.i not in skipped
    ]
    if len(words) > MAX_PHRASE_TOKENS:
        k = [t.i for t in words].index(token.i)
        words = words[max(0, k - MAX_PHRASE_TOKENS + 2) : k + 2]
    out = ""
    for prev, t in zip([None, *words], words, strict=False):
        gap = prev is not None and (prev.i + 1 != t.i or prev.whitespace_)
        out += (" " if gap and not t.is_punct else "") + t.text
    return out.strip(" ,")


def _ancestors(t: Any, top: Any) -> list[Any]:
    """``t`` and its heads up to (not including) ``top``."""
    out = []
    while t.i != top.i and t.head.i != t.i:
        out.append(t)
        t = t.head
    return out


def _argument(verb: Any, deps: frozenset[str]) -> str | None:
    """The phrase of ``verb``'s argument with one of ``deps`` (a coordinated verb shares its
    first verb's subject; a relative pronoun stands for the noun its clause describes)."""
    inherit = verb.dep_ == "conj" and "dobj" not in deps  # objects are a verb's own
    for v in (verb, verb.head if inherit else None):
        if v is None:
            continue
        for child in v.children:
            if child.dep_ not in deps:
                continue
            rel = v if v.dep_ == "relcl" else v.head if v.dep_ == "conj" else None
            if child.lower_ in _RELATIVE and rel is not None and rel.dep_ == "relcl":
                return _phrase(rel.head, skip=rel)
            return _phrase(child)
    if "dobj" in deps:
        return None
    if verb.dep_ == "relcl":  # "the asteroid that passed": no subject child when parsed so
        return _phrase(verb.head, skip=verb)
    return None


def _lemma(verb: Any) -> str:
    """The verb's lemma with its particle: "check_in" and "check_out" are two events."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return lemma(verb) + (f"_{particle}" if particle else "")


def _undated(verb: Any) -> bool:
    """A verb with no date of its own ("shot and killed his father in 1957": *shot*), which
    the date of a verb coordinated with it places too."""
    return verb.pos_ == "VERB" and not any(
        t.ent_type_ in {"DATE", "TIME"}
        for c in verb.children
        if c.dep_ != "conj"
        for t in c.subtree
    )


def _told_as_done(verb: Any, date: Any) -> bool:
    """Whether the verb tells a thing done: in the past tense or a participle, not negated
    ("were not answered Monday"), not a plan or a possibility ("will face charges Friday",
    "expected to face"), not asked ("whether it killed him"), not inside quotation marks (a
    speaker's "today" is the speaker's day)."""
    if verb.tag_ not in {"VBD", "VBN"}:
        return False  # "Microsoft releases patches on the second Tuesday": a habit
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    if verb.dep_ == "xcomp":
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children):
        return False  # "assessing whether an airstrike killed him Monday": asked, not told
    sent = date.sent
    before = sent.doc.text[sent.start_char : date.start_char]
    return sum(before.count(q) for q in '"“”') % 2 == 0


def event_of(parsed: Parsed, start: int, end: int) -> tuple[str | None, str | None, str | None]:
    """``(event, who, whom)`` for the date at ``start:end`` of the analysis text.

    ``event`` is the lemmas of the verb the date modifies and of the verbs coordinated with
    it, space-separated ("shoot kill"); None when the date modifies no verb, or a verb of
    telling.
    """
    found = parsed.doc_at(start)
    if found is None:
        return None, None, None
    offset, doc = found
    span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None, None
    token = span.root
    steps = 0
    while token.dep_ in _UP and token.head.i != token.i and steps < 4:
        head = token.head
        if head.dep_ == "prep" and head.lower_ in _BOUNDS:
            return None, None, None  # "before 1997": any time before it
        if head.pos_ in {"VERB", "AUX"}:
            token = head
            break
        if head.pos_ not in {"ADP", "PROPN", "NOUN", "NUM"} or (
            head.pos_ in {"NOUN", "PROPN"} and head.ent_type_ not in {"DATE", "TIME"}
        ):
            return None, None, None  # the date modifies a noun: "a 2005 case"
        token = head
        steps += 1
    if token.pos_ != "VERB" or not _told_as_done(token, span):
        return None, None, None
    verbs = [token, *(c for c in token.children if c.dep_ == "conj" and _undated(c))]
    if token.dep_ == "conj" and _undated(token.head):
        verbs.append(token.head)
    stems = [_lemma(v) for v in verbs]
    if stems[0].split("_")[0] in _TELLING:
        return None, None, None
    who = _argument(token, _SUBJECTS)
    whom = None
    for v in verbs:
        whom = _argument(v, frozenset({"dobj"}))
        if whom:
            break
    return " ".join(dict.fromkeys(stems)), who, whom
