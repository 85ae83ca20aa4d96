"""Dates (placeholder until the extractor lands)."""
from __future__ import annotations

from crosscheck.extract.nlp import Parsed
from crosscheck.model import DateAnchor, DateRef
from crosscheck.settings import Settings


def infer_anchor(parsed: Parsed, settings: Settings) -> DateAnchor:
    """Return the date anchor of one parsed article."""
    return parsed.article.date_anchor


def extract_dates(parsed: Parsed, settings: Settings) -> tuple[DateRef, ...]:
    """Return the date expressions of one parsed article."""
    return ()
