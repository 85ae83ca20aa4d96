"""Speed: end-to-end articles/second against bare spaCy ``nlp.pipe`` on the same texts.

Both figures come from one run on one machine, so their ratio is meaningful where absolute
numbers are not. The baseline is the same loaded pipeline's ``nlp.pipe`` over the same
cleaned texts; end to end is clean + parse + extract + compare (groups of ``group`` articles).
"""

from __future__ import annotations

import logging
import math
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


def _raw_corpus(
    folder: Path | None, count: int, settings: Settings, tag: str = ""
) -> list[Article]:
    """``count`` distinct raw articles cycled from ``folder`` (default: the examples)."""
    from crosscheck.ingest import read_sources

    base = folder or EXAMPLES
    raw = [a for a in read_sources([str(base)], settings) if isinstance(a, Article)]
    if not raw:
        raise SystemExit(f"no articles found in {base}")
    out: list[Article] = []
    i = 0
    while len(out) < count:
        article = raw[i % len(raw)]
        # A distinct copy each round (a marker line), so nothing is cached or deduplicated.
        text = article.text + f"\n\n(Reference {tag}{i}.)"
        out.append(replace(article, id=text_hash(text)[:16], text=text, clean_text=""))
        i += 1
    return out


def _corpus(folder: Path | None, count: int, settings: Settings) -> list[Article]:
    from crosscheck.pipeline import prepare

    cleaned, _ = prepare(_raw_corpus(folder, count, settings), settings)
    return cleaned


def _engine_run(
    warm: list[Article], timed: list[Article], processes: int, settings: Settings
) -> tuple[float, float]:
    """``(total seconds, seconds after the warm-up)`` of one local-engine run.

    ``warm`` goes first, on the same pool; the clock for the steady rate starts when its
    last result is back (every worker has started and loaded the model by then, and the
    timed chunks are already queued behind it).
    """
    from crosscheck.engine.local import run_stage

    t0 = time.perf_counter()
    t_warm = t0
    for seen, _ in enumerate(run_stage([*warm, *timed], settings, processes=processes), 1):
        if seen == len(warm):
            t_warm = time.perf_counter()
    end = time.perf_counter()
    return end - t0, end - t_warm


def bench_processes(
    counts: list[int], *, articles: int, corpus: Path | None = None, settings: Settings
) -> dict[str, Any]:
    """Articles/second of the local engine (clean, parse, extract, sign) per process count.

    Each count runs the engine once, on a fresh pool: first two chunks per worker of
    warm-up articles, then at least ``articles`` timed ones, rounded up to whole rounds of
    one chunk per worker (an 80-article run on two workers with 16-article chunks would
    otherwise end with one worker idle). The steady rate is the timed articles over the
    time from the last warm-up result to the last result, so pool start-up (spawning
    workers, loading the model in each) is left out; the rate over the whole run, start-up
    included, is given beside it. The run on one process happens in this process, so
    ``peak_rss_mb`` of ``run_bench`` covers it.
    """
    from crosscheck.engine.local import default_chunk

    out: dict[str, Any] = {}
    chunk = default_chunk(settings)
    for n in counts:
        warm = _raw_corpus(corpus, 2 * n * chunk, settings, tag=f"p{n}w")
        # Whole rounds of one chunk per worker, so no worker idles at the end.
        rounds = max(1, math.ceil(articles / (n * chunk)))
        timed = _raw_corpus(corpus, rounds * n * chunk, settings, tag=f"p{n}t")
        total, steady = _engine_run(warm, timed, n, settings)
        out[str(n)] = {
            "articles_per_second": round(len(timed) / steady, 2),
            "timed_articles": len(timed),
            "articles_per_second_with_startup": round((len(warm) + len(timed)) / total, 2),
            "seconds": [round(total, 2), round(steady, 2)],
            "warm_up_articles": len(warm),
        }
    base = out.get("1", {}).get("articles_per_second")
    for fig in out.values():
        rate = fig["articles_per_second"]
        fig["speedup_vs_1"] = round(rate / base, 2) if base and rate else None
    return {"per_count": out}


def run_bench(
    *,
    corpus: Path | None = None,
    articles: int = 60,
    repeat: int = 3,
    group: int = 4,
    grouping: list[int] | None = None,
    processes: list[int] | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Time bare ``nlp.pipe`` and the end-to-end pipeline on the same texts.

    Args:
        corpus: folder of articles to cycle through (default: the bundled examples).
        articles: articles per timed run.
        repeat: runs of each measurement; the best counts.
        group: articles compared together end to end.
        grouping: also time story grouping on synthetic signature sets of these sizes.
        processes: also time the local engine on these process counts (see
            ``bench_processes``).
        settings: pipeline settings.

    Returns:
        A dict of figures (articles/second, the ratio, words, machine, and the optional
        ``processes`` and ``grouping`` sections).
    """
    from crosscheck.compare import compare
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
    if processes:
        figures["processes"] = bench_processes(
            processes, articles=articles, corpus=corpus, settings=settings
        )
    if grouping:
        try:
            from crosscheck.bench_cluster import bench_grouping

            figures["grouping"] = bench_grouping(grouping)
        except ImportError:
            figures["grouping"] = "unavailable"
    return figures
