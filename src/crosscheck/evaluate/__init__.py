"""Accuracy evaluation on real annotated corpora (read from disk at evaluation time).

Each task module (``quotes``, ``dates``, ``quantities``, ``html``, ``stories``,
``findings``) exposes::

    def run(data: Path, *, limit: int | None = None, split: str = "dev",
            predictions: Path | None = None, errors: Path | None = None,
            settings: Settings | None = None) -> EvalResult

and ``DEFAULT_DATA`` (a path relative to the project root, under ``../shared/data``).
"""

from __future__ import annotations

from crosscheck.evaluate.base import TASKS, EvalResult, default_data, prf, run_task

__all__ = ["TASKS", "EvalResult", "default_data", "prf", "run_task"]
