"""Corpus ingestion: sources (web, feeds, sitemaps, datasets, WARC), idempotence, resume."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from _corpus_stage import article_text, expected_counts, fake_stage, topic_of
from _pg import REASON, fresh_database
from crosscheck import corpus
from crosscheck.cli import main
from crosscheck.ingest import web
from crosscheck.ingest.corpus import iter_records
from crosscheck.ingest.datasets import ColumnMap, iter_dataset
from crosscheck.ingest.feeds import feed_links, sitemap_links
from crosscheck.ingest.warc import iter_warc
from crosscheck.model import Article, Problem
from crosscheck.settings import Settings
from crosscheck.store import open_store

HERE = Path(__file__).parent


def page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split(". "))
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>© Example News</footer>"
        "</body></html>"
    ).encode()


Canned = dict[str, web.Reply | Exception]


def canned(monkeypatch: pytest.MonkeyPatch, replies: Canned) -> list[tuple[str, dict[str, str]]]:
    """Patch the one network function; return the log of requests made."""
    log: list[tuple[str, dict[str, str]]] = []

    def send(url: str, *, headers: dict[str, str], timeout: float, max_bytes: int) -> web.Reply:
        log.append((url, headers))
        reply = replies.get(url)
        if reply is None:
            return web.Reply(url, 404, {}, b"")
        if isinstance(reply, Exception):
            raise reply
        if len(reply.body) > max_bytes:
            raise web.InputError(url, "too big", code="CC005")
        return web.Reply(url, reply.status, reply.headers, reply.body)

    monkeypatch.setattr(web, "_send", send)
    monkeypatch.setattr(web, "_resolve", lambda host: ["93.184.216.34"])
    return log


def html_reply(body: bytes, status: int = 200) -> web.Reply:
    return web.Reply("", status, {"content-type": "text/html; charset=utf-8"}, body)


SITE = "https://news.example"


# --- web ----------------------------------------------------------------------------------
def test_web_fetches_page_with_user_agent_and_robots(monkeypatch: pytest.MonkeyPatch) -> None:
    log = canned(
        monkeypatch,
        {
            f"{SITE}/robots.txt": web.Reply("", 200, {}, b"User-agent: *\nDisallow: /private/\n"),
            f"{SITE}/a": html_reply(page("Flood barrier fails", article_text(0))),
        },
    )
    settings = Settings()
    fetcher = web.Fetcher(settings)
    art = web.fetch_article(f"{SITE}/a", settings, fetcher=fetcher)
    assert isinstance(art, Article), art
    assert "flood barrier failed" in art.text and art.url == f"{SITE}/a"
    assert all(h["User-Agent"] == settings.user_agent for _, h in log)
    refused = web.fetch_article(f"{SITE}/private/x", settings, fetcher=fetcher)
    assert isinstance(refused, Problem) and refused.code == "CC010"
    assert [u for u, _ in log].count(f"{SITE}/robots.txt") == 1  # cached per host


@pytest.mark.parametrize(
    ("status", "allowed"), [(404, True), (403, True), (500, False), (503, False)]
)
def test_web_robots_status_semantics(
    monkeypatch: pytest.MonkeyPatch, status: int, allowed: bool
) -> None:
    canned(monkeypatch, {f"{SITE}/robots.txt": web.Reply("", status, {}, b"")})
    assert web.Fetcher(Settings()).allowed(f"{SITE}/a") is allowed


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/x", "http://10.1.2.3/", "http://169.254.169.254/latest", "http://[::1]/"],
)
def test_web_refuses_private_addresses(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    log = canned(monkeypatch, {})
    result = web.fetch_article(url, Settings())
    assert isinstance(result, Problem) and result.code == "CC009"
    assert log == []  # refused before any request


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b:1::a9fe:a9fe",  # local-use NAT64 of 169.254.169.254
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "::127.0.0.1",  # IPv4-compatible loopback
        "::10.1.2.3",
        "::ffff:192.168.0.7",  # mapped
        "fec0::1",  # site-local
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
    ],
)
def test_web_refuses_ipv6_forms_of_private_ipv4(address: str) -> None:
    assert web.refused_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1::248", "64:ff9b::5db8:d822"])
def test_web_allows_public_addresses(address: str) -> None:
    assert not web.refused_address(address)  # the last one: NAT64 of a public IPv4 address


def test_web_refuses_host_resolving_to_private(monkeypatch: pytest.MonkeyPatch) -> None:
    canned(monkeypatch, {})
    monkeypatch.setattr(web, "_resolve", lambda host: ["93.184.216.34", "192.168.1.5"])
    result = web.fetch_article("https://intranet.example/", Settings())
    assert isinstance(result, Problem) and result.code == "CC009"


def test_web_redirects_rechecked_and_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    replies: Canned = {f"{SITE}/robots.txt": web.Reply("", 404)}
    for i in range(7):
        replies[f"{SITE}/r{i}"] = web.Reply("", 302, {"location": f"/r{i + 1}"})
    replies[f"{SITE}/to-private"] = web.Reply("", 301, {"location": "http://127.0.0.1/admin"})
    replies[f"{SITE}/two"] = web.Reply("", 307, {"location": f"{SITE}/r5"})
    canned(monkeypatch, replies)
    too_many = web.fetch_article(f"{SITE}/r0", Settings())
    assert isinstance(too_many, Problem) and too_many.code == "CC008"
    assert "redirects" in too_many.message
    private = web.fetch_article(f"{SITE}/to-private", Settings())
    assert isinstance(private, Problem) and private.code == "CC009"
    replies[f"{SITE}/r7"] = html_reply(page("Budget", article_text(1)))
    ok = web.fetch_article(f"{SITE}/two", Settings())  # 3 hops: within the limit
    assert isinstance(ok, Article) and ok.url == f"{SITE}/r7"


def test_web_size_cap_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    canned(
        monkeypatch,
        {
            f"{SITE}/robots.txt": web.Reply("", 404),
            f"{SITE}/big": html_reply(b"x" * 5000),
            f"{SITE}/gone": web.Reply("", 410),
            f"{SITE}/pdf": web.Reply("", 200, {"content-type": "application/pdf"}, b"%PDF-1.4"),
            f"{SITE}/down": web.InputError(f"{SITE}/down", "ConnectTimeout", code="CC008"),
        },
    )
    settings = Settings(max_bytes=1000)
    codes = {
        u: getattr(web.fetch_article(f"{SITE}/{u}", settings), "code", None)
        for u in ("big", "gone", "pdf", "down")
    }
    assert codes == {"big": "CC005", "gone": "CC008", "pdf": "CC015", "down": "CC008"}


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, tuple[int, str, bytes]]]]:
    routes: dict[str, tuple[int, str, bytes]] = {}
    handler = type("H", (_Handler,), {"routes": routes, "agents": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", routes
    httpd.shutdown()
    httpd.server_close()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {p}</title><link>{base}{p}</link>"
        f"<pubDate>Mon, 0{i + 1} Apr 2024 09:00:00 GMT</pubDate></item>"
        for i, p in enumerate(paths)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def test_ingest_feed_over_real_http_server(
    server: tuple[str, dict[str, tuple[int, str, bytes]]], tmp_path: Path
) -> None:
    base, routes = server
    routes["/robots.txt"] = (200, "text/plain", b"User-agent: *\nDisallow: /secret\n")
    routes["/feed.xml"] = (200, "application/rss+xml", rss(base, ["/a", "/b", "/secret", "/c"]))
    for i, path in enumerate(("/a", "/b", "/c", "/secret")):
        routes[path] = (200, "text/html", page(f"Story {i}", article_text(i)))
    routes["/c"] = (500, "text/plain", b"oops")
    settings = Settings(db=f"sqlite:///{tmp_path / 'c.db'}", allow_private=True)
    result = corpus.ingest([f"{base}/feed.xml"], settings, progress=False, stage=fake_stage)
    assert result.added == 2
    assert sorted(p.code for p in result.problems) == ["CC008", "CC010"]
    db = open_store(settings.db)
    arts = [a for s in db.list_stories() for a in s.articles]
    published = {db.get_article(a).published for a in arts}  # type: ignore[union-attr]
    assert published == {"2024-04-01T09:00:00+00:00", "2024-04-02T09:00:00+00:00"}
    again = corpus.ingest([f"{base}/feed.xml"], settings, progress=False, stage=fake_stage)
    assert again.added == 0 and db.counts()["articles"] == 2
    # the stored entries are not fetched again, the failed one is retried
    assert sorted(p.code for p in again.problems) == ["CC008", "CC010"]
    refused = corpus.ingest(
        [f"{base}/feed.xml"],
        settings.replace(allow_private=False),
        progress=False,
        stage=fake_stage,
    )
    assert [p.code for p in refused.problems] == ["CC009"]


# --- feeds and sitemaps -------------------------------------------------------------------
def test_feeds_atom_links_and_bad_feed() -> None:
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        b'<entry><title>One</title><link href="https://w.example/1"/>'
        b"<updated>2024-03-05T10:00:00Z</updated></entry>"
        b"<entry><title>No link</title></entry></feed>"
    )
    out = list(feed_links(atom, "atom.xml"))
    assert out[0].url == "https://w.example/1" and out[0].outlet == "Wire"  # type: ignore[union-attr]
    assert out[0].published == "2024-03-05T10:00:00+00:00"  # type: ignore[union-attr]
    assert isinstance(out[1], Problem)
    bad = list(feed_links(b"this is not a feed at all", "x"))
    assert len(bad) == 1 and isinstance(bad[0], Problem)


def test_feeds_sitemap_index_and_news_tags() -> None:
    child = gzip.compress(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        b"<url><loc>https://n.example/a</loc><lastmod>2024-01-09</lastmod><news:news>"
        b"<news:publication><news:name>North Gazette</news:name></news:publication>"
        b"<news:publication_date>2024-01-02</news:publication_date>"
        b"<news:title>Ferry returns</news:title></news:news></url>"
        b"<url><loc>https://n.example/b</loc></url></urlset>"
    )
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://n.example/s1.xml.gz</loc></sitemap>"
        b"<sitemap><loc>https://n.example/missing.xml</loc></sitemap></sitemapindex>"
    )
    fetched = {"https://n.example/s1.xml.gz": child}

    def fetch(url: str) -> bytes:
        if url not in fetched:
            raise OSError("HTTP 404")
        return fetched[url]

    out = list(sitemap_links(index, "index.xml", fetch))
    links = [x for x in out if not isinstance(x, Problem)]
    assert [(x.url, x.published, x.title, x.outlet) for x in links] == [
        ("https://n.example/a", "2024-01-02", "Ferry returns", "North Gazette"),
        ("https://n.example/b", None, None, None),
    ]
    assert [p.code for p in out if isinstance(p, Problem)] == ["CC008"]


# --- datasets -----------------------------------------------------------------------------
def test_datasets_jsonl_csv_parquet_with_column_mapping(tmp_path: Path) -> None:
    rows = [
        {
            "body": article_text(i),
            "headline": f"H{i}",
            "when": "2024-02-0" + str(i + 1),
            "site": "Example",
        }
        for i in range(3)
    ]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        json.dumps(rows[0])
        + "\n{broken json\n"
        + json.dumps(rows[1])
        + "\n"
        + json.dumps({"body": "", "headline": "empty"})
        + "\n",
        encoding="utf-8",
    )
    columns = ColumnMap(text="body", title="headline", date="when", outlet="site")
    out = list(iter_dataset(str(jsonl), Settings(), columns))
    assert [type(x).__name__ for x in out] == ["Article", "Problem", "Article", "Problem"]
    first = out[0]
    assert isinstance(first, Article)
    assert (first.title, first.published, first.outlet, first.source) == (
        "H0",
        "2024-02-01",
        "Example",
        f"{jsonl}:1",
    )
    csv_path = tmp_path / "a.csv"
    import csv

    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    from_csv = list(iter_dataset(str(csv_path), Settings(), columns))
    assert [a.title for a in from_csv] == ["H0", "H1", "H2"]  # type: ignore[union-attr]
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(
        pa.Table.from_pylist(
            [
                {"text": r["body"], "title": r["headline"], "url": f"https://x.example/{i}"}
                for i, r in enumerate(rows)
            ]
        ),
        tmp_path / "a.parquet",
    )
    from_parquet = list(iter_dataset(str(tmp_path / "a.parquet"), Settings()))  # defaults
    assert [(a.title, a.url) for a in from_parquet] == [  # type: ignore[union-attr]
        (f"H{i}", f"https://x.example/{i}") for i in range(3)
    ]
    no_text = list(iter_dataset(str(tmp_path / "a.parquet"), Settings(), ColumnMap(text="nope")))
    assert len(no_text) == 1 and no_text[0].code == "CC015"  # type: ignore[union-attr]


# --- WARC ---------------------------------------------------------------------------------
def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
        writer.write_record(
            writer.create_warc_record(
                "https://w.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )


def test_warc_reads_html_responses_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("https://w.example/a", page("Strike", article_text(2)), "text/html; charset=utf-8"),
            ("https://w.example/logo.png", b"\x89PNG....", "image/png"),
            ("https://w.example/b", page("Budget", article_text(4)), "text/html"),
        ],
    )
    out = list(iter_warc(str(path), Settings()))
    assert [a.url for a in out] == ["https://w.example/a", "https://w.example/b"]  # type: ignore[union-attr]
    assert "Nurses" in out[0].text  # type: ignore[union-attr]
    corrupt = tmp_path / "bad.warc"
    corrupt.write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n" * 3)
    problems = list(iter_warc(str(corrupt), Settings()))
    assert all(isinstance(p, Problem) for p in problems) and problems


def test_ingest_dispatch_by_source_kind(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(article_text(0), encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": article_text(1)}) + "\n")
    write_warc(
        tmp_path / "c.warc.gz", [("https://w.example/a", page("S", article_text(2)), "text/html")]
    )
    kinds = {
        name: [type(x).__name__ for x in iter_records(str(tmp_path / name), Settings())]
        for name in ("one.txt", "d.jsonl", "c.warc.gz", "missing.txt")
    }
    assert kinds == {
        "one.txt": ["Article"],
        "d.jsonl": ["Article"],
        "c.warc.gz": ["Article"],
        "missing.txt": ["Problem"],
    }


# --- corpus.ingest ------------------------------------------------------------------------
def _store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus.db'}"
    url = fresh_database()
    if url is None:
        pytest.skip(REASON)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return _store_url(request, tmp_path)


def test_ingest_corpus_idempotent_with_bad_inputs(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(9):
        (folder / f"{i:02d}.txt").write_text(article_text(i), encoding="utf-8")
    (folder / "dup.txt").write_text(article_text(3), encoding="utf-8")  # same text twice
    (folder / "short.txt").write_text("Too short.", encoding="utf-8")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02binary" * 20)
    settings = Settings(db=db_url)
    first = corpus.ingest(
        [str(folder), str(tmp_path / "nope")], settings, progress=False, stage=fake_stage
    )
    assert first.added == 9
    assert first.skipped + first.duplicates == 1
    assert sorted(p.code for p in first.problems) == ["CC001", "CC003", "CC004"]
    db = open_store(db_url)
    counts = db.counts()
    assert counts["articles"] == 9 and counts["story_members"] == 9
    assert counts["problems"] == 3
    stories = db.list_stories()
    assert sum(len(s.articles) for s in stories) == 9
    # the three invented topics never share a story
    for story in stories:
        topics = {topic_of(db.get_article(a).text) for a in story.articles}  # type: ignore[union-attr]
        assert len(topics) == 1, story
    assert not db.stale_stories()  # findings computed for every changed story
    second = corpus.ingest([str(folder)], settings, progress=False, stage=fake_stage)
    assert (second.added, second.skipped) == (0, 10)
    after = db.counts()
    assert {k: v for k, v in after.items() if k not in ("problems", "ingest_runs")} == {
        k: v for k, v in counts.items() if k not in ("problems", "ingest_runs")
    }
    hits = corpus.search("nurses picket", settings)
    assert hits and all("Nurses" in db.get_article(h.article).text for h in hits)  # type: ignore[union-attr]
    listed = corpus.list_stories(settings, limit=2)
    assert len(listed) == min(2, len(stories))


def test_ingest_single_file_source_skipped_when_unchanged(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"text": article_text(i)}) + "\n" for i in range(4)))
    settings = Settings(db=f"sqlite:///{tmp_path / 'x.db'}")
    assert corpus.ingest([str(data)], settings, progress=False, stage=fake_stage).added == 4
    again = corpus.ingest([str(data)], settings, progress=False, stage=fake_stage)
    assert (again.sources_skipped, again.skipped) == (1, 0)
    with data.open("a") as fh:
        fh.write(json.dumps({"text": article_text(10)}) + "\n")
    changed = corpus.ingest([str(data)], settings, progress=False, stage=fake_stage)
    assert (changed.added, changed.skipped, changed.sources_skipped) == (1, 4, 0)


def test_ingest_deleted_article_leaves_story_index(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path / 'x.db'}")
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps({"text": article_text(0)}) + "\n")
    assert corpus.ingest([str(first)], settings, progress=False, stage=fake_stage).added == 1
    db = open_store(settings.db)
    try:
        (article_id,) = db.known_ids([a for _, a in db.articles_after(0)])
        story_id = db.story_of(article_id)
        assert story_id is not None
        assert corpus.delete_article(article_id, settings, store=db) == (True, story_id)
        assert db.get_story(story_id) is None
        assert corpus.delete_article(article_id, settings, store=db) == (False, None)
    finally:
        db.close()
    # The same text again: it must start a story of its own, not revive the deleted one.
    second = tmp_path / "b.jsonl"
    second.write_text(json.dumps({"text": article_text(0)}) + "\n")
    assert corpus.ingest([str(second)], settings, progress=False, stage=fake_stage).added == 1
    db = open_store(settings.db)
    try:
        again = db.story_of(article_id)
        assert again is not None and again != story_id
    finally:
        db.close()
    runner = CliRunner()
    gone = runner.invoke(main, ["delete", article_id, "--db", settings.db])
    assert gone.exit_code == 0, gone.output
    assert f"deleted {article_id} (story {again})" in gone.output
    twice = runner.invoke(main, ["delete", article_id, "--db", settings.db])
    assert twice.exit_code == 4
    assert "CC001" in twice.output


KILL_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from _corpus_stage import fake_stage
from crosscheck import corpus
from crosscheck.settings import Settings
settings = Settings(db={db!r}, processes={processes}, batch_size=4)
result = corpus.ingest([{data!r}], settings, progress=False, stage=fake_stage)
print("ADDED", result.added, "SKIPPED", result.skipped)
"""


