"""Quote extraction (placeholder until the extractor lands)."""
from __future__ import annotations

from crosscheck.extract.nlp import Parsed
from crosscheck.model import Entity, Quote
from crosscheck.settings import Settings


def extract_quotes(
    parsed: Parsed, entities: tuple[Entity, ...], settings: Settings
) -> tuple[Quote, ...]:
    """Return the quotes of one parsed article."""
    return ()
