"""Command-line interface: thin click commands over the Python API.

Exit codes of ``compare``: 0 every input was used; 3 some inputs were skipped (the report
covers the rest); 4 nothing usable; 2 usage error.
"""

from __future__ import annotations

import json
import logging
import sys
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crosscheck")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def main(verbose: int) -> None:
    """crosscheck: compare news articles claim by claim and quote by quote."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
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
    "task", type=click.Choice(["quotes", "dates", "quantities", "html", "stories", "all"])
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
def evaluate(
    task: str,
    data: Path | None,
    limit: int | None,
    split: str,
    as_json: bool,
    errors: Path | None,
    predictions: Path | None,
) -> None:
    """Measure extraction accuracy on a real annotated corpus.

    Example:
        crosscheck eval quotes --limit 20
        crosscheck eval dates --json
        crosscheck eval all --errors out/errors.jsonl
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
def bench(as_json: bool, articles: int, repeat: int, corpus: Path | None, grouping: str) -> None:
    """Measure end-to-end speed against bare spaCy ``nlp.pipe`` on the same texts.

    Both are measured in this one run on this machine, and the ratio is what counts.

    Example:
        crosscheck bench --articles 60 --json
    """
    from crosscheck.bench import run_bench

    figures = run_bench(
        corpus=corpus,
        articles=articles,
        repeat=repeat,
        grouping=[int(x) for x in grouping.split(",") if x.strip()],
        settings=_settings(),
    )
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        click.echo(f"{key:32} {value}")


if __name__ == "__main__":  # pragma: no cover
    main()
