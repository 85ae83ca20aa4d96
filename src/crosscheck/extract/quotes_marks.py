"""Direct quotes: pairing quote marks, across paragraphs where the news convention asks.

Works on text whose curly double quotes are mapped to ``"`` (``Article.clean_text``).
A mark preceded by a space or an opening bracket and followed by a non-space opens; a mark
followed by a space, punctuation or the end closes; other marks toggle. An opening mark
that is still open at the end of a paragraph continues the quote when the next paragraph
begins with a mark (the convention for a quote running over several paragraphs); any other
unpaired mark is dropped (logged, never fatal). Not handled: single quote marks (they are
ambiguous with apostrophes) and guillemets.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

LOGGER = logging.getLogger(__name__)

_OPEN_BEFORE = frozenset(" \t\n([{—–-/:;,")
_CLOSE_AFTER = frozenset(" \t\n)]}.,;:!?—–-/'")


@dataclass(frozen=True, slots=True)
class Marked:
    """A stretch of text between quote marks (article offsets of the content, no marks)."""

    start: int
    end: int
    open_mark: int
    close_mark: int
    paragraphs: int = 1


def _role(text: str, i: int) -> str:
    """Return ``open``, ``close`` or ``either`` for the quote mark at ``i``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before in _OPEN_BEFORE and not after.isspace()
    closes = after in _CLOSE_AFTER or after == '"'
    if before in ".,!?" and after.isspace():
        closes, opens = True, False
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def find_marked(text: str, paragraphs: list[tuple[int, int]]) -> list[Marked]:
    """Return every paired direct quote of ``text`` in document order.

    Args:
        text: the article's analysis text (quote marks normalised to ``"``).
        paragraphs: ``(start, end)`` of each paragraph, in order (as parsed).

    Returns:
        The quotes, content offsets inside the marks. A quote that runs over several
        paragraphs ends at its final closing mark and counts the paragraphs it spans.
    """
    out: list[Marked] = []
    pending: int | None = None  # open mark carried over from the previous paragraph
    spanned = 1
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = [i for i in range(p_start, p_end) if text[i] == '"']
        if pending is not None:
            if marks and marks[0] == p_start:
                marks = marks[1:]  # the reopening mark of a continued quote
                spanned += 1
            else:
                LOGGER.debug("unpaired quote mark at %d dropped", pending)
                pending = None
        open_at = pending
        for i in marks:
            role = _role(text, i)
            if open_at is None:
                if role == "close":
                    LOGGER.debug("stray closing quote mark at %d dropped", i)
                    continue
                open_at, spanned = i, (spanned if pending is not None else 1)
                continue
            if role == "open" and open_at >= p_start and pending is None:
                LOGGER.debug("unpaired quote mark at %d dropped", open_at)
                open_at, spanned = i, 1
                continue
            if i > open_at + 1:
                out.append(Marked(open_at + 1, i, open_at, i, spanned))
            open_at, pending, spanned = None, None, 1
        pending = None
        if open_at is not None:
            nxt = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt] == '"':
                pending = open_at
            else:
                LOGGER.debug("unpaired quote mark at %d dropped", open_at)
    return out
