"""What a quote reports: words said (``speech``), a state of mind (``thought``), a record
(``document``) or, with no words at all, something done (``act``).

"The mayor said the bridge will reopen" is speech; "the mayor is expected to reopen the
bridge", "she wants a recount" and "he is known to oppose it" report beliefs and intentions
(``thought``) that nobody need have said; "State records show three prior convictions" and
"he wrote in a letter" are ``document``; "the House passed a bill", "was charged with
murder" and "will announce the results" report a deed or an event, no words (``act``).
Only speech and documents are statements whose attribution can conflict across articles.

The mark is read from the cue word, the head of the source phrase and the cue's own
phrases ("said in a statement on its website" is a document):

* ``document``: a cue of writing, showing or reporting ("wrote", "shows", "the paper
  reported"), a source phrase that names a record ("a statement from Waitrose", "court
  records"), or a cue said through a record ("said in a letter", "announced on its
  website");
* ``speech``: a verb or noun of communication (``SPEECH_WORDS``: "said", "told", "slammed",
  "accused", "denied", "comments"), a colon or dash signature, "according to" a person, or
  any verb next to words in quote marks ('“...,” Okafor smiled'); not "charged with",
  "pleaded guilty" or "declined to comment", which say nothing;
* ``thought``: a cue of belief, intention or stance (``Lexicon.thought``,
  ``thought_nouns``, ``stances``: "expects", "wants", "is known", "supports", "opposed"),
  said or not;
* ``act``: everything else - the verbs the learned cue model adds outside any list
  ("committed a series of carjackings", "has focused his attention on", "distributes
  products") and cues that report no words of anyone (``says_nothing``: "was declared
  dead", "call the police on 0845 ...", "will announce the results"). Such a quote may be
  right for PolNeAR, whose attributions include deeds, but it is no statement to compare
  across articles, and a reader is told it is no quote.

A quote with no cue of its own (a continuation paragraph) keeps the mark of the quote it
continues. Not handled: thought verbs used as speech ("I think we will win," he said: the
outer cue decides, so this is speech) and negated or modal speech ("would not say").
"""

from __future__ import annotations

from crosscheck.extract.lexicon import Lexicon, verb_forms
from crosscheck.model import Speaker

SPEECH, THOUGHT, DOCUMENT, ACT = "speech", "thought", "document", "act"
MODES = (SPEECH, THOUGHT, DOCUMENT, ACT)
_EDGE = " ,;:\"'()“”’"


def _split(text: str) -> list[str]:
    return text.split()


