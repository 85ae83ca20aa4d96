"""Helpers shared by the report renderers: labels, ordering, span checks, excerpts."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crosscheck.model import (
    FINDING_KINDS,
    Article,
    DateAnchor,
    Finding,
    Report,
    Span,
    article_labels,
)

LOGGER = logging.getLogger(__name__)

KIND_ORDER: tuple[str, ...] = FINDING_KINDS

KIND_LABELS: dict[str, str] = {
    "attribution_conflict": "Attribution conflict",
    "numeric_conflict": "Numeric conflict",
    "temporal_anomaly": "Temporal anomaly",
    "corroborated": "Corroborated",
    "single_source": "Single source",
    "copy": "Copy",
}

SEVERITY_ORDER: tuple[str, ...] = ("severe", "review", "info")

_WORD = re.compile(r"\w[\w'’-]*\w|\w", re.UNICODE)


def kind_rank(kind: str) -> int:
    """Position of ``kind`` in :data:`KIND_ORDER`; unknown kinds sort last."""
    try:
        return KIND_ORDER.index(kind)
    except ValueError:
        return len(KIND_ORDER)


def kind_label(kind: str) -> str:
    """Human label of a finding kind (unknown kinds are shown as written)."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def source_labels(articles: Sequence[Article]) -> dict[str, str]:
    """Short letters for the articles in report order: A, B, ..., Z, AA, AB, ...

    Reports cite evidence as ``A: “…”``; the letters are stable for one report only.
    """
    return article_labels([a.id for a in articles])


def label_of(labels: dict[str, str], article_id: str) -> str:
    """The letter of ``article_id``, or the id itself for an article not in the report."""
    return labels.get(article_id, article_id)


def grouped_findings(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by kind in :data:`KIND_ORDER`, most confident first within a kind."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.kind, []).append(finding)
    ordered = sorted(groups.items(), key=lambda kv: (kind_rank(kv[0]), kv[0]))
    return [(k, sorted(v, key=lambda f: -_conf(f))) for k, v in ordered]


def _conf(finding: Finding) -> float:
    try:
        return float(finding.confidence)
    except (TypeError, ValueError):
        return 0.0


def confidence_text(value: float) -> str:
    """Confidence 0-1 as a percentage string; out-of-range values are clamped."""
    try:
        v = min(1.0, max(0.0, float(value)))
    except (TypeError, ValueError):
        return "n/a"
    if v != v:  # NaN
        return "n/a"
    return f"{round(v * 100):d}%"


def number_text(value: float, bound: str = "=") -> str:
    """A number for display: ``42,000,000``, ``~3,000``, ``>=14,000``, ``0.25``."""
    prefix = "" if bound == "=" else bound
    try:
        v = float(value)
    except (TypeError, ValueError):
        return f"{prefix}{value}"
    if v != v or v in (float("inf"), float("-inf")):
        return f"{prefix}{v}"
    if v.is_integer() and abs(v) < 1e15:
        return f"{prefix}{int(v):,}"
    return f"{prefix}{v:,.6g}"


def anchor_text(anchor: DateAnchor) -> str:
    """Describe a date anchor: ``inferred 2021-04-01 (window 2014 – 2021-04-01; note)``."""
    if anchor.basis == "none" or not anchor.value:
        base = "none"
    else:
        base = f"{anchor.basis} {anchor.value}"
    extra: list[str] = []
    if anchor.window:
        extra.append(f"window {anchor.window[0]} – {anchor.window[1]}")
    if anchor.note:
        extra.append(anchor.note)
    return f"{base} ({'; '.join(extra)})" if extra else base


def published_text(article: Article) -> str:
    """Publication date, or ``unknown (anchor: inferred … from …)`` when there is none."""
    if article.published:
        return article.published
    return f"unknown (anchor: {anchor_text(article.date_anchor)})"


@dataclass(frozen=True, slots=True)
class Located:
    """An evidence span checked against its article: offsets valid for ``article.text``."""

    article: str
    start: int
    end: int
    text: str


def locate(span: Span, articles: dict[str, Article]) -> Located | None:
    """Check a span against its article's text and return valid offsets, or ``None``.

    Offsets are trusted when ``text[start:end] == span.text``; otherwise the span's text is
    searched for in the article (first occurrence) so slightly stale offsets still show.
    Spans of unknown articles, or whose text cannot be found, are skipped and logged.
    """
    article = articles.get(span.article)
    if article is None:
        LOGGER.warning("evidence span refers to unknown article %r; skipped", span.article)
        return None
    text = article.text
    start, end = span.start, span.end
    if 0 <= start <= end <= len(text) and (not span.text or text[start:end] == span.text):
        return Located(span.article, start, end, text[start:end])
    if span.text:
        found = text.find(span.text)
        if found >= 0:
            LOGGER.warning(
                "evidence offsets %d-%d do not match article %r; using the text found at %d",
                start,
                end,
                span.article,
                found,
            )
            return Located(span.article, found, found + len(span.text), span.text)
    LOGGER.warning("evidence span %d-%d not found in article %r; skipped", start, end, span.article)
    return None


def words(text: str) -> set[str]:
    """Lower-cased word tokens of ``text`` (for bolding words shared by evidence)."""
    return {m.group(0).lower() for m in _WORD.finditer(text)}


# fmt: off
STOPWORDS = frozenset([
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "as", "is", "are", "was", "were", "be", "been", "that", "this", "it", "its", "he", "she",
    "they", "we", "you", "i", "his", "her", "their", "our", "not", "but", "said", "says",
])
# fmt: on


def shared_words(finding: Finding, span: Span) -> set[str]:
    """Words of ``span`` that also occur in another evidence span of the same finding."""
    others: set[str] = set()
    for other in finding.evidence:
        if other is not span and other.article != span.article:
            others |= words(other.text)
    return (words(span.text) & others) - STOPWORDS


def excerpt(text: str, limit: int = 160) -> str:
    """Collapse whitespace and shorten ``text`` to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = max(1, limit * 2 // 3)
    tail = max(1, limit - head - 3)
    return f"{flat[:head].rstrip()} … {flat[-tail:].lstrip()}"


def word_spans(text: str, keep: set[str]) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` whose lower-cased form is in ``keep``."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if m.group(0).lower() in keep]


def articles_by_id(report: Report) -> dict[str, Article]:
    """The report's articles keyed by id (first one wins on duplicate ids)."""
    out: dict[str, Article] = {}
    for article in report.articles:
        out.setdefault(article.id, article)
    return out
