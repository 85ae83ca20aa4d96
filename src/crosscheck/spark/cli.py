"""The ``crosscheck spark`` command group."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from crosscheck.errors import CrosscheckError
from crosscheck.settings import Settings


@click.group()
def spark() -> None:
    """Run the pipeline on Apache Spark (local mode or a cluster)."""


@spark.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", required=True, help="Output directory for the Parquet tables.")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option("--partitions", type=int, help="Tasks for the per-article stage.")
@click.option("--model", help="spaCy pipeline to load on the executors.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def ingest_cmd(
    sources: tuple[str, ...],
    out: str,
    master: str,
    partitions: int | None,
    model: str | None,
    as_json: bool,
) -> None:
    """Analyse SOURCES on Spark and write Parquet tables to --out.

    SOURCES: files, folders, globs, .jsonl/.csv/.parquet datasets and .warc(.gz) archives,
    readable at the same path on every executor. Story groups equal those of
    `crosscheck ingest` fed the same articles by date, then id (docs/spark.md).

    Example:

    \b
        crosscheck spark ingest crawl/*.warc.gz --out news-parquet --master local[2]
        crosscheck spark load news-parquet --db sqlite:///news.db
    """
    from crosscheck.spark.pipeline import run_ingest
    from crosscheck.spark.session import java_available, start_session

    if not java_available():
        click.echo("crosscheck: Java is not installed (Spark needs Java 17)", err=True)
        sys.exit(2)
    settings = Settings.from_env(**({"model": model} if model else {}))
    session = start_session(master)
    try:
        result = run_ingest(session, list(sources), out, settings, partitions=partitions)
    finally:
        session.stop()
    if as_json:
        click.echo(json.dumps(asdict(result), indent=2))
    else:
        click.echo(
            f"{result.articles} articles, {result.duplicates} duplicates, {result.problems} "
            f"problems, {result.stories} stories, {result.findings} findings -> {result.out} "
            f"in {result.seconds:.1f} s" + ("" if result.exact else " (grouping not exact)")
        )
    if result.problems:
        sys.exit(3)


@spark.command("load")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--db", help="Store URL (sqlite:///path.db or postgresql://...).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def load_cmd(directory: str, db: str | None, as_json: bool) -> None:
    """Load the Parquet tables of `crosscheck spark ingest` into the store.

    Needs no Spark. Afterwards `crosscheck stories`, `report` and `serve` work on the store.

    Example:

    \b
        crosscheck spark load news-parquet --db postgresql://news@db.example/news
    """
    from crosscheck.spark.loader import load

    settings = Settings.from_env(**({"db": db} if db else {}))
    try:
        result = load(directory, settings)
    except CrosscheckError as exc:
        click.echo(f"crosscheck: {exc}", err=True)
        sys.exit(4)
    if as_json:
        click.echo(json.dumps(asdict(result), indent=2))
    else:
        click.echo(
            f"loaded {result.articles} articles ({result.already_stored} already stored), "
            f"{result.stories} stories, {result.findings} findings, {result.problems} "
            f"problems into {settings.db} in {result.seconds:.1f} s; {result.open_stories} "
            "open stories continue with the next `crosscheck ingest`"
        )
