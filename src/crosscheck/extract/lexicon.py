"""Word lists for the extractors, keyed by language (only ``"en"`` so far).

Reporting ("cue") verbs are listed by base form and expanded into every surface form
(``say``, ``says``, ``said``, ``saying``), because the pipeline runs without its lemmatizer
(see ``extract.nlp``). The verb lists were drawn from the cue words most often annotated in
the PolNeAR *train* split (said, says, told, according to, wrote, added, asked, noted,
reported, announced, argued, ...) plus the verbs of attribution common in wire copy
(condemned, accused, warned, predicted ...). Not handled: phrasal cues other than those
listed in ``CUE_PHRASES`` and nominal cues ("his argument that ...").
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as _replace


def _words(text: str) -> list[str]:
    """Split a word list written as text."""
    return text.split()


# Irregular verbs: base -> (3rd person, past, past participle, -ing).
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "find": ("finds", "found", "finding"),
    "know": ("knows", "knew", "known", "knowing"),
    "feel": ("feels", "felt", "feeling"),
    "see": ("sees", "saw", "seen", "seeing"),
    "show": ("shows", "showed", "shown", "showing"),
    "hold": ("holds", "held", "holding"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "forecast": ("forecasts", "forecast", "forecasted", "forecasting"),
    "foresee": ("foresees", "foresaw", "foreseen", "foreseeing"),
    "swear": ("swears", "swore", "sworn", "swearing"),
    "understand": ("understands", "understood", "understanding"),
    "read": ("reads", "read", "reading"),
    "put": ("puts", "put", "putting"),
    "set": ("sets", "set", "setting"),
    "retweet": ("retweets", "retweeted", "retweeting"),
    "tweet": ("tweets", "tweeted", "tweeting"),
    "admit": ("admits", "admitted", "admitting"),
    "regret": ("regrets", "regretted", "regretting"),
    "commit": ("commits", "committed", "committing"),
    "quip": ("quips", "quipped", "quipping"),
    "plan": ("plans", "planned", "planning"),
    "prefer": ("prefers", "preferred", "preferring"),
    "refer": ("refers", "referred", "referring"),
    "concur": ("concurs", "concurred", "concurring"),
    "slam": ("slams", "slammed", "slamming"),
    "rebut": ("rebuts", "rebutted", "rebutting"),
}

# Verbs whose complement (ccomp, or object + complement) is the attributed content.
_SPEECH = _words(
    """
say tell add write state claim argue note explain insist warn announce declare report
suggest acknowledge admit deny confirm predict estimate promise pledge vow stress
emphasize emphasise reply respond answer continue conclude recall reveal repeat tweet
post ask complain contend maintain assert allege indicate mention observe remark hint
concede agree testify joke boast quip muse forecast caution urge demand recommend
propose speculate guarantee assure reiterate affirm proclaim disclose divulge signal
stress counter retort protest lament concede predict anticipate order instruct advise
inform notify warn charge theorize theorise surmise acknowledge retweet comment express
offer discuss learn read yell shout scream list tout highlight contend concede lament
"""
)

# Verbs of belief, intention and evidence that PolNeAR also annotates as attributions.
_COGNITION = _words(
    """
think believe feel know fear hope expect worry doubt suspect understand wonder reckon
guess assume suppose consider figure decide realize realise show find seem appear
indicate suggest want plan intend seek refuse prefer decline hesitate favor favour
"""
)

# Verbs whose object (plus complement) is the content: "X accused Y of Z".
_EVALUATIVE = _words(
    """
