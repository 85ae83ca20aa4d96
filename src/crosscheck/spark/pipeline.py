"""``crosscheck spark ingest``: the whole pipeline as one Spark job, results as Parquet.

Stages (DataFrame API only: ``mapInPandas``, ``applyInPandas``, joins and windows, so the
job also runs on Spark Connect):

1. **Plan** (driver): each input becomes units: a WARC or dataset file is one unit, a
   directory or glob is expanded into its text/HTML files (``ingest.files.expand``). URLs
   are refused (CC015): fetch them with ``crosscheck ingest`` or into a WARC first.
2. **Read** (executors, ``stages.read_units``): the local readers, one unit per task.
3. **Deduplicate** by article id (content hash) before analysis, keeping the first by
   (unit, record), as ``crosscheck ingest`` skips an id it has already stored.
4. **Analyse** (``stages.process_rows`` = ``engine.stages.process_chunk``), cached.
5. **Group** (``grouping``): rank in grouping order, prefix document frequencies per slot
   (a window count), posting keys, blocks joined on posting keys (connected components),
   and an exact replay of the incremental ``StoryIndex`` per block.
6. **Compare** each story (``engine.stages.compare_story`` and ``copies_of``).
7. **Write** the Parquet tables of ``tables.TABLES`` and ``_manifest.json`` (``output``).

Actions (what costs a Spark job, ~0.2-1 s each in local mode before any work): one
aggregate that reads, analyses and fills the two caches and gives every count; one collect
of the shared blocking keys (small corpora; label propagation otherwise); one write per
table. With adaptive execution on, each shuffle stage of an action is a job of its own:
about 30 jobs a run in all (``SparkIngestResult.jobs``).

Not handled: URLs, feeds and sitemaps (no polite fetching from executors); inputs must be
readable by every executor at the same path (a shared or mounted filesystem); duplicate
canonical URLs with different text are both kept (``crosscheck ingest`` keeps the first).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from crosscheck.errors import CODES
from crosscheck.model import Problem
from crosscheck.settings import Settings
from crosscheck.spark import stages
from crosscheck.spark.grouping import components, story_id_of
from crosscheck.spark.output import write_manifest, write_tables
from crosscheck.spark.tables import (
    REPLAY_SCHEMA,
    compare_schema,
    processed_schema,
    raw_schema,
)
from crosscheck.stories.index import MAX_POSTING
from crosscheck.stories.story import QUERY_KEYS

LOGGER = logging.getLogger(__name__)

# Edge lists up to this many (key, article) pairs are collected and joined into blocks by
# union-find on the driver (a few MB); larger ones by label propagation in Spark.
COLLECT_EDGES = 2_000_000
MAX_ROUNDS = 60


@dataclass(frozen=True, slots=True)
class SparkIngestResult:
    """What one ``run_ingest`` did.

    Attributes:
        out: the output directory.
        articles: articles analysed and written.
        duplicates: records dropped because an earlier record had the same text (id).
        problems: inputs refused or failed (all are in the ``problems`` table).
        stories: stories written.
        findings: findings written.
        exact: False when blocking keys were dropped (``max_block``), so story groups may
            differ from ``crosscheck ingest``'s.
        seconds: wall time of the job (session start excluded).
        counts: rows per table.
        jobs: Spark jobs the run started (None on Spark Connect).
    """

    out: str
    articles: int
    duplicates: int
    problems: int
    stories: int
    findings: int
    exact: bool
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    jobs: int | None = None


def plan_units(sources: Sequence[str]) -> tuple[list[tuple[int, str]], list[Problem]]:
    """Turn inputs into reading units (one file each) and problems, in input order."""
    from crosscheck.ingest.corpus import is_url
    from crosscheck.ingest.datasets import dataset_kind
    from crosscheck.ingest.files import expand
    from crosscheck.ingest.warc import is_warc

    units: list[tuple[int, str]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for source in sources:
        if is_url(source):
            message = f"{source}: {CODES['CC015']}: the Spark engine reads no URLs"
            problems.append(Problem(source, "CC015", message))
            continue
        if (dataset_kind(source) or is_warc(source)) and not any(c in source for c in "*?["):
            paths = [Path(source)] if Path(source).exists() else None
        else:
            paths = expand(source)
        if paths is None:
            problems.append(Problem(source, "CC001", f"{source}: {CODES['CC001']}"))
            continue
        for path in paths:
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                units.append((len(units) + 1, str(path)))
    return units, problems


def run_ingest(
    spark: Any,
    sources: Sequence[str],
    out: str | Path,
    settings: Settings | None = None,
    *,
    partitions: int | None = None,
    max_block: int = MAX_POSTING,
) -> SparkIngestResult:
    """Analyse ``sources`` on Spark and write the Parquet tables to ``out`` (overwritten).

    Args:
        spark: a ``SparkSession`` (``session.start_session``).
        sources: files, directories, globs, ``.jsonl/.csv/.parquet`` datasets and
            ``.warc(.gz)`` archives, readable at the same path by every executor.
        out: output directory (local path or any Hadoop filesystem URL).
        settings: pipeline settings (model, batch size, story window).
        partitions: tasks for the per-article stage (default: the shuffle partitions).
        max_block: blocking keys carried by more articles than this are not used.

    Returns:
        A ``SparkIngestResult``.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    settings = settings or Settings.from_env()
    started = time.perf_counter()
    out = str(out)
    group = _job_group(spark)
    units, planned = plan_units(sources)
    n_parts = partitions or int(spark.conf.get("spark.sql.shuffle.partitions"))

    # 1-3: read on the executors, deduplicate by id before analysis. The hash partitioning
    # on id serves both the window and the analysis (one shuffle, ``n_parts`` tasks).
    unit_df = spark.createDataFrame(units or [(0, "")], "unit long, path string")
    if not units:
        unit_df = unit_df.limit(0)
    raw = unit_df.repartition(max(1, min(len(units), n_parts)), "unit").mapInPandas(
        partial(stages.read_units, settings=settings), raw_schema()
    )
    raw = raw.persist()
    first = Window.partitionBy("id").orderBy("unit", "record")
    fresh = (
        raw.where(F.col("kind") == "article")
        .repartition(n_parts, "id")
        .withColumn("_n", F.row_number().over(first))
        .where(F.col("_n") == 1)
        .drop("_n")
    )

    # 4: the per-article stage (one result row per fresh article), cached.
    processed = fresh.mapInPandas(
        partial(stages.process_rows, settings=settings), processed_schema()
    ).persist()
    # The first action: reads, analyses and fills both caches; gives every count we need.
    tally = _tally(raw, processed, F)
    LOGGER.info("read and analysed: %s (%.1f s)", tally, time.perf_counter() - started)
    n_articles = tally.get(("done", "article"), 0)
    duplicates = tally.get(("read", "article"), 0) - n_articles - tally.get(("done", "problem"), 0)
    arts = processed.where(F.col("kind") == "article")

    # 5: story grouping.
    members, exact = _group(spark, arts, settings, max_block, tally, F, Window)
    members = members.persist()

    # 6: per-story comparison.
    compared = (
        members.join(arts.select("id", "analysis"), "id")
        .groupBy("story")
        .applyInPandas(stages.per_group(stages.compare_rows, settings), compare_schema())
        .persist()
    )

    # 7: tables, each written from the cached frames above.
    counts = write_tables(spark, out, raw, processed, arts, members, compared, planned)
    result = SparkIngestResult(
        out=out,
        articles=n_articles,
        duplicates=duplicates,
        problems=counts["problems"],
        stories=counts["story_stats"],
        findings=counts["findings"],
        exact=exact,
        seconds=round(time.perf_counter() - started, 3),
        counts=counts,
        jobs=_jobs(spark, group),
    )
    write_manifest(spark, out, asdict(result), settings, sources)
    for frame in (raw, processed, members, compared):
        frame.unpersist()
    return result


