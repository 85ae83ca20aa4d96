"""Cross-source findings on ECB+ look-alike events: do corroborations and conflicts link
articles about the same event?

Each ECB+ topic holds two look-alike events (its ECB and ECB+ subtopics: two boxing title
defences, two Indian Ocean cable cuts, two earthquakes in Iran). All documents of a topic
are compared together, as if a user had put them in one story. A finding whose evidence
joins articles of two different gold events is wrong by construction: "Klitschko stopped
Thompson in the sixth round" does not corroborate "Klitschko stopped Rahman in the seventh",
and "15 points" of one game does not conflict with "eight points" of another.

Figures:

* main precision/recall/F1 are over article pairs: a pair is *linked* when at least one
  corroboration joins its two articles; precision is the share of linked pairs about the
  same gold event, recall the share of same-event pairs that are linked;
* ``<type>_same`` / ``<type>_cross`` count findings of each type (``claim``, ``number``,
  ``quote``, ``date`` and ``role`` corroborations between two articles; ``numeric_conflict``,
  ``attribution_conflict`` and ``date_conflict`` among any number of articles) joining
  articles of the same or of different events, and ``<type>_same_share`` is
  same / (same + cross): an upper bound on that finding type's precision (a same-event
  link can still be wrong), with half the article pairs crossing events;
* ``corroboration_same_share`` and ``conflict_same_share`` pool the types.

Reading a document: as in the story evaluation (``crosscheck.evaluate.stories.read_doc``).
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosscheck.compare import compare
from crosscheck.errors import EvalDataError
from crosscheck.evaluate.base import EvalResult, prf, write_errors
from crosscheck.evaluate.stories import load_split
from crosscheck.model import Analysis, Finding
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

TYPES: tuple[str, ...] = (
    "claim",
    "number",
    "quote",
    "date",
    "role",
    "numeric_conflict",
    "attribution_conflict",
    "date_conflict",
)
_CONFLICTS = ("numeric_conflict", "attribution_conflict", "date_conflict")


def finding_type(finding: Finding, fact_kind: dict[str, str]) -> str | None:
    """``claim``/``number``/``quote``/``date``/``role`` for a corroboration, the kind for a
    conflict."""
    if finding.kind in _CONFLICTS:
        return finding.kind
    if finding.kind != "corroborated":
        return None
    kinds = {fact_kind.get(f, "role") for f in finding.facts}
    return kinds.pop() if len(kinds) == 1 else "claim"


def _fact_kinds(analyses: Sequence[Analysis]) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in analyses:
        out.update({q.id: "quote" for q in a.quotes})
        out.update({n.id: "number" for n in a.numbers})
        out.update({c.id: "claim" for c in a.claims})
        out.update({d.id: "date" for d in a.dates})
    return out


def score(
    analyses: Sequence[Analysis], gold: dict[str, str], topic_of: dict[str, int], settings: Settings
) -> tuple[tuple[float, float, float], dict[str, Any], list[dict[str, Any]]]:
    """Compare each topic's documents together; count findings within and across events.

    Returns the linked-pair P/R/F1, the counts and shares, and the cross-event findings."""
    by_topic: dict[int, list[Analysis]] = defaultdict(list)
    for a in analyses:
        by_topic[topic_of[a.article.id]].append(a)
    fact_kind = _fact_kinds(analyses)
    counts: Counter[str] = Counter()
    linked: set[tuple[str, str]] = set()
    pairs = Counter[bool]()
    wrong: list[dict[str, Any]] = []
    for topic, group in sorted(by_topic.items()):
        ids = sorted(a.article.id for a in group)
        for i, x in enumerate(ids):
            for y in ids[i + 1 :]:
                pairs[gold[x] == gold[y]] += 1
        if len(group) < 2:
            continue
        report = compare(group, settings)
        for finding in report.findings:
            kind = finding_type(finding, fact_kind)
            arts = sorted({e.article for e in finding.evidence})
            # a conflict may list every source of one quantity or event: it joins events
            # when its sources are not all of one; a corroboration is judged as a pair
            if kind is None or len(arts) < 2 or (kind not in _CONFLICTS and len(arts) != 2):
                continue
            same = len({gold[a] for a in arts}) == 1
            counts[f"{kind}_{'same' if same else 'cross'}"] += 1
            if kind not in _CONFLICTS:
                linked.add((arts[0], arts[1]))
            if not same:
                wrong.append(
                    {
                        "topic": topic,
                        "type": kind,
                        "summary": finding.summary,
                        "evidence": [
                            {"doc": e.article, "event": gold[e.article], "text": e.text[:300]}
                            for e in finding.evidence
                        ],
                    }
                )
    tp = sum(gold[x] == gold[y] for x, y in linked)
    p, r, f = prf(tp, len(linked), pairs[True])
    measures: dict[str, Any] = {
        "pairs_same": pairs[True],
        "pairs_cross": pairs[False],
        "linked_pairs": len(linked),
    }
    for kind in TYPES:
        n_same, n_cross = counts[f"{kind}_same"], counts[f"{kind}_cross"]
        measures[f"{kind}_same"] = n_same
        measures[f"{kind}_cross"] = n_cross
        measures[f"{kind}_same_share"] = n_same / (n_same + n_cross) if n_same + n_cross else 0.0
    for pooled, kinds in (
        ("corroboration", ("claim", "number", "quote", "date", "role")),
        ("conflict", _CONFLICTS),
    ):
        n_same = sum(counts[f"{k}_same"] for k in kinds)
        n_cross = sum(counts[f"{k}_cross"] for k in kinds)
        measures[f"{pooled}_same"] = n_same
        measures[f"{pooled}_cross"] = n_cross
        measures[f"{pooled}_same_share"] = n_same / (n_same + n_cross) if n_same + n_cross else 0.0
    return (p, r, f), measures, wrong


def run(
    data: Path,
    *,
    limit: int | None = None,
    split: str = "dev",
    predictions: Path | None = None,
    errors: Path | None = None,
    settings: Settings | None = None,
    topics: Sequence[int] | None = None,
) -> EvalResult:
    """Compare each ECB+ topic's documents and score the findings against the gold events.

    Args:
        data: the ``ecbplus`` folder (``doc_clusters.tsv``, ``plain_text/``).
        limit: use only the first ``limit`` topics (by number).
        split: ``dev`` (topics 1-35, all that is shared with us).
        predictions: not supported (crosscheck's own findings are scored).
        errors: write every finding that joins two different events here (JSONL).
        settings: pipeline settings.
        topics: explicit topic numbers (overrides ``limit``).

    Raises:
        EvalDataError: the corpus is missing, the split is unknown or predictions are given.
    """
    if predictions is not None:
        raise EvalDataError("the findings evaluation scores crosscheck's own findings only")
    from crosscheck.pipeline import analyze_articles, prepare

    settings = settings or Settings()
    started = time.perf_counter()
    articles, gold, topic_of = load_split(data, split, limit, topics)
    cleaned, problems = prepare(articles, settings)
    for problem in problems:
        LOGGER.warning("[%s] %s", problem.code, problem.message)
    analyses = analyze_articles(cleaned, settings)
    (p, r, f), measures, wrong = score(analyses, gold, topic_of, settings)
    seconds = time.perf_counter() - started
    write_errors(errors, wrong)
    return EvalResult("lookalikes", p, r, f, len(analyses), seconds, measures)