def _run_ingest(script: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _wait_for(check: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("processes", [1, 2])
def test_ingest_corpus_killed_midway_resumes_without_loss(tmp_path: Path, processes: int) -> None:
    total = 120
    data = tmp_path / "big.jsonl"
    data.write_text("".join(json.dumps({"text": article_text(i)}) + "\n" for i in range(total)))
    db_url = f"sqlite:///{tmp_path / 'k.db'}"
    script = KILL_SCRIPT.format(tests=str(HERE), db=db_url, processes=processes, data=str(data))
    env = {**os.environ, "CROSSCHECK_TEST_DELAY": "0.02"}
    proc = _run_ingest(script, env)
    store = open_store(db_url)
    try:
        started = _wait_for(lambda: store.counts()["articles"] >= 15, timeout=120)
        assert started, proc.stderr.read() if proc.stderr else ""
        workers = _children(proc.pid)
        assert len(workers) >= (processes if processes > 1 else 0)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        # orphaned workers notice their parent is gone and exit
        assert _wait_for(lambda: not any(Path(f"/proc/{w}").exists() for w in workers), 20)
    finally:
        if proc.poll() is None:
            proc.kill()
    midway = store.counts()["articles"]
    assert 15 <= midway < total, "the run finished before it could be killed"
    _assert_consistent(store)
    env["CROSSCHECK_TEST_DELAY"] = "0"
    resumed = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert f"SKIPPED {midway}" in resumed.stdout, resumed.stdout + resumed.stderr
    counts = store.counts()
    assert counts["articles"] == total and counts["story_members"] == total
    _assert_consistent(store)
    texts = {
        store.get_article(a).text
        for s in store.list_stories(limit=10_000)  # type: ignore[union-attr]
        for a in s.articles
    }
    assert texts == {article_text(i) for i in range(total)}


def _assert_consistent(store) -> None:  # type: ignore[no-untyped-def]
    """Every stored article has exactly the facts the stage produced: no partial article."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM articles"))]
    for aid in ids:
        analysis = store.get_analysis(aid)
        assert (len(analysis.quotes), len(analysis.numbers)) == expected_counts(
            analysis.article.text
        )


def test_ingest_corpus_with_real_pipeline(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in (0, 3, 6):  # three reports of the flood story from different towns
        (folder / f"{i}.txt").write_text(article_text(i), encoding="utf-8")
    settings = Settings(db=f"sqlite:///{tmp_path / 'real.db'}", processes=2)
    result = corpus.ingest([str(folder)], settings, progress=False)
    assert result.added == 3, result.problems
    db = open_store(settings.db)
    analyses = [db.get_analysis(a) for s in db.list_stories() for a in s.articles]
    assert all(a is not None and a.quotes for a in analyses)
    story = db.list_stories()[0]
    report = corpus.story_report(story.id, settings)
    assert {a.id for a in report.articles} == set(story.articles)


test_ingest_corpus_with_real_pipeline = pytest.mark.slow(test_ingest_corpus_with_real_pipeline)
