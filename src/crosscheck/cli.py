"""Command-line interface: thin click commands over the Python API.

Exit codes of ``compare``: 0 every input was used; 3 some inputs were skipped (the report
covers the rest); 4 nothing usable; 2 usage error.

Every usage error (a bad option, a bad ``--db``, a missing store, a bad environment
variable) is one line on standard error, ``crosscheck: [CODE] message``, with exit 2;
commands that only read a store never create one.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crosscheck import __version__
from crosscheck.errors import CrosscheckError
from crosscheck.settings import Settings

if TYPE_CHECKING:
    from crosscheck.store import Store

LOGGER = logging.getLogger(__name__)

EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_NOTHING = 4

#: The code of a usage error: a bad option value, store URL or environment variable.
USAGE_CODE = "CC019"


class UsageProblem(CrosscheckError):
    """A usage error found by the CLI itself: one line on stderr, exit 2."""

    code = USAGE_CODE


class _Cli(click.Group):
    """The ``crosscheck`` group: usage errors and coded errors are one line, never a traceback."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # bare `crosscheck`: the help
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "crosscheck"
            message = " ".join(exc.format_message().split())
            _err(f"[{USAGE_CODE}] {message} (see: {where} --help)")
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            _err(" ".join(exc.format_message().split()))
            sys.exit(exc.exit_code)
        except click.Abort:
            _err("aborted")
            sys.exit(1)
        except UsageProblem as exc:
            _err(str(exc))
            sys.exit(EXIT_USAGE)
        except CrosscheckError as exc:
            _err(str(exc))
            sys.exit(EXIT_NOTHING)
        sys.exit(code if isinstance(code, int) else 0)


def _settings(model: str | None = None, **extra: Any) -> Settings:
    overrides: dict[str, Any] = {k: v for k, v in extra.items() if v is not None}
    if model:
        overrides["model"] = model
    import os

    raw = os.environ.get("CROSSCHECK_PROCESSES", "")
    if raw and "processes" not in overrides and not (raw.strip().isdigit() and int(raw) > 0):
        raise UsageProblem(f"CROSSCHECK_PROCESSES={raw!r} is not a whole number of processes")
    if overrides.get("processes") is not None and int(overrides["processes"]) < 1:
        raise UsageProblem(f"--processes {overrides['processes']}: needs at least 1")
    try:
        return Settings.from_env(**overrides)
    except (TypeError, ValueError) as exc:
        raise UsageProblem(f"bad setting: {exc}") from exc


def _err(message: str) -> None:
    """A line on stderr, with control characters made inert: problems name files, URLs and
    titles, which may carry terminal sequences."""
    from crosscheck.report._common import inert

    click.echo(f"crosscheck: {inert(message)}", err=True)


def store_url(settings: Settings) -> str:
    """Check ``settings.db`` before anything opens it; raise :class:`UsageProblem` if bad."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = settings.db
    try:
        parsed = make_url(url)
    except ArgumentError:
        if "://" not in url:
            raise UsageProblem(
                f"--db wants a store URL, not a file name: try --db sqlite:///{url}"
            ) from None
        raise UsageProblem(f"bad store URL {url!r}: use sqlite:///FILE or postgresql://…") from None
    backend = parsed.get_backend_name()
    shown = parsed.render_as_string(hide_password=True)
    if backend not in ("sqlite", "postgresql", "postgres"):
        raise UsageProblem(f"unsupported store URL {shown!r}: use sqlite:///FILE or postgresql://…")
    if backend in ("postgresql", "postgres"):
        import importlib.util

        if importlib.util.find_spec("psycopg") is None:
            raise UsageProblem(
                f"{shown!r} needs the PostgreSQL driver: pip install 'crosscheck[postgres]'"
            )
    return url


def open_existing(settings: Settings) -> Store:
    """Open the store a read command works on; a missing SQLite file is a usage error."""
    from sqlalchemy.engine import make_url

    from crosscheck.store import open_store

    url = store_url(settings)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(str(parsed.database))
        if not path.is_file():
            raise UsageProblem(
                f"no store at {path} (create one with: crosscheck ingest FILES --db {url})",
                code="CC001",
            )
    return open_store(url)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--published``: a date or date-time (the forms ``normalise_published`` reads), checked
    before any input is read."""
    if value is None:
        return None
    from crosscheck.ingest.files import normalise_published

    if normalise_published(value) is None:
        raise click.BadParameter(
            f"{value!r} is not a date: give a day, a month and a year, e.g. 2026-03-17, "
            "2026-03-17T09:30, 'Tue, 17 Mar 2026 09:30:00 GMT', 'March 17, 2026', "
            "'17 March 2026' or 17.03.2026 (no relative or partial dates)"
        )
    return value


