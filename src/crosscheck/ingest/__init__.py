"""Ingest: turning inputs (files, directories, globs, stdin, pasted text) into raw articles.

Only this package and ``store`` do I/O. Everything here yields ``Article`` or ``Problem``
and never raises on a bad input; see ``files`` for the checks and their codes.
"""

from __future__ import annotations

from crosscheck.ingest.files import (
    expand,
    normalise_published,
    read_bytes,
    read_sources,
    read_text,
)

__all__ = ["expand", "normalise_published", "read_bytes", "read_sources", "read_text"]
