"""Speed: end-to-end articles/second against bare spaCy ``nlp.pipe`` on the same texts.

Both figures come from one run on one machine, so their ratio is meaningful where absolute
numbers are not. The baseline is the same loaded pipeline's ``nlp.pipe`` over the same
cleaned texts; end to end is clean + parse + extract + compare (groups of ``group`` articles).
"""

from __future__ import annotations

import logging
import os
import platform
import resource
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from crosscheck.model import Article, text_hash
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _corpus(folder: Path | None, count: int, settings: Settings) -> list[Article]:
    from crosscheck.ingest import read_sources
    from crosscheck.pipeline import prepare

    base = folder or EXAMPLES
    raw = [a for a in read_sources([str(base)], settings) if isinstance(a, Article)]
    if not raw:
        raise SystemExit(f"no articles found in {base}")
    out: list[Article] = []
    i = 0
    while len(out) < count:
        article = raw[i % len(raw)]
        # A distinct copy each round (a marker line), so nothing is cached or deduplicated.
        text = article.text + f"\n\n(Reference {i}.)"
        out.append(replace(article, id=text_hash(text)[:16], text=text, clean_text=""))
        i += 1
    cleaned, _ = prepare(out, settings)
    return cleaned


def run_bench(
    *,
    corpus: Path | None = None,
    articles: int = 60,
    repeat: int = 3,
    group: int = 4,
    grouping: list[int] | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Time bare ``nlp.pipe`` and the end-to-end pipeline on the same texts.

    Returns:
        A flat dict of figures (articles/second, the ratio, words, machine).
    """
    from crosscheck.align import compare
    from crosscheck.extract import analyze
    from crosscheck.extract.nlp import load_nlp, model_name

    settings = settings or Settings()
    started = time.perf_counter()
    nlp = load_nlp(settings)
    load_seconds = time.perf_counter() - started
    docs = _corpus(corpus, articles, settings)
    texts = [a.analysis_text for a in docs]
    words = sum(len(t.split()) for t in texts)
    bare, e2e = [], []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=settings.batch_size):  # type: ignore[attr-defined]
            pass
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for i in range(0, len(docs), group):
            compare(analyze(docs[i : i + group], settings), settings)
        e2e.append(time.perf_counter() - t0)
    best_bare, best_e2e = min(bare), min(e2e)
    figures: dict[str, Any] = {
        "model": model_name(settings),
        "model_load_seconds": round(load_seconds, 2),
        "articles": len(docs),
        "words": words,
        "nlp_pipe_articles_per_second": round(len(docs) / best_bare, 2),
        "end_to_end_articles_per_second": round(len(docs) / best_e2e, 2),
        "ratio_end_to_end_vs_nlp_pipe": round(best_bare / best_e2e, 3),
        "nlp_pipe_words_per_second": round(words / best_bare),
        "repeat": repeat,
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if grouping:
        try:
            from crosscheck.cluster import bench_grouping

            figures["grouping"] = bench_grouping(grouping)
        except ImportError:
            figures["grouping"] = "unavailable"
    return figures
