"""Corpus-mode dispatch: any source (path, glob, dataset, WARC, feed, sitemap, URL) to records.

``iter_records`` looks at one source and streams raw ``Article`` and ``Problem`` objects:

* ``http(s)://`` URLs are fetched (``web``); a reply that is an RSS/Atom feed or a sitemap
  is expanded into its article URLs, each fetched in turn;
* ``.jsonl/.ndjson/.csv/.tsv/.parquet`` (``.gz`` allowed for the text ones) go to
  ``datasets``; ``.warc/.warc.gz`` to ``warc``;
* ``.xml/.rss/.atom`` files (and ``.xml.gz``) whose root is a feed or sitemap are listings;
* everything else (files, directories, globs, ``-``) goes to ``crosscheck.ingest.read_sources``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from crosscheck.errors import CODES, InputError
from crosscheck.ingest.datasets import ColumnMap, dataset_kind, iter_dataset
from crosscheck.ingest.feeds import Link, feed_links, kind_of, sitemap_links
from crosscheck.ingest.files import read_sources
from crosscheck.ingest.warc import is_warc, iter_warc
from crosscheck.ingest.web import Fetcher, fetch_article, page_article
from crosscheck.model import Article, Problem
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

LISTING_SUFFIXES = (".xml", ".rss", ".atom", ".xml.gz")
XML_TYPES = ("xml", "rss", "atom")


def is_url(source: str) -> bool:
    """True for ``http://`` and ``https://`` sources."""
    return source.lower().startswith(("http://", "https://"))


def iter_records(
    source: str,
    settings: Settings,
    *,
    columns: ColumnMap | None = None,
    fetcher: Fetcher | None = None,
    seen_url: Callable[[str], bool] | None = None,
) -> Iterator[Article | Problem]:
    """Stream the raw articles and problems of one source, whatever its kind.

    Args:
        source: a path, directory, glob, ``-``, dataset, WARC, feed or sitemap file, or URL.
        settings: pipeline settings (size caps, fetch settings).
        columns: the column mapping for datasets.
        fetcher: a shared ``Fetcher`` (one robots.txt cache per run).
        seen_url: returns True for a URL already stored; such feed and sitemap entries are
            not fetched again (resuming a feed costs no requests for what is done).

    Yields:
        Raw ``Article`` objects (call ``crosscheck.clean.clean`` next) and ``Problem``s.
    """
    fetcher = fetcher or Fetcher(settings)
    lower = source.lower()
    if is_url(source):
        yield from _url(source, settings, fetcher, seen_url)
    elif dataset_kind(source):
        yield from iter_dataset(source, settings, columns)
    elif is_warc(source):
        yield from iter_warc(source, settings)
    elif lower.endswith(LISTING_SUFFIXES) and Path(source).is_file():
        yield from _listing_file(source, settings, fetcher, seen_url)
    else:
        yield from read_sources([source], settings)


def _listing_file(
    source: str, settings: Settings, fetcher: Fetcher, seen_url: Callable[[str], bool] | None
) -> Iterator[Article | Problem]:
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        yield Problem(source, "CC002", f"{source}: {CODES['CC002']}: {exc}")
        return
    kind = kind_of(data if not data.startswith(b"\x1f\x8b") else _peek_gzip(data))
    if kind is None:
        yield from read_sources([source], settings)
        return
    yield from _listing(kind, data, source, settings, fetcher, seen_url)


def _peek_gzip(data: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 4096)
    except zlib.error:
        return b""


def _listing(
    kind: str,
    data: bytes,
    source: str,
    settings: Settings,
    fetcher: Fetcher,
    seen_url: Callable[[str], bool] | None,
) -> Iterator[Article | Problem]:
    def fetch_bytes(url: str) -> bytes:
        return fetcher.fetch(url).body

    links = (
        feed_links(data, source)
        if kind == "feed"
        else sitemap_links(data, source, fetch_bytes, max_bytes=settings.max_bytes)
    )
    for link in links:
        if isinstance(link, Problem):
            yield link
            continue
        if seen_url is not None and seen_url(link.url):
            LOGGER.debug("%s already stored; not fetched", link.url)
            continue
        yield _fetch_link(link, settings, fetcher)


def _fetch_link(link: Link, settings: Settings, fetcher: Fetcher) -> Article | Problem:
    meta = {"published": link.published, "title": link.title, "outlet": link.outlet}
    return fetch_article(link.url, settings, fetcher=fetcher, **meta)


def _url(
    source: str, settings: Settings, fetcher: Fetcher, seen_url: Callable[[str], bool] | None
) -> Iterator[Article | Problem]:
    if seen_url is not None and seen_url(source):
        return
    try:
        reply = fetcher.fetch(source)
    except InputError as exc:
        yield Problem(source, exc.code, f"{source}: {CODES[exc.code]}: {exc.reason}")
        return
    ctype = reply.content_type
    kind = kind_of(reply.body) if (not ctype or any(t in ctype for t in XML_TYPES)) else None
    if kind is not None:
        yield from _listing(kind, reply.body, source, settings, fetcher, seen_url)
    else:
        yield page_article(source, reply, settings)