def _job_group(spark: Any) -> str | None:
    """Tag this run's Spark jobs (to count them); None on Spark Connect."""
    group = f"crosscheck-{os.getpid()}-{time.time_ns()}"
    try:
        spark.sparkContext.setJobGroup(group, "crosscheck spark ingest")
    except Exception:  # Spark Connect: no SparkContext
        return None
    return group


def _jobs(spark: Any, group: str | None) -> int | None:
    """Spark jobs this run started (the status tracker's count), or None when unknown."""
    if group is None:
        return None
    try:
        return len(spark.sparkContext.statusTracker().getJobIdsForGroup(group))
    except Exception:
        return None


def _tally(raw: Any, processed: Any, F: Any) -> dict[tuple[str, str], int]:
    """Rows per (stage, kind) of the read and analysed frames, plus ``("done", "signed")``
    (articles with a signature) and ``("done", "latest")`` (their latest day, if any).

    One Spark job, which also materialises both cached frames.
    """
    read = raw.select(
        F.lit("read").alias("stage"),
        "kind",
        F.lit(False).alias("signed"),
        F.lit(None).cast("long").alias("day"),
    )
    done = processed.select(
        F.lit("done").alias("stage"),
        "kind",
        F.col("signature").isNotNull().alias("signed"),
        F.when(F.col("signature").isNotNull(), F.col("day")).alias("day"),
    )
    groups = read.unionByName(done).groupBy("stage", "kind", "signed")
    tally: dict[tuple[str, str], int] = {}
    for row in groups.agg(F.count("*").alias("n"), F.max("day").alias("latest")).collect():
        key = (str(row["stage"]), str(row["kind"]))
        tally[key] = tally.get(key, 0) + int(row["n"])
        if row["signed"]:
            tally[("done", "signed")] = tally.get(("done", "signed"), 0) + int(row["n"])
        if row["latest"] is not None:
            tally[("done", "latest")] = max(tally.get(("done", "latest"), 0), int(row["latest"]))
    return tally


