"""The README's accuracy table: rendered from eval figures, written between its markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.evaluate.table import END, START, accuracy_table, replace_section

README = Path(__file__).resolve().parents[1] / "README.md"

FIGURES = [
    {
        "task": "quotes",
        "precision": 0.9,
        "recall": 0.8,
        "f1": 0.847,
        "items": 84,
        "seconds": 1.0,
        "direct_f1": 0.95,
        "indirect_f1": 0.8,
        "speaker_accuracy": 0.88,
        "cue_accuracy": 0.86,
        "thought_belief_share": 0.64,
        "act_belief_share": 0.05,
        "act_saying_share": 0.2,
    },
    {
        "task": "quantities",
        "precision": 0.87,
        "recall": 0.83,
        "f1": 0.85,
        "items": 295,
        "seconds": 2.0,
        "bound_f1": 0.8,
    },
    {"task": "unknown", "precision": 0, "recall": 0, "f1": 0, "items": 0, "seconds": 0},
]


def test_table_rows_come_from_the_figures() -> None:
    table = accuracy_table(FIGURES)
    lines = table.strip().split("\n")
    assert lines[0].startswith("| what |")
    assert len(lines) == 2 + 5  # four quote rows, one quantities row, the unknown task skipped
    assert "0.847 (P 0.900, R 0.800; direct 0.950, indirect 0.800)" in table
    assert "0.880 of found quotes (cue accuracy 0.860)" in table
    assert "beliefs among matched thoughts 0.640; among matched acts: beliefs 0.050" in table
    assert "NewsQuant dev (295 sentences)" in table


def test_replace_section_keeps_the_rest_of_the_document() -> None:
    doc = f"# Title\n\nbefore\n\n{START}\nold table\n{END}\n\nafter\n"
    out = replace_section(doc, "| new |\n")
    assert out == f"# Title\n\nbefore\n\n{START}\n| new |\n{END}\n\nafter\n"
    assert replace_section(out, "| newer |\n").count(START) == 1


def test_replace_section_without_markers_is_an_error() -> None:
    with pytest.raises(ValueError, match="markers"):
        replace_section("# no markers here\n", "| t |\n")


def test_readme_has_one_accuracy_section() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1
    assert text.index(START) < text.index(END)
