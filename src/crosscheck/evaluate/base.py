"""Shared pieces of the evaluations: the result type, P/R/F1, error files, dispatch."""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.errors import EvalDataError

TASKS: tuple[str, ...] = (
    "quotes",
    "dates",
    "quantities",
    "html",
    "stories",
    "findings",
    "lookalikes",
)

# Where each corpus lies, relative to ../shared/data (see that folder's README).
_DATA_DIRS = {
    "quotes": "polnear",
    "dates": "tempeval3",
    "quantities": "newsquant",
    "html": "scrapinghub_aeb",
    "stories": "ecbplus",
    "findings": "crossnews",
    "lookalikes": "ecbplus",
}


@dataclass
class EvalResult:
    """Figures of one evaluation run.

    ``measures`` holds the task's own figures (``speaker_accuracy``, ``value_accuracy``,
    ``strict_f1``, ``bcubed_f1`` ...); every one of them is also printed by ``--json``.
    """

    task: str
    precision: float
    recall: float
    f1: float
    items: int
    seconds: float
    measures: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Flatten to one JSON object: the common figures, then the task's own."""
        out: dict[str, Any] = {
            "task": self.task,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "items": self.items,
            "seconds": round(self.seconds, 2),
        }
        for key, value in self.measures.items():
            out[key] = round(value, 4) if isinstance(value, float) else value
        if self.notes:
            out["notes"] = self.notes
        return out


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    """Return precision, recall and F1 from true positives and the two totals."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def write_errors(path: Path | None, rows: Iterable[dict[str, Any]]) -> None:
    """Write per-item errors as JSONL (one object a line) when ``path`` is given."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def shared_root() -> Path:
    """Return the ``shared`` folder: ``$CROSSCHECK_SHARED`` or ``../shared`` beside the repo."""
    env = os.environ.get("CROSSCHECK_SHARED")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared"
        if (parent / "pyproject.toml").exists() and candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared"


def default_data(task: str) -> Path:
    """Return the default corpus folder of ``task`` under ``shared/data``."""
    return shared_root() / "data" / _DATA_DIRS[task]


def run_task(task: str, data: Path | None = None, **kwargs: Any) -> EvalResult:
    """Run evaluation ``task`` (one of ``TASKS``) on ``data`` (default: the shared corpus)."""
    if task not in TASKS:
        raise EvalDataError(f"unknown evaluation {task!r}; choose one of {', '.join(TASKS)}")
    folder = data or default_data(task)
    if not folder.exists():
        raise EvalDataError(f"evaluation data for {task!r} not found at {folder}")
    module = importlib.import_module(f"crosscheck.evaluate.{task}")
    result: EvalResult = module.run(folder, **kwargs)
    return result
