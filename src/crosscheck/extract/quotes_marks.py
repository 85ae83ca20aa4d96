"""Direct quotes: pairing quote marks, across paragraphs where the news convention asks.

Works on text whose curly double quotes are mapped to ``"`` (``Article.clean_text``).
Two apostrophes count as one double mark (the style of some archive texts, e.g. the New
York Times files of PolNeAR); its ``Marked.close_mark`` is then the second apostrophe.
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


def _marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return ``(first, last)`` character of every mark: ``"`` or a lone pair ``''``."""
    out: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = text[i]
        if ch == '"':
            out.append((i, i))
        elif ch == "'" and _pair_at(text, i, end):
            out.append((i, i + 1))
            i += 1
        i += 1
    return out


def _pair_at(text: str, i: int, end: int) -> bool:
    """Whether two apostrophes, and no third, start at ``i``."""
    return (
        i + 1 < end
        and text[i + 1] == "'"
        and (i == 0 or text[i - 1] != "'")
        and (i + 2 >= len(text) or text[i + 2] != "'")
    )


def _role(text: str, i: int, j: int) -> str:
    """Return ``open``, ``close`` or ``either`` for the quote mark at ``[i, j]``."""
    before = text[i - 1] if i > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    opens = before in _OPEN_BEFORE and not after.isspace()
    closes = after in _CLOSE_AFTER or after == '"'
    if before in ".,!?" and after.isspace():
        closes, opens = True, False
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _opens_paragraph(text: str, pos: int) -> bool:
    """Whether a quote mark starts at ``pos``."""
    return text.startswith('"', pos) or (
        text.startswith("'", pos) and _pair_at(text, pos, len(text))
    )


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
    pending: tuple[int, int] | None = None  # open mark carried over from the last paragraph
    spanned = 1
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = _marks(text, p_start, p_end)
        if pending is not None:
            if marks and marks[0][0] == p_start:
                marks = marks[1:]  # the reopening mark of a continued quote
                spanned += 1
            else:
                LOGGER.debug("unpaired quote mark at %d dropped", pending[0])
                pending = None
        open_at = pending
        for i, j in marks:
            role = _role(text, i, j)
            if open_at is None:
                if role == "close":
                    LOGGER.debug("stray closing quote mark at %d dropped", i)
                    continue
                open_at, spanned = (i, j), (spanned if pending is not None else 1)
                continue
            if role == "open" and open_at[0] >= p_start and pending is None:
                LOGGER.debug("unpaired quote mark at %d dropped", open_at[0])
                open_at, spanned = (i, j), 1
                continue
            if i > open_at[1] + 1:
                out.append(Marked(open_at[1] + 1, i, open_at[0], j, spanned))
            open_at, pending, spanned = None, None, 1
        pending = None
        if open_at is not None:
            nxt = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if nxt is not None and _opens_paragraph(text, nxt):
                pending = open_at
            else:
                LOGGER.debug("unpaired quote mark at %d dropped", open_at[0])
    return out
