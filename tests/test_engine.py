"""The local engine: order, pass-through, bounded streaming, failures, and process_chunk."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from _corpus_stage import article_text, fake_stage
from crosscheck import extract
from crosscheck.engine import Processed, process_chunk, run_stage
from crosscheck.ingest import read_text
from crosscheck.model import Analysis, Article, Problem
from crosscheck.settings import Settings


def articles(n: int, *, poison: dict[int, str] | None = None) -> list[Article]:
    out = []
    for i in range(n):
        text = article_text(i) + (f" {poison[i]}" if poison and i in poison else "")
        out.append(read_text(f"a{i}.txt", text))
    return out


@pytest.mark.parametrize("processes", [1, 2])
def test_engine_keeps_input_order_and_passes_other_items(processes: int) -> None:
    marker = object()
    items: list[object] = [*articles(5), marker, Problem("x", "CC001", "x: missing"), *articles(3)]
    out = list(
        run_stage(
            items, Settings(), stage=fake_stage, initializer=None, processes=processes, chunk_size=2
        )
    )
    assert out[5] is marker and isinstance(out[6], Problem)
    sources = [r.analysis.article.source for r in out if isinstance(r, Processed)]
    assert sources == [f"a{i}.txt" for i in range(5)] + [f"a{i}.txt" for i in range(3)]


@pytest.mark.parametrize("processes", [1, 2])
def test_engine_streams_with_bounded_look_ahead(processes: int) -> None:
    pulled = 0

    def source() -> Iterator[Article]:
        nonlocal pulled
        for article in articles(60):
            pulled += 1
            yield article

    worst = 0
    done = 0
    for _ in run_stage(
        source(),
        Settings(),
        stage=fake_stage,
        initializer=None,
        processes=processes,
        chunk_size=3,
        max_in_flight=2,
    ):
        done += 1
        worst = max(worst, pulled - done)
    assert done == 60
    # at most max_in_flight chunks (plus the one being built) ahead of the consumer
    assert worst <= (2 + 1) * 3


def test_engine_failed_or_dead_worker_costs_only_its_chunk() -> None:
    items = articles(8, poison={2: "EXPLODE", 5: "DIE-NOW"})
    out = list(
        run_stage(items, Settings(), stage=fake_stage, initializer=None, processes=2, chunk_size=2)
    )
    assert len(out) == 8
    failed = [r.source for r in out if isinstance(r, Problem)]
    assert failed == ["a2.txt", "a3.txt", "a4.txt", "a5.txt"]  # chunks (2,3) and (4,5)
    assert all(r.code == "CC002" for r in out if isinstance(r, Problem))


def test_engine_process_chunk_isolates_a_failing_article(monkeypatch: pytest.MonkeyPatch) -> None:
    def analyze(batch: list[Article], settings: Settings) -> list[Analysis]:
        if any("POISON" in a.text for a in batch):
            raise ValueError("extractor bug")
        return [Analysis(a) for a in batch]

    monkeypatch.setattr(extract, "analyze", analyze)
    batch = [
        *articles(2),
        read_text("p.txt", article_text(7) + " POISON"),
        read_text("short.txt", "Too short."),
    ]
    out = process_chunk(batch, Settings())
    assert [type(r).__name__ for r in out] == ["Processed", "Processed", "Problem", "Problem"]
    assert out[2].code == "CC002" and "extractor bug" in out[2].message  # type: ignore[union-attr]
    assert out[3].code == "CC003"  # type: ignore[union-attr]
    first = out[0]
    assert isinstance(first, Processed) and first.signature is not None
    assert first.analysis.article.clean_text  # cleaned before analysis


def test_compare_story_report_does_not_depend_on_the_engine_order() -> None:
    """Each engine reads a story's articles in its own order (store insertion, Spark
    partition); the report, labels A, B, C... included, must be the same for any order."""
    from pathlib import Path

    from crosscheck.engine.stages import compare_story, copies_of
    from crosscheck.ingest import read_sources
    from crosscheck.pipeline import analyze_articles, prepare
    from crosscheck.store.codec import encode

    settings = Settings()
    folder = Path(__file__).parent.parent / "examples"
    examples = sorted(str(p) for p in folder.iterdir() if p.suffix in {".txt", ".html"})
    found, _problems = prepare(read_sources(examples, settings), settings)
    analyses = analyze_articles(found, settings)
    assert len(analyses) == 5
    forward = compare_story(analyses, settings)
    backward = compare_story(list(reversed(analyses)), settings)
    assert [encode(f) for f in forward.findings] == [encode(f) for f in backward.findings]
    assert any(f.kind == "numeric_conflict" for f in forward.findings)
    assert copies_of(analyses, settings) == copies_of(list(reversed(analyses)), settings)
    assert copies_of(analyses, settings)  # the wire copy is found
