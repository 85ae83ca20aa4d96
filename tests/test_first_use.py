"""A newcomer's first session, scripted: README commands and the usual wrong turns.

Every wrong usage answers one line with its code and exit 2, never a traceback; a
command that only reads a store never creates one (nor its folder); a URL list is fetched,
not stored as an article; a re-run that stores nothing says why.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from crosscheck import __version__
from crosscheck.cli import expand_url_lists, main, unchanged_reasons

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

READ_COMMANDS: list[list[str]] = [
    ["stories"],
    ["report", "f00-s1"],
    ["search", '"recent escalations"'],
    ["delete", "3f9a0c2b1d4e5f60"],
    ["export", "-o", "out"],
]


def _run(args: list[str], env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(main, args, env=env)
    # no traceback ever: a raised exception would be in result.exception
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: {result.exception!r}") from result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def _one_line_usage(result: Any, *needles: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("crosscheck: [CC0"), lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture()
def empty_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CROSSCHECK_DB", raising=False)
    monkeypatch.delenv("CROSSCHECK_PROCESSES", raising=False)
    return tmp_path


def test_first_use_version_and_help(empty_dir: Path) -> None:
    bare = _run([])
    assert bare.exit_code == 0 and "Commands:" in bare.output
    for flag in ("--version", "-V"):
        result = _run([flag])
        assert result.exit_code == 0 and __version__ in result.output
    commands = ["compare", "ingest", "stories", "report", "search", "delete", "export", "eval",
                "bench", "serve", "spark ingest", "spark load"]  # fmt: skip
    for command in commands:
        text = _run([*command.split(), "--help"]).output
        assert "``" not in text and ":class:" not in text
        assert "Example:" in text
        # each example on its own line, indented, not run together into one paragraph
        after = text.split("Example:", 1)[1].split("Options:", 1)[0]
        examples = [ln for ln in after.splitlines() if ln.strip().startswith(("crosscheck", "cat"))]
        assert examples and all(ln.strip().count("crosscheck ") == 1 for ln in examples), after
    assert list(empty_dir.iterdir()) == []


@pytest.mark.parametrize("args", READ_COMMANDS)
def test_first_use_read_commands_never_create_a_store(empty_dir: Path, args: list[str]) -> None:
    result = _run(args)
    _one_line_usage(result, "no store at crosscheck.db")
    assert list(empty_dir.iterdir()) == []
    # a store URL in a folder that does not exist: neither the folder nor the file appear
    url = f"sqlite:///{empty_dir}/nonexistent/dir/x.db"
    _one_line_usage(_run([*args, "--db", url]), "no store at")
    assert not (empty_dir / "nonexistent").exists()


@pytest.mark.parametrize("command", [["stories"], ["search", "fire"], ["delete", "abc"]])
def test_first_use_bad_store_urls(empty_dir: Path, command: list[str]) -> None:
    _one_line_usage(_run([*command, "--db", "news.db"]), "sqlite:///news.db")
    _one_line_usage(_run([*command, "--db", "mysql://x"]), "unsupported store URL")
    assert list(empty_dir.iterdir()) == []


def test_first_use_postgres_without_driver(
    empty_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    result = _run(["stories", "--db", "postgresql://news@localhost/news"])
    _one_line_usage(result, "crosscheck[postgres]")


def test_first_use_bad_values(empty_dir: Path) -> None:
    article = empty_dir / "a.txt"
    article.write_text("The council met on Tuesday and approved the budget.\n", encoding="utf-8")
    for bad in ("yesterday", "2026-13-45"):
        _one_line_usage(_run(["compare", str(article), "--published", bad]), bad, "--published")
    _one_line_usage(_run(["compare"]), "Missing argument")
    _one_line_usage(_run(["compare", str(article), "--kind", "rumour"]), "unknown kind rumour")
    _one_line_usage(_run(["compare", str(article), "--min-confidence", "2"]), "--min-confidence")
    _one_line_usage(_run(["stories"], env={"CROSSCHECK_PROCESSES": "abc"}), "abc")
    _one_line_usage(_run(["ingest", str(article), "-j", "0"]), "--processes")
    _one_line_usage(_run(["ingest", str(article), "--db", "news.db"]), "sqlite:///news.db")
    _one_line_usage(_run(["stories", "--limit", "-1"]), "--limit")
    assert sorted(p.name for p in empty_dir.iterdir()) == ["a.txt"]


def test_first_use_url_list_is_fetched_not_stored(
    empty_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = empty_dir / "urls.txt"
    urls.write_text(
        "# read by trafilatura -i, too\nhttps://news.example.org/a\n\nhttp://news.example.org/b\n",
        encoding="utf-8",
    )
    prose = empty_dir / "story.txt"
    prose.write_text("See https://news.example.org/a for the council's statement.\n", "utf-8")
    assert expand_url_lists([str(urls), str(prose)]) == [
        "https://news.example.org/a",
        "http://news.example.org/b",
        str(prose),
    ]
    # -i FILE and the detected list both reach ingest as URLs (no network: ingest is stubbed)
    seen: list[list[str]] = []

    def fake_ingest(sources: list[str], settings: Any, **kwargs: Any) -> Any:
        seen.append(list(sources))
        return SimpleNamespace(
            added=0, skipped=0, duplicates=0, problems=(), problem_count=0, stories=(),
            seconds=0.0, sources_skipped=0,
        )  # fmt: skip

    monkeypatch.setattr("crosscheck.corpus.ingest", fake_ingest)
    db = f"sqlite:///{empty_dir}/news.db"
    _run(["ingest", "-i", str(urls), "--db", db])
    _run(["ingest", str(urls), "--db", db])
    assert seen == [["https://news.example.org/a", "http://news.example.org/b"]] * 2
    _one_line_usage(_run(["ingest", "-i", str(prose), "--db", db]), "not a list of http(s) URLs")


def test_first_use_rerun_says_why() -> None:
    base = {"added": 0, "problem_count": 0, "duplicates": 0}
    rerun = SimpleNamespace(**base, skipped=5, sources_skipped=0)
    lines = unchanged_reasons(rerun, columns_given=True)
    assert any("5 article(s) already stored" in ln for ln in lines)
    assert any("column mapping" in ln for ln in lines)
    unchanged = SimpleNamespace(**base, skipped=0, sources_skipped=2)
    assert "--force" in unchanged_reasons(unchanged, columns_given=False)[0]
    assert unchanged_reasons(SimpleNamespace(**{**base, "added": 1}), columns_given=False) == []


@pytest.mark.slow
def test_first_use_readme_session(empty_dir: Path) -> None:
    """The README's corpus commands in order, on the bundled examples."""
    tour = _run(["compare", str(EXAMPLES), "--format", "markdown"])
    assert tour.exit_code == 0 and "## Findings" in tour.output
    assert "Needs review: conflicts" in tour.output
    db = "sqlite:///news.db"
    first = _run(["ingest", str(EXAMPLES), "--db", db, "--no-progress"])
    assert first.exit_code == 0 and "added 5" in first.output
    again = _run(["ingest", str(EXAMPLES), "--db", db, "--no-progress"])
    assert again.exit_code == 0 and "nothing new: 5 article(s) already stored" in again.stderr
    listed = json.loads(_run(["stories", "--db", db, "--json"]).output)
    assert listed and len(listed[0]["articles"]) == 5
    story = listed[0]["id"]
    shown = _run(["report", story, "--db", db, "--format", "markdown", "--limit", "4"])
    assert shown.exit_code == 0 and "## Findings" in shown.output
    html = _run(["report", story, "--db", db, "--format", "html", "-o", "story.html"])
    assert html.exit_code == 0 and (empty_dir / "story.html").read_text().startswith("<!DOCTYPE")
    assert _run(["search", "solvent", "--db", db]).exit_code == 0
    out = _run(["export", "--db", db, "--format", "csv", "-o", "tables"])
    assert out.exit_code == 0 and (empty_dir / "tables" / "findings.csv").is_file()
    article = listed[0]["articles"][0]
    gone = _run(["delete", article, "--db", db])
    assert gone.exit_code == 0 and f"deleted {article}" in gone.output
    created = {p.name for p in empty_dir.iterdir()}
    assert {"news.db", "story.html", "tables"} <= created
    assert "crosscheck.db" not in created
    assert os.environ.get("CROSSCHECK_DB") is None


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal, so progress bars draw."""

    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("COLUMNS", "120")
    return screen


def test_first_use_ingest_progress_has_total_and_eta(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosscheck.cli import estimate_total, progress_bar

    rows = tmp_path / "dump.jsonl"
    rows.write_text("".join(json.dumps({"text": f"Story {i}."}) + "\n" for i in range(7)), "utf-8")
    table = tmp_path / "dump.csv"
    table.write_text("title,text\nA,One.\nB,Two.\n", encoding="utf-8")
    articles = len([p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html"}])
    assert estimate_total([str(EXAMPLES)]) == articles
    assert estimate_total([str(rows), str(table), "https://news.example.org/a"]) == 10
    assert estimate_total(["-"]) is None

    screen = _terminal(monkeypatch)
    with progress_bar(10)() as tick:
        for done in range(1, 11):
            tick(done - 1 if done > 1 else 0, 1 if done > 1 else 0, 0)
            tick(done, 0, 0)
    shown = screen.getvalue()
    assert "10/10" in shown and "left" in shown and "10 stored" in shown


def test_first_use_eval_all_shows_task_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    from crosscheck.cli import _task_progress

    screen = _terminal(monkeypatch)
    with _task_progress(3) as step:
        for name in ("quotes", "dates", "stories"):
            step(name)
    shown = screen.getvalue()
    assert "3/3" in shown and "left" in shown and "stories" in shown
