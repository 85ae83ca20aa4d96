"""``crosscheck regroup``: the store's stories become the batch grouping, ingest continues them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from _spark_corpus import corpus, follow_up, write_jsonl
from crosscheck.corpus import ingest, list_stories
from crosscheck.engine.stages import signature_of
from crosscheck.errors import CrosscheckError
from crosscheck.regroup import regroup_stories
from crosscheck.settings import Settings
from crosscheck.store import open_store
from crosscheck.stories import group_stories

EVENTS = 8


def _groups(settings: Settings) -> dict[str, set[str]]:
    return {s.id: set(s.articles) for s in list_stories(settings, limit=100_000)}


@pytest.fixture(scope="module")
def regrouped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict, dict, Path]:
    root = tmp_path_factory.mktemp("regroup")
    records = corpus(EVENTS)
    # Two ingests, the second half first: the stream sees the stories in a poor order.
    half = len(records) // 2
    late = write_jsonl(records[:half], root / "a.jsonl")
    early = write_jsonl(records[half:], root / "b.jsonl")
    settings = Settings(db=f"sqlite:///{root / 'news.db'}")
    ingest([str(early)], settings, progress=False)
    ingest([str(late)], settings, progress=False)
    before = _groups(settings)
    result = regroup_stories(settings)
    assert result.articles == sum(len(m) for m in before.values())
    assert result.stories_before == len(before) and result.stories_after == len(_groups(settings))
    assert result.refreshed == result.stories_after  # every new story has its findings
    return settings, before, _groups(settings), root


def test_regroup_gives_the_batch_grouping_of_the_whole_store(regrouped: tuple) -> None:
    settings, _before, after, _root = regrouped
    store = open_store(settings.db)
    try:
        ids = [article_id for _seq, article_id in store.articles_after(0)]
        sigs = [signature_of(a, settings) for a in store.iter_analyses(ids)]
        want = group_stories([s for s in sigs if s is not None], settings)
        for story_id in after:
            _found, stats = store.get_findings(story_id)
            assert stats  # computed, not left stale
        assert not store.stale_stories()
    finally:
        store.close()
    assert sorted(sorted(m) for m in after.values()) == sorted(sorted(s.articles) for s in want)
    gens = {sid.split("-")[0] for sid in after}
    assert len(gens) == 1  # one new generation of story ids: every story was rewritten
    assert gens.isdisjoint(sid.split("-")[0] for sid in _before)


def test_ingest_after_regroup_continues_the_regrouped_stories(regrouped: tuple) -> None:
    settings, _before, after, root = regrouped
    late = write_jsonl([follow_up(EVENTS)], root / "late.jsonl")
    assert ingest([str(late)], settings, progress=False).added == 1
    now = _groups(settings)
    (new_id,) = set().union(*now.values()) - set().union(*after.values())
    joined = next(sid for sid, members in now.items() if new_id in members)
    assert joined in after and after[joined] < now[joined]  # a regrouped story, not a new one
    assert {sid for sid in now if sid != joined} <= set(after)


def test_regroup_refuses_while_an_ingest_runs(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path / 'busy.db'}")
    ingest([str(write_jsonl(corpus(2), tmp_path / "x.jsonl"))], settings, progress=False)
    store = open_store(settings.db)
    try:
        run_id = store.start_run(["elsewhere.jsonl"], lease_s=600)
        with pytest.raises(CrosscheckError, match="CC019"):
            regroup_stories(settings, store=store)
        store.finish_run(run_id, "done", {})
        assert regroup_stories(settings, store=store, findings=False).articles > 0
    finally:
        store.close()


def test_regroup_cli_on_a_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    done = subprocess.run(
        [sys.executable, "-m", "crosscheck", "regroup", "--db", f"sqlite:///{missing}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "CC001" in done.stderr and "Traceback" not in done.stderr
    assert not missing.exists()


@pytest.mark.postgres
def test_regroup_on_postgresql(tmp_path: Path) -> None:
    from _pg import REASON, fresh_database

    url = fresh_database()
    if url is None:
        pytest.skip(REASON)
    settings = Settings(db=url)
    records = corpus(4)
    ingest([str(write_jsonl(records, tmp_path / "n.jsonl"))], settings, progress=False)
    before = _groups(settings)
    done = regroup_stories(settings)
    after = _groups(settings)
    assert done.articles == sum(len(m) for m in before.values()) > 10
    assert sorted(sorted(m) for m in after.values()) == sorted(sorted(m) for m in before.values())
    assert set(after).isdisjoint(before)  # every story rewritten under a new generation
    late = write_jsonl([follow_up(4)], tmp_path / "late.jsonl")
    assert ingest([str(late)], settings, progress=False).added == 1
    now = _groups(settings)
    assert set(now) == set(after)  # the follow-up joined a regrouped story