def _kinds(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    from crosscheck.report.rank import known_kinds, unknown_kinds

    bad = unknown_kinds(value)
    if bad:
        raise click.BadParameter(
            f"unknown kind {', '.join(bad)}; choose from {', '.join(known_kinds())}"
        )
    return value


def _report_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--format``, ``--output`` and the finding filters, shared by the report commands."""
    command = click.option(
        "--all",
        "show_all",
        is_flag=True,
        help="Every finding and the who-said-what, numbers and dates tables (ranked).",
    )(command)
    command = click.option(
        "--limit",
        type=click.IntRange(1, 100_000),
        help="At most N findings (conflicts come first).",
    )(command)
    command = click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=0.0,
        help="Only findings at least this confident (0-1).",
    )(command)
    command = click.option(
        "--kind",
        "kinds",
        multiple=True,
        callback=_kinds,
        help="Only these finding kinds (repeat or comma-separate; 'conflict' = every conflict).",
    )(command)
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


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="crosscheck")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def main(verbose: int) -> None:
    """crosscheck: compare news articles claim by claim and quote by quote."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _view(kinds: tuple[str, ...], min_confidence: float, limit: int | None, show_all: bool) -> Any:
    from crosscheck.report.rank import View

    return View(
        kinds=kinds or None, min_confidence=min_confidence or 0.0, limit=limit, full=show_all
    )


def _emit(report: Any, fmt: str, output: Path | None, view: Any) -> None:
    """Print or write ``report`` in ``fmt`` through ``view`` (JSON: every finding unless
    filters were given)."""
    from crosscheck.report import render, to_terminal

    if output is None and fmt == "text":
        to_terminal(report, view=view)
        return
    chosen = view if (fmt != "json" or view.filtered) else None
    rendered = render(report, fmt, view=chosen)
    if output is None:
        if sys.stdout.isatty():  # article text never drives the terminal (titles, clears)
            from crosscheck.report._common import inert

            rendered = inert(rendered)
        click.echo(rendered)
    else:
        output.write_text(rendered, encoding="utf-8")
        _err(f"wrote {output} ({len(report.findings)} findings in all)")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@_report_options
@click.option("--outlet", help="Outlet of every input (overrides page and sidecar).")
@click.option(
    "--published",
    callback=_iso_date,
    help="Publication date of every input (ISO 8601, RFC 2822 or 'March 17, 2026').",
)
@click.option("--url", help="URL of every input.")
@click.option("--model", help="spaCy pipeline to use (default: best installed English one).")
def compare(
    sources: tuple[str, ...],
    fmt: str,
    output: Path | None,
    kinds: tuple[str, ...],
    min_confidence: float,
    limit: int | None,
    show_all: bool,
    outlet: str | None,
    published: str | None,
    url: str | None,
    model: str | None,
) -> None:
    """Compare articles: who said what, what agrees, what rests on one source, what conflicts.

    SOURCES are text or HTML files, folders, globs, or - for standard input.

    Example:

    \b
        crosscheck compare examples/
        crosscheck compare a.txt b.html --format html -o report.html
        crosscheck compare examples/ --kind conflict --min-confidence 0.8
        cat a.txt | crosscheck compare - b.txt --format json

    The report opens with the conflicts (most confident first), then the corroborated
    facts, then single-source items, about three per article; --all shows every finding.
    """
    from crosscheck.pipeline import run

    view = _view(kinds, min_confidence, limit, show_all)
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
    except CrosscheckError as exc:  # NothingToCompareError, TooManyArticlesError, ...
        _err(str(exc))
        sys.exit(EXIT_NOTHING)
    skipped = [p for p in report.problems if p.fatal]
    for problem in report.problems:
        what = "skipped" if problem.fatal else "note"
        _err(f"{what}: [{problem.code}] {problem.message}")
    _emit(report, fmt, output, view)
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
@click.option(
    "--folds",
    type=click.IntRange(min=0),
    help="Fixed-seed folds for the fold figures (tasks that report them; 0: none).",
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
    folds: int | None,
    markdown: bool,
    readme: Path | None,
) -> None:
    """Measure extraction accuracy on a real annotated corpus.

    Example:

    \b
        crosscheck eval quotes --limit 20
        crosscheck eval dates --json
        crosscheck eval dates --folds 5 --json
        crosscheck eval all --errors out/errors.jsonl
        crosscheck eval all --markdown --readme README.md
    """
    from crosscheck.evaluate import TASKS, run_task

    tasks = list(TASKS) if task == "all" else [task]
    results = []
    with _task_progress(len(tasks)) as step:
        for name in tasks:
            step(name)
            results.append(
                _eval_one(name, tasks, data, limit, split, predictions, errors, run_task, folds)
            )
    _show_eval(results, markdown, readme, as_json)


def _eval_one(
    name: str,
    tasks: list[str],
    data: Path | None,
    limit: int | None,
    split: str,
    predictions: Path | None,
    errors: Path | None,
    run_task: Callable[..., Any],
    folds: int | None = None,
) -> dict[str, Any]:
    """Run one evaluation task (``eval all`` runs each with its own errors file)."""
    import importlib
    import inspect

    extra: dict[str, Any] = {}
    if folds is not None:  # only the tasks whose ``run`` reports fold figures take it
        task_run = importlib.import_module(f"crosscheck.evaluate.{name}").run
        if "folds" in inspect.signature(task_run).parameters:
            extra["folds"] = folds
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
            **extra,
        )
    except CrosscheckError as exc:
        _err(str(exc))
        sys.exit(EXIT_NOTHING)
    figures: dict[str, Any] = result.as_dict()
    return figures


