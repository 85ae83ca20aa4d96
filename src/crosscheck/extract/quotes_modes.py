"""What a quote reports: words said (``speech``), a state of mind (``thought``) or a record
(``document``).

"The mayor said the bridge will reopen" is speech; "the mayor is expected to reopen the
bridge", "she wants a recount" and "he is known to oppose it" report beliefs and intentions
(``thought``) that nobody need have said; "State records show three prior convictions" and
"he wrote in a letter" are ``document``. Only speech and documents are statements whose
attribution can conflict across articles.

The mark is read from the cue word and the head of the source phrase; a quote with no cue
of its own (a continuation paragraph) keeps the mark of the quote it continues. Not
handled: thought verbs used as speech ("I think we will win," he said: the outer cue
decides, so this is speech) and negated or modal speech ("would not say").
"""

from __future__ import annotations

from crosscheck.extract.lexicon import Lexicon
from crosscheck.model import Speaker

SPEECH, THOUGHT, DOCUMENT = "speech", "thought", "document"
MODES = (SPEECH, THOUGHT, DOCUMENT)
_EDGE = " ,;:\"'()“”’"


def _head(speaker: Speaker | None) -> str:
    """The last word of the source phrase, lower case, without a possessive."""
    if speaker is None or not speaker.text.split():
        return ""
    word = speaker.text.split()[-1].strip(_EDGE).lower()
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    return word


def _cites_document(speaker: Speaker | None, lex: Lexicon) -> bool:
    """Whether the source phrase names a written record ("a statement from Waitrose",
    "reports in an Atlanta newspaper", "court records")."""
    if speaker is None:
        return False
    words = [w.strip(_EDGE).lower() for w in speaker.text.split()[:3]]
    return any(w in lex.documents for w in words)


def quote_mode(cue: str | None, speaker: Speaker | None, lex: Lexicon) -> str | None:
    """``speech``, ``thought`` or ``document`` for a quote with ``cue``; None without a cue.

    Args:
        cue: the cue word or phrase as written ("said", "expects", "according to").
        speaker: the quote's speaker (its ``text`` is the source phrase as written).
        lex: the language's word lists (``thought``, ``thought_nouns``, ``documents``,
            ``written``).
    """
    if not cue or not cue.strip():
        return None
    word = cue.strip().lower()
    last = word.split()[-1]
    if word in lex.thought or last in lex.thought or word in lex.thought_nouns:
        return THOUGHT
    if _head(speaker) in lex.documents or word in lex.written or _cites_document(speaker, lex):
        return DOCUMENT
    return SPEECH