def _group(
    spark: Any,
    arts: Any,
    settings: Settings,
    max_block: int,
    tally: dict[tuple[str, str], int],
    F: Any,
    Window: Any,
) -> tuple[Any, bool]:
    """Story membership ``(id, story, position, state)`` of every article; whether exact.

    ``state`` is the story-index state of a story open at the end (``replay_block``).

    ``signed`` (articles with a signature) bounds the (key, article) edges: at most
    ``2 * QUERY_KEYS`` posting keys an article. Under ``COLLECT_EDGES`` the blocks come
    from one collect and a union-find on the driver, else from label propagation in Spark.
    """
    signed = tally.get(("done", "signed"), 0)
    latest = tally.get(("done", "latest"))
    sig = arts.where(F.col("signature").isNotNull())
    # One global ordering (only ids and days travel to the single partition).
    order = Window.orderBy(F.col("day").isNotNull(), "day", "id")
    ranks = sig.select("id", "day").withColumn("rank", F.row_number().over(order))
    by_slot = Window.partitionBy("slot").orderBy("rank")
    base = (
        ranks.select("id", "rank")
        .join(sig.select("id", "slots"), "id")
        .select("id", "rank", F.explode("slots").alias("slot"))
        .withColumn("df", F.row_number().over(by_slot))
        .groupBy("id", "rank")
        .agg(F.sort_array(F.collect_list(F.struct("slot", "df"))).alias("pairs"))
        .select("id", "rank", F.col("pairs.slot").alias("slots"), F.col("pairs.df").alias("dfs"))
        .join(sig.select("id", "signature"), "id")
        .persist()
    )
    keys = base.mapInPandas(
        partial(stages.key_rows, settings=settings), "id string, rank long, keys array<long>"
    )
    by_key = (
        keys.select("rank", F.explode("keys").alias("key"))
        .groupBy("key")
        .agg(F.count("*").alias("n"), F.collect_list("rank").alias("ranks"))
        .where(F.col("n") >= 2)
    )
    if signed * 2 * QUERY_KEYS <= COLLECT_EDGES:
        # One job: the shared keys (the ranks of those not over max_block) to the driver.
        rows = by_key.select(
            "n", F.when(F.col("n") <= max_block, F.col("ranks")).alias("ranks")
        ).collect()
        dropped = sum(1 for r in rows if r["ranks"] is None)
        pairs = [(i, int(rank)) for i, r in enumerate(rows) if r["ranks"] for rank in r["ranks"]]
        found = components(pairs, [rank for _, rank in pairs])
        # Articles without a shared key are blocks of their own (label = their rank).
        given = spark.createDataFrame(list(found.items()) or [(0, 0)], "rank long, block long")
        labels = (
            base.select("rank")
            .join(given, "rank", "left")
            .select("rank", F.coalesce("block", "rank").alias("block"))
        )
    else:
        by_key = by_key.persist()
        dropped = by_key.where(F.col("n") > max_block).count()
        edges = by_key.where(F.col("n") <= max_block).select(
            "key", F.explode("ranks").alias("rank")
        )
        labels = propagate_labels(base.select("rank"), edges, F)
    LOGGER.info("blocking: %d key(s) carried by too many articles", dropped)
    if dropped:
        LOGGER.warning(
            "%d blocking key(s) carried by more than %d articles were left out: story "
            "groups may differ from crosscheck ingest's",
            dropped,
            max_block,
        )
    window = settings.story_window_days
    horizon = None if latest is None or window <= 0 else latest - window
    replay = partial(stages.replay_rows, horizon=horizon)
    replayed = (
        base.join(labels, "rank")
        .groupBy("block")
        .applyInPandas(stages.per_group(replay, settings), REPLAY_SCHEMA)
    )
    unsigned = arts.where(F.col("signature").isNull()).select(
        "id",
        F.concat(F.lit(story_id_of("")), F.col("id")).alias("story"),
        F.lit(0).cast("long").alias("position"),
        F.lit(None).cast("string").alias("state"),
    )
    return replayed.unionByName(unsigned), dropped == 0


def propagate_labels(nodes: Any, edges: Any, F: Any, rounds: int = MAX_ROUNDS) -> Any:
    """Connected components in Spark: min-label propagation over (key, rank) edges.

    Each round gives every key the smallest label of its articles and every article the
    smallest label of its keys, until nothing changes (rounds <= the blocks' diameter).
    """
    labels = nodes.select("rank", F.col("rank").alias("block"))
    for _ in range(rounds):
        key_label = edges.join(labels, "rank").groupBy("key").agg(F.min("block").alias("kb"))
        best = edges.join(key_label, "key").groupBy("rank").agg(F.min("kb").alias("nb"))
        # One materialisation a round (it also cuts the lineage); the check below reads it.
        updated = (
            labels.join(best, "rank", "left")
            .select("rank", "block", F.least("block", F.coalesce("nb", "block")).alias("new"))
            .localCheckpoint()
        )
        labels = updated.select("rank", F.col("new").alias("block"))
        if updated.where(F.col("new") < F.col("block")).isEmpty():
            return labels
    LOGGER.warning("label propagation stopped after %d rounds", rounds)
    return labels
