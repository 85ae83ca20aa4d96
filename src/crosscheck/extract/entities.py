"""Entities (placeholder until the extractor lands)."""
from __future__ import annotations

from crosscheck.extract.nlp import Parsed
from crosscheck.model import Entity
from crosscheck.settings import Settings


def extract_entities(parsed: Parsed, settings: Settings) -> tuple[Entity, ...]:
    """Return the entities of one parsed article."""
    return ()
