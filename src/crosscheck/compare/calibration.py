"""Confidence that means something: a finding's stated confidence is a measured precision.

Each finding kind computes a raw score (a similarity, a model probability). The table in
``data/calibration.json`` maps, per kind, ranges of that raw score to the precision that
findings of that kind and range had on the crossnews dev sets (``crosscheck eval findings``
with calibration off; fitted by ``python -m crosscheck.evaluate.calibration``). The
reliability table of ``crosscheck eval findings`` then checks the stated figures on each half.
A kind the table does not know keeps its raw score, and says so in its reason.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any

from crosscheck.model import Finding

TABLE = "calibration.json"


@lru_cache(maxsize=1)
def table() -> dict[str, list[dict[str, Any]]]:
    """The shipped calibration table: kind -> bins ``{upto, precision, n}`` by raw score."""
    text = resources.files("crosscheck.compare").joinpath("data", TABLE).read_text("utf-8")
    data: dict[str, list[dict[str, Any]]] = json.loads(text)["kinds"]
    return data


def calibrated(finding: Finding) -> Finding:
    """The finding with its confidence read from the table (raw score kept in the reason)."""
    bins = table().get(finding.kind)
    if not bins:
        return replace(
            finding,
            reason=finding.reason + f" [confidence {finding.confidence:.2f} is a raw score, not a "
            f"measured precision: no {finding.kind.replace('_', ' ')} finding was judged on the "
            "benchmark's dev sets]",
        )
    raw = finding.confidence
    chosen = next((b for b in bins if raw <= b["upto"]), bins[-1])
    note = (
        f" [confidence {chosen['precision']:.2f}: precision of {finding.kind.replace('_', ' ')} "
        f"findings scored like this one ({chosen['n']} judged on the benchmark's dev sets)]"
    )
    return replace(
        finding, confidence=round(float(chosen["precision"]), 2), reason=finding.reason + note
    )
