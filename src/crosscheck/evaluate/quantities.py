"""Quantity evaluation on NewsQuant (dev half): value + unit, and value + unit + bound.

Data: ``NewsQuant.dev.json``, a list of ``{text, quantities: [{change, value, unit,
normalized_unit, referred_concepts}]}`` (one news sentence each). Each sentence is analysed
as its own article (parsed, then ``extract_numbers``).

Matching rule (greedy, one-to-one per sentence): a predicted number matches a gold quantity
when the values are equal within 1e-6 relative (``math.isclose(rel_tol=1e-6)``) and the units
agree after normalisation: both sides go through ``units.canonical_unit`` (lower case,
symbols and codes to words: ``$``/``USD`` -> ``dollar``, ``%``/``per cent`` -> ``percentage``;
"a"/"per" rates -> ``X per Y``; plural -> singular), and they agree when equal, when the
gold's ``unit`` or ``normalized_unit`` equals ours, or when their last words (head nouns of
counted things: "new seasons" vs "seasons") are equal; gold unit ``-`` matches no unit.
A gold range ``a-b`` is scored as two quantities, ``a`` and ``b`` (we emit both ends).
Main precision/recall/f1: value + unit. ``bound_f1``: value + unit + bound, with gold
``change`` mapped ``=``, ``up``, ``down`` -> ``=``; ``>`` -> ``>`` or ``>=``; ``<`` -> ``<`` or
``<=``; ``~`` -> ``~`` (range ends count with any bound). ``value_f1``: value only.

``split``: NewsQuant has only this dev half, so ``dev`` and ``all`` are the same; ``train``
is refused (rules were written on general knowledge and looked at these sentences; read the
figures as development figures).

Folds (``folds``, default 5; 0 or None turns them off): the sentences are dealt into K folds
by a fixed-seed shuffle of their indices (``FOLD_SEED``; the same folds on every run and
every machine); each fold's value + unit F1 is reported (``fold_f1``), with their mean
(``fold_mean_f1``), worst (``fold_min_f1``) and spread (``fold_spread_f1``, best - worst).
The extractor has no parameters fitted to these sentences (its rules are grammar and
lexicon), so nothing is re-chosen per fold: the folds measure how much the figure leans on a
few sentences. A change that lifts one fold and drops another is not kept.

``predictions``: JSONL, one object per sentence index ``{"index": int, "quantities":
[{"value": float, "unit": str|null, "bound": "="}]}``.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from pathlib import Path
from typing import Any

from crosscheck.errors import EvalDataError
from crosscheck.evaluate.base import EvalResult, prf, write_errors
from crosscheck.extract.units import canonical_unit
from crosscheck.model import Article
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

_CHANGE_BOUNDS = {
    "=": {"="}, "up": {"="}, "down": {"="}, ">": {">", ">="}, "<": {"<", "<="}, "~": {"~", "<~"},
}  # fmt: skip


FOLD_SEED = 17
DEFAULT_FOLDS = 5


def fold_of(n: int, k: int, seed: int = FOLD_SEED) -> list[int]:
    """The fold (0..k-1) of each of ``n`` items: a fixed-seed shuffle dealt round-robin."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    out = [0] * n
    for rank, index in enumerate(order):
        out[index] = rank % k
    return out


def fold_figures(counts: list[tuple[int, int, int]], k: int) -> dict[str, Any]:
    """Per-fold value + unit F1 from per-sentence ``(tp, predicted, gold)`` counts."""
    folds = fold_of(len(counts), k)
    sums = [[0, 0, 0] for _ in range(k)]
    for fold, (tp, n_pred, n_gold) in zip(folds, counts, strict=True):
        sums[fold][0] += tp
        sums[fold][1] += n_pred
        sums[fold][2] += n_gold
    f1s = [round(prf(*s)[2], 4) for s in sums]
    return {
        "folds": k,
        "fold_f1": f1s,
        "fold_mean_f1": sum(f1s) / k,
        "fold_min_f1": min(f1s),
        "fold_spread_f1": max(f1s) - min(f1s),
    }


def load(data: Path) -> list[dict[str, Any]]:
    """Read ``NewsQuant.dev.json`` from ``data`` (a folder or the file itself)."""
    path = data / "NewsQuant.dev.json" if data.is_dir() else data
    if not path.exists():
        raise EvalDataError(f"NewsQuant file not found at {path}")
    rows = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(rows, list):
        raise EvalDataError(f"{path}: expected a JSON list")
    return rows


