"""Story grouping at scale: synthetic corpora of signatures through ``StoryIndex``.

Example:
    python benchmarks/bench_grouping.py --sizes 10000,100000 --json
"""

from __future__ import annotations

import argparse
import json

from crosscheck.bench_cluster import bench_grouping


def main() -> None:
    """Parse arguments, run the benchmark, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    figures = bench_grouping(sizes, seed=args.seed)
    if args.json:
        print(json.dumps(figures))
        return
    for run in figures["sizes"]:
        print(
            f"{run['articles']:>9} articles: {run['seconds']:8.1f} s, "
            f"{run['us_per_article']:7.1f} us/article, peak {run['peak_rss_mb']:.0f} MB, "
            f"{run['stories']} stories ({run['stories_true']} true), BCubed F1 {run['bcubed_f1']}"
        )
    print("signature:", figures["signature"])


if __name__ == "__main__":
    main()
