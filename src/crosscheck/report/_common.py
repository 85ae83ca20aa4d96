"""Helpers shared by the report renderers: labels, ordering, span checks, excerpts."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from crosscheck.model import (
    FINDING_KINDS,
    Article,
    DateAnchor,
    Finding,
    Quote,
    Report,
    Span,
    article_labels,
)

LOGGER = logging.getLogger(__name__)

KIND_ORDER: tuple[str, ...] = FINDING_KINDS

KIND_LABELS: dict[str, str] = {
    "conflict": "Needs review: conflicts",
    "contradiction": "Contradiction",
    "attribution_conflict": "Attribution conflict",
    "numeric_conflict": "Numeric conflict",
    "date_conflict": "Date conflict",
    "temporal_anomaly": "Temporal anomaly",
    "corroborated": "Corroborated",
    "single_source": "Single source",
    "copy": "Copy",
}

SEVERITY_ORDER: tuple[str, ...] = ("severe", "review", "info")

_WORD = re.compile(r"\w[\w'’-]*\w|\w", re.UNICODE)


def said_quotes(quotes: Iterable[Quote]) -> tuple[list[Quote], int]:
    """The quotes a "Who said what" list shows - speech, thought and documents - and how
    many it leaves out: those marked ``act``, a deed or event with no words ("the House
    passed a bill", "was charged with murder"), which the JSON keeps."""
    shown = [q for q in quotes if q.mode != "act"]
    return shown, sum(1 for q in quotes if q.mode == "act")


def quote_kind(quote: Quote) -> str:
    """How a quote is given and what it reports: "direct", "indirect · thought"."""
    return quote.kind if quote.mode == "speech" else f"{quote.kind} · {quote.mode}"


ACTS_LEFT_OUT = "{n} attributed act(s) with no words reported are not listed (JSON: mode act)."


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


def section_of(kind: str) -> str:
    """The report section of a kind: ``conflict`` for every conflict kind, else the kind."""
    from .rank import is_conflict

    return "conflict" if is_conflict(kind) else kind


def grouped_findings(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings in reading order, in sections: ``conflict`` (every conflict kind, most
    confident first), then ``corroborated``, ``single_source`` and the other kinds, each
    ranked by :func:`crosscheck.report.rank.rank_key`."""
    from .rank import ranked

    groups: dict[str, list[Finding]] = {}
    for finding in ranked(findings):
        groups.setdefault(section_of(finding.kind), []).append(finding)
    order = ("conflict", "corroborated", "single_source")
    return sorted(
        groups.items(),
        key=lambda kv: (order.index(kv[0]) if kv[0] in order else 3 + kind_rank(kv[0]), kv[0]),
    )


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
    prefix = {"=": "", "<~": "nearly "}.get(bound, bound)
    try:
        v = float(value)
    except (TypeError, ValueError):
        return f"{prefix}{value}"
    if v != v or v in (float("inf"), float("-inf")):
        return f"{prefix}{v}"
    if v.is_integer() and abs(v) < 1e15:
        return f"{prefix}{int(v):,}"
    return f"{prefix}{v:,.6g}"


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def day_text(value: str) -> str:
    """A date as stored, for reading: ISO's year-less ``--02-22`` is ``Feb 22 (year not
    given)``; anything else is shown as it is."""
    if len(value) == 7 and value.startswith("--") and value[2:4].isdigit() and value[5:].isdigit():
        month, day = int(value[2:4]), int(value[5:])
        if 1 <= month <= 12:
            return f"{_MONTHS[month - 1]} {day} (year not given)"
    return value


def anchor_text(anchor: DateAnchor) -> str:
    """Describe a date anchor: ``inferred 2021-04-01 (window 2014 – 2021-04-01; note)``."""
    if anchor.basis == "none" or not anchor.value:
        base = "none"
    else:
        base = f"{anchor.basis} {day_text(anchor.value)}"
    extra: list[str] = []
    if anchor.window and anchor.window[0] != anchor.window[1]:
        extra.append(f"window {day_text(anchor.window[0])} – {day_text(anchor.window[1])}")
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


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n")


def sentence_around(text: str, start: int, end: int, limit: int = 280) -> tuple[str, int, int]:
    """The sentence of ``text`` holding ``text[start:end]``, and the span's place in it.

    Returns ``(sentence, s, e)`` with ``sentence[s:e] == text[start:end]``; whitespace runs
    are kept as they are so offsets stay exact. A sentence longer than ``limit`` is cut to
    a window around the span with ``…`` at the cut ends.
    """
    if not (0 <= start <= end <= len(text)):
        return text[start:end], 0, max(0, end - start)
    left, right, prefix, suffix = _window(*sentence_bounds(text, start, end), start, end, limit)
    sentence = text[left:right].rstrip()
    return prefix + sentence + suffix, len(prefix) + start - left, len(prefix) + end - left


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence of ``text`` holding ``text[start:end]``."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m2 = _SENTENCE_END.search(text, end)
    right = m2.start() if m2 is not None else len(text)
    chunk = text[left:start]
    left = min(start, left + len(chunk) - len(chunk.lstrip()))
    return left, max(right, end)


def _window(left: int, right: int, first: int, last: int, limit: int) -> tuple[int, int, str, str]:
    """A sentence ``[left, right)`` longer than ``limit`` cut to a window around the span
    ``[first, last)``: the new bounds and the ``…`` to show at each cut end."""
    lead = trail = ""
    if right - left > limit:
        room = max(0, limit - (last - first)) // 2
        if first - left > room:
            left, lead = first - room, "…"
        if right - last > room:
            right, trail = last + room, "…"
    return left, right, lead, trail


def value_sentences(
    finding: Finding, arts: dict[str, Article], *, limit: int = 280
) -> dict[int, list[tuple[str, bool]] | None]:
    """Number and date evidence of ``finding`` shown in its sentences, values marked.

    Returns, keyed by evidence index: the sentence as ``(text, marked)`` pieces
    (whitespace collapsed) for the first value of each sentence, ``None`` for the other
    values of the same sentence (shown already), nothing for evidence that is not a value.
    """
    from .rank import shows_values

    if not shows_values(finding):
        return {}
    groups: dict[tuple[str, int, int], list[tuple[int, int, int]]] = {}
    for i, span in enumerate(finding.evidence):
        loc = locate(span, arts)
        if loc is None or loc.article not in arts or not is_short_value(loc.text):
            continue
        left, right = sentence_bounds(arts[loc.article].text, loc.start, loc.end)
        groups.setdefault((loc.article, left, right), []).append((i, loc.start, loc.end))
    out: dict[int, list[tuple[str, bool]] | None] = {}
    for (article, left, right), items in groups.items():
        text = arts[article].text
        first, last = min(s for _, s, _ in items), max(e for _, _, e in items)
        left, right, lead, trail = _window(left, right, first, last, limit)
        pieces: list[tuple[str, bool]] = []
        at = left
        for _, s, e in sorted(items, key=lambda x: (x[1], -x[2])):
            if s < at:
                continue  # overlaps a value marked already
            pieces.append((text[at:s], False))
            pieces.append((text[s:e], True))
            at = e
        pieces.append((text[at:right].rstrip(), False))
        flat: list[tuple[str, bool]] = []
        for piece, marked in pieces:
            squeezed = " ".join(piece.split())
            if piece[:1].isspace() and squeezed:
                squeezed = " " + squeezed
            if piece[-1:].isspace() and squeezed and not squeezed.endswith(" "):
                squeezed += " "
            if not squeezed and piece and piece.isspace():
                squeezed = " "
            flat.append((squeezed, marked))
        if lead:
            flat.insert(0, (lead, False))
        if trail:
            flat.append((trail, False))
        out[items[0][0]] = [p for p in flat if p[0]]
        for i, _, _ in items[1:]:
            out[i] = None
    return out


def is_short_value(text: str) -> bool:
    """Evidence that is a value (a number, a date) rather than a statement: show its sentence."""
    return len(text) <= 40 and len(text.split()) <= 5


# C0 controls but tab and newline, DEL, and C1 controls (ESC starts terminal sequences).
_CONTROLS = dict.fromkeys((*range(9), *range(11, 32), *range(127, 160)), "�")
_CONTROLS[13] = " "  # a carriage return would move the cursor back over the line


def inert(text: str) -> str:
    """``text`` with every control character replaced by one character (U+FFFD), so it
    cannot move the cursor, set a title or clear a terminal; offsets stay valid."""
    return text.translate(_CONTROLS)


def inert_report(report: Report) -> Report:
    """A copy of ``report`` with :func:`inert` applied to every string inside it (article
    texts, titles, quotes, names, summaries, evidence), for printing to a terminal."""
    import dataclasses

    def clean(value: object) -> object:
        if isinstance(value, str):
            return inert(value)
        if isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: clean(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return dataclasses.replace(value, **changes)
        return value

    cleaned = clean(report)
    assert isinstance(cleaned, Report)
    return cleaned


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


def speaker_spans(report: Report) -> dict[tuple[str, int, int], str]:
    """Where the report's quotes name their speakers, with the name each resolves to: an
    evidence span here is who said the quoted words ("Sorkin", "he"), shown as the
    speaker, not as words said."""
    return {
        (q.article, q.speaker.start, q.speaker.end): q.speaker.name
        for q in report.quotes
        if q.speaker is not None and q.speaker.end > q.speaker.start
    }


def is_speaker(span: Span, speakers: Mapping[tuple[str, int, int], str]) -> bool:
    """Whether an evidence span is the mention of a quote's speaker."""
    return (span.article, span.start, span.end) in speakers


def said_by(span: Span, speakers: Mapping[tuple[str, int, int], str], text: str) -> str:
    """The speaker's words as the source writes them, with the name they resolve to when
    the words name none of it ("He (John Kirby)", but "Whitcombe" as written)."""
    who = " ".join(text.split())
    name = speakers.get((span.article, span.start, span.end), "")
    written = {w.casefold() for w in re.findall(r"[\w'’-]+", who)}
    if name and not any(w.casefold() in written for w in name.split() if len(w) > 2):
        return f"{who} ({name})"  # "he (John Kirby)"; not "Whitcombe (Helen Whitcombe)"
    return who


def articles_by_id(report: Report) -> dict[str, Article]:
    """The report's articles keyed by id (first one wins on duplicate ids)."""
    out: dict[str, Article] = {}
    for article in report.articles:
        out.setdefault(article.id, article)
    return out