# Verbs of communication: saying, asking, answering, and speech acts that are words said
# (accusing, praising, mocking). Written forms ("wrote", "tweeted") are documents.
_SPEECH_VERBS = _split(
    """
    say tell add state claim argue note explain insist warn announce declare suggest
    acknowledge admit deny confirm predict promise pledge vow stress emphasize emphasise
    reply respond answer conclude recall reveal repeat ask complain contend
    maintain assert allege mention observe remark hint concede agree testify joke boast
    quip muse caution urge demand recommend propose speculate guarantee assure reiterate
    affirm proclaim disclose divulge counter retort protest lament order instruct advise
    inform notify theorize theorise comment discuss yell shout scream tout
    accuse condemn criticize criticise blame praise denounce welcome dismiss describe
    slam blast attack defend question cite call label brand decry applaud hail mock
    ridicule deride lambaste rebuke fault credit thank congratulate characterize commend
    laud salute
    characterise dub disavow rail fume scold chide lash snap tease thunder beg express
    implore appeal apologize apologise brag concur rebut speak talk address quote
    whisper exclaim mutter threaten invite greet challenge dispute contradict conjecture
    echo chime
    reject refute request estimate
    """
)
_SPEECH_NOUNS = frozenset(
    _split(
        """
        remarks comments comment call calls criticism accusation accusations claim claims
        warning warnings denial promise pledge appeal demand demands praise
        speech interview testimony answer reply response question questions words
        announcement advice apology apologies condolences explanation assurance
        assurances tribute tributes rumor rumors rumour rumours
        """
    )
)
SPEECH_WORDS = verb_forms(_SPEECH_VERBS) | _SPEECH_NOUNS
# Texts that bind or record, speaking as documents ("a contract that guaranteed him $9m",
# "a federal handbook described").
_RECORD_SOURCES = frozenset(
    _split(
        "contract agreement law regulation rule treaty ruling handbook manual guideline "
        "book article profile caption website page charges"
    )
)
# News outlets: what they say, report or learn is published ("The Daily Telegraph said",
# "Eyewitness News has learned", "The Hollywood Reporter said").
OUTLETS = frozenset(
    _split(
        "times post journal herald tribune telegraph guardian gazette press reporter "
        "television tv radio magazine daily wire newswire chronicle examiner news yorker "
        "reuters afp ap upi xinhua irna isna"
    )
)
# Heads of source phrases that name people reporting what they saw ("eye witnesses
# reported"), so that a reporting verb is their speech, not a record.
_PERSON_HEADS = frozenset(
    _split("witness witnesse resident neighbor neighbour official officer police spokesman")
)
# Verbs of putting words on record: what they report is a document ("the paper reported").
_RECORD_WORDS = verb_forms(["report", "publish", "print"])
# Cues that sign a quote without a verb: a headline or transcript colon, a dash signature.
_SIGNS = frozenset({":", "―", "—", "–", "-", "according to"})
# Nouns of a record that a cue can speak through ("said in a statement on its website").
_THROUGH = frozenset(
    {"statement", "letter", "release", "website", "site", "blog", "memo", "email", "filing",
     "post", "tweet", "report", "op-ed", "column", "note", "page", "notice", "document"}
)  # fmt: skip


def _head(speaker: Speaker | None) -> str:
    """The last word of the source phrase, lower case, without a possessive."""
    if speaker is None or not speaker.text.split():
        return ""
    word = speaker.text.split()[-1].strip(_EDGE).lower()
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    return word


# What may follow a person's name in a source phrase without changing who speaks.
_AFTER_NAME = (" from ", ", ", " of ", " in ", " at ", " on ", " during ")


def _heads(speaker: Speaker | None) -> set[str]:
    """The heads of the source phrase and of its name ("that" names "contract")."""
    if speaker is None:
        return set()
    named = Speaker(speaker.name, None, 0, 0, speaker.name)
    words = {_head(speaker), _head(named)}
    at = speaker.text.find(speaker.name)
    rest = speaker.text[at + len(speaker.name) :] if at >= 0 else ""
    if " " in speaker.name and rest.startswith(_AFTER_NAME):
        # "Mohsen Kazemi from Iran's relief agency": the named man speaks, not the agency
        words = {_head(named)}
    words |= {part for w in words for part in w.split("-")}  # "Union-Tribune"
    # A plural ending off too ("form letters" -> "letter"), the word kept ("news").
    return words | {w[:-1] for w in words if w.endswith("s") and len(w) > 3}


def _persons(heads: set[str], lex: Lexicon) -> bool:
    """Whether source heads name people ("witnesses", "police", a title) or a pronoun."""
    return bool(heads & (_PERSON_HEADS | lex.titles)) or bool(heads & set(lex.pronouns))


def _cites_document(speaker: Speaker | None, lex: Lexicon) -> bool:
    """Whether the source phrase names a written record in its first four words ("a
    statement from Waitrose", "reports in an Atlanta newspaper", "a federal government
    handbook from 1998")."""
    if speaker is None:
        return False
    words = [w.strip(_EDGE) for w in speaker.text.split()[:4]]
    # Record nouns in lower case only: "Bill Adgate" is a man, "Page" a surname.
    return any(w.lower() in lex.documents or w in _RECORD_SOURCES for w in words)