def gold_items(quantities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flatten gold quantities: ranges ``a-b`` become two items; unreadable values are skipped."""
    out: list[dict[str, Any]] = []
    for q in quantities:
        raw = str(q.get("value", "")).strip()
        parts = [raw]
        if "-" in raw[1:]:
            cut = raw.index("-", 1)
            parts = [raw[:cut], raw[cut + 1 :]]
        for k, part in enumerate(parts):
            try:
                value = float(part)
            except ValueError:
                LOGGER.debug("skipping unreadable gold value %r", raw)
                continue
            out.append({**q, "num": value, "is_range": len(parts) > 1, "end": k})
    return out


def units_agree(pred: str | None, gold_unit: str | None, gold_norm: str | None) -> bool:
    """The unit rule of the module docstring."""
    ours = canonical_unit(pred)
    golds = {canonical_unit(gold_unit), canonical_unit(gold_norm)}
    if ours is None:
        return canonical_unit(gold_unit) is None or canonical_unit(gold_norm) is None
    if ours in golds:
        return True
    return any(g is not None and g.split()[-1] == ours.split()[-1] for g in golds)


def match(preds: list[dict[str, Any]], golds: list[dict[str, Any]], *, unit: bool = True,
          bound: bool = False) -> list[tuple[int, int]]:  # fmt: skip
    """Greedy one-to-one matching of predicted to gold quantities; returns index pairs."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi in used or not math.isclose(p["value"], g["num"], rel_tol=1e-6):
                continue
            if unit and not units_agree(p.get("unit"), g.get("unit"), g.get("normalized_unit")):
                continue
            if bound and not g["is_range"]:
                allowed = _CHANGE_BOUNDS.get(str(g.get("change", "=")), {"="})
                if p.get("bound", "=") not in allowed:
                    continue
            used.add(pi)
            pairs.append((pi, gi))
            break
    return pairs


def _predict(texts: list[str], settings: Settings) -> list[list[dict[str, Any]]]:
    from crosscheck.extract.nlp import parse
    from crosscheck.extract.numbers import extract_numbers

    articles = [Article(id=f"s{i}", source=f"newsquant:{i}", text=t, clean_text=t)
                for i, t in enumerate(texts)]  # fmt: skip
    out = []
    for parsed in parse(articles, settings):
        nums = extract_numbers(parsed, settings)
        out.append([{"value": n.value, "unit": n.unit, "bound": n.bound, "text": n.text}
                    for n in nums])  # fmt: skip
    return out


def run(
    data: Path,
    *,
    limit: int | None = None,
    split: str = "dev",
    predictions: Path | None = None,
    errors: Path | None = None,
    settings: Settings | None = None,
    folds: int | None = DEFAULT_FOLDS,
) -> EvalResult:
    """Score numeric extraction on NewsQuant (see the module docstring for the rules)."""
    if split not in {"dev", "all"}:
        raise EvalDataError("NewsQuant has only a dev half: use split='dev' or 'all'")
    settings = settings or Settings()
    t0 = time.perf_counter()
    rows = load(data)[:limit] if limit else load(data)
    texts = [str(r.get("text", "")) for r in rows]
    if predictions is not None:
        given: dict[int, list[dict[str, Any]]] = {}
        for line in predictions.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                given[int(obj["index"])] = list(obj.get("quantities", []))
        preds = [given.get(i, []) for i in range(len(rows))]
    else:
        preds = _predict(texts, settings)
    n_gold = n_pred = tp = tp_bound = tp_value = 0
    err_rows: list[dict[str, Any]] = []
    counts: list[tuple[int, int, int]] = []
    for i, (row, pred) in enumerate(zip(rows, preds, strict=True)):
        golds = gold_items(list(row.get("quantities", [])))
        n_gold += len(golds)
        n_pred += len(pred)
        pairs = match(pred, golds)
        tp += len(pairs)
        counts.append((len(pairs), len(pred), len(golds)))
        tp_bound += len(match(pred, golds, bound=True))
        tp_value += len(match(pred, golds, unit=False))
        hit_p = {p for p, _ in pairs}
        hit_g = {g for _, g in pairs}
        for gi, g in enumerate(golds):
            if gi not in hit_g:
                err_rows.append({"index": i, "kind": "missed", "value": g["num"],
                                 "unit": g.get("unit"), "text": texts[i]})  # fmt: skip
        for pi, p in enumerate(pred):
            if pi not in hit_p:
                err_rows.append({"index": i, "kind": "extra", **p, "sentence": texts[i]})
    write_errors(errors, err_rows)
    p_, r_, f_ = prf(tp, n_pred, n_gold)
    measures: dict[str, Any] = {
        "bound_f1": prf(tp_bound, n_pred, n_gold)[2],
        "value_f1": prf(tp_value, n_pred, n_gold)[2],
        "gold": n_gold,
        "predicted": n_pred,
    }
    if folds and len(rows) >= folds > 1:
        measures.update(fold_figures(counts, folds))
    notes = ["main figure: value + unit (see crosscheck.evaluate.quantities for the rule)",
             "NewsQuant has only a dev half: these are development figures"]  # fmt: skip
    return EvalResult("quantities", p_, r_, f_, len(rows), time.perf_counter() - t0, measures,
                      notes)  # fmt: skip
