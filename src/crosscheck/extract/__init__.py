"""Extraction: entities, quotes, numbers, dates and check-worthy claims from parsed articles.

``analyze`` is the per-article stage every engine maps over articles (in process, on a
process pool, or on Spark): cleaned ``Article`` in, ``Analysis`` out, no I/O.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from crosscheck.extract.claims import extract_claims
from crosscheck.extract.dates import extract_dates, infer_anchor
from crosscheck.extract.entities import extract_entities
from crosscheck.extract.nlp import Parsed, iter_parsed, load_nlp, parse
from crosscheck.extract.numbers import extract_numbers
from crosscheck.extract.quotes import extract_quotes
from crosscheck.model import Analysis, Article, Problem
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

__all__ = ["analyze", "analyze_parsed", "load_nlp", "parse"]


def analyze_parsed(parsed: Parsed, settings: Settings) -> Analysis:
    """Run every extractor over one parsed article.

    An extractor that fails on an article drops only its own output for that article (the
    failure is recorded as a non-fatal ``Problem``); the other extractors still run.
    """
    article = parsed.article
    problems: list[Problem] = []

    def guarded(name: str, func, *args):  # type: ignore[no-untyped-def]
        try:
            return func(*args)
        except Exception as exc:  # one bad article must not stop the batch
            LOGGER.exception("%s failed on %s", name, article.source)
            problems.append(Problem(article.source, "CC002", f"{name} failed: {exc}", False))
            return ()

    anchor = guarded("date anchor", infer_anchor, parsed, settings) or article.date_anchor
    if anchor != article.date_anchor:
        article = replace(article, date_anchor=anchor)
        parsed = Parsed(article, parsed.docs)
    entities = tuple(guarded("entities", extract_entities, parsed, settings))
    quotes = tuple(guarded("quotes", extract_quotes, parsed, entities, settings))
    numbers = tuple(guarded("numbers", extract_numbers, parsed, settings))
    dates = tuple(guarded("dates", extract_dates, parsed, settings))
    claims = tuple(guarded("claims", extract_claims, parsed, entities, settings))
    return Analysis(article, entities, quotes, numbers, dates, claims, tuple(problems))


def analyze(articles: Sequence[Article], settings: Settings | None = None) -> list[Analysis]:
    """Parse and analyse cleaned articles (one ``nlp.pipe`` run for the batch).

    Args:
        articles: cleaned articles (see ``crosscheck.clean.clean``).
        settings: pipeline settings.

    Returns:
        One ``Analysis`` per article, in order.
    """
    settings = settings or Settings()
    return [analyze_parsed(p, settings) for p in iter_parsed(articles, settings)]