def through_record(cue: object) -> bool:
    """Whether a cue token speaks through a record: "said in a statement", "announced on
    its website", "wrote in a letter" (a preposition of the cue whose object is a record).
    """
    for child in getattr(cue, "children", ()):
        if child.dep_ != "prep" or child.lower_ not in ("in", "on", "via", "through"):
            continue
        for obj in child.children:
            if obj.dep_ == "pobj" and obj.lower_.rstrip("s") in _THROUGH:
                return True
    return False


_CALL = verb_forms(["call"])
KNOW = verb_forms(["know"])
_ORDER = verb_forms(["order"])
# Verbs of putting out a text: with only a nominal object they make or issue a thing.
_MAKING = verb_forms(["write", "post", "publish", "issue", "release", "list", "file"])
# Verbs whose bare noun object is a thing shown or named, not words: "neighbors reported a
# strong smell", "which credits the radio station", "resulted in showing his level".
_OBJECT_ONLY = verb_forms(["report", "cite", "credit", "show", "mention"])
_DENY = verb_forms(["deny", "dispute", "refute", "reject"])  # "did not deny" concedes
# What one denies or rejects by refusing it, not by saying it is untrue.
_REFUSED = frozenset(
    _split(
        """
        offer offers request requests bail entry access permission motion motions
        application applications appeal appeals bid bids proposal proposals plea deal deals
        """
    )
)
_PHONE_CALL = frozenset({"call", "calls"})  # "made a call to 911" is a telephone call
_HEAR = verb_forms(["hear"])
# Passives of telling someone something: an instruction or news given by someone unnamed.
_TOLD_TO = verb_forms(["tell", "ask", "urge", "advise", "warn", "instruct", "inform"])
_HEARSAY = frozenset({"report", "reports", "rumor", "rumors", "rumour", "rumours", "claims"})
_MODALS = frozenset({"would", "will", "could", "might", "may", "should", "can", "'ll", "wo"})
_NAMING = frozenset({"oprd", "xcomp", "ccomp"})  # "called it a disgrace", "called for"


def told_outright(cue: object) -> bool:
    """Whether a cue token is words said whatever its word: "let fans know that ..." (a
    causative "let" with "know"), "groups charge that ..." (a charge with its clause),
    "police identified the victim as ..." (naming someone publicly), "offered advice"
    (words as its object)."""
    word = str(getattr(cue, "lower_", ""))
    head = getattr(cue, "head", None)
    if word in KNOW and head is not None and getattr(head, "lower_", "") in _LET:
        return True  # "let fans know that", "let it be known that"
    children = list(getattr(cue, "children", ()))
    if word in _IDENTIFY and not (
        getattr(cue, "dep_", "") == "acl" or any(c.dep_ == "auxpass" for c in children)
    ):  # "police have identified the victims as ..."; not "the man, identified as ..."
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in children)
    if word in _SHARE or (word in _POINT and any(c.lower_ == "out" for c in children)):
        # "shared that he went to heaven", "critics pointed out that ...": said, with a clause
        return any(
            c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children) for c in children
        )
    if any(
        c.dep_ == "dobj" and c.lower_ in _SPEECH_NOUNS and c.lower_ not in _PHONE_CALL
        for c in children
    ):
        return True  # "the judge offered advice for the guards", "paid tribute to"
    if word in _HEAR and any(c.dep_ == "dobj" and c.lower_ in _HEARSAY for c in children):
        return True  # "we're hearing reports that ...": words someone tells
    return word in _CHARGE and any(c.dep_ == "ccomp" for c in children)


_LET = frozenset({"let", "lets", "letting"})
_TOLD_MEMORY = verb_forms(["recall", "remember"])  # next to words in quote marks: told
_AGREE = verb_forms(["agree"])
_PERCEIVE = verb_forms(["feel", "see", "hear", "notice", "smell", "find"])
_SEE = verb_forms(["see", "view", "regard"])
_PENDING = frozenset({"yet", "still"})  # "is yet to confirm", "has yet to comment"
_UNABLE = frozenset({"unable", "failed", "fails", "fail"})  # "was unable to confirm his record"
_SHARE = verb_forms(["share"])
_POINT = verb_forms(["point"])
_CHARGE = verb_forms(["charge"])
_IDENTIFY = verb_forms(["identify"])
_SPEAK = verb_forms(["speak", "talk"])
_TOPIC = frozenset({"about", "of", "on", "against", "out"})  # "spoke about", "spoke out"
_FIND = verb_forms(["find"])
_RESPOND = verb_forms(["respond"])
_HELP = verb_forms(["help"])


