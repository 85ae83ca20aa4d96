"""Spark engine: equivalence with the local engine, loader round trip, bad inputs, readers.

One SparkSession (local[2]) for the module; the synthetic corpus is analysed once by each
engine (the local ingest in a thread while Spark runs: Spark's waits overlap its work) and
the tests compare the results.
"""

from __future__ import annotations

import gzip
import io
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _pg import REASON, fresh_database
from _spark_corpus import corpus, follow_up, write_jsonl
from crosscheck.corpus import ingest, list_stories, story_report
from crosscheck.model import Article
from crosscheck.settings import Settings
from crosscheck.spark.grouping import components
from crosscheck.spark.session import java_available
from crosscheck.store import open_store
from crosscheck.store.codec import encode

pytestmark = [
    pytest.mark.spark,
    pytest.mark.slow,
    pytest.mark.skipif(not java_available(), reason="Java is not installed"),
]
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("pyspark")

EVENTS = 36  # ~195 articles over ~75 days: stories open and close in a 14-day window
# The window is a setting (none by default): these runs set one, so that stories close in the
# stream, and the store and the Spark output both keep it.
WINDOW = 14


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    from crosscheck.spark.session import start_session

    spark = start_session("local[2]", app_name="crosscheck-tests")
    yield spark
    spark.stop()


