"""Scale benchmark of story grouping on synthetic signatures (``bench_grouping``).

Synthetic corpus: stories arrive over ``DAYS`` days; each has its own vocabulary of
``STORY_TERMS`` content terms (half of them drawn from one of ``TOPICS`` shared subject
vocabularies, so look-alike stories exist) and ``STORY_ENTITIES`` entity names, and lasts up to
``STORY_DAYS`` days. An article draws ``ARTICLE_TERMS`` terms from its story's vocabulary and
``NOISE_TERMS`` from a Zipf-distributed background vocabulary (the words every story uses),
plus most of the story's entities and event slots (``STORY_SLOTS`` figures on keys shared
within its topic, so look-alike stories conflict on them). Articles arrive in date order and
are added one at a time to a ``StoryIndex`` (document frequencies learnt as they come, as in
production).

Measured: total and per-article grouping time as the index grows (per ``CHECKPOINTS``), the
process's peak resident memory (``resource.getrusage``; it includes the generator), the
number of open stories, and BCubed F1 against the generating stories (a sanity check that
the index still groups correctly at scale, not an accuracy figure). Signatures are built
directly (no text), so signature computation is not part of the timing;
``signature_cost`` measures it separately on generated text.
"""

from __future__ import annotations

import logging
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from crosscheck.model import Article
from crosscheck.settings import Settings
from crosscheck.stories.index import StoryIndex
from crosscheck.stories.signature import NUM_PERM, Signature, minhash_tokens

LOGGER = logging.getLogger(__name__)

DAYS = 365
STORY_TERMS = 40
STORY_ENTITIES = 4
STORY_SLOTS = 6
STORY_DAYS = 4
ARTICLE_TERMS = 24
NOISE_TERMS = 24
BACKGROUND = 50_000
MEAN_STORY_SIZE = 8
TOPICS = 200
CHECKPOINTS = 10
_MINHASH = bytes(4 * NUM_PERM)  # the index does not read MinHash; a constant keeps it cheap


