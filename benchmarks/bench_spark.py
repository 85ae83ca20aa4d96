"""Articles/second: the local engine (1 process) against Spark local[1] and local[2].

All three run in this one process on the same synthetic corpus (tests/_spark_corpus.py):

* ``local``: ``crosscheck.corpus.ingest`` into a temporary SQLite store (read, clean,
  analyse, sign, store, group, compare), one process;
* ``spark_local[N]``: ``crosscheck.spark.pipeline.run_ingest`` to Parquet; reported with
  and without the session start-up (JVM, Python workers).

Also measured, in this process after the model is loaded: CPU seconds per article of the
per-article stage (``engine.stages.process_chunk``) and the resident memory of a process
that has loaded spaCy and analysed the corpus (an estimate of one Spark Python worker).

Usage:
    .venv/bin/python benchmarks/bench_spark.py --articles 200 --json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from _spark_corpus import corpus, write_jsonl  # noqa: E402
from crosscheck.corpus import ingest  # noqa: E402
from crosscheck.settings import Settings  # noqa: E402


def _stage_cpu(path: Path, settings: Settings) -> dict[str, float]:
    """CPU seconds per article of clean -> analyse -> sign, in this process (model loaded)."""
    from crosscheck.engine.stages import init_worker, process_chunk
    from crosscheck.ingest.datasets import iter_dataset
    from crosscheck.model import Article

    init_worker(settings)
    articles = [a for a in iter_dataset(str(path), settings) if isinstance(a, Article)]
    words = sum(len(a.text.split()) for a in articles)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for start in range(0, len(articles), settings.batch_size):
        process_chunk(articles[start : start + settings.batch_size], settings)
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - wall0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": len(articles),
        "words_per_article": round(words / max(1, len(articles)), 1),
        "cpu_s_per_article": round(cpu / max(1, len(articles)), 4),
        "wall_s_per_article": round(wall / max(1, len(articles)), 4),
        "process_max_rss_mb": round(rss_mb, 1),
    }


def _local(path: Path, tmp: Path, settings: Settings) -> dict[str, Any]:
    db = settings.replace(db=f"sqlite:///{tmp / 'bench.db'}", processes=1)
    started = time.perf_counter()
    result = ingest([str(path)], db, progress=False)
    seconds = time.perf_counter() - started
    return {"articles": result.added, "seconds": round(seconds, 2)}


def _spark(path: Path, tmp: Path, settings: Settings, cores: int) -> dict[str, Any]:
    from crosscheck.spark.pipeline import run_ingest
    from crosscheck.spark.session import start_session

    started = time.perf_counter()
    session = start_session(f"local[{cores}]", app_name=f"bench-{cores}")
    startup = time.perf_counter() - started
    try:
        result = run_ingest(session, [str(path)], tmp / f"out{cores}", settings)
    finally:
        session.stop()
    total = time.perf_counter() - started
    return {
        "articles": result.articles,
        "spark_jobs": result.jobs,
        "startup_seconds": round(startup, 2),
        "job_seconds": round(result.seconds, 2),
        "total_seconds": round(total, 2),
    }


def _load() -> list[float]:
    """The 1, 5 and 15 minute load averages (the machine is shared)."""
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one JSON object (or a short table)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="about this many articles")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)
    settings = Settings()
    events = max(1, round(args.articles / 5.4))  # ~5.4 records per event incl. reprints
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as tmpdir:
        tmp = Path(tmpdir)
        path = write_jsonl(corpus(events), tmp / "news.jsonl")
        out: dict[str, Any] = {"corpus": {"events": events}, "load_average": {}}
        out["stage_cpu"] = _stage_cpu(path, settings)
        out["load_average"]["before_local"] = _load()
        out["local_1_process"] = _local(path, tmp, settings)
        for cores in (1, 2):
            out["load_average"][f"before_spark_local[{cores}]"] = _load()
            out[f"spark_local[{cores}]"] = _spark(path, tmp, settings, cores)
        out["load_average"]["end"] = _load()
    rates: dict[str, Any] = {}
    local = out["local_1_process"]
    rates["local_1_process"] = round(local["articles"] / local["seconds"], 2)
    for cores in (1, 2):
        run = out[f"spark_local[{cores}]"]
        rates[f"spark_local[{cores}]_with_startup"] = round(
            run["articles"] / run["total_seconds"], 2
        )
        rates[f"spark_local[{cores}]_without_startup"] = round(
            run["articles"] / run["job_seconds"], 2
        )
    out["articles_per_second"] = rates
    text = json.dumps(out, indent=2)
    if not args.json:
        print("articles/second (2 shared cores; other users' load varies):", file=sys.stderr)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
