"""Direct quotes whose attribution sits next to them rather than in a cue clause.

``adjacent_quote``: a quote ending in ``,?!`` followed by a verb and its subject ("Okafor
fumed"), or introduced by one before a colon ("Okafor shot back:"), even when the verb is
not in the lexicon. ``dash_quote``: a quote signed after a dash on its own line
("“...” ― Ana Ruiz"), the layout of reader comments and pull quotes. ``nearest_person``: for
a long quote with no speaker, the person named closest to it in its paragraph (a subject
before an object). None of
them handles a speaker named only in another paragraph.
"""

from __future__ import annotations

import re

from crosscheck.extract.nlp import Parsed
from crosscheck.extract.quotes_marks import Marked
from crosscheck.extract.quotes_rules import adjacent_cue, colon_cue
from crosscheck.extract.quotes_speakers import make_speaker
from crosscheck.extract.quotes_state import Context, Raw
from crosscheck.model import Speaker

_MAX_PERSON_GAP = 200  # characters from a speakerless quote to a PERSON that then speaks
# A dash right after the closing mark, then the signature up to the line end.
_DASH_SIGN = re.compile(r"[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*(?=\S)")
_MAX_SIGNATURE = 80  # characters from the dash to the line end


def dash_quote(ctx: Context, parsed: Parsed, mark: Marked, para: int) -> Raw | None:
    """A quote signed after a dash, the signature ending its line: '“...” ― Ana Ruiz'.

    The signature's first PERSON or ORG names the speaker ("― Ana Ruiz, a nurse in
    Tucson"); a signature that names nobody (a date, a place) signs nothing. The dash
    is the cue.
    """
    dash = _DASH_SIGN.match(ctx.text, mark.close_mark + 1)
    if dash is None:
        return None
    line_end = ctx.text.find("\n", dash.end())
    line_end = len(ctx.text) if line_end < 0 else line_end
    if line_end - dash.end() > _MAX_SIGNATURE:
        return None
    offset, doc = parsed.docs[para]
    for ent in doc.ents:  # type: ignore[attr-defined]
        start = offset + ent.start_char
        if start < dash.end():
            continue
        if start >= line_end:
            break
        if ent.label_ not in ("PERSON", "ORG") or ctx.text[dash.end() : start].strip(" ,"):
            return None  # the signature must open with the name
        speaker = make_speaker(ent.root, offset, ctx.names, ctx.memory, ctx.lex)
        cue_start = ctx.text.index(dash.group().strip(" \t\u00a0")[0], mark.close_mark + 1)
        sentence = ctx.sentence_of(mark.start)
        return Raw(
            mark.start,
            mark.end,
            "direct",
            speaker,
            ctx.text[cue_start],
            cue_start,
            cue_start + 1,
            (sentence[0], max(sentence[1], line_end)),
        )
    return None


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
    best, best_key = None, (True, _MAX_PERSON_GAP)
    for ent in doc.ents:  # type: ignore[attr-defined]
        pos = offset + ent.start_char
        if ent.label_ != "PERSON" or ctx.in_quote(pos):
            continue
        gap = (
            mark.open_mark - (offset + ent.end_char)
            if pos < mark.open_mark
            else pos - mark.close_mark
        )
        # A person who is a subject ("As Ms. Simonyan put it to my colleague Michael
        # Grynbaum, RT is “...”") speaks before one named in an object.
        key = (ent.root.dep_ not in ("nsubj", "nsubjpass"), gap)
        if gap < _MAX_PERSON_GAP and key < best_key:
            best, best_key = ent, key
    if best is None:
        return None
    return make_speaker(best.root, offset, ctx.names, ctx.memory, ctx.lex)
