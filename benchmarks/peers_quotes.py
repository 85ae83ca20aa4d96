"""Peer comparison for quotes: textacy's ``direct_quotations`` on the PolNeAR dev split.

textacy is not a crosscheck dependency: it is installed (without its dependencies beyond
those listed below; spaCy comes from the project's venv) into ``out/peers-lib`` and put on
``sys.path`` only here. When it cannot be installed the script says so and exits 0.

It parses every dev article whole with the same spaCy model crosscheck uses, lemmatizer
included (textacy is written for whole documents and finds cue verbs by lemma), writes
``out/peers/textacy_quotes.jsonl`` in the prediction format of
``crosscheck.evaluate.quotes`` and scores it with the same scorer.

Usage::

    .venv/bin/python benchmarks/peers_quotes.py [--limit N] [--split dev]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "out" / "peers-lib"
OUT = ROOT / "out" / "peers"
# textacy 0.13 imports these at package import time; spaCy and numpy come from the venv.
PACKAGES = [
    "textacy==0.13.0",
    "cytoolz",
    "toolz",
    "jellyfish",
    "pyphen",
    "cachetools",
    "floret",
    "networkx",
    "scikit-learn",
    "scipy",
    "joblib",
    "threadpoolctl",
    "cloudpickle",
    "narwhals",
]


def _load_textacy() -> Any:
    """Import ``direct_quotations``, installing textacy into ``out/peers-lib`` if needed."""
    sys.path.insert(0, str(LIB))
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        cmd = [sys.executable, "-m", "pip", "install", "-q", "--target", str(LIB), "--no-deps"]
        result = subprocess.run([*cmd, *PACKAGES], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(f"textacy could not be installed; skipping.\n{result.stderr[-2000:]}")
            return None
        try:
            from textacy.extract.triples import direct_quotations
        except ImportError as exc:
            print(f"textacy installed but does not import ({exc}); skipping.")
            return None
    return direct_quotations


def main() -> int:
    """Run textacy over the split, write its predictions and print both scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    direct_quotations = _load_textacy()
    if direct_quotations is None:
        return 0
    import spacy

    from crosscheck.evaluate.base import default_data
    from crosscheck.evaluate.quotes import load, read_predictions, score
    from crosscheck.extract.nlp import model_name
    from crosscheck.settings import Settings

    data = default_data("quotes")
    if not data.exists():
        print(f"PolNeAR not found at {data}; skipping.")
        return 0
    docs = load(data, args.split, args.limit)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "textacy_quotes.jsonl"
    failures = 0
    with path.open("w", encoding="utf-8") as fh:
        # textacy finds cue verbs by lemma: load the pipeline whole (crosscheck drops the
        # lemmatizer, see extract.nlp).
        nlp = spacy.load(model_name(Settings()))
        for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
            quotes = []
            try:
                triples = list(direct_quotations(parsed))
            except Exception as exc:  # textacy raises on some unpaired marks
                failures += 1
                print(f"textacy failed on {doc.name}: {exc}", file=sys.stderr)
                triples = []
            for t in triples:
                row: dict[str, Any] = {
                    "start": t.content.start_char,
                    "end": t.content.end_char,
                    "kind": "direct",
                }
                if t.speaker:
                    row["speaker_start"] = min(tok.idx for tok in t.speaker)
                    row["speaker_end"] = max(tok.idx + len(tok) for tok in t.speaker)
                    row["speaker_name"] = " ".join(tok.text for tok in t.speaker)
                if t.cue:
                    row["cue_start"] = min(tok.idx for tok in t.cue)
                    row["cue_end"] = max(tok.idx + len(tok) for tok in t.cue)
                quotes.append(row)
            fh.write(json.dumps({"doc": doc.name, "quotes": quotes}) + "\n")
    figures, _errors = score(docs, read_predictions(path))
    shown = {k: round(v, 4) for k, v in figures.items()}
    print(
        json.dumps(
            {
                "system": "textacy.direct_quotations",
                "docs": len(docs),
                "failed_docs": failures,
                **shown,
            },
            indent=1,
        )
    )
    print(f"predictions: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
