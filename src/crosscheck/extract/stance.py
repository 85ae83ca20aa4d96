"""The structure of a statement and how its article holds it, read from the dependency parse.

For one sentence: who (the subject phrase of the main predicate, or of the clause a speech
verb reports), the predicate (its stem, with a particle: "shot down"), its negation and
modality ("may", "could", "likely"), its arguments (the heads of objects and prepositional
objects), and the stance of the article towards it:

* ``denies``: the sentence refutes something ("the claim is false", "a hoax", "there is no
  evidence", "denied", "nothing to do with", "highly unlikely"), calls the story a prank, a
  stunt or a parody, says the words were never said, misreported or taken out of context,
  that the record shows nothing or the picture was altered, or answers "it isn't him"; a
  refutation put in a quoted source's mouth is a denial too ("'It is rubbish,' his publicist
  said");
* ``reports``: mentioned as a claim without endorsement ("reportedly", "allegedly", "reports
  said", "a rumour that", "is said to", "claims that");
* ``attributed``: stated by a named or described source ("X said", "according to X");
* ``asserts``: stated in the article's own voice.

Method: word lists and the parse's dependency labels (``neg``, ``aux`` with tag ``MD``,
``nsubj``, ``ccomp``); the lemmatizer is off, so verbs are compared by surface stems. What it
does not handle: irony, rhetorical questions, a denial spread over two sentences ("Not so.")
and double negation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from crosscheck.extract.quotes_rules import complement_named
from crosscheck.extract.words import stem

# "the video was staged", not "the strike was staged as a protest" (held): also a plain
# refutation for ``compare.claims``.
STAGED = (
    r"(?:is|was|are|were|been) staged(?! (?:as|by|in|on|at|outside|across|against|near|"
    r"throughout|over|to|for|a|an|the)\b)"
)
# Refutation: the sentence says something is untrue. Checked on the crossnews tune half
# (FNC-1 debunking bodies); "unlikely" alone is a hedge, so only "highly unlikely" counts.
DENIAL = re.compile(
    r"\b(?:hoax(?:es)?|(?:is|was|are|were|be|been|as|entirely|completely|totally) fake|"
    r"fake news|(?:is|was|are|were|be|been|as|entirely|completely|totally) false|"
    r"false (?:claims?|reports?|stor(?:y|ies)|rumou?rs?)|untrue|not true|isn'?t true|"
    r"wasn'?t true|no (?:evidence|proof|truth|basis|indication)|debunk\w*|"
    r"den(?:y|ies|ied|ying) (?:that|any|all|being|having|ever|"
    r"(?:the |these |those |such )?(?:reports?|claims?|rumou?rs?|allegations?|suggestions?|"
    r"stor(?:y|ies)))|(?:discount|dismiss|reject)(?:s|ed|ing)? (?:the |these |those |such )?"
    r"(?:reports?|claims?|rumou?rs?|allegations?|suggestions?|stor(?:y|ies))|"
    r"(?:denial|denied|denies)[.,;”\"]|rubbish|nonsense|bogus|fabricat\w+|made-up|"
    r"(?:completely|entirely|totally) made up|no such|"
    r"nothing to do with|highly unlikely|almost impossible|impossible that|never happened|"
    r"(?:is|was|are|were|be|likely|simply|just) not possible|"
    # a rumour put to rest, shot down, dismissed as gossip; words made up
    r"shot down (?:the |those |these )?(?:rumou?rs?|reports?|claims?|speculation|stor(?:y|ies))|"
    r"(?:put|puts|laid|lays|lay) (?:the |those |these )?(?:rumou?rs?|reports?|speculation) "
    r"to rest|set(?:ting)? the record straight|"
    r"(?:pure|mere|just|idle|only|nothing but|nothing more than) (?:an? )?"
    r"(?:rumou?rs?|speculation|gossip)|"
    r"(?:made|making|make) (?:it|that|this|the whole thing|things|stuff) up|"
    r"no (?:plans?|intention) (?:to|of)|"
    r"(?:highly|extremely|very|deeply) suspect\b|"
    r"(?:certainly|definitely|clearly|absolutely|surely) not(?= (?:an?|the)\b)|"
    r"did not happen|didn'?t happen|satire|satirical|"
    r"not (?:real|genuine|authentic|accurate|correct|the case)|"
    r"refut\w+|dismiss(?:ed|es)? (?:the|as|reports?|claims?)|doctored|photoshopped|"
    r"misleading|urban legend|bullshit|(?:the|a|big|outright) lie|(?:is|was) a lie|"
    r"(?:raised|raises|cast|casts|casting) doubts?|skeptical (?:of|about)|"
    r"baseless|unfounded|inaccurate|erroneous(?:ly)?|misidentif\w+|mistaken identity|"
    rf"{STAGED}|"
    r"(?:something|someone) else (?:was|is|may have been|might have been) (?:behind|responsible)|"
    r"some other (?:cause|explanation|reason)|"
    # the story is a joke, a stunt or a parody, or was altered, misreported or withdrawn
    r"(?:(?:is|was|are|were|be|been|as|turned out to be) "
    r"(?:(?:just |merely |only )?(?:an? |the ))?|"
    r"(?:an?|the) (?=(?:elaborate|clever|marketing|publicity|viral) ))(?:(?:elaborate|clever|"
    r"marketing|publicity|viral|april fools'?) ){0,2}(?:prank|stunt|joke|spoof|parody|gag)s?|"
    r"(?:is|was|were|been) (?:just |only )?joking|fake (?:account|profile|website|site|page)|"
    r"(?:is|was)(?:n[’']t| not) (?:him|her)\b|"
    # "the man in the photo is not Paul Reddy": a named person denied
    r"(?:is|was)(?:n[’']t| not)(?: (?:actually|really|in fact))? (?-i:[A-Z][a-z]+ [A-Z][a-z]+)|"
    r"(?:parody|spoof|satire|humou?r|joke) (?:site|website|article|news|outlet|publication)|"
    r"without (?:any )?(?:foundation|basis|merit)|no (?:record|sign|trace) of|"
    r"nothing to (?:suggest|support|indicate|back)|"
    r"(?:never|did not|didn'?t) (?:say|said|utter|write|made?) (?:th(?:at|ose|is|ese)|any)\b|"
    r"(?:out|taken) of context|mis(?:quot|report|translat|interpret|represent)\w*|"
    r"retract(?:s|ed|ing)|(?:digitally |heavily )?(?:altered|manipulated|edited) "
    r"(?:photo|image|picture|video)|(?:digitally|heavily) (?:altered|manipulated|edited)|"
    r"(?:reports?|claims?|stor(?:y|ies)|rumou?rs?|allegations?|articles?)\b[^.;]{0,40}"
    r"\b(?:is|was|are|were|as|called it|\W) ?(?:(?:completely|simply|entirely|totally|just|"
    r"flat) )?wrong|not what happened|"
    r"rated (?:the |this |that )?(?:claim|story|report|rumou?r)s?\b[^.;]{0,40}? "
    r"(?:as )?(?:false|untrue)|"
    r"there (?:is|are) no "
    r"(?!chance|way|doubt|need|reason|question|time|word|end|escaping|denying|telling|"
    r"getting away|shortage|substitute))\b",
    re.IGNORECASE,
)
# An open question: "the Pentagon is assessing whether an airstrike killed him".
_OPEN = (
    r"(?:assess|investigat|check|examin|verif|determin|establish|confirm)\w* (?:whether|if)|"
    r"(?:unclear|not (?:yet )?(?:clear|known|confirmed)) (?:whether|if)|if confirmed"
)
OPEN_QUESTION = re.compile(rf"\b(?:{_OPEN})\b", re.IGNORECASE)
# Mentioned without endorsement.
REPORTED = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|rumou?r(?:s|ed)?|unconfirmed|"
    r"(?:reports?|media|tabloids?|websites?|posts?) "
    r"(?:said|say|says|claim(?:s|ed)?|suggest(?:s|ed)?)|"
    r"according to (?:reports?|rumou?rs?|social media|unconfirmed|a report|media)|"
    rf"(?:is|are|was|were) said to|it is claimed|claim(?:s|ed)? that|went viral|viral|{_OPEN})\b",
    re.IGNORECASE,
)
# Case-sensitive: "May" is a month.
HEDGES = re.compile(
    r"\b(?:may|might|could|would|[Ll]ikely|[Pp]ossibly|[Pp]robably|[Pp]erhaps|appear(?:s|ed)? to|"
    r"seem(?:s|ed)? to|[Aa]pparently|suspected|believed to)\b"
)
SPEECH_VERBS = frozenset(
    stem(w)
    for w in [
        "said",
        "say",
        "says",
        "told",
        "tell",
        "tells",
        "stated",
        "state",
        "states",
        "announced",
        "announce",
        "confirmed",
        "confirm",
        "confirms",
        "added",
        "add",
        "explained",
        "claimed",
        "claims",
        "insisted",
        "insists",
        "reported",
        "reports",
        "noted",
        "note",
        "declared",
        "declares",
        "revealed",
        "reveals",
        "tweeted",
        "posted",
    ]
)
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_ARGS = {"dobj", "attr", "pobj", "oprd", "acomp", "dative", "npadvmod", "appos", "agent"}
MAX_SUBJECT_TOKENS = 8


@dataclass(frozen=True, slots=True)
class Structure:
    """The parts of one statement (plain values, offsets relative to the sentence)."""

    subject: str | None
    predicate: str | None
    negated: bool
    modality: str | None
    arguments: tuple[str, ...]
    stance: str
    source: str | None
    cue: str | None


def _phrase(token: Any) -> str:
    words = [t for t in token.subtree if not t.is_punct][:MAX_SUBJECT_TOKENS]
    return " ".join(t.text for t in words)


def _as_written(token: Any) -> str:
    """A phrase as the text writes it ("the singer's manager"), its first
    ``MAX_SUBJECT_TOKENS`` tokens, without punctuation at either end."""
    doc = token.doc
    end = min(token.right_edge.i + 1, token.left_edge.i + MAX_SUBJECT_TOKENS)
    words = list(doc[token.left_edge.i : end])
    while words and words[-1].is_punct:
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    return doc[words[0].i : words[-1].i + 1].text if words else token.text


_NOBODY = frozenset({"no", "nobody", "nothing", "none", "no-one"})


def _negated_here(verb: Any) -> bool:
    """A negation on the verb or its auxiliary, except "not until", which asserts when:
    "It wasn't until 2005 that his family revealed it" says they revealed it in 2005."""
    return any(c.dep_ == "neg" and not _until(c) for c in verb.children) or any(
        c.dep_ in {"aux", "auxpass"} and any(g.dep_ == "neg" and not _until(g) for g in c.children)
        for c in verb.children
    )


def _until(neg: Any) -> bool:
    return neg.i + 1 < len(neg.doc) and neg.doc[neg.i + 1].lower_ == "until"


def _nobody(verb: Any) -> bool:
    """Whether the predicate's own subject or object is no one and nothing: "No gun has been
    recovered", "nobody was hurt", "police found no weapon", "No-one has been injured"
    (which the parser reads as "No", "-", "one")."""
    return any(
        (
            c.dep_ in {"nsubj", "nsubjpass", "dobj"}
            and c.left_edge.lower_ in _NOBODY
            and not _numero(c.left_edge)
        )
        or (c.lower_ == "no" and c.i + 2 < len(c.doc) and c.doc[c.i + 2].lower_ == "one")
        for c in verb.children
    )


def _numero(token: Any) -> bool:
    """ "No. 5 seed", "No 10 Downing Street": "No" as a number's sign, not as "none"."""
    after = [t for t in token.doc[token.i + 1 : token.i + 3] if t.text != "."]
    return token.text in {"No", "No."} and bool(after) and after[0].text[:1].isdigit()


