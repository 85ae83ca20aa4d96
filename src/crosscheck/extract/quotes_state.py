"""Per-article state of quote extraction: quotes under construction and shared context.

Helpers of ``extract.quotes`` (see its docstring for the method).
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field

from crosscheck.extract.lexicon import Lexicon
from crosscheck.extract.nlp import Parsed
from crosscheck.extract.quotes_marks import Marked, find_marked
from crosscheck.extract.quotes_speakers import NameIndex, SpeakerMemory
from crosscheck.model import Entity, QuoteKind, Speaker

LOGGER = logging.getLogger(__name__)


@dataclass
class Raw:
    """A quote under construction (article offsets)."""

    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    sentence: tuple[int, int]
    via: list[str] = field(default_factory=list)
    outer_via: list[str] = field(default_factory=list)
    paragraph: int = 0
    mode: str | None = None  # inherited by a continuation that has no cue of its own
    gaps: list[tuple[int, int]] = field(default_factory=list)  # the attribution inside

    def join(self, start: int, end: int) -> None:
        """Take in the fragment ``[start, end)`` of the same quote; what stands between
        the two (the attribution: ',” she said. “') becomes a gap."""
        if start >= self.end:
            self.gaps.append((self.end, start))
        elif end <= self.start:
            self.gaps.append((end, self.start))
        self.start, self.end = min(self.start, start), max(self.end, end)


@dataclass
class Bare:
    """A cue verb with a speaker but no complement: it waits for a direct quote."""

    pos: int
    speaker: Speaker
    cue: str
    cue_start: int
    cue_end: int
    sentence: tuple[int, int]
    via: list[str]
    paragraph: int
    colon: bool
    claimed: Raw | None = None


class Context:
    """Per-article state shared by the rules."""

    def __init__(self, parsed: Parsed, entities: tuple[Entity, ...], lex: Lexicon) -> None:
        self.text = parsed.article.analysis_text
        self.lex = lex
        self.names = NameIndex.build(parsed.docs, entities)
        self.memory = SpeakerMemory()
        # Paragraph ends from the last token (``Doc.text`` would rebuild the string).
        bounds = [
            (off, off + (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0))  # type: ignore[index, arg-type]
            for off, doc in parsed.docs
        ]
        self.marked: list[Marked] = find_marked(self.text, bounds)
        self.mark_starts = [m.open_mark for m in self.marked]
        # A name inside quote marks is no subject a pronoun outside them can refer to.
        self.names.subjects = [(p, n) for p, n in self.names.subjects if not self.in_quote(p)]
        self.used: set[int] = set()
        self.sentences: list[tuple[int, int]] = []
        for off, doc in parsed.docs:
            for sent in doc.sents:  # type: ignore[attr-defined]
                self.sentences.append((off + sent.start_char, off + sent.end_char))
        self.sent_starts = [s for s, _ in self.sentences]

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a direct quote (marks included)."""
        k = bisect.bisect_right(self.mark_starts, pos) - 1
        return k >= 0 and self.marked[k].open_mark <= pos <= self.marked[k].close_mark

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """Return the sentence containing ``pos``."""
        k = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sentences[k] if self.sentences else (pos, pos)

    def marks_in(self, start: int, end: int) -> list[int]:
        """Indices of direct quotes overlapping ``[start, end)`` (marks included)."""
        k = max(0, bisect.bisect_right(self.mark_starts, start) - 1)
        out = []
        while k < len(self.marked) and self.marked[k].open_mark < end:
            if self.marked[k].close_mark >= start:
                out.append(k)
            k += 1
        return out
