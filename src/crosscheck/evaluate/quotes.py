"""Quote evaluation on PolNeAR (brat standoff attribution relations).

Gold: every ``E`` (Attribution) relation of an ``.ann`` file with a Content span is one gold
quote; its Content, Cue and Source are ``T`` spans (``;`` separates the fragments of a
discontinuous span). Predictions: the quotes of ``extract_quotes`` (each repeat listed in
``Quote.mentions`` counts as a prediction of its own, with the same speaker name), or
another system's JSONL.

Measures:

* content overlap P/R/F1 (the main figures): predictions and gold quotes are matched one
  to one, greedily by the number of shared characters (any overlap counts);
* exact P/R/F1: the extents match after trimming spaces, quote marks and edge
  punctuation from both (``"“It is,” he said"`` and ``It is`` agree);
* direct/indirect F1: a gold quote is direct when its content, trimmed, starts and ends
  with a quote mark; predicted ``direct`` quotes are the direct predictions, ``indirect``
  and ``mixed`` the indirect ones (recall per gold class, precision per predicted class);
* cue accuracy: share of overlap-matched pairs with a gold Cue whose predicted cue
  overlaps it;
* speaker accuracy: share of overlap-matched pairs with a gold Source whose predicted
  speaker span overlaps the Source, or whose canonical name's last word occurs in the
  Source text (a repeat found elsewhere, named by its canonical name).

Several annotators: an article annotated by k annotators is scored against each of them
and every count is weighted 1/k, so each article weighs the same and its figures are the
mean over its annotators.

Prediction file format (``predictions=PATH``), one JSON object a line::

    {"doc": "<text file name without .txt>",
     "quotes": [{"start": 10, "end": 42, "speaker_start": 0, "speaker_end": 5,
                 "cue_start": 6, "cue_end": 10, "kind": "direct", "speaker_name": "..."}]}

Only ``start``/``end`` are required; the others may be missing or null.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.errors import EvalDataError
from crosscheck.evaluate.base import EvalResult, prf, write_errors
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

_EDGE = " \t\n\"“”‘’'.,;:!?—–-()"
_MARKS = '"“”'


@dataclass
class GoldQuote:
    """One gold attribution: content fragments, cue and source spans (article offsets)."""

    content: list[tuple[int, int]]
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Doc:
    """One PolNeAR article with the gold quotes of each of its annotators."""

    name: str
    text: str
    gold: dict[str, list[GoldQuote]]


def _ranges(spec: str) -> list[tuple[int, int]]:
    """Parse brat offsets ``"10 20;25 30"``."""
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path) -> list[GoldQuote]:
    """Read the attribution relations of one brat ``.ann`` file (bad lines are skipped)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        try:
            if parts[0].startswith("T"):
                _label, spec = parts[1].split(" ", 1)
                spans[parts[0]] = _ranges(spec)
            elif parts[0].startswith("E"):
                relations.append(dict(x.split(":", 1) for x in parts[1].split()))
        except (IndexError, ValueError):
            LOGGER.debug("bad line in %s: %r", path, line)
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if not content:
            continue
        out.append(
            GoldQuote(
                content,
                spans.get(rel.get("Cue", ""), []),
                spans.get(rel.get("Source", ""), []),
            )
        )
    return out


