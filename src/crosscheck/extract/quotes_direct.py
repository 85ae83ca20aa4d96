"""Direct quotes whose attribution sits next to them rather than in a cue clause.

``adjacent_quote``: a quote ending in ``,?!`` followed by a verb and its subject ("Okafor
fumed"), or introduced by one before a colon ("Okafor shot back:"), even when the verb is
not in the lexicon. ``nearest_person``: for a long quote with no speaker, the person named
closest to it in its paragraph. Neither handles a speaker named only in another paragraph.
"""

from __future__ import annotations

from crosscheck.extract.nlp import Parsed
from crosscheck.extract.quotes_marks import Marked
from crosscheck.extract.quotes_rules import adjacent_cue, colon_cue
from crosscheck.extract.quotes_speakers import make_speaker
from crosscheck.extract.quotes_state import Context, Raw
from crosscheck.model import Speaker

_MAX_PERSON_GAP = 200  # characters from a speakerless quote to a PERSON that then speaks


def adjacent_quote(ctx: Context, parsed: Parsed, mark: Marked, para: int) -> Raw | None:
    """A quote ending in ``,?!`` followed by "Okafor fumed", or after "Okafor fumed:"."""
    body = ctx.text[mark.start : mark.end].rstrip()
    offset, doc = parsed.docs[para]
    found = None
    if body and body[-1] in ",?!—–-":
        found = adjacent_cue(doc, offset, mark.close_mark, ctx.in_quote)
    for before in (para, para - 1):
        if found is None and before >= 0:
            off, bdoc = parsed.docs[before]
            found = colon_cue(bdoc, off, mark.open_mark, ctx.text, ctx.lex, ctx.in_quote)
            offset = off
    if found is None:
        return None
    subject, verb = found
    speaker = make_speaker(subject, offset, ctx.names, ctx.memory, ctx.lex)
    cue_start = offset + verb.idx
    sentence = ctx.sentence_of(mark.start)
    end_sentence = ctx.sentence_of(cue_start)
    return Raw(
        mark.start,
        mark.end,
        "direct",
        speaker,
        verb.text,
        cue_start,
        cue_start + len(verb.text),
        (sentence[0], max(sentence[1], end_sentence[1])),
    )


def nearest_person(ctx: Context, parsed: Parsed, para: int, mark: Marked) -> Speaker | None:
    """The PERSON named closest to a quote in its paragraph, outside quote marks."""
    offset, doc = parsed.docs[para]
    best, best_gap = None, _MAX_PERSON_GAP
    for ent in doc.ents:  # type: ignore[attr-defined]
        pos = offset + ent.start_char
        if ent.label_ != "PERSON" or ctx.in_quote(pos):
            continue
        gap = (
            mark.open_mark - (offset + ent.end_char)
            if pos < mark.open_mark
            else pos - mark.close_mark
        )
        if gap < best_gap:
            best, best_gap = ent, gap
    if best is None:
        return None
    return make_speaker(best.root, offset, ctx.names, ctx.memory, ctx.lex)
