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
import re
from dataclasses import replace
from pathlib import Path

from crosscheck.evaluate.stories import _detok, load
from crosscheck.model import Article
from crosscheck.pipeline import compare_items
from crosscheck.settings import Settings

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
    used = {p.name.removeprefix("ecb_") for p in (args.data / "crossnews" / "sets").iterdir()}
    # the ECB+ reader the story and look-alike evaluations use: title, URL and the page's
    # date come off the header lines
    articles, cluster_of, _topics = load(args.data / "ecbplus")
    by_cluster: dict[str, list[Article]] = {}
    for article in articles:
        by_cluster.setdefault(cluster_of[article.id], []).append(article)
    settings = Settings()
    total = 0
    for cluster, members in sorted(by_cluster.items()):
        if cluster in used or (args.clusters and cluster not in args.clusters):
            continue
        members = sorted(members, key=lambda a: a.id)[:8]
        if len(members) < 3:
            continue
        readable = [
            replace(
                a, text=_SPLIT_APOSTROPHE.sub(r"\1’", "\n".join(map(_detok, a.text.split("\n"))))
            )
            for a in members
        ]
        report = compare_items(readable, settings)
        found = [f for f in report.findings if f.kind in CONFLICTS]
        total += len(found)
        print(f"=== {cluster}: {len(members)} articles, {len(report.findings)} findings")
        for f in found:
            print(f"  [{f.kind} {f.confidence}] {f.summary}")
            for span in f.evidence[:6]:
                print(f"      {span.text[:200]}".replace("\n", " "))
    print(f"{total} conflict findings")


if __name__ == "__main__":
    main()