def _when(prep: object) -> bool:
    """Whether a preposition tells when ("on Friday"), not what about ("on the deal")."""
    return any(
        o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in getattr(prep, "children", ())
    )


_CLAUSE = frozenset({"ccomp", "xcomp", "oprd", "acomp", "advcl", "parataxis"})


def judged(cue: object) -> bool:
    """Whether a cue token weighs something up: "I find it highly unlikely that ...",
    "found it hard to believe" (finding "it" to be so: a thought); "the jury found him
    guilty" is a verdict."""
    if str(getattr(cue, "lower_", "")) not in _FIND:
        return False
    for c in getattr(cue, "children", ()):
        # the parser reads "it hard" as a small clause, or "it" as the object
        if (
            c.dep_ in _CLAUSE
            and c.tag_ == "JJ"
            and any(s.dep_ == "nsubj" and s.lower_ == "it" for s in c.children)
        ):
            return True
        if c.dep_ == "dobj" and c.lower_ == "it":
            return True
    return False


def thought_cue(word: str, lex: Lexicon) -> bool:
    """Whether a cue word or phrase ("expected", "is known", "supports") reports a state of
    mind: a belief, an intention or a stance."""
    word = word.strip().lower()
    last = word.split()[-1] if word else ""
    return (
        word in lex.thought
        or last in lex.thought
        or word in lex.thought_nouns
        or word in lex.stances
        or last in lex.stances
    )


def seen_as(cue: object) -> bool:
    """Whether a cue token holds a view of something: "the union sees its power as prime
    leverage", "regarded him as the favourite" (a judgement, not a sight)."""
    return str(getattr(cue, "lower_", "")) in _SEE and any(
        c.dep_ == "prep" and c.lower_ == "as" for c in getattr(cue, "children", ())
    )


def perceived(cue: object, lex: Lexicon) -> bool:
    """Whether a cue token tells something sensed, not thought: a verb of perception with a
    thing as its object and no clause ("residents felt the quake", "woke up to find a red
    trail"); "I feel shaky" and "felt that it was time" stay thoughts, and what a record
    finds is a document's ("an inspection report found corroded valves")."""
    children = list(getattr(cue, "children", ()))
    if any(c.dep_ == "nsubj" and c.lower_ in lex.documents for c in children):
        return False
    if any(c.dep_ == "dobj" and c.lower_ in _HEARSAY for c in children):
        return False  # "we're hearing reports that ...": hearsay, words told
    if seen_as(cue):
        return False  # "sees its power as leverage": a view, not a sight
    return (
        str(getattr(cue, "lower_", "")) in _PERCEIVE
        and any(c.dep_ == "dobj" and not c.tag_.startswith("VB") for c in children)
        and not any(c.dep_ in ("ccomp", "xcomp", "acomp", "oprd", "advcl") for c in children)
    )


_DOMAIN = (".com", ".org", ".net", ".co.uk")


def _publishes(subject: object, lex: Lexicon) -> bool:
    """Whether a subject is a record or an outlet, whose report of a thing is published
    ("photos showed a crater", "The Times reported the sale", "Deadline.com first
    reported his selection"), unlike "neighbors reported a strong smell"."""
    word = str(getattr(subject, "lower_", ""))
    return word in lex.documents or word in OUTLETS or word.endswith(_DOMAIN)


def no_words_mode(cue: object, lex: Lexicon) -> str:
    """The mark of a cue that ``says_nothing``: ``thought`` for one of belief ("an insect,
    believed to be a spider"), ``act`` for the rest ("was declared dead", "felt the
    quake")."""
    if perceived(cue, lex):
        return ACT
    return THOUGHT if thought_cue(str(getattr(cue, "lower_", "")), lex) else ACT