def _task_progress(total: int) -> Any:
    """``eval all``: which task runs, done of total, elapsed and time left (terminal only)."""
    from contextlib import contextmanager

    @contextmanager
    def bar() -> Any:
        if total < 2 or not sys.stderr.isatty():
            yield lambda name: None
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns = [
            TextColumn("eval {task.fields[name]:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("·"),
            TimeRemainingColumn(),
            TextColumn("left"),
        ]
        with Progress(*columns, console=Console(stderr=True)) as progress:
            task = progress.add_task("eval", total=total, name="")
            started = [False]

            def step(name: str) -> None:
                if started[0]:
                    progress.advance(task)
                started[0] = True
                progress.update(task, name=name)

            yield step
            progress.advance(task)

    return bar()


def _show_eval(
    results: list[dict[str, Any]], markdown: bool, readme: Path | None, as_json: bool
) -> None:
    """Print the figures: the README table, JSON, or a rich table."""
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
    """Measure end-to-end speed against bare spaCy nlp.pipe on the same texts.

    Both are measured in this one run on this machine, and the ratio is what counts.

    Example:

    \b
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


def _url_lines(path: Path, limit: int = 2_000_000) -> list[str] | None:
    """The URLs of a text file that holds nothing but http(s) URLs (one a line), else None."""
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    urls = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    if not urls or any(
        not u.lower().startswith(("http://", "https://")) or any(c.isspace() for c in u)
        for u in urls
    ):
        return None
    return urls


def expand_url_lists(sources: Sequence[str], input_files: Sequence[Path] = ()) -> list[str]:
    """Sources with every URL list replaced by its URLs (``-i FILE`` and detected ``.txt``).

    A ``.txt`` file whose every non-blank line is an http(s) URL is a list of pages to
    fetch (trafilatura's ``-i`` habit), not an article. ``-i FILE`` must be such a list.
    """
    out: list[str] = []
    for listed in input_files:
        urls = _url_lines(listed)
        if urls is None:
            raise UsageProblem(f"-i {listed}: not a list of http(s) URLs, one a line")
        out.extend(urls)
    for source in sources:
        path = Path(source)
        urls = _url_lines(path) if path.suffix.lower() in {".txt", ".urls", ".lst"} else None
        if urls is None:
            out.append(source)
        else:
            LOGGER.info("%s: a list of %d URLs; fetching them", source, len(urls))
            out.extend(urls)
    return out


@main.command()
@click.argument("sources", nargs=-1)
@click.option(
    "-i",
    "--input-file",
    "input_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A text file of URLs to fetch, one a line (a .txt of URLs is detected too).",
)
@click.option("--db", help=_DB_HELP)
@click.option(
    "-j", "--processes", type=click.IntRange(1, 256), help="Worker processes (default 1)."
)
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
    input_files: tuple[Path, ...],
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

    \b
        crosscheck ingest examples/ --db sqlite:///news.db
        crosscheck ingest -i urls.txt --db sqlite:///news.db
        crosscheck ingest dump.parquet --text-col body --date-col published -j 2
    """
    from crosscheck.corpus import ingest as run_ingest
    from crosscheck.ingest.datasets import ColumnMap

    settings = _settings(db=db, processes=processes, allow_private=allow_private or None)
    store_url(settings)
    todo = expand_url_lists(sources, input_files)
    if not todo:
        raise click.UsageError("Missing argument 'SOURCES...' (or -i FILE).")
    columns = ColumnMap(
        text=text_col, title=title_col, url=url_col, date=date_col, outlet=outlet_col
    )
    try:
        shown: bool | Callable[[], Any] = False
        if not no_progress:
            shown = progress_bar(estimate_total(todo))
        result = run_ingest(todo, settings, progress=shown, columns=columns, force=force)
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
    for line in unchanged_reasons(result, columns_given=columns != ColumnMap()):
        _err(line)
    if result.problem_count and not result.added and not result.skipped:
        sys.exit(EXIT_NOTHING)
    if result.problem_count:
        sys.exit(EXIT_PARTIAL)


_ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})
_UNCOUNTED_SUFFIXES = frozenset({".warc", ".gz", ".xml", ".rss", ".atom", ".arc"})


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            count += block.count(b"\n")
    return count


