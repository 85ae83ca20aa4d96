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

Speech-only view (PolNeAR annotates no speech/thought distinction, so it is measured
through the gold Cue's words, ``cue_class``: ``saying`` for verbs and nouns of spoken
communication, ``belief`` for belief and intention, ``other`` for the rest - writing,
"according to", findings of reports, stances):

* ``speech_p``: share of the speech-marked predictions that match a gold attribution;
* ``speech_saying_p`` / ``_r`` / ``_f1``: speech-marked predictions matched one to one
  against the ``saying`` gold attributions only;
* ``speech_belief_share``: share of the matched speech-marked predictions whose gold cue is
  one of belief or intention ("known", "expected", "wants": should be near 0), and
  ``thought_belief_share`` the same for thought-marked predictions (should be high);
* ``act_saying_share`` / ``act_belief_share``: the same two shares for the act-marked
  predictions (deeds and events: both should be low, their gold cues mostly ``other``).

Folds (``folds``, default 5; ``None`` or below 2: none): the articles are dealt into K
folds by the fixed-seed shuffle of ``crosscheck.evaluate.quantities.fold_of``. The one
setting of the extractor that a dev set could tune, the learned cue model's threshold
(fitted on PolNeAR train), is chosen per fold among the shipped one and
``THRESHOLD_VARIANTS`` by the mean overlap F1 of the other folds; the fold is scored with
it. Every figure of ``FOLD_KEYS`` is reported per fold (``fold_<key>``) with its mean,
worst and spread (``fold_mean_<key>``, ``fold_min_<key>``, ``fold_spread_<key>``), the
variant each fold used (``fold_chosen``) and the shipped extractor's F1 and speaker
accuracy per fold. A rule change is kept only when no fold drops.

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
from crosscheck.evaluate.quantities import fold_of
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

_EDGE = " \t\n\"“”‘’'.,;:!?—–-()"
_MARKS = '"“”'
# Folds (see the module docstring): articles dealt by a fixed-seed shuffle, as in
# crosscheck.evaluate.quantities; the cue model's threshold is chosen per fold on the others.
DEFAULT_FOLDS = 5
SHIPPED = "shipped"
THRESHOLD_VARIANTS: dict[str, float] = {"cue 0.30": 0.30, "cue 0.45": 0.45}
CHOICE_KEY = "f1"
FOLD_KEYS = (
    "f1", "precision", "recall", "speaker_accuracy", "direct_f1", "indirect_f1",
    "cue_accuracy", "speech_p", "speech_saying_f1", "speech_belief_share",
)  # fmt: skip


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


def parse_docs(docs: list[Doc], settings: Settings) -> list[tuple[Any, tuple[Any, ...]]]:
    """Parse ``docs`` and find their entities once (extraction may then run several times)."""
    from crosscheck.extract.entities import extract_entities
    from crosscheck.extract.nlp import parse
    from crosscheck.model import Article

    articles = [
        Article(id=d.name, source=d.name, text=d.text, clean_text=_normalise_marks(d.text))
        for d in docs
    ]
    out: list[tuple[Any, tuple[Any, ...]]] = []
    for parsed in parse(articles, settings):
        try:
            entities = tuple(extract_entities(parsed, settings))
        except Exception:  # another stage's failure must not stop this evaluation
            LOGGER.exception("entities failed on %s", parsed.article.id)
            entities = ()
        out.append((parsed, entities))
    return out


def extract(
    parsed_docs: list[tuple[Any, tuple[Any, ...]]], settings: Settings
) -> dict[str, list[dict[str, Any]]]:
    """Run crosscheck's quote extractor over parsed documents; predictions per document."""
    from crosscheck.extract.quotes import extract_quotes

    out: dict[str, list[dict[str, Any]]] = {}
    for parsed, entities in parsed_docs:
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
                "mode": q.mode,
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


