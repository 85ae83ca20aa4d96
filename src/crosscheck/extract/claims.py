"""Claims (placeholder until the extractor lands)."""
from __future__ import annotations

from crosscheck.extract.nlp import Parsed
from crosscheck.model import Claim, Entity
from crosscheck.settings import Settings


def extract_claims(
    parsed: Parsed, entities: tuple[Entity, ...], settings: Settings
) -> tuple[Claim, ...]:
    """Return the check-worthy claims of one parsed article."""
    return ()
