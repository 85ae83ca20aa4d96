"""Reliability: concurrent writers, bounded work, poison records, stale runs (issue 18)."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from _corpus_stage import article_text, fake_stage
from _pg import REASON, fresh_database
from crosscheck import corpus
from crosscheck.engine.local import run_stage
from crosscheck.engine.stages import clean_article
from crosscheck.errors import NothingToCompareError
from crosscheck.extract.nlp import RUN_REASON, batches, mask_runs, paragraphs, text_weight
from crosscheck.ingest.datasets import iter_dataset
from crosscheck.ingest.feeds import feed_links
from crosscheck.ingest.files import normalise_published, read_bytes, read_sources, read_text
from crosscheck.ingest.warc import iter_warc
from crosscheck.model import Article, Problem
from crosscheck.pipeline import compare_texts
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
@pytest.mark.skipif(
    not os.environ.get("CROSSCHECK_STRESS"), reason="set CROSSCHECK_STRESS=1 for the 2x300 run"
)
def test_two_concurrent_writers_300_each(db_url: str, tmp_path: Path) -> None:
    open_store(db_url).close()
    outs = _writers(db_url, tmp_path, per_writer=300)
    assert all("ADDED 300 DUPLICATES 0 PROBLEMS 0" in out for out in outs), outs
    _check_no_loss_no_mix(db_url, 600, tmp_path)


# --- bounded work ---------------------------------------------------------------------------
PROSE = (
    "The county council voted 7 to 2 on Tuesday to close the Harbour Road bridge for "
    'repairs, a decision that will divert 14,000 vehicles a day. "We had no choice once the '
    'inspectors reported cracks in two of the main girders," said council leader Maria '
    "Ostrova. Work is due to start on March 4 and last eleven weeks.\n\n"
)


def test_too_long_article_refused_on_every_entry_point(tmp_path: Path) -> None:
    settings = Settings(max_chars=2_000)
    long_text = PROSE * 10  # about 3,000 characters
    path = tmp_path / "long.txt"
    path.write_text(long_text)
    (tmp_path / "short.txt").write_text(PROSE)
    read = list(read_sources([str(path), str(tmp_path / "short.txt")], settings))
    assert isinstance(read[0], Problem) and read[0].code == "CC005"
    assert "max_chars=2000" in read[0].message
    assert isinstance(read[1], Article)
    stdin = list(read_sources(["-"], settings, stdin=io.BytesIO(long_text.encode())))
    assert [p.code for p in stdin if isinstance(p, Problem)] == ["CC005"]
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"text": long_text}) + "\n" + json.dumps({"text": PROSE}) + "\n")
    items = list(iter_dataset(str(data), settings))
    assert [type(x).__name__ for x in items] == ["Problem", "Article"]
    assert items[0].code == "CC005" and items[0].source.endswith(":1")  # type: ignore[union-attr]
    raw = Article(id="x", source="api", text=long_text)
    refused = clean_article(raw, settings)
    assert isinstance(refused, Problem) and refused.code == "CC005"
    with pytest.raises(NothingToCompareError, match="max_chars=2000"):
        compare_texts([long_text, long_text + " Again."], settings)


def test_batches_are_sized_by_characters_not_articles() -> None:
    items = [(PROSE, (0, i)) for i in range(40)]  # one long article of 40 paragraphs
    groups = list(batches(items, 3 * len(PROSE)))
    assert [len(g) for g in groups] == [3] * 13 + [1]
    assert [k for g in groups for _, k in g] == [k for _, k in items]  # order kept
    # a column of one-letter lines weighs by its tokens, not its few characters
    lines = "a\n" * 1000
    assert text_weight(lines) >= 4 * 2000 > len(lines)
    assert text_weight(PROSE) == len(PROSE)


def test_runs_of_punctuation_and_capitals_are_blanked_not_parsed() -> None:
    run = "'" * 40_000
    caps = "QWERTY" * 50
    text = PROSE + run + "\n\nShe added that work would start in May. " + caps + " (ABC)\n"
    article = Article(id="r", source="run.txt", text=text)
    masked = mask_runs(article)
    assert masked.text == text and len(masked.analysis_text) == len(text)
    assert run not in masked.analysis_text and caps not in masked.analysis_text
    assert "She added that work would start in May." in masked.analysis_text
    reasons = [(r.start, r.end) for r in masked.removed if r.reason == RUN_REASON]
    assert [text[s:e] for s, e in reasons] == [run, caps]
    chunks = [t for _, t in paragraphs(masked.analysis_text)]
    assert max(len(c) for c in chunks) < 1_000
    plain = Article(id="p", source="p", text=PROSE)
    assert mask_runs(plain) is plain
    url = "https://news.example/2026/03/04/" + "harbour-road-bridge-closes-for-repairs-" * 4
    linked = Article(id="u", source="u", text=f"Source: {url}\n\n{PROSE}")
    assert mask_runs(linked) is linked  # a long URL is a token, not a run
    spaced = "' " * 3000 + "\n" + "— " * 100
    marks = mask_runs(Article(id="m", source="m", text=PROSE + spaced + PROSE))
    assert marks.analysis_text == PROSE + " " * 6000 + "\n" + " " * 200 + PROSE


@pytest.mark.slow
def test_punctuation_run_article_analysed_quickly() -> None:
    from crosscheck.extract import analyze

    text = PROSE + "'" * 40_000 + "\n\n" + "ABCDEFGHIJ" * 4_000 + "\n\n" + PROSE
    started = time.perf_counter()
    (analysis,) = analyze([Article(id="q", source="q", text=text)])
    assert time.perf_counter() - started < 30  # generous: measured ~1 s (was > 40 s)
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text


# --- per-record isolation ---------------------------------------------------------------------
def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def test_jsonl_lone_surrogate_and_csv_extra_fields_cost_one_record(tmp_path: Path) -> None:
    jsonl = tmp_path / "poison.jsonl"
    jsonl.write_text(
        '{"text": "' + PROSE.replace('"', '\\"').replace("\n", "\\n") + '", '
        '"title": "Bridge \\ud800 closes", "outlet": "\\udfff Gazette"}\n'
        + json.dumps({"text": PROSE + " Second.", "title": "Second"})
        + "\n"
    )
    items = list(iter_dataset(str(jsonl), Settings()))
    assert [type(x).__name__ for x in items] == ["Article", "Article"]
    first = items[0]
    assert isinstance(first, Article)
    assert first.title == "Bridge \ufffd closes" and first.outlet == "\ufffd Gazette"
    first.title.encode("utf-8")  # storable, printable
    csv_path = tmp_path / "poison.csv"
    _write_csv(
        csv_path, ["text", "title"], [[PROSE, "Bridge", "EXTRA"], [PROSE + "Later.", "Later"]]
    )
    rows = list(iter_dataset(str(csv_path), Settings()))
    assert [type(x).__name__ for x in rows] == ["Problem", "Article"]
    assert rows[0].code == "CC002" and "3 fields, the header 2" in rows[0].message  # type: ignore[union-attr]
    assert rows[1].title == "Later"  # type: ignore[union-attr]


def test_dataset_dates_in_common_formats_stored_or_reported(tmp_path: Path) -> None:
    data = tmp_path / "dated.csv"
    dates = ["March 4, 2026", "Thu, 05 Mar 2026 10:00:00 GMT", "2026-03-06", "sometime soon"]
    _write_csv(data, ["text", "date"], [[f"{PROSE} {i}.", d] for i, d in enumerate(dates)])
    items = list(iter_dataset(str(data), Settings()))
    articles = [x for x in items if isinstance(x, Article)]
    problems = [x for x in items if isinstance(x, Problem)]
    assert [a.published for a in articles] == [
        "2026-03-04",
        "2026-03-05T10:00:00+00:00",
        "2026-03-06",
        None,
    ]
    assert len(problems) == 1 and problems[0].code == "CC013" and not problems[0].fatal
    assert "sometime soon" in problems[0].message and problems[0].source.endswith(":4")


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("March 4, 2026", "2026-03-04"),
        ("4 March 2026", "2026-03-04"),
        ("Thu, 05 Mar 2026 10:00:00 GMT", "2026-03-05T10:00:00+00:00"),
        ("2026-03-05T10:00:00Z", "2026-03-05T10:00:00+00:00"),
        ("last Tuesday", None),
        ("March 2026", None),
        ("2026-02-30", None),
    ],
)
def test_normalise_published_common_forms(raw: str, iso: str | None) -> None:
    assert normalise_published(raw) == iso


def test_feed_dates_parsed_or_reported() -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
        b"<item><title>A</title><link>https://news.example/a</link>"
        b"<pubDate>Thu, 05 Mar 2026 10:00:00 GMT</pubDate></item>"
        b"<item><title>B</title><link>https://news.example/b</link>"
        b"<pubDate>March 4, 2026</pubDate></item>"
        b"<item><title>C</title><link>https://news.example/c</link>"
        b"<pubDate>the day before yesterday</pubDate></item>"
        b"</channel></rss>"
    )
    out = list(feed_links(feed, "feed.xml"))
    links = [x for x in out if not isinstance(x, Problem)]
    assert [x.published for x in links] == ["2026-03-05T10:00:00+00:00", "2026-03-04", None]
    problems = [x for x in out if isinstance(x, Problem)]
    assert [p.code for p in problems] == ["CC013"] and "day before yesterday" in problems[0].message


def _warc(path: Path, records: int, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for i in range(records):
            body = (
                f"<html><head><title>Bridge {i}</title></head><body><article>"
                + f"<p>{PROSE} Report {i}.</p>" * 3
                + "</article></body></html>"
            ).encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example/{i}",
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=headers,
                )
            )
    return path.read_bytes()


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("keep", [0.8, 0.9])
def test_truncated_warc_is_reported_not_silently_short(
    tmp_path: Path, gz: bool, keep: float
) -> None:
    whole = _warc(tmp_path / "w.warc", 3, gz)
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(whole[: int(len(whole) * keep)])
    items = list(iter_warc(str(cut), Settings()))
    articles = [x for x in items if isinstance(x, Article)]
    problems = [x for x in items if isinstance(x, Problem)]
    assert len(articles) == 2
    assert len(problems) == 1 and problems[0].code == "CC002", problems
    assert "record 3" in problems[0].message or "stopped at record" in problems[0].message
    complete = list(iter_warc(str(tmp_path / "w.warc"), Settings()))
    assert [type(x).__name__ for x in complete] == ["Article"] * 3


def test_binary_content_refused_by_sniffing() -> None:
    rng = random.Random(18)
    settings = Settings()
    stored = 0
    for i in range(200):
        size = rng.choice([64, 512, 4096])
        data = bytes(rng.getrandbits(8) for _ in range(size))
        if i % 2:  # high bytes only: no NUL or control byte to give it away
            data = bytes(128 + b % 128 for b in data)
        result = read_bytes(f"bin{i}", data, settings)
        stored += isinstance(result, Article)
    assert stored == 0
    text = read_bytes("prose.txt", PROSE.encode(), settings)
    assert isinstance(text, Article)
    scripts = "".join(f"<script>a{i}=document.getElementById('x{i}');</script>" for i in range(200))
    minified = f"<html><head>{scripts}</head><body><article><p>{PROSE}</p></article></body></html>"
    page = read_bytes("min.html", minified.encode(), settings, suffix=".html")
    assert isinstance(page, Article)  # a minified page has no spaces and is still text
    accented = read_bytes(
        "fr.txt", "Le conseil a voté «oui» à 7 contre 2.".encode("latin-1"), settings
    )
    assert isinstance(accented, Article)


# --- runs killed with -9 ----------------------------------------------------------------------
def _run_statuses(store: Any) -> dict[int, str]:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(text("SELECT id, status FROM ingest_runs"))}


def test_stale_running_runs_closed_on_resume(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'runs.db'}"
    script = (
        "import os\n"
        "from crosscheck.store import open_store\n"
        f"store = open_store({db_url!r})\n"
        "store.start_run(['feed.xml'])\n"
        "os._exit(0)  # like kill -9: the run is never finished\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    store = open_store(db_url)
    try:
        (dead,) = _run_statuses(store)
        live = store.start_run(["live.jsonl"])  # this process: still running
        assert _run_statuses(store) == {dead: "running", live: "running"}
        assert store.close_stale_runs() == [dead]
        assert _run_statuses(store) == {dead: "interrupted", live: "running"}
        data = tmp_path / "one.jsonl"
        data.write_text(json.dumps({"text": article_text(1)}) + "\n")
        settings = Settings(db=db_url, processes=1)
        corpus.ingest([str(data)], settings, progress=False, stage=fake_stage, store=store)
        statuses = _run_statuses(store)
        assert statuses[dead] == "interrupted" and statuses[live] == "running"
        assert sorted(statuses.values()).count("done") == 1
    finally:
        store.close()


# --- terminal escapes, chunk sizes, refresh budget --------------------------------------------
def test_control_characters_never_reach_text_or_metadata() -> None:
    hostile = "\x1b]0;pwned\x07The mayor\x1b[2J said \x00\x9bthe bridge would reopen.\tNow."
    article = read_text("esc.txt", hostile, title="Bridge\x1b[31m news", outlet="\x07Gazette")
    assert len(article.text) == len(hostile)  # replaced by spaces: offsets hold
    for value in (article.text, article.title, article.outlet):
        assert value is not None
        assert not any(ord(c) < 32 and c not in "\t\n\f" for c in value)
        assert not any(0x7F <= ord(c) <= 0x9F for c in value)
    assert "The mayor" in article.text and "\tNow." in article.text
    assert article.title == "Bridge [31m news"
    no_nul = hostile.replace("\x00", "")  # a NUL byte makes a file binary (CC004)
    read = read_bytes("esc.txt", (no_nul + " " + PROSE).encode(), Settings())
    assert isinstance(read, Article) and "\x1b" not in read.text


def _sizes_stage(articles: list[Article], settings: Settings) -> list[Any]:
    return [Problem(a.source, "CC003", str(len(articles))) for a in articles]


def test_engine_chunks_close_early_on_long_articles() -> None:
    settings = Settings(batch_size=32, batch_chars=1_000)  # chunks of 16, or 4,000 chars
    short = [Article(id=f"s{i}", source=f"s{i}", text=PROSE[:200]) for i in range(20)]
    long = [Article(id=f"l{i}", source=f"l{i}", text=PROSE * 13) for i in range(3)]
    out = list(run_stage([*short, *long], settings, stage=_sizes_stage, processes=1))
    assert [p.source for p in out] == [a.source for a in [*short, *long]]  # order kept
    sizes = [int(p.message) for p in out]
    assert sizes[:16] == [16] * 16  # short articles: a full chunk by count
    assert sizes[-3:] == [5, 1, 1]  # a long article (over 4,000 chars) closes its chunk


def test_refresh_budget_leaves_stories_stale_for_later(tmp_path: Path) -> None:
    data = tmp_path / "s.jsonl"
    data.write_text("".join(json.dumps({"text": article_text(i)}) + "\n" for i in range(9)))
    settings = Settings(db=f"sqlite:///{tmp_path / 'b.db'}", processes=1)
    store = open_store(settings.db)
    try:
        corpus.ingest(
            [str(data)], settings, progress=False, stage=fake_stage, store=store, findings=False
        )
        stale = store.stale_stories()
        assert stale
        assert corpus.refresh_findings(settings, store=store, budget_s=0) == 0
        assert store.stale_stories() == stale
        # the stories an ingest changed are done whatever the budget
        assert corpus.refresh_findings(settings, store=store, budget_s=0, first=stale[:1]) == 1
        stale = stale[1:]
        assert store.stale_stories() == stale
        assert corpus.refresh_findings(settings, store=store) == len(stale)
        assert store.stale_stories() == []
    finally:
        store.close()


def test_feed_that_crashes_the_parser_is_a_problem() -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette &#x110000;</title>'
        b"<item><title>A</title><link>https://news.example/a</link></item></channel></rss>"
    )
    out = list(feed_links(feed, "bad-feed.xml"))
    assert len(out) == 1 and isinstance(out[0], Problem) and out[0].code == "CC015"


def test_a_reader_that_raises_costs_only_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps({"text": article_text(i)}) + "\n" for i in range(3)))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": article_text(7)}) + "\n")
    real = corpus.iter_records

    def flaky(source: str, *args: Any, **kwargs: Any) -> Any:
        if source == str(bad):
            yield from real(source, *args, **kwargs)
            raise RuntimeError("reader bug")
        yield from real(source, *args, **kwargs)

    monkeypatch.setattr(corpus, "iter_records", flaky)
    settings = Settings(db=f"sqlite:///{tmp_path / 'r.db'}", processes=1)
    result = corpus.ingest(
        [str(bad), str(good)], settings, progress=False, stage=fake_stage, findings=False
    )
    assert result.added == 4  # the bad source's one article, and all of the good one
    assert [p.code for p in result.problems] == ["CC002"]
    assert "reading stopped after 1 item" in result.problems[0].message
    store = open_store(settings.db)
    try:
        assert store.source_status(str(bad)).status == "started"  # type: ignore[union-attr]
    finally:
        store.close()


@pytest.mark.slow
def test_compare_texts_with_lone_surrogates_and_escapes(nlp: object) -> None:
    del nlp
    a = PROSE.replace("Maria", "Ma\ud800ria") + "\x1b]0;pwned\x07"
    b = PROSE.replace("7 to 2", "8 to 1").replace("council leader", "council leader \udfff")
    report = compare_texts({"a.txt": a, "b.txt": b})
    assert report.findings
    import dataclasses

    text = json.dumps(dataclasses.asdict(report), ensure_ascii=False, default=str)
    text.encode("utf-8")  # no lone surrogate anywhere in the report
    assert "\x1b" not in text
