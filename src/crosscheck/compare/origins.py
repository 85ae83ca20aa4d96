"""Independent origins: a copy counts with its original, a fact passed on rests on its channel."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from crosscheck.extract.entities import name_key
from crosscheck.model import Analysis

LOGGER = logging.getLogger(__name__)


def origins(analyses: Sequence[Analysis], copies: dict[str, str] | None = None) -> dict[str, str]:
    """Map each article id to its independent origin (its original if it is a copy)."""
    copies = copies or {}
    out: dict[str, str] = {}
    for analysis in analyses:
        aid = analysis.article.id
        seen = {aid}
        while aid in copies and copies[aid] not in seen:
            aid = copies[aid]
            seen.add(aid)
        out[analysis.article.id] = aid
    return out


def fact_origin(article_origin: str, via: Sequence[str]) -> str:
    """The origin of one fact: the first intermediary it was passed on through, if any.

    Two outlets that both quote "according to Meridian Wire" rest on one origin; a fact
    with no chain rests on its article's origin (its original, if the article is a copy).
    """
    for name in via:
        key = name_key(name)
        if key:
            return "via:" + key
    return article_origin


def detect_copies(analyses: Sequence[Analysis]) -> list[tuple[str, str, float]]:
    """Find copies among the articles: ``(copy id, origin id, similarity)``."""
    if len(analyses) < 2:
        return []
    from crosscheck.stories import find_copies
    from crosscheck.stories.signature import copy_signature

    try:
        sigs = [copy_signature(a.article, a) for a in analyses]
        links = find_copies(sigs)
    except Exception:  # copy detection must never stop a comparison
        LOGGER.exception("copy detection failed")
        return []
    return [(link.copy, link.origin, float(link.similarity)) for link in links]