def is_speech_noun(word: str) -> bool:
    """Whether a noun cue names words said ("remarks", "calls", "criticism"); a noun the
    cue model picks otherwise ("jokes" as the butt of, "a mention of") is no statement."""
    return word.lower() in _SPEECH_NOUNS


def says_nothing(cue: object, lex: Lexicon) -> bool:
    """Whether a cue token, used as it is here, reports no words of anyone.

    A negated or modal cue ("we did not say it out loud", "he would urge lawmakers to")
    reports words not said; "ordered" with only an object orders a deed ("the president
    ordered the break-in"), and writing, posting or issuing with only an object makes a
    thing ("is writing the screenplay", "posted a record of 43-39"). A passive with no
    agent ("was declared clinically dead", "a teen accused in the shooting", "would be well
    advised to") tells what was
    done, not who said what; records stay documents ("was reported", "is listed as") and
    quoting verbs keep their quote ("was quoted as saying"). "Call" with a phone
    number, "in" or "to" is a telephone call or a summons ("call the police on 0845 ...",
    "called 911", "she called into a radio show", "called to service"); "is called X" with
    no agent is a name ("It is called HaBesor in Hebrew").
    """
    word = str(getattr(cue, "lower_", ""))
    children = list(getattr(cue, "children", ()))
    if word not in _DENY and any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS) for c in children
    ):
        return True  # "we did not say it", "he would urge lawmakers to": nothing said yet
    if word in _DENY and any(c.dep_ == "dobj" and c.lower_ in _REFUSED for c in children):
        return True  # "denied a plea offer", "rejected the request": a refusal, no statement
    if any(
        c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        for c in children
    ):
        return True  # "was offering no reply to the blows", "gave no answer": nothing said
    head = getattr(cue, "head", None)
    if (
        getattr(cue, "dep_", "") == "xcomp"
        and head is not None
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        and (
            any(c.dep_ == "advmod" and c.lower_ in _PENDING for c in head.children)
            or getattr(head, "lower_", "") in _UNABLE
        )
    ):
        return True  # "the archdiocese is yet to confirm if ...", "was unable to confirm"
    if perceived(cue, lex):
        return True  # "residents felt the quake": sensed, no words
    if word in _RESPOND and not any(
        c.dep_ in ("ccomp", "xcomp", "parataxis", "dobj") or (c.dep_ == "prep" and c.lower_ == "by")
        for c in children
    ):
        return True  # "police responded to both threats": they went, words untold
    if (
        head is not None
        and getattr(head, "lower_", "") in _HELP
        and getattr(cue, "dep_", "") in ("xcomp", "ccomp")
    ):
        return True  # "helping people announce their offspring": a deed done for them
    if word in _SPEAK and not any(
        c.dep_ in ("ccomp", "xcomp", "parataxis", "dobj")
        or (c.dep_ in ("prep", "prt") and c.lower_ in _TOPIC and not _when(c))
        for c in children
    ):
        return True  # "Nichols spoke for the first time in court": he spoke, words untold
    if word in _ORDER and not any(c.dep_ in ("xcomp", "ccomp", "oprd") for c in children):
        return True  # "the president ordered the break-in": a deed, not words
    if (
        word in _MAKING
        and not any(c.dep_ in ("xcomp", "ccomp", "oprd") for c in children)
        and not any(c.dep_ == "prep" and c.lower_ == "as" for c in children)
    ):
        return True  # "is writing the screenplay", "posted a record of 43-39": a thing made
    if word in _AGREE and any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN") for o in c.children)
        for c in children
    ):
        return True  # "agreed to a seven-year deal", "agreed to a tour": a deal struck
    if (
        word in _OBJECT_ONLY
        and not any(c.dep_ in ("xcomp", "ccomp", "oprd", "advcl", "parataxis") for c in children)
        and not any(c.dep_ == "prep" and c.lower_ == "as" for c in children)
        and any(c.dep_ == "dobj" and not c.tag_.startswith("VB") for c in children)
        and not any(c.dep_ == "nsubj" and _publishes(c, lex) for c in children)
    ):
        return True  # "reported a strong smell of gas", "cited his close relationship"
    if word in _CALL:
        if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in children):
            return True  # "what we call book lungs": a name
        if getattr(cue, "tag_", "") == "VBN" and (
            getattr(cue, "dep_", "") == "acl" or any(c.dep_ == "nsubjpass" for c in children)
        ):
            return True  # "It is called HaBesor in Hebrew", "the main town, also called Qeshm"
        if any(
            c.dep_ in ("dobj", "prep", "dative")
            and any(t.like_num or any(ch.isdigit() for ch in t.text) for t in c.subtree)
            for c in children
        ):
            # "called 911", "call police on 0845 ... or the charity on 0800 ..." (even where
            # the parse names the charity as what is called): a number dialled
            return True
        if any(c.dep_ in _NAMING for c in children):
            return False
        if any(c.dep_ == "dobj" and c.tag_ == "PRP" for c in children):
            return True  # "King called him again yesterday": a telephone call
        return any(c.dep_ in ("prt", "prep") and c.lower_ in ("in", "into", "to") for c in children)
    if getattr(cue, "tag_", "") != "VBN" or word in lex.quoting or word in lex.written:
        return False
    if word in _TOLD_TO and any(c.dep_ in ("xcomp", "ccomp") for c in children):
        return False  # "staff were told to close shop", "residents were asked to stay in"
    if any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in children) and any(
        c.dep_ == "ccomp" for c in children
    ):
        return False  # "it is estimated that Lin made $52,000": someone's view, unnamed
    if word in _RECORD_WORDS or any(c.dep_ == "agent" for c in children):
        return False
    return getattr(cue, "dep_", "") == "acl" or any(
        c.dep_ in ("nsubjpass", "auxpass") for c in children
    )  # "was rushed to hospital and was declared dead": the second verb's passive too


