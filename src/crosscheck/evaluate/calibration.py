"""Fit the confidence table of ``crosscheck.compare.calibration`` on the crossnews dev sets.

Usage::

    python -m crosscheck.evaluate.calibration [--data DIR] [--split all|tune|check] [--out FILE]

Runs ``crosscheck eval findings`` with calibration off on every dev set (``--split all``, the
default) or on one half, then, per finding kind,
cuts the judged findings into up to ``MAX_BINS`` ranges of raw score with at least
``MIN_BIN`` findings each, takes each range's precision with add-one smoothing
((right + 1) / (n + 2), so that three right of three states 0.8, not 1.0), and makes the
precisions non-decreasing in the raw score (pool adjacent violators).

The rules of ``crosscheck.compare`` are chosen on the tune half, so the tune half flatters
them: fitted there alone, contradictions stated 0.95 and held 0.58 on the check half. Fitted
on both halves, a stated confidence sits between what the tuned and the untuned sets measure,
and the reliability table of ``crosscheck eval findings`` shows each half against it.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosscheck.evaluate.crossnews import Judged

MAX_BINS = 4
MIN_BIN = 12
_GOOD = {"true", "correct"}


def _pool(bins: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pool adjacent bins until precisions never fall as the raw score rises."""
    out: list[dict[str, Any]] = []
    for b in bins:
        out.append(dict(b))
        while len(out) > 1 and out[-2]["precision"] > out[-1]["precision"]:
            last = out.pop()
            prev = out.pop()
            right, n = prev["right"] + last["right"], prev["n"] + last["n"]
            out.append(
                {"upto": last["upto"], "right": right, "n": n, "precision": (right + 1) / (n + 2)}
            )
    return out


def fit(judged: Sequence[Judged]) -> dict[str, list[dict[str, Any]]]:
    """Per kind: bins ``{upto, precision, n}`` over the raw confidence of judged findings."""
    kinds: dict[str, list[Judged]] = {}
    for j in judged:
        kinds.setdefault(j.kind, []).append(j)
    out: dict[str, list[dict[str, Any]]] = {}
    for kind, items in sorted(kinds.items()):
        items.sort(key=lambda j: j.confidence)
        n_bins = max(1, min(MAX_BINS, len(items) // MIN_BIN))
        size = len(items) / n_bins
        bins = []
        for i in range(n_bins):
            chunk = items[round(i * size) : round((i + 1) * size)]
            right = sum(j.verdict in _GOOD for j in chunk)
            bins.append(
                {
                    "upto": chunk[-1].confidence,
                    "right": right,
                    "n": len(chunk),
                    "precision": (right + 1) / (len(chunk) + 2),
                }
            )
        pooled = _pool(bins)
        pooled[-1]["upto"] = 1.0
        out[kind] = [
            {"upto": round(b["upto"], 4), "precision": round(b["precision"], 3), "n": b["n"]}
            for b in pooled
        ]
    return out


_FITTED_ON = {
    "all": "crossnews dev sets, both halves",
    "tune": "crossnews tune half (even positions of the sorted set names)",
    "check": "crossnews check half (odd positions of the sorted set names)",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Fit the table on the dev sets (or one half) and write it."""
    from crosscheck.evaluate.base import default_data
    from crosscheck.evaluate.crossnews import score_set
    from crosscheck.evaluate.findings import compare_set, half_of, set_names
    from crosscheck.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data("findings"))
    parser.add_argument("--split", choices=sorted(_FITTED_ON), default="all")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "compare" / "data" / "calibration.json",
    )
    args = parser.parse_args(argv)
    settings = Settings(calibrate=False)
    names = set_names(args.data)
    root = args.data / "sets" if (args.data / "sets").is_dir() else args.data
    judged: list[Judged] = []
    for name, half in half_of(names).items():
        if args.split != "all" and half != args.split:
            continue
        gold = json.loads((root / name / "gold.json").read_text(encoding="utf-8"))
        judged += score_set(name, gold, compare_set(root / name, settings)).judged
    table = {
        "fitted_on": _FITTED_ON[args.split],
        "kinds": fit(judged),
    }
    args.out.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(table["kinds"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
