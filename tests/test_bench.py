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
    total, steady = one["seconds"]
    assert 0 < steady < total  # the steady clock starts after the warm-up articles
    assert one["warm_up_articles"] > 0
    assert one["articles_per_second_with_startup"] > 0
    assert one["timed_articles"] >= 4
    assert one["articles_per_second"] == pytest.approx(one["timed_articles"] / steady, rel=0.05)
    assert "grouping" not in figures