def estimate_total(sources: Sequence[str]) -> int | None:
    """How many articles ``sources`` hold, as far as can be told cheaply, or None.

    Files and folders of articles count one each, a URL one, a JSON Lines file its lines,
    a CSV/TSV its lines less the header, a Parquet file its rows; standard input, feeds,
    sitemaps and WARC archives cannot be counted without reading them (None).
    """
    import glob

    total = 0
    for source in sources:
        if source == "-":
            return None
        if source.lower().startswith(("http://", "https://")):
            total += 1
            continue
        paths = [Path(p) for p in glob.glob(source)] if any(c in source for c in "*?[") else []  # noqa: PTH207 - a user glob may be absolute
        path = Path(source)
        if path.is_dir():
            paths = [p for p in path.rglob("*") if p.is_file()]
        elif path.is_file():
            paths = [path]
        for item in paths:
            suffix = item.suffix.lower()
            if item.name.endswith(".meta.json"):
                continue
            try:
                if suffix in _ARTICLE_SUFFIXES:
                    total += 1
                elif suffix in (".jsonl", ".ndjson"):
                    total += _count_lines(item)
                elif suffix in (".csv", ".tsv"):
                    total += max(0, _count_lines(item) - 1)
                elif suffix == ".parquet":
                    import pyarrow.parquet as pq

                    total += int(pq.ParquetFile(item).metadata.num_rows)
                elif suffix in _UNCOUNTED_SUFFIXES or item == path:
                    if suffix in _UNCOUNTED_SUFFIXES:
                        return None
                    total += 1  # a file named on the command line is read whatever its name
            except (OSError, ValueError):
                return None
    return total or None


