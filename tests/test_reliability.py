"""Reliability: concurrent writers, bounded work, poison records, stale runs (issue 18)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from _corpus_stage import article_text, fake_stage
from _pg import REASON, fresh_database
from crosscheck import corpus
from crosscheck.settings import Settings
from crosscheck.store import open_store

HERE = Path(__file__).parent

WRITER_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from _corpus_stage import fake_stage
from crosscheck import corpus
from crosscheck.settings import Settings
settings = Settings(db={db!r}, processes=1, batch_size=2)
result = corpus.ingest([{data!r}], settings, progress=False, stage=fake_stage, findings=False)
print("ADDED", result.added, "DUPLICATES", result.duplicates, "PROBLEMS", result.problem_count)
"""


def _writers(db_url: str, tmp_path: Path, per_writer: int, writers: int = 2) -> list[str]:
    """Run ``writers`` ingest processes at once, each on its own distinct articles."""
    procs = []
    for w in range(writers):
        data = tmp_path / f"w{w}.jsonl"
        data.write_text(
            "".join(
                json.dumps({"text": article_text(w * per_writer + i)}) + "\n"
                for i in range(per_writer)
            )
        )
        script = WRITER_SCRIPT.format(tests=str(HERE), db=db_url, data=str(data))
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", script],
                env={**os.environ, "CROSSCHECK_TEST_DELAY": "0.005"},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
        outs.append(out)
    return outs


def _partition(store: Any) -> set[frozenset[str]]:
    """The stories of a store as sets of article texts."""
    return {
        frozenset(store.get_article(a).text for a in story.articles)
        for story in store.list_stories(limit=100_000)
    }


def _check_no_loss_no_mix(db_url: str, total: int, tmp_path: Path) -> None:
    """Every article stored once, with its own seq, and the stories exactly those one
    writer makes from the same articles in the same insertion order (so no story id was
    handed out twice for different articles)."""
    store = open_store(db_url)
    try:
        counts = store.counts()
        assert counts["articles"] == total, counts
        assert counts["story_members"] == total, counts
        order = store.articles_after(0)
        assert [s for s, _ in order] == list(range(1, total + 1))
        texts = [store.get_article(a).text for _, a in order]  # type: ignore[union-attr]
        assert set(texts) == {article_text(i) for i in range(total)}
        concurrent = _partition(store)
    finally:
        store.close()
    data = tmp_path / "sequential.jsonl"
    data.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    settings = Settings(db=f"sqlite:///{tmp_path / 'seq.db'}", processes=1, batch_size=2)
    corpus.ingest([str(data)], settings, progress=False, stage=fake_stage, findings=False)
    sequential = open_store(settings.db)
    try:
        assert concurrent == _partition(sequential)
    finally:
        sequential.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'two.db'}"
    url = fresh_database()
    if url is None:
        pytest.skip(REASON)
    return url


def test_two_concurrent_writers_lose_nothing_and_mix_no_story(db_url: str, tmp_path: Path) -> None:
    open_store(db_url).close()  # migrate once, so both writers start on the same schema
    outs = _writers(db_url, tmp_path, per_writer=40)
    assert all("ADDED 40 DUPLICATES 0 PROBLEMS 0" in out for out in outs), outs
    _check_no_loss_no_mix(db_url, 80, tmp_path)


@pytest.mark.slow
def test_two_concurrent_writers_300_each(db_url: str, tmp_path: Path) -> None:
    open_store(db_url).close()
    outs = _writers(db_url, tmp_path, per_writer=300)
    assert all("ADDED 300 DUPLICATES 0 PROBLEMS 0" in out for out in outs), outs
    _check_no_loss_no_mix(db_url, 600, tmp_path)
