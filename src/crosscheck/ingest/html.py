"""Main text and metadata from an HTML page (trafilatura, with an lxml fallback).

Used by ``files`` for ``.html`` inputs and available to other ingest modules (fetched
pages, WARC records). The text returned is the text "as read" for the article: one
paragraph per block, separated by blank lines, so the parser can split on them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

LOGGER = logging.getLogger(__name__)

_TAG = re.compile(
    rb"<(?:p|div|a|span|br|li|ul|td|tr|table|img|h[1-6]|body|head|meta|script)\b", re.I
)
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype html|html)\b", re.I | re.S
)
# A text with at least this many common HTML tags in its first 8 KB is HTML, whatever
# its extension (a plain-text article has none; a page fragment has dozens).
MIN_HTML_TAGS = 8

# trafilatura options, chosen on the Scrapinghub benchmark (all 181 pages, 4-gram F1 of
# trafilatura.extract alone): default 0.960, favor_recall 0.959, favor_precision 0.964,
# include_tables=False 0.957, no fallback 0.962. Comments are never article text.
HTML_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "favor_precision": True,
    # Dates only from markup, meta tags and the URL: htmldate's extensive search turns
    # "since 2011" in the text into a publication date of 2011-01-01 (never invent).
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
# favor_precision sometimes throws most of the article away. When its text has fewer than
# RETRY_WORDS words, the default mode is run too, and its text wins when the precise one
# has less than COLLAPSE_RATIO of its words. Measured on the same 181 pages: a collapsed
# page kept 7% of the default text, the most-trimmed correct page 28%; 0.15 sits between
# (F1 0.964 -> 0.969). Only two pages decide this: treat it as a guard, not a tuned value.
RETRY_WORDS = 250
COLLAPSE_RATIO = 0.15
# trafilatura's time grows with the elements of a page (about 0.15 ms each: a page of
# 40,000 table cells took 6 s) and its tree walks with their depth. The 181 pages of the
# Scrapinghub benchmark have at most 1,709 elements; a page past these bounds (a data dump,
# a hostile page) is read by the crude <p> extraction, which takes milliseconds.
MAX_ELEMENTS = 5_000
MAX_DEPTH = 200


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The main text of an HTML page (paragraphs separated by blank lines) and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    method: str = "trafilatura"


def looks_like_html(head: bytes | str) -> bool:
    """Sniff HTML: a doctype or ``<html`` at the start, or many common tags."""
    data = head.encode("utf-8", "replace") if isinstance(head, str) else head
    data = data[:8192].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(data)) or len(_TAG.findall(data)) >= MIN_HTML_TAGS


def _paragraphs(lines: Iterable[str]) -> str:
    """Join non-empty stripped lines with blank lines, one paragraph each."""
    return "\n\n".join(s for s in (" ".join(line.split()) for line in lines) if s)


def _parse(html: str) -> Any:
    """The page's lxml tree, or ``None`` when lxml cannot make one (empty, junk)."""
    import lxml.html  # type: ignore[import-untyped]

    try:
        return lxml.html.fromstring(html)
    except Exception:  # lxml raises ParserError, XMLSyntaxError or ValueError on junk
        return None


def oversized(root: Any) -> str | None:
    """Why a page's tree is too big for trafilatura (``MAX_ELEMENTS``, ``MAX_DEPTH``), or None.

    The walk stops at the first bound passed, so it costs at most ``MAX_ELEMENTS`` steps.
    """
    from lxml import etree

    if root is None:
        return None
    count = depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        count += 1
        depth += 1
        if count > MAX_ELEMENTS:
            return f"more than {MAX_ELEMENTS} elements"
        if depth > MAX_DEPTH:
            return f"elements nested more than {MAX_DEPTH} deep"
    return None


def _fallback_text(html: str, root: Any = None, *, lists: bool = True) -> str:
    """Crude main text: the text of every ``<p>`` (and heading) element, via lxml."""
    try:
        root = _parse(html) if root is None else root
        if root is None:
            return ""
        for bad in root.xpath("//script|//style|//noscript|//nav|//footer|//header|//aside"):
            bad.drop_tree()
        nodes = root.xpath("//p|//h1|//h2|//h3" + ("|//li[not(.//p)]" if lists else ""))
        return _paragraphs([node.text_content() for node in nodes])
    except Exception:  # lxml raises ParserError, XMLSyntaxError or ValueError on junk
        return ""


def extract_html(html: str, *, url: str | None = None) -> HtmlText | None:
    """Extract the main text and metadata of an HTML page.

    Method: trafilatura's ``bare_extraction`` (with ``HTML_OPTIONS``; metadata through
    htmldate and the page's meta tags), one paragraph per output line, joined by blank
    lines so the parser can split on them. When trafilatura raises or finds nothing, the
    text of the page's ``<p>`` elements (lxml) is used instead. Does not run JavaScript,
    so pages that build their text in the browser give nothing.

    Returns:
        The text and metadata, or ``None`` when no text at all was found.
    """
    meta: dict[str, str | None] = {}
    root = _parse(html)
    why = oversized(root)
    if why is not None:
        LOGGER.info("page with %s: main text by the <p> extraction", why)
        title = root.findtext(".//title")
        text = _fallback_text(html, root, lists=False)
        if not text.strip():
            return None
        return HtmlText(
            text=text, title=" ".join(title.split()) or None if title else None, method="lxml-p"
        )
    import trafilatura

    text = ""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **HTML_OPTIONS)
    except Exception as exc:  # broken pages must not stop the batch
        LOGGER.warning("trafilatura failed (%s); using the <p> fallback", exc)
        doc = None
    if doc is not None and not isinstance(doc, dict):
        text = _paragraphs((doc.text or "").split("\n"))
        for key in ("title", "author", "date", "sitename", "url"):
            value = getattr(doc, key, None)
            meta[key] = str(value).strip() if value else None
        words = len(text.split())
        if words < RETRY_WORDS and HTML_OPTIONS.get("favor_precision"):
            options = {**HTML_OPTIONS, "favor_precision": False}
            try:
                wider = trafilatura.bare_extraction(html, url=url, **options)
            except Exception:  # the precise result stands
                wider = None
            if wider is not None and not isinstance(wider, dict):
                wider_text = _paragraphs((wider.text or "").split("\n"))
                if words < COLLAPSE_RATIO * len(wider_text.split()):
                    LOGGER.debug("favor_precision kept %d words; using the default mode", words)
                    text = wider_text
    method = "trafilatura"
    if not text.strip():
        text, method = _fallback_text(html, root), "lxml-p"
        if not meta:
            try:
                found = trafilatura.extract_metadata(html)
            except Exception:  # metadata is optional
                found = None
            for key in ("title", "author", "date", "sitename", "url"):
                value = getattr(found, key, None) if found is not None else None
                meta[key] = str(value).strip() if value else None
    if not text.strip():
        return None
    return HtmlText(text=text, method=method, **meta)