def synthetic(n: int, *, seed: int = 0) -> tuple[Iterator[Signature], np.ndarray]:
    """``n`` synthetic signatures in date order, and the story label of each (by index)."""
    rng = np.random.default_rng(seed)
    n_stories = max(1, n // MEAN_STORY_SIZE)
    story_of = rng.integers(0, n_stories, size=n)
    start = rng.integers(0, DAYS, size=n_stories)
    day = start[story_of] + rng.integers(0, STORY_DAYS, size=n)
    order = np.argsort(day, kind="stable")
    story_of, day = story_of[order], day[order]
    vocab = rng.integers(1, 2**32, size=(n_stories, STORY_TERMS), dtype=np.uint64).astype(np.uint32)
    # Look-alike stories: half of each story's vocabulary comes from one of TOPICS shared
    # subject vocabularies (e.g. every earthquake story says "magnitude", "epicentre").
    topic_vocab = rng.integers(1, 2**32, size=(TOPICS, 4 * STORY_TERMS), dtype=np.uint64).astype(
        np.uint32
    )
    topic_of = rng.integers(0, TOPICS, size=n_stories)
    shared = rng.integers(0, 4 * STORY_TERMS, size=(n_stories, STORY_TERMS // 2))
    vocab[:, : STORY_TERMS // 2] = topic_vocab[topic_of[:, None], shared]
    background = rng.integers(1, 2**32, size=BACKGROUND, dtype=np.uint64).astype(np.uint32)

    def gen() -> Iterator[Signature]:
        for i in range(n):
            if i % 10_000 == 0:  # draw per chunk so memory does not grow with n
                m = min(10_000, n - i)
                zipf = np.minimum(rng.zipf(1.3, size=(m, NOISE_TERMS)) - 1, BACKGROUND - 1)
                picks = rng.random((m, STORY_TERMS), dtype=np.float32).argsort(axis=1)
                picks = picks[:, :ARTICLE_TERMS]
            j = i % 10_000
            s = int(story_of[i])
            terms = np.unique(np.concatenate([vocab[s, picks[j]], background[zipf[j]]]))
            counts = np.minimum(1 + (terms % 5), 255).astype(np.uint8)
            ents = tuple(f"entity {s} {k}" for k in range(STORY_ENTITIES) if (i + k) % 5)
            slots = tuple(
                f"n:thing{int(topic_of[s])}x{k}={(s * 7 + k) % 50}"
                for k in range(STORY_SLOTS)
                if (i + k) % 3
            )
            yield Signature(
                id=f"a{i}",
                day=int(day[i]),
                minhash=_MINHASH,
                shingles=100,
                terms=terms.astype("<u4").tobytes(),
                counts=counts.tobytes(),
                entities=ents,
                title="",
                slots=slots,
            )

    return gen(), story_of


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _bcubed_f1(pred: dict[str, str], labels: np.ndarray) -> float:
    """BCubed F1 of predicted stories against generating labels (vectorised)."""
    ids = np.array([int(a[1:]) for a in pred], dtype=np.int64)
    plabels = np.unique(np.array(list(pred.values())), return_inverse=True)[1]
    glabels = labels[ids]
    pair = plabels.astype(np.int64) * (int(glabels.max()) + 1) + glabels
    _, pair_inv, pair_n = np.unique(pair, return_inverse=True, return_counts=True)
    _, p_inv, p_n = np.unique(plabels, return_inverse=True, return_counts=True)
    _, g_inv, g_n = np.unique(glabels, return_inverse=True, return_counts=True)
    both = pair_n[pair_inv]
    p = float(np.mean(both / p_n[p_inv]))
    r = float(np.mean(both / g_n[g_inv]))
    return 2 * p * r / (p + r) if p + r else 0.0


def bench_one(n: int, *, seed: int = 0, settings: Settings | None = None) -> dict[str, Any]:
    """Group ``n`` synthetic signatures one at a time; return timing, memory and quality."""
    settings = settings or Settings()
    sigs, labels = synthetic(n, seed=seed)
    index = StoryIndex(settings)
    step = max(1, n // CHECKPOINTS)
    curve: list[dict[str, Any]] = []
    merges = 0
    started = last = time.perf_counter()
    cpu_started = time.process_time()
    for i, sig in enumerate(sigs, 1):
        merges += len(index.add(sig).merged)
        if i % step == 0 or i == n:
            now = time.perf_counter()
            done = step if i % step == 0 else i % step
            curve.append(
                {
                    "articles": i,
                    "us_per_article": round(1e6 * (now - last) / done, 1),
                    "open_stories": len(index.live),
                }
            )
            last = now
    total = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    pred = {a: st.id for st in index.stories() for a in st.articles}
    return {
        "articles": n,
        "seconds": round(total, 2),
        "us_per_article": round(1e6 * total / n, 1),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mb": round(_peak_mb(), 1),
        "stories": len(index),
        "stories_true": len(np.unique(labels)),
        "merges": merges,
        "bcubed_f1": round(_bcubed_f1(pred, labels), 4),
        "curve": curve,
    }


def signature_cost(n: int = 300, words: int = 400, *, seed: int = 0) -> dict[str, float]:
    """CPU microseconds per article to MinHash ``words``-word texts: ours (numpy) vs datasketch."""
    from crosscheck.stories.signature import signature

    rng = np.random.default_rng(seed)
    lexicon = [f"w{k}" for k in range(5000)]
    texts = [" ".join(lexicon[j] for j in rng.integers(0, 5000, size=words)) for _ in range(n)]
    t0 = time.process_time()
    for text in texts:
        minhash_tokens(text.split())
    ours = time.process_time() - t0
    t0 = time.process_time()
    for k, text in enumerate(texts):
        signature(Article(id=str(k), source="bench", text=text))
    full = time.process_time() - t0
    out = {"numpy_minhash_us": round(1e6 * ours / n, 1), "signature_us": round(1e6 * full / n, 1)}
    try:
        from datasketch import MinHash
    except ImportError:  # optional comparison only
        return out
    t0 = time.process_time()
    for text in texts:
        toks = text.split()
        grams = {" ".join(toks[i : i + 5]).encode() for i in range(len(toks) - 4)}
        mh = MinHash(num_perm=NUM_PERM)
        mh.update_batch(list(grams))
    out["datasketch_minhash_us"] = round(1e6 * (time.process_time() - t0) / n, 1)
    return out


def bench_grouping(
    sizes: Sequence[int], *, seed: int = 0, settings: Settings | None = None
) -> dict[str, Any]:
    """Run the grouping benchmark for each corpus size (see the module docstring).

    Args:
        sizes: numbers of synthetic articles, e.g. ``[10_000, 100_000]``.
        seed: random seed of the generator.
        settings: ``story_window_days`` is read.

    Returns:
        ``{"sizes": [per-size figures...], "signature": per-article signature cost}``.
    """
    runs = [bench_one(int(n), seed=seed, settings=settings) for n in sizes]
    return {"sizes": runs, "signature": signature_cost(seed=seed)}
