"""The per-article stage and every call corpus mode makes into the other stages, in one place.

``process_chunk`` is what a worker runs: clean each raw article, refuse the unusable ones,
analyse the rest in one ``nlp.pipe`` batch, and compute each story signature, so that the
parent process (the single writer) only stores and assigns stories. The other helpers wrap
``crosscheck.stories`` and ``crosscheck.compare`` for ``crosscheck.corpus``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosscheck.errors import CODES
from crosscheck.model import Analysis, Article, Problem, Report
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Processed:
    """The result of the per-article stage: the analysis and its story signature."""

    analysis: Analysis
    signature: Any = None  # crosscheck.stories.Signature; None when it could not be computed


def init_worker(settings: Settings) -> None:
    """Process-pool initializer: load the spaCy pipeline once per worker process."""
    from crosscheck.extract import load_nlp

    logging.basicConfig(level=logging.WARNING)
    load_nlp(settings)


def _failed(article: Article, what: str, exc: BaseException) -> Problem:
    return Problem(article.source, "CC002", f"{article.source}: {CODES['CC002']}: {what}: {exc}")


def clean_article(article: Article, settings: Settings) -> Article | Problem:
    """Clean one raw article; a ``Problem`` when it fails or too little text remains."""
    from crosscheck.clean import clean, is_usable
    from crosscheck.ingest.files import too_long

    refused = too_long(article.source, article.text, settings)
    if refused is not None:
        return refused
    try:
        cleaned = clean(article, settings)
    except Exception as exc:  # one bad article must not stop the batch
        LOGGER.exception("cleaning failed on %s", article.source)
        return _failed(article, "cleaning failed", exc)
    return is_usable(cleaned, settings) or cleaned


def signature_of(analysis: Analysis, settings: Settings) -> Any:
    """The story signature of an analysed article (None when it cannot be computed)."""
    from crosscheck.stories import signature

    try:
        return signature(analysis.article, analysis, settings=settings)
    except Exception:  # grouping degrades (article stays unassigned); storing goes on
        LOGGER.exception("signature failed on %s", analysis.article.source)
        return None


def process_chunk(articles: Sequence[Article], settings: Settings) -> list[Processed | Problem]:
    """Clean, analyse and sign a chunk of raw articles; one result per article, in order.

    The chunk is analysed in one batch; if that raises, each article is retried alone so
    only the article that fails becomes a ``Problem``.
    """
    from crosscheck.extract import analyze

    results: list[Processed | Problem | None] = []
    usable: list[tuple[int, Article]] = []
    for article in articles:
        cleaned = clean_article(article, settings)
        if isinstance(cleaned, Problem):
            results.append(cleaned)
        else:
            usable.append((len(results), cleaned))
            results.append(None)
    analyses: list[Analysis | Problem]
    try:
        analyses = list(analyze([a for _, a in usable], settings))
    except Exception:
        LOGGER.exception("batch analysis failed; retrying article by article")
        analyses = []
        for _, article in usable:
            try:
                analyses.extend(analyze([article], settings))
            except Exception as exc:
                analyses.append(_failed(article, "analysis failed", exc))
    for (slot, _), analysis in zip(usable, analyses, strict=True):
        if isinstance(analysis, Problem):
            results[slot] = analysis
        else:
            results[slot] = Processed(analysis, signature_of(analysis, settings))
    return [r for r in results if r is not None]


# --- stories and findings (used by the single writer) -------------------------------------
def new_story_index(state: str | None, settings: Settings) -> Any:
    """A store-backed ``StoryIndex``: rebuilt from its JSON state, or empty."""
    import json

    from crosscheck.stories import StoryIndex

    if state:
        try:
            index = StoryIndex.from_state(json.loads(state), settings)
            index.keep_closed = False  # memberships of closed stories live in the store
            return index
        except (ValueError, KeyError, TypeError):
            LOGGER.warning("story index state unreadable; starting a new index")
    return StoryIndex(settings, keep_closed=False)


def index_state(index: Any) -> str:
    """The JSON text of a ``StoryIndex``'s state."""
    import json

    return json.dumps(index.to_state(), separators=(",", ":"))


def story_order(analyses: Sequence[Analysis]) -> list[Analysis]:
    """One story's articles in the order its report labels them A, B, C...: by publication
    date (undated last), then source, then id. Every engine reads a story's articles in its
    own order (insertion, partition); this order is theirs alike, so the same story gives
    the same report, labels included, on every engine."""
    return sorted(
        analyses,
        key=lambda a: (
            a.article.published is None,
            a.article.published or "",
            a.article.source,
            a.article.id,
        ),
    )


def compare_story(analyses: Sequence[Analysis], settings: Settings) -> Report:
    """Compare the articles of one story (``crosscheck.compare.compare``) in ``story_order``."""
    from crosscheck.compare import compare

    return compare(story_order(analyses), settings)


def copies_of(analyses: Sequence[Analysis], settings: Settings) -> list[tuple[str, str, float]]:
    """``(copy, origin, similarity)`` near-duplicate links among one story's articles."""
    from crosscheck.stories import find_copies

    sigs = [s for s in (signature_of(a, settings) for a in story_order(analyses)) if s is not None]
    return [(c.copy, c.origin, float(c.similarity)) for c in find_copies(sigs)]
