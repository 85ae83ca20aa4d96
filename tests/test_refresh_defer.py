"""An ingest's findings refresh never waits on a big stale story it did not touch (issue 18).

A story of 84 quote-heavy articles left stale made every later one-article ingest wait for
its comparison. With a budget (the refresh at the end of an ingest), a stale story of more
than ``corpus.DEFER_ARTICLES`` articles, even one the ingest changed, is left stale for
``story_report`` or a refresh without a budget.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _corpus_stage import article_text, fake_stage
from crosscheck import corpus
from crosscheck.settings import Settings
from crosscheck.store import open_store


def _write(path: Path, indexes: range) -> str:
    path.write_text("".join(json.dumps({"text": article_text(i)}) + "\n" for i in indexes))
    return str(path)


def test_big_stale_story_left_for_later(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path / 'd.db'}", processes=1)
    store = open_store(settings.db)
    try:
        corpus.ingest(
            [_write(tmp_path / "a.jsonl", range(9))],
            settings,
            progress=False,
            stage=fake_stage,
            store=store,
            findings=False,
        )
        stale = store.stale_stories()
        sizes = {s: len(story.articles) for s in stale if (story := store.get_story(s))}
        assert max(sizes.values()) >= 2
        monkeypatch.setattr(corpus, "DEFER_ARTICLES", 1)
        big = {s for s, n in sizes.items() if n > 1}
        small = set(stale) - big
        # a generous budget: the small stories are done, the big ones left stale
        done = corpus.refresh_findings(settings, store=store, budget_s=3600)
        assert done == len(small)
        assert set(store.stale_stories()) == big
        # a big story the ingest changed is left too: no ingest waits on a big story
        one = sorted(big)[0]
        assert corpus.refresh_findings(settings, store=store, budget_s=3600, first=[one]) == 0
        assert set(store.stale_stories()) == big
        # its report computes it on demand
        report = corpus.story_report(one, settings, store=store)
        assert len(report.articles) == sizes[one]
        assert set(store.stale_stories()) == big - {one}
        # without a budget (deleting an article) every stale story is done
        assert corpus.refresh_findings(settings, store=store) == len(big) - 1
        assert store.stale_stories() == []
    finally:
        store.close()
