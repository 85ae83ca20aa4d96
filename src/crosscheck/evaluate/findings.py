"""The findings themselves, on crossnews: real same-event article sets with gold conflicts.

Each set of ``../shared/data/crossnews/sets/`` is compared the way a user compares files
(``crosscheck compare sets/<set>/*.txt``), and the report is scored with the benchmark's own
definitions (``crosscheck.evaluate.crossnews``): conflict precision and recall (overall, per
finding kind, per gold type), corroborations correct / wrong / inverted, fact recall,
single-source correctness, publication dates, findings per article, and a reliability table
(stated confidence against measured precision).

Splits: the set names sorted, ``tune`` is every even position (0, 2, 4, ...) and ``check``
every odd one; ``dev`` is all of them. Rules and thresholds are chosen on ``tune``; both
halves are always reported (``tune_*`` and ``check_*`` figures), so a rule that only helps
the half it was written on shows.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosscheck.errors import CrosscheckError, EvalDataError
from crosscheck.evaluate.base import EvalResult, prf, write_errors
from crosscheck.evaluate.crossnews import Judged, figures, reliability, score_set
from crosscheck.model import to_dict
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

SPLITS = ("dev", "tune", "check")


def set_names(data: Path) -> list[str]:
    """Every set folder (with a ``gold.json``) under ``data/sets``, sorted."""
    root = data / "sets" if (data / "sets").is_dir() else data
    if not root.is_dir():
        raise EvalDataError(f"no crossnews sets at {root}")
    return sorted(p.name for p in root.iterdir() if (p / "gold.json").is_file())


def half_of(names: Sequence[str]) -> dict[str, str]:
    """``tune`` for even positions of the sorted names, ``check`` for odd ones."""
    return {n: ("tune" if i % 2 == 0 else "check") for i, n in enumerate(sorted(names))}


def select(
    names: Sequence[str], split: str, limit: int | None, sets: Sequence[str] | None
) -> list[str]:
    """The sets of one run: explicit ``sets``, else a split, then the first ``limit``."""
    if split not in SPLITS:
        raise EvalDataError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    if sets:
        unknown = sorted(set(sets) - set(names))
        if unknown:
            raise EvalDataError(f"unknown crossnews sets: {', '.join(unknown)}")
        chosen = [n for n in names if n in set(sets)]
    else:
        halves = half_of(names)
        chosen = [n for n in names if split == "dev" or halves[n] == split]
    if limit is not None:
        chosen = chosen[:limit]
    if not chosen:
        raise EvalDataError("no crossnews set selected")
    return chosen


def compare_set(folder: Path, settings: Settings) -> dict[str, Any]:
    """Compare one set's articles as ``crosscheck compare folder/*.txt`` does (JSON form)."""
    from crosscheck.pipeline import run as run_pipeline

    files = sorted(str(p) for p in folder.glob("*.txt"))
    return to_dict(run_pipeline(files, settings))


def run(
    data: Path,
    *,
    limit: int | None = None,
    split: str = "dev",
    predictions: Path | None = None,
    errors: Path | None = None,
    settings: Settings | None = None,
    sets: Sequence[str] | None = None,
) -> EvalResult:
    """Compare every selected set and score the findings against its gold.

    Args:
        data: the ``crossnews`` folder (``sets/<set>/*.txt`` and ``gold.json``).
        limit: only the first ``limit`` selected sets.
        split: ``dev`` (all sets), ``tune`` or ``check`` (see the module docstring).
        predictions: a folder of reports (``<set>.json``, as ``crosscheck compare --format
            json`` writes them) to score instead of comparing in process.
        errors: write every false conflict, missed gold conflict, inverted or wrong
            corroboration and wrong single-source item here (JSONL, with both texts).
        settings: pipeline settings.
        sets: explicit set names (overrides ``split`` and ``limit``).

    Raises:
        EvalDataError: the corpus is missing, the split is unknown or no set is selected.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    names = set_names(data)
    chosen = select(names, split, limit, sets)
    halves = half_of(names)
    root = data / "sets" if (data / "sets").is_dir() else data
    totals: dict[str, Counter[str]] = {"all": Counter(), "tune": Counter(), "check": Counter()}
    judged: dict[str, list[Judged]] = {"tune": [], "check": []}
    error_rows: list[dict[str, Any]] = []
    per_set: dict[str, dict[str, Any]] = {}
    for name in chosen:
        gold = json.loads((root / name / "gold.json").read_text(encoding="utf-8"))
        if predictions is not None:
            path = predictions / f"{name}.json"
            if not path.is_file():
                raise EvalDataError(f"no report for set {name} at {path}")
            report = json.loads(path.read_text(encoding="utf-8"))
        else:
            try:
                report = compare_set(root / name, settings)
            except CrosscheckError as exc:
                LOGGER.warning("%s: %s", name, exc)
                continue
        scored = score_set(name, gold, report)
        totals["all"].update(scored.counts)
        totals[halves[name]].update(scored.counts)
        judged[halves[name]] += scored.judged
        per_set[name] = figures(scored.counts)
        for j in scored.judged:
            if j.verdict in {"false", "inverted", "wrong"}:
                error_rows.append(
                    {
                        "set": name,
                        "error": f"{j.kind}:{j.verdict}",
                        "confidence": j.confidence,
                        "summary": j.summary,
                        "evidence": j.evidence,
                    }
                )
        error_rows += [{"error": "missed_conflict", **m} for m in scored.missed]
    seconds = time.perf_counter() - started
    write_errors(errors, error_rows)
    total = totals["all"]
    measures: dict[str, Any] = {"split": split, "sets": len(per_set)}
    measures.update(figures(total))
    for half in ("tune", "check"):
        if totals[half]["articles"]:
            for key, value in figures(totals[half]).items():
                measures[f"{half}_{key}"] = value
    measures["reliability"] = [
        {"half": half, **row} for half in ("tune", "check") for row in reliability(judged[half])
    ]
    p, r, f = prf(
        total["conflict_findings_true"], total["conflict_findings"], total["gold_conflicts"]
    )
    # Conflict recall counts gold conflicts found, precision counts true findings: F1 of the two.
    r = total["gold_conflicts_found"] / total["gold_conflicts"] if total["gold_conflicts"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return EvalResult("findings", p, r, f, int(total["articles"]), seconds, measures)