def progress_bar(total: int | None) -> Callable[[], Any]:
    """The ingest progress on standard error: done of total, rate and time left (a
    spinner and counts when the total is unknown); nothing when stderr is no terminal."""
    from contextlib import contextmanager

    @contextmanager
    def bar() -> Any:
        if not sys.stderr.isatty():
            yield lambda added, skipped, problems: None
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [SpinnerColumn(), TextColumn("ingest")]
        if total:
            columns += [BarColumn(), MofNCompleteColumn(), TextColumn("·"),
                        TimeRemainingColumn(compact=True), TextColumn("left ·")]  # fmt: skip
        columns += [
            TextColumn(
                "{task.fields[added]} stored, {task.fields[skipped]} known, "
                "{task.fields[problems]} problems ·"
            ),
            TimeElapsedColumn(),
        ]
        with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
            task = progress.add_task("ingest", total=total, added=0, skipped=0, problems=0)

            def tick(added: int, skipped: int, problems: int) -> None:
                done = added + skipped + problems
                grown = total if total is None or done <= total else done
                progress.update(
                    task, completed=done, total=grown, added=added, skipped=skipped,
                    problems=problems,
                )  # fmt: skip

            yield tick

    return bar


def unchanged_reasons(result: Any, *, columns_given: bool) -> list[str]:
    """Why a run stored nothing new, in plain words (empty when it stored something)."""
    if result.added or result.problem_count:
        return []
    lines: list[str] = []
    if result.sources_skipped:
        lines.append(
            f"nothing new: {result.sources_skipped} source(s) finished by an earlier run and "
            "unchanged were not read again (--force reads them again)"
        )
    if result.skipped:
        lines.append(
            f"nothing new: {result.skipped} article(s) already stored (same id or URL) were "
            "not analysed again; delete them first to store them differently"
        )
    if lines and columns_given:
        lines.append(
            "a different column mapping does not change stored articles: delete them "
            "(crosscheck delete ID) or ingest into a new store"
        )
    if not lines and not result.duplicates:
        lines.append("nothing new: the sources held no articles")
    return lines


