"""Writing a Spark run's output: the Parquet tables and ``_manifest.json``.

Every table is written from frames the pipeline has cached, so a write is one JVM-only
Spark job (no Python worker); row counts come from the Parquet footers when the output is
local. Not handled: appending to an existing output (every table is overwritten).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosscheck.model import Problem
from crosscheck.settings import Settings
from crosscheck.spark.tables import FACT_TABLES, article_schema, fact_schemas

LOGGER = logging.getLogger(__name__)

SCHEMA_VERSION = "crosscheck.spark/1"
ARTICLE_FIELDS = (
    "source",
    "title",
    "outlet",
    "author",
    "url",
    "published",
    "language",
    "format",
    "text",
    "clean_text",
    "removed",
    "date_anchor",
)
MANIFEST = "_manifest.json"


def write_tables(
    spark: Any,
    out: str,
    raw: Any,
    processed: Any,
    arts: Any,
    members: Any,
    compared: Any,
    planned: list[Problem],
) -> dict[str, int]:
    """Write every table of ``tables.TABLES`` (one Spark job each, from cached frames).

    Returns:
        Rows per table.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    schemas = fact_schemas()
    a = F.from_json("analysis", article_schema())
    tables: dict[str, Any] = {
        "articles": arts.select(
            "id",
            *[a["article"][c].alias(c) for c in ARTICLE_FIELDS],
            a["problems"].alias("problems"),
            "day",
            "signature",
            "analysis",
            "unit",
            "record",
        )
    }
    for name in FACT_TABLES:
        fact = F.explode(F.from_json(name, T.ArrayType(schemas[name]))).alias("f")
        rows = arts.select(F.col("id").alias("_article"), fact)
        if name == "entities":
            tables[name] = rows.select(F.col("_article").alias("article"), "f.*")
        else:
            tables[name] = rows.select("f.*")
    tables["stories"] = members.select(
        F.col("story"), F.col("id").alias("article"), "position", "state"
    )
    finding = F.from_json("data", schemas["findings"]).alias("f")
    tables["findings"] = (
        compared.where(F.col("kind") == "finding")
        .select("story", finding, F.col("data"))
        .select("story", "f.*", "data")
    )
    copy = F.from_json("data", "copy string, origin string, similarity double").alias("c")
    tables["copies"] = (
        compared.where(F.col("kind") == "copy").select("story", copy).select("story", "c.*")
    )
    tables["story_stats"] = compared.where(F.col("kind").isin("stats", "error")).select(
        "story", "kind", F.col("data").alias("stats")
    )
    plan_rows = [(p.source, p.code, p.message, p.fatal) for p in planned]
    problem_cols = "source string, code string, message string, fatal boolean"
    tables["problems"] = (
        raw.where(F.col("kind") == "problem")
        .select("source", "code", "message", "fatal")
        .unionByName(
            processed.where(F.col("kind") == "problem").select("source", "code", "message", "fatal")
        )
        .unionByName(spark.createDataFrame(plan_rows, problem_cols))
    )
    counts: dict[str, int] = {}
    for name, frame in tables.items():
        frame.write.mode("overwrite").parquet(f"{out.rstrip('/')}/{name}")
        counts[name] = _rows(spark, f"{out.rstrip('/')}/{name}")
        LOGGER.info("wrote %s: %d rows", name, counts[name])
    return counts


def _rows(spark: Any, path: str) -> int:
    """Rows of a written Parquet table: from the footers when local, else a Spark count."""
    if "://" not in path or path.startswith("file://"):
        import pyarrow.dataset as ds

        return int(ds.dataset(path.removeprefix("file://"), format="parquet").count_rows())
    return int(spark.read.parquet(path).count())


def write_manifest(
    spark: Any, out: str, result: dict[str, Any], settings: Settings, sources: Sequence[str]
) -> None:
    """``_manifest.json`` beside the tables: schema version, counts, settings, order."""
    manifest = {
        "schema": SCHEMA_VERSION,
        "sources": list(sources),
        "result": result,
        "settings": {"model": settings.model, "story_window_days": settings.story_window_days},
        "grouping_order": "undated first, then published/inferred day, then article id",
        "spark": spark.version,
    }
    text = json.dumps(manifest, indent=2, default=str)
    if "://" in out and not out.startswith("file://"):
        spark.createDataFrame([(text,)], "value string").coalesce(1).write.mode("overwrite").text(
            f"{out.rstrip('/')}/_manifest"
        )
        return
    path = Path(out.removeprefix("file://")) / MANIFEST
    path.write_text(text + "\n", encoding="utf-8")