def load(data: Path, split: str = "dev", limit: int | None = None) -> list[Doc]:
    """Load the articles of ``split`` (sorted by name; the first ``limit`` when given)."""
    folder = data / split
    if not (folder / "text").is_dir():
        raise EvalDataError(f"PolNeAR split {split!r} not found under {data}")
    anns: dict[str, dict[str, Path]] = defaultdict(dict)
    for path in sorted((folder / "attributions").glob("*.ann")):
        name, annotator = path.stem.rsplit("_", 1)
        anns[name][annotator] = path
    docs = []
    for path in sorted((folder / "text").glob("*.txt")):
        if path.stem not in anns:
            continue
        gold = {a: read_ann(p) for a, p in anns[path.stem].items()}
        docs.append(Doc(path.stem, path.read_text(encoding="utf-8"), gold))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def _normalise_marks(text: str) -> str:
    """Map quote marks one to one (``crosscheck.clean`` when present)."""
    try:
        from crosscheck.clean import normalise_chars

        return normalise_chars(text)
    except ImportError:  # pragma: no cover - clean lands separately
        return text.translate({0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'"})


def predict(docs: list[Doc], settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """Run crosscheck's extractor over ``docs`` and return predictions per document."""
    from crosscheck.extract.entities import extract_entities
    from crosscheck.extract.nlp import parse
    from crosscheck.extract.quotes import extract_quotes
    from crosscheck.model import Article

    articles = [
        Article(id=d.name, source=d.name, text=d.text, clean_text=_normalise_marks(d.text))
        for d in docs
    ]
    out: dict[str, list[dict[str, Any]]] = {}
    for parsed in parse(articles, settings):
        try:
            entities = tuple(extract_entities(parsed, settings))
        except Exception:  # another stage's failure must not stop this evaluation
            LOGGER.exception("entities failed on %s", parsed.article.id)
            entities = ()
        try:
            quotes = extract_quotes(parsed, entities, settings)
        except Exception:  # skip, don't crash: the article scores with no predictions
            LOGGER.exception("quotes failed on %s", parsed.article.id)
            quotes = ()
        rows = []
        for q in quotes:
            sp = q.speaker
            row = {
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "speaker_start": sp.start if sp else None,
                "speaker_end": sp.end if sp else None,
                "speaker_name": sp.name if sp else None,
                "cue_start": q.cue_start,
                "cue_end": q.cue_end,
            }
            rows.append(row)
            for m in q.mentions:
                rows.append(
                    {
                        **row,
                        "start": m.start,
                        "end": m.end,
                        "cue_start": None,
                        "cue_end": None,
                        "speaker_start": None,
                        "speaker_end": None,
                    }
                )
        out[parsed.article.id] = rows
    return out


def read_predictions(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read a predictions JSONL file (format in the module docstring)."""
    out: dict[str, list[dict[str, Any]]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out[str(row["doc"])] = list(row.get("quotes") or [])
    return out


def _overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> int:
    """Characters shared by two sets of ranges."""
    b = list(b)
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, quote marks and edge punctuation."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def is_direct(text: str, gold: GoldQuote) -> bool:
    """Whether a gold quote is direct: its trimmed content starts and ends with a mark."""
    start, end = gold.content[0][0], gold.content[-1][1]
    body = text[start:end].strip(" \t\n.,;:—–-")
    return len(body) > 1 and body[0] in _MARKS and body[-1] in _MARKS


def _name_matches(name: str | None, text: str, source: list[tuple[int, int]]) -> bool:
    """Whether a canonical speaker name agrees with the gold Source text."""
    if not name or not source:
        return False
    words = [w for w in name.lower().replace("'s", "").split() if w.isalpha() and len(w) > 1]
    gold = " ".join(text[s:e] for s, e in source).lower()
    gold_words = {w.strip(_EDGE) for w in gold.split()}
    return bool(words) and words[-1] in gold_words


@dataclass
class _Counts:
    """Weighted counts over the evaluation."""

    values: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, key: str, amount: float) -> None:
        self.values[key] += amount


def score_doc(
    text: str, golds: list[GoldQuote], preds: list[dict[str, Any]], weight: float, c: _Counts
) -> list[dict[str, Any]]:
    """Score one document against one annotator; add weighted counts; return errors."""
    errors: list[dict[str, Any]] = []
    direct = [is_direct(text, g) for g in golds]
    pred_direct = [p.get("kind") == "direct" for p in preds]
    c.add("pred", weight * len(preds))
    c.add("gold", weight * len(golds))
    c.add("gold_direct", weight * sum(direct))
    c.add("pred_direct", weight * sum(pred_direct))
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            ov = _overlap([(int(p["start"]), int(p["end"]))], g.content)
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _ov, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        p, g = preds[i], golds[j]
        c.add("tp", weight)
        c.add("tp_gold_direct" if direct[j] else "tp_gold_indirect", weight)
        c.add("tp_pred_direct" if pred_direct[i] else "tp_pred_indirect", weight)
        if g.cue:
            c.add("cue_n", weight)
            if p.get("cue_start") is not None and _overlap(
                [(int(p["cue_start"]), int(p["cue_end"]))], g.cue
            ):
                c.add("cue_ok", weight)
        if g.source:
            c.add("spk_n", weight)
            ok = (
                p.get("speaker_start") is not None
                and _overlap([(int(p["speaker_start"]), int(p["speaker_end"]))], g.source) > 0
            )
            ok = ok or _name_matches(p.get("speaker_name"), text, g.source)
            if ok:
                c.add("spk_ok", weight)
            else:
                errors.append(
                    {
                        "type": "speaker",
                        "content": text[p["start"] : p["end"]][:200],
                        "gold_source": " ".join(text[s:e] for s, e in g.source),
                        "predicted": p.get("speaker_name"),
                    }
                )
    # Exact matches, one to one, on trimmed extents.
    gold_ext: dict[tuple[int, int], list[int]] = {}
    for j, g in enumerate(golds):
        gold_ext.setdefault(_trimmed(text, g.content[0][0], g.content[-1][1]), []).append(j)
    for p in preds:
        key = _trimmed(text, int(p["start"]), int(p["end"]))
        if gold_ext.get(key):
            gold_ext[key].pop()
            c.add("tp_exact", weight)
    for j, g in enumerate(golds):
        if j not in used_g:
            errors.append(
                {
                    "type": "miss",
                    "direct": direct[j],
                    "text": " ".join(text[s:e] for s, e in g.content)[:300],
                    "cue": " ".join(text[s:e] for s, e in g.cue),
                    "source": " ".join(text[s:e] for s, e in g.source),
                }
            )
    for i, p in enumerate(preds):
        if i not in used_p:
            errors.append(
                {
                    "type": "false_alarm",
                    "kind": p.get("kind"),
                    "text": text[int(p["start"]) : int(p["end"])][:300],
                    "speaker": p.get("speaker_name"),
                }
            )
    return errors


def score(
    docs: list[Doc], predictions: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Score predictions against every annotator of every document (weights 1/k)."""
    counts = _Counts()
    errors: list[dict[str, Any]] = []
    for doc in docs:
        preds = predictions.get(doc.name, [])
        weight = 1.0 / len(doc.gold)
        for annotator, golds in sorted(doc.gold.items()):
            for err in score_doc(doc.text, golds, preds, weight, counts):
                errors.append({"doc": doc.name, "annotator": annotator, **err})
    v = counts.values
    p, r, f = prf(v["tp"], v["pred"], v["gold"])
    ep, er, ef = prf(v["tp_exact"], v["pred"], v["gold"])
    dp = v["tp_pred_direct"] / v["pred_direct"] if v["pred_direct"] else 0.0
    dr = v["tp_gold_direct"] / v["gold_direct"] if v["gold_direct"] else 0.0
    df = 2 * dp * dr / (dp + dr) if dp + dr else 0.0
    pred_ind, gold_ind = v["pred"] - v["pred_direct"], v["gold"] - v["gold_direct"]
    ip = v["tp_pred_indirect"] / pred_ind if pred_ind else 0.0
    ir = v["tp_gold_indirect"] / gold_ind if gold_ind else 0.0
    inf = 2 * ip * ir / (ip + ir) if ip + ir else 0.0
    figures = {
        "precision": p,
        "recall": r,
        "f1": f,
        "exact_p": ep,
        "exact_r": er,
        "exact_f1": ef,
        "direct_p": dp,
        "direct_r": dr,
        "direct_f1": df,
        "indirect_p": ip,
        "indirect_r": ir,
        "indirect_f1": inf,
        "cue_accuracy": v["cue_ok"] / v["cue_n"] if v["cue_n"] else 0.0,
        "speaker_accuracy": v["spk_ok"] / v["spk_n"] if v["spk_n"] else 0.0,
        "gold_quotes": v["gold"],
        "predicted_quotes": v["pred"],
    }
    return figures, errors


def run(
    data: Path,
    *,
    limit: int | None = None,
    split: str = "dev",
    predictions: Path | None = None,
    errors: Path | None = None,
    settings: Settings | None = None,
) -> EvalResult:
    """Evaluate quote extraction on PolNeAR ``split`` (see the module docstring).

    Args:
        data: the PolNeAR folder (``train``/``dev`` subfolders).
        limit: score only the first ``limit`` articles (sorted by name).
        split: ``dev`` (report) or ``train`` (develop rules on).
        predictions: score this JSONL file instead of running crosscheck.
        errors: write misses, false alarms and speaker errors here (JSONL).
        settings: pipeline settings (model).

    Returns:
        Content-overlap P/R/F1 as the main figures; exact, direct/indirect, cue and
        speaker figures in ``measures``.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    docs = load(data, split, limit)
    if not docs:
        raise EvalDataError(f"no PolNeAR articles found in {data / split}")
    preds = read_predictions(predictions) if predictions else predict(docs, settings)
    figures, errs = score(docs, preds)
    write_errors(errors, errs)
    measures = {k: v for k, v in figures.items() if k not in ("precision", "recall", "f1")}
    return EvalResult(
        task="quotes",
        precision=figures["precision"],
        recall=figures["recall"],
        f1=figures["f1"],
        items=len(docs),
        seconds=time.perf_counter() - started,
        measures=measures,
        notes=[
            f"PolNeAR {split}: content overlap matched one to one; articles with k "
            "annotators scored against each with weight 1/k",
        ],
    )
