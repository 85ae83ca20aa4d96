"""Numeric claims (placeholder until the extractor lands)."""
from __future__ import annotations

from crosscheck.extract.nlp import Parsed
from crosscheck.model import Number
from crosscheck.settings import Settings


def extract_numbers(parsed: Parsed, settings: Settings) -> tuple[Number, ...]:
    """Return the numeric claims of one parsed article."""
    return ()
