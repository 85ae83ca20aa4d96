"""Issue 18: ``--published`` says which dates it takes, and takes every form it names."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from crosscheck.cli import _iso_date, main

NAMED = (
    "2026-03-17",
    "2026-03-17T09:30",
    "Tue, 17 Mar 2026 09:30:00 GMT",
    "March 17, 2026",
    "17 March 2026",
    "17.03.2026",
)


def _refusal(value: str) -> str:
    with pytest.raises(click.BadParameter) as caught:
        _iso_date(None, None, value)  # type: ignore[arg-type]
    return caught.value.message


def test_published_message_names_only_forms_it_accepts() -> None:
    message = _refusal("last Tuesday")
    assert "ISO date" not in message  # not only ISO: RFC 2822 and written dates too
    for form in NAMED:
        assert form in message, form
        assert _iso_date(None, None, form) == form  # type: ignore[arg-type]
    for bad in ("March 2026", "2026-02-30", "next week"):
        assert "relative or partial" in _refusal(bad)


def test_published_refusal_from_the_command_line(tmp_path: Path) -> None:
    article = tmp_path / "council.txt"
    article.write_text("The council met on Tuesday and approved the budget.\n", "utf-8")
    result = CliRunner().invoke(main, ["compare", str(article), "--published", "spring"])
    assert result.exit_code == 2
    assert "March 17, 2026" in result.output and "'spring' is not a date" in result.output
