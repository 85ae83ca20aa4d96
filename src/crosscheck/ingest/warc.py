"""WARC / WARC.gz archives (warcio): HTTP response records holding HTML pages.

Only ``response`` records with status 200 and an HTML content type are read; request,
metadata, revisit and other records are skipped silently (they are not articles). The
record's ``WARC-Target-URI`` becomes the article's URL and source. ``WARC-Date`` is the
crawl time, not a publication date, and is not used.

Not handled: ``revisit`` records (they point at an earlier payload); ARC files; charsets
given only in the HTTP header (the page's ``<meta charset>`` and detection are used).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from crosscheck.errors import CODES
from crosscheck.ingest.files import read_bytes
from crosscheck.model import Article, Problem
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    """True when the file name says WARC."""
    return path.lower().endswith(WARC_SUFFIXES)


def iter_warc(path: str, settings: Settings) -> Iterator[Article | Problem]:
    """Yield a raw article (or problem) per HTML response record of a WARC file.

    Args:
        path: a ``.warc`` or ``.warc.gz`` file (per-record gzip, as Common Crawl writes).
        settings: ``max_bytes`` caps each page (CC005).
    """
    number = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                number += 1
                if record.rec_type is None:  # warcio is lenient: a record without WARC-Type
                    yield Problem(
                        path, "CC015", f"{path}: {CODES['CC015']}: record {number} is not WARC"
                    )
                    return
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{number}"
                status = record.http_headers.get_statuscode()
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if status != "200" or ctype.split(";", 1)[0].strip() not in HTML_TYPES:
                    continue
                body = record.content_stream().read(settings.max_bytes + 1)
                if len(body) > settings.max_bytes:
                    yield Problem(uri, "CC005", f"{uri}: {CODES['CC005']} (in {path})")
                    continue
                yield read_bytes(uri, body, settings, suffix=".html", flags={"url": uri})
    except FileNotFoundError:
        yield Problem(path, "CC001", f"{path}: {CODES['CC001']}")
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        yield Problem(
            path, "CC002", f"{path}: {CODES['CC002']}: stopped at record {number} ({exc})"
        )
