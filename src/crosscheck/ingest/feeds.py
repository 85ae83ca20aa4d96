"""RSS/Atom feeds (feedparser) and XML sitemaps (urlset, sitemapindex, Google News tags).

Both only *list* article URLs with whatever metadata the listing gives (a feed entry's
publication date and title; a news sitemap's ``news:publication_date``, ``news:title`` and
``news:name``); the pages themselves are fetched by ``web``. A sitemap's ``lastmod`` is a
modification time, not a publication date, and is not used.

Not handled: feeds whose entries carry the full article in ``content:encoded`` without a
link (such entries are skipped with a problem); sitemap text files (one URL per line).
"""

from __future__ import annotations

import gzip
import io
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from time import struct_time

import feedparser

from crosscheck.errors import CODES
from crosscheck.ingest.files import normalise_published
from crosscheck.model import Problem

LOGGER = logging.getLogger(__name__)

MAX_SITEMAP_DEPTH = 3  # sitemapindex -> sitemapindex -> urlset is already unusual
MAX_SITEMAP_URLS = 1_000_000
_ROOT = re.compile(rb"<\s*(?:[\w-]+:)?(rss|feed|RDF|urlset|sitemapindex)\b", re.I)


@dataclass(frozen=True, slots=True)
class Link:
    """An article URL listed by a feed or sitemap, with the listing's metadata."""

    url: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None


def _gunzip(data: bytes, limit: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(limit + 1)
    if len(out) > limit:
        raise ValueError(f"decompressed size is more than {limit} bytes")
    return out


def kind_of(data: bytes) -> str | None:
    """Return ``feed``, ``sitemap`` or ``sitemapindex`` from the root element, else None."""
    match = _ROOT.search(data[:4096])
    if match is None:
        return None
    root = match.group(1).decode().lower()
    if root in ("rss", "feed", "rdf"):
        return "feed"
    return root if root == "sitemapindex" else "sitemap"


def _iso(value: struct_time | None) -> str | None:
    if not value:
        return None
    return normalise_published(
        f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
        f"T{value.tm_hour:02d}:{value.tm_min:02d}:{value.tm_sec:02d}+00:00"
    )


def feed_links(data: bytes, source: str) -> Iterator[Link | Problem]:
    """Yield the entry links of an RSS or Atom feed (with date, title and the feed's name).

    A feed feedparser calls malformed ("bozo") still yields what it could read, after a
    non-fatal problem.
    """
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser raises on some input (a &#x110000; reference)
        yield Problem(source, "CC015", f"{source}: {CODES['CC015']}: not a readable feed ({exc})")
        return
    if parsed.get("bozo") and not parsed.entries:
        yield Problem(source, "CC015", f"{source}: {CODES['CC015']}: not a readable feed")
        return
    if parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        yield Problem(source, "CC002", f"{source}: malformed feed, read anyway ({reason})", False)
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries):
        link = entry.get("link")
        if not link:
            yield Problem(f"{source}#{number}", "CC015", f"{source}: entry {number} has no link")
            continue
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        raw = entry.get("published") or entry.get("updated")
        if published is None and raw:
            published = normalise_published(raw)
            if published is None:
                yield _bad_date(f"{source}#{number}", raw)
        yield Link(link, published, entry.get("title") or None, outlet)


def _bad_date(where: str, raw: str) -> Problem:
    """The non-fatal problem of a date that cannot be read (the item goes on without it)."""
    return Problem(
        where,
        "CC013",
        f"{where}: {CODES['CC013']}: date {str(raw)[:80]!r} is not a date crosscheck can "
        "read; publication date left unknown",
        fatal=False,
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sitemap_links(
    data: bytes,
    source: str,
    fetch: Callable[[str], bytes] | None,
    *,
    max_bytes: int = 50_000_000,
    depth: int = 0,
) -> Iterator[Link | Problem]:
    """Yield the page URLs of a sitemap; a sitemap index is followed through ``fetch``.

    Args:
        data: the sitemap, plain or gzip-compressed.
        source: its name (path or URL) for problems.
        fetch: returns the bytes of a child sitemap URL (raising on failure); None leaves
            child sitemaps unread (a problem each).
        max_bytes: cap on the decompressed size.
        depth: nesting level (children deeper than ``MAX_SITEMAP_DEPTH`` are skipped).
    """
    try:
        root = ET.fromstring(_gunzip(data, max_bytes))
    except (ET.ParseError, ValueError, OSError, EOFError) as exc:
        yield Problem(source, "CC015", f"{source}: {CODES['CC015']}: bad sitemap ({exc})")
        return
    count = 0
    for item in root:
        name = _local(item.tag)
        fields: dict[str, str] = {}
        for child in item.iter():
            key = _local(child.tag)
            if child.text and child.text.strip() and key not in fields:
                fields[key] = child.text.strip()
        loc = fields.get("loc")
        if not loc:
            continue
        if name == "sitemap":
            if fetch is None or depth >= MAX_SITEMAP_DEPTH:
                yield Problem(loc, "CC015", f"{loc}: nested sitemap not followed", False)
                continue
            try:
                child_data = fetch(loc)
            except Exception as exc:  # one bad child sitemap must not stop the others
                yield Problem(loc, "CC008", f"{loc}: {CODES['CC008']}: {exc}")
                continue
            yield from sitemap_links(child_data, loc, fetch, max_bytes=max_bytes, depth=depth + 1)
        elif name == "url":
            count += 1
            if count > MAX_SITEMAP_URLS:
                yield Problem(source, "CC005", f"{source}: more than {MAX_SITEMAP_URLS} URLs")
                return
            raw = fields.get("publication_date")
            published = normalise_published(raw)
            if raw and published is None:
                yield _bad_date(loc, raw)
            yield Link(loc, published, fields.get("title"), fields.get("name"))