def quote_mode(
    cue: str | None,
    speaker: Speaker | None,
    lex: Lexicon,
    *,
    kept: str | None = None,
    direct: bool = False,
    quoted: bool = False,
) -> str | None:
    """``speech``, ``thought``, ``document`` or ``act`` for a quote with ``cue``; None
    without a cue.

    Args:
        cue: the cue word or phrase as written ("said", "expects", "according to").
        speaker: the quote's speaker (its ``text`` is the source phrase as written).
        lex: the language's word lists (``thought``, ``thought_nouns``, ``documents``,
            ``written``, ``stances``).
        quoted: the quote holds words in quote marks (a mixed quote).
        kept: a mark the rules already set from the parse (``document`` for "said in a
            statement", ``thought`` for "is expected to announce", ``act`` for "was
            declared dead"); it wins over speech.
    """
    if not cue or not cue.strip():
        return kept
    word = cue.strip().lower()
    last = word.split()[-1]
    if kept in (SPEECH, ACT):
        return kept
    if (direct or quoted) and last in _TOLD_MEMORY:
        # '"I turned around and there was a man ...," recalled Benson'; 'recalled screaming
        # "Somebody help me"'
        return SPEECH
    if kept == THOUGHT or thought_cue(word, lex):
        return THOUGHT
    heads = _heads(speaker)
    if (
        kept == DOCUMENT
        or bool(heads & lex.documents)
        or word in lex.written
        or bool(heads & (_RECORD_SOURCES | OUTLETS | lex.agency_words))
        or _cites_document(speaker, lex)
    ):
        return DOCUMENT
    if (last in _RECORD_WORDS or last in lex.documents) and not _persons(heads, lex):
        return DOCUMENT  # "the paper reported", "the report says"; not "witnesses reported"
    if direct or word in _SIGNS or last in SPEECH_WORDS or word in SPEECH_WORDS:
        return SPEECH
    if last in _RECORD_WORDS:
        return SPEECH
    return ACT