@main.command()
@click.option("--db", help=_DB_HELP)
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stories(db: str | None, limit: int, as_json: bool) -> None:
    """List stored stories: time span, sources and articles.

    Example:

    \b
        crosscheck stories --db sqlite:///news.db
    """
    from crosscheck.corpus import list_stories
    from crosscheck.model import to_dict

    settings = _settings(db=db)
    store = open_existing(settings)
    try:
        found = list_stories(settings, limit=limit, store=store)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(to_dict(found), indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from crosscheck.report._common import inert

    table = Table(title=f"{len(found)} stories")
    for col in ("story", "articles", "first seen", "last seen", "title"):
        table.add_column(col)
    for story in found:
        table.add_row(
            Text(inert(story.id)),
            str(len(story.articles)),
            Text(inert(story.first_seen or "")),  # an old store's dates: text, not controls
            Text(inert(story.last_seen or "")),
            Text(inert(story.title or "")),  # a title is text, never rich markup
        )
    Console().print(table)


@main.command()
@click.option("--db", help=_DB_HELP)
@click.option(
    "--no-findings", is_flag=True, help="Leave the new stories' findings to be computed later."
)
def regroup(db: str | None, no_findings: bool) -> None:
    """Regroup every stored article into stories at once (the method `crosscheck eval
    stories` measures); later ingests continue the new stories.

    Ingest groups one article at a time as it arrives; run this after a large ingest, or
    now and then, when no ingest is running.

    Example:

    \b
        crosscheck regroup --db sqlite:///news.db
    """
    from crosscheck.regroup import regroup_stories

    settings = _settings(db=db)
    store = open_existing(settings)
    try:
        done = regroup_stories(settings, store=store, findings=not no_findings)
    finally:
        store.close()
    click.echo(
        f"regrouped {done.articles} articles: {done.stories_before} stories -> "
        f"{done.stories_after} in {done.seconds:.1f} s; findings recomputed for "
        f"{done.refreshed} stories"
    )


@main.command()
@click.argument("story_id")
@click.option("--db", help=_DB_HELP)
@_report_options
def report(
    story_id: str,
    db: str | None,
    fmt: str,
    output: Path | None,
    kinds: tuple[str, ...],
    min_confidence: float,
    limit: int | None,
    show_all: bool,
) -> None:
    """The compare report of one stored story.

    Example:

    \b
        crosscheck report S1 --format html -o story.html
    """
    from crosscheck.corpus import story_report

    view = _view(kinds, min_confidence, limit, show_all)
    settings = _settings(db=db)
    store = open_existing(settings)
    try:
        result = story_report(story_id, settings, store=store)
    except CrosscheckError as exc:
        _err(str(exc))
        sys.exit(EXIT_NOTHING)
    finally:
        store.close()
    _emit(result, fmt, output, view)


@main.command()
@click.argument("query")
@click.option("--db", help=_DB_HELP)
@click.option("--limit", type=click.IntRange(1, 1_000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def search(query: str, db: str | None, limit: int, as_json: bool) -> None:
    """Full-text search over stored articles, quotes and speakers.

    Example:

    \b
        crosscheck search '"recent escalations"'
    """
    from crosscheck.corpus import search as run_search
    from crosscheck.model import to_dict
    from crosscheck.report._common import inert

    settings = _settings(db=db)
    store = open_existing(settings)
    try:
        hits = run_search(query, settings, limit=limit, store=store)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(to_dict(hits), indent=2))
        return
    for hit in hits:
        title = hit.title or (f"untitled ({hit.outlet})" if hit.outlet else "untitled")
        line = f"{hit.kind:8} {hit.article}  {title}\n         {hit.snippet}"
        click.echo(inert(line).replace("\ufffd", "?"))


@main.command()
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--db", help=_DB_HELP)
def delete(article_ids: tuple[str, ...], db: str | None) -> None:
    """Delete stored articles with everything extracted from them; their stories are
    recomputed (an emptied story is dropped).

    Example:

    \b
        crosscheck delete 3f9a0c2b1d4e5f60 --db sqlite:///news.db
    """
    from crosscheck.corpus import delete_article

    settings = _settings(db=db)
    missing = 0
    store = open_existing(settings)
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


@main.command()
@click.argument("story_ids", nargs=-1)
@click.option("--db", help=_DB_HELP)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["csv", "parquet", "jsonl"]),
    default="csv",
    show_default=True,
    help="File format of the tables.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("export"),
    show_default=True,
    help="Folder to write the tables into (created if missing).",
)
@click.option(
    "--limit",
    type=click.IntRange(1, 1_000_000),
    default=1000,
    show_default=True,
    help="At most N stories when no STORY_ID is given.",
)
def export(story_ids: tuple[str, ...], db: str | None, fmt: str, output: Path, limit: int) -> None:
    """Write stored stories as tables: articles, quotes, numbers, dates, claims, findings,
    evidence, ... one file per table.

    STORY_IDS: the stories to export (default: every story, most recent first).

    Example:

    \b
        crosscheck export --db sqlite:///news.db --format csv -o out/
        crosscheck export S1 S2 --db sqlite:///news.db --format parquet -o out/
    """
    from crosscheck.corpus import list_stories, story_report
    from crosscheck.report.tables import export_reports

    settings = _settings(db=db)
    store = open_existing(settings)
    try:
        ids = list(story_ids) or [s.id for s in list_stories(settings, limit=limit, store=store)]
        reports = [story_report(story_id, settings, store=store) for story_id in ids]
    finally:
        store.close()
    paths = export_reports(reports, output, fmt)
    rows = sum(len(r.findings) for r in reports)
    _err(f"wrote {len(paths)} {fmt} tables to {output} ({len(ids)} stories, {rows} findings)")


def _add_optional_commands() -> None:
    """Commands defined next to the layers they drive (the web app, the Spark job)."""
    from crosscheck.spark.cli import spark
    from crosscheck.web.cli import serve

    main.add_command(serve)
    main.add_command(spark)


_add_optional_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
