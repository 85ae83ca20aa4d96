"""The pipeline, stage by stage: ingest -> clean -> extract -> compare -> report.

This module is the table of contents of crosscheck. Each stage is a plain function of
model objects and ``Settings``; only ``ingest`` does I/O.

    1. ``ingest.read_sources``  files, folders, globs, stdin  -> Article | Problem
    2. ``clean.clean``          boilerplate out, offsets kept  -> Article
    3. ``extract.analyze``      entities, quotes, numbers, dates, claims -> Analysis
    4. ``align.compare``        corroborated / single-source / conflicting -> Report
    5. ``report.render``        terminal, JSON, Markdown, HTML
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, BinaryIO

from crosscheck.clean import clean, is_usable
from crosscheck.compare import compare
from crosscheck.errors import NothingToCompareError, TooManyArticlesError
from crosscheck.extract import analyze
from crosscheck.ingest import read_sources, read_text
from crosscheck.ingest.files import too_long
from crosscheck.model import Analysis, Article, Problem, Report
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)


def prepare(
    items: Iterable[Article | Problem], settings: Settings
) -> tuple[list[Article], list[Problem]]:
    """Clean raw articles; set aside problems, unusable articles and exact duplicates.

    Returns:
        The usable cleaned articles (in input order) and every problem met.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        cleaned = clean(item, settings)
        problem = is_usable(cleaned, settings)
        if problem is not None:
            problems.append(problem)
            continue
        if cleaned.id in seen:
            problems.append(
                Problem(
                    cleaned.source,
                    "CC017",
                    f"{cleaned.source}: same text as {seen[cleaned.id]}; compared once",
                    fatal=False,
                )
            )
            continue
        seen[cleaned.id] = cleaned.source
        articles.append(cleaned)
    return articles, problems


def analyze_articles(articles: Sequence[Article], settings: Settings) -> list[Analysis]:
    """Run the per-article stage (parse and extract) over cleaned articles."""
    return analyze(articles, settings)


def run(
    sources: Sequence[str],
    settings: Settings | None = None,
    *,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    stdin: BinaryIO | None = None,
) -> Report:
    """Compare the articles at ``sources`` (paths, folders, globs, or "-" for stdin).

    Args:
        sources: where the articles are.
        settings: pipeline settings.
        outlet: outlet name applied to every input (flags beat sidecar and page metadata).
        published: publication date applied to every input.
        url: URL applied to every input.
        stdin: stream read for the source "-".

    Returns:
        The comparison ``Report``; skipped inputs are listed in ``report.problems``.

    Raises:
        NothingToCompareError: no input gave a usable article.

    Example:
        >>> report = run(["a.txt", "b.html"])  # doctest: +SKIP
        >>> [f.kind for f in report.findings][:3]  # doctest: +SKIP
    """
    settings = settings or Settings()
    started = time.perf_counter()
    items = read_sources(
        sources, settings, outlet=outlet, published=published, url=url, stdin=stdin
    )
    report = compare_items(items, settings)
    report.stats["seconds"] = round(time.perf_counter() - started, 3)
    return report


def compare_items(
    items: Iterable[Article | Problem],
    settings: Settings,
    *,
    lock: AbstractContextManager[Any] | None = None,
) -> Report:
    """Clean, analyse and compare raw articles already read; problems are carried along.

    Args:
        items: raw articles and the problems met reading the inputs.
        settings: pipeline settings.
        lock: held while spaCy runs (a server compares one request at a time).

    Raises:
        NothingToCompareError: no item gave a usable article.
    """
    articles, problems = prepare(items, settings)
    if len(articles) > settings.max_compare:
        raise TooManyArticlesError(
            f"{len(articles)} articles are more than one comparison takes "
            f"(max_compare {settings.max_compare}): ingest them into a store with "
            "'crosscheck ingest FILES --db sqlite:///news.db', which groups them into stories"
        )
    if not articles:
        reasons = "; ".join(p.message for p in problems) or "no input given"
        raise NothingToCompareError(f"no usable article ({reasons})")
    if len(articles) == 1:
        problems.append(
            Problem(
                articles[0].source,
                "CC011",
                "only one usable article: every fact is single-source; give two or more "
                "articles to compare",
                fatal=False,
            )
        )
    with lock or nullcontext():
        analyses = analyze_articles(articles, settings)
    return compare(analyses, settings, problems=problems)


def compare_texts(
    texts: Sequence[str] | Mapping[str, str], settings: Settings | None = None
) -> Report:
    """Compare article texts given as strings (one call from Python).

    Args:
        texts: the texts, or a mapping of source name to text.
        settings: pipeline settings.

    Example:
        >>> report = compare_texts({"a": text_a, "b": text_b})  # doctest: +SKIP
    """
    settings = settings or Settings()
    named = (
        texts.items()
        if isinstance(texts, Mapping)
        else ((f"text-{i + 1}", t) for i, t in enumerate(texts))
    )
    articles = (read_text(name, text) for name, text in named)
    return compare_items((too_long(a.source, a.text, settings) or a for a in articles), settings)
