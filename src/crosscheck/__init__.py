"""crosscheck: compare news articles claim by claim and quote by quote.

The Python API in one import::

    from crosscheck import run, compare_texts, render
    report = run(["a.txt", "b.html"])
    print(render(report, "markdown"))
"""

from __future__ import annotations

from typing import Any

from crosscheck.model import (
    SCHEMA,
    Analysis,
    Article,
    Claim,
    DateRef,
    Entity,
    Finding,
    Number,
    Problem,
    Quote,
    Report,
    Span,
    Speaker,
    Story,
)
from crosscheck.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Analysis",
    "Article",
    "Claim",
    "DateRef",
    "Entity",
    "Finding",
    "Number",
    "Problem",
    "Quote",
    "Report",
    "Settings",
    "Span",
    "Speaker",
    "Story",
    "analyze",
    "compare",
    "compare_texts",
    "render",
    "run",
]


def __getattr__(name: str) -> Any:
    """Import the heavy stages (spaCy) only when they are first used."""
    if name in {"run", "compare_texts"}:
        from crosscheck import pipeline

        return getattr(pipeline, name)
    if name == "compare":
        from crosscheck.compare import compare

        return compare
    if name == "analyze":
        from crosscheck.extract import analyze

        return analyze
    if name == "render":
        from crosscheck.report import render

        return render
    raise AttributeError(name)