def predict(docs: list[Doc], settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """Run crosscheck's extractor over ``docs`` and return predictions per document."""
    return extract(parse_docs(docs, settings), settings)


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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Gold classes by the words of the gold Cue (PolNeAR annotates no speech/thought
# distinction; these lists are the evaluation's own, written from verbs of spoken
# communication and of belief, not from the extractor's lexicon; writing - "wrote",
# "tweeted", "reported" - is neither). A word is compared after ``_cue_stem``.
_SAYING = _words(
    """
    say said tell told add ask note announce suggest argue tweet continue acknowledge
    explain declare accuse criticize criticise respond reply insist claim state warn
    promise vow pledge predict mention stress describe deny admit confirm urge comment
    remark repeat recall question charge blame praise denounce decry dismiss concede
    answer assert contend complain boast joke quip testify testified speak spoke talk
    shout yell call
    : remarks interview
    """
)
_BELIEF = _words(
    """
    think thought believe know knew known expect want hope plan fear feel felt see saw
    seen seem appear wish intend seek sought prefer like worry doubt suspect understand
    understood consider decide aim sure convinced view belief expectation intention
    desire imagine assume suppose realize realise wonder
    """
)
_IRREGULAR = {"says": "say", "tells": "tell"}


def _cue_stem(word: str) -> str:
    """A crude stem of a cue word: ``says`` -> ``say``, ``criticized`` -> ``criticize``."""
    word = word.lower().strip(_EDGE.replace(":", "")) or word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("d", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + repl
            for form in (base, base + "e", base[:-1] if base[-1:] == base[-2:-1] else base):
                if form in _SAYING or form in _BELIEF:
                    return form
    return word


def cue_class(text: str, cue: list[tuple[int, int]]) -> str:
    """``belief``, ``saying`` or ``other`` for a gold attribution, from its Cue words.

    A cue with a word of belief or intention ("is expected", "wants", "believes") is
    ``belief`` even when it also has a verb of saying ("would like to say"); one with a
    verb or noun of saying is ``saying``; the rest ("according to", "shows", "reported",
    "supports", a missing cue) is ``other``.
    """
    words = [_cue_stem(w) for s, e in cue for w in text[s:e].split()]
    if any(w in _BELIEF for w in words):
        return "belief"
    if any(w in _SAYING for w in words) or any(text[s:e].strip() == ":" for s, e in cue):
        return "saying"
    return "other"


def _match(preds: list[dict[str, Any]], golds: list[GoldQuote]) -> list[tuple[int, int]]:
    """One-to-one matching of predictions to gold quotes, greedily by shared characters."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            ov = _overlap([(int(p["start"]), int(p["end"]))], g.content)
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _ov, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


@dataclass
class _Counts:
    """Weighted counts over the evaluation."""

    values: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, key: str, amount: float) -> None:
        self.values[key] += amount

    def merge(self, other: _Counts) -> None:
        for key, value in other.values.items():
            self.values[key] += value


def _speech_counts(
    text: str,
    golds: list[GoldQuote],
    preds: list[dict[str, Any]],
    matched: list[tuple[int, int]],
    weight: float,
    c: _Counts,
) -> None:
    """Counts of the speech-only view (see ``figures``)."""
    classes = [cue_class(text, g.cue) for g in golds]
    for cls in classes:
        c.add(f"gold_{cls}", weight)
    for i, j in matched:
        mode = preds[i].get("mode") or "speech"
        c.add(f"tp_{mode}", weight)
        c.add(f"tp_{mode}_{classes[j]}", weight)
    speech = [p for p in preds if (p.get("mode") or "speech") == "speech"]
    saying = [g for g, cls in zip(golds, classes, strict=True) if cls == "saying"]
    c.add("tp_speech_vs_saying", weight * len(_match(speech, saying)))


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
    for p in preds:
        c.add(f"pred_{p.get('mode') or 'speech'}", weight)
    matched = _match(preds, golds)
    _speech_counts(text, golds, preds, matched, weight, c)
    used_p = {i for i, _j in matched}
    used_g = {j for _i, j in matched}
    for i, j in matched:
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
                        "predicted_span": _text(text, p.get("speaker_start"), p.get("speaker_end")),
                        "cue": _text(text, p.get("cue_start"), p.get("cue_end")),
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
                    "mode": p.get("mode"),
                    "text": text[int(p["start"]) : int(p["end"])][:300],
                    "speaker": p.get("speaker_name"),
                }
            )
    return errors


def _text(text: str, start: Any, end: Any) -> str | None:
    """The article's text between two offsets of a prediction (None when missing)."""
    return None if start is None or end is None else text[int(start) : int(end)]


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def figures(v: dict[str, float]) -> dict[str, float]:
    """The figures of the module docstring from summed counts."""
    v = defaultdict(float, v)
    p, r, f = prf(v["tp"], v["pred"], v["gold"])
    ep, er, ef = prf(v["tp_exact"], v["pred"], v["gold"])
    dp = _ratio(v["tp_pred_direct"], v["pred_direct"])
    dr = _ratio(v["tp_gold_direct"], v["gold_direct"])
    df = 2 * dp * dr / (dp + dr) if dp + dr else 0.0
    pred_ind, gold_ind = v["pred"] - v["pred_direct"], v["gold"] - v["gold_direct"]
    ip = _ratio(v["tp_pred_indirect"], pred_ind)
    ir = _ratio(v["tp_gold_indirect"], gold_ind)
    inf = 2 * ip * ir / (ip + ir) if ip + ir else 0.0
    sp, sr, sf = prf(v["tp_speech_vs_saying"], v["pred_speech"], v["gold_saying"])
    return {
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
        "cue_accuracy": _ratio(v["cue_ok"], v["cue_n"]),
        "speaker_accuracy": _ratio(v["spk_ok"], v["spk_n"]),
        "gold_quotes": v["gold"],
        "predicted_quotes": v["pred"],
        "speech_predicted": v["pred_speech"],
        "thought_predicted": v["pred_thought"],
        "document_predicted": v["pred_document"],
        "act_predicted": v["pred_act"],
        "speech_p": _ratio(v["tp_speech"], v["pred_speech"]),
        "speech_belief_share": _ratio(v["tp_speech_belief"], v["tp_speech"]),
        "thought_belief_share": _ratio(v["tp_thought_belief"], v["tp_thought"]),
        "act_saying_share": _ratio(v["tp_act_saying"], v["tp_act"]),
        "act_belief_share": _ratio(v["tp_act_belief"], v["tp_act"]),
        "gold_saying": v["gold_saying"],
        "gold_belief": v["gold_belief"],
        "speech_saying_p": sp,
        "speech_saying_r": sr,
        "speech_saying_f1": sf,
    }


def score_counts(
    docs: list[Doc], predictions: dict[str, list[dict[str, Any]]]
) -> tuple[list[_Counts], list[dict[str, Any]]]:
    """Counts per document (annotators weighted 1/k) and the errors of every document."""
    per_doc: list[_Counts] = []
    errors: list[dict[str, Any]] = []
    for doc in docs:
        counts = _Counts()
        preds = predictions.get(doc.name, [])
        weight = 1.0 / len(doc.gold)
        for annotator, golds in sorted(doc.gold.items()):
            for err in score_doc(doc.text, golds, preds, weight, counts):
                errors.append({"doc": doc.name, "annotator": annotator, **err})
        per_doc.append(counts)
    return per_doc, errors


def _sum(counts: Iterable[_Counts]) -> dict[str, float]:
    total = _Counts()
    for c in counts:
        total.merge(c)
    return dict(total.values)


def score(
    docs: list[Doc], predictions: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Score predictions against every annotator of every document (weights 1/k)."""
    per_doc, errors = score_counts(docs, predictions)
    return figures(_sum(per_doc)), errors


def fold_figures(per_variant: dict[str, list[_Counts]], folds: int, main: str) -> dict[str, Any]:
    """Per-fold figures, each fold scored with the variant chosen on the other folds.

    Args:
        per_variant: per-document counts of each extractor variant (same document order).
        folds: number of folds (documents dealt by ``fold_of``).
        main: the shipped variant (the first key wins ties).

    Returns:
        ``fold_<figure>`` lists for ``FOLD_KEYS``; ``fold_mean_``, ``fold_min_`` and
        ``fold_spread_`` of each; ``fold_chosen`` (variant per fold) and
        ``fold_shipped_f1`` (the shipped variant's F1 per fold).
    """
    n = len(next(iter(per_variant.values())))
    fold = fold_of(n, folds)
    table: dict[str, list[dict[str, float]]] = {
        name: [
            figures(_sum(c for c, k in zip(counts, fold, strict=True) if k == f))
            for f in range(folds)
        ]
        for name, counts in per_variant.items()
    }
    names = [main, *[k for k in per_variant if k != main]]
    chosen = []
    for held in range(folds):

        def other(name: str, held: int = held) -> float:
            return sum(table[name][f][CHOICE_KEY] for f in range(folds) if f != held) / (folds - 1)

        chosen.append(max(names, key=other))
    out: dict[str, Any] = {"folds": folds, "fold_chosen": chosen}
    for key in FOLD_KEYS:
        got = [round(table[chosen[f]][f][key], 4) for f in range(folds)]
        out[f"fold_{key}"] = got
        out[f"fold_mean_{key}"] = sum(got) / folds
        out[f"fold_min_{key}"] = min(got)
        out[f"fold_spread_{key}"] = max(got) - min(got)
    out["fold_shipped_f1"] = [round(table[main][f]["f1"], 4) for f in range(folds)]
    out["fold_shipped_speaker_accuracy"] = [
        round(table[main][f]["speaker_accuracy"], 4) for f in range(folds)
    ]
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
    """Evaluate quote extraction on PolNeAR ``split`` (see the module docstring).

    Args:
        data: the PolNeAR folder (``train``/``dev`` subfolders).
        limit: score only the first ``limit`` articles (sorted by name).
        split: ``dev`` (report) or ``train`` (develop rules on).
        predictions: score this JSONL file instead of running crosscheck.
        errors: write misses, false alarms and speaker errors here (JSONL).
        settings: pipeline settings (model).
        folds: deal the articles into this many fixed-seed folds and report every figure
            per fold, each fold scored with the cue-model threshold chosen on the other
            folds (``None`` or below 2: no folds).

    Returns:
        Content-overlap P/R/F1 as the main figures; exact, direct/indirect, cue, speaker,
        speech-only and ``fold_*`` figures in ``measures``.
    """
    from crosscheck.extract.quotes_model import cue_threshold

    settings = settings or Settings()
    started = time.perf_counter()
    docs = load(data, split, limit)
    if not docs:
        raise EvalDataError(f"no PolNeAR articles found in {data / split}")
    use_folds = folds is not None and len(docs) >= folds >= 2
    per_variant: dict[str, list[_Counts]] = {}
    if predictions:
        preds = read_predictions(predictions)
    else:
        parsed = parse_docs(docs, settings)
        preds = extract(parsed, settings)
        if use_folds:
            for name, threshold in THRESHOLD_VARIANTS.items():
                with cue_threshold(threshold):
                    per_variant[name] = score_counts(docs, extract(parsed, settings))[0]
    per_doc, errs = score_counts(docs, preds)
    figs = figures(_sum(per_doc))
    write_errors(errors, errs)
    measures: dict[str, Any] = {
        k: v for k, v in figs.items() if k not in ("precision", "recall", "f1")
    }
    if use_folds:
        assert folds is not None
        per_variant = {SHIPPED: per_doc, **per_variant}
        measures.update(fold_figures(per_variant, folds, SHIPPED))
    return EvalResult(
        task="quotes",
        precision=figs["precision"],
        recall=figs["recall"],
        f1=figs["f1"],
        items=len(docs),
        seconds=time.perf_counter() - started,
        measures=measures,
        notes=[
            f"PolNeAR {split}: content overlap matched one to one; articles with k "
            "annotators scored against each with weight 1/k",
            "speech-only: PolNeAR does not tell speech from thought; gold classes come from "
            "the gold cue's words (crosscheck.evaluate.quotes.cue_class)",
        ],
    )
