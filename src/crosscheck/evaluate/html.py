"""Main-text extraction from HTML, scored on the Scrapinghub article-extraction benchmark.

Data: ``shared/data/scrapinghub_aeb`` (``html/<id>.html.gz`` pages, ``ground-truth.json``
with the gold ``articleBody`` per id). The folder holds the development portion only, so
``split`` accepts ``"dev"`` (or ``"all"``): both mean every page there.

Scoring reproduces the benchmark's own ``evaluate.py`` (see its README.rst):

* tokens are the ``\\w+`` runs of a text (Unicode), shingles are the 4-grams of tokens
  (a text of fewer than four tokens is one shorter shingle);
* per page, TP/FP/FN are multiset overlaps of gold and predicted shingles, then divided
  by TP+FP+FN so that long pages do not weigh more;
* precision is averaged over pages with TP+FP > 0 and recall over pages with TP+FN > 0
  (a page where FP = FN = 0 scores 1); F1 is the harmonic mean of the two averages
  (not an average of per-page F1s); accuracy is the share of pages whose token lists are
  identical. ``f1_std`` is the bootstrap standard deviation (fixed seed, 200 resamples;
  the benchmark uses 1000 unseeded ones).

Our prediction for a page is what crosscheck keeps: HTML ingest (trafilatura with
``crosscheck.clean.HTML_OPTIONS``, lxml ``<p>`` fallback) then ``clean``, with the removed
stretches cut out. A page that yields a ``Problem`` predicts the empty string.

``predictions=PATH`` scores another system instead: a JSONL file with one object a line,
``{"id": "<page id>", "articleBody": "<extracted text>"}``; a page missing from the file
counts as an empty prediction (and is reported in ``notes``).

``errors=PATH`` writes one JSONL row per page, worst F1 first: ``id``, ``url``,
``precision``, ``recall``, ``f1``, ``gold_tokens``, ``pred_tokens``, ``problem`` and the
``removed`` reasons of our cleaning.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck.clean import clean, kept_text
from crosscheck.errors import EvalDataError
from crosscheck.evaluate.base import EvalResult, write_errors
from crosscheck.ingest.files import read_bytes
from crosscheck.model import Problem
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

DEFAULT_DATA = Path("../shared/data/scrapinghub_aeb")
SHINGLE = 4
BOOTSTRAP = 200
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    """Normalised TP/FP/FN of one page (they sum to 1, or are all 0 for two empty texts)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        """Per-page precision as the benchmark defines it."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Per-page recall as the benchmark defines it."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Per-page F1 (for error listings only; the corpus F1 is not their average)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def tokenize(text: str | None) -> list[str]:
    """Return the ``\\w+`` tokens of ``text``."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Return the multiset of token n-grams of ``text`` (one short gram for a short text)."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score_page(gold: str | None, pred: str | None) -> PageScore:
    """Score one prediction against its gold text (shingle overlap, normalised)."""
    g, p = shingles(gold), shingles(pred)
    tp = float(sum((g & p).values()))
    fp = float(sum(p.values())) - tp
    fn = float(sum(g.values())) - tp
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


