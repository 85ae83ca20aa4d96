"""Store tests, run against SQLite and a real (throwaway) PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from _pg import REASON, fresh_database
from crosscheck.errors import StoreError
from crosscheck.model import (
    Analysis,
    Article,
    Claim,
    DateAnchor,
    DateRef,
    Entity,
    Finding,
    Mention,
    Number,
    Problem,
    Quote,
    Removed,
    Span,
    Speaker,
    Story,
)
from crosscheck.store import SqlStore, open_store
from crosscheck.store.schema import Base
from crosscheck.store.urls import canonical_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[SqlStore]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = fresh_database()
        if url is None:
            pytest.skip(REASON)
    db = open_store(url)
    yield db
    db.close()


# --- strategies: any text PostgreSQL and SQLite can both hold (no NUL, no lone surrogate)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
OPT = st.none() | TEXT
INT = st.integers(min_value=0, max_value=10**6)
FLOAT = st.floats(allow_nan=False, allow_infinity=False, width=64)
span = st.builds(Span, TEXT, INT, INT, TEXT)
removed = st.builds(Removed, INT, INT, TEXT, TEXT)
anchor = st.builds(
    DateAnchor,
    OPT,
    st.sampled_from(["metadata", "inferred", "none"]),
    st.none() | st.tuples(TEXT, TEXT),
    TEXT,
)
speaker = st.builds(Speaker, TEXT, OPT, INT, INT, TEXT, OPT)
quote = st.builds(
    Quote,
    TEXT,
    TEXT,
    INT,
    INT,
    TEXT,
    st.sampled_from(["direct", "indirect", "mixed"]),
    st.none() | speaker,
    cue=OPT,
    cue_start=st.none() | INT,
    cue_end=st.none() | INT,
    via=st.lists(TEXT, max_size=3).map(tuple),
    mentions=st.lists(span, max_size=2).map(tuple),
    sentence_start=INT,
    sentence_end=INT,
)
number = st.builds(Number, TEXT, TEXT, INT, INT, TEXT, FLOAT, OPT, OPT, OPT, OPT, TEXT, INT, INT)
date = st.builds(DateRef, TEXT, TEXT, INT, INT, TEXT, OPT, TEXT, TEXT, INT, INT)
entity = st.builds(
    Entity,
    TEXT,
    TEXT,
    TEXT,
    st.lists(TEXT, max_size=3).map(tuple),
    st.lists(TEXT, max_size=2).map(tuple),
    st.lists(st.builds(Mention, TEXT, INT, INT, TEXT), max_size=3).map(tuple),
)
claim = st.builds(
    Claim,
    TEXT,
    TEXT,
    INT,
    INT,
    TEXT,
    st.lists(TEXT, max_size=3).map(tuple),
    st.lists(TEXT, max_size=3).map(tuple),
    FLOAT,
)
problem = st.builds(Problem, TEXT, TEXT, TEXT, st.booleans())
article = st.builds(
    Article,
    id=st.just("x"),
    source=TEXT,
    text=st.text(max_size=200).filter(
        lambda t: "\x00" not in t and not any(0xD800 <= ord(c) <= 0xDFFF for c in t)
    ),
    title=OPT,
    outlet=OPT,
    author=OPT,
    url=st.none() | st.just("https://news.example/x"),
    published=OPT,
    language=TEXT,
    format=st.sampled_from(["text", "html"]),
    clean_text=TEXT,
    removed=st.lists(removed, max_size=3).map(tuple),
    date_anchor=anchor,
)
analysis = st.builds(
    Analysis,
    article,
    st.lists(entity, max_size=3).map(tuple),
    st.lists(quote, max_size=3).map(tuple),
    st.lists(number, max_size=3).map(tuple),
    st.lists(date, max_size=3).map(tuple),
    st.lists(claim, max_size=3).map(tuple),
    st.lists(problem, max_size=2).map(tuple),
)


def _with_id(a: Analysis) -> Analysis:
    from dataclasses import replace

    unique = uuid.uuid4().hex
    url = f"https://news.example/{unique}" if a.article.url else None
    return replace(a, article=replace(a.article, id=unique, url=url))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(analysis)
def test_store_round_trip_is_exact(store: SqlStore, analysis: Analysis) -> None:
    original = _with_id(analysis)
    assert store.add_analysis(original)
    assert store.get_analysis(original.article.id) == original
    assert store.get_article(original.article.id) == original.article


def _analysis(aid: str, body: str, *, url: str | None = None, title: str | None = None) -> Analysis:
    art = Article(aid, f"{aid}.txt", body, title=title, url=url, clean_text=body)
    start = body.index("“") + 1 if "“" in body else 0
    end = body.index("”") if "”" in body else 0
    quotes = (
        (
            Quote(
                f"{aid}:q0",
                aid,
                start,
                end,
                body[start:end],
                "direct",
                Speaker("Helen Okafor", "e1", 0, 5, "Okafor"),
            ),
        )
        if end
        else ()
    )
    return Analysis(art, quotes=quotes)


def test_store_same_article_twice_is_stored_once(store: SqlStore) -> None:
    a = _analysis(
        "a1", "Ferry services resumed on Sunday.", url="https://News.Example/a?utm_source=x"
    )
    assert store.add_analysis(a) is True
    assert store.add_analysis(a) is False
    same_url = _analysis("a2", "A different text.", url="https://news.example/a/")
    assert store.add_analysis(same_url) is False
    assert store.counts()["articles"] == 1
    assert store.has_article("a1") and not store.has_article("a2")
    assert store.has_url("http://news.example/a") is False
    assert store.has_url("https://news.example/a#top")
    assert store.known_ids(["a1", "a2", "zz"]) == {"a1"}


def test_store_failed_article_leaves_nothing(store: SqlStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    class Broken:
        @staticmethod
        def index(conn, analysis):  # type: ignore[no-untyped-def]
            raise OperationalError("INSERT", {}, Exception("disk on fire"))

    monkeypatch.setattr(store, "_search", Broken)
    with pytest.raises(StoreError) as info:
        store.add_analysis(_analysis("b1", "The dam held, “for now” they said."))
    assert info.value.code == "CC014"
    counts = store.counts()
    assert counts["articles"] == 0 and counts["quotes"] == 0


def test_store_search_finds_articles_quotes_and_speakers(store: SqlStore) -> None:
    store.add_analysis(
        _analysis(
            "s1",
            "Council approves harbour repairs. “The harbour walls are crumbling,” said Okafor.",
            title="Harbour vote",
        )
    )
    store.add_analysis(_analysis("s2", "Nurses strike over pay at the general hospital."))
    hits = store.search("crumbling harbour")
    assert {h.article for h in hits} == {"s1"}
    assert {h.kind for h in hits} == {"article", "quote"}
    assert any("[" in h.snippet for h in hits)
    by_speaker = store.search("Okafor")
    assert any(h.kind == "quote" and h.ref == "s1:q0" for h in by_speaker)
    assert [h.article for h in store.search("nurses striking")] == ["s2"]  # stemmed
    assert store.search('"walls are crumbling"')
    assert store.search("") == [] and store.search("zeppelin") == []
    assert store.search('AND OR NOT ( " *') == [] or True  # no syntax error raised


def test_store_stories_crud_and_findings(store: SqlStore) -> None:
    for i in range(4):
        store.add_analysis(
            Analysis(
                Article(f"a{i}", "x", f"text {i}", title=f"T{i}", published=f"2024-05-0{i + 1}")
            )
        )
    store.add_to_story("s1", "a0")
    store.add_to_story("s1", "a1")
    store.add_to_story("s2", "a2")
    story = store.get_story("s1")
    assert story is not None
    assert story.articles == ("a0", "a1") and story.title == "T0"
    assert (story.first_seen, story.last_seen) == ("2024-05-01", "2024-05-02")
    assert store.story_of("a2") == "s2"
    assert set(store.stale_stories()) == {"s1", "s2"}
    finding = Finding(
        "f1", "corroborated", "Both say so", 0.9, (Span("a0", 0, 4, "text"),), sources=2
    )
    store.set_findings("s1", [finding], {"articles": 2})
    assert store.get_findings("s1") == ((finding,), {"articles": 2})
    assert store.stale_stories() == ["s2"]
    store.merge_stories("s1", ["s2"])
    merged = store.get_story("s1")
    assert merged is not None and merged.articles == ("a0", "a1", "a2")
    assert store.get_story("s2") is None and "s1" in store.stale_stories()
    store.put_story(Story("s3", ("a3", "a1"), title="Moved"))
    assert store.get_story("s3") == Story("s3", ("a3", "a1"), "Moved", "2024-05-02", "2024-05-04")
    assert store.get_story("s1").articles == ("a0", "a2")  # type: ignore[union-attr]
    assert [s.id for s in store.list_stories()] == ["s3", "s1"]
    store.add_copy_link("a2", "a0", 0.93)
    assert store.copy_links(["a0"]) == [("a2", "a0", 0.93)]
    assert store.delete_story("s3") and not store.delete_story("s3")
    assert store.story_of("a3") is None
    assert store.counts()["articles"] == 4


def test_store_runs_sources_problems_and_state(store: SqlStore) -> None:
    run = store.start_run(["a.txt", "feed.xml"])
    store.set_source_status("a.txt", "started", run_id=run, detail="12:34")
    store.set_source_status("a.txt", "done", run_id=run, items=3, detail="12:34")
    status = store.source_status("a.txt")
    assert status is not None and (status.status, status.items, status.detail) == (
        "done",
        3,
        "12:34",
    )
    assert store.source_status("nope") is None
    bad = Problem("b.txt", "CC004", "b.txt: input looks binary")
    store.add_problem(bad, run_id=run)
    store.finish_run(run, "done", {"added": 1})
    assert store.list_problems(run_id=run) == [bad]
    assert store.list_problems(run_id=run + 1) == []
    store.put_state("k", "v1")
    store.put_state("k", "v2")
    assert store.get_state("k") == "v2" and store.get_state("missing") is None


def test_store_migrations_match_the_models(store: SqlStore) -> None:
    def include(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        return not (type_ == "table" and (name.startswith("search_") or name == "alembic_version"))

    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_store_sqlite_uses_wal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    db.close()
    again = open_store(f"sqlite:///{tmp_path / 'w.db'}")  # migrating twice is a no-op
    assert again.counts()["articles"] == 0


def test_store_open_bad_url_raises_store_error() -> None:
    with pytest.raises(StoreError):
        open_store("mysql://nobody@nowhere/db")
    with pytest.raises(StoreError):
        open_store("not a url")


@pytest.mark.postgres
def test_store_postgres_refuses_nul_cleanly() -> None:
    url = fresh_database()
    if url is None:
        pytest.skip(REASON)
    db = open_store(url)
    with pytest.raises(StoreError):
        db.add_analysis(_analysis("n1", "text with a \x00 NUL"))
    assert db.counts()["articles"] == 0
    assert db.add_analysis(_analysis("n2", "text without one"))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://News.Example:443/a/b/?utm_source=x&b=2&a=1#frag",
            "https://news.example/a/b?a=1&b=2",
        ),
        ("http://news.example", "http://news.example/"),
        ("http://news.example:8080/x", "http://news.example:8080/x"),
        ("ftp://news.example/x", None),
        ("", None),
        (None, None),
    ],
)
def test_store_canonical_url(url: str | None, expected: str | None) -> None:
    assert canonical_url(url) == expected


def test_store_paging_numbers_out_of_range_are_clamped(store: SqlStore) -> None:
    store.add_analysis(
        _analysis("p1", "The bridge closed on Monday after inspectors found cracks.")
    )
    store.add_to_story("s-bridge", "p1")
    assert store.list_stories(offset=2**63) == []
    assert [s.id for s in store.list_stories(limit=2**70, offset=-5)] == ["s-bridge"]
    assert store.list_problems(limit=2**64) == []
    assert len(store.search("bridge", limit=2**63)) == 1