accuse condemn criticize criticise blame praise denounce welcome reject dismiss endorse
support oppose describe slam blast attack defend question cite call label brand decry
applaud hail mock ridicule deride lambaste rebuke fault credit thank congratulate
characterize characterise dub back promote champion push disavow embrace vote
"""
)


def _regular(base: str) -> tuple[str, ...]:
    """Return the regular surface forms of an English verb."""
    if base.endswith("e"):
        return (base + "s", base + "d", base[:-1] + "ing")
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return (base[:-1] + "ies", base[:-1] + "ied", base + "ing")
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return (base + "es", base + "ed", base + "ing")
    return (base + "s", base + "ed", base + "ing")


def verb_forms(bases: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Expand base forms into every surface form (lower case)."""
    out: set[str] = set()
    for base in bases:
        out.add(base)
        out.update(_IRREGULAR.get(base) or _regular(base))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of one language.

    Attributes:
        cues: every surface form of every cue verb.
        evaluative: surface forms of verbs whose object is the content ("accused Y of").
        listener: verbs whose direct object is the listener, not the content ("told").
        quoting: passive channel verbs: "X was quoted by Y as saying".
        according: two-word cue phrases that introduce their source ("according to").
        channels: words naming a channel, mapped to the channel's canonical name.
        channel_nouns: nouns of a medium that carry no name ("statement", "interview").
        account_nouns: nouns of a place on a channel ("account", "feed"): "via his account".
        cased_channels: channel names that are channels only as written, before an account
            noun ("her X account"), mapped to the canonical name.
        agency_words: words that mark an outlet ("news agency", "newspaper").
        pronouns: subject pronouns resolved to an earlier speaker, with their kind.
        titles: words that are titles or roles, stripped from names into ``Speaker.role``.
        thought: surface forms of cues of belief and intention ("expected", "wants",
            "known"): what they report is a state of mind, not words said.
        thought_nouns: nouns of belief and intention used as cues ("hopes", "plan").
        stances: surface forms of cues of a stance held ("supports", "opposed", "backed"):
            a state of mind that need not have been said, so a ``thought``.
        documents: nouns of written records that speak as sources ("records", "report").
        written: surface forms of cues of writing and showing ("wrote", "shows").
    """

    cues: frozenset[str]
    evaluative: frozenset[str]
    listener: frozenset[str]
    quoting: frozenset[str]
    according: tuple[tuple[str, str], ...]
    channels: dict[str, str]
    channel_nouns: frozenset[str]
    account_nouns: frozenset[str]
    cased_channels: dict[str, str]
    agency_words: frozenset[str]
    pronouns: dict[str, str]
    titles: frozenset[str]
    thought: frozenset[str] = frozenset()
    thought_nouns: frozenset[str] = frozenset()
    stances: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    written: frozenset[str] = frozenset()


_EN = Lexicon(
    cues=verb_forms(_SPEECH + _COGNITION + _EVALUATIVE),
    evaluative=verb_forms(_EVALUATIVE),
    listener=verb_forms(["tell", "ask", "inform", "notify", "assure", "warn", "urge", "remind"]),
    quoting=verb_forms(["quote", "cite"]),
    according=(("according", "to"),),
    channels={
        "twitter": "Twitter",
        "tweet": "Twitter",
        "tweets": "Twitter",
        "x.com": "Twitter",
        "facebook": "Facebook",
        "telegram": "Telegram",
        "instagram": "Instagram",
        "youtube": "YouTube",
        "tiktok": "TikTok",
        "truth": "Truth Social",
        "weibo": "Weibo",
        "vkontakte": "VKontakte",
        "linkedin": "LinkedIn",
        "reddit": "Reddit",
    },
    channel_nouns=frozenset(
        _words(
            """
            statement interview message post letter speech briefing conference release
            remarks tweet op-ed column email memo blog video broadcast podcast address
            """
        )
    ),
    account_nouns=frozenset({"account", "feed", "page", "post", "posts"}),
    cased_channels={"X": "Twitter"},
    agency_words=frozenset(
        {"agency", "newspaper", "news", "outlet", "channel", "broadcaster", "network"}
    ),
    pronouns={
        "he": "person",
        "she": "person",
        "they": "group",
        "it": "org",
        "we": "self",
        "i": "self",
    },
    titles=frozenset(
        _words(
            """
            president vice prime minister secretary spokesman spokeswoman spokesperson
            senator sen. rep. representative gov. governor mayor chairman chairwoman
            chair general gen. adm. admiral col. colonel lt. sgt. mr. mrs. ms. dr. prof.
            professor judge justice ambassador chancellor king queen prince princess
            pope director chief ceo head leader commander foreign defense defence press
            deputy assistant attorney former acting candidate
            nominee speaker minority majority whip analyst official officials rev. sir
            lord dame
            constable const. sergeant detective det. inspector insp. superintendent supt.
            captain capt. lieutenant corporal cpl. trooper sheriff marshal officer
            """
        )
    ),
)

# Cues of belief and intention: what they report was thought, wanted or planned, not said.
_THOUGHT = _words(
    """
think believe feel know fear hope expect worry doubt suspect understand wonder reckon
guess assume suppose consider figure decide realize realise want plan intend seek prefer
favor favour wish aim desire hesitate dream imagine presume envisage envision
appear seem recall remember like love hate
"""
)
_THOUGHT_NOUNS = _words(
    """
hope hopes belief beliefs plan plans intention intentions fear fears wish wishes desire
expectation expectations view views opinion impression suspicion suspicions aim goal
feeling feelings thought thoughts dream idea
"""
)
# Stances held: "the union supports the deal", "residents opposed the plan".
_STANCES = _words("support oppose back endorse champion resist trust")
# Written records that speak for themselves ("State records show ...").
_DOCUMENTS = _words(
    """
record records report reports document documents paper papers filing filings complaint
affidavit indictment study survey data statistics figures letter memo release website
statement statements transcript minutes ruling verdict warrant lawsuit suit notice
post tweet email emails log logs register census poll polls analysis
policy policies rule rules guidelines regulation regulations law contract
story stories article articles video videos footage photo photos photograph photographs
image images picture pictures map maps calculation calculations estimate estimates tally
information blog blogs message messages test tests result results
"""
)
_WRITTEN = _words("write show indicate read tweet post publish list issue file release")

_EN = _replace(
    _EN,
    thought=verb_forms(_THOUGHT),
    thought_nouns=frozenset(_THOUGHT_NOUNS),
    stances=verb_forms(_STANCES),
    documents=frozenset(_DOCUMENTS),
    written=verb_forms(_WRITTEN),
)

LEXICONS: dict[str, Lexicon] = {"en": _EN}


def lexicon(language: str) -> Lexicon:
    """Return the lexicon of ``language`` (English when the language has none)."""
    return LEXICONS.get(language, _EN)
