"""Print every conflict crosscheck finds in ECB+ events that crossnews does not use, to read.

ECB+ has two events per topic; crossnews sets are built from one of them (or from FNC-1), so
the other event's articles have never been looked at while writing rules. They carry no gold
for conflicts: the output is for a reader to judge, event by event, as a fact-checker would.

    .venv/bin/python benchmarks/unseen_conflicts.py [CLUSTER ...] [--data ../shared/data]

CLUSTER is an ECB+ cluster id such as ``26_ecbplus``; without one, every unused cluster with
three documents or more is compared (its first eight by name).
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from crosscheck.evaluate.stories import _detok
from crosscheck.pipeline import compare_texts

CONFLICTS = {
    "contradiction",
    "numeric_conflict",
    "date_conflict",
    "attribution_conflict",
    "temporal_anomaly",
}
# ECB+ plain text splits contractions with a curly apostrophe: "hadn ’ t", "Williams ’ case".
_SPLIT_APOSTROPHE = re.compile(r"(\w) ’ (?=\w)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clusters", nargs="*")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    ecb = args.data / "ecbplus"
    used = {p.name.removeprefix("ecb_") for p in (args.data / "crossnews" / "sets").iterdir()}
    docs: dict[str, list[str]] = {}
    with (ecb / "doc_clusters.tsv").open() as tsv:
        for row in csv.DictReader(tsv, delimiter="\t"):
            docs.setdefault(row["cluster_id"], []).append(row["doc_name"].replace(".xml", ".txt"))
    total = 0
    for cluster, names in sorted(docs.items()):
        if cluster in used or (args.clusters and cluster not in args.clusters):
            continue
        texts = {}
        for name in sorted(names)[:8]:
            path = ecb / "plain_text" / name
            if path.exists():
                lines = path.read_text(encoding="utf-8").splitlines()
                texts[name] = _SPLIT_APOSTROPHE.sub(r"\1’", "\n".join(_detok(x) for x in lines))
        if len(texts) < 3:
            continue
        report = compare_texts(texts)
        found = [f for f in report.findings if f.kind in CONFLICTS]
        total += len(found)
        print(f"=== {cluster}: {len(texts)} articles, {len(report.findings)} findings")
        for f in found:
            print(f"  [{f.kind} {f.confidence}] {f.summary}")
            for span in f.evidence[:6]:
                print(f"      {span.text[:200]}".replace("\n", " "))
    print(f"{total} conflict findings")


if __name__ == "__main__":
    main()
