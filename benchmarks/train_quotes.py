"""Train the quote cue model (``crosscheck.extract.quotes_model``) on the PolNeAR train split.

Every verb outside quote marks whose complement is non-empty is a candidate. It is labelled
with the share of the article's annotators who tagged it as (part of) a Cue whose Content
overlaps the candidate's complement. A logistic regression over the features of
``quotes_model.features`` is fitted with numpy (full-batch Adam, L2 penalty); features
seen fewer than ``--min-count`` times are dropped. The decision threshold is the one that
maximises F1 of the candidates on a held-out fifth of the train articles (a model fitted on
the other four fifths); the shipped weights are then refitted on all train articles.

Only the train split is read: dev stays for measuring. The output holds feature names
(words and parse labels) with weights and counts, no text from the corpus.

Usage::

    .venv/bin/python benchmarks/train_quotes.py --data ../shared/data/polnear \
        [--out src/crosscheck/extract/data/quotes_cue_model.json] [--cache /tmp/polnear_train]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from crosscheck.evaluate.quotes import Doc, _normalise_marks, load  # noqa: E402
from crosscheck.extract.lexicon import lexicon  # noqa: E402
from crosscheck.extract.nlp import Parsed, load_nlp, parse  # noqa: E402
from crosscheck.extract.quotes_marks import find_marked  # noqa: E402
from crosscheck.extract.quotes_model import candidate_span, features, is_candidate  # noqa: E402
from crosscheck.model import Article  # noqa: E402
from crosscheck.settings import Settings  # noqa: E402

DEFAULT_OUT = ROOT / "src" / "crosscheck" / "extract" / "data" / "quotes_cue_model.json"


def parsed_split(data: Path, cache: Path | None) -> list[tuple[Doc, Parsed]]:
    """Parse the train articles (or read them back from ``cache``, a DocBin + offsets)."""
    from spacy.tokens import DocBin

    docs = load(data, "train")
    settings = Settings()
    arts = [
        Article(id=d.name, source=d.name, text=d.text, clean_text=_normalise_marks(d.text))
        for d in docs
    ]
    by_name = {a.id: a for a in arts}
    nlp = load_nlp(settings)
    if cache is not None and (cache / "train.spacy").exists():
        meta = pickle.loads((cache / "train.meta").read_bytes())
        spacy_docs = list(
            DocBin().from_bytes((cache / "train.spacy").read_bytes()).get_docs(nlp.vocab)
        )  # type: ignore[attr-defined]
        parsed, k = [], 0
        for name, offsets in meta:
            pairs = tuple((o, spacy_docs[k + i]) for i, o in enumerate(offsets))
            k += len(offsets)
            parsed.append(Parsed(by_name[name], pairs))
    else:
        parsed = parse(arts, settings)
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            bin_ = DocBin(store_user_data=False)
            meta = []
            for p in parsed:
                for _off, doc in p.docs:
                    bin_.add(doc)  # type: ignore[arg-type]
                meta.append((p.article.id, [off for off, _ in p.docs]))
            (cache / "train.spacy").write_bytes(bin_.to_bytes())
            (cache / "train.meta").write_bytes(pickle.dumps(meta))
    doc_by_name = {d.name: d for d in docs}
    return [(doc_by_name[p.article.id], p) for p in parsed]


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(max(a[0], s) < min(a[1], e) for s, e in spans)


def candidates(doc: Doc, parsed: Parsed) -> list[tuple[list[str], float]]:
    """Return ``(features, label)`` for every candidate verb of one article."""
    lex = lexicon("en")
    text = parsed.article.analysis_text
    bounds = [(off, off + len(d.text)) for off, d in parsed.docs]  # type: ignore[attr-defined]
    marked = find_marked(text, bounds)
    inside = [(m.open_mark, m.close_mark + 1) for m in marked]
    out = []
    k = len(doc.gold)
    for offset, sdoc in parsed.docs:
        for tok in sdoc:  # type: ignore[attr-defined]
            if not is_candidate(tok):
                continue
            pos = offset + tok.idx
            if _overlaps((pos, pos + 1), inside):
                continue
            span = candidate_span(tok)
            if span is None:
                continue
            c_start = offset + sdoc[span[0]].idx  # type: ignore[index]
            last = sdoc[span[1] - 1]  # type: ignore[index]
            c_end = offset + last.idx + len(last.text)
            hits = 0
            for golds in doc.gold.values():
                if any(
                    _overlaps((pos, pos + len(tok.text)), g.cue)
                    and _overlaps((c_start, c_end), g.content)
                    for g in golds
                ):
                    hits += 1
            out.append((features(tok, span, lex), hits / k))
    return out


def fit(rows: list[list[int]], y: np.ndarray, n_feat: int, *, l2: float, steps: int) -> np.ndarray:
    """Fit logistic regression weights (last entry is the bias) with full-batch Adam."""
    lengths = np.array([len(r) for r in rows])
    idx = np.concatenate([np.array(r, dtype=np.int64) for r in rows])
    row_of = np.repeat(np.arange(len(rows)), lengths)
    w = np.zeros(n_feat + 1)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    n = len(rows)
    for t in range(1, steps + 1):
        z = np.bincount(row_of, weights=w[idx], minlength=n) + w[-1]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        r = p - y
        g = np.zeros_like(w)
        g[:-1] = np.bincount(idx, weights=r[row_of], minlength=n_feat) / n
        g[:-1] += l2 * w[:-1]
        g[-1] = r.mean()
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return w


def predict(rows: list[list[int]], w: np.ndarray) -> np.ndarray:
    """Return probabilities for index rows."""
    z = np.array([w[r].sum() for r in rows]) + w[-1]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR folder (train/ inside)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cache", type=Path, default=None, help="keep the train parse here")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="ship this threshold instead of the held-out candidate-level best (pick it "
        "end to end on the held-out fifth with the --fold-out model)",
    )
    ap.add_argument(
        "--fold-out",
        type=Path,
        default=None,
        help="also write the model fitted on four fifths (held-out fifth: articles i %% 5 == 4)",
    )
    args = ap.parse_args(argv)
    started = time.perf_counter()
    items = parsed_split(args.data, args.cache)
    per_doc = [candidates(d, p) for d, p in items]
    counts = Counter(f for doc in per_doc for feats, _ in doc for f in set(feats))
    vocab = sorted(f for f, c in counts.items() if c >= args.min_count and f != "bias")
    index = {f: i for i, f in enumerate(vocab)}

    def encode(docs: list[list[tuple[list[str], float]]]) -> tuple[list[list[int]], np.ndarray]:
        rows = [[index[f] for f in feats if f in index] for doc in docs for feats, _ in doc]
        y = np.array([label for doc in docs for _, label in doc])
        return rows, y

    held = [doc for i, doc in enumerate(per_doc) if i % 5 == 4]
    fold = [doc for i, doc in enumerate(per_doc) if i % 5 != 4]
    rows, y = encode(fold)
    w = fit(rows, y, len(vocab), l2=args.l2, steps=args.steps)
    h_rows, h_y = encode(held)
    probs = predict(h_rows, w)
    best = (0.0, 0.5)
    for th in np.arange(0.2, 0.85, 0.025):
        chosen = probs >= th
        tp = float(h_y[chosen].sum())
        prec = tp / chosen.sum() if chosen.sum() else 0.0
        rec = tp / h_y.sum() if h_y.sum() else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"threshold {th:.3f}: P {prec:.3f} R {rec:.3f} F1 {f1:.3f}")
        best = max(best, (f1, float(th)))
    if args.threshold is not None:
        best = (best[0], args.threshold)
    if args.fold_out is not None:
        _write(args.fold_out, w, index, y, best, "four fifths of PolNeAR train (i % 5 != 4)")
    rows, y = encode(per_doc)
    w = fit(rows, y, len(vocab), l2=args.l2, steps=args.steps)
    weights = _write(args.out, w, index, y, best, "PolNeAR train")
    print(
        f"{len(y)} candidates, {y.sum():.0f} positive, {len(weights)} weights, "
        f"threshold {best[1]:.3f} (held-out F1 {best[0]:.3f}), "
        f"{time.perf_counter() - started:.0f}s -> {args.out}"
    )
    return 0


def _write(
    out: Path,
    w: np.ndarray,
    index: dict[str, int],
    y: np.ndarray,
    best: tuple[float, float],
    what: str,
) -> dict[str, float]:
    """Write one model file; return its weights."""
    weights = {f: round(float(w[i]), 4) for f, i in index.items() if abs(w[i]) >= 1e-3}
    model = {
        "about": f"cue model for crosscheck.extract.quotes_model fitted on {what}; "
        "see benchmarks/train_quotes.py",
        "candidates": len(y),
        "positives": round(float(y.sum()), 1),
        "heldout_f1": round(best[0], 4),
        "threshold": round(best[1], 3),
        "bias": round(float(w[-1]), 4),
        "weights": dict(sorted(weights.items())),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    return weights


if __name__ == "__main__":
    sys.exit(main())
