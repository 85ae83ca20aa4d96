"""WARC / WARC.gz archives (warcio): HTTP response records holding HTML pages.

Only ``response`` records with status 200 and an HTML content type are read; request,
metadata, revisit and other records are skipped silently (they are not articles). The
record's ``WARC-Target-URI`` becomes the article's URL and source. ``WARC-Date`` is the
crawl time, not a publication date, and is not used. A record the file ends inside (a
truncated download, a wrong ``Content-Length``) is reported (CC002) with its number.

Not handled: ``revisit`` records (they point at an earlier payload); ARC files; charsets
given only in the HTTP header (the page's ``<meta charset>`` and detection are used).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from crosscheck.errors import CODES
from crosscheck.ingest.files import read_bytes
from crosscheck.model import Article, Problem
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_TYPES = frozenset(
    {
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
    }
)


def is_warc(path: str) -> bool:
    """True when the file name says WARC."""
    return path.lower().endswith(WARC_SUFFIXES)


def _missing(record: Any) -> int:
    """Bytes of a record's declared ``Content-Length`` that the file does not hold.

    Reads what is left of the record (warcio would skip it anyway) and returns the limit of
    the record's reader still unmet: more than 0 only when the file ends inside the record.
    """
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    missing = max(0, int(getattr(stream, "limit", 0) or 0))
    try:
        declared = int(record.rec_headers.get_header("Content-Length") or 0)
    except ValueError:
        declared = 0
    if record.length is not None and record.length < declared:
        # warcio gives up on an HTTP header block cut short and sets the length it read
        missing = max(missing, declared - int(record.length))
    return missing


def iter_warc(path: str, settings: Settings) -> Iterator[Article | Problem]:
    """Yield a raw article (or problem) per HTML response record of a WARC file.

    Args:
        path: a ``.warc`` or ``.warc.gz`` file (per-record gzip, as Common Crawl writes).
        settings: ``max_bytes`` caps each page (CC005).
    """
    number = 0
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                number += 1
                if record.rec_type is None:  # warcio is lenient: a record without WARC-Type
                    yield Problem(
                        path, "CC015", f"{path}: {CODES['CC015']}: record {number} is not WARC"
                    )
                    return
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{number}"
                length = (record.rec_headers.get_header("Content-Length") or "").strip()
                if record.rec_type not in WARC_TYPES or not length.isdigit():
                    # a record cut inside its headers ("WARC-Type: respon", "Content-Le")
                    where = f"{path}#{number}"
                    yield Problem(
                        where,
                        "CC002",
                        f"{where}: {CODES['CC002']}: record {number} has broken headers "
                        f"(type {str(record.rec_type)[:40]!r}, Content-Length "
                        f"{record.rec_headers.get_header('Content-Length')!r}): truncated?",
                    )
                    continue
                wanted = record.rec_type == "response" and record.http_headers is not None
                if wanted:
                    status = record.http_headers.get_statuscode()
                    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                    wanted = status == "200" and ctype.split(";", 1)[0].strip() in HTML_TYPES
                body = record.content_stream().read(settings.max_bytes + 1) if wanted else b""
                if len(body) > settings.max_bytes:
                    yield Problem(uri, "CC005", f"{uri}: {CODES['CC005']} (in {path})")
                    continue
                missing = _missing(record)
                if missing:
                    where = f"{path}#{number}"
                    yield Problem(
                        where,
                        "CC002",
                        f"{where}: {CODES['CC002']}: record {number} ({uri}) is truncated: "
                        f"{missing} of its {record.length} bytes are missing",
                    )
                    continue
                if wanted:
                    yield read_bytes(uri, body, settings, suffix=".html", flags={"url": uri})
            left = os.fstat(stream.fileno()).st_size - int(getattr(records, "offset", 0) or 0)
            if left > 4:  # more than the blank lines that end a record
                yield Problem(
                    path,
                    "CC002",
                    f"{path}: {CODES['CC002']}: the file ends inside record {number + 1}: "
                    f"{left} bytes after record {number} could not be read",
                )
    except FileNotFoundError:
        yield Problem(path, "CC001", f"{path}: {CODES['CC001']}")
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, AttributeError) as exc:
        # warcio fails with an AttributeError on a file cut inside a record's headers
        yield Problem(
            path, "CC002", f"{path}: {CODES['CC002']}: stopped at record {number} ({exc})"
        )
