"""The ``compare`` command on good and bad inputs: clear messages, the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.cli import EXIT_NOTHING, EXIT_PARTIAL, main

pytestmark = pytest.mark.slow

ARTICLE_ONE = """Harbour authority halts night shipping after crane collapse

Night-time shipping at the port of Caldera was suspended on Monday after a container crane
collapsed onto a berth, the harbour authority said.

"We will not reopen berth four until every crane has been inspected," harbour master Elena
Vasquez told reporters. She said that 14 inspections were scheduled for this week.

Two dock workers were treated for minor injuries, according to the regional health service.
"""

ARTICLE_TWO = """Crane collapse shuts Caldera berth

A container crane fell onto berth four at the port of Caldera on Monday, and the harbour
authority has suspended night-time shipping while cranes are checked.

Harbour master Elena Vasquez said: "We will not reopen berth four until every crane has been
inspected." Port unions said that 3 workers had been hurt, not 2 as first reported.

The port handled 1.2 million containers last year.
"""


@pytest.fixture()
def good(tmp_path: Path) -> tuple[Path, Path]:
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text(ARTICLE_ONE, encoding="utf-8")
    two.write_text(ARTICLE_TWO, encoding="utf-8")
    return one, two


def _invoke(*args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_compare_json_contract(good: tuple[Path, Path]) -> None:
    code, out, _ = _invoke("compare", str(good[0]), str(good[1]), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "crosscheck.report/1"
    for key in ("articles", "entities", "quotes", "numbers", "dates", "findings"):
        assert isinstance(data[key], list)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for finding in data["findings"]:
        assert 0 <= finding["confidence"] <= 1
        for span in finding["evidence"]:
            assert texts[span["article"]][span["start"] : span["end"]] == span["text"]
    vasquez = [q for q in data["quotes"] if q["speaker"] and "Vasquez" in q["speaker"]["name"]]
    assert vasquez and all(q["speaker"]["name"] == "Elena Vasquez" for q in vasquez)


def test_cli_compare_bad_inputs_skipped(good: tuple[Path, Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    latin = tmp_path / "invalid-utf8.txt"
    latin.write_bytes(ARTICLE_ONE.replace("Caldera", "Caldéra").encode("latin-1") + b"\xff\xfe\x00")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><div><p>unclosed <b>tags <script>", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, out, err = _invoke(
        "compare",
        str(good[0]),
        str(empty),
        str(binary),
        str(huge),
        str(broken),
        str(latin),
        str(missing),
        str(good[1]),
        "--format",
        "json",
    )
    assert code == EXIT_PARTIAL
    data = json.loads(out)
    sources = {Path(a["source"]).name for a in data["articles"]}
    assert {"one.txt", "two.txt"} <= sources
    for name, code_ in (
        ("empty.txt", "CC003"),
        ("junk.txt", "CC004"),
        ("huge.txt", "CC005"),
        ("missing.txt", "CC001"),
    ):
        assert any(name in line and code_ in line for line in err.splitlines()), (name, err)
    assert "broken.html" in err
    # Invalid UTF-8 is decoded (with a detected encoding) rather than lost.
    assert "invalid-utf8.txt" in sources or "invalid-utf8.txt" in err


def test_cli_compare_nothing_usable(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = _invoke("compare", str(empty), str(tmp_path / "nope.txt"))
    assert code == EXIT_NOTHING
    assert "empty.txt" in err and "nope.txt" in err


def test_cli_compare_single_article(good: tuple[Path, Path]) -> None:
    code, out, err = _invoke("compare", str(good[0]), "--format", "markdown")
    assert code == 0
    assert "only one usable article" in err
    assert "Elena Vasquez" in out


def test_cli_compare_stdin_and_html(good: tuple[Path, Path], tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Crane collapse at Caldera</title></head><body><nav>Home | World"
        "</nav><article><h1>Crane collapse at Caldera</h1>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE_TWO.split("\n\n")[1:])
        + "</article><footer>© 2026 Caldera Daily. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(main, ["compare", "-", str(page), "--format", "json"], input=ARTICLE_ONE)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {a["source"] for a in data["articles"]} >= {"<stdin>", str(page)}
    html = next(a for a in data["articles"] if a["source"] == str(page))
    assert html["title"] == "Crane collapse at Caldera"
