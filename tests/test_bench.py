"""`crosscheck bench --json`: one JSON object with the speed figures the README reports."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crosscheck.cli import main


@pytest.mark.slow
def test_bench_json_has_ratio_and_process_figures() -> None:
    result = CliRunner().invoke(
        main, ["bench", "--articles", "4", "--repeat", "1", "--processes", "1", "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["articles"] == 4
    assert figures["words"] > 0
    assert 0 < figures["ratio_end_to_end_vs_nlp_pipe"] < 10
    assert figures["nlp_pipe_articles_per_second"] > 0
    assert figures["peak_rss_mb"] > 0
    one = figures["processes"]["per_count"]["1"]
    assert len(one["seconds"]) == 2 and all(s > 0 for s in one["seconds"])
    assert one["articles_per_second_with_startup"] > 0
    # the steady rate is a number, or None when noise swamped the difference
    assert one["articles_per_second"] is None or one["articles_per_second"] > 0
    assert "grouping" not in figures