def _warc(path: Path, pages: list[tuple[str, str]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
            writer.write_record(record)
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("spark-in")
    jsonl = write_jsonl(corpus(EVENTS), root / "news.jsonl")
    junk = root / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 40)
    empty = root / "empty.txt"
    empty.write_text("")
    broken = root / "broken.warc.gz"
    broken.write_bytes(gzip.compress(b"this is not a WARC record at all\r\n" * 20))
    return {"jsonl": jsonl, "junk": junk, "empty": empty, "broken": broken}


@pytest.fixture(scope="module")
def engines(
    session: Any, inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Any, Settings]:
    """(Spark result, settings of the local engine's store) on the same inputs."""
    from crosscheck.spark.pipeline import run_ingest

    sources = [str(inputs[k]) for k in ("jsonl", "junk", "empty", "broken")]
    db = tmp_path_factory.mktemp("local-db") / "local.db"
    settings = Settings(db=f"sqlite:///{db}", story_window_days=WINDOW)
    failed: list[BaseException] = []

    def local() -> None:
        try:
            ingest(sources, settings, progress=False)
        except BaseException as exc:  # re-raised in the test's thread
            failed.append(exc)

    worker = threading.Thread(target=local, name="local-ingest")
    worker.start()
    try:
        out = tmp_path_factory.mktemp("spark-out") / "tables"
        result = run_ingest(session, sources, out, Settings(story_window_days=WINDOW))
    finally:
        worker.join()
    if failed:
        raise failed[0]
    return result, settings


@pytest.fixture(scope="module")
def spark_out(engines: tuple[Any, Settings]) -> Any:
    return engines[0]


@pytest.fixture(scope="module")
def local_db(engines: tuple[Any, Settings]) -> Settings:
    return engines[1]


def _table(out: Any, name: str) -> list[dict[str, Any]]:
    return list(pq.read_table(f"{out.out}/{name}").to_pylist())


def _groups(members: list[dict[str, Any]]) -> list[list[str]]:
    by_story: dict[str, list[str]] = {}
    for row in members:
        by_story.setdefault(row["story"], []).append(row["article"])
    return sorted(sorted(v) for v in by_story.values())


def test_spark_equivalence_articles_and_extractions(spark_out: Any, local_db: Settings) -> None:
    rows = _table(spark_out, "articles")
    store = open_store(local_db.db)
    try:
        assert store.counts()["articles"] == len(rows) == spark_out.articles > 150
        assert store.known_ids([r["id"] for r in rows]) == {r["id"] for r in rows}
        for row in rows:
            local = store.get_analysis(row["id"])
            assert local is not None
            assert encode(local) == row["analysis"], row["id"]
    finally:
        store.close()
    assert spark_out.duplicates > 0  # the verbatim reprints were dropped before analysis


def test_spark_equivalence_story_groups(spark_out: Any, local_db: Settings) -> None:
    local = sorted(sorted(s.articles) for s in list_stories(local_db, limit=100_000))
    spark = _groups(_table(spark_out, "stories"))
    assert spark_out.exact
    assert spark == local
    assert sum(len(g) > 2 for g in spark) >= 10  # real multi-outlet stories, not singletons


def test_spark_equivalence_findings(spark_out: Any, local_db: Settings) -> None:
    members = _table(spark_out, "stories")
    story_of = {r["article"]: r["story"] for r in members}
    spark: dict[frozenset[str], set[str]] = {}
    by_story: dict[str, set[str]] = {}
    for row in _table(spark_out, "findings"):
        by_story.setdefault(row["story"], set()).add(row["data"])
    groups: dict[str, set[str]] = {}
    for article, story in story_of.items():
        groups.setdefault(story, set()).add(article)
    for story, ids in groups.items():
        spark[frozenset(ids)] = by_story.get(story, set())
    store = open_store(local_db.db)
    try:
        for story in store.list_stories(limit=100_000):
            found, _stats = store.get_findings(story.id)
            assert {encode(f) for f in found} == spark[frozenset(story.articles)]
    finally:
        store.close()


def test_spark_extraction_offsets(spark_out: Any) -> None:
    texts = {r["id"]: r["text"] for r in _table(spark_out, "articles")}
    for name in ("quotes", "numbers", "dates", "claims"):
        rows = _table(spark_out, name)
        assert rows, name
        for row in rows:
            assert texts[row["article"]][row["start"] : row["end"]] == row["text"]
    for row in _table(spark_out, "entities"):
        for mention in row["mentions"]:
            assert texts[row["article"]][mention["start"] : mention["end"]] == mention["text"]


def test_spark_bad_inputs_reported(spark_out: Any, inputs: dict[str, Path]) -> None:
    problems = {(Path(r["source"]).name, r["code"]) for r in _table(spark_out, "problems")}
    assert (inputs["junk"].name, "CC004") in problems
    assert (inputs["empty"].name, "CC003") in problems
    assert any(name == inputs["broken"].name for name, _ in problems)
    assert spark_out.articles > 150  # the rest went on


def test_spark_load_round_trip(spark_out: Any, tmp_path: Path) -> None:
    from crosscheck.spark.loader import load

    settings = Settings(db=f"sqlite:///{tmp_path / 'loaded.db'}")
    result = load(spark_out.out, settings)
    assert result.articles == spark_out.articles
    stories = list_stories(settings, limit=100_000)
    assert sorted(sorted(s.articles) for s in stories) == _groups(_table(spark_out, "stories"))
    store = open_store(settings.db)
    try:
        assert store.stale_stories() == []
        assert store.counts()["problems"] >= 3
        biggest = max(stories, key=lambda s: len(s.articles))
        stored, _ = store.get_findings(biggest.id)
        report = story_report(biggest.id, settings, store=store)
        assert {f.id for f in report.findings} == {f.id for f in stored}
    finally:
        store.close()
    again = load(spark_out.out, settings)
    assert again.articles == 0 and again.already_stored == spark_out.articles


@pytest.mark.postgres
def test_spark_load_into_postgres(spark_out: Any) -> None:
    """The issue's target store: Spark's tables loaded into PostgreSQL, stories intact."""
    from crosscheck.spark.loader import load

    url = fresh_database()
    if url is None:
        pytest.skip(f"no PostgreSQL: {REASON}")
    settings = Settings(db=url)
    result = load(spark_out.out, settings)
    assert result.articles == spark_out.articles
    stories = list_stories(settings, limit=100_000)
    assert sorted(sorted(s.articles) for s in stories) == _groups(_table(spark_out, "stories"))
    biggest = max(stories, key=lambda s: len(s.articles))
    assert story_report(biggest.id, settings).findings


def _copy_db(settings: Settings, path: Path) -> Settings:
    """A copy of a SQLite store (the backup API: consistent whatever the journal mode)."""
    source = sqlite3.connect(settings.db.removeprefix("sqlite:///"))
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return Settings(db=f"sqlite:///{path}")


def test_spark_load_then_ingest_continues_stories(
    spark_out: Any, local_db: Settings, tmp_path: Path
) -> None:
    from crosscheck.spark.loader import load

    late = write_jsonl([follow_up(EVENTS)], tmp_path / "late.jsonl")
    loaded = Settings(db=f"sqlite:///{tmp_path / 'loaded.db'}")
    result = load(spark_out.out, loaded)
    assert 0 < result.open_stories < result.stories  # old stories are closed
    before = {s.id: s.articles for s in list_stories(loaded, limit=100_000)}
    added = ingest([str(late)], loaded, progress=False)
    assert added.added == 1
    after = {s.id: s.articles for s in list_stories(loaded, limit=100_000)}
    old = {a for members in before.values() for a in members}
    (new_id,) = {a for members in after.values() for a in members} - old
    joined = next(sid for sid, members in after.items() if new_id in members)
    assert joined in before and set(before[joined]) < set(after[joined])  # a loaded story
    # The same as the local engine continuing its own index with the same article.
    local = _copy_db(local_db, tmp_path / "local.db")
    assert ingest([str(late)], local, progress=False).added == 1
    want = sorted(sorted(s.articles) for s in list_stories(local, limit=100_000))
    assert sorted(sorted(m) for m in after.values()) == want


def test_spark_readers_match_local(session: Any, tmp_path: Path) -> None:
    from crosscheck.ingest.corpus import iter_records
    from crosscheck.spark import stages
    from crosscheck.spark.pipeline import plan_units
    from crosscheck.spark.tables import raw_schema

    records = corpus(2)
    html = "<html><head><title>{t}</title></head><body><article><p>{b}</p></article></body></html>"
    pages = [(r["url"], html.format(t=r["title"], b=r["text"])) for r in records[:3]]
    _warc(tmp_path / "crawl.warc.gz", pages)
    import pyarrow as pa

    pq.write_table(pa.Table.from_pylist(records[3:6]), tmp_path / "set.parquet")
    folder = tmp_path / "folder"
    folder.mkdir()
    for i, r in enumerate(records[6:9]):
        (folder / f"a{i}.txt").write_text(r["text"])
    (folder / "page.html").write_text(pages[0][1])
    sources = [str(tmp_path / "crawl.warc.gz"), str(tmp_path / "set.parquet"), str(folder)]
    units, problems = plan_units([*sources, "https://example.org/x", str(tmp_path / "nope")])
    assert [p.code for p in problems] == ["CC015", "CC001"]
    frame = session.createDataFrame(units, "unit long, path string")
    rows = frame.mapInPandas(lambda it: stages.read_units(it, Settings()), raw_schema()).collect()
    got = sorted((r["id"], r["source"], r["title"], r["url"], r["published"]) for r in rows)
    want = sorted(
        (a.id, a.source, a.title, a.url, a.published)
        for s in sources
        for a in iter_records(s, Settings())
        if isinstance(a, Article)
    )
    assert got == want and len(got) == 10


def test_spark_label_propagation_matches_union_find(session: Any) -> None:
    from pyspark.sql import functions as F

    from crosscheck.spark.pipeline import propagate_labels

    edges = [(100, 1), (100, 2), (101, 2), (101, 5), (102, 3), (102, 4), (103, 7), (103, 5)]
    nodes = session.createDataFrame([(i,) for i in range(1, 9)], "rank long")
    frame = session.createDataFrame(edges, "key long, rank long")
    got = {r["rank"]: r["block"] for r in propagate_labels(nodes, frame, F).collect()}
    want = components(edges, range(1, 9))
    assert got == want == {1: 1, 2: 1, 5: 1, 7: 1, 3: 3, 4: 3, 6: 6, 8: 8}
