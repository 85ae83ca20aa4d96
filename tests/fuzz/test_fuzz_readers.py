"""Fuzz the readers and the cleaner with fixed-seed hostile inputs: no traceback, ever.

``CROSSCHECK_FUZZ=N`` sets the number of inputs (default 1,000; the full run is 10,000:
``CROSSCHECK_FUZZ=10000 pytest tests/fuzz``).
"""

from __future__ import annotations

import io
import json
import os
import random
from collections import Counter
from pathlib import Path

import pytest
from _check import encodable
from _gen import hostile_bytes, hostile_record, hostile_text

from crosscheck.clean import clean, is_usable
from crosscheck.extract.nlp import mask_runs, paragraphs
from crosscheck.ingest.datasets import iter_dataset
from crosscheck.ingest.files import normalise_published, read_bytes, read_text
from crosscheck.ingest.warc import iter_warc
from crosscheck.model import Article, Problem
from crosscheck.settings import Settings

N = int(os.environ.get("CROSSCHECK_FUZZ", "1000"))
SETTINGS = Settings()


def _article_ok(article: Article) -> None:
    assert encodable(
        article.text, article.title, article.outlet, article.author, article.url, article.source
    )
    cleaned = clean(article, SETTINGS)
    assert len(cleaned.analysis_text) == len(article.text)  # cleaning keeps offsets
    is_usable(cleaned, SETTINGS)
    masked = mask_runs(cleaned)
    assert masked.text == article.text and len(masked.analysis_text) == len(article.text)
    for offset, piece in paragraphs(masked.analysis_text):
        assert masked.analysis_text[offset : offset + len(piece)] == piece
    for removed in masked.removed:
        assert article.text[removed.start : removed.end] == removed.text


def test_fuzz_read_bytes_and_clean() -> None:
    kinds: Counter[str] = Counter()
    for i in range(N):
        rng = random.Random(f"bytes-{i}")
        data = hostile_bytes(rng)
        suffix = rng.choice(("", ".txt", ".html"))
        result = read_bytes(f"fuzz-{i}{suffix}", data, SETTINGS, suffix=suffix)
        if isinstance(result, Problem):
            kinds[result.code] += 1
            assert encodable(result.message)
            continue
        kinds["article"] += 1
        _article_ok(result)
    assert kinds["article"] and kinds["CC004"], kinds


def test_fuzz_read_text_and_dates() -> None:
    for i in range(N):
        rng = random.Random(f"text-{i}")
        text = hostile_text(rng, long_lines=True)
        published = rng.choice((None, "March 4, 2026", hostile_text(rng)[:40]))
        normalise_published(published)
        article = read_text(
            f"api-{i}", text, title=hostile_text(rng)[:50], outlet=rng.choice(("\ud800", None))
        )
        _article_ok(article)


def test_fuzz_datasets_one_result_per_record(tmp_path: Path) -> None:
    count = max(50, N // 5)
    rng = random.Random("records")
    records = [hostile_record(rng) for _ in range(count)]
    jsonl = tmp_path / "fuzz.jsonl"
    with jsonl.open("w", encoding="utf-8", errors="surrogatepass") as fh:
        for record in records:
            fh.write(json.dumps(record) + "\n")
    items = list(iter_dataset(str(jsonl), SETTINGS))
    # each record is one article or one refusal (plus non-fatal date notes); nothing stops
    assert sum(1 for x in items if isinstance(x, Article) or x.fatal) == count
    assert any(isinstance(x, Article) for x in items)
    assert not any("stopped at record" in x.message for x in items if isinstance(x, Problem))
    for item in items:
        if isinstance(item, Article):
            _article_ok(item)
    csv_path = tmp_path / "fuzz.csv"
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer)
    writer.writerow(["text", "title", "date"])
    for record in records:
        row = [str(record.get(k, "")) for k in ("text", "title", "published")]
        writer.writerow(row + (["extra"] if rng.random() < 0.1 else []))
    csv_path.write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
    rows = list(iter_dataset(str(csv_path), SETTINGS))
    assert not any("stopped at record" in x.message for x in rows if isinstance(x, Problem))
    assert sum(1 for x in rows if isinstance(x, Article) or x.fatal) == count


def _warc(records: int, gz: bool) -> tuple[bytes, list[int]]:
    """A WARC of ``records`` hostile pages (per-record gzip when ``gz``) and the offsets at
    which its records end."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    rng = random.Random("warc")
    for i in range(records):
        body = f"<html><body><article><p>{hostile_text(rng)}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/{i}",
                "response",
                payload=io.BytesIO(body.encode("utf-8", "surrogatepass")),
                http_headers=headers,
            )
        )
    data = out.getvalue()
    ends = []
    reader = ArchiveIterator(io.BytesIO(data))
    for record in reader:
        record.raw_stream.read()
        reader.read_to_end()
        ends.append(reader.member_info[0] + reader.member_info[1])
    return data, ends


@pytest.mark.parametrize("gz", [False, True])
def test_fuzz_warc_cut_or_corrupted_never_silently_short(tmp_path: Path, gz: bool) -> None:
    whole, ends = _warc(6, gz)
    rng = random.Random(f"warc-{gz}")
    for i in range(max(30, N // 20)):
        data = bytearray(whole)
        cut = rng.random() < 0.6
        if cut:
            data = data[: rng.randint(0, len(data))]
        else:
            for _ in range(rng.randint(1, 5)):
                data[rng.randrange(len(data))] = rng.getrandbits(8)
        path = tmp_path / f"f{i}.warc{'.gz' if gz else ''}"
        path.write_bytes(bytes(data))
        items = list(iter_warc(str(path), SETTINGS))
        articles = [x for x in items if isinstance(x, Article)]
        problems = [x for x in items if isinstance(x, Problem)]
        if cut:
            # every record begun before the cut is read whole or reported: none is lost
            # silently (a cut right after the blank lines ending a record loses nothing)
            begun = sum(1 for start in [0, *ends[:-1]] if start < len(data) - 4)
            assert len(articles) == begun or problems, (i, len(data))
            assert len(articles) + len(problems) >= begun, (i, len(data))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # feedparser's own
def test_fuzz_feeds_and_sitemaps() -> None:
    from crosscheck.ingest.feeds import feed_links, kind_of, sitemap_links

    for i in range(max(60, N // 5)):
        rng = random.Random(f"feed-{i}")
        text = hostile_text(rng).replace("<", "&lt;").replace("&lt;", "&#x110000;", 1)
        data = rng.choice(
            (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>{t}</title><item>'
                "<title>{t}</title><link>https://news.example/{i}</link>"
                "<pubDate>{d}</pubDate></item></channel></rss>",
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                "<url><loc>https://news.example/{i}</loc><news:news><news:publication_date>"
                "{d}</news:publication_date><news:title>{t}</news:title></news:news></url>"
                "</urlset>",
            )
        ).format(t=text[:80], d=text[:30], i=i)
        raw = data.encode("utf-8", "surrogatepass")
        for blob in (raw, hostile_bytes(rng)):
            kind_of(blob)
            for item in [*feed_links(blob, f"f{i}"), *sitemap_links(blob, f"s{i}", None)]:
                if isinstance(item, Problem):
                    assert encodable(item.message)
