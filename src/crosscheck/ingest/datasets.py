"""Datasets of articles: JSONL (optionally gzipped), CSV/TSV and Parquet, with a column mapping.

Each record becomes a raw ``Article`` through ``crosscheck.ingest.read_text`` (so ids, newline
handling and HTML extraction match file input), or a ``Problem`` naming the file and the
record number. Records are streamed (Parquet in batches), so memory does not grow with the
file.

Columns: each ``ColumnMap`` field names a column; ``None`` means the first present of the
defaults in ``DEFAULTS`` (matched case-insensitively). A text column is required.
A record whose text looks like HTML is read as a page (main text extracted).

Not handled: nested JSON paths for columns (``a.b``); JSON arrays (one big ``[...]``);
Excel files.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from crosscheck.errors import CODES
from crosscheck.ingest.files import (
    looks_binary_text,
    normalise_published,
    read_text,
    scrub,
    too_long,
)
from crosscheck.ingest.html import looks_like_html
from crosscheck.model import Article, Problem
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
CSV_SUFFIXES = (".csv", ".tsv", ".csv.gz", ".tsv.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
_EXTRA = "\x00extra"  # DictReader's key for the fields of a row beyond the header
DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "article", "article_text", "story"),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "source_url", "uri"),
    "date": ("published", "date", "publish_date", "date_publish", "pubdate", "published_at"),
    "outlet": ("outlet", "source", "source_name", "site", "domain", "source_domain", "publisher"),
    "author": ("author", "authors", "byline"),
}


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which dataset column holds each field (``None``: detect from ``DEFAULTS``)."""

    text: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    outlet: str | None = None
    author: str | None = None

    def resolve(self, columns: Iterable[str]) -> dict[str, str | None]:
        """Map each field to an existing column name, or None when absent."""
        present = {str(c).lower(): c for c in columns}
        out: dict[str, str | None] = {}
        for name, candidates in DEFAULTS.items():
            chosen = getattr(self, name)
            if chosen is not None:
                out[name] = present.get(chosen.lower())
                continue
            out[name] = next((present[c] for c in candidates if c in present), None)
        return out