def aggregate(scores: Sequence[PageScore]) -> tuple[float, float, float]:
    """Return corpus precision, recall and F1 the way the benchmark averages them."""
    ps = [s.precision for s in scores if s.tp + s.fp > 0]
    rs = [s.recall for s in scores if s.tp + s.fn > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def bootstrap_std(scores: Sequence[PageScore], *, rounds: int = BOOTSTRAP) -> float:
    """Return the bootstrap standard deviation of the corpus F1 (seeded, reproducible)."""
    if len(scores) < 2:
        return 0.0
    rng = random.Random(0)
    values = []
    for _ in range(rounds):
        sample = [scores[rng.randrange(len(scores))] for _ in scores]
        values.append(aggregate(sample)[2])
    mean = sum(values) / len(values)
    return float((sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5)


def load_gold(data: Path) -> dict[str, dict[str, Any]]:
    """Load ``ground-truth.json`` (optionally wrapped as ``{"output": {...}}``)."""
    path = data / "ground-truth.json"
    if not path.is_file():
        raise EvalDataError(f"{path} not found: is {data} the Scrapinghub benchmark folder?")
    raw = json.loads(path.read_text(encoding="utf-8"))
    gold: dict[str, dict[str, Any]] = raw.get("output", raw)
    return gold


def load_predictions(path: Path) -> dict[str, str]:
    """Load a predictions JSONL file (``{"id": ..., "articleBody": ...}`` per line)."""
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out[str(row["id"])] = str(row.get("articleBody") or "")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise EvalDataError(f"{path}:{number}: not a prediction row ({exc})") from exc
    return out


def predict(page: bytes, page_id: str, settings: Settings) -> tuple[str, str | None, list[str]]:
    """Return crosscheck's kept text for one page, the problem code if any, removed reasons."""
    item = read_bytes(page_id, page, settings, suffix=".html")
    if isinstance(item, Problem):
        return "", item.code, []
    article = clean(item, settings)
    return kept_text(article), None, [r.reason for r in article.removed]


def run(
    data: Path,
    *,
    limit: int | None = None,
    split: str = "dev",
    predictions: Path | None = None,
    errors: Path | None = None,
    settings: Settings | None = None,
) -> EvalResult:
    """Score main-text extraction on the benchmark pages (first ``limit`` ids, sorted).

    Args:
        data: the ``scrapinghub_aeb`` folder.
        limit: score only the first ``limit`` page ids in sorted order.
        split: ``"dev"`` or ``"all"`` (the shared folder holds the dev portion only).
        predictions: JSONL of another system's output to score instead of crosscheck.
        errors: where to write per-page scores, worst first.
        settings: pipeline settings for crosscheck's own prediction.

    Returns:
        ``EvalResult`` with the benchmark's precision, recall and F1, plus ``accuracy``
        and ``f1_std`` in ``measures``.

    Raises:
        EvalDataError: the data folder, a page or the predictions file is missing or bad.
    """
    if split not in ("dev", "all"):
        raise EvalDataError(f"split {split!r}: the HTML benchmark has only 'dev' (or 'all')")
    settings = settings or Settings()
    started = time.perf_counter()
    gold = load_gold(data)
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    theirs = load_predictions(predictions) if predictions else None
    notes: list[str] = []
    scores: list[PageScore] = []
    rows: list[dict[str, Any]] = []
    exact = 0
    problems = 0
    missing = 0
    for page_id in ids:
        truth = str(gold[page_id].get("articleBody") or "")
        problem: str | None = None
        reasons: list[str] = []
        if theirs is not None:
            if page_id not in theirs:
                missing += 1
            pred = theirs.get(page_id, "")
        else:
            path = data / "html" / f"{page_id}.html.gz"
            try:
                page = gzip.decompress(path.read_bytes())
            except OSError as exc:
                raise EvalDataError(f"cannot read page {path}: {exc}") from exc
            pred, problem, reasons = predict(page, page_id, settings)
            problems += problem is not None
        score = score_page(truth, pred)
        scores.append(score)
        exact += tokenize(truth) == tokenize(pred)
        rows.append(
            {
                "id": page_id,
                "url": gold[page_id].get("url"),
                "precision": round(score.precision, 4),
                "recall": round(score.recall, 4),
                "f1": round(score.f1, 4),
                "gold_tokens": len(tokenize(truth)),
                "pred_tokens": len(tokenize(pred)),
                "problem": problem,
                "removed": reasons,
            }
        )
    rows.sort(key=lambda row: (row["f1"], row["id"]))
    write_errors(errors, rows)
    precision, recall, f1 = aggregate(scores)
    if missing:
        notes.append(f"{missing} page(s) missing from {predictions}: scored as empty")
    if problems:
        notes.append(f"{problems} page(s) gave no text (scored as empty)")
    system = str(predictions) if predictions else "crosscheck (trafilatura + clean)"
    return EvalResult(
        task="html",
        precision=precision,
        recall=recall,
        f1=f1,
        items=len(ids),
        seconds=time.perf_counter() - started,
        measures={
            "accuracy": exact / len(ids) if ids else 0.0,
            "f1_std": bootstrap_std(scores),
            "system": system,
            "problems": problems,
        },
        notes=notes,
    )