def _no_longer(verb: Any) -> bool:
    """ "will no longer be playing", "no more"."""
    return any(
        c.lower_ in {"longer", "more"} and any(g.lower_ == "no" for g in c.children)
        for c in verb.children
    )


def _negated(verb: Any) -> bool:
    """A negation on the predicate, or on the clause a raising verb embeds ("It appears that
    the meteor could not have come from the asteroid"): the complement chain, not relative
    clauses or asides."""
    if _nobody(verb):
        return True  # (on the predicate itself: "it was strange that no one saw it" is not)
    seen = 0
    while verb is not None and seen < 4:
        if _negated_here(verb) or _no_longer(verb):
            return True
        verb = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}), None)
        seen += 1
    return False


def predicate_of(verb: Any) -> str:
    """A verb's stem with its particle ("shot down")."""
    particle = next((c.text for c in verb.children if c.dep_ == "prt"), "")
    return stem(verb.text) + (f" {particle.lower()}" if particle else "")


def negated_clause(verb: Any) -> bool:
    """Whether one clause's own verb is negated (its complements are clauses of their own)."""
    return _nobody(verb) or _negated_here(verb) or _no_longer(verb)


def _modality(verb: Any, text: str) -> str | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ not in {"will", "'ll"}:
            return str(child.lower_)
    hedge = HEDGES.search(text)
    return hedge.group(0).lower() if hedge else None


