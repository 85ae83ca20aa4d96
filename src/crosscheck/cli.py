"""Command-line interface: thin click commands over the Python API.

Exit codes of ``compare``: 0 every input was used; 3 some inputs were skipped (the report
covers the rest); 4 nothing usable; 2 usage error.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from crosscheck.errors import CrosscheckError, NothingToCompareError
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

EXIT_PARTIAL = 3
EXIT_NOTHING = 4


def _settings(model: str | None = None, **extra: Any) -> Settings:
    overrides: dict[str, Any] = {k: v for k, v in extra.items() if v is not None}
    if model:
        overrides["model"] = model
    return Settings.from_env(**overrides)


def _err(message: str) -> None:
    click.echo(f"crosscheck: {message}", err=True)


def _report_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--format`` and ``--output``, shared by the commands that print a report."""
    command = click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here."
    )(command)
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(["text", "json", "markdown", "html"]),
        default="text",
        show_default=True,
        help="Report format.",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crosscheck")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def main(verbose: int) -> None:
    """crosscheck: compare news articles claim by claim and quote by quote."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@_report_options
@click.option("--outlet", help="Outlet of every input (overrides page and sidecar).")
@click.option("--published", help="Publication date of every input (ISO).")
@click.option("--url", help="URL of every input.")
@click.option("--model", help="spaCy pipeline to use (default: best installed English one).")
def compare(
    sources: tuple[str, ...],
    fmt: str,
    output: Path | None,
    outlet: str | None,
    published: str | None,
    url: str | None,
    model: str | None,
) -> None:
    """Compare articles: who said what, what agrees, what rests on one source, what conflicts.

    SOURCES are text or HTML files, folders, globs, or - for standard input.

    Example:
        crosscheck compare examples/
        crosscheck compare a.txt b.html --format html -o report.html
        cat a.txt | crosscheck compare - b.txt --format json
    """
    from crosscheck.pipeline import run
    from crosscheck.report import render, to_terminal

    settings = _settings(model)
    try:
        report = run(
            list(sources),
            settings,
            outlet=outlet,
            published=published,
            url=url,
            stdin=sys.stdin.buffer,
        )
    except NothingToCompareError as exc:
        _err(str(exc))
        sys.exit(EXIT_NOTHING)
    except CrosscheckError as exc:
        _err(str(exc))
        sys.exit(EXIT_NOTHING)
    skipped = [p for p in report.problems if p.fatal]
    for problem in report.problems:
        what = "skipped" if problem.fatal else "note"
        _err(f"{what}: [{problem.code}] {problem.message}")
    if output is None and fmt == "text":
        to_terminal(report)
    else:
        rendered = render(report, fmt)
        if output is None:
            click.echo(rendered)
        else:
            output.write_text(rendered, encoding="utf-8")
            _err(f"wrote {output} ({len(report.findings)} findings)")
    if skipped:
        sys.exit(EXIT_PARTIAL)


@main.command(name="eval")
@click.argument(
    "task",
    type=click.Choice(
        ["quotes", "dates", "quantities", "html", "stories", "findings", "lookalikes", "all"]
    ),
)
@click.option(
    "--data", type=click.Path(path_type=Path), help="Corpus folder (default: shared data)."
)
@click.option("--limit", type=int, help="Only the first N items (sorted).")
@click.option("--split", default="dev", show_default=True, help="Corpus split.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
@click.option("--errors", type=click.Path(path_type=Path), help="Write per-item errors (JSONL).")
@click.option(
    "--predictions",
    type=click.Path(exists=True, path_type=Path),
    help="Score another system's predictions (JSONL) instead of crosscheck's.",
)
@click.option("--markdown", is_flag=True, help="Print the README's accuracy table.")
@click.option(
    "--readme",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Also rewrite this README's accuracy section with the table.",
)
def evaluate(
    task: str,
    data: Path | None,
    limit: int | None,
    split: str,
    as_json: bool,
    errors: Path | None,
    predictions: Path | None,
    markdown: bool,
    readme: Path | None,
) -> None:
    """Measure extraction accuracy on a real annotated corpus.

    Example:
        crosscheck eval quotes --limit 20
        crosscheck eval dates --json
        crosscheck eval all --errors out/errors.jsonl
        crosscheck eval all --markdown --readme README.md
    """
    from crosscheck.evaluate import TASKS, run_task

    tasks = list(TASKS) if task == "all" else [task]
    results = []
    for name in tasks:
        err_path = errors
        if errors is not None and len(tasks) > 1:
            err_path = errors.with_name(f"{errors.stem}.{name}{errors.suffix or '.jsonl'}")
        try:
            result = run_task(
                name,
                data if len(tasks) == 1 else None,
                limit=limit,
                split=split,
                predictions=predictions,
                errors=err_path,
                settings=_settings(),
            )
        except CrosscheckError as exc:
            _err(str(exc))
            sys.exit(EXIT_NOTHING)
        results.append(result.as_dict())
    if markdown or readme is not None:
        from crosscheck.evaluate.table import accuracy_table, update_readme

        text = update_readme(readme, results) if readme else accuracy_table(results)
        click.echo(text, nl=False)
        return
    if as_json:
        click.echo(json.dumps(results[0] if len(results) == 1 else results, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="crosscheck eval")
    for col in ("task", "precision", "recall", "f1", "items", "seconds", "other measures"):
        table.add_column(col)
    for row in results:
        other = {
            k: v
            for k, v in row.items()
            if k not in {"task", "precision", "recall", "f1", "items", "seconds", "notes"}
        }
        table.add_row(
            row["task"],
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
            str(row["items"]),
            f"{row['seconds']:.1f}",
            ", ".join(f"{k}={v}" for k, v in other.items()),
        )
    Console().print(table)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
@click.option("--articles", type=int, default=60, show_default=True, help="Articles per run.")
@click.option("--repeat", type=int, default=3, show_default=True, help="Runs; the best counts.")
@click.option(
    "--corpus",
    type=click.Path(exists=True, path_type=Path),
    help="Folder of articles to cycle through (default: the bundled examples).",
)
@click.option("--grouping", default="", help="Also time story grouping at these sizes (10000,...).")
@click.option("--processes", default="", help="Also time the engine on these process counts (1,2).")
def bench(
    as_json: bool, articles: int, repeat: int, corpus: Path | None, grouping: str, processes: str
) -> None:
    """Measure end-to-end speed against bare spaCy ``nlp.pipe`` on the same texts.

    Both are measured in this one run on this machine, and the ratio is what counts.

    Example:
        crosscheck bench --articles 60 --json
        crosscheck bench --processes 1,2 --grouping 10000,100000 --json
    """
    from crosscheck.bench import run_bench

    def sizes(text: str) -> list[int]:
        return [int(x) for x in text.split(",") if x.strip()]

    figures = run_bench(
        corpus=corpus,
        articles=articles,
        repeat=repeat,
        grouping=sizes(grouping),
        processes=sizes(processes),
        settings=_settings(),
    )
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        click.echo(f"{key:32} {value}")


_DB_HELP = "Store URL (default sqlite:///crosscheck.db, or $CROSSCHECK_DB)."


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", help=_DB_HELP)
@click.option("-j", "--processes", type=int, help="Worker processes (default 1).")
@click.option("--text-col", help="Dataset column holding the article text.")
@click.option("--title-col", help="Dataset column holding the title.")
@click.option("--url-col", help="Dataset column holding the URL.")
@click.option("--date-col", help="Dataset column holding the publication date.")
@click.option("--outlet-col", help="Dataset column holding the outlet.")
@click.option("--allow-private", is_flag=True, help="Let URL fetching reach private addresses.")
@click.option("--force", is_flag=True, help="Re-read unchanged local files done earlier.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def ingest(
    sources: tuple[str, ...],
    db: str | None,
    processes: int | None,
    text_col: str | None,
    title_col: str | None,
    url_col: str | None,
    date_col: str | None,
    outlet_col: str | None,
    allow_private: bool,
    force: bool,
    no_progress: bool,
) -> None:
    """Analyse articles into the store and group them into stories as they arrive.

    SOURCES: files, folders, globs, - (stdin), .jsonl/.csv/.parquet datasets, .warc(.gz)
    archives, RSS/Atom feeds, sitemaps and http(s) URLs. Re-running resumes: stored
    articles are skipped.

    Example:
        crosscheck ingest examples/ --db sqlite:///news.db
        crosscheck ingest dump.parquet --text-col body --date-col published -j 2
    """
    from crosscheck.corpus import ingest as run_ingest
    from crosscheck.ingest.datasets import ColumnMap

    settings = _settings(db=db, processes=processes, allow_private=allow_private or None)
    columns = ColumnMap(
        text=text_col, title=title_col, url=url_col, date=date_col, outlet=outlet_col
    )
    try:
        result = run_ingest(
            list(sources), settings, progress=not no_progress, columns=columns, force=force
        )
    except CrosscheckError as exc:
        _err(str(exc))
        sys.exit(EXIT_NOTHING)
    for problem in result.problems:
        _err(f"skipped: [{problem.code}] {problem.message}")
    click.echo(
        f"added {result.added}, already stored {result.skipped}, duplicates "
        f"{result.duplicates}, problems {result.problem_count}, stories changed "
        f"{len(result.stories)} in {result.seconds:.1f} s"
    )
    if result.problem_count and not result.added and not result.skipped:
        sys.exit(EXIT_NOTHING)
    if result.problem_count:
        sys.exit(EXIT_PARTIAL)


@main.command()
@click.option("--db", help=_DB_HELP)
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stories(db: str | None, limit: int, as_json: bool) -> None:
    """List stored stories: time span, sources and articles.

    Example:
        crosscheck stories --db sqlite:///news.db
    """
    from crosscheck.corpus import list_stories
    from crosscheck.model import to_dict

    found = list_stories(_settings(db=db), limit=limit)
    if as_json:
        click.echo(json.dumps(to_dict(found), indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(found)} stories")
    for col in ("story", "articles", "first seen", "last seen", "title"):
        table.add_column(col)
    for story in found:
        table.add_row(
            story.id,
            str(len(story.articles)),
            story.first_seen or "",
            story.last_seen or "",
            story.title,
        )
    Console().print(table)


@main.command()
@click.argument("story_id")
@click.option("--db", help=_DB_HELP)
@_report_options
def report(story_id: str, db: str | None, fmt: str, output: Path | None) -> None:
    """The compare report of one stored story.

    Example:
        crosscheck report S1 --format html -o story.html
    """
    from crosscheck.corpus import story_report
    from crosscheck.report import render, to_terminal

    try:
        result = story_report(story_id, _settings(db=db))
    except CrosscheckError as exc:
        _err(str(exc))
        sys.exit(EXIT_NOTHING)
    if output is None and fmt == "text":
        to_terminal(result)
        return
    rendered = render(result, fmt)
    if output is None:
        click.echo(rendered)
    else:
        output.write_text(rendered, encoding="utf-8")


@main.command()
@click.argument("query")
@click.option("--db", help=_DB_HELP)
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def search(query: str, db: str | None, limit: int, as_json: bool) -> None:
    """Full-text search over stored articles, quotes and speakers.

    Example:
        crosscheck search '"recent escalations"'
    """
    from crosscheck.corpus import search as run_search
    from crosscheck.model import to_dict

    hits = run_search(query, _settings(db=db), limit=limit)
    if as_json:
        click.echo(json.dumps(to_dict(hits), indent=2))
        return
    for hit in hits:
        click.echo(f"{hit.kind:8} {hit.ref:24} {hit.title or ''}\n         {hit.snippet}")


@main.command()
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--db", help=_DB_HELP)
def delete(article_ids: tuple[str, ...], db: str | None) -> None:
    """Delete stored articles with everything extracted from them; their stories are
    recomputed (an emptied story is dropped).

    Example:
        crosscheck delete 3f9a0c2b1d4e5f60 --db sqlite:///news.db
    """
    from crosscheck.corpus import delete_article
    from crosscheck.store import open_store

    settings = _settings(db=db)
    missing = 0
    store = open_store(settings.db)
    try:
        for article_id in article_ids:
            existed, story_id = delete_article(article_id, settings, store=store)
            if existed:
                click.echo(f"deleted {article_id} (story {story_id or 'none'})")
            else:
                _err(f"CC001: no article with id {article_id!r}")
                missing += 1
    finally:
        store.close()
    if missing:
        sys.exit(EXIT_NOTHING)


def _add_optional_commands() -> None:
    """Commands defined next to the layers they drive (the web app, the Spark job)."""
    from crosscheck.spark.cli import spark
    from crosscheck.web.cli import serve

    main.add_command(serve)
    main.add_command(spark)


_add_optional_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