def dataset_kind(path: str) -> str | None:
    """Return ``jsonl``, ``csv`` or ``parquet`` from a file name, else None."""
    name = path.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def _open_text(path: Path) -> IO[str]:
    """Open a JSONL/CSV file as UTF-8; a byte sequence that is not UTF-8 becomes U+FFFD
    (one bad byte costs a character of one record, not the rest of the file)."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig", errors="replace", newline="")
    return open(path, encoding="utf-8-sig", errors="replace", newline="")


def _value(record: dict[str, Any], column: str | None) -> str | None:
    if column is None:
        return None
    value = record.get(column)
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    text = scrub(str(value)).strip()
    return text or None


def _records(path: Path, kind: str, settings: Settings) -> Iterator[dict[str, Any] | Problem]:
    """Yield the records of a dataset file as dicts (bad lines as problems)."""
    if kind == "jsonl":
        with _open_text(path) as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Problem(f"{path}:{number}", "CC002", f"{path}:{number}: bad JSON ({exc})")
                    continue
                if not isinstance(record, dict):
                    yield Problem(f"{path}:{number}", "CC015", f"{path}:{number}: not an object")
                    continue
                yield record
    elif kind == "csv":
        csv.field_size_limit(min(sys.maxsize, max(settings.max_bytes, 131072)))
        delimiter = "\t" if ".tsv" in path.name.lower() else ","
        with _open_text(path) as fh:
            reader = csv.DictReader(fh, delimiter=delimiter, restkey=_EXTRA)
            for row in reader:
                extra = row.pop(_EXTRA, None)
                if extra is not None:
                    where = f"{path}:{reader.line_num}"
                    yield Problem(
                        where,
                        "CC002",
                        f"{where}: {CODES['CC002']}: the row has {len(row) + len(extra)} "
                        f"fields, the header {len(row)} (a delimiter in an unquoted field?)",
                    )
                    continue
                yield row
    else:
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=256):
            yield from batch.to_pylist()


def iter_dataset(
    path: str, settings: Settings, columns: ColumnMap | None = None
) -> Iterator[Article | Problem]:
    """Yield one raw article (or problem) per record of a JSONL, CSV/TSV or Parquet file.

    Args:
        path: the dataset file (``.jsonl``/``.ndjson`` optionally ``.gz``, ``.csv``/``.tsv``
            optionally ``.gz``, ``.parquet``).
        settings: ``max_bytes`` caps each record's text (CC005).
        columns: the column mapping; defaults detected per file.

    Yields:
        ``Article`` (``source`` is ``PATH:N``, N counting records from 1) or ``Problem``.
    """
    file = Path(path)
    kind = dataset_kind(path)
    if kind is None:
        yield Problem(path, "CC015", f"{path}: {CODES['CC015']}: not JSONL, CSV or Parquet")
        return
    if not file.is_file():
        yield Problem(path, "CC001", f"{path}: {CODES['CC001']}")
        return
    columns = columns or ColumnMap()
    mapping: dict[str, str | None] | None = None
    mapping_keys: tuple[Any, ...] = ()
    number = 0
    try:
        for record in _records(file, kind, settings):
            if isinstance(record, Problem):
                yield record
                continue
            number += 1
            source = f"{path}:{number}"
            keys = tuple(record.keys())
            if mapping is None or keys != mapping_keys:
                # JSONL records may each have their own fields: resolved per set of keys
                mapping, mapping_keys = columns.resolve(keys), keys
            if mapping["text"] is None:
                wanted = columns.text or " / ".join(DEFAULTS["text"])
                if kind != "jsonl":  # one header for the whole file
                    yield Problem(path, "CC015", f"{path}: no text column ({wanted}) found")
                    return
                yield Problem(source, "CC015", f"{source}: no text field ({wanted})")
                continue
            try:
                yield from _to_article(source, record, mapping, settings)
            except Exception as exc:  # one poison record must not stop the file
                LOGGER.warning("%s: record refused (%r)", source, exc)
                yield Problem(source, "CC002", f"{source}: {CODES['CC002']}: {exc!r}")
    except (OSError, ValueError, csv.Error, EOFError) as exc:
        # pyarrow's errors derive from these; a truncated gzip raises EOFError.
        yield Problem(
            path, "CC002", f"{path}: {CODES['CC002']}: stopped at record {number} ({exc})"
        )


def _to_article(
    source: str, record: dict[str, Any], mapping: dict[str, str | None], settings: Settings
) -> Iterator[Article | Problem]:
    """The article of one record, after a non-fatal problem for a date it cannot read."""
    text = _value(record, mapping["text"])
    if not text:
        yield Problem(source, "CC003", f"{source}: {CODES['CC003']}: the text column is empty")
        return
    refused = too_long(source, text, settings)
    if refused is not None:
        yield refused
        return
    is_html = looks_like_html(text[:4096])
    why = looks_binary_text(text, html=is_html)
    if why:
        yield Problem(source, "CC004", f"{source}: {CODES['CC004']}: {why}")
        return
    raw_date = _value(record, mapping["date"])
    published = normalise_published(raw_date)
    if raw_date and published is None:
        yield Problem(
            source,
            "CC013",
            f"{source}: {CODES['CC013']}: date {scrub(raw_date)[:80]!r} is not a date "
            "crosscheck can read; publication date left unknown",
            fatal=False,
        )
    yield read_text(
        source,
        text,
        title=_value(record, mapping["title"]),
        outlet=_value(record, mapping["outlet"]),
        author=_value(record, mapping["author"]),
        url=_value(record, mapping["url"]),
        published=published,
        html=is_html,
    )