_RAISING = ("look", "seem", "appear", "sound")
# Words that judge a claim when said of it ("the story is nonsense", "dismissed it as
# rubbish") and name conduct when something is done to them ("they would have stopped that
# nonsense in the streets", "cut out the rubbish").
_EPITHETS = frozenset({"nonsense", "rubbish", "bogus", "bullshit"})
_JUDGING = frozenset(
    stem(w) for w in ["call", "dismiss", "describe", "label", "brand", "deride", "term"]
)


def _behaviour(sent: Any, match: re.Match[str]) -> bool:
    """Whether a matched epithet is the object of a deed, not a verdict on a claim."""
    if match.group(0).lower() not in _EPITHETS:
        return False
    start = sent.start_char + match.start()
    token = next((t for t in sent if t.idx == start), None)
    if token is None or token.dep_ not in ("dobj", "pobj"):
        return False
    verb = token.head if token.dep_ == "dobj" else token.head.head
    return verb.pos_ in ("VERB", "AUX") and stem(verb.text) not in _JUDGING


def structure(sent: Any) -> Structure:
    """Subject, predicate, negation, modality, arguments and stance of one parsed sentence."""
    text = sent.text
    root = sent.root
    source: str | None = None
    verb = root
    if stem(root.text) in SPEECH_VERBS:
        speaker = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        content = next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if content is not None:
            verb = content
            if speaker is not None:
                source = _as_written(complement_named(speaker))
    elif root.lower_.startswith(_RAISING) and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in root.children
    ):
        # "It looks like Bale will no longer be playing Jobs": the clause it embeds is
        # the statement.
        embedded = next(
            (
                c
                for c in root.children
                if c.dep_ in {"advcl", "ccomp"} and c.pos_ in {"VERB", "AUX"}
            ),
            None,
        )
        if embedded is not None:
            verb = embedded
    according = re.search(r"\baccording to ([^,.;]{2,60})", text, re.IGNORECASE)
    if according and source is None:
        source = according.group(1).strip()
    subject_tok = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    subject = _phrase(subject_tok) if subject_tok is not None else None
    predicate = predicate_of(verb)
    arguments = tuple(
        dict.fromkeys(
            stem(t.text)
            for t in verb.subtree
            if t.dep_ in _ARGS and not t.is_punct and not t.is_stop and t.i != verb.i
        )
    )
    denial = next((m for m in DENIAL.finditer(text) if not _behaviour(sent, m)), None)
    reported = REPORTED.search(text)
    negated = _negated(verb)
    if denial:
        stance, cue = "denies", denial.group(0).strip()
    elif reported:
        stance, cue = "reports", reported.group(0)
    elif source is not None:
        stance, cue = "attributed", None
    else:
        stance, cue = "asserts", None
    return Structure(
        subject=subject,
        predicate=predicate or None,
        negated=negated,
        modality=_modality(verb, text),
        arguments=arguments,
        stance=stance,
        source=source,
        cue=cue,
    )
